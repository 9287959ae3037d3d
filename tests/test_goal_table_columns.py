"""Goal tables' columns on synthesized geometry: words placed by hand, no PDF involved."""

from __future__ import annotations

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import layout_from_header
from vbparse.pdf.reading import PageData, Word


def _word(text: str, x0: float, x1: float, top: float, bold: bool = False) -> Word:
    return Word(text, x0, x1, top, top + 8.0, 8.0, bold, 1)


def _line(*words: Word) -> Line:
    return Line(list(words), 1)


def test_value_ending_where_a_right_set_header_ends_ends_its_cell() -> None:
    """1 pt padding, unruled: 'KF:s å' / 'rsmål' set right end at 690; the row's '90 %' ends
    there too and the period '2024', set left in the next cell, starts 2 pt later (less
    than a phrase gap). The period is the Period column's, not a tail of the KF cell."""
    header = [
        _line(
            _word("Indikator", 300, 340, 45, True),
            _word("Årsmål", 636, 663.5, 45, True),
            _word("KF:s", 665.7, 683.5, 45, True),
            _word("å", 685.7, 690.1, 45, True),
            _word("Period", 753.6, 778.5, 45, True),
        ),
        _line(_word("rsmål", 668.8, 690.1, 54, True)),
    ]
    body = [
        _line(
            _word("Andel", 100, 125, 106),
            _word("90", 645.3, 654.2, 106),
            _word("%", 656.4, 663.5, 106),
            _word("80", 671.9, 680.8, 106),
            _word("%", 683.0, 690.1, 106),
            _word("2024", 692.1, 709.9, 106),
        )
    ]
    page = PageData(1, 842.0, 595.0, [])
    layout = layout_from_header("indicator", header, page, body)
    kf, period = layout.band("kf_target"), layout.band("period")
    assert kf is not None and period is not None
    assert layout.band_of(692.1, 709.9) is period
    assert layout.band_of(683.0, 690.1) is kf


def test_a_row_a_status_icon_opens_is_kept_with_one_value_and_no_name() -> None:
    """An indicator row whose name cell is empty and whose only value is its KF target
    ('813'): the status icon on its first line shows it is a row of its own. Without an
    icon, one value-like cell under an empty name may be header words left over."""
    from vbparse.layout.tables.goals import RowReader, _Row

    cells = {"kf_target": [_line(_word("813", 578, 593, 390))]}
    assert RowReader._has_values(_Row(1, 390.0, dict(cells), icon=True))
    assert not RowReader._has_values(_Row(1, 390.0, dict(cells), icon=False))


def test_a_name_running_up_to_a_left_set_date_column_ends_before_it() -> None:
    """1 pt padding, unruled: the first row's name runs to 2 pt before its start date
    ('café en som' | '2023-'), less than a phrase gap. The dates of the other lines start
    at that x with nothing before them: the column's edge, so 'en som' stays in the name."""
    header = [
        _line(_word("Start", 372.0, 393.0, 90, True), _word("Slut", 399.1, 416.0, 90, True)),
        _line(_word("datu", 371.0, 391.0, 99, True), _word("dat", 400.0, 414.0, 99, True)),
        _line(
            _word("Aktivitet", 210.1, 251.6, 108, True),
            _word("m", 378.0, 385.0, 108, True),
            _word("um", 402.0, 412.0, 108, True),
            _word("Avvikelse", 442.4, 488.1, 108, True),
        ),
    ]
    body = [
        _line(
            _word("Omsorg", 131.0, 160.0, 120),
            _word("under", 162.7, 297.3, 120),
            _word("café", 300.0, 318.0, 120),
            _word("en", 320.7, 331.0, 120),
            _word("som", 333.7, 364.4, 120),
            _word("2023-", 366.5, 392.0, 120),
            _word("Rutiner", 420.6, 450.0, 120),
        ),
        _line(_word("för", 131.0, 144.0, 130), _word("vi.", 146.7, 158.0, 130), _word("01-01", 366.5, 392.0, 130)),
        _line(
            _word("Med", 131.0, 150.0, 150),
            _word("enheten", 152.7, 287.3, 150),
            _word("trygghet.", 290.0, 330.0, 150),
            _word("2023-", 366.5, 392.0, 150),
            _word("202", 398.0, 414.0, 150),
        ),
        _line(_word("01-01", 366.5, 392.0, 160), _word("3-12", 398.0, 416.0, 160)),
    ]
    page = PageData(1, 595.0, 842.0, [])
    layout = layout_from_header("activity", header, page, body)
    assert layout.band_of(333.7, 364.4) is layout.band("name")
    assert layout.band_of(366.5, 392.0) is layout.band("start")


