"""Read pages with pdfium (pypdfium2) into the same PageData the pdfplumber reader gives.

Why: pdfminer interprets content streams in Python and pdfplumber turns every char into
a dict; that was 97 % of parse time. pdfium does both in C. What is left in Python is one
loop over the chars with three raw calls each (text object, origin, loose box), fonts
read once per text object, and our own word grouping.

Parity with pdfplumber (the reference) is won here:
- a char spans origin.x .. loose-box right (the advance), and vertically baseline +
  descent·size .. + size, with the descent pdfminer uses (the AFM table for the standard
  14 fonts, else the font descriptor);
- size is the text object's font size times its matrix scale (pdfminer's char height);
- words break at whitespace (pdfium's generated spaces too, but not its generated line
  ends), at a change of font or size, and where pdfplumber's x/y tolerance (3 pt) says so;
- drawings are classified as pdfminer does (one line segment, a closed axis-aligned
  four-sided path, anything else a curve with the bbox of its end points).
Coordinates are pdfplumber's: top-left origin, the page's /Rotate applied as pdfminer does.

pdfium is not thread-safe: every call runs under one process-wide lock (PDFIUM_LOCK).
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Callable, Iterator, Mapping
from ctypes import POINTER, byref, c_double, c_float, c_int, c_uint, c_ulong, c_void_p

import pypdfium2.raw as pdfium_r
import pypdfium2_raw.bindings as _bindings
from pdfminer.fontmetrics import FONT_METRICS

from .reading import Box, Drawings, PageData, Word, add_word, rules_and_boxes

PDFIUM_LOCK = threading.RLock()
"""Held around every pdfium call vbparse makes (pdfium keeps global state)."""

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
"""pdfplumber's extract_words defaults: the gaps that still join chars into one word."""

_HYPHEN_MARKS = ("\ufffe", "\x02")
"""pdfium's stand-in for a hyphen ending a line; it keeps no record whether the PDF had
'-' or a soft hyphen there, so HyphenOf (from the font's ToUnicode) decides."""

HyphenOf = Callable[[str], str]
"""Font name (no subset prefix) -> the hyphen its line-end hyphens are: '-' or U+00AD."""

