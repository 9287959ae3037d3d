"""Recipes for small hostile PDFs (issue 14): each builder returns the bytes, so every
input in the bad-input tests and the long fuzz run is reproducible from this file.

    python tests/hostile.py OUT_DIR     # writes every input as OUT_DIR/<name>.pdf
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from fixtures.bad.make_bad import minimal_pdf

pdf = minimal_pdf
"""A classic-xref PDF from object bodies; object 1 is the catalog (the bad-sample builder's)."""


def stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 700 Td (Verksamhetsber\\344ttelse 2023) Tj ET"


def page(contents: bytes = b"4 0 R", resources: bytes = b"<< /Font << /F1 5 0 R >> >>") -> bytes:
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %s /Resources %s >>" % (contents, resources)


def one_page(content: bytes, flate: bool = True) -> bytes:
    return pdf([CATALOG, PAGES, page(), stream(content, flate=flate), HELVETICA])


# --- row 1: reference loops --------------------------------------------------------------


def self_ref_contents() -> bytes:
    """The page's /Contents is object 6, which is `6 0 R` itself."""
    return pdf([CATALOG, PAGES, page(b"6 0 R"), stream(TEXT), HELVETICA, b"6 0 R"])


def self_ref_kids() -> bytes:
    """The page tree's only kid is object 6, which is `6 0 R` itself."""
    return pdf([CATALOG, b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", page(), stream(TEXT), HELVETICA, b"6 0 R"])


def self_ref_length() -> bytes:
    """The content stream's /Length is object 6, which is `6 0 R` itself."""
    body = b"<< /Length 6 0 R >>\nstream\n" + TEXT + b"\nendstream"
    return pdf([CATALOG, PAGES, page(), body, HELVETICA, b"6 0 R"])


def ref_cycle() -> bytes:
    """/Contents 6 0 R, object 6 is `7 0 R`, object 7 is `6 0 R`."""
    return pdf([CATALOG, PAGES, page(b"6 0 R"), stream(TEXT), HELVETICA, b"7 0 R", b"6 0 R"])


# --- row 2: ranges that expand to billions of entries ------------------------------------


def _cid_font_pdf(cmap: bytes, widths: bytes) -> bytes:
    type0 = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R]"
        b" /ToUnicode 7 0 R >>"
    )
    cid = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /W " + widths + b" >>"
    )
    content = b"BT /F1 12 Tf 72 700 Td <00050006> Tj ET"
    return pdf([CATALOG, PAGES, page(), stream(content), type0, cid, stream(cmap)])


def _cmap(body: bytes) -> bytes:
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange " + body + b" endcmap end end"
    )


def cmap_bfrange() -> bytes:
    """A ToUnicode CMap mapping <00000000>..<FFFFFFFF>: four billion entries from 30 bytes."""
    return _cid_font_pdf(_cmap(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange"), b"[]")


def cmap_cidrange() -> bytes:
    return _cid_font_pdf(_cmap(b"1 begincidrange <00000000> <FFFFFFFF> 0 endcidrange"), b"[]")


def cid_widths() -> bytes:
    """A CID font /W entry `5 99999999 500`: a hundred million widths."""
    return _cid_font_pdf(_cmap(b"1 beginbfchar <0005> <0041> endbfchar"), b"[5 99999999 500]")


# --- row 3: cheap to write, expensive to read --------------------------------------------


def operator_flood(n: int = 1_000_000) -> bytes:
    """n text operators on one page (~27 KB compressed)."""
    return one_page(b"BT /F1 12 Tf 72 700 Td\n" + b"(a) Tj\n" * n + b"ET")


def nested_forms(depth: int = 25) -> bytes:
    """Form k draws form k+1 twice: 2**depth form executions."""
    objs = [
        CATALOG,
        PAGES,
        page(b"4 0 R", b"<< /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >>"),
        stream(b"/X Do"),
        HELVETICA,
    ]
    for k in range(depth):
        number = 6 + k
        inner = b"/X Do /X Do" if k < depth - 1 else TEXT
        res = b"/Resources << /XObject << /X %d 0 R >> /Font << /F1 5 0 R >> >>" % (number + 1)
        objs.append(stream(inner, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + res))
    return pdf(objs)


def rectangle_flood(n: int = 300_000) -> bytes:
    return one_page(b"".join(b"%d %d 2 2 re f\n" % (i % 500, (i // 500) % 800) for i in range(n)))


def many_pages(pages: int = 1500, words: int = 800) -> bytes:
    """`pages` pages sharing one content stream of `words` words."""
    line = b"(ord ord ord ord ord ord ord ord ord ord) Tj 0 -12 Td\n"
    content = b"BT /F1 10 Tf 40 800 Td\n" + line * (words // 10) + b"ET"
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objs = [
        CATALOG,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        page(),
        stream(content, flate=True),
        HELVETICA,
    ]
    objs += [page() for _ in range(pages)]
    return pdf(objs)


def nul_flood(megabytes: int = 20) -> bytes:
    """`%PDF-1.7` and then nothing but NUL bytes."""
    return b"%PDF-1.7\n" + b"\0" * (megabytes * 1024 * 1024)


# --- row 6: turned pages -------------------------------------------------------------------


def rotated(report: bytes, turns: Sequence[int]) -> bytes:
    """The report with page i given /Rotate turns[i] (shown sideways or upside down)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    for p, turn in zip(writer.pages, turns, strict=False):
        if turn:
            p.rotate(turn)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def landscape(report: bytes, pages: Sequence[int], rotate: int = 0) -> bytes:
    """The report with the given pages' content turned a quarter into a landscape page (as
    some producers lay out wide tables); with rotate=270 also shown upright by /Rotate."""
    import io

    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    for i in pages:
        p = writer.pages[i]
        w, h = float(p.mediabox.width), float(p.mediabox.height)
        p.add_transformation(Transformation().rotate(90).translate(tx=h, ty=0))
        p.mediabox = p.cropbox = RectangleObject([0, 0, h, w])
        if rotate:
            p.rotate(rotate)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


BUILDERS: dict[str, Callable[[], bytes]] = {
    "self_ref_contents": self_ref_contents,
    "self_ref_kids": self_ref_kids,
    "self_ref_length": self_ref_length,
    "ref_cycle": ref_cycle,
    "cmap_bfrange": cmap_bfrange,
    "cmap_cidrange": cmap_cidrange,
    "cid_widths": cid_widths,
    "operator_flood": operator_flood,
    "nested_forms": nested_forms,
    "rectangle_flood": rectangle_flood,
    "many_pages": many_pages,
    "nul_flood": nul_flood,
}
"""Every hostile input by name (the long fuzz run adds these to its corpus)."""


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/hostile")
    out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        (out / f"{name}.pdf").write_bytes(build())
        print(out / f"{name}.pdf")
