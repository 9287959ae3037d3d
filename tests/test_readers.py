"""The two page readers give the same report; pdfium's path keeps the batch and thread guarantees.

Parity is exact for every fixture and 20 of the 22 committed samples: the JSON is identical
whichever reader ran (no tolerance needed), but for the provenance boxes, which follow each
reader's word edges (within test_provenance.BOX_TOLERANCE). The 2 others are listed in KNOWN_DIFFERENCES
with the reason; benchmarks/reader_parity.py shows the word-level differences.
"""

from __future__ import annotations

import ctypes
import faulthandler
import shutil
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sample_reports import PDFS
from test_provenance import assert_same_report

import vbparse
from vbparse.errors import DamagedPdfError, LimitExceededError
from vbparse.io.cli import main
from vbparse.io.corpus import parse_many
from vbparse.pdf import read_pdfium, readers
from vbparse.pdf.limits import Limits

FIXTURES = sorted(PDFS.glob("*.pdf")) + sorted((PDFS.parent / "samples").glob("*.pdf"))
"""Every fixture and committed sample."""
SMALL = [PDFS / f"sample-{look}.pdf" for look in ("b_carlito_hrules", "e_rl_serif_norules", "d_rl_helvetica_grid")]


_TURNED = (
    "landscape pages turned with /Rotate: pdfplumber splits words mid-word ('tr ygghet', 'k ompetens', "
    "'fli ckor'); pdfium reads them whole, as on the upright original"
)
KNOWN_DIFFERENCES = {
    "s000245-random245": f"WeasyPrint; {_TURNED}",
    "s000403-random403": f"LibreOffice; {_TURNED}",
}
"""Samples whose reports differ between the readers, and why (benchmarks/reader_parity.py
shows every word); strict, so the day one of them agrees the entry must go."""


@pytest.mark.parametrize(
    "pdf",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_DIFFERENCES[p.stem], strict=True))
        if p.stem in KNOWN_DIFFERENCES
        else p
        for p in FIXTURES
    ],
    ids=lambda p: p.stem,
)
def test_both_readers_give_the_same_report(pdf: Path) -> None:
    """Identical JSON but for provenance boxes, which follow each reader's word edges: those
    may differ by up to test_provenance.BOX_TOLERANCE (pdfium's and pdfminer's glyph widths, 0.1 pt rounding)."""
    assert_same_report(vbparse.parse(pdf, reader="pdfium").to_dict(), vbparse.parse(pdf, reader="pdfplumber").to_dict())


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="reader must be one of"):
        vbparse.parse(SMALL[0], reader="mupdf")


def _unreadable(*args: Any, **kwargs: Any) -> Any:
    raise read_pdfium.PdfiumUnreadable("Failed to load document (PDFium: Data format error)")


def test_auto_falls_back_to_pdfplumber_when_pdfium_cannot_open(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = vbparse.parse(SMALL[0]).to_dict()
    monkeypatch.setattr(read_pdfium, "read_pages", _unreadable)
    assert_same_report(vbparse.parse(SMALL[0]).to_dict(), expected)
    with pytest.raises(DamagedPdfError, match="pdfium cannot read this PDF") as info:
        vbparse.parse(str(SMALL[0]), reader="pdfium")
    assert str(SMALL[0]) in str(info.value)


def test_auto_reads_with_pdfplumber_when_the_pdfium_reader_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise IndexError("a bug in the pdfium path")

    expected = vbparse.parse(SMALL[0]).to_dict()
    monkeypatch.setattr(read_pdfium, "read_pages", broken)
    assert_same_report(vbparse.parse(SMALL[0]).to_dict(), expected)
    with pytest.raises(vbparse.VbparseError, match="IndexError"):
        vbparse.parse(SMALL[0], reader="pdfium")


def test_threads_get_correct_reports() -> None:
    """pdfium is not thread-safe; vbparse serialises its calls (PDFIUM_LOCK)."""
    expected = {p: vbparse.parse(p, reader="pdfium").to_json() for p in SMALL}
    jobs = SMALL * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda p: vbparse.parse(p, reader="pdfium").to_json(), jobs))
    assert got == [expected[p] for p in jobs]


