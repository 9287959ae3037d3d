"""Read pages with pdfium (pypdfium2) into the same PageData the pdfplumber reader gives.

Why: pdfminer interprets content streams in Python and pdfplumber turns every char into
a dict; that was 97 % of parse time. pdfium does both in C. What is left in Python is one
loop over the chars with two raw calls each (text object, loose box; pdfium_calls), the
char origin once per word or text object, fonts once per page, and our own word grouping.
Drawings: pdfium_drawings.

Parity with pdfplumber (the reference) is won here:
- a char spans origin.x .. loose-box right (the advance), and vertically baseline +
  descent·size .. + size, with the descent pdfminer uses (the AFM table for the standard
  14 fonts, else the font descriptor);
- size is the text object's font size times its matrix scale (pdfminer's char height);
- words break at whitespace (not at pdfium's generated spaces and line ends), at a change
  of font (subset tags aside) or size, at a gap over reading.WORD_GAP ems, and where
  pdfplumber's y tolerance (3 pt) says so;
- drawings are classified as pdfminer does (one line segment, a closed axis-aligned
  four-sided path, anything else a curve with the bbox of its end points).
Coordinates are pdfplumber's: top-left origin, the page's /Rotate applied as pdfminer does.

pdfium is not thread-safe: every call runs under one process-wide lock (PDFIUM_LOCK).
"""

from __future__ import annotations

import ctypes
import math
from array import array
from collections.abc import Callable, Mapping
from ctypes import byref, c_double, c_float, c_void_p

import pypdfium2.raw as pdfium_r
from pdfminer.fontmetrics import FONT_METRICS

from .borders import cut_at_borders
from .pdfium_calls import GET_BOX, GET_OBJ, GET_ORIGIN, PDFIUM_LOCK, Matrix, compose, lib, matrix, page_ctm, transform
from .pdfium_drawings import read_drawings
from .reading import INSIDE_GLYPH, WORD_GAP, Box, PageData, Word, add_word, fill_boxes, font_family, rules_and_boxes

__all__ = ["PDFIUM_LOCK", "HyphenOf", "PdfiumUnreadable", "read_page", "read_pages"]

Y_TOLERANCE = 3.0
"""pdfplumber's extract_words default: a char this far above or below is on another line."""
SAME_X = 0.05
"""pt: chars this close start at one x, the chars of one glyph ("t" "t" of a "tt" ligature);
a text object's first char is placed by its origin (double), the next by its loose box
(float), so the second may start a hair left of the first without going back."""

_HYPHEN_MARKS = ("\ufffe", "\x02")
"""pdfium's stand-in for a hyphen ending a line; it keeps no record whether the PDF had
'-' or a soft hyphen there, so HyphenOf (from the font's ToUnicode) decides."""

HyphenOf = Callable[[str], str]
"""Font name (no subset prefix) -> the hyphen its line-end hyphens are: '-' or U+00AD."""

_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


class PdfiumUnreadable(Exception):
    """pdfium could not open the document or one of its pages."""


class TurnedPage(Exception):
    """Most of a page's text runs turned (a page drawn sideways, with or without /Rotate):
    the reference reader maps such pages upright (vbparse.pdf.upright), so the document is
    read by it."""


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
            descent = self._descents.get(font_family(name))  # pdfium keeps some fonts' subset tags
            hit = self._seen[font] = (name, _descent(font, name) if descent is None else descent)
        return hit


def _font_name(font: int) -> str:
    n = lib.FPDFFont_GetBaseFontName(font, None, 0)
    if n <= 1:
        return ""
    buf = ctypes.create_string_buffer(n)
    lib.FPDFFont_GetBaseFontName(font, buf, n)
    return buf.value.decode("utf-8", "replace")


def _descent(font: int, name: str) -> float:
    """Descent per unit of font size when the font dictionaries were not read (descents.py)."""
    if name in FONT_METRICS:
        return float(FONT_METRICS[name][0].get("Descent", 0)) / 1000
    d = c_float()
    if not lib.FPDFFont_GetDescent(font, 1000.0, byref(d)):
        return 0.0
    return min(d.value, -d.value) / 1000  # pdfminer reads a positive /Descent as negative


