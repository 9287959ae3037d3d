"""Column cuts and header recognition on pages whose cells leave only a word space between them."""

from __future__ import annotations

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import cells_of, layout_from_header
from vbparse.layout.tables.header import is_header_line
from vbparse.pdf.reading import PageData, Word


def _line(top: float, ws: list[tuple[str, float, float]], size: float = 10.0) -> Line:
    return Line([Word(t, a, b, top, top + size, size, False, 1) for t, a, b in ws], 1)


def test_right_set_value_a_word_space_before_a_left_set_cell_is_its_own_columns() -> None:
    """Cell padding 2 pt: a right-aligned KF target ends 4 pt (a word space at 10 pt) before
    the period cell's text, which starts exactly where the left-aligned 'Period' header does."""
    header = [
        _line(
            84,
            [("Indikator", 101.0, 143.2), ("KF:s", 669.3, 690.0), ("årsmål", 692.7, 726.5), ("Period", 752.3, 777.3)],
        )
    ]
    body = [
        _line(120, [("Namn", 101.0, 130.0), ("-38", 733.9, 748.3), ("VB", 752.3, 765.6)]),
        _line(130, [("2023", 752.3, 774.5)]),
        _line(140, [("Annat", 101.0, 130.0), ("16,5", 728.9, 748.3), ("2023", 752.3, 774.5)]),
        _line(160, [("Tredje", 101.0, 130.0), ("43", 726.6, 737.8), ("st", 740.5, 748.3)]),
        _line(180, [("Fjärde", 101.0, 130.0), ("160", 712.2, 728.9), ("178", 731.6, 748.3), ("VB", 752.3, 765.6)]),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    got = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
    assert got[0] == {"name": "Namn", "kf_target": "-38", "period": "VB"}
    assert got[2] == {"name": "Annat", "kf_target": "16,5", "period": "2023"}
    assert got[3] == {"name": "Tredje", "kf_target": "43 st"}
    assert got[4] == {"name": "Fjärde", "kf_target": "160 178", "period": "VB"}


def test_header_word_read_without_the_space_before_its_year_is_a_header_word() -> None:
    """'Utfall VB2022': a reader that drops the space still gives header vocabulary."""
    ln = _line(
        91, [("Indikator", 101.0, 143.2), ("Utfall", 520.5, 546.0), ("VB2022", 548.2, 587.1), ("Årsmål", 594.0, 627.8)]
    )
    assert is_header_line(ln, "indicator")
    assert not is_header_line(_line(91, [("Indikator", 101.0, 143.2), ("Kvalitet2022", 520.5, 580.0)]))


def test_opening_header_word_glued_to_the_end_of_a_right_set_cell_above_is_cut_there() -> None:
    """Zero padding, headers set right: 'Årsmål' (its own cell) ends a word space before
    'årsmål', the last line of 'KF:s årsmål'; 'KF:s' stands over 'årsmål' only."""
    from vbparse.layout.tables.header import clusters

    lines = [
        _line(407, [("Utfall", 370.5, 400.5)]),
        _line(421, [("VB", 383.9, 400.5), ("KF:s", 472.9, 499.6)]),
        _line(
            435,
            [
                ("Indikator", 145.9, 196.6),
                ("2022", 373.8, 400.5),
                ("Årsmål", 417.6, 458.3),
                ("årsmål", 460.9, 499.6),
                ("Period", 515.4, 552.8),
            ],
        ),
    ]
    texts = [" ".join(w.text for w in c) for c in clusters(lines)]
    assert texts == ["Indikator", "Utfall VB 2022", "Årsmål", "KF:s årsmål", "Period"]


def test_header_cells_drawn_as_boxes_bound_the_columns() -> None:
    """Zero padding, header cells drawn as boxes (read as fills): the KF target set right
    ends at the shared box edge (474.6) and the period set left starts a word space after
    it; the period header is set right, far from both. The box edge is the boundary, also
    on a table with one row."""
    from vbparse.pdf.reading import Box

    header = [
        _line(
            64,
            [("Indikator", 202.2, 228.6), ("KF:s", 441.7, 453.5), ("årsmål", 455.0, 474.6), ("Period", 504.0, 522.9)],
            size=7.0,
        )
    ]
    boxes = [Box(72.2, 62.4, 432.4, 80.4), Box(432.4, 62.4, 474.6, 80.4), Box(474.6, 62.4, 524.4, 80.4)]
    page = PageData(1, 595.0, 842.0, [], fills=boxes)
    body = [
        _line(
            83,
            [
                ("Namn", 202.2, 220.0),
                ("72,4", 455.6, 468.0),
                ("%", 469.6, 474.6),
                ("VB", 476.1, 483.8),
                ("2023", 485.4, 499.6),
            ],
            size=7.0,
        ),
        _line(95, [("Annat", 202.2, 220.0), ("minska", 454.5, 474.6), ("2023", 476.1, 490.3)], size=7.0),
    ]
    layout = layout_from_header("indicator", header, page, body)
    got = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
    assert got == [
        {"name": "Namn", "kf_target": "72,4 %", "period": "VB 2023"},
        {"name": "Annat", "kf_target": "minska", "period": "2023"},
    ]
    one = [_line(83, [("Namn", 202.2, 220.0), ("VB", 476.1, 483.8), ("2023", 485.4, 499.6)], size=7.0)]
    layout = layout_from_header("indicator", header, page, one)
    assert {role: " ".join(w.text for w in ws) for role, ws in cells_of(one[0], layout).items()} == {
        "name": "Namn",
        "period": "VB 2023",
    }


def test_body_rows_shaded_cell_by_cell_bound_the_columns() -> None:
    """An unshaded header over zebra rows shaded cell by cell: where one cell's fill ends
    and the next one's begins is a column edge (716.2). The KF target set right ends 1 pt
    before it, the period set left starts 1 pt after it, a word space apart, and the
    'Period' header stands far right: the fills' joint is the boundary, not a gutter."""
    from vbparse.pdf.reading import Box

    header = [
        _line(270, [("Indikator", 223.6, 255.3), ("KF:s", 692.3, 708.9), ("Period", 746.2, 769.6)], 7.5),
        _line(279, [("årsmål", 688.5, 712.7)], 7.5),
    ]
    body = [
        _line(298, [("Namn", 94.0, 120.0), ("öka", 703.3, 715.4), ("T2", 717.4, 726.1), ("2024", 728.2, 744.9)], 7.5),
        _line(323, [("Annat", 94.0, 120.0), ("678", 702.8, 715.4), ("2024", 717.4, 734.0)], 7.5),
        _line(348, [("Tredje", 94.0, 120.0), ("14", 699.1, 707.4), ("st", 709.5, 715.3)], 7.5),
        _line(395, [("Fjärde", 94.0, 120.0), ("2024", 717.4, 734.0)], 7.5),
    ]
    fills = [
        Box(x0, top, x1, top + 12.0)
        for top in (321.8, 393.8)
        for x0, x1 in ((62.2, 93.0), (93.0, 684.7), (684.7, 716.2), (716.2, 799.5))
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, [], fills=fills), body)
    got = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
    assert got == [
        {"name": "Namn", "kf_target": "öka", "period": "T2 2024"},
        {"name": "Annat", "kf_target": "678", "period": "2024"},
        {"name": "Tredje", "kf_target": "14 st"},
        {"name": "Fjärde", "period": "2024"},
    ]