def test_every_pdfium_page_is_read_under_the_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[bool] = []
    real = read_pdfium.read_page

    def spy(*args: Any) -> Any:
        held.append(read_pdfium.PDFIUM_LOCK._is_owned())  # type: ignore[attr-defined]
        return real(*args)

    monkeypatch.setattr(read_pdfium, "read_page", spy)
    vbparse.parse(SMALL[0], reader="pdfium", limits=vbparse.Limits(isolate=False))  # where the spy is
    assert held and all(held)


def test_parse_many_with_a_thread_executor_uses_pdfium_safely() -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        corpus = parse_many(SMALL, executor=pool, reader="pdfium")
    assert not corpus.failures
    assert [r.to_json() for r in corpus.reports] == [vbparse.parse(p, reader="pdfium").to_json() for p in SMALL]


CRASH_SIZE = 0
"""Byte size of the document whose pdfium reading segfaults (set by the test, inherited by forked workers)."""

_real_read_pages = read_pdfium.read_pages


def _segfaulting_read_pages(data: bytes, *args: Any, **kwargs: Any) -> Any:
    if len(data) == CRASH_SIZE:
        faulthandler.disable()  # no traceback dump in the test log
        ctypes.string_at(0)  # a native crash (SIGSEGV) in the middle of the pdfium path
    return _real_read_pages(data, *args, **kwargs)


def test_native_crash_in_pdfium_fails_one_file_not_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    global CRASH_SIZE
    names = ["a.pdf", "crash.pdf", "b.pdf", "c.pdf"]
    sources = [SMALL[0], SMALL[1], SMALL[2], SMALL[0]]
    paths = []
    for name, src in zip(names, sources, strict=True):
        shutil.copy(src, tmp_path / name)
        paths.append(str(tmp_path / name))
    CRASH_SIZE = SMALL[1].stat().st_size
    monkeypatch.setattr(read_pdfium, "read_pages", _segfaulting_read_pages)
    try:
        corpus = parse_many(paths, workers=2, reader="pdfium")
    finally:
        CRASH_SIZE = 0
    assert [f.path for f in corpus.failures] == [paths[1]]
    assert "died" in corpus.failures[0].reason
    assert [r.source.file for r in corpus.reports] == ["a.pdf", "b.pdf", "c.pdf"]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_cli_reader_option(reader: str, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["parse", str(SMALL[0]), "--reader", reader, "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8") == vbparse.parse(SMALL[0], reader=reader).to_json() + "\n"


def test_reader_choices_are_the_cli_choices() -> None:
    assert readers.READERS == ("auto", "pdfium", "pdfplumber")


def _form_bomb(inflated: int) -> bytes:
    """One page whose content draws a form XObject that inflates to `inflated` bytes."""
    from test_bad_input import make_bad

    c = zlib.compressobj(9)
    parts = [c.compress(b"BT /F1 12 Tf 72 700 Td (Verksamhetsber\\344ttelse) Tj ET\n")]
    parts += [c.compress(b" " * (1 << 20)) for _ in range(inflated >> 20)]
    parts.append(c.flush())
    form_attrs = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Filter /FlateDecode"
    return make_bad.minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /X1 6 0 R >> /Font << /F1 5 0 R >> >> >>",
            make_bad.stream(b"q /X1 Do Q"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            make_bad.stream(b"".join(parts), form_attrs + b" /Resources << /Font << /F1 5 0 R >> >>"),
        ]
    )


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_form_xobject_bomb_is_refused_before_pdfium_inflates_it(reader: str) -> None:
    """pdfium has no inflate bound of ours: streamcheck inflates what it would decode first."""
    data = _form_bomb(64 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match="max_stream_bytes"):
        vbparse.parse(data, reader=reader, limits=Limits(max_stream_bytes=16 * 1024 * 1024))
    assert time.monotonic() - started < 5


