"""Status icons as the table reader sees them: shaded cells are not icons, an icon marks
its row's first line, an icon drawn twice is one. Geometry placed by hand, no PDF."""

from __future__ import annotations

import time

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import layout_from_header
from vbparse.layout.tables.goals import RowReader
from vbparse.layout.tables.header import Header, clusters
from vbparse.layout.tables.reader import TableReader
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
    rects = [
        (10.0 + 5 * i, 10.0 + 5 * j, 15.0 + 5 * i, 15.0 + 5 * j, True, False) for i in range(110) for j in range(160)
    ]
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
    return [
        _line(_w("Andel brukare", 60, 100), _w("85 %", 200, 100)),
        _line(_w("som har fått", 60, 110)),
        _line(_w("stöd i tid", 60, 120)),
    ]


def test_icon_alone_between_rules_marks_the_rows_first_line() -> None:
    """The icon is centred in its cell (the cell's centre is the second line's): it still
    marks the first line, where the row begins."""
    lines = _row_lines()
    page = PageData(
        1, 600.0, 800.0, [], hrules=[Rule(98.0, 40, 300), Rule(132.0, 40, 300)], icons=[Box(44, 111, 52, 119)]
    )
    ev = RowEvidence({1: page}, {1: lines})
    assert [len(ev.icons_of(ln)) for ln in lines] == [1, 0, 0]


def test_icon_drawn_twice_between_rules_is_one_icon() -> None:
    """A fill and a stroke of one icon (boxes a little apart): one icon, alone in its cell."""
    lines = _row_lines()
    page = PageData(
        1,
        600.0,
        800.0,
        [],
        hrules=[Rule(98.0, 40, 300), Rule(132.0, 40, 300)],
        icons=[Box(44, 111, 52, 119), Box(43.8, 110.8, 52.2, 119.2)],
    )
    ev = RowEvidence({1: page}, {1: lines})
    assert [len(ev.icons_of(ln)) for ln in lines] == [1, 0, 0]


def test_icons_sharing_a_band_go_to_their_nearest_lines() -> None:
    """Two icons between the same rules (rows not ruled apart): each marks its nearest line."""
    a, b = _line(_w("Första", 60, 100)), _line(_w("Andra", 60, 120))
    page = PageData(
        1,
        600.0,
        800.0,
        [],
        hrules=[Rule(90.0, 40, 300), Rule(140.0, 40, 300)],
        icons=[Box(44, 100, 52, 108), Box(44, 120, 52, 128)],
    )
    ev = RowEvidence({1: page}, {1: [a, b]})
    assert len(ev.icons_of(a)) == 1 and len(ev.icons_of(b)) == 1


def _at(text: str, x0: float, x1: float, top: float, size: float = 11.0) -> Word:
    return Word(text, x0, x1, top, top + size, size, True, 1)


def test_narrow_header_cells_a_word_space_apart_are_two_columns() -> None:
    """Bottom-aligned narrow cells: "pojkar" and "flickor" end their cells 4 pt apart (less
    than a word space at 11 pt), but each has its own stack above and nothing of another
    line reaches into the gap: two columns. "Utfall VB 2022" stays one cell."""
    rows = [
        [_at("Utfall", 455.8, 483.2, 244.7)],
        [_at("Utfall", 418.4, 445.8, 257.3), _at("kvinn", 455.2, 483.9, 257.3)],
        [_at("Periodens", 344.1, 397.2, 270.0), _at("män/", 419.3, 444.9, 270.0), _at("or/", 462.6, 476.6, 270.0)],
        [
            _at("Indikator", 192.3, 238.7, 282.6),
            _at("utfall", 357.5, 383.7, 282.6),
            _at("pojkar", 415.7, 448.7, 282.6),
            _at("flickor", 453.1, 486.1, 282.6),
            _at("Utfall", 493.3, 520.7, 282.6),
            _at("VB", 523.8, 539.1, 282.6),
            _at("2022", 542.2, 566.6, 282.6),
        ],
    ]
    groups = [" ".join(w.text for w in g) for g in clusters([Line(ws, 1) for ws in rows])]
    assert groups == [
        "Indikator",
        "Periodens utfall",
        "Utfall män/ pojkar",
        "Utfall kvinn or/ flickor",
        "Utfall VB 2022",
    ]