def _text_of(tp: int, n: int) -> str:
    """All chars of the text page at once; per char only if the UTF-16 does not line up."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = lib.FPDFText_GetText(tp, 0, n, buf)
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) == n:
        return text
    return "".join(chr(lib.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))


def _read_words(
    page: int, number: int, ctm: Matrix, height: float, fonts: _Fonts, words: list[Word], icons: list[Box]
) -> tuple[int, int]:
    """Group the text page's chars into words as pdfplumber's extract_words does.

    Per char: its text object (font and size change there) and its loose box (the
    advance: x1, and x0 for the gap test). Per word or text object: the char origin
    (the word's exact x0 and the baseline; a text object has one baseline).
    """
    tp_raw = lib.FPDFText_LoadPage(page)
    if not tp_raw:
        return 0, 0
    try:
        n = lib.FPDFText_CountChars(tp_raw)
        if n > 0:
            seen: set[int] = set()
            turned = _group(c_void_p(tp_raw), _text_of(tp_raw, n), number, ctm, height, fonts, words, icons, seen)
            words += _dropped_copies(page, ctm, height, seen, words)
            return turned, n
        return 0, 0
    finally:
        lib.FPDFText_ClosePage(tp_raw)


def _bounds(obj: int, ctm: Matrix, height: float) -> tuple[float, ...]:
    x0, y0, x1, y1 = c_float(), c_float(), c_float(), c_float()
    lib.FPDFPageObj_GetBounds(obj, byref(x0), byref(y0), byref(x1), byref(y1))
    return transform(ctm, height, x0.value, y0.value, x1.value, y1.value)


def _dropped_copies(page: int, ctm: Matrix, height: float, seen: set[int], words: list[Word]) -> list[Word]:
    """Words of text objects the text page left out as copies of an object before them.

    pdfium drops a text object with the same text, font size and nearly the same place as
    one of the five text objects before it (a fake bold drawn twice). Its "same place"
    allows a vertical offset of an eighth of the object's width, so a long word repeated
    at the same x on the next line of a tightly set narrow column ("självständighet"
    twice, 7 pt apart) was lost. The dropped object's text cannot be asked for (pdfium
    gives an object's text from the text page), so a copy is known by what pdfium
    compares: one of the five text objects before it was read, has the same font, size
    and box size, and starts at the same x. Standing more than half its height off that
    original it is text of its own, and its words are the original's, moved (pdfplumber
    reads them so). Top-level objects only."""
    out: list[Word] = []
    recent: list[int] = []  # the last five text objects
    for k in range(lib.FPDFPage_CountObjects(page)):
        obj = lib.FPDFPage_GetObject(page, k)
        if not obj or lib.FPDFPageObj_GetType(obj) != 1:
            continue
        if obj not in seen:  # rare: measured only then, with the five before it
            font, size, box = _look(obj, ctm, height)
            if box[3] > box[1] and box[2] > box[0]:
                for o in reversed(recent):
                    f, sz, b = _look(o, ctm, height)
                    if (
                        o in seen
                        and f == font
                        and sz == size
                        and abs(b[0] - box[0]) <= 1.0
                        and abs((b[2] - b[0]) - (box[2] - box[0])) <= 0.01
                        and abs((b[3] - b[1]) - (box[3] - box[1])) <= 0.01
                    ):
                        if abs(box[1] - b[1]) >= 0.5 * (box[3] - box[1]):
                            out += _moved(words, b, box[0] - b[0], box[1] - b[1])
                        break
        recent = [*recent[-4:], obj]
    return out


def _look(obj: int, ctm: Matrix, height: float) -> tuple[int, float, tuple[float, ...]]:
    """A text object's font handle, font size and box (what pdfium compares)."""
    size = c_float()
    lib.FPDFTextObj_GetFontSize(obj, byref(size))
    return lib.FPDFTextObj_GetFont(obj) or 0, size.value, _bounds(obj, ctm, height)


