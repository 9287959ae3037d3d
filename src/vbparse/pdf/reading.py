"""Read a PDF into positioned words, ruling lines and icon boxes, one page at a time.

This is the only module that talks to pdfplumber. Each page is closed as soon as it is
read, so memory stays flat in page count (pdfplumber 0.11.10: `page.close()` clears both
caches; `flush_cache()` alone does not).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import regex as re
from pdfplumber.utils import extract_words

from ..vocab import clean, is_private_use
from .upright import quarter_turn, to_upright, upright_size

FONT_KEY = "vb_font"
"""Char attribute: the font's name without its subset tag (font_family)."""
WORD_ATTRS = [FONT_KEY, "size"]
WORD_GAP = 0.15
"""Widest gap (ems of the glyph's size) between two glyphs of one word, both readers. A
word space is 0.22-0.32 em in every text font; kerning and glyph-position rounding stay
under 0.05 em. So a space a producer leaves undrawn (pdftocairo draws none) still breaks
the word, and two cells set with no padding ("KF:s" "Period", 2.5 pt apart at 9 pt)
stay apart, where a fixed 3 pt tolerance glued them."""
_SUBSET_TAG_RE = re.compile(r"^[A-Z]{6}\+")


def font_family(fontname: str) -> str:
    """A font's name without its subset tag: "ZCFYPK+Carlito" and "LONAEC+Carlito" are
    subsets of one font (pdftocairo splits each font into a simple and a CID subset, the
    ligatures in the latter), so a word does not end where the glyphs change subset."""
    return _SUBSET_TAG_RE.sub("", fontname, count=1)


INSIDE_GLYPH = math.nan
"""Word.cuts of a character drawn inside another's glyph (the "i" of an "fi" ligature): no
cell border can pass there, and NaN matches no position, so no word is cut inside a glyph."""
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$|\bbd\b", re.I)
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_UNMAPPED_RE = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""A glyph the PDF gives no character for: pdfminer writes "(cid:12)", pdfium the raw code."""
UNMAPPED = "\ufffd"
RULE_MAX_THICKNESS = 2.5
ICON_MAX_SIZE = 24.0


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    cuts: Sequence[float] | None = None
    """Where each character after the first starts (len(text) - 1 x positions), so a word
    glued across two table cells (zero padding leaves no gap) can be cut at a column
    boundary; None when cleaning changed the text's length (a ligature expanded, NFC).
    The readers store a float32 array (4 bytes a character; positions are exact to ~0.1 pt)."""

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Rule:
    """A horizontal (y fixed) or vertical (x fixed) ruling segment."""

    pos: float
    start: float
    end: float


@dataclass(slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageData:
    number: int
    width: float
    height: float
    words: list[Word]
    hrules: list[Rule] = field(default_factory=list)
    vrules: list[Rule] = field(default_factory=list)
    icons: list[Box] = field(default_factory=list)
    images: int = 0
    # filled areas larger than an icon (shaded header rows, zebra stripes): row evidence
    fills: list[Box] = field(default_factory=list)
    # quarter turn the page was read upright from (upright.py): provenance boxes turn back by it
    turn: int = 0


def is_bold(fontname: str) -> bool:
    return bool(_BOLD_RE.search(fontname.split("+", 1)[-1]))


Segment = tuple[float, float, float, float]
"""x0, top, x1, bottom of a drawn object, in top-left page coordinates."""


@dataclass(slots=True)
class Drawings:
    """A page's drawn objects as pdfminer classifies them, from whichever reader."""

    lines: list[Segment] = field(default_factory=list)
    rects: list[tuple[float, float, float, float, bool, bool]] = field(default_factory=list)
    """x0, top, x1, bottom, fill, stroke"""
    curves: list[Segment] = field(default_factory=list)
    images: list[Segment] = field(default_factory=list)
    filled: list[Segment] = field(default_factory=list)
    """rects filled with a colour other than white (a reader that cannot tell leaves it empty)"""


SHARED_EDGE = 0.5  # pt: two cells' shading rects meet edge to edge (they may overlap by a border's width)