def _cut_word(text: str, starts: list[float], x1: float, top: float, size: float = 11.5) -> Word:
    """A word with each character's start known (the reader's Word.cuts)."""
    return Word(text, starts[0], x1, top, top + size, size, False, 1, starts[1:])


def test_cells_a_hair_apart_read_as_one_word_are_cut_where_the_next_header_starts() -> None:
    """Zero padding: the women's outcome set right ends at 572.3, where the left-set
    'Utfall VB 2022' header starts; the previous-year value set right in its narrow cell
    starts 1 pt later (573.3), less than a word space, so the reader keeps '%91,7' as one
    word. Other values end exactly at 572.3, '%' | '9' reads as two cells' texts: the
    header's start is the edge, and each glued word is cut at the character after it,
    also '-9' + '17' where nothing but the edge tells."""
    s = 11.5
    header = [
        _line(
            65,
            [
                ("Indikator", 118.8, 162.4),
                ("Utfall", 456.4, 482.8),
                ("kvinnor/", 485.4, 526.8),
                ("Utfall", 572.3, 598.7),
                ("Årsmål", 604.5, 638.0),
            ],
            s,
        ),
        _line(79, [("flickor", 456.4, 486.2), ("VB", 572.3, 585.5)], s),
        _line(92, [("2022", 572.3, 595.5)], s),
    ]

    def w(text: str, x0: float, x1: float, top: float) -> Word:
        return Word(text, x0, x1, top, top + s, s, False, 1)

    body = [
        Line(
            [
                w("Namn", 118.8, 150.0, 106),
                w("53", 549.8, 561.4, 106),
                _cut_word("%91,7", [564.0, 573.3, 579.2, 585.0, 587.8], 593.7, 106),
                w("%", 596.2, 604.5, 106),
            ],
            1,
        ),
        Line(
            [
                w("Annat", 118.8, 150.0, 174),
                w("603", 554.8, 572.2, 174),
                w("54,8", 584.2, 604.5, 174),
                w("86", 612.6, 624.2, 174),
            ],
            1,
        ),
        Line(
            [
                w("Tredje", 118.8, 150.0, 214),
                _cut_word("-917", [560.6, 564.4, 573.3, 579.1], 585.0, 214),
                w("976", 587.2, 604.5, 214),
            ],
            1,
        ),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
    got = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
    assert got == [
        {"name": "Namn", "outcome_women": "53 %", "previous": "91,7 %"},
        {"name": "Annat", "outcome_women": "603", "previous": "54,8", "target": "86"},
        {"name": "Tredje", "outcome_women": "-9", "previous": "17 976"},
    ]


def test_a_column_set_right_and_one_set_left_a_word_space_apart_are_two_columns() -> None:
    """Cell padding 1 pt: the period's outcome set right ends at 281.0, the men's outcome
    set left starts at 283.0, a word space later, under headers set centred far from both.
    Where the outcome cell is empty the men's text starts alone at 283.0, so that start is
    a column's; '817' ending where other outcomes end is the other column's. A unit after
    its number ('94 %') never starts a text alone and stays with it."""
    header = [
        _line(
            168,
            [
                ("Indikator", 134.3, 166.5),
                ("Periodens", 248.0, 279.8),
                ("Utfall", 292.1, 312.0),
                ("män/pojkar", 300.0, 333.0),
            ],
            8.5,
        )
    ]
    body = [
        _line(278, [("Förväntat", 56.0, 89.5), ("817", 268.1, 281.0), ("–", 283.0, 287.3)], 8.5),
        _line(300, [("Annat", 56.0, 89.5), ("809", 268.1, 281.0), ("–", 283.0, 287.3)], 8.5),
        _line(320, [("Klagomål", 56.0, 87.7), ("1", 283.0, 287.3), ("162", 289.3, 302.2)], 8.5),
        _line(340, [("Fjärde", 56.0, 87.7), ("94", 262.0, 271.0), ("%", 273.0, 281.0)], 8.5),
        _line(360, [("Femte", 56.0, 87.7), ("85", 262.0, 271.0), ("%", 273.0, 281.0)], 8.5),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 595.0, 842.0, []), body)
    got = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
    assert got == [
        {"name": "Förväntat", "outcome": "817", "outcome_men": "–"},
        {"name": "Annat", "outcome": "809", "outcome_men": "–"},
        {"name": "Klagomål", "outcome_men": "1 162"},
        {"name": "Fjärde", "outcome": "94 %"},
        {"name": "Femte", "outcome": "85 %"},
    ]


