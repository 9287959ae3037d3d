"""Status icons as the table reader sees them: shaded cells are not icons. Geometry placed
by hand, no PDF."""

from __future__ import annotations

import time

from vbparse.pdf.reading import Box, Drawings, rules_and_boxes


def test_a_shaded_narrow_cell_beside_shaded_cells_is_no_icon() -> None:
    """A zebra row shaded cell by cell: the narrow icon-column cell (18 x 15 pt, icon
    sized) meets the name cell's rect edge to edge, so it is shading, not an icon."""
    row = [(80.0, 600.0, 98.0, 615.0), (98.05, 600.0, 250.0, 615.0), (250.05, 600.0, 300.0, 615.0)]
    d = Drawings(rects=[(*r, True, False) for r in row])
    _, _, icons = rules_and_boxes(d)
    assert icons == []


def test_an_icon_inside_a_shaded_cell_is_still_an_icon() -> None:
    """A filled dot drawn inside a shaded cell touches none of the cells' edges."""
    rects = [(80.0, 600.0, 98.0, 615.0), (98.05, 600.0, 250.0, 615.0), (84.0, 603.0, 93.0, 612.0)]
    d = Drawings(rects=[(*r, True, False) for r in rects])
    _, _, icons = rules_and_boxes(d)
    assert icons == [Box(84.0, 603.0, 93.0, 612.0)]


def test_an_icon_drawn_twice_on_itself_stays_an_icon() -> None:
    """Two filled rects at one place (an icon painted twice) share no edge side by side."""
    d = Drawings(rects=[(84.0, 603.0, 93.0, 612.0, True, False), (84.0, 603.0, 93.0, 612.0, True, True)])
    _, _, icons = rules_and_boxes(d)
    assert len(icons) == 2  # one place: RowEvidence counts them as one icon


def test_many_touching_fills_stay_linear() -> None:
    """A page tiled with small touching fills: every one is shading, found in near-linear time."""
    rects = [(10.0 + 5 * i, 10.0 + 5 * j, 15.0 + 5 * i, 15.0 + 5 * j, True, False)
             for i in range(110) for j in range(160)]
    started = time.monotonic()
    _, _, icons = rules_and_boxes(Drawings(rects=rects))
    assert icons == []
    assert time.monotonic() - started < 5.0