def test_pdfium_reads_a_rotated_landscape_page_upright(tmp_path: Path) -> None:
    """Content drawn turned 90° on a page with /Rotate 90 reads as the upright original."""
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    original = SMALL[0]
    writer = PdfWriter(clone_from=str(original))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(90).translate(tx=h, ty=0))
        page.mediabox = page.cropbox = RectangleObject([0, 0, h, w])
        page.rotate(90)
    turned = tmp_path / "turned.pdf"
    writer.write(turned)
    got, want = vbparse.parse(turned, reader="pdfium").to_dict(), vbparse.parse(original).to_dict()
    for d in (got, want):
        d["source"].pop("sha256")
        d["source"].pop("file")
    assert got == want


_SOFT_HYPHEN_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <2D> <00AD> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


@pytest.mark.parametrize("soft", [True, False])
def test_line_end_hyphen_is_the_one_the_pdf_has(soft: bool) -> None:
    """pdfium reports '-' and a soft hyphen ending a line alike; the font's ToUnicode decides."""
    import io

    import pdfplumber
    from test_bad_input import make_bad

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        make_bad.stream(b"BT /F1 10 Tf 72 700 Td (Detta verksam-) Tj 0 -12 Td (hetsber\\344ttelse) Tj ET"),
        font + (b" /ToUnicode 6 0 R >>" if soft else b" >>"),
    ]
    if soft:
        objects.append(make_bad.stream(_SOFT_HYPHEN_CMAP))
    with pdfplumber.open(io.BytesIO(make_bad.minimal_pdf(objects))) as pdf:
        reference = [w.text for w in readers.read_document(pdf, "pdfplumber", None)[0][0].words]
        fast = [w.text for w in readers.read_document(pdf, "pdfium", None)[0][0].words]
    assert fast == reference
    assert reference[1] == ("verksam\u00ad" if soft else "verksam-")


@pytest.mark.parametrize("dy, both", [(6.0, True), (8.0, True), (0.3, False)])
def test_a_long_word_repeated_a_line_below_is_read_twice(dy: float, both: bool) -> None:
    """pdfium's text page drops a text object equal to one of the five before it within an
    eighth of its width vertically (meant for a fake bold drawn twice): "självständighet"
    twice in a narrow column set 7.2 pt apart lost its second line (D9 900005; here 10 pt
    Helvetica, 6 and 8 pt apart, within an eighth of its 63 pt). Both readers
    read it twice; a copy drawn 0.3 pt off (a fake bold) stays one word with pdfium."""
    import io

    import pdfplumber
    from test_bad_input import make_bad

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    y2 = f"{700 - dy:.1f}".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        make_bad.stream(
            b"BT /F1 10 Tf 72 710 Td (enheten) Tj ET BT /F1 10 Tf 72 700 Td (sj\\344lvst\\344ndighet) Tj ET"
            b" BT /F1 10 Tf 72 " + y2 + b" Td (sj\\344lvst\\344ndighet) Tj ET"
            b" BT /F1 10 Tf 72 680 Td (kompetens) Tj ET"
        ),
        font,
    ]
    with pdfplumber.open(io.BytesIO(make_bad.minimal_pdf(objects))) as pdf:
        fast = [(w.text, round(w.top, 1)) for w in readers.read_document(pdf, "pdfium", None)[0][0].words]
        reference = [(w.text, round(w.top, 1)) for w in readers.read_document(pdf, "pdfplumber", None)[0][0].words]
    texts = [t for t, _ in fast]
    assert texts.count("självständighet") == (2 if both else 1)
    if both:
        assert sorted(fast) == sorted(reference)