_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5
_SEG_LINETO, _SEG_BEZIERTO, _SEG_MOVETO = 0, 1, 2

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _bind() -> ctypes.CDLL:
    """Our own function objects on pypdfium2's library, with handles as plain ints
    (cheaper per call than pypdfium2's typed pointers; pypdfium2's own stay untouched)."""
    lib = ctypes.CDLL(_bindings._libs["pdfium"]._name)
    v, i = c_void_p, c_int
    sigs: dict[str, tuple[object, tuple[object, ...]]] = {
        "FPDF_GetPageCount": (i, (v,)),
        "FPDF_LoadPage": (v, (v, i)),
        "FPDF_ClosePage": (None, (v,)),
        "FPDFPage_GetRotation": (i, (v,)),
        "FPDFPage_GetMediaBox": (i, (v, POINTER(c_float), POINTER(c_float), POINTER(c_float), POINTER(c_float))),
        "FPDF_GetPageWidthF": (c_float, (v,)),
        "FPDF_GetPageHeightF": (c_float, (v,)),
        "FPDFText_LoadPage": (v, (v,)),
        "FPDFText_ClosePage": (None, (v,)),
        "FPDFText_CountChars": (i, (v,)),
        "FPDFText_GetText": (i, (v, i, i, v)),
        "FPDFText_GetUnicode": (c_uint, (v, i)),
        "FPDFText_IsGenerated": (i, (v, i)),
        "FPDFText_GetTextObject": (v, (v, i)),
        "FPDFText_GetCharOrigin": (i, (v, i, POINTER(c_double), POINTER(c_double))),
        "FPDFText_GetLooseCharBox": (i, (v, i, POINTER(pdfium_r.FS_RECTF))),
        "FPDFTextObj_GetFontSize": (i, (v, POINTER(c_float))),
        "FPDFTextObj_GetFont": (v, (v,)),
        "FPDFFont_GetBaseFontName": (c_ulong, (v, v, c_ulong)),
        "FPDFFont_GetDescent": (i, (v, c_float, POINTER(c_float))),
        "FPDFPage_CountObjects": (i, (v,)),
        "FPDFPage_GetObject": (v, (v, i)),
        "FPDFFormObj_CountObjects": (i, (v,)),
        "FPDFFormObj_GetObject": (v, (v, c_ulong)),
        "FPDFPageObj_GetType": (i, (v,)),
        "FPDFPageObj_GetMatrix": (i, (v, POINTER(pdfium_r.FS_MATRIX))),
        "FPDFPath_CountSegments": (i, (v,)),
        "FPDFPath_GetPathSegment": (v, (v, i)),
        "FPDFPathSegment_GetPoint": (i, (v, POINTER(c_float), POINTER(c_float))),
        "FPDFPathSegment_GetType": (i, (v,)),
        "FPDFPathSegment_GetClose": (i, (v,)),
        "FPDFPath_GetDrawMode": (i, (v, POINTER(c_int), POINTER(c_int))),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


_c = _bind()


class PdfiumUnreadable(Exception):
    """pdfium could not open the document or one of its pages."""


def _matrix(obj: int) -> Matrix:
    m = pdfium_r.FS_MATRIX()
    if not _c.FPDFPageObj_GetMatrix(obj, byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _page_ctm(page: int) -> tuple[Matrix, float, float]:
    """pdfminer's page matrix (mediabox origin, /Rotate) and the upright width and height."""
    x0, y0, x1, y1 = c_float(), c_float(), c_float(), c_float()
    if not _c.FPDFPage_GetMediaBox(page, byref(x0), byref(y0), byref(x1), byref(y1)):
        x0.value, y0.value = 0.0, 0.0
        x1.value, y1.value = _c.FPDF_GetPageWidthF(page), _c.FPDF_GetPageHeightF(page)
    bx0, by0 = min(x0.value, x1.value), min(y0.value, y1.value)
    bx1, by1 = max(x0.value, x1.value), max(y0.value, y1.value)
    rotation = _c.FPDFPage_GetRotation(page) % 4
    w, h = bx1 - bx0, by1 - by0
    if rotation == 1:
        return (0.0, -1.0, 1.0, 0.0, -by0, bx1), h, w
    if rotation == 2:
        return (-1.0, 0.0, 0.0, -1.0, bx1, by1), w, h
    if rotation == 3:
        return (0.0, 1.0, -1.0, 0.0, by1, -bx0), h, w
    return (1.0, 0.0, 0.0, 1.0, -bx0, -by0), w, h


class _Fonts:
    """Name and pdfminer-style descent per pdfium font handle, read once per page.

    Per page, not per document: pdfium may free a page's fonts when the page closes, and
    a later font can then get the same address."""

    def __init__(self, descents: Mapping[str, float] | None = None, hyphen_of: HyphenOf | None = None) -> None:
        self._seen: dict[int, tuple[str, float]] = {}
        self._descents = descents or {}
        self.hyphen_of: HyphenOf = hyphen_of or (lambda name: "-")

    def new_page(self) -> None:
        self._seen.clear()

    def get(self, font: int | None) -> tuple[str, float]:
        if not font:
            return "", 0.0
        hit = self._seen.get(font)
        if hit is None:
            name = _font_name(font)
            descent = self._descents.get(name)
            hit = self._seen[font] = (name, _descent(font, name) if descent is None else descent)
        return hit


def _font_name(font: int) -> str:
    n = _c.FPDFFont_GetBaseFontName(font, None, 0)
    if n <= 1:
        return ""
    buf = ctypes.create_string_buffer(n)
    _c.FPDFFont_GetBaseFontName(font, buf, n)
    return buf.value.decode("utf-8", "replace")


def _descent(font: int, name: str) -> float:
    """Descent per unit of font size when the font dictionaries were not read (descents.py)."""
    if name in FONT_METRICS:
        return float(FONT_METRICS[name][0].get("Descent", 0)) / 1000
    d = c_float()
    if not _c.FPDFFont_GetDescent(font, 1000.0, byref(d)):
        return 0.0
    return min(d.value, -d.value) / 1000  # pdfminer reads a positive /Descent as negative


def _text_of(tp: int, n: int) -> str:
    """All chars of the text page at once; per char only if the UTF-16 does not line up."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = _c.FPDFText_GetText(tp, 0, n, buf)
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) == n:
        return text
    return "".join(chr(_c.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))


def _transform(ctm: Matrix, height: float, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    """A PDF-space box as pdfplumber's (x0, top, x1, bottom) after the page matrix."""
    a, b, c, d, e, f = ctm
    xs = (a * x0 + c * y0 + e, a * x1 + c * y1 + e)
    ys = (b * x0 + d * y0 + f, b * x1 + d * y1 + f)
    return min(xs), height - max(ys), max(xs), height - min(ys)


def _fast_calls() -> tuple[object, object, object]:
    """The three per-char calls without argtypes (handles passed pre-wrapped as c_void_p):
    ctypes' argument conversion was most of their cost."""
    lib = ctypes.CDLL(_bindings._libs["pdfium"]._name)
    get_obj = lib.FPDFText_GetTextObject
    get_obj.restype = c_void_p
    get_box, get_origin = lib.FPDFText_GetLooseCharBox, lib.FPDFText_GetCharOrigin
    get_box.restype = get_origin.restype = c_int
    return get_obj, get_box, get_origin


_GET_OBJ, _GET_BOX, _GET_ORIGIN = _fast_calls()


def _read_words(page: int, number: int, ctm: Matrix, height: float, fonts: _Fonts,
                words: list[Word], icons: list[Box]) -> None:
    """Group the text page's chars into words as pdfplumber's extract_words does.

    Per char: its text object (font and size change there) and its loose box (the
    advance: x1, and x0 for the gap test). Per word or text object: the char origin
    (the word's exact x0 and the baseline; a text object has one baseline).
    """
    tp_raw = _c.FPDFText_LoadPage(page)
    if not tp_raw:
        return
    try:
        n = _c.FPDFText_CountChars(tp_raw)
        if n > 0:
            _group(c_void_p(tp_raw), _text_of(tp_raw, n), number, ctm, height, fonts, words, icons)
    finally:
        _c.FPDFText_ClosePage(tp_raw)


def _group(tp: c_void_p, text: str, number: int, ctm: Matrix, height: float, fonts: _Fonts,
           words: list[Word], icons: list[Box]) -> None:
    plain_page = ctm[:4] == (1.0, 0.0, 0.0, 1.0)  # no /Rotate: upright text needs a shift only
    ca, cb, cc, cd, dx, dy = ctm
    upright = True  # the current text object reads left to right in upright page space
    get_obj, get_box, get_origin = _GET_OBJ, _GET_BOX, _GET_ORIGIN
    ox, oy, rect, fsize = c_double(), c_double(), pdfium_r.FS_RECTF(), c_float()
    ox_ref, oy_ref, rect_ref = byref(ox), byref(oy), byref(rect)
    last_obj: int | None = -1
    fontname, descent, size, top, bottom = "", 0.0, 0.0, 0.0, 0.0
    chars: list[str] = []  # the word being built, its box and font key; the last char's x0, x1
    wx0 = wx1 = wtop = wbottom = px0 = px1 = 0.0
    wname, wsize = "", 0.0
    ligatures = _LIGATURES
    for i, ch in enumerate(text):
        if (ch == "\r" or ch == "\n") and _c.FPDFText_IsGenerated(tp, i) == 1:
            continue  # pdfium's guess of a line end: pdfplumber decides by geometry alone
        if ch.isspace() or ch == "\x00":
            if chars:
                add_word(words, icons, "".join(chars), wx0, wx1, wtop, wbottom, wsize, wname, number)
                chars = []
            continue
        obj = get_obj(tp, i)
        get_box(tp, i, rect_ref)
        new_obj = obj != last_obj
        if new_obj:
            last_obj = obj
            if obj:
                m = _matrix(obj)
                fontname, descent = fonts.get(_c.FPDFTextObj_GetFont(obj))
                _c.FPDFTextObj_GetFontSize(obj, byref(fsize))
                size = fsize.value * (abs(m[3]) if m[1] == 0 and m[2] == 0 else math.hypot(m[2], m[3]))
                up = m if plain_page else _compose(m, ctm)
                upright = abs(up[1]) < 1e-6 and abs(up[2]) < 1e-6 and up[0] > 0 and up[3] > 0
            else:
                fontname, descent, size, upright = "", 0.0, 0.0, True
        if not upright:  # rotated text: the box of pdfium's loose box, in upright page space
            x0, top, x1, bottom = _transform(ctm, height, rect.left, rect.bottom, rect.right, rect.top)
        else:
            if plain_page:
                x0, x1 = rect.left + dx, rect.right + dx
            else:
                x0, _t, x1, _b = _transform(ctm, height, rect.left, rect.bottom, rect.right, rect.top)
            if new_obj or not chars:  # exact x0 and the baseline (one per text object)
                get_origin(tp, i, ox_ref, oy_ref)
                x0 = ca * ox.value + cc * oy.value + dx
                bottom = height - (cb * ox.value + cd * oy.value + dy + descent * size)
                top = bottom - size
        if chars and (fontname != wname or size != wsize or x0 < px0 or x0 > px1 + X_TOLERANCE
                      or abs(top - wtop) > Y_TOLERANCE):
            add_word(words, icons, "".join(chars), wx0, wx1, wtop, wbottom, wsize, wname, number)
            chars = []
        if not chars:
            if upright and not new_obj:
                get_origin(tp, i, ox_ref, oy_ref)
                x0 = ca * ox.value + cc * oy.value + dx
            wx0, wx1, wtop, wbottom, wname, wsize = x0, x1, top, bottom, fontname, size
        else:
            if x1 > wx1:
                wx1 = x1
            if top < wtop:
                wtop = top
            if bottom > wbottom:
                wbottom = bottom
        if ch in _HYPHEN_MARKS:
            ch = fonts.hyphen_of(fontname)
        chars.append(ligatures.get(ch, ch))
        px0, px1 = x0, x1
    if chars:
        add_word(words, icons, "".join(chars), wx0, wx1, wtop, wbottom, wsize, wname, number)


def _objects(holder: int, count: int, get: object, outer: Matrix) -> Iterator[tuple[int, int, Matrix]]:
    """(object, type, matrix to page space of its container) for every object, forms opened."""
    for k in range(count):
        obj = get(holder, k)  # type: ignore[operator]
        if not obj:
            continue
        kind = _c.FPDFPageObj_GetType(obj)
        if kind == _OBJ_FORM:
            inner = _compose(_matrix(obj), outer)
            yield from _objects(obj, _c.FPDFFormObj_CountObjects(obj), _c.FPDFFormObj_GetObject, inner)
        elif kind in (_OBJ_PATH, _OBJ_IMAGE):
            yield obj, kind, outer


def _subpaths(obj: int, m: Matrix) -> list[list[tuple[float, float]]]:
    """The path's subpaths as pdfminer sees their points: segment ends, a close back to the start."""
    a, b, c, d, e, f = m
    x, y = c_float(), c_float()
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    bezier = 0
    for k in range(_c.FPDFPath_CountSegments(obj)):
        seg = _c.FPDFPath_GetPathSegment(obj, k)
        kind = _c.FPDFPathSegment_GetType(seg)
        _c.FPDFPathSegment_GetPoint(seg, byref(x), byref(y))
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == _SEG_MOVETO:
            if cur:
                out.append(cur)
            cur, bezier = [pt], 0
            continue
        if kind == _SEG_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps only a curve's end point
        if not cur:
            cur = [pt]
        cur.append(pt)
        if _c.FPDFPathSegment_GetClose(seg) and cur[-1] != cur[0]:
            cur.append(cur[0])
    if cur:
        out.append(cur)
    return out


def _read_drawings(page: int, ctm: Matrix, height: float) -> Drawings:
    drawings = Drawings()
    fillmode, stroke = c_int(), c_int()
    for obj, kind, outer in _objects(page, _c.FPDFPage_CountObjects(page), _c.FPDFPage_GetObject, ctm):
        m = _compose(_matrix(obj), outer)
        if kind == _OBJ_IMAGE:
            a, b, c, d, e, f = m
            xs = (e, a + e, c + e, a + c + e)
            ys = (f, b + f, d + f, b + d + f)
            drawings.images.append((min(xs), height - max(ys), max(xs), height - min(ys)))
            continue
        _c.FPDFPath_GetDrawMode(obj, byref(fillmode), byref(stroke))
        fill, stroked = fillmode.value != 0, bool(stroke.value)
        for pts in _subpaths(obj, m):
            _classify(pts, fill, stroked, height, drawings)
    return drawings


def _classify(pts: list[tuple[float, float]], fill: bool, stroke: bool, height: float, out: Drawings) -> None:
    """pdfminer's paint_path: a line, a rect, or a curve; boxes in top-left coordinates."""
    if len(pts) < 2:
        return
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    box = (min(xs), height - max(ys), max(xs), height - min(ys))
    if len(pts) == 2 or (len(pts) == 3 and pts[2] == pts[0]):
        out.lines.append(box)
        return
    if len(pts) == 5 and pts[4] == pts[0]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
            out.rects.append((*box, fill, stroke))
            return
    out.curves.append(box)


def read_page(doc: int, index: int, fonts: _Fonts) -> PageData:
    """One page's words, rules and icons; the page is closed before returning."""
    page = _c.FPDF_LoadPage(doc, index)
    if not page:
        raise PdfiumUnreadable(f"pdfium could not load page {index + 1}")
    fonts.new_page()
    try:
        ctm, width, height = _page_ctm(page)
        words: list[Word] = []
        icons: list[Box] = []
        _read_words(page, index + 1, ctm, height, fonts, words, icons)
        drawings = _read_drawings(page, ctm, height)
    finally:
        _c.FPDF_ClosePage(page)
    hrules, vrules, boxes = rules_and_boxes(drawings)
    return PageData(index + 1, width, height, words, hrules, vrules, icons + boxes, images=len(drawings.images))


def read_pages(data: bytes, descents: Mapping[str, float] | None = None,
               password: str | None = None, hyphen_of: HyphenOf | None = None) -> list[PageData]:
    """Every page of the document in `data`; PdfiumUnreadable when pdfium cannot open it
    or a page of it (the caller decides whether to fall back to pdfplumber).

    descents: BaseFont -> descent as pdfminer reads it (descents.font_descents); without
    it pdfium's own font metrics are used. hyphen_of: see HyphenOf (default: always '-')."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data, password=password)
        except pdfium.PdfiumError as exc:
            raise PdfiumUnreadable(str(exc)) from None
        try:
            raw = ctypes.cast(doc.raw, c_void_p).value
            fonts = _Fonts(descents, hyphen_of)
            return [read_page(raw, i, fonts) for i in range(_c.FPDF_GetPageCount(raw))]
        finally:
            doc.close()