def _moved(words: list[Word], box: tuple[float, ...], dx: float, dy: float) -> list[Word]:
    """The words standing inside `box`, moved by (dx, dy)."""
    out = []
    for w in words:
        mx, my = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        if box[0] - 0.5 <= mx <= box[2] + 0.5 and box[1] - 0.5 <= my <= box[3] + 0.5:
            cuts = None if w.cuts is None else array("f", (c + dx for c in w.cuts))
            out.append(Word(w.text, w.x0 + dx, w.x1 + dx, w.top + dy, w.bottom + dy, w.size, w.bold, w.page, cuts))
    return out


def _group(
    tp: c_void_p,
    text: str,
    number: int,
    ctm: Matrix,
    height: float,
    fonts: _Fonts,
    words: list[Word],
    icons: list[Box],
    seen: set[int],
) -> int:
    """Words into `words` (the text objects their chars came from into `seen`); returns how
    many chars ran turned (not left to right upright)."""
    plain_page = ctm[:4] == (1.0, 0.0, 0.0, 1.0)  # no /Rotate: upright text needs a shift only
    ca, cb, cc, cd, dx, dy = ctm
    upright = True  # the current text object reads left to right in upright page space
    get_obj, get_box, get_origin = GET_OBJ, GET_BOX, GET_ORIGIN
    ox, oy, rect, fsize = c_double(), c_double(), pdfium_r.FS_RECTF(), c_float()
    ox_ref, oy_ref, rect_ref = byref(ox), byref(oy), byref(rect)
    last_obj: int | None = -1
    fontname, descent, size, top, bottom = "", 0.0, 0.0, 0.0, 0.0
    chars: list[str] = []  # the word being built, its box and font key; the last char's x0, x1
    xs: list[float] = []  # where each of its chars starts (Word.cuts)
    inner = False  # this char is a later char of one glyph read as several ("t" of a "tt" ligature)
    wx0 = wx1 = wtop = wbottom = px0 = px1 = 0.0
    wname, wsize = "", 0.0
    family = wfamily = ""  # font names without subset tags: words group by them (reading.font_family)
    families: dict[str, str] = {}
    ligatures = _LIGATURES
    turned = 0
    for i, ch in enumerate(text):
        if (ch == " " or ch == "\r" or ch == "\n") and lib.FPDFText_IsGenerated(tp, i) == 1:
            # pdfium's guess of a word or line end: the geometry decides, as in pdfplumber
            # (a gap of WORD_GAP ems; a page number after leader dots)
            continue
        if ch.isspace() or ch == "\x00":
            if chars:
                t = "".join(chars)
                add_word(
                    words,
                    icons,
                    t,
                    wx0,
                    wx1,
                    wtop,
                    wbottom,
                    wsize,
                    wname,
                    number,
                    array("f", xs[1:]) if len(t) == len(xs) else None,
                )
                chars, xs = [], []
            continue
        obj = get_obj(tp, i)
        get_box(tp, i, rect_ref)
        new_obj = obj != last_obj
        if new_obj:
            last_obj = obj
            if obj:
                seen.add(obj)
                m = matrix(obj)
                fontname, descent = fonts.get(lib.FPDFTextObj_GetFont(obj))
                family = families.get(fontname) or families.setdefault(fontname, font_family(fontname))
                lib.FPDFTextObj_GetFontSize(obj, byref(fsize))
                size = fsize.value * (abs(m[3]) if m[1] == 0 and m[2] == 0 else math.hypot(m[2], m[3]))
                up = m if plain_page else compose(m, ctm)
                upright = abs(up[1]) < 1e-6 and abs(up[2]) < 1e-6 and up[0] > 0 and up[3] > 0
            else:
                fontname, family, descent, size, upright = "", "", 0.0, 0.0, True
        if not upright:  # rotated text: the box of pdfium's loose box, in upright page space
            turned += 1
            x0, top, x1, bottom = transform(ctm, height, rect.left, rect.bottom, rect.right, rect.top)
        else:
            if plain_page:
                x0, x1 = rect.left + dx, rect.right + dx
            else:
                x0, _t, x1, _b = transform(ctm, height, rect.left, rect.bottom, rect.right, rect.top)
            if new_obj or not chars:  # exact x0 and the baseline (one per text object)
                get_origin(tp, i, ox_ref, oy_ref)
                x0 = ca * ox.value + cc * oy.value + dx
                bottom = height - (cb * ox.value + cd * oy.value + dy + descent * size)
                top = bottom - size
        if chars and (
            family != wfamily
            or size != wsize
            or x0 < px0 - SAME_X
            or x0 > px1 + WORD_GAP * wsize
            or abs(top - wtop) > Y_TOLERANCE
        ):
            t = "".join(chars)
            add_word(
                words,
                icons,
                t,
                wx0,
                wx1,
                wtop,
                wbottom,
                wsize,
                wname,
                number,
                array("f", xs[1:]) if len(t) == len(xs) else None,
            )
            chars, xs = [], []
        if not chars:
            if upright and not new_obj:
                get_origin(tp, i, ox_ref, oy_ref)
                x0 = ca * ox.value + cc * oy.value + dx
            wx0, wx1, wtop, wbottom, wname, wsize, wfamily = x0, x1, top, bottom, fontname, size, family
        else:
            # one glyph read as several chars: no boundary inside it (reading.INSIDE_GLYPH)
            inner = x0 - px0 < SAME_X
            if x1 > wx1:
                wx1 = x1
            if top < wtop:
                wtop = top
            if bottom > wbottom:
                wbottom = bottom
        if ch in _HYPHEN_MARKS:
            ch = fonts.hyphen_of(fontname)
        chars.append(ligatures.get(ch, ch))
        xs.append(INSIDE_GLYPH if inner else x0)  # a text object's first char at its origin, others
        inner = False  # at the loose box's left
        px0, px1 = x0, x1
    if chars:
        t = "".join(chars)
        add_word(
            words,
            icons,
            t,
            wx0,
            wx1,
            wtop,
            wbottom,
            wsize,
            wname,
            number,
            array("f", xs[1:]) if len(t) == len(xs) else None,
        )
    return turned


