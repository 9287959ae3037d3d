"""Running headers, footers and page numbers: recognised, recorded, kept out of content."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex as re

from ..vocab import PAGE_NUMBER_RE, PAGE_TAIL_RE, RUNNING_HEADER_RE, fold
from .lines import Line

MARGIN_SHARE = 0.12  # where a running header or page number may stand
REPEAT_SHARE = 0.065  # tighter band for "repeats on many pages": body text starts below it


@dataclass
class RunningHeader:
    unit: str | None  # None: a header of the kind and page number only ("Tertialrapport 1 2(5)")
    kind_text: str
    year: int | None


def _shape(ln: Line) -> tuple[str, int]:
    """Digit-blind text and height: furniture repeats at the same place on every page."""
    return re.sub(r"\d+", "#", fold(ln.text)), round(ln.top / 3)


def mark_furniture(pages: list[list[Line]], heights: list[float]) -> list[RunningHeader]:
    """Tag furniture lines (`used`, tag "furniture") and return the running headers seen."""
    headers: list[RunningHeader] = []
    n = len(pages)
    # lines in the margins whose digit-blind shape repeats on several pages
    shapes: Counter[str] = Counter()
    for lines, h in zip(pages, heights, strict=True):
        seen = {_shape(ln) for ln in lines if _in_repeat_band(ln, h)}
        shapes.update(seen)
    repeat_min = max(3, (n + 1) // 2)  # footers stand on most pages; two alike is chance
    numbered = _numbered_furniture(pages, heights)
    for lines, h in zip(pages, heights, strict=True):
        for i, ln in enumerate(lines):
            if not _in_margin(ln, h):
                continue
            text = ln.text.strip()
            m = RUNNING_HEADER_RE.match(" ".join(text.split()))
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if m is None and nxt is not None and _in_margin(nxt, h) and 0 <= nxt.top - ln.bottom < ln.size:
                # a header too long for the line: its page number wrapped onto the next line
                m = RUNNING_HEADER_RE.match(" ".join(f"{text} {nxt.text}".split()))
                if m is not None and not _is_page_number(nxt.text.strip(), ln.page):
                    m = None
            if m:
                year = m.group("year")
                headers.append(RunningHeader(m.group("unit").strip(), m.group("kind"), int(year) if year else None))
                _tag(ln)
            elif (k := _kind_and_page(text, ln.page)) is not None:
                headers.append(k)
                _tag(ln)
            elif (
                _is_page_number(text, ln.page)
                or id(ln) in numbered
                or (_in_repeat_band(ln, h) and shapes[_shape(ln)] >= repeat_min)
            ):
                _tag(ln)
    return headers


def _is_page_number(text: str, page: int) -> bool:
    """ "7", "Sida 7 av 20", "7(20)" — and the number is this page's (a lone "2024" in a
    table cell at the foot of a page is not)."""
    if not PAGE_NUMBER_RE.match(text):
        return False
    first = int(re.search(r"\d+", text).group())  # type: ignore[union-attr]
    return abs(first - page) <= 3


_KIND_PAGE_RE = re.compile(
    r"(?P<kind>verksamhetsberättelse|verksamhetsplan|tertialrapport\s*[12])(?:\s+(?P<year>\d{4}))?"
    r"\s+(?P<n>\d+)\s*\(\s*\d+\s*\)$",
    re.I,
)


def _kind_and_page(text: str, page: int) -> RunningHeader | None:
    """A running header whose unit is missing or stands apart ("Tertialrapport 2 7(8)"):
    the report's kind followed by this page's number. It still says the report's kind."""
    m = _KIND_PAGE_RE.search(" ".join(text.split()))
    if m is None or abs(int(m.group("n")) - page) > 3:
        return None
    return RunningHeader(None, m.group("kind"), int(m.group("year")) if m.group("year") else None)


def _numbered_furniture(pages: list[list[Line]], heights: list[float]) -> set[int]:
    """Margin lines ending in a page number ("N(M)", "N av M") that follows the pages:
    the same text before it, the same count M, and N the page's own number (give or take
    the same offset, a cover left unnumbered) on two pages or more. A running header or
    footer whatever its wording; a table cell's "5(17)" is not on the next page as "6(17)".
    Ids of those lines."""
    seen: dict[tuple[str, int, str, bool], list[Line]] = {}
    for lines, h in zip(pages, heights, strict=True):
        for ln in lines:
            if not _in_margin(ln, h):
                continue
            text = " ".join(ln.text.split())
            m = PAGE_TAIL_RE.search(text)
            if m is None:
                continue
            number, count = int(m.group(1)), next(g for g in m.groups()[1:] if g is not None)
            if number > int(count):
                continue
            prefix = re.sub(r"\d+", "#", fold(text[: m.start()].strip()))
            key = (prefix, number - ln.page, count, ln.top < h / 2)
            seen.setdefault(key, []).append(ln)
    return {id(ln) for found in seen.values() if len({ln.page for ln in found}) >= 2 for ln in found}


def _in_repeat_band(ln: Line, height: float) -> bool:
    """Top: only above where body text starts (repeated table headers stand just below);
    bottom: the whole footer zone."""
    return ln.bottom < height * REPEAT_SHARE or ln.top > height * (1 - MARGIN_SHARE)


def _in_margin(ln: Line, height: float, share: float = MARGIN_SHARE) -> bool:
    return ln.bottom < height * share or ln.top > height * (1 - share)


def _tag(ln: Line) -> None:
    ln.used = True
    ln.tags.append("furniture")
