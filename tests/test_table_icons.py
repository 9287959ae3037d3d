"""Status icons as the table reader sees them: shaded cells are not icons, an icon marks
its row's first line, an icon drawn twice is one. Geometry placed by hand, no PDF."""

from __future__ import annotations

import time

from vbparse.layout.lines import Line
from vbparse.layout.tables.rows import RowEvidence
from vbparse.pdf.reading import Box, Drawings, PageData, Rule, Word, rules_and_boxes


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


def _w(text: str, x0: float, top: float, size: float = 8.0) -> Word:
    return Word(text, x0, x0 + 0.5 * size * len(text), top, top + size, size, False, 1)


def _line(*words: Word) -> Line:
    return Line(list(words), 1)


def _row_lines() -> list[Line]:
    """An indicator row of three name lines between two rules at 98 and 132."""
    return [_line(_w("Andel brukare", 60, 100), _w("85 %", 200, 100)),
            _line(_w("som har fått", 60, 110)),
            _line(_w("stöd i tid", 60, 120))]


def test_icon_alone_between_rules_marks_the_rows_first_line() -> None:
    """The icon is centred in its cell (the cell's centre is the second line's): it still
    marks the first line, where the row begins."""
    lines = _row_lines()
    page = PageData(1, 600.0, 800.0, [], hrules=[Rule(98.0, 40, 300), Rule(132.0, 40, 300)],
                    icons=[Box(44, 111, 52, 119)])
    ev = RowEvidence({1: page}, {1: lines})
    assert [len(ev.icons_of(ln)) for ln in lines] == [1, 0, 0]


def test_icon_drawn_twice_between_rules_is_one_icon() -> None:
    """A fill and a stroke of one icon (boxes a little apart): one icon, alone in its cell."""
    lines = _row_lines()
    page = PageData(1, 600.0, 800.0, [], hrules=[Rule(98.0, 40, 300), Rule(132.0, 40, 300)],
                    icons=[Box(44, 111, 52, 119), Box(43.8, 110.8, 52.2, 119.2)])
    ev = RowEvidence({1: page}, {1: lines})
    assert [len(ev.icons_of(ln)) for ln in lines] == [1, 0, 0]


def test_icons_sharing_a_band_go_to_their_nearest_lines() -> None:
    """Two icons between the same rules (rows not ruled apart): each marks its nearest line."""
    a, b = _line(_w("Första", 60, 100)), _line(_w("Andra", 60, 120))
    page = PageData(1, 600.0, 800.0, [], hrules=[Rule(90.0, 40, 300), Rule(140.0, 40, 300)],
                    icons=[Box(44, 100, 52, 108), Box(44, 120, 52, 128)])
    ev = RowEvidence({1: page}, {1: [a, b]})
    assert len(ev.icons_of(a)) == 1 and len(ev.icons_of(b)) == 1
