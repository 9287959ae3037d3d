"""The documented API type-checks under `mypy --strict`, and misuse does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _mypy(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_example_script_is_clean_under_mypy_strict(tmp_path: Path) -> None:
    bad = tmp_path / "misuse.py"
    bad.write_text(
        "import vbparse\n"
        "r = vbparse.parse('x.pdf')\n"
        "r.to_frames()['warningz']\n"  # no such frame
        "r.meta.year + 'x'\n"  # year is int | None
        "from vbparse.io.export import write_frames\n"
        "write_frames(r.to_frames(), 'out', 'xlsxx')\n",  # no such format
        encoding="utf-8",
    )
    good = _mypy(ROOT / "docs" / "examples" / "analyst.py")
    assert good.returncode == 0, good.stdout + good.stderr
    caught = _mypy(bad)
    assert caught.returncode != 0
    assert "warningz" in caught.stdout and "misuse.py:4" in caught.stdout
    assert "misuse.py:6" in caught.stdout and "xlsxx" in caught.stdout