def test_header_words_glued_lowercase_are_cut_where_a_cell_starts_on_another_line() -> None:
    """Zero padding: 'utfall' (end of 'Periodens utfall') and 'än/' (of 'Utfall män/pojkar')
    read as one word 'utfallän/', no capital to show the seam. The boundary before 'ä' lies
    where 'Utfa', 'pojk' and 'ar' start: that cell's edge. The header goes on below it
    ('2022' names the previous year) and every column is found."""
    from array import array

    from vbparse.layout.tables.header import header_at

    def hw(text: str, x0: float, x1: float, top: float, cuts: list[float] | None = None) -> Word:
        return Word(text, x0, x1, top, top + 11.0, 11.0, True, 1, array("f", cuts) if cuts else None)

    glued_cuts = [224.5 + 5.517 * i for i in range(1, 6)] + [257.6, 264.0, 270.4]
    lines = [
        _line(
            hw("Indikator", 57.8, 114.3, 111.6),
            hw("Perio", 224.5, 256.8, 111.6),
            hw("Utfa", 257.6, 284.0, 111.6),
            hw("Utfall", 287.0, 320.9, 111.6),
            hw("Utfall", 324.4, 358.3, 111.6),
            hw("Årsmål", 374.5, 417.6, 111.6),
            hw("KF:s", 438.7, 465.7, 111.6),
            hw("Period", 504.1, 544.2, 111.6),
        ),
        _line(
            hw("dens", 224.5, 250.0, 124.5),
            hw("ll", 257.6, 265.0, 124.5),
            hw("m", 266.5, 275.0, 124.5),
            hw("kvinn", 287.0, 320.0, 124.5),
            hw("VB", 324.4, 340.0, 124.5),
            hw("årsmål", 438.7, 480.7, 124.5),
        ),
        _line(
            hw("utfallän/", 224.5, 276.8, 137.5, glued_cuts),
            hw("or/", 287.0, 304.0, 137.5),
            hw("2022", 324.4, 355.0, 137.5),
        ),
        _line(hw("pojk", 257.6, 284.3, 150.5), hw("flicko", 287.0, 320.7, 150.5)),
        _line(hw("ar", 257.6, 270.4, 163.5), hw("r", 287.0, 292.4, 163.5)),
    ]
    header = header_at(lines, 0, lambda a, b: False)
    assert header is not None and len(header.lines) == 5
    layout = layout_from_header("indicator", header.lines, PageData(1, 595.0, 842.0, []))
    roles = [b.role for b in layout.bands]
    assert roles == ["name", "outcome", "outcome_men", "outcome_women", "previous", "target", "kf_target", "period"]
    assert layout.previous_year == 2022