def test_digits_glued_across_an_edge_are_cut_where_the_next_columns_texts_start() -> None:
    """Zero padding: the KF target set centred ('27,7', '123 645') and the period set left
    from 714.0, where 'Period' (set centred far right) gives no sign. '645' and '2024' touch
    and read as one word '6452024'; no letter or digit change shows the edge, but '2024'
    stands alone from 714.0 on other lines, and '123 645' (to 714.0) is centred as '27,7' is.
    A later one-row table under the same header keeps that edge."""
    from vbparse.layout.tables.columns import KNOWN_SEAMS

    header = [
        _line(52, [("Indikator", 213.8, 246.6), ("KF:s", 688.9, 705.0), ("Period", 738.4, 761.0)], 8.0),
        _line(60, [("årsmål", 688.9, 712.4)], 8.0),
    ]
    body = [
        _line(72, [("Kvalitet", 64.1, 89.8), ("27,7", 693.7, 707.7), ("2024", 714.0, 730.0)], 8.0),
        _line(112, [("En", 64.1, 73.0), ("−16", 661.5, 674.0), ("2024", 714.0, 730.0)], 8.0),
        Line(
            [
                Word("Samverkan", 64.1, 100.1, 154, 162, 8.0, False, 1),
                Word("123", 687.7, 699.7, 154, 162, 8.0, False, 1),
                Word("6452024", 701.7, 730.0, 154, 162, 8.0, False, 1, [705.7, 709.7, 714.0, 718.0, 722.0, 726.0]),
            ],
            1,
        ),
    ]
    token = KNOWN_SEAMS.set({})
    try:
        layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), body)
        got = [{role: " ".join(w.text for w in ws) for role, ws in cells_of(ln, layout).items()} for ln in body]
        assert got[0] == {"name": "Kvalitet", "kf_target": "27,7", "period": "2024"}
        assert got[2] == {"name": "Samverkan", "kf_target": "123 645", "period": "2024"}
        one = [_line(390, [("Annat", 64.1, 89.8), ("2024", 714.0, 730.0)], 8.0)]
        layout = layout_from_header("indicator", header, PageData(1, 842.0, 595.0, []), one)
        assert {role: " ".join(w.text for w in ws) for role, ws in cells_of(one[0], layout).items()} == {
            "name": "Annat",
            "period": "2024",
        }
    finally:
        KNOWN_SEAMS.reset(token)
