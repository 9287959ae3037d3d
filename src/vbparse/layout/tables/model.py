"""A table as the readers found it, as explicit objects: columns → rows → cells, and spans.

The indicator, activity and complaint readers each end in one `Table`, so a wrong table
can be seen the same way whatever its kind: `vbparse inspect --png` draws it over the page
(outline, column boundaries, row tops, each cell's text box, merged cells) and `vbparse
inspect` lists it. A cell merged over several rows (a complaint group's label) or over
the whole width (an indicator's Analys row) is a `Span` naming the rows it belongs to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .columns import TableLayout

Box = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, top-down, on the row's or cell's page."""


class _Boxed(Protocol):
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Column:
    role: str
    left: float
    right: float


@dataclass
class Cell:
    role: str
    page: int
    box: Box
    text: str


@dataclass
class Row:
    page: int
    top: float
    bottom: float
    cells: list[Cell] = field(default_factory=list)

    def cell(self, role: str) -> Cell | None:
        return next((c for c in self.cells if c.role == role), None)


@dataclass
class Span:
    """A cell merged over rows or columns, and the rows (indices into `Table.rows`) it is part of."""

    role: str
    page: int
    box: Box
    text: str
    rows: list[int] = field(default_factory=list)


@dataclass
class TablePage:
    """The table's extent on one page (a table broken over pages has one per page)."""

    page: int
    left: float
    right: float
    top: float
    bottom: float


@dataclass
class Table:
    kind: str
    columns: list[Column]
    pages: list[TablePage]
    rows: list[Row] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def on_page(self, page: int) -> TablePage | None:
        return next((p for p in self.pages if p.page == page), None)

    def summary(self) -> str:
        """One line for `vbparse inspect`: kind, pages, columns, rows, merged cells."""
        pages = sorted(p.page for p in self.pages)
        where = f"p.{pages[0]}" if len(pages) == 1 else f"p.{pages[0]}–{pages[-1]}"
        spans = Counter(
            role for role, _ in dict.fromkeys((s.role, tuple(s.rows)) for s in self.spans)
        )  # a cell over a page break once
        merged = "".join(f", {n} {role} cell{'s' if n != 1 else ''}" for role, n in spans.items())
        rows = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        roles = ", ".join(c.role for c in self.columns)
        return f"{where}  {self.kind} table: {len(self.columns)} columns ({roles}), {rows}{merged}"


def box_of(parts: Iterable[_Boxed]) -> Box | None:
    """The box around text pieces (lines or words) of one page."""
    ps = list(parts)
    if not ps:
        return None
    return (min(p.x0 for p in ps), min(p.top for p in ps), max(p.x1 for p in ps), max(p.bottom for p in ps))


def cells_by_page(role: str, parts: Sequence[_Boxed]) -> list[Cell]:
    """A cell's text pieces as one Cell per page (a row broken by a page break has a part on each)."""
    out: list[Cell] = []
    for page in dict.fromkeys(p.page for p in parts):
        on = [p for p in parts if p.page == page]
        box = box_of(on)
        if box is not None:
            out.append(Cell(role, page, box, " ".join(p.text for p in on)))
    return out


def new_table(layout: TableLayout, lines: Sequence[_Boxed]) -> Table:
    """A table with the layout's columns and one extent per page its lines are on (header
    included); rows and spans are added by the reader that interprets it. An unruled
    table ends where its text does (its layout's right edge is then only the page's)."""
    text_right = max((ln.x1 for ln in lines), default=layout.right)
    right = layout.right if layout.ruled and layout.right < 10_000 else text_right
    left = min([layout.left, *(ln.x0 for ln in lines)])
    columns = [Column(b.role, b.left, b.right) for b in layout.bands]
    if columns:
        columns[0] = Column(columns[0].role, left, columns[0].right)
        columns[-1] = Column(columns[-1].role, columns[-1].left, max(right, columns[-1].left))
    pages: dict[int, TablePage] = {}
    for ln in lines:
        p = pages.get(ln.page)
        if p is None:
            pages[ln.page] = TablePage(ln.page, left, right, ln.top, ln.bottom)
        else:
            p.top, p.bottom = min(p.top, ln.top), max(p.bottom, ln.bottom)
    return Table(layout.kind, columns, list(pages.values()))


def add_row(table: Table, page: int, top: float, cells: Iterable[Cell]) -> int:
    """Append a row; returns its index. Its bottom is set by `close_rows`."""
    table.rows.append(Row(page, top, top, list(cells)))
    return len(table.rows) - 1


def close_rows(table: Table) -> None:
    """Rows tile the table: each reaches down to the next row's top on its page, the last
    one on a page to the table's foot there (a merged cell's text may run lower than its
    rows' own text)."""
    for i, row in enumerate(table.rows):
        nxt = table.rows[i + 1] if i + 1 < len(table.rows) else None
        extent = table.on_page(row.page)
        foot = extent.bottom if extent else max((c.box[3] for c in row.cells if c.page == row.page), default=row.top)
        row.bottom = nxt.top if nxt is not None and nxt.page == row.page and nxt.top > row.top else foot