def read_page(doc: int, index: int, fonts: _Fonts, check: Callable[[], None] | None = None) -> PageData:
    """One page's words, rules and icons; the page is closed before returning."""
    page = lib.FPDF_LoadPage(doc, index)
    if not page:
        raise PdfiumUnreadable(f"pdfium could not load page {index + 1}")
    fonts.new_page()
    try:
        ctm, width, height = page_ctm(page)
        words: list[Word] = []
        icons: list[Box] = []
        turned, chars = _read_words(page, index + 1, ctm, height, fonts, words, icons)
        if chars and turned * 2 > chars:
            raise TurnedPage(f"page {index + 1}: its text runs turned")
        drawings = read_drawings(page, ctm, height, check)
    finally:
        lib.FPDF_ClosePage(page)
    hrules, vrules, boxes = rules_and_boxes(drawings)
    fills = fill_boxes(drawings, width, height)
    return PageData(
        index + 1,
        width,
        height,
        cut_at_borders(words, vrules, fills),
        hrules,
        vrules,
        icons + boxes,
        images=len(drawings.images),
        fills=fills,
    )


def read_pages(
    data: bytes,
    descents: Mapping[str, float] | None = None,
    password: str | None = None,
    hyphen_of: HyphenOf | None = None,
    check: Callable[[], None] | None = None,
) -> list[PageData]:
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
            pages = []
            for i in range(lib.FPDF_GetPageCount(raw)):
                pages.append(read_page(raw, i, fonts, check))
                if check is not None:  # the parse's deadline, between pages
                    check()
            return pages
        finally:
            doc.close()
