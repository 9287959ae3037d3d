"""Where a table row begins: the evidence every producer leaves.

A row boundary is a horizontal edge (a rule, or the top or bottom of a filled area such
as a zebra stripe) lying between two lines' vertical centres, an icon that belongs to a
line, or a baseline gap wider than the table's own line pitch (cell padding, row
spacing). An icon belongs to the line whose vertical centre is nearest its own, so an
icon drawn a little above or below the text's top marks the same row.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...pdf.reading import Box, PageData, Rule
from ..lines import Line, line_pitch
from .edges import fill_edges


class RowEvidence:
    """Row boundaries of one table, across its pages."""

    def __init__(self, pages: dict[int, PageData], page_lines: dict[int, list[Line]]):
        self.pages = pages
        self.page_lines = page_lines
        self._edges: dict[int, list[Rule]] = {}
        self._owners: dict[int, dict[int, list[Box]]] = {}
        self.body: list[Line] = []  # the table's body lines read so far


    def edges(self, page: int) -> list[Rule]:
        if page not in self._edges:
            pg = self.pages[page]
            self._edges[page] = sorted([*pg.hrules, *fill_edges(pg.fills)], key=lambda r: r.pos)
        return self._edges[page]

    def edge_between(self, upper: Line, lower: Line, x0: float, x1: float) -> bool:
        """An edge across [x0, x1] between the two lines' centres (it may touch their boxes)."""
        if upper.page != lower.page:
            return False
        y0, y1 = upper.top + 0.5 * upper.height, lower.top + 0.5 * lower.height
        return any(y0 < r.pos < y1 and r.start <= x0 + 1 and r.end >= x1 - 1 for r in self.edges(lower.page))

    def has_edges(self, page: int, x0: float, x1: float) -> bool:
        """Rows on this page are ruled: an edge across [x0, x1] between two of the table's
        body lines (a rule under the header or around the table alone says nothing)."""
        mids = [ln.top + 0.5 * ln.height for ln in self.body if ln.page == page]
        if len(mids) < 2:
            return False
        lo, hi = min(mids), max(mids)
        return any(lo < r.pos < hi and r.start <= x0 + 1 and r.end >= x1 - 1 for r in self.edges(page))

    def icons_of(self, line: Line) -> list[Box]:
        """Icons whose vertical centre is nearer this line's than any other line's."""
        if line.page not in self._owners:
            owners: dict[int, list[Box]] = {}
            lines = self.page_lines.get(line.page, [])
            for icon in self.pages[line.page].icons:
                mid = (icon.top + icon.bottom) / 2
                near = [ln for ln in lines if ln.top - (icon.bottom - icon.top) <= mid <= ln.bottom
                        + (icon.bottom - icon.top)]
                if near:
                    owner = min(near, key=lambda ln: abs((ln.top + ln.bottom) / 2 - mid))
                    owners.setdefault(id(owner), []).append(icon)
            self._owners[line.page] = owners
        return self._owners[line.page].get(id(line), [])


def table_pitch(lines: Sequence[Line], fallback: float) -> float:
    """The table's own line pitch: lines within one cell stand exactly this far apart."""
    if sum(1 for _ in lines) < 3:
        return fallback
    return min(fallback, line_pitch(lines))


def gap_breaks(prev: Line, line: Line, pitch: float) -> bool:
    """A baseline gap wider than the pitch: cell padding or row spacing lies between."""
    return line.ref - prev.ref > 1.1 * pitch + 0.3
