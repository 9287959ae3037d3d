"""The default suite renders only with fonts that ship in the repository (fixtures/fonts).

A machine with python3 and nothing else must run the suite green, so no renderer used by
the default run may open a font from the system's folders, and a missing bundled font
must be a clear error naming the file, never a silent substitute.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from fixtures.render import rl_writer
from fixtures.render.looks import LOOKS
from fixtures.render.random_report import random_report

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "fixtures" / "fonts"
RL_LOOKS = sorted(name for name, look in LOOKS.items() if look.writer == "reportlab")


def _ttf_paths() -> dict[str, Path]:
    """Every TrueType font reportlab has registered so far, by name, with the file it came from."""
    out = {}
    for name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        path = getattr(getattr(font, "face", None), "filename", None)
        if path:
            out[name] = Path(path).resolve()
    return out


def test_every_font_a_default_render_opens_is_bundled() -> None:
    report = random_report(7)
    report["sections"][0]["text"] = "Åtgärder ≥ 5 ‰ — ﬁ ✓ ∑"  # glyphs the look fonts lack use the fallback
    for name in RL_LOOKS:
        rl_writer.render(report, LOOKS[name])
    paths = _ttf_paths()
    assert paths, "no TrueType font was registered: the test did not exercise the font lookup"
    outside = {n: str(p) for n, p in paths.items() if FONTS.resolve() not in p.parents}
    assert not outside, f"fonts opened from outside the repository: {outside}"


def test_bundled_fonts_carry_their_licences() -> None:
    ttfs = sorted(p.name for p in FONTS.glob("*.ttf"))
    assert ttfs, "fixtures/fonts holds no fonts"
    for family in ("Liberation", "Carlito", "DejaVu"):
        assert any(t.startswith(family) for t in ttfs), family
        assert (FONTS / f"LICENSE-{family}.txt").is_file(), family
    readme = (ROOT / "fixtures" / "README.md").read_text(encoding="utf-8")
    for family in ("Liberation", "Carlito", "DejaVu"):
        assert f"LICENSE-{family}.txt" in readme


def _render_in_child(font_dirs: str) -> subprocess.CompletedProcess[str]:
    code = (
        "from fixtures.render import rl_writer\n"
        "from fixtures.render.looks import LOOKS\n"
        "from fixtures.render.random_report import random_report\n"
        f"for n in {RL_LOOKS!r}: rl_writer.render(random_report(3), LOOKS[n])\n"
    )
    env = {**os.environ, rl_writer.FONT_DIRS_ENV: font_dirs, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_a_missing_font_is_an_error_naming_the_file(tmp_path: Path) -> None:
    result = _render_in_child(str(tmp_path))  # an empty font folder: as if the bundled fonts were deleted
    assert result.returncode != 0
    assert "FileNotFoundError" in result.stderr
    assert "-Regular.ttf" in result.stderr and str(tmp_path) in result.stderr


def test_bundled_fonts_alone_are_enough() -> None:
    result = _render_in_child(str(FONTS))
    assert result.returncode == 0, result.stderr[-2000:]