def test_values_between_right_set_headers_go_with_the_header_after_them() -> None:
    """Headers set right ('Utfall' / 'VB' / '2022' end at one x), values set left, the
    previous year's column empty: the targets stand between the 'Utfall VB 2022' and
    'Årsmål' headers and line up alike in either column. A header set right ends where
    its column does, so the cut lies just after 'Utfall VB 2022': the values are the
    target's."""
    header = [
        _line(_word("Utfall", 448.4, 471.3, 150, True)),
        _line(
            _word("Indikator", 209.4, 247.4, 160, True),
            _word("Periodens", 308.8, 350.2, 160, True),
            _word("utfall", 352.5, 374.3, 160, True),
            _word("VB", 459.9, 471.4, 160, True),
            _word("Årsmål", 563.9, 592.9, 160, True),
            _word("Period", 752.1, 779.2, 160, True),
        ),
        _line(_word("2022", 451.1, 471.3, 170, True)),
    ]
    body = [
        _line(
            _word("Andel", 150.0, 180.0, 190 + 40 * i),
            _word("9" + str(i), 259.0, 270.0, 190 + 40 * i),
            _word("%", 272.0, 280.0, 190 + 40 * i),
            _word("8" + str(i), 483.3, 494.0, 190 + 40 * i),
            _word("%", 495.0, 503.0, 190 + 40 * i),
            _word("2023", 723.0, 744.0, 190 + 40 * i),
        )
        for i in range(3)
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    assert layout.band_of(483.3, 503.0) is layout.band("target")
    assert layout.band_of(259.0, 280.0) is layout.band("outcome")


def test_two_dates_glued_at_zero_padding_are_cut_after_the_first() -> None:
    """Zero padding, start dates set right and end dates set left: every row reads one
    word '2024-01-012024-12-31' across the two columns, the same in each row, so no
    alignment tells the edge. A date is ten characters: the cut falls after the tenth."""
    from array import array

    from vbparse.layout.tables.columns import cells_of

    header = [
        _line(
            _word("Aktivitet", 292.3, 329.7, 100, True),
            _word("Startdatum", 566.1, 616.2, 100, True),
            _word("Slutdatum", 658.4, 704.8, 100, True),
            _word("Avvikelse", 719.9, 763.7, 100, True),
        )
    ]
    text = "2024-01-012024-12-31"
    step = (703.0 - 563.0) / len(text)
    cuts = array("f", [563.0 + step * i for i in range(1, len(text))])
    body = [
        _line(_word("Omsorg", 292.3, 330.0, top), Word(text, 563.0, 703.0, top, top + 8.0, 8.0, False, 1, cuts))
        for top in (120.0, 140.0, 160.0)
    ]
    layout = layout_from_header("activity", header, PageData(1, 842.0, 595.0, []), body)
    cells = cells_of(body[0], layout)
    assert [w.text for w in cells["start"]] == ["2024-01-01"]
    assert [w.text for w in cells["end"]] == ["2024-12-31"]


def test_icon_across_a_name_line_and_its_wrap_marks_the_upper_line() -> None:
    """A status icon drawn low stands across a row's first line ('Omsorg … synpunkter'
    with its start date '202' a word space later: one run) and the wrapped line below
    ('att 2024 av.', '4-'). The upper line starts right of the icon, so it is no
    full-width line, and the lower one's runs stand under it: the upper line is marked."""
    from vbparse.layout.tables.rows import _straddled
    from vbparse.pdf.reading import Box

    def w(text: str, x0: float, x1: float, top: float) -> Word:
        return Word(text, x0, x1, top, top + 11.0, 11.0, False, 1)

    upper = _line(w("Omsorg", 87.1, 130.3, 516.6), w("synpunkter", 133.8, 317.3, 516.6), w("202", 321.9, 342.9, 516.6))
    lower = _line(w("att", 87.1, 102.5, 525.6), w("av.", 106.0, 153.3, 525.6), w("4-", 327.0, 337.9, 525.6))
    assert _straddled(Box(57.7, 518.2, 69.7, 530.2), [upper, lower]) is upper


def test_a_number_grouped_by_a_space_stays_one_run_where_shorter_numbers_start() -> None:
    """Right-aligned counts: '865' and '787' stand alone where the last group of '1 328'
    starts. That shared start is no column edge: '1' '328' is one number."""
    from vbparse.layout.tables.columns import phrases

    lines = [
        _line(_word("Som", 155.3, 173.0, 426.5), _word("1", 422.8, 427.9, 426.5), _word("328", 430.4, 445.7, 426.5)),
        _line(_word("Andel", 155.3, 180.0, 450.0), _word("865", 430.3, 445.7, 450.0)),
        _line(_word("Antal", 155.3, 180.0, 470.0), _word("787", 430.3, 445.7, 470.0)),
    ]
    assert (422.8, 445.7) in phrases(lines)


def test_no_text_of_a_column_passes_the_end_of_its_right_set_header() -> None:
    """Zero padding, dates set left under headers set right: the start date wraps
    ('2023-01-' / '01') and its first line stands a word space from the end date. The
    start header ('Startdatu' / 'm') ends at one x on both lines: its cell's right edge,
    which the gap between the two dates spans. The end date is the end column's."""
    header = [
        _line(
            _word("Aktivitet", 555.7, 591.3, 100, True),
            _word("Startdatu", 591.3, 630.8, 100, True),
            _word("Slutdatum", 695.7, 739.6, 100, True),
        ),
        _line(_word("m", 624.0, 630.8, 110, True)),
    ]
    body = [
        _line(
            _word("Omsorg", 500.0, 540.0, 130),
            _word("2023-01-", 591.3, 628.5, 130),
            _word("2023-12-31", 630.9, 675.0, 130),
        ),
        _line(_word("01", 591.3, 600.0, 140)),
        _line(
            _word("Trygghet", 500.0, 545.0, 160),
            _word("2023-01-", 591.3, 628.5, 160),
            _word("2023-12-31", 630.9, 675.0, 160),
        ),
        _line(_word("01", 591.3, 600.0, 170)),
    ]
    layout = layout_from_header("activity", header, PageData(1, 842.0, 595.0, []), body)
    assert layout.band_of(630.9, 675.0) is layout.band("end")
    assert layout.band_of(591.3, 628.5) is layout.band("start")


def test_a_body_word_whose_last_letter_stands_at_a_cell_start_is_no_header_piece() -> None:
    """WeasyPrint, headers set right: the first row's name 'Aktivt' stands alone on its
    line, its 't' where another header cell's text starts. 'Aktiv' and 't' are both
    letters of some header word, but a lone letter tells nothing: the line is the first
    body row, not more header (its values were lost with it)."""
    from array import array

    from vbparse.layout.tables.header import glued_at_starts, glued_pieces

    cuts = array("f", [103.6 + 5.3 * i for i in range(1, 6)])
    aktivt = Word("Aktivt", 103.6, 135.0, 456.0, 465.0, 9.5, False, 13, cuts)
    assert glued_pieces(aktivt) is None
    assert glued_at_starts(aktivt, [103.6 + 5.3 * 5]) is None
    # a real glued header word still is cut where a cell starts
    glued = Word(
        "utfallän/",
        224.5,
        276.8,
        137.5,
        148.5,
        11.0,
        True,
        1,
        array("f", [224.5 + 5.517 * i for i in range(1, 6)] + [257.6, 264.0, 270.4]),
    )
    parts = glued_at_starts(glued, [257.6])
    assert parts is not None and [w.text for w in parts] == ["utfall", "än/"]