def test_an_icon_left_of_a_guessed_table_edge_still_starts_a_row() -> None:
    """No rules: the table's left edge is guessed from the header, right of where the icon
    column really lies. Three indicator rows in a row, no Analys between, names ending in
    "och"/"på" (read as unfinished): each icon still opens its row."""
    header = [
        Line(
            [
                _at("Indikator", 97.7, 140.0, 330.0, 7.5),
                _at("Periodens", 300.0, 340.0, 330.0, 7.5),
                _at("Årsmål", 400.0, 430.0, 330.0, 7.5),
            ],
            1,
        ),
        Line([_at("utfall", 300.0, 325.0, 338.0, 7.5)], 1),
    ]
    body = [
        Line(
            [
                _at("Har av inom och på", 97.7, 190.0, 361.0, 7.5),
                _at("85,9", 300.0, 320.0, 361.0, 7.5),
                _at("62 st", 400.0, 420.0, 361.0, 7.5),
            ],
            1,
        ),
        Line(
            [
                _at("Stöd de under och", 97.7, 190.0, 381.2, 7.5),
                _at("131", 300.0, 320.0, 381.2, 7.5),
                _at("34", 400.0, 420.0, 381.2, 7.5),
            ],
            1,
        ),
        Line(
            [
                _at("Delaktighet i", 97.7, 190.0, 401.5, 7.5),
                _at("31,1 %", 300.0, 330.0, 401.5, 7.5),
                _at("18 %", 400.0, 420.0, 401.5, 7.5),
            ],
            1,
        ),
    ]
    icons = [Box(79.9, top, 87.4, top + 7.5) for top in (360.9, 381.2, 401.4)]
    page = PageData(1, 842.0, 595.0, [], icons=icons)
    layout = layout_from_header("indicator", header, page, body)
    assert not layout.left_known and layout.left > 80.0
    ev = RowEvidence({1: page}, {1: header + body})
    reader = RowReader(layout, ev, [], 20.0)
    for ln in body:
        reader.feed(ln)
    assert [ind.name for ind in reader.indicators()] == ["Har av inom och på", "Stöd de under och", "Delaktighet i"]


def test_a_line_without_an_icon_goes_on_with_a_row_that_has_one() -> None:
    """Rows at the table's own pitch, no rule or gap between: a year broken over two lines
    ("202" + "4") looks like a fresh value on the second line, but rows here open with a
    status icon and the second line has none, so it goes on with its row."""
    header = [
        Line(
            [
                _at("Indikator", 107.0, 150.0, 187.0),
                _at("Periodens", 230.0, 280.0, 187.0),
                _at("Period", 480.0, 515.0, 187.0),
            ],
            1,
        ),
        Line([_at("utfall", 230.0, 260.0, 195.6)], 1),
    ]
    body = [
        Line([_at("Aktivt", 107.2, 140.0, 205.4), _at("85", 240.0, 252.0, 205.4), _at("202", 497.0, 515.0, 205.4)], 1),
        Line([_at("Medskapandeindex", 107.2, 200.0, 214.0), _at("4", 497.0, 503.0, 214.0)], 1),
        Line(
            [
                _at("Sjukfrånvaro", 107.2, 170.0, 240.0),
                _at("9,5 %", 240.0, 265.0, 240.0),
                _at("2024", 480.0, 505.0, 240.0),
            ],
            1,
        ),
    ]
    icons = [Box(89.0, 206.0, 101.0, 218.0), Box(89.0, 240.6, 101.0, 252.6)]
    page = PageData(1, 595.0, 842.0, [], icons=icons)
    layout = layout_from_header("indicator", header, page, body)
    reader = RowReader(layout, RowEvidence({1: page}, {1: header + body}), [], 8.6)
    for ln in body:
        reader.feed(ln)
    assert [ind.name for ind in reader.indicators()] == ["Aktivt Medskapandeindex", "Sjukfrånvaro"]


