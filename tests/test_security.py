"""vbparse reads untrusted files: safe dependency versions, no code-executing deserialisers."""

from __future__ import annotations

import contextlib
import gzip
import importlib.metadata
import pathlib
import pickle
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.version import Version
from pdfminer.cmapdb import CMapDB

import vbparse

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "vbparse"

# pdfminer.six < 20251230 unpickles CMap files named by the PDF (CVE-2025-64512).
MINIMUM = {"pdfminer.six": Version("20251230"), "pdfplumber": Version("0.11.9")}

FORBIDDEN = {
    "pickle": re.compile(r"\bc?pickle\b"),
    "marshal": re.compile(r"\bmarshal\b"),
    "shelve": re.compile(r"\bshelve\b"),
    "eval(": re.compile(r"(?<![\w.])eval\s*\("),
    "exec(": re.compile(r"(?<![\w.])exec\s*\("),
    "__import__(": re.compile(r"__import__\s*\("),
    "os.system": re.compile(r"\bos\.system\b"),
    "shell=True": re.compile(r"shell\s*=\s*True"),
}


def test_installed_versions_are_at_least_the_safe_ones() -> None:
    for dist, minimum in MINIMUM.items():
        installed = Version(importlib.metadata.version(dist))
        assert installed >= minimum, f"{dist} {installed} is older than {minimum}"


def test_pyproject_allows_only_safe_versions() -> None:
    """Ranges, not pins (a shared environment must be able to install vbparse), but no
    version below the safe ones."""
    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    reqs = {Requirement(d).name: Requirement(d) for d in deps}
    for dist, minimum in MINIMUM.items():
        lows = [Version(s.version) for s in reqs[dist].specifier if s.operator in (">=", "==")]
        assert lows and min(lows) >= minimum, f"{dist} must not allow versions below {minimum}"


def test_source_has_no_code_executing_calls() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{n}: {what}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for what, pattern in FORBIDDEN.items()
        if pattern.search(line)
    ]
    assert not hits, "\n".join(hits)


class _Payload:
    """Unpickling this creates the marker file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (pathlib.Path.touch, (self.marker,))


def _pdf_name(text: str) -> bytes:
    return b"/" + b"".join(
        bytes([c]) if 0x21 <= c <= 0x7E and c not in b"/#()<>[]{}%" else b"#%02X" % c for c in text.encode()
    )


def test_pdf_cannot_make_pdfminer_unpickle_a_cmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CVE-2025-64512 shape: a Type0 font whose /Encoding names a planted pickle."""
    asked: list[str] = []
    load = CMapDB._load_data.__func__  # type: ignore[attr-defined]

    def spy(cls: type[CMapDB], name: str) -> object:
        asked.append(name)
        return load(cls, name)

    monkeypatch.setattr(CMapDB, "_load_data", classmethod(spy))
    sys.path.insert(0, str(ROOT / "fixtures" / "bad"))
    try:
        from make_bad import minimal_pdf, stream
    finally:
        sys.path.remove(str(ROOT / "fixtures" / "bad"))
    marker = tmp_path / "code-ran"
    planted = tmp_path / "evil"
    with gzip.open(f"{planted}.pickle.gz", "wb") as fh:
        pickle.dump(_Payload(marker), fh)
    pdf = minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(b"BT /F1 12 Tf 72 700 Td <0001> Tj ET"),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Evil /Encoding "
            + _pdf_name(str(planted))
            + b" /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Evil /FontDescriptor 7 0 R"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            b"<< /Type /FontDescriptor /FontName /Evil /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0"
            b" /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>",
        ]
    )
    for reader in ("pdfium", "pdfplumber"):  # only pdfplumber's path has pdfminer load CMaps
        with contextlib.suppress(vbparse.VbparseError):  # in this process, where the spy is
            vbparse.parse(pdf, reader=reader, limits=vbparse.Limits(isolate=False))
    assert str(planted) in asked, "the PDF must reach pdfminer's CMap loader, or this test proves nothing"
    assert not marker.exists(), "pdfminer unpickled a file named by the PDF"
    with gzip.open(f"{planted}.pickle.gz", "rb") as fh:  # the payload is live: loading it runs code
        pickle.load(fh)
    assert marker.exists()
