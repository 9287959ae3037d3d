"""The complaints table as an explicit model: its rows' cells, and each group's merged cell."""

from __future__ import annotations

from ..model import Span, Table, add_row, cells_by_page, close_rows
from .row import _Row


def fill_table(table: Table, rows: list[_Row], groups: list[str | None], split_x: float) -> None:
    """Rows with their category, count and summary cells; one span per run of rows a group
    label was given to, over the group column (the table's left edge to `split_x`) from the
    run's first row to its last on each page."""
    first = len(table.rows)
    for row in rows:
        cells = [*cells_by_page("category", row.cat), *cells_by_page("summary", row.summary)]
        for role, words in row.cells.items():
            cells += cells_by_page(role, words)
        add_row(table, row.page, row.top, cells)
    close_rows(table)
    run: list[int] = []
    for i, group in enumerate([*groups, None]):
        if run and (group is None or group != groups[run[0]] or rows[i].page != rows[run[0]].page):
            on = [table.rows[first + k] for k in run]
            page = table.on_page(on[0].page)
            left = page.left if page else split_x
            label = groups[run[0]]
            assert label is not None
            box = (left, on[0].top, split_x, on[-1].bottom)
            table.spans.append(Span("group", on[0].page, box, label, [first + k for k in run]))
            run = []
        if group is not None:
            run.append(i)