def test_rows_that_stand_apart_keep_a_first_row_line_opening_with_a_digit() -> None:
    """Rows 7 pt apart, lines within a cell at pitch: the first row's second line opens its
    name and deviation with digits ("12 förväntat", "12 nämnden"), which read as a new row's
    name and value; the table's gaps,
    seen on a first reading, say a line at pitch goes on with its row."""
    header = Header(
        "activity",
        [
            Line(
                [
                    _at("Aktivitet", 255.0, 300.0, 59.6, 10.5),
                    _at("Startdatum", 420.0, 475.0, 59.6, 10.5),
                    _at("Slutdatum", 520.0, 570.0, 59.6, 10.5),
                    _at("Avvikelse", 650.0, 700.0, 59.6, 10.5),
                ],
                1,
            )
        ],
    )
    body = [
        Line(
            [
                _at("Synpunkter för rutiner", 96.0, 330.0, 77.5, 10.5),
                _at("2023-01-01", 420.0, 475.0, 77.5, 10.5),
                _at("2023-12-31", 520.0, 575.0, 77.5, 10.5),
                _at("De", 650.0, 662.0, 77.5, 10.5),
            ],
            1,
        ),
        Line([_at("12 förväntat kvalitet", 147.6, 300.0, 89.9, 10.5), _at("12 nämnden", 650.0, 705.0, 89.9, 10.5)], 1),
        Line(
            [
                _at("Självständighet till", 100.3, 290.0, 109.3, 10.5),
                _at("2023-01-01", 420.0, 475.0, 109.3, 10.5),
                _at("2023-12-31", 520.0, 575.0, 109.3, 10.5),
            ],
            1,
        ),
        Line([_at("det delaktighet", 148.4, 300.0, 121.7, 10.5)], 1),
    ]
    page = PageData(1, 842.0, 595.0, [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 770.0)
    for ln in body:
        reader.feed(ln)
    assert [a.name for a in reader.goal_rows()] == [
        "Synpunkter för rutiner 12 förväntat kvalitet",
        "Självständighet till det delaktighet",
    ]


def test_an_icon_standing_across_two_lines_marks_the_one_where_the_rows_cells_begin() -> None:
    """Lines 9.9 pt apart at 11 pt and an icon 11 pt tall drawn 5 pt below the first
    line's top: it stands across two lines, its centre nearer the second. The first line
    holds the name and the values, the second only text under those (the name and a
    value wrapping), so the icon marks the first; below, an icon across the row above's
    last line (a wrapped value) and a new row's first line (name and values) marks the new row."""

    def ln(top: float, *cells: tuple[str, float, float]) -> Line:
        return Line([Word(t, x0, x1, top, top + 11.0, 11.0, False, 1) for t, x0, x1 in cells], 1)

    lines = [
        ln(573.3, ("Till", 70, 86), ("stöd", 89, 107), ("96", 184, 195), ("Tas", 232, 248), ("fram", 251, 272)),
        ln(583.2, ("året", 70, 87), ("på", 90, 100), ("av", 232, 243)),
        ln(593.1, ("nämnd", 232, 262)),
        ln(603.0, ("Utveckling", 70, 119), ("−12", 232, 250), ("560", 328, 345)),
    ]
    page = PageData(1, 595.0, 842.0, [], icons=[Box(42.5, 578.4, 53.5, 589.4), Box(42.5, 598.0, 53.5, 609.0)])
    ev = RowEvidence({1: page}, {1: lines})
    assert [len(ev.icons_of(line)) for line in lines] == [1, 0, 0, 1]


def test_rows_ruled_on_one_page_are_ruled_on_a_page_holding_one_row() -> None:
    """A grid table starting at a page's foot: its one row there ("Aktivt" / "Medskapandeindex",
    the period "2" / "0" / "2" / "4" stacked) has rules only above and below it, no edge
    between two rows; on the next page rules stand between the rows. One table is drawn in
    one style, so its rows are ruled on both pages."""

    def ln(page: int, top: float, *cells: tuple[str, float, float]) -> Line:
        return Line([Word(t, x0, x1, top, top + 12.0, 12.0, False, page) for t, x0, x1 in cells], page)

    first = [
        ln(11, 728.1, ("Aktivt", 101.5, 136.4), ("2", 496.8, 504.4)),
        ln(11, 742.3, ("Medskapandeindex", 101.5, 217.6), ("0", 496.8, 504.4)),
    ]
    second = [
        ln(12, 154.3, ("Andelen", 101.5, 150.0), ("7,5", 231.0, 246.0)),
        ln(12, 200.0, ("Sjukfrånvaro", 101.5, 170.0), ("9,5", 231.0, 246.0)),
    ]
    rules = {
        11: [Rule(725.3, 84.8, 510.0), Rule(783.8, 84.8, 510.0)],
        12: [Rule(150.0, 84.8, 510.0), Rule(190.0, 84.8, 510.0), Rule(230.0, 84.8, 510.0)],
    }
    pages = {p: PageData(p, 595.0, 842.0, [], hrules=r) for p, r in rules.items()}
    ev = RowEvidence(pages, {11: first, 12: second})
    ev.body = [*first, *second]
    assert ev.has_edges(11, 101.5, 229.0)
    alone = RowEvidence({11: pages[11]}, {11: first})
    alone.body = list(first)
    assert not alone.has_edges(11, 101.5, 229.0)  # the page alone shows no ruled rows
