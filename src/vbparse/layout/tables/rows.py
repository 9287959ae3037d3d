"""Where a table row begins: the evidence every producer leaves.

A row boundary is a horizontal edge (a rule, or the top or bottom of a filled area such
as a zebra stripe) lying between two lines' vertical centres, an icon that belongs to a
line, or a baseline gap wider than the table's own line pitch (cell padding, row
spacing). An icon belongs to the line whose vertical centre is nearest its own, so an
icon drawn a little above or below the text's top marks the same row.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from ...pdf.reading import Box, PageData, Rule
from ..lines import Line, line_pitch, recurring, split_phrases
from .edges import fill_edges
from .header import CELL_GAP_EM


class RowEvidence:
    """Row boundaries of one table, across its pages."""

    def __init__(self, pages: dict[int, PageData], page_lines: dict[int, list[Line]]):
        self.pages = pages
        self.page_lines = page_lines
        self._edges: dict[int, list[Rule]] = {}
        self._owners: dict[int, dict[int, list[Box]]] = {}
        self._pos: dict[int, list[float]] = {}
        self.body: list[Line] = []  # the table's body lines read so far
        self._seen = 0  # body lines counted into _span
        self._span: dict[int, tuple[float, float, int]] = {}
        self._between: dict[tuple[int, float, float, float, float, bool], bool] = {}

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

    def has_edges(self, page: int, x0: float, x1: float, rules_only: bool = False) -> bool:
        """Rows are ruled: an edge across [x0, x1] between two of the table's body lines
        (a rule under the header or around the table alone says nothing), on this page or
        another the table's body reaches (one table is drawn in one style: a page holding
        one row of it shows no edge between rows).

        rules_only: drawn rules, not the edges of fills (zebra stripes shade every other
        row, or a row and its Analys row alike: two rows unshaded show no edge between)."""
        spans = self._spans()
        if page in spans and self._edges_between(page, spans[page], x0, x1, rules_only):
            return True
        return any(self._edges_between(p, span, x0, x1, rules_only) for p, span in spans.items() if p != page)

    def _spans(self) -> dict[int, tuple[float, float, int]]:
        """Per page, the lowest and highest vertical centre of the body's lines and their
        count, brought up to date with the lines read since (the body only grows)."""
        for ln in self.body[self._seen :]:
            mid = ln.top + 0.5 * ln.height
            lo, hi, n = self._span.get(ln.page, (mid, mid, 0))
            self._span[ln.page] = (min(lo, mid), max(hi, mid), n + 1)
        self._seen = len(self.body)
        return self._span

    def _edges_between(
        self, page: int, span: tuple[float, float, int], x0: float, x1: float, rules_only: bool = False
    ) -> bool:
        lo, hi, n = span
        if n < 2:
            return False
        key = (page, lo, hi, x0, x1, rules_only)
        if key not in self._between:  # asked once per page and extent, however many lines ask
            edges = self.pages[page].hrules if rules_only else self.edges(page)
            self._between[key] = any(lo < r.pos < hi and r.start <= x0 + 1 and r.end >= x1 - 1 for r in edges)
        return self._between[key]

    def icons_of(self, line: Line) -> list[Box]:
        """Icons that mark this line: an icon alone between two horizontal edges marks the
        first line between them (its row's first line, however the cell aligns it
        vertically); any other icon marks the line whose vertical centre is nearest its own."""
        if line.page not in self._owners:
            self._owners[line.page] = self._icon_owners(line.page)
        return self._owners[line.page].get(id(line), [])

    def _icon_owners(self, page: int) -> dict[int, list[Box]]:
        owners: dict[int, list[Box]] = {}
        lines = self.page_lines.get(page, [])
        icons = _distinct(_not_cell_shades(self.pages[page].icons, self.pages[page].fills))
        cells = [self._cell_of(page, icon) for icon in icons]
        alone = Counter(c for c in cells if c is not None)
        for icon, cell in zip(icons, cells, strict=True):
            mid = (icon.top + icon.bottom) / 2
            owner = None
            if cell is not None and alone[cell] == 1:
                inside = [ln for ln in lines if cell[0] < ln.top + 0.5 * ln.height < cell[1] and ln.x1 > icon.x0]
                owner = min(inside, key=lambda ln: ln.top, default=None)
            if owner is None:
                owner = _straddled(icon, lines)
            if owner is None:
                h = icon.bottom - icon.top
                near = [ln for ln in lines if ln.top - h <= mid <= ln.bottom + h]
                owner = min(near, key=lambda ln: abs((ln.top + ln.bottom) / 2 - mid), default=None)
            if owner is not None:
                owners.setdefault(id(owner), []).append(icon)
        return owners

    def _cell_of(self, page: int, icon: Box) -> tuple[float, float] | None:
        """The nearest horizontal edges above and below the icon that run across it, if
        both exist: the cell (or band of cells) the icon stands in."""
        edges = self.edges(page)
        if not edges:
            return None
        positions = self._positions(page)
        mid = (icon.top + icon.bottom) / 2

        def across(r: Rule) -> bool:
            return r.start <= icon.x0 + 1 and r.end >= icon.x1 - 1

        i = bisect_left(positions, mid)
        above = next((edges[j].pos for j in range(i - 1, -1, -1) if across(edges[j])), None)
        below = next((edges[j].pos for j in range(i, len(edges)) if across(edges[j])), None)
        if above is None or below is None or above > icon.top + 1 or below < icon.bottom - 1:
            return None
        return round(above, 1), round(below, 1)

    def _positions(self, page: int) -> list[float]:
        if page not in self._pos:
            self._pos[page] = [r.pos for r in self.edges(page)]
        return self._pos[page]


def _straddled(icon: Box, lines: Sequence[Line]) -> Line | None:
    """The line an icon marks when it stands across two lines at once (each holds a third
    of its height or more): the row's first line, where its cells' texts begin. The lower
    line goes on with the upper one when every run of its text stands under one of the
    upper line's cells (a name's wrapped line, a value's); it opens a row when it has text
    where the upper line has none (the upper is the row above's last line). An upper
    line of one run (an analysis line, a name's wrapped line) opens no cells: the lower
    one, showing cells side by side, is the row's first; unless the upper line starts
    right of the icon (not a full-width line over the icon column) and the lower one's
    runs all stand under it: a name and a value a word space apart ('synpunkter 202' over
    'att 2024 av.' and '4-'). None when nothing tells."""
    h = icon.bottom - icon.top
    if h <= 0:
        return None
    over = [ln for ln in lines if ln.x1 > icon.x1 and min(ln.bottom, icon.bottom) - max(ln.top, icon.top) >= h / 3]
    if len(over) != 2:
        return None
    upper, lower = sorted(over, key=lambda ln: ln.top)
    ups = [(p[0].x0, p[-1].x1) for p in split_phrases(upper.words, CELL_GAP_EM)]
    lows = [(p[0].x0, p[-1].x1) for p in split_phrases(lower.words, CELL_GAP_EM)]
    under = all(any(min(a1, b1) > max(a0, b0) for b0, b1 in ups) for a0, a1 in lows)
    if under and (len(ups) >= 2 or upper.x0 >= icon.x1):
        return upper
    if len(lows) >= 2 and (not under or len(ups) < 2):
        return lower
    return None


SAME_EDGE = 0.3
"""pt: fills of one row's cells share their top and bottom exactly (PDF positions)."""


def _not_cell_shades(icons: list[Box], fills: Sequence[Box]) -> list[Box]:
    """The icons less those that are a shaded cell: an icon-sized fill (a one-line row's
    narrow cell, zebra striped) whose top and bottom are those of a fill beside it is
    that row's shading, cell by cell, not a status icon. Fills are indexed by top, so
    each icon is compared with the few at its height only."""
    if not icons or not fills:
        return list(icons)
    by_top: dict[int, list[Box]] = {}
    for f in fills:
        by_top.setdefault(round(f.top), []).append(f)

    def shade(icon: Box) -> bool:
        near = (f for k in (round(icon.top) - 1, round(icon.top), round(icon.top) + 1) for f in by_top.get(k, ()))
        return any(
            abs(f.top - icon.top) <= SAME_EDGE
            and abs(f.bottom - icon.bottom) <= SAME_EDGE
            and (f.x0 >= icon.x1 - SAME_EDGE or f.x1 <= icon.x0 + SAME_EDGE)
            for f in near
        )

    return [icon for icon in icons if not shade(icon)]


def _distinct(icons: list[Box]) -> list[Box]:
    """One box per drawn icon: an icon drawn twice (a fill and a stroke, two overlapping
    shapes) has each box's centre inside the other. Icons are sorted by position, so each
    is compared only with the few drawn just before it at about the same place."""
    out: list[Box] = []
    for icon in sorted(icons, key=lambda b: (b.top, b.x0)):
        cx, cy = (icon.x0 + icon.x1) / 2, (icon.top + icon.bottom) / 2
        dup = False
        for other in reversed(out[-8:]):
            ox, oy = (other.x0 + other.x1) / 2, (other.top + other.bottom) / 2
            if (
                other.x0 <= cx <= other.x1
                and other.top <= cy <= other.bottom
                and icon.x0 <= ox <= icon.x1
                and icon.top <= oy <= icon.bottom
            ):
                dup = True
                break
        if not dup:
            out.append(icon)
    return out


def table_pitch(lines: Sequence[Line], fallback: float) -> float:
    """The table's own line pitch: lines within one cell stand exactly this far apart."""
    if sum(1 for _ in lines) < 3:
        return fallback
    pitch = min(fallback, line_pitch(lines))
    return min([pitch, *recurring(g for g in stacked_gaps(lines) if g < pitch)])


def stacked_gaps(lines: Sequence[Line]) -> list[float]:
    """Baseline gaps between consecutive lines whose words stand over one another: one
    cell's text wrapping. A line pitch tighter than the font size (a line height under 1)
    shows only here; line_pitch takes no gap under 0.9 × the size, and a value set
    half a pitch lower than its neighbours (centred in its row) shares no x with them."""
    out: list[float] = []
    for a, b in itertools.pairwise(lines):
        gap = b.ref - a.ref
        if a.page != b.page or not 0.5 * a.size < gap < 1.5 * a.size:
            continue
        if any(min(u.x1, w.x1) - max(u.x0, w.x0) > 0 for u in a.words for w in b.words):
            out.append(gap)
    return out


def header_pitch(lines: Sequence[Line]) -> float:
    """A header band's line pitch: its stacked lines' gap where one is tighter than any
    line_pitch allows (one wrapped cell is evidence enough), else line_pitch."""
    if len(lines) < 2:
        return 1.2 * lines[0].size
    return min([line_pitch(lines), *stacked_gaps(lines)])


def gap_breaks(prev: Line, line: Line, pitch: float) -> bool:
    """A baseline gap wider than the pitch: cell padding or row spacing lies between."""
    return line.ref - prev.ref > 1.1 * pitch + 0.3
