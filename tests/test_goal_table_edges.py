"""Column edges of indicator and activity tables on hand-placed geometry: where the
header's and the values' positions put them, whatever producer set the page."""

from __future__ import annotations

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import cells_of, layout_from_header
from vbparse.layout.tables.header import Header
from vbparse.layout.tables.reader import TableReader
from vbparse.pdf.reading import Box, PageData, Rule, Word


def _line(top: float, words: list[tuple[str, float, float]], size: float = 9.0, bold: bool = False) -> Line:
    return Line([Word(t, x0, x1, top, top + size, size, bold, 1) for t, x0, x1 in words], 1)


def test_value_ending_where_a_header_set_right_starts_is_not_glued_to_it() -> None:
    """Headers set right over values set left (no rules, no padding shown): a value of the
    'Utfall VB 2023' column happens to end 0.1 pt before that header's first line starts.
    A header set right starts where its words' length puts it, not at its cell's edge, so
    that value is the column's own, and the value before it stays in its own column."""
    header = [
        _line(
            140.3,
            [
                ("Indikator", 137.7, 171.6),
                ("Utfal", 238.6, 257.0),
                ("Utfall", 292.1, 312.7),
                ("Utfall", 338.3, 358.8),
                ("VB", 360.9, 371.2),
                ("Årsmål", 381.2, 407.3),
            ],
            bold=True,
        ),
        _line(150.8, [("l", 254.8, 257.0), ("kvinnor/", 280.3, 312.7), ("2023", 353.0, 371.2)], bold=True),
        _line(162.0, [("män/", 236.5, 257.0), ("flickor", 289.5, 312.7)], bold=True),
        _line(172.5, [("pojk", 240.7, 256.9)], bold=True),
        _line(183.0, [("ar", 249.3, 256.9)], bold=True),
    ]
    body = [
        _line(
            198.8,
            [
                ("Inom", 77.1, 96.0),
                ("målet", 98.0, 136.5),
                ("85", 236.4, 245.5),
                ("593", 265.0, 278.6),
                ("51", 320.7, 329.8),
                ("%", 331.8, 338.2),
                ("68", 379.2, 388.3),
                ("%", 390.4, 396.8),
            ],
        )
    ]
    layout = layout_from_header("indicator", header, PageData(1, 595.0, 842.0, []), body)
    cells = {role: " ".join(w.text for w in ws) for role, ws in cells_of(body[0], layout).items()}
    assert cells["outcome_men"] == "85"
    assert cells["outcome_women"] == "593"
    assert cells["previous"] == "51 %"
    assert cells["target"] == "68 %"


def _header() -> Header:
    return Header(
        "indicator",
        [
            _line(
                90.0,
                [
                    ("Indikator", 90.0, 130.0),
                    ("Utfall", 300.0, 325.0),
                    ("Årsmål", 400.0, 430.0),
                    ("Period", 480.0, 510.0),
                ],
                bold=True,
            )
        ],
    )


