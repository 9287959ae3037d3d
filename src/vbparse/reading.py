"""Read a PDF into positioned words, ruling lines and icon boxes, one page at a time.

This is the only module that talks to pdfplumber. Each page is closed as soon as it is
read, so memory stays flat in page count (pdfplumber 0.11.10: `page.close()` clears both
caches; `flush_cache()` alone does not).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import regex as re
from pdfplumber.utils import extract_words

from .upright import quarter_turn, to_upright, upright_size
from .vocab import clean, is_private_use

WORD_ATTRS = ["fontname", "size"]
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


_Fix = Callable[[dict[str, Any]], dict[str, Any]]
"""An object's copy as on the upright page (see _page_turn)."""


def is_bold(fontname: str) -> bool:
    return bool(_BOLD_RE.search(fontname.split("+", 1)[-1]))


def _rules_and_boxes(page: pdfplumber.page.Page, fix: _Fix | None = None) -> tuple[list[Rule], list[Rule], list[Box]]:
    hrules: list[Rule] = []
    vrules: list[Rule] = []
    icons: list[Box] = []
    lines, rects, curves, images = page.lines, page.rects, page.curves, page.images
    if fix is not None:  # a turned page: every box as on the upright page
        lines, rects, curves, images = ([fix(o) for o in objs] for objs in (lines, rects, curves, images))
    for obj in lines:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if bottom - top <= RULE_MAX_THICKNESS and x1 - x0 > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= RULE_MAX_THICKNESS and bottom - top > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
    for obj in rects:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        w, h = x1 - x0, bottom - top
        if h <= RULE_MAX_THICKNESS and w > RULE_MAX_THICKNESS:
            hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif w <= RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            vrules.append(Rule((x0 + x1) / 2, top, bottom))
        elif w <= ICON_MAX_SIZE and h <= ICON_MAX_SIZE and obj.get("fill"):
            icons.append(Box(x0, top, x1, bottom))
        elif obj.get("stroke") and w > RULE_MAX_THICKNESS and h > RULE_MAX_THICKNESS:
            # a stroked cell outline: its four edges are rules
            hrules += [Rule(top, x0, x1), Rule(bottom, x0, x1)]
            vrules += [Rule(x0, top, bottom), Rule(x1, top, bottom)]
    for obj in curves:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if x1 - x0 <= ICON_MAX_SIZE and bottom - top <= ICON_MAX_SIZE:
            icons.append(Box(x0, top, x1, bottom))
    for obj in images:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if x1 - x0 <= ICON_MAX_SIZE * 1.5 and bottom - top <= ICON_MAX_SIZE * 1.5:
            icons.append(Box(x0, top, x1, bottom))
    return hrules, vrules, icons


# --- turned pages (vbparse.upright decides the turn and maps the boxes) ---


def _page_turn(page: pdfplumber.page.Page) -> tuple[int, _Fix | None]:
    """The page's quarter turn and, if turned, a function giving an object's upright copy."""
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


def read_page(page: pdfplumber.page.Page, number: int) -> PageData:
    turn, fix = _page_turn(page)
    if fix is None:
        raw = page.extract_words(extra_attrs=WORD_ATTRS)
    else:
        raw = extract_words([fix(c) for c in page.chars], extra_attrs=WORD_ATTRS)
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
    hrules, vrules, boxes = _rules_and_boxes(page, fix)
    width, height = upright_size(turn, float(page.width), float(page.height))
    data = PageData(number, width, height, words, hrules, vrules, icons + boxes, images=len(page.images))
    return data


def read_pages(pdf: pdfplumber.PDF, check: Callable[[], None] | None = None) -> list[PageData]:
    """Every page's words and drawings, closing pages as we go; `check` runs after each
    page (the parse's deadline)."""
    pages: list[PageData] = []
    for i, page in enumerate(pdf.pages, start=1):
        try:
            pages.append(read_page(page, i))
        finally:
            page.close()
        if check is not None:
            check()
    return pages
