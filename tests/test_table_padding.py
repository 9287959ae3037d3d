"""Goal tables' columns told by the padding cells share, on synthesized geometry: words
and rules placed by hand (positions as other producers set them), no PDF involved."""

from __future__ import annotations

from collections.abc import Sequence

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import cells_of, layout_from_header
from vbparse.pdf.reading import PageData, Rule, Word


def _word(text: str, x0: float, x1: float, top: float, bold: bool = False, cuts: Sequence[float] | None = None) -> Word:
    return Word(text, x0, x1, top, top + 8.0, 8.0, bold, 1, cuts)


def _line(top: float, *words: tuple[str, float, float], bold: bool = False) -> Line:
    return Line([_word(t, a, b, top, bold) for t, a, b in words], 1)


def _texts(line: Line, layout) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {role: " ".join(w.text for w in ws) for role, ws in cells_of(line, layout).items()}


def test_single_line_headers_set_right_over_values_set_left() -> None:
    """4 pt padding, headers set right on one line each, values set left: a target '94 %'
    stands between 'Utfall VB 2022' (ends 560.1) and 'Årsmål' (starts 628.4), touching
    neither. Every column's values start 8 pt (two paddings) past the end of the header
    before them: the headers are set right, so '94 %' is the Årsmål column's."""
    header = [
        _line(
            45,
            ("Indikator", 208.7, 235.1),
            ("Periodens", 251.1, 281.6),
            ("Utfall", 518.7, 535.0),
            ("VB", 537.2, 547.0),
            ("2022", 549.2, 560.1),
            ("Årsmål", 628.4, 648.7),
            ("KF:s", 686.8, 700.0),
            ("årsmål", 702.0, 719.7),
            ("Period", 762.3, 781.2),
            bold=True,
        )
    ]
    body = [
        _line(
            top,
            ("Andel", 112.7, 140.0),
            ("brukare", 142.0, 170.0),
            (f"{n}", 243.1, 250.2),
            ("%", 252.0, 256.8),
            (f"{n}", 568.1, 575.2),
            ("%", 577.0, 581.8),
            ("Tas", 656.7, 666.8),
            ("2023", 747.3, 761.5),
        )
        for top, n in ((70, 94), (100, 85), (130, 90))
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    cells = _texts(body[0], layout)
    assert cells.get("target") == "94 %" and "previous" not in cells
    assert cells.get("kf_target") == "Tas" and cells.get("period") == "2023"


def test_rules_drawn_off_the_cell_edges_still_cut_glued_words() -> None:
    """Zero padding, a grid whose rules stand 1 pt right of the cell edges: every cell's
    text starts 1 pt before its left rule. 'öka' (set right in the KF cell) and '2023'
    (set left in the period cell) meet 1 pt before the rule, read as one word
    'öka2023': it is cut where the cells meet, not left whole."""
    rules = [71.9, 94.0, 269.5, 402.1, 424.5, 484.5, 553.8]
    page = PageData(1, 595.0, 842.0, [], vrules=[Rule(x, 189.0, 300.0) for x in rules])
    header = [
        _line(
            200,
            ("Indikator", 93.0, 134.1),
            ("Periodens", 268.5, 310.7),
            ("Årsmål", 401.1, 423.0),
            ("KF:s", 423.5, 440.0),
            ("årsmål", 442.0, 476.5),
            ("Period", 483.5, 511.8),
            bold=True,
        )
    ]
    glued = _word("öka2023", 469.1, 503.54, 263, cuts=[474.1, 479.1, 483.54, 488.54, 493.54, 498.54])
    pct = _word("%2023", 475.2, 503.54, 283, cuts=[483.54, 488.54, 493.54, 498.54])
    body = [
        Line(
            [
                _word("Andel", 93.0, 117.4, 263),
                _word("94", 268.5, 278.5, 263),
                _word("%", 281.0, 289.3, 263),
                _word("94", 401.1, 411.1, 263),
                _word("%", 413.6, 421.9, 263),
                glued,
            ],
            1,
        ),
        Line(
            [
                _word("Andel", 93.0, 117.4, 283),
                _word("85", 268.5, 278.5, 283),
                _word("%", 281.0, 289.3, 283),
                _word("85", 401.1, 411.1, 283),
                _word("%", 413.6, 421.9, 283),
                _word("80", 462.7, 472.7, 283),
                pct,
            ],
            1,
        ),
    ]
    layout = layout_from_header("indicator", header, page, body)
    assert _texts(body[0], layout).get("kf_target") == "öka"
    assert _texts(body[0], layout).get("period") == "2023"
    assert _texts(body[1], layout).get("kf_target") == "80 %"
    assert _texts(body[1], layout).get("period") == "2023"


def test_value_ending_where_a_centred_header_starts_is_not_the_column_before() -> None:
    """The period '2024', set left, ends by chance where the centred 'Period' header
    starts; the KF column's texts (of different lengths) all end at 703, set right,
    short of it: the KF cells end there, and '2024' is the period's."""
    header = [
        _line(
            45,
            ("Indikator", 157.8, 189.5),
            ("Årsmål", 593.9, 619.3),
            ("KF:s", 656.8, 672.0),
            ("årsmål", 674.0, 699.7),
            ("Period", 727.7, 751.0),
            bold=True,
        )
    ]
    body = [
        _line(
            70,
            ("Andel", 85.5, 104.7),
            ("81,5", 536.3, 550.9),
            ("Tas", 664.2, 675.9),
            ("fram", 678.0, 693.0),
            ("av", 695.0, 703.0),
            ("2024", 711.0, 727.7),
        ),
        _line(80, ("nämnd", 680.1, 703.0)),
        _line(
            100,
            ("Andel", 85.5, 104.7),
            ("91", 542.6, 550.9),
            ("%", 553.0, 559.7),
            ("80", 685.9, 694.2),
            ("%", 696.3, 703.0),
            ("2024", 711.0, 727.7),
        ),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    assert _texts(body[0], layout).get("period") == "2024"
    assert _texts(body[2], layout).get("kf_target") == "80 %"
    assert _texts(body[2], layout).get("period") == "2024"


def test_single_line_headers_set_left_over_values_set_right() -> None:
    """4 pt padding, headers set left, dates set right, names centred (so the first header
    does not start where the body text does): each date column's dates end 8 pt (two
    paddings) before the next header's start, so the headers are set left and the dates
    between 'Startdatum' and 'Slutdatum' are the start dates."""
    header = [
        _line(
            45,
            ("Aktivitet", 77.2, 118.6),
            ("Startdatum", 417.8, 473.2),
            ("Slutdatum", 560.9, 612.2),
            ("Avvikelse", 682.1, 730.5),
            bold=True,
        )
    ]
    body = [
        _line(
            70,
            ("Stadsdelsnämnden", 86.5, 200.0),
            ("ska", 202.0, 400.3),
            ("2023-01-01", 499.2, 552.9),
            ("2023-12-31", 620.4, 674.1),
        ),
        _line(80, ("arbetsmarknaden.", 201.2, 285.8)),
        _line(100, ("Stadsdelsnämnderna", 82.4, 404.4), ("2023-01-01", 499.2, 552.9), ("2023-12-31", 620.4, 674.1)),
    ]
    layout = layout_from_header("activity", header, PageData(1, 842.0, 595.0, []), body)
    cells = _texts(body[0], layout)
    assert cells.get("start") == "2023-01-01" and cells.get("end") == "2023-12-31" and "deviation" not in cells


def test_word_starting_where_a_right_set_header_ends_starts_the_next_cell() -> None:
    """Zero padding, headers set right ('Utfall män/ pojkar' shows it): 'KF:s årsmål' ends at
    697.1, the KF cell's edge; the period '2023' starts there, a word space after the
    centred 'öka' or 'Tas fram av'. It is the period's, not part of the KF cell's text."""
    header = [
        _line(145.9, ("Utfall", 418.9, 443.0), bold=True),
        _line(158.3, ("män/", 419.2, 443.1), bold=True),
        _line(
            170.7,
            ("Indikator", 291.0, 330.8),
            ("pojkar", 415.1, 443.0),
            ("Årsmål", 613.3, 643.8),
            ("KF:s", 647.8, 665.4),
            ("årsmål", 667.8, 697.1),
            ("Period", 742.6, 771.0),
            bold=True,
        ),
    ]
    body = [
        _line(
            200,
            ("Andel", 116.0, 140.7),
            ("94", 605.2, 615.9),
            ("%", 618.2, 625.7),
            ("öka", 662.9, 678.2),
            ("2023", 697.2, 718.5),
        ),
        _line(
            230,
            ("Brukarens", 116.0, 159.1),
            ("90", 605.2, 615.9),
            ("%", 618.2, 625.7),
            ("Tas", 646.0, 660.3),
            ("fram", 662.6, 682.9),
            ("av", 685.3, 695.0),
            ("2023", 697.2, 718.5),
        ),
        _line(240, ("vuxna", 116.0, 141.3), ("nämnd", 655.6, 685.5)),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    assert _texts(body[0], layout).get("kf_target") == "öka"
    assert _texts(body[0], layout).get("period") == "2023"
    assert _texts(body[1], layout).get("kf_target") == "Tas fram av"
    assert _texts(body[1], layout).get("period") == "2023"


def test_a_gap_across_where_a_left_set_header_starts_parts_two_cells() -> None:
    """Zero padding: 'KF:s' / 'årsmål' set left start at 441.9, the KF cell's edge. The
    target '29 st' set right ends there and the KF value '75' starts a word space later:
    two cells' texts, not one run '29 st 75' lying across the KF header."""
    header = [
        _line(40, ("KF:s", 441.9, 455.1), bold=True),
        _line(
            50,
            ("Indikator", 86.5, 125.6),
            ("Årsmål", 382.1, 412.2),
            ("årsmål", 441.9, 466.0),
            ("Period", 470.0, 494.0),
            bold=True,
        ),
    ]
    body = [
        _line(
            70,
            ("Kvalitet", 86.5, 117.1),
            ("29", 423.7, 433.2),
            ("st", 435.6, 441.9),
            ("75", 443.8, 453.3),
            ("T2", 470.0, 480.5),
        ),
        _line(
            90,
            ("Ett", 86.5, 97.6),
            ("168", 411.0, 425.3),
            ("083", 427.7, 441.9),
            ("20,0", 443.8, 460.5),
            ("2024", 470.0, 489.0),
        ),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 595.0, 842.0, []), body)
    assert _texts(body[0], layout).get("target") == "29 st"
    assert _texts(body[0], layout).get("kf_target") == "75"
    assert _texts(body[1], layout).get("target") == "168 083"
    assert _texts(body[1], layout).get("kf_target") == "20,0"