def _rows(
    body: list[Line], icons: list[Box] | None = None, fills: list[Box] | None = None
) -> list[tuple[str, str | None, str | None, str | None]]:
    header = _header()
    page = PageData(1, 595.0, 842.0, [], icons=icons or [], fills=fills or [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    return [(r.name, r.previous and r.previous.raw, r.target and r.target.raw, r.period) for r in reader.goal_rows()]  # type: ignore[union-attr]


def test_a_name_under_a_taller_neighbour_opens_a_row_though_the_name_above_ends_in_och() -> None:
    """Rows at the line pitch (no gap, rules or icons). The first row's name is one line
    ending in a connector ("… och"); its target wraps over three lines. The next name,
    three lines lower, cannot go on with a name cell whose last line is that far up: a
    cell's lines follow one another at pitch."""
    body = [
        _line(
            110.0,
            [
                ("Stöd", 90.0, 108.0),
                ("och", 110.0, 124.0),
                ("14,7", 300.0, 316.0),
                ("Tas", 400.0, 414.0),
                ("fram", 416.0, 434.0),
                ("2024", 480.0, 498.0),
            ],
        ),
        _line(120.0, [("av", 400.0, 409.0), ("nämnd/", 411.0, 438.0)]),
        _line(130.0, [("styrelse", 400.0, 430.0)]),
        _line(
            140.0,
            [
                ("Rutiner", 90.0, 118.0),
                ("öka", 300.0, 314.0),
                ("56", 400.0, 409.0),
                ("st", 411.0, 417.0),
                ("2024", 480.0, 498.0),
            ],
        ),
    ]
    assert _rows(body) == [
        ("Stöd och", "14,7", "Tas fram av nämnd/styrelse", "2024"),
        ("Rutiner", "öka", "56 st", "2024"),
    ]


def test_a_whole_value_under_a_whole_value_opens_a_row() -> None:
    """One-line rows at pitch: "öka" under "25,5" is a second value, not the wrapped end of
    the first (a cell holds one value), though it is lower case; so the row opens, its
    name ("… har") notwithstanding."""
    body = [
        _line(
            110.0,
            [
                ("Utveckling", 90.0, 130.0),
                ("har", 132.0, 145.0),
                ("25,5", 300.0, 316.0),
                ("150", 400.0, 413.0),
                ("2024", 480.0, 498.0),
            ],
        ),
        _line(120.0, [("Samverkan", 90.0, 130.0), ("öka", 300.0, 314.0), ("66,9", 400.0, 416.0)]),
    ]
    assert _rows(body) == [("Utveckling har", "25,5", "150", "2024"), ("Samverkan", "öka", "66,9", None)]


def test_digits_the_cell_had_no_room_for_go_on_with_the_number_above() -> None:
    """A narrow period cell breaks "2023" as "202" / "3": digits under a number are its
    rest when they would not have fitted on the line above (no line of the column is
    wider), so no row opens there and the name's wrapped line stays with it."""
    body = [
        _line(
            110.0,
            [
                ("Omsorg", 90.0, 118.0),
                ("året", 120.0, 136.0),
                ("12", 300.0, 309.0),
                ("40", 400.0, 409.0),
                ("202", 480.0, 493.5),
            ],
        ),
        _line(120.0, [("av", 90.0, 100.0), ("ett", 102.0, 114.0), ("3", 480.0, 484.5)]),
    ]
    assert _rows(body) == [("Omsorg året av ett", "12", "40", "2023")]


def test_a_shaded_narrow_cell_is_no_status_icon() -> None:
    """Zebra shading cell by cell: the icon column's fill of a one-line row is icon-sized,
    but it shares its top and bottom with the fills beside it: the row's shading. Read
    as an icon it would mark that row's lines as opening rows with icons, and the next
    row (no icon) would be taken for its continuation."""
    shade = [Box(70.0, 108.0, 85.0, 119.0), Box(290.0, 108.0, 390.0, 119.0), Box(390.0, 108.0, 470.0, 119.0)]
    body = [
        _line(110.0, [("–", 300.0, 305.0), ("91", 400.0, 409.0), ("%", 411.0, 416.0), ("2024", 480.0, 498.0)]),
        _line(120.0, [("Omsorg", 90.0, 118.0), ("−20", 300.0, 314.0), ("–", 400.0, 405.0), ("2024", 480.0, 498.0)]),
    ]
    from vbparse.layout.tables.rows import _not_cell_shades

    assert _not_cell_shades([shade[0]], shade[1:]) == []
    assert _not_cell_shades([Box(72.0, 110.0, 80.0, 118.0)], shade[1:]) == [Box(72.0, 110.0, 80.0, 118.0)]
    assert _rows(body, shade[:1], shade[1:]) == [("", "–", "91 %", "2024"), ("Omsorg", "−20", "–", "2024")]


def test_in_a_ruled_table_a_gap_without_a_rule_opens_no_row() -> None:
    """Rows ruled one from the next: a name's wrapped lines with a line's gap between them
    (the reader lost a line, as pdfium drops a text identical to the one just above) stay
    one row; only a rule parts rows there."""
    body = [
        _line(
            110.0, [("Avvikelser", 90.0, 130.0), ("−13", 300.0, 314.0), ("33,6", 400.0, 416.0), ("2024", 480.0, 498.0)]
        ),
        _line(120.0, [("enheten", 90.0, 120.0)]),
        _line(140.0, [("kompetens", 90.0, 126.0)]),
        _line(160.0, [("Rutiner", 90.0, 118.0), ("12", 300.0, 309.0), ("40", 400.0, 409.0), ("2024", 480.0, 498.0)]),
    ]
    header = _header()
    rules = [Rule(pos, 85.0, 520.0) for pos in (105.0, 155.0, 172.0)]
    page = PageData(1, 595.0, 842.0, [], hrules=rules)
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    assert [r.name for r in reader.goal_rows()] == ["Avvikelser enheten kompetens", "Rutiner"]


def test_two_header_cells_a_word_space_apart_under_two_cells_openers_stay_apart() -> None:
    """Centred header cells at zero padding: "män/" and "kvinno" stand a word space apart
    (one phrase on their line), and the wider "Utfall" over "män/" reaches into the gap
    between them. But the line above holds two phrases, "Utfall" | "Utfall", one over
    each word and short of the other: two cells, so two columns."""
    from vbparse.layout.tables.header import clusters

    lines = [
        _line(123.8, [("Utfall", 276.8, 310.6), ("Utfall", 317.4, 351.2)], 10.5, True),
        _line(136.6, [("män/", 278.4, 309.1), ("kvinno", 313.6, 355.0)], 10.5, True),
        _line(149.4, [("pojka", 276.8, 310.7), ("r/", 329.6, 339.0)], 10.5, True),
        _line(162.2, [("r", 291.0, 296.4), ("flickor", 315.0, 353.7)], 10.5, True),
    ]
    assert [" ".join(w.text for w in c) for c in clusters(lines)] == [
        "Utfall män/ pojka r",
        "Utfall kvinno r/ flickor",
    ]


def test_zebra_stripes_do_not_hide_a_gap_between_two_unshaded_rows() -> None:
    """Fill edges are row edges only where a shaded row begins or ends: two unshaded rows
    in a row show none between them, so the gap there still parts them (only drawn rules
    make a gap with no rule in it a cell's inside)."""
    body = [
        _line(110.0, [("Första", 90.0, 118.0), ("12", 300.0, 309.0), ("40", 400.0, 409.0), ("2024", 480.0, 498.0)]),
        _line(130.0, [("Andra", 90.0, 114.0), ("13", 300.0, 309.0), ("41", 400.0, 409.0), ("2024", 480.0, 498.0)]),
        _line(140.0, [("och", 90.0, 104.0), ("mer", 106.0, 120.0)]),
        _line(
            162.0,
            [
                ("och", 90.0, 104.0),
                ("tredje", 106.0, 130.0),
                ("14", 300.0, 309.0),
                ("42", 400.0, 409.0),
                ("2024", 480.0, 498.0),
            ],
        ),
    ]
    stripe = [Box(85.0, 106.0, 520.0, 124.0)]
    assert [r[0] for r in _rows(body, fills=stripe)] == ["Första", "Andra och mer", "och tredje"]


def test_a_one_row_table_is_cut_where_earlier_tables_under_the_same_header_were() -> None:
    """A table of one row: its lone target value ("80 %", set right) stands between the
    Årsmål and KF:s årsmål headers, and either gutter fits it alike (the wider one puts
    it under KF). An earlier table under the same header, set alike, showed its column:
    target values ending at one x, KF values centred right of them."""
    from vbparse.layout.tables.columns import KNOWN_RUNS

    header = [
        _line(
            80.0,
            [("Indikator", 164.2, 215.5), ("Årsmål", 597.4, 636.6), ("KF:s", 694.9, 713.0), ("årsmål", 715.0, 760.6)],
            9.0,
            True,
        )
    ]
    page = PageData(1, 842.0, 595.0, [])
    earlier = [
        _line(100.0, [("Aktivt", 84.8, 150.0), ("80", 659.3, 672.0), ("%", 674.0, 684.7), ("83", 722.1, 733.4)]),
        _line(
            120.0,
            [
                ("Sjukfrånvaro", 84.8, 170.0),
                ("5", 672.0, 677.0),
                ("%", 679.0, 684.7),
                ("Tas", 710.3, 724.0),
                ("fram", 726.0, 745.2),
            ],
        ),
        _line(130.0, [("av", 718.8, 727.0), ("nämnd", 729.0, 736.7)]),
    ]
    lone = [_line(300.0, [("Medarbetarindex", 84.8, 160.0), ("80", 659.3, 672.0), ("%", 674.0, 684.7)])]

    def target(body: list[Line]) -> str | None:
        layout = layout_from_header("indicator", header, page, body, pool=True)
        cells = cells_of(body[0], layout)
        return " ".join(w.text for w in cells["target"]) if "target" in cells else None

    assert target(lone) is None  # alone, the wider gutter wins: no evidence but the header
    token = KNOWN_RUNS.set({})
    try:
        assert target(earlier) == "80 %"
        assert target(lone) == "80 %"
    finally:
        KNOWN_RUNS.reset(token)


def test_a_word_glued_across_the_edge_a_left_set_header_shows_is_cut_there() -> None:
    """Zero padding, headers set left (each on lines starting at one x), values set right:
    "öka" ends at the edge where "Utfall män/ pojkar" starts and "minska" starts 1.4 pt
    after it, so the reader reads one word "ökaminska". The header's start is its cell's
    edge; the word is cut at the character starting just after it."""
    header = [
        _line(
            55.5,
            [
                ("Indikator", 88.5, 137.0),
                ("Periodens", 209.0, 264.5),
                ("Utfall", 273.8, 302.5),
                ("Utfall", 311.6, 340.3),
            ],
            9.5,
            True,
        ),
        _line(65.8, [("utfall", 209.0, 236.5), ("män/", 273.8, 300.6), ("kvinnor/", 311.6, 356.3)], 9.5, True),
        _line(76.2, [("pojkar", 273.8, 308.3), ("flickor", 311.6, 346.1)], 9.5, True),
    ]
    glued = Word(
        "ökaminska",
        255.3,
        311.56,
        100.0,
        109.5,
        9.5,
        False,
        1,
        [261.694, 267.398, 275.2, 284.791, 287.2865, 293.6805, 299.465, 305.169],
    )
    body = [Line([Word("Rutiner", 88.5, 120.0, 100.0, 109.5, 9.5, False, 1), glued], 1)]
    layout = layout_from_header("indicator", header, PageData(1, 595.0, 842.0, []), body)
    cells = {role: " ".join(w.text for w in ws) for role, ws in cells_of(body[0], layout).items()}
    assert cells["outcome"] == "öka"
    assert cells["outcome_men"] == "minska"


def test_a_unit_or_a_year_under_its_number_or_kind_goes_on_with_the_row() -> None:
    """Narrow cells wrap "12,3 %" as "12,3" / "%" and "VB 2024" as "VB" / "2024"; the
    name's next line starts with a digit ("2023 stöd …"), so only the values tell: a unit
    under its number and a year under its period's kind are the same cells' rest."""
    body = [
        _line(
            110.0,
            [
                ("Kompetens", 90.0, 130.0),
                ("12", 132.0, 141.0),
                ("12,3", 300.0, 316.0),
                ("40", 400.0, 409.0),
                ("VB", 480.0, 492.0),
            ],
        ),
        _line(120.0, [("2023", 90.0, 108.0), ("stöd", 110.0, 128.0), ("%", 300.0, 306.0), ("2024", 480.0, 498.0)]),
    ]
    assert _rows(body) == [("Kompetens 12 2023 stöd", "12,3 %", "40", "VB 2024")]


def test_earlier_tables_do_not_move_a_cut_a_value_touching_the_next_header_pins() -> None:
    """Zero padding: an end date set right ends exactly where 'Avvikelse' (set left)
    starts, so it is the end column's. An earlier table under the same header had its
    date and deviation read as one run across that edge, which leaves no gutter there;
    its evidence must not move this table's end date into the deviation column."""
    from vbparse.layout.tables.columns import KNOWN_RUNS

    header = [
        _line(
            80.0,
            [
                ("Aktivitet", 98.7, 130.2),
                ("Startdatum", 476.9, 519.1),
                ("Slutdatum", 559.6, 598.7),
                ("Avvikelse", 707.6, 744.5),
            ],
            9.0,
            True,
        )
    ]
    page = PageData(1, 842.0, 595.0, [])
    earlier = [
        _line(
            100.0,
            [
                ("Stöd", 98.7, 116.0),
                ("2024-01-01", 518.7, 559.6),
                ("2024-12-31", 666.7, 707.6),
                ("Försenad", 709.6, 768.0),
            ],
        )
    ]
    this = [_line(300.0, [("Rutiner", 98.7, 130.0), ("2024-01-01", 518.7, 559.6), ("2024-12-31", 666.7, 707.6)])]
    token = KNOWN_RUNS.set({})
    try:
        layout_from_header("activity", header, page, earlier, pool=True)
        layout = layout_from_header("activity", header, page, this, pool=True)
    finally:
        KNOWN_RUNS.reset(token)
    cells = {role: " ".join(w.text for w in ws) for role, ws in cells_of(this[0], layout).items()}
    assert cells.get("end") == "2024-12-31" and "deviation" not in cells


def test_a_word_glued_a_hair_after_the_edge_right_set_values_show_is_cut_there() -> None:
    """Zero padding: target values set right end at one x (625.7); in one row the KF text
    starts 0.6 pt after it and the reader joins '%' and 'Tas' into one word. The edge the
    right-set values show, with a cell's text starting a hair after it and '%|T' reading
    as two cells' texts, cuts the word there."""
    header = [
        _line(80.0, [("Indikator", 158.2, 200.4), ("Årsmål", 560.3, 594.2), ("KF:s", 659.0, 679.0)], 9.0, True),
        _line(90.0, [("årsmål", 640.5, 697.7)], 9.0, True),
    ]
    glued = Word("%Tas", 616.86, 643.0, 130.0, 139.0, 9.0, False, 1, [626.304, 632.404, 637.964])
    body = [
        _line(110.0, [("Aktivt", 97.1, 130.0), ("83", 612.2, 625.7), ("öka", 655.0, 672.0)]),
        _line(120.0, [("Sjukfrånvaro", 97.1, 150.0), ("8,5", 603.0, 616.0), ("%", 618.0, 625.7), ("–", 665.0, 669.0)]),
        Line(
            [
                Word("Medarbetare", 97.1, 150.0, 130.0, 139.0, 9.0, False, 1),
                Word("90", 603.0, 614.0, 130.0, 139.0, 9.0, False, 1),
                glued,
                Word("fram", 645.0, 663.0, 130.0, 139.0, 9.0, False, 1),
            ],
            1,
        ),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    cells = {role: " ".join(w.text for w in ws) for role, ws in cells_of(body[2], layout).items()}
    assert cells["target"] == "90 %"
    assert cells["kf_target"] == "Tas fram"


def test_the_column_before_a_pair_with_no_gutter_keeps_its_values_cost() -> None:
    """KF values run on into the period header (no gutter between them): the cut between
    the target and KF columns must still weigh the KF column's values, or the target
    values (set right, ending at 625.7) go to KF for a slightly emptier target column."""
    from vbparse.layout.tables.columns import Band, gutter_cuts

    heads = [("target", 560.3, 594.2), ("kf_target", 640.5, 697.7), ("period", 726.2, 757.3)]
    bands = [Band(role, x0, x1, x0, role, x1) for role, x0, x1 in heads]
    values = [(600.2, 625.7), (600.2, 625.7), (614.6, 625.8), (644.6, 712.4), (644.6, 712.4), (701.3, 734.7)]
    cuts = gutter_cuts(bands, values)
    assert cuts[0] is not None and 625.8 < cuts[0] < 640.5
