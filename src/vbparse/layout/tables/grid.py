"""The grid a table reader found, per page: what `vbparse inspect --png` draws.

Column boundaries come from the layout, row tops from the rows the readers made, the
extent from the header's top to the last body line on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lines import Line
from .columns import TableLayout


@dataclass
class Grid:
    kind: str
    page: int
    left: float
    right: float
    top: float
    bottom: float
    columns: list[float] = field(default_factory=list)  # x of each boundary between columns
    rows: list[float] = field(default_factory=list)  # y where each row begins


def grids(layout: TableLayout, lines: Sequence[Line], row_tops: Sequence[tuple[int, float]]) -> list[Grid]:
    """One grid per page the table's lines are on."""
    out: dict[int, Grid] = {}
    left = min(layout.left, *(ln.x0 for ln in lines))
    right = max(layout.right if layout.right < 10_000 else 0, *(ln.x1 for ln in lines))
    for ln in lines:
        g = out.get(ln.page)
        if g is None:
            g = out[ln.page] = Grid(layout.kind, ln.page, left, right, ln.top, ln.bottom,
                                    [b.left for b in layout.bands[1:]])
        g.top, g.bottom = min(g.top, ln.top), max(g.bottom, ln.bottom)
    for page, top in row_tops:
        if page in out:
            out[page].rows.append(top)
    return list(out.values())
