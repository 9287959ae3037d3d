"""Where each item and Value was read: its page and box, so a wrong number is found by looking.

A box is `[x0, top, x1, bottom]` in PDF points with a top-left origin, on the page as a
viewer (and pdfplumber) shows it, rounded outwards to 0.1 pt. A Value's box is the union of the
words its raw text was joined from; an item's box is the union of its own lines on its
page: a goal's or section's heading lines, a table row's cells (not the Analys row under
it, not a complaint group's merged label cell). A row or cell cut by a page break is
boxed on the page it starts on (the `page` beside the box); its part on the next page is
outside the box.

The readers work on upright pages (`upright.py` turns sideways pages), so boxes are
built in upright coordinates while parsing and turned back once at the end
(`to_shown`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..model import Activity, ComplaintRow, Goal, Indicator, Leftover, ParseWarning, Report, Section, Value
from ..pdf.reading import PageData
from ..pdf.upright import from_upright
from .lines import Line

VALUE_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "target", "kf_target")
"""Indicator fields holding a Value; the table reader's column role of the same name."""


class _Boxed(Protocol):
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


def box_of(parts: Iterable[_Boxed], page: int) -> list[float] | None:
    """Union of the boxes of words or lines on `page`, rounded outwards to 0.1 pt; None when none is there.

    Rounded outwards (floor/ceil) so the box still holds every glyph it was made from."""
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    for p in parts:
        if p.page != page:
            continue
        x0, top = min(x0, p.x0), min(top, p.top)
        x1, bottom = max(x1, p.x1), max(bottom, p.bottom)
    if x0 == float("inf"):
        return None
    return _round_out([x0, top, x1, bottom])


def _round_out(box: Sequence[float]) -> list[float]:
    x0, top, x1, bottom = box
    return [_floor1(x0), _floor1(top), _ceil1(x1), _ceil1(bottom)]


def _floor1(v: float) -> float:
    return round(math.floor(v * 10 + 1e-6) / 10, 1)


def _ceil1(v: float) -> float:
    return round(math.ceil(v * 10 - 1e-6) / 10, 1)


def line_box(lines: Sequence[Line]) -> tuple[int | None, list[float] | None]:
    """(page, box) of lines that belong together: the first line's page, the lines on it."""
    if not lines:
        return None, None
    page = lines[0].page
    return page, box_of(lines, page)


def place_cell(value: Value | None, lines: Sequence[Line] | None) -> None:
    """A Value read from a table cell's lines: where the cell starts, and its words' box there."""
    if value is None or not lines:
        return
    value.page, value.box = line_box(lines)


def place_table_row(
    item: Indicator | Activity, page: int, cells: Mapping[str, Sequence[Line]], analysis: Sequence[Line] | None = None
) -> None:
    """An indicator's or activity's row: the box of its cells on its page (the Analys row only
    when the row has no cell there), and each Value's own box."""
    lines = [ln for cell in cells.values() for ln in cell]
    box = box_of(lines, page) or box_of(analysis or [], page)
    item.box = box
    if isinstance(item, Indicator):
        for field in VALUE_FIELDS:
            place_cell(getattr(item, field), cells.get(field))


def place_complaint(row: ComplaintRow, parts: Iterable[_Boxed]) -> None:
    """A complaints-table row: its category, count and summary cells on its page (not the group label)."""
    if row.page is not None:
        row.box = box_of(parts, row.page)


def to_shown(report: Report, pages: Sequence[PageData]) -> None:
    """Turn every box on a page read turned back into the page's shown coordinates."""
    turned = {p.number: p for p in pages if p.turn}
    if not turned:
        return
    boxed: list[Section | Goal | Indicator | Activity | ComplaintRow | Value | ParseWarning | Leftover]
    boxed = [ref.obj for ref in iter_boxes(report)]
    boxed += report.warnings
    boxed += report.coverage.leftovers if report.coverage else []
    for obj in boxed:
        page = turned.get(obj.page) if obj.page is not None else None
        if page is None or obj.box is None:
            continue
        x0, top, x1, bottom = obj.box
        obj.box = _round_out(from_upright((x0, top, x1, bottom), page.turn, page.width, page.height))


@dataclass(frozen=True)
class BoxRef:
    """One boxed thing in a report: what it is (kind, label, field), and the object holding page and box."""

    kind: str
    """section, goal, indicator, activity, complaint, or value"""
    label: str
    field: str | None
    """for a Value, its Indicator field (outcome, target, …)"""
    obj: Section | Goal | Indicator | Activity | ComplaintRow | Value

    @property
    def page(self) -> int | None:
        return self.obj.page

    @property
    def box(self) -> list[float] | None:
        return self.obj.box


def _sections(sections: Iterable[Section]) -> Iterator[Section]:
    for sec in sections:
        yield sec
        yield from _sections(sec.children)


def iter_boxes(report: Report) -> Iterator[BoxRef]:
    """Every item and Value that may carry a box, in document order within its kind."""
    for sec in _sections(report.sections):
        yield BoxRef("section", sec.title, None, sec)
    for goal in report.iter_goals():
        yield BoxRef("goal", goal.title, None, goal)
        for ind in goal.indicators:
            yield BoxRef("indicator", ind.name, None, ind)
            for field in VALUE_FIELDS:
                value = getattr(ind, field)
                if value is not None:
                    yield BoxRef("value", ind.name, field, value)
        for act in goal.activities:
            yield BoxRef("activity", act.name, None, act)
    for row in report.complaints:
        yield BoxRef("complaint", row.category, None, row)
