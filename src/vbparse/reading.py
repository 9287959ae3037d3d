"""Read a PDF into positioned words, ruling lines and icon boxes, one page at a time.

This is the only module that talks to pdfplumber. Each page is closed as soon as it is
read, so memory stays flat in page count (pdfplumber 0.11.10: `page.close()` clears both
caches; `flush_cache()` alone does not).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pdfplumber
import regex as re

from .vocab import clean, is_private_use

WORD_ATTRS = ["fontname", "size"]
# Words are split at space characters (every producer we know writes them); a visible gap
# without a space is a cell boundary (zero cell padding sets "T1" and "Utfall" of two
# cells half a point apart). Kerning never opens a gap this wide.
X_TOLERANCE = 0.5
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$|\bbd\b", re.I)
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


def is_bold(fontname: str) -> bool:
    return bool(_BOLD_RE.search(fontname.split("+", 1)[-1]))


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


def _rules_and_boxes(page: pdfplumber.page.Page) -> tuple[list[Rule], list[Rule], list[Box], list[Box]]:
    hrules: list[Rule] = []
    vrules: list[Rule] = []
    icons: list[Box] = []
    fills: list[Box] = []
    page_area = float(page.width) * float(page.height)
    for obj in page.lines:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if bottom - top <= RULE_MAX_THICKNESS and x1 - x0 > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= RULE_MAX_THICKNESS and bottom - top > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
    for obj in page.rects:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        w, h = x1 - x0, bottom - top
        if h <= RULE_MAX_THICKNESS and w > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif w <= RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
        elif w <= ICON_MAX_SIZE and h <= ICON_MAX_SIZE and obj.get("fill"):
            icons.append(Box(x0, top, x1, bottom))
        else:
            if obj.get("stroke") and w > RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
                # a stroked cell outline: its four edges are rules
                hrules += [Rule(top, x0, x1), Rule(bottom, x0, x1)]
                vrules += [Rule(x0, top, bottom), Rule(x1, top, bottom)]
            if (obj.get("fill") and not _is_white(obj.get("non_stroking_color"))
                    and w * h < 0.5 * page_area):
                fills.append(Box(x0, top, x1, bottom))
    for obj in page.curves:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if x1 - x0 <= ICON_MAX_SIZE and bottom - top <= ICON_MAX_SIZE:
            icons.append(Box(x0, top, x1, bottom))
    for obj in page.images:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if x1 - x0 <= ICON_MAX_SIZE * 1.5 and bottom - top <= ICON_MAX_SIZE * 1.5:
            icons.append(Box(x0, top, x1, bottom))
    return hrules, vrules, icons, fills


def read_page(page: pdfplumber.page.Page, number: int) -> PageData:
    raw = page.extract_words(extra_attrs=WORD_ATTRS, x_tolerance=X_TOLERANCE)
    words: list[Word] = []
    icons: list[Box] = []
    for w in raw:
        text = w["text"]
        if any(is_private_use(ch) for ch in text):
            # icon-font glyphs: an icon, and whatever real text is glued to it
            icons.append(Box(w["x0"], w["top"], w["x1"], w["bottom"]))
            text = "".join(ch for ch in text if not is_private_use(ch))
            if not text.strip():
                continue
        text = clean(text, keep_soft_hyphens=True)
        if not text.strip():
            continue
        words.append(
            Word(text, w["x0"], w["x1"], w["top"], w["bottom"], round(w["size"], 1), is_bold(w["fontname"]), number)
        )
    hrules, vrules, boxes, fills = _rules_and_boxes(page)
    data = PageData(number, float(page.width), float(page.height), words, hrules, vrules, icons + boxes,
                    images=len(page.images), fills=fills)
    return data


def read_pages(pdf: pdfplumber.PDF) -> list[PageData]:
    """Every page's words and drawings, closing pages as we go."""
    pages: list[PageData] = []
    for i, page in enumerate(pdf.pages, start=1):
        try:
            pages.append(read_page(page, i))
        finally:
            page.close()
    return pages