def _shaded_cells(d: Drawings) -> set[int]:
    """Indexes into `d.rects` of small filled rects that share an edge with another filled
    rect: a table cell's shading (Word and LibreOffice fill each shaded cell with its own
    rect, side by side), not a status icon, which stands alone inside its cell.

    Filled rects are indexed by edge position and 24 pt band, so a page of many rects
    stays linear (each small rect looks in a few buckets, not at every other rect)."""
    band = ICON_MAX_SIZE
    filled = [
        (k, r)
        for k, r in enumerate(d.rects)
        if r[4] and r[2] - r[0] > RULE_MAX_THICKNESS and r[3] - r[1] > RULE_MAX_THICKNESS
    ]
    small = [(k, r) for k, r in filled if r[2] - r[0] <= ICON_MAX_SIZE and r[3] - r[1] <= ICON_MAX_SIZE]
    if not small or len(filled) < 2:
        return set()
    # edge buckets: ("x", x rounded, y band) for left/right edges, ("y", y rounded, x band) for top/bottom
    index: dict[tuple[str, int, int], list[int]] = {}
    for k, (x0, top, x1, bottom, _f, _s) in filled:
        for x in (x0, x1):
            for b in range(int(top // band), int(bottom // band) + 1):
                index.setdefault(("x", round(x), b), []).append(k)
        for y in (top, bottom):
            for b in range(int(x0 // band), int(x1 // band) + 1):
                index.setdefault(("y", round(y), b), []).append(k)

    def meets(k: int, axis: str, edge: float, far: bool, lo: float, hi: float) -> bool:
        """Another filled rect lies beyond this edge (`far`: right of or below it), its
        near edge at `edge` along [lo, hi] for half that length: the two meet there."""
        need = 0.5 * (hi - lo)
        for key in {
            (axis, round(edge + dx), b)
            for dx in (-SHARED_EDGE, 0.0, SHARED_EDGE)
            for b in range(int(lo // band), int(hi // band) + 1)
        }:
            for j in index.get(key, ()):
                x0, top, x1, bottom = d.rects[j][:4]
                a0, a1, e0, e1 = (top, bottom, x0, x1) if axis == "x" else (x0, x1, top, bottom)
                near = e0 if far else e1
                if j != k and abs(near - edge) <= SHARED_EDGE and min(hi, a1) - max(lo, a0) >= need:
                    return True
        return False

    out: set[int] = set()
    for k, (x0, top, x1, bottom, _f, _s) in small:
        if (
            meets(k, "x", x0, False, top, bottom)
            or meets(k, "x", x1, True, top, bottom)
            or meets(k, "y", top, False, x0, x1)
            or meets(k, "y", bottom, True, x0, x1)
        ):
            out.add(k)
    return out


def ring_hrules(d: Drawings) -> list[Rule]:
    """Horizontal borders painted as rings: two filled boxes of one width, nested, their
    tops and their bottoms each the same or within a rule's thickness of each other.
    Filled even-odd as one path (WeasyPrint draws a cell's border, or one side of it, so),
    they cover only the strips between those edges: rules. The boxes stay fills as well.
    A ring's half may be read as a curve (its box is the same).

    Boxes are grouped by their left and right edges and sorted by top, so only near
    neighbours are compared: a page flooded with rects stays near-linear."""
    groups: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for x0, top, x1, bottom in [r[:4] for r in d.rects if r[4]] + list(d.curves):
        if x1 - x0 > RULE_MAX_THICKNESS and bottom - top > RULE_MAX_THICKNESS:
            groups.setdefault((round(10 * x0), round(10 * x1)), []).append((top, bottom))
    found: set[tuple[float, float, float]] = set()
    for (x0, x1), boxes in groups.items():
        boxes = sorted(set(boxes))
        for k, (top, bottom) in enumerate(boxes):
            for top2, bottom2 in boxes[k + 1 :]:
                if top2 - top > RULE_MAX_THICKNESS:
                    break
                if abs(bottom2 - bottom) > RULE_MAX_THICKNESS:
                    continue
                for a, b in ((top, top2), (min(bottom, bottom2), max(bottom, bottom2))):
                    if b - a > 0.05:
                        found.add((round((a + b) / 2, 2), x0 / 10, x1 / 10))
    return [Rule(*f) for f in sorted(found)]


def rules_and_boxes(d: Drawings) -> tuple[list[Rule], list[Rule], list[Box]]:
    """Ruling lines and icon boxes from drawn objects (one rule set for both readers)."""
    hrules: list[Rule] = ring_hrules(d)
    vrules: list[Rule] = []
    icons: list[Box] = []
    shaded = _shaded_cells(d)
    for x0, top, x1, bottom in d.lines:
        if bottom - top <= RULE_MAX_THICKNESS and x1 - x0 > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= RULE_MAX_THICKNESS and bottom - top > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
    for k, (x0, top, x1, bottom, fill, stroke) in enumerate(d.rects):
        w, h = x1 - x0, bottom - top
        if h <= RULE_MAX_THICKNESS and w > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif w <= RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
        elif w <= ICON_MAX_SIZE and h <= ICON_MAX_SIZE and fill:
            if k not in shaded:
                icons.append(Box(x0, top, x1, bottom))
        elif stroke and w > RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            # a stroked cell outline: its four edges are rules
            hrules += [Rule(top, x0, x1), Rule(bottom, x0, x1)]
            vrules += [Rule(x0, top, bottom), Rule(x1, top, bottom)]
    for x0, top, x1, bottom in d.curves:
        w, h = x1 - x0, bottom - top
        # a border drawn as a path is a thin curve: a rule, never an icon
        if h <= RULE_MAX_THICKNESS and w > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif w <= RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
        elif RULE_MAX_THICKNESS < w <= ICON_MAX_SIZE and RULE_MAX_THICKNESS < h <= ICON_MAX_SIZE:
            icons.append(Box(x0, top, x1, bottom))
    for x0, top, x1, bottom in d.images:
        if x1 - x0 <= ICON_MAX_SIZE * 1.5 and bottom - top <= ICON_MAX_SIZE * 1.5:
            icons.append(Box(x0, top, x1, bottom))
    return hrules, vrules, icons


def fill_boxes(d: Drawings, width: float, height: float) -> list[Box]:
    """Filled areas larger than an icon and not rules (shaded rows, zebra stripes), not the page."""
    out: list[Box] = []
    for x0, top, x1, bottom in d.filled:
        w, h = x1 - x0, bottom - top
        if (
            w > RULE_MAX_THICKNESS
            and h > RULE_MAX_THICKNESS
            and not (w <= ICON_MAX_SIZE and h <= ICON_MAX_SIZE)
            and w * h < 0.5 * width * height
        ):
            out.append(Box(x0, top, x1, bottom))
    return out


def _is_white(colour: object) -> bool:
    """A white (or unset) fill paints nothing a reader sees: page backgrounds, blank cells."""
    if colour is None:
        return True
    comps = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        vals = [float(c) for c in comps]
    except (TypeError, ValueError):
        return False
    if len(vals) == 4:  # CMYK: white is no ink
        return all(v <= 0.01 for v in vals)
    return all(v >= 0.99 for v in vals)


_Fix = Callable[[dict[str, Any]], dict[str, Any]]


def _drawings(page: pdfplumber.page.Page, fix: _Fix | None = None) -> Drawings:
    def box(o: dict[str, Any]) -> Segment:
        if fix is not None:  # a turned page: every box as on the upright page
            o = fix(o)
        return (o["x0"], o["top"], o["x1"], o["bottom"])

    return Drawings(
        lines=[box(o) for o in page.lines],
        rects=[(*box(o), bool(o.get("fill")), bool(o.get("stroke"))) for o in page.rects],
        curves=[box(o) for o in page.curves],
        images=[box(o) for o in page.images],
        filled=[box(o) for o in page.rects if o.get("fill") and not _is_white(o.get("non_stroking_color"))],
    )


def _page_turn(page: pdfplumber.page.Page) -> tuple[int, _Fix | None]:
    """The page's quarter turn (pdf.upright decides) and, if turned, a function giving an object's upright copy."""
    turn = quarter_turn((c["matrix"][0], c["matrix"][1]) for c in page.chars)
    if not turn:
        return 0, None
    width, height = float(page.width), float(page.height)

    def fix(obj: dict[str, Any]) -> dict[str, Any]:
        x0, top, x1, bottom = to_upright((obj["x0"], obj["top"], obj["x1"], obj["bottom"]), turn, width, height)
        out = {**obj, "x0": x0, "top": top, "x1": x1, "bottom": bottom, "doctop": top, "upright": True}
        if "size" in obj:  # pdfminer's size is a glyph's display height: upright, that is this
            out["size"] = round(bottom - top, 3)  # rounded: words group by equal size
        return out

    return turn, fix


def add_word(
    words: list[Word],
    icons: list[Box],
    text: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    size: float,
    fontname: str,
    number: int,
    cuts: Sequence[float] | None = None,
) -> None:
    """Append one extracted word (both readers): icon glyphs become icon boxes, text is cleaned.

    `cuts`: where each character after the first starts, one per character of `text`
    (None if the reader could not tell); dropped when cleaning changes the length."""
    if _UNMAPPED_RE.search(text):  # both readers say so alike: U+FFFD, counted in a warning
        text = _UNMAPPED_RE.sub(UNMAPPED, text)
        cuts = None
    if not text.isascii():  # ASCII is already clean and has no icon glyphs
        n = len(text)
        if _PRIVATE_USE_RE.search(text):
            # icon-font glyphs: an icon, and whatever real text is glued to it
            icons.append(Box(x0, top, x1, bottom))
            text = "".join(ch for ch in text if not is_private_use(ch))
            if not text.strip():
                return
        text = clean(text, keep_soft_hyphens=True)
        if len(text) != n:
            cuts = None
    if not text.strip():
        return
    words.append(Word(text, x0, x1, top, bottom, round(size, 1), is_bold(fontname), number, cuts))


def read_page(page: pdfplumber.page.Page, number: int, shifts: Mapping[str, float] | None = None) -> PageData:
    """`shifts`: per font (subset tag dropped), how far down to move its glyphs per unit of
    size, so that every face of a family has the family's descent (descents.shared_descents)."""
    from .borders import cut_at_borders  # borders imports this module's types

    turn, fix = _page_turn(page)
    chars = page.chars if fix is None else [fix(c) for c in page.chars]
    families: dict[str, str] = {}
    for c in chars:
        name = c["fontname"]
        fam = families.get(name)
        if fam is None:
            fam = families[name] = font_family(name)
        c[FONT_KEY] = fam
        if shifts and (shift := shifts.get(fam)):
            _move_down(c, shift * c["size"])
    raw = extract_words(chars, extra_attrs=WORD_ATTRS, x_tolerance_ratio=WORD_GAP, return_chars=True)
    words: list[Word] = []
    icons: list[Box] = []
    for w in raw:
        text, chars = w["text"], w["chars"]
        if len(chars) == len(text):  # one character per glyph
            cuts = array("f", [c["x0"] for c in chars[1:]])
        else:  # a ligature's "fi" from one glyph: no boundary inside it
            xs = [x for c in chars for x in (c["x0"], *[INSIDE_GLYPH] * (len(c["text"]) - 1))]
            cuts = array("f", xs[1:]) if len(xs) == len(text) else None
        add_word(words, icons, text, w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w[FONT_KEY], number, cuts)
    drawings = _drawings(page, fix)
    hrules, vrules, boxes = rules_and_boxes(drawings)
    width, height = upright_size(turn, float(page.width), float(page.height))
    fills = fill_boxes(drawings, width, height)
    return PageData(
        number,
        width,
        height,
        cut_at_borders(words, vrules, fills),
        hrules,
        vrules,
        icons + boxes,
        images=len(drawings.images),
        fills=fills,
        turn=turn,
    )


def _move_down(c: dict[str, Any], dy: float) -> None:
    for key in ("top", "bottom", "doctop"):
        if key in c:
            c[key] += dy
    for key in ("y0", "y1"):
        if key in c:
            c[key] -= dy


def read_pages(
    pdf: pdfplumber.PDF, check: Callable[[], None] | None = None, shifts: Mapping[str, float] | None = None
) -> list[PageData]:
    """Every page's words and drawings, closing pages as we go; `check` runs after each
    page (the parse's deadline). `shifts` as for `read_page`."""
    pages: list[PageData] = []
    for i, page in enumerate(pdf.pages, start=1):
        try:
            pages.append(read_page(page, i, shifts))
        finally:
            page.close()
        if check is not None:
            check()
    return pages
