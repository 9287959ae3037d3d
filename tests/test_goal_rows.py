"""Goal-table rows (indicators, activities) as the row reader groups them. Geometry placed
by hand, no PDF; truth written from the page as a reader sees it."""

from __future__ import annotations

from vbparse.layout.lines import Line, join_cell
from vbparse.layout.tables.columns import cells_of, layout_from_header
from vbparse.layout.tables.header import Header
from vbparse.layout.tables.reader import TableReader
from vbparse.model import Source
from vbparse.pdf.reading import PageData, Word
from vbparse.report.pipeline import build_report


def _at(text: str, x0: float, x1: float, top: float, size: float = 9.0, bold: bool = False) -> Word:
    return Word(text, x0, x1, top, top + size, size, bold, 1)


def _indicator_header() -> Header:
    return Header(
        "indicator",
        [
            Line(
                [
                    _at("Indikator", 90.0, 130.0, 90.0, bold=True),
                    _at("Utfall", 300.0, 325.0, 90.0, bold=True),
                    _at("Årsmål", 400.0, 430.0, 90.0, bold=True),
                ],
                1,
            )
        ],
    )


def test_a_lower_case_analys_ending_a_name_is_no_analys_label() -> None:
    """A name wraps at a dash ("resultat–" / "analys"): the lone lower-case "analys" is
    the name's last word, not the bold "Analys" label under the row, so the row keeps it
    and the next row stays a row of its own."""
    header = _indicator_header()
    body = [
        Line(
            [
                _at("Medarbetare kompetens resultat–", 90.0, 230.0, 110.0),
                _at("948", 300.0, 315.0, 110.0),
                _at("71,5", 400.0, 418.0, 110.0),
            ],
            1,
        ),
        Line([_at("analys", 90.0, 118.0, 120.5)], 1),
        Line([_at("Analys", 70.0, 98.0, 140.0, bold=True)], 1),
        Line(
            [_at("En", 70.0, 80.0, 150.5), _at("åtgärder", 82.0, 115.0, 150.5), _at("insatser.", 117.0, 150.0, 150.5)],
            1,
        ),
        Line(
            [
                _at("Rutiner élan", 90.0, 150.0, 170.0),
                _at("27 st", 300.0, 320.0, 170.0),
                _at("98,2", 400.0, 418.0, 170.0),
            ],
            1,
        ),
        Line([_at("Analys", 70.0, 98.0, 190.0, bold=True)], 1),
        Line([_at("Uppföljning", 70.0, 115.0, 200.5), _at("arbetsmiljö.", 117.0, 160.0, 200.5)], 1),
    ]
    page = PageData(1, 595.0, 842.0, [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    rows = reader.goal_rows()
    assert [(r.name, r.analysis) for r in rows] == [
        ("Medarbetare kompetens resultat–analys", "En åtgärder insatser."),
        ("Rutiner élan", "Uppföljning arbetsmiljö."),
    ]


def test_a_left_set_value_ending_where_a_centred_header_starts_is_that_columns() -> None:
    """Values set left under a centred header that starts right of them: one ends, by
    chance, just where the header text starts ('8,5 %' ends at 401.1, 'Periodens utfall'
    starts at 401.4). Another value starts where it does and ends short, so the column is
    set left, not right against the next cell: both are the outcome column's, not the names'."""
    header = [
        Line(
            [
                _at("Indikator", 201.2, 249.7, 60.0, size=11.5, bold=True),
                _at("Periodens utfall", 401.4, 487.6, 60.0, size=11.5, bold=True),
                _at("Årsmål", 540.0, 570.0, 60.0, size=11.5, bold=True),
            ],
            1,
        )
    ]
    body = [
        Line(
            [
                _at("Aktivt Medskapandeindex", 87.2, 218.2, 80.0, size=11.5),
                _at("80", 371.7, 384.5, 80.0, size=11.5),
                _at("83", 540.0, 552.8, 80.0, size=11.5),
            ],
            1,
        ),
        Line(
            [
                _at("Sjukfrånvaro", 87.2, 151.8, 110.0, size=11.5),
                _at("8,5", 371.7, 387.7, 110.0, size=11.5),
                _at("%", 390.9, 401.1, 110.0, size=11.5),
                _at("9 %", 540.0, 560.0, 110.0, size=11.5),
            ],
            1,
        ),
    ]
    page = PageData(1, 842.0, 595.0, [])
    layout = layout_from_header("indicator", header, page, body)
    cells = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
    assert cells == [
        {"name": "Aktivt Medskapandeindex", "outcome": "80", "target": "83"},
        {"name": "Sjukfrånvaro", "outcome": "8,5 %", "target": "9 %"},
    ]


def test_a_fixed_phrase_broken_anywhere_in_a_narrow_cell_is_spelled_as_the_system_spells_it() -> None:
    """A value cell narrower than its words: "Tas fram av nämnd/styrelse" broken as
    "Tas fra" / "m av n" / "ämnd/styrelse" (each line full). Its letters are the phrase's;
    the phrase is read as the management system writes it."""
    header = _indicator_header()
    body = [
        Line(
            [
                _at("Arbetsmiljö", 90.0, 140.0, 110.0),
                _at("948", 300.0, 315.0, 110.0),
                _at("Tas", 400.0, 414.0, 110.0),
                _at("fra", 416.0, 430.0, 110.0),
            ],
            1,
        ),
        Line([_at("m", 400.0, 406.0, 120.5), _at("av", 408.0, 417.0, 120.5), _at("n", 419.0, 430.0, 120.5)], 1),
        Line([_at("ämnd/styrelse", 400.0, 430.0, 131.0)], 1),
    ]
    page = PageData(1, 595.0, 842.0, [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    (row,) = reader.goal_rows()
    assert row.target is not None and row.target.raw == "Tas fram av nämnd/styrelse"


def _glyph_lines(*texts: str, x0: float = 269.1, top: float = 100.0) -> list[Line]:
    """One short text per line, a line pitch apart, as a cell one digit wide stacks them."""
    return [Line([_at(t, x0, x0 + 4.7 * len(t), top + 11.0 * i)], 1) for i, t in enumerate(texts)]


def test_a_number_stacked_one_glyph_a_line_is_one_number() -> None:
    """A ruled cell narrower than two digits (its padding read too small from another
    column, so the edge looks roomy): "9" / "4" / "%" and "8" / "," / "5" / "%" are 94 %
    and 8,5 %. The column holds no line as wide as "94"; a comma never stands alone."""
    room = 7.9  # the widest line in the column: "%"
    assert join_cell(_glyph_lines("9", "4", "%"), 278.2, True, room, 264.8) == "94 %"
    assert join_cell(_glyph_lines("1", "0", "0", "%"), 278.2, True, room, 264.8) == "100 %"
    assert join_cell(_glyph_lines("8", ",", "5", "%"), 278.2, True, room, 264.8) == "8,5 %"


def test_a_line_opening_with_a_decimal_comma_goes_on_with_the_number_above() -> None:
    """A number broken before its decimal comma ("81" / ",5 %"): no line breaker opens a
    line with a comma but one cutting a number in a narrow cell."""
    lines = [
        Line([_at("81", 400.0, 409.4, 100.0)], 1),
        Line([_at(",5", 400.0, 407.0, 111.0), _at("%", 409.0, 416.0, 111.0)], 1),
    ]
    assert join_cell(lines, 430.0, True, 30.0, 396.0) == "81,5 %"


def test_numbers_that_fit_the_column_side_by_side_stay_apart() -> None:
    """A column that holds "1 234" on one line elsewhere: "12" over "5" is two values' worth
    of text only if it could not fit; here it could, so the break was at a space."""
    lines = _glyph_lines("12", "5")
    assert join_cell(lines, 300.0, True, 25.0, 264.8) == "12 5"


def test_a_digit_that_would_have_made_its_line_as_wide_as_the_widest_fitted() -> None:
    """Unruled centred cells two digits wide: "13" / "9" / "93" / "0" is 139 930. "13" took
    the whole width, so "9" after it would not fit (a cut number); "9" alone with "9" next
    would make a line exactly as wide as "13" (digits share one width), so that break was at
    the space. One digit more than the widest line never fits ("−1" + "7" is −17)."""
    lines = [
        Line([_at(t, x0, x0 + 6.39 * len(t), 100.0 + 11.0 * i)], 1)
        for i, (t, x0) in enumerate((("13", 356.1), ("9", 362.5), ("93", 356.1), ("0", 362.5)))
    ]
    assert join_cell(lines, 368.9, False, 12.79) == "139 930"
    minus = [Line([_at("−1", 319.93, 328.97, 100.0)], 1), Line([_at("7", 324.72, 328.97, 111.0)], 1)]
    assert join_cell(minus, 329.0, False, 13.22) == "−17"


def test_a_full_stop_alone_on_a_cells_last_line_ends_the_word_above() -> None:
    """A cell two letters wide: "Fö" / "r" / "en" / "." is "För en."; no line breaker opens
    a line with a full stop, so the cell was too narrow for "en." and the stop is its end."""
    lines = [
        Line([_at(t, 490.33, x1, 100.0 + 9.0 * i, 7.0)], 1)
        for i, (t, x1) in enumerate((("Fö", 503.75), ("r", 494.16), ("en", 503.12), (".", 493.53)))
    ]
    assert join_cell(lines, 503.76, False, 13.43) == "För en."


def _words(text: str, x: float, top: float, size: float = 10.0, bold: bool = False, page: int = 1) -> list[Word]:
    out: list[Word] = []
    for t in text.split():
        w = 0.5 * size * len(t)
        out.append(Word(t, x, x + w, top, top + size, size, bold, page))
        x += w + 0.28 * size
    return out


def _header(top: float, page: int) -> list[Word]:
    return [
        *_words("Indikator", 90, top, bold=True, page=page),
        *_words("Periodens", 300, top, bold=True, page=page),
        *_words("Årsmål", 420, top, bold=True, page=page),
        *_words("utfall", 300, top + 12, bold=True, page=page),
    ]


def _row(name: str, a: str, b: str, top: float, page: int) -> list[Word]:
    return [*_words(name, 90, top, page=page), *_words(a, 300, top, page=page), *_words(b, 420, top, page=page)]


def test_a_stray_glyph_above_a_repeated_header_is_not_the_tables() -> None:
    """Page 2 opens with a stray bold glyph ("y", a sliver of a row cut by the page
    break) and then the table's header repeated: the table goes on below its header, so
    the glyph is no part of the row split by the break."""
    p1 = [
        *_words("Nämndmål: Trygg omsorg för alla", 70, 80, 14, True),
        *_words("Beskrivning", 70, 110, bold=True),
        *_words("Verksamheten ska vara trygg.", 70, 124),
        *_header(160, 1),
        *_row("Andel nöjda brukare", "85 %", "90 %", 190, 1),
        *_words("Analys", 70, 206, bold=True),
        *_words("Resultatet är gott.", 70, 220),
        *_row("Andel trygga brukare", "80 %", "85 %", 250, 1),
    ]
    p2 = [
        *_words("y", 95, 50, bold=True, page=2),
        *_header(62, 2),
        *_words("Analys", 70, 92, bold=True, page=2),
        *_words("Tryggheten har ökat.", 70, 106, page=2),
        *_row("Andel med plan", "70 %", "75 %", 136, 2),
        *_words("Analys", 70, 152, bold=True, page=2),
        *_words("Planerna är klara.", 70, 166, page=2),
    ]
    pages = [PageData(1, 595.0, 842.0, p1), PageData(2, 595.0, 842.0, p2)]
    report = build_report(pages, Source(file="x.pdf", pages=2))
    (goal,) = report.goals
    assert [i.name for i in goal.indicators] == ["Andel nöjda brukare", "Andel trygga brukare", "Andel med plan"]
    analyses = ["Resultatet är gott.", "Tryggheten har ökat.", "Planerna är klara."]
    assert [i.analysis for i in goal.indicators] == analyses


def _activity_line(name: str, name_right: float, top: float) -> Line:
    """An activity row's first line: name, start and end dates, Avvikelse."""
    return Line(
        [
            _at(name, 76.2, name_right, top, 8.0),
            _at("2024-01-01", 420.0, 460.0, top, 8.0),
            _at("2024-12-31", 500.0, 540.0, top, 8.0),
            _at("Ja", 580.0, 588.0, top, 8.0),
        ],
        1,
    )


def test_a_row_without_values_after_an_analysis_opens_a_row_where_names_start() -> None:
    """No rules, no icons: the Analys labels start 19 pt left of the names (the table's
    edge, over an empty status column). A line after an analysis that starts where the
    names do, with nothing in the value columns, is a row of its own whose cells are
    empty, not more analysis text."""
    header = Header(
        "activity",
        [
            Line(
                [
                    _at("Aktivitet", 76.2, 110.0, 60.0, 8.0, True),
                    _at("Startdatum", 420.0, 460.0, 60.0, 8.0, True),
                    _at("Slutdatum", 500.0, 540.0, 60.0, 8.0, True),
                    _at("Avvikelse", 580.0, 620.0, 60.0, 8.0, True),
                ],
                1,
            )
        ],
    )
    body = [
        _activity_line("Verksamheten och medarbetare.", 200.0, 80.0),
        Line([_at("Analys", 56.8, 78.8, 100.0, 8.0, True)], 1),
        Line([_at("Självständighet en kompetens.", 56.8, 180.0, 110.0, 8.0)], 1),
        Line([_at("Café i insatser klagomål.", 76.2, 180.0, 130.0, 8.0)], 1),
        _activity_line("Rutiner ett uppföljning.", 180.0, 150.0),
        Line([_at("Analys", 56.8, 78.8, 170.0, 8.0, True)], 1),
        Line([_at("Verksamheten har rutiner.", 56.8, 170.0, 180.0, 8.0)], 1),
    ]
    page = PageData(1, 842.0, 595.0, [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 780.0)
    for ln in body:
        reader.feed(ln)
    assert [(a.name, a.start, a.analysis) for a in reader.goal_rows()] == [
        ("Verksamheten och medarbetare.", "2024-01-01", "Självständighet en kompetens."),
        ("Café i insatser klagomål.", None, None),
        ("Rutiner ett uppföljning.", "2024-01-01", "Verksamheten har rutiner."),
    ]


def _split_table() -> Header:
    return Header(
        "indicator",
        [
            Line(
                [
                    _at("Indikator", 90.0, 130.0, 60.0, bold=True),
                    _at("Periodens", 250.0, 290.0, 60.0, bold=True),
                    _at("kvinnor", 330.0, 362.0, 60.0, bold=True),
                    _at("Period", 420.0, 450.0, 60.0, bold=True),
                ],
                1,
            )
        ],
    )


def test_a_row_with_an_empty_name_opens_anew_on_the_next_page_when_two_cells_open() -> None:
    """A row ends at the foot of page 1; page 2 opens with a line holding nothing in the
    name column and values in two cells the row above has filled ("27 666" under "–",
    "VB 2024" under "2024"): a row of its own whose name cell is empty."""
    header = _split_table()
    body = [
        Line(
            [
                _at("Och i delaktighet", 90.0, 160.0, 780.0),
                _at("–", 330.0, 335.0, 780.0),
                _at("2024", 420.0, 440.0, 780.0),
            ],
            1,
        ),
        Line([_at("–", 250.0, 255.0, 80.0), _at("27 666", 330.0, 358.0, 80.0), _at("VB 2024", 420.0, 452.0, 80.0)], 2),
        Line([_at("Analys", 70.0, 98.0, 100.0, bold=True)], 2),
        Line([_at("Det", 70.0, 84.0, 110.5), _at("gick", 86.0, 104.0, 110.5), _at("bra.", 106.0, 122.0, 110.5)], 2),
    ]
    for ln in body[1:]:
        ln.page = 2
        for w in ln.words:
            w.page = 2
    pages = {1: PageData(1, 595.0, 842.0, []), 2: PageData(2, 595.0, 842.0, [])}
    lines = {1: header.lines + body[:1], 2: body[1:]}
    reader = TableReader(header, pages, lines, [], 520.0)
    for ln in body:
        reader.feed(ln)
    rows = reader.goal_rows()
    assert [(r.name, r.outcome_women and r.outcome_women.raw, r.period) for r in rows] == [
        ("Och i delaktighet", "–", "2024"),
        ("", "27 666", "VB 2024"),
    ]


def test_a_row_split_by_a_page_break_goes_on_when_one_value_runs_on() -> None:
    """Page 2 opens with the rest of one cell only ("2023" under "T2"): the row goes on."""
    header = _split_table()
    body = [
        Line(
            [_at("Andel nöjda", 90.0, 140.0, 780.0), _at("85 %", 250.0, 270.0, 780.0), _at("T2", 420.0, 430.0, 780.0)],
            1,
        ),
        Line([_at("2023", 420.0, 440.0, 80.0)], 2),
    ]
    body[1].page = 2
    body[1].words[0].page = 2
    pages = {1: PageData(1, 595.0, 842.0, []), 2: PageData(2, 595.0, 842.0, [])}
    reader = TableReader(header, pages, {1: header.lines + body[:1], 2: body[1:]}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    assert [(r.name, r.period) for r in reader.goal_rows()] == [("Andel nöjda", "T2 2023")]


def test_rows_of_a_table_set_tighter_than_its_font_size_stand_apart_by_their_gap() -> None:
    """A table set at 7 pt with a line height under 1 (lines 5.5 pt apart, boxes
    overlapping) and 3 pt between rows: a row's wrapped lines stand 5.5 pt apart, rows
    8.5 pt apart, so a name ending in "för" (unfinished) still ends its row, and a
    two-line target cell stays one value."""
    s = 7.0
    header = Header(
        "indicator",
        [
            Line(
                [
                    _at("Indikator", 90.0, 120.0, 100.0, s, True),
                    _at("Periodens", 290.0, 318.0, 100.0, s, True),
                    _at("KF:s", 400.0, 412.0, 100.0, s, True),
                ],
                1,
            ),
            Line([_at("årsmål", 400.0, 420.0, 105.4, s, True)], 1),
        ],
    )

    def line(top: float, *cells: tuple[str, float, float]) -> Line:
        return Line([_at(t, x0, x1, top, s) for t, x0, x1 in cells], 1)

    body = [
        line(111.0, ("Att", 90, 98), ("enheten", 100, 124), ("för", 126, 134), ("-33", 309, 318), ("6", 410, 414)),
        line(
            119.5,
            ("Kompetens", 90, 122),
            ("48", 305, 312),
            ("%", 313.5, 318),
            ("Tas", 400, 409),
            ("fram", 410.5, 424),
            ("av", 425.5, 432),
        ),
        line(125.0, ("nämnd/", 400, 422)),
        line(130.5, ("styrelse", 400, 422)),
        line(139.0, ("Medarbetare", 90, 128), ("med", 130, 143), ("198", 307, 318), ("öka", 410, 420)),
        line(144.5, ("brukare", 90, 112)),
        line(153.0, ("Året", 90, 103), ("107", 307, 318), ("57", 410, 417)),
    ]
    page = PageData(1, 595.0, 842.0, [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    rows = reader.goal_rows()
    assert [(r.name, r.outcome.raw if r.outcome else None, r.kf_target.raw if r.kf_target else None) for r in rows] == [
        ("Att enheten för", "-33", "6"),
        ("Kompetens", "48 %", "Tas fram av nämnd/styrelse"),
        ("Medarbetare med brukare", "198", "öka"),
        ("Året", "107", "57"),
    ]


def test_an_analys_label_where_goal_labels_start_after_a_table_is_the_goals() -> None:
    """The table's own Analys labels start at 74 (inside its cells, past a 4 pt padding),
    the goal's labels (Beskrivning) at the body's margin, 70. An Analys label at 70 after
    the last row, which has no analysis of its own, stands outside the table: the goal's."""
    p1 = [
        *_words("Nämndmål: Trygg omsorg för alla", 70, 80, 14, True),
        *_words("Beskrivning", 70, 110, bold=True),
        *_words("Verksamheten ska vara trygg.", 70, 124),
        *_header(160, 1),
        *_row("Andel nöjda brukare", "85 %", "90 %", 190, 1),
        *_words("Analys", 74, 206, bold=True),
        *_words("Resultatet är gott.", 74, 220),
        *_row("Andel trygga brukare", "80 %", "85 %", 250, 1),
        *_words("Analys", 74, 266, bold=True),
        *_words("Tryggheten har ökat.", 74, 280),
        *_row("Andel med plan", "70 %", "75 %", 310, 1),
        *_words("Analys", 70, 340, bold=True),
        *_words("Målet nås i stort.", 70, 354),
    ]
    report = build_report([PageData(1, 595.0, 842.0, p1)], Source(file="x.pdf", pages=1))
    (goal,) = report.goals
    assert [i.analysis for i in goal.indicators] == ["Resultatet är gott.", "Tryggheten har ökat.", None]
    assert goal.analysis == "Målet nås i stort."
