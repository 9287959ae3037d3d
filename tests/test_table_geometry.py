"""The table reader's decisions on synthesized geometry: words and rules placed by hand,
the way other producers place them, with no PDF involved."""

from __future__ import annotations

import itertools
from dataclasses import replace

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import layout_from_header
from vbparse.layout.tables.complaints.cells import _spread_counts, _take_wrapped_unit, _unglue
from vbparse.layout.tables.complaints.groups import _NO_GROUP, _Label, _owners_by_alignment
from vbparse.layout.tables.complaints.row import _Row
from vbparse.layout.tables.edges import merge
from vbparse.layout.tables.header import header_at
from vbparse.layout.tables.rows import RowEvidence
from vbparse.pdf.reading import Box, PageData, Rule, Word


def _w(text: str, x0: float, top: float, size: float = 8.0, bold: bool = False) -> Word:
    return Word(text, x0, x0 + 0.5 * size * len(text), top, top + size, size, bold, 1)


def _line(*words: Word) -> Line:
    return Line(list(words), 1)


def test_per_cell_segments_and_double_rules_are_one_edge() -> None:
    cells = [Rule(100.0, x, x + 50) for x in range(50, 300, 50)]  # one segment per cell, touching
    double = [Rule(200.0, 50, 300), Rule(202.0, 50, 300)]
    edges = merge(cells + double)
    assert [(round(e.pos), e.start, e.end) for e in edges] == [(100, 50, 300), (201, 50, 300)]


def _indicator_header(valign: str) -> list[Line]:
    """Header cells that wrap to 1-3 lines, aligned to the top or the bottom of the row."""
    cells = [("Indikator",), ("Periodens", "utfall"), ("Utfall", "män/", "pojkar"), ("Årsmål",)]
    xs = [60.0, 160.0, 220.0, 280.0]
    tall = max(len(c) for c in cells)
    rows: dict[float, list[Word]] = {}
    for x, cell in zip(xs, cells, strict=True):
        first = 0 if valign == "top" else tall - len(cell)
        for i, word in enumerate(cell):
            top = 100.0 + 10.0 * (first + i)
            rows.setdefault(top, []).append(_w(word, x, top, bold=True))
    return [_line(*ws) for _, ws in sorted(rows.items())]


def test_header_found_whatever_the_cells_vertical_alignment() -> None:
    for valign in ("top", "bottom"):
        lines = _indicator_header(valign)
        header = header_at(lines, 0, lambda a, b: False)
        assert header is not None and header.kind == "indicator", valign
        assert len(header.lines) == 3
        page = PageData(1, 600.0, 800.0, [w for ln in lines for w in ln.words])
        roles = [b.role for b in layout_from_header("indicator", header.lines, page).bands]
        assert roles == ["name", "outcome", "outcome_men", "target"], valign


def test_right_aligned_values_go_to_their_column_not_the_next() -> None:
    """Headers left-aligned, values right-aligned: the values sit in the gutter between two
    header texts; they line up (right edges) with each other, so they are the left column's."""
    header = [
        _line(
            _w("Aktivitet", 60, 100, bold=True),
            _w("Startdatum", 200, 100, bold=True),
            _w("Slutdatum", 300, 100, bold=True),
        )
    ]
    body = [
        _line(_w("Namn", 60, 120), _w("2023-01-01", 240, 120), _w("2023-12-31", 340, 120)),
        _line(_w("Annat", 60, 140), _w("2023-02-01", 240, 140), _w("2023-11-30", 340, 140)),
    ]
    page = PageData(1, 600.0, 800.0, [])
    layout = layout_from_header("activity", header, page, body)
    start, end = layout.band("start"), layout.band("end")
    assert start is not None and end is not None
    assert start.left < 240 and start.right >= 280 and end.left <= 340


def test_icon_belongs_to_the_nearest_line_by_centre() -> None:
    """An icon drawn 2 pt below the text's top still marks the row's first line, not the next."""
    a, b = _line(_w("Andel brukare", 60, 100)), _line(_w("med stöd", 60, 109))
    page = PageData(1, 600.0, 800.0, [], icons=[Box(45, 102, 53, 110)])
    ev = RowEvidence({1: page}, {1: [a, b]})
    assert ev.icons_of(a) and not ev.icons_of(b)


def test_fill_edges_bound_rows_like_rules() -> None:
    a, b = _line(_w("Rad ett", 60, 100)), _line(_w("Rad två", 60, 112))
    page = PageData(1, 600.0, 800.0, [], fills=[Box(50, 110, 400, 122)])  # zebra stripe under row two
    ev = RowEvidence({1: page}, {1: [a, b]})
    assert ev.edge_between(a, b, 60, 300)


def _rows(tops: list[float], height: float = 8.0) -> list[_Row]:
    return [_Row(1, t, t + height) for t in tops]


def test_centred_group_labels_find_their_rows() -> None:
    """Unruled, no row spacing: group A has 1 row, group B 4 rows with its label centred
    (half a line off every row: no top or bottom alignment fits it)."""
    rows = _rows([100, 110, 120, 130, 140])
    labels = [_Label(1, 100, 108, "A"), _Label(1, 125, 133, "B")]  # B centred over rows 1-4
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows] == ["A", "B", "B", "B", "B"]


def test_bottom_aligned_group_labels_find_their_rows() -> None:
    """On the table's first page no row can continue a group from above."""
    rows = _rows([100, 110, 120, 130, 140])
    labels = [_Label(1, 110, 118, "A"), _Label(1, 140, 148, "B")]  # at the bottom of 2 + 3 rows
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows] == ["A", "A", "B", "B", "B"]


def _paged(tops: list[tuple[int, float]], height: float = 8.0) -> list[_Row]:
    return [_Row(p, t, t + height) for p, t in tops]


def test_bottom_label_owns_the_rows_on_pages_above_it() -> None:
    """A long group's bottom-aligned label is printed in the last part of its cell: the
    rows before it, pages up, are its rows (not rows in no group)."""
    rows = _paged([(1, 600), (1, 610), (2, 100), (2, 110), (2, 120), (2, 130)])
    labels = [_Label(2, 120, 128, "A"), _Label(2, 130, 138, "B")]  # at the bottom of rows 0-4 and 5
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows[:3]] == ["A", "A", "A"]  # not B's, reaching back
    assert owner[id(rows[-1])].text == "B"


def test_top_label_runs_on_over_the_page_break() -> None:
    rows = _paged([(1, 600), (1, 610), (2, 100), (2, 110), (2, 120)])
    labels = [_Label(1, 600, 608, "A"), _Label(2, 110, 118, "B")]
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows] == ["A", "A", "A", "B", "B"]


def test_labels_fitting_two_alignments_alike_are_reported() -> None:
    """Single-row groups: a label fits at the top and at the bottom of its row alike;
    where the two give different groups (the first row in A's group, or in none above
    it), that doubt is reported."""
    rows = _rows([100, 110, 120])
    labels = [_Label(1, 110, 118, "A"), _Label(1, 120, 128, "B")]
    doubt: list[_Row] = []
    _owners_by_alignment(rows, labels, doubt)
    assert doubt


def test_count_glued_to_its_unit_is_cut() -> None:
    count, unit = _unglue(_w("20st", 100, 50))
    assert (count.text, unit.text) == ("20", "st")
    assert count.x1 == unit.x0 < 100 + 0.5 * (unit.x1 - 100) + 1
    assert [w.text for w in _unglue(_w("2023", 100, 50))] == ["2023"]


def test_unit_broken_over_lines_is_the_rows_unit() -> None:
    row = _Row(1, 100, 120)
    row.cells["total"] = [_w("12", 300, 100)]
    row.summary = [_line(_w("s", 350, 100), _w("Text", 380, 100)), _line(_w("t", 350, 110), _w("mer", 380, 110))]
    _take_wrapped_unit(row)
    assert [w.text for w in row.cells["unit"]] == ["st"]
    assert [ln.text for ln in row.summary] == ["Text", "mer"]


def test_unit_broken_over_lines_of_a_centred_cell_is_the_rows_unit() -> None:
    """Centred in its narrow cell, the unit's "t" starts a little right of its "s" (the
    narrower letter centred under the wider): the two still overlap, one cell's lines."""
    row = _Row(1, 100, 120)
    row.cells["total"] = [_w("12", 300, 100)]
    s, t = _w("s", 350, 100), _w("t", 351.2, 110)
    row.summary = [_line(replace(s, x1=355.3), _w("Text", 380, 100)), _line(replace(t, x1=354.1), _w("mer", 380, 110))]
    _take_wrapped_unit(row)
    assert [w.text for w in row.cells["unit"]] == ["st"]
    assert [ln.text for ln in row.summary] == ["Text", "mer"]


def test_two_counts_in_one_band_are_two_cells() -> None:
    """VB and total read into the total column's band (measured a little off): the left
    one is VB; a thousands group a space apart stays one number."""
    hdr = _line(_w("Utfall", 300, 50), _w("VB", 330, 50), _w("Totalt", 360, 50))
    layout = layout_from_header("complaint", [hdr], PageData(1, 600.0, 800.0, []))
    cells = {"total": [_w("5", 362, 100), _w("5", 390, 100)]}
    _spread_counts(cells, layout)
    assert [w.x0 for w in cells["vb"]] == [362] and [w.x0 for w in cells["total"]] == [390]
    cells = {"total": [_w("1", 362, 100), _w("234", 366, 100)]}
    _spread_counts(cells, layout)
    assert "vb" not in cells


def test_values_between_two_left_set_headers_go_with_the_header_before_them() -> None:
    """Dates set right in their cells stand between their own header and the next one;
    with headers set left (the first header starts where the body text does) the cut is
    just before the next header, not just after the dates' own header."""
    from vbparse.layout.tables.columns import Band, gutter_cuts

    heads = [("name", 100.0, 129.0), ("start", 312.0, 350.0), ("end", 405.0, 440.0), ("deviation", 482.0, 513.0)]
    bands = [Band(role, x0, x1, x0, role, x1) for role, x0, x1 in heads]
    values = [(100.2, 305.5), (100.2, 290.0), (364.0, 401.3), (364.0, 401.3), (440.8, 478.1), (440.8, 478.1)]
    cuts = gutter_cuts(bands, values)
    assert cuts[1] is not None and 401.3 < cuts[1] < 405.0
    assert cuts[2] is not None and 478.1 < cuts[2] < 482.0


def test_header_words_glued_at_a_word_space_split_where_a_cell_starts_on_another_line() -> None:
    """Zero padding: 'ode män/' runs across two cells; 'män/' starts where 'Utfall' does."""
    from vbparse.layout.lines import Line
    from vbparse.layout.tables.header import clusters
    from vbparse.pdf.reading import Word

    def line(top: float, ws: list[tuple[str, float, float]]) -> Line:
        return Line([Word(t, a, b, top, top + 8, 8.0, False, 1) for t, a, b in ws], 1)

    lines = [
        line(87, [("Indikator", 100.3, 141.4), ("Peri", 228.3, 246.2), ("Utfall", 247.8, 272.4)]),
        line(96, [("ode", 228.3, 244.9), ("män/", 247.8, 270.1)]),
        line(106, [("ns", 228.3, 238.7), ("u", 241.5, 247.2), ("pojkar", 247.8, 276.4)]),
        line(115, [("tfall", 228.3, 246.4)]),
    ]
    texts = [" ".join(w.text for w in c) for c in clusters(lines)]
    assert texts == ["Indikator", "Peri ode ns u tfall", "Utfall män/ pojkar"]


def _zero_pad_complaint_header() -> list[Line]:
    """Bottom-aligned complaint header at zero padding: 'Utfall T2' fits one line in its
    cell, so 'T2' and 'VB' stand a word space apart with nothing above 'T2'."""

    def line(top: float, ws: list[tuple[str, float, float]]) -> Line:
        return Line([Word(t, a, b, top, top + 10, 10.0, False, 1) for t, a, b in ws], 1)

    return [
        line(100, [("Utfa", 332.6, 352.5), ("Tota", 353.5, 373.5)]),
        line(112, [("Uppdelning", 145.0, 197.5), ("ll", 339.6, 345.4), ("ack.", 354.3, 372.7)]),
        line(
            124,
            [
                ("Klagomål/synpunkter/kategorier", 97.4, 244.9),
                ("Utfall", 291.0, 316.7),
                ("T2", 319.1, 331.4),
                ("VB", 335.2, 349.8),
                ("Utfall", 353.6, 373.4),
            ],
        ),
    ]


def test_cells_shaded_one_by_one_bound_the_columns_of_an_unshaded_header() -> None:
    header = _zero_pad_complaint_header()
    body = [
        Line(
            [
                Word(t, a, b, 140, 150, 10.0, False, 1)
                for t, a, b in [("Annan", 100.0, 130.0), ("1", 339.9, 345.2), ("28", 358.3, 368.8)]
            ],
            1,
        )
    ]
    edges = [70.5, 291.0, 331.5, 353.2, 373.5]
    fills = [Box(a, 138.0, b, 152.0) for a, b in itertools.pairwise(edges)]
    page = PageData(1, 595.0, 842.0, [], fills=fills)
    lay = layout_from_header("complaint", header, page, body)
    assert [b.role for b in lay.bands] == ["category", "t2", "vb", "total"]
    assert lay.band_of(339.9, 345.2).role == "vb" and lay.band_of(358.3, 368.8).role == "total"


def test_a_header_shaded_cell_by_cell_keeps_its_own_spanning_cell() -> None:
    """The header's own fills show 'Uppdelning Klagomål/...' spanning two body columns:
    the body's fill joint between those columns does not cut it."""
    header = _zero_pad_complaint_header()
    body_fills = [Box(a, 138.0, b, 152.0) for a, b in itertools.pairwise([70.5, 145.0, 291.0, 331.5, 353.2, 373.5])]
    head_fills = [Box(a, 98.0, b, 136.0) for a, b in itertools.pairwise([70.5, 291.0, 331.5, 353.2, 373.5])]
    page = PageData(1, 595.0, 842.0, [], fills=head_fills + body_fills)
    lay = layout_from_header("complaint", header, page)
    assert [b.role for b in lay.bands] == ["category", "t2", "vb", "total"]


def test_a_point_beside_a_letter_in_a_one_letter_wide_header_cell_is_header() -> None:
    """'ack.' 'Utfall' set a letter a line: the point lands beside the 'U'."""
    from vbparse.layout.tables.header import is_header_line

    assert is_header_line(_line(_w("U.", 410.0, 150.0)), "complaint")
    assert not is_header_line(_line(_w("X.", 410.0, 150.0)), "complaint")


def test_shaded_header_cells_edge_bounds_columns_a_value_touches_the_next_header() -> None:
    """Centred headers over cells shaded one by one: a count set left in the T2 cell ends
    where the T2 header starts; the drawn cell edge, not the touching texts, is the boundary."""

    def line(top: float, ws: list[tuple[str, float, float]]) -> Line:
        return Line([Word(t, a, b, top, top + 8.5, 8.5, False, 1) for t, a, b in ws], 1)

    header = [
        line(
            94.6,
            [
                ("Uppdelning", 144.5, 192.0),
                ("Utfall", 259.9, 283.1),
                ("Utfall", 300.0, 323.2),
                ("Utfall", 343.1, 366.3),
            ],
        ),
        line(
            105.8,
            [
                ("Klagomål/synpunkter/kategorier", 101.6, 235.0),
                ("T1", 265.9, 277.0),
                ("T2", 306.1, 317.2),
                ("VB", 348.1, 361.3),
            ],
        ),
    ]
    body = [
        line(129.1, [("Synpunkter", 167.2, 211.0), ("0", 295.1, 299.9), ("13", 336.1, 345.6)]),
        line(151.6, [("Beskrivning", 167.2, 213.6), ("2", 336.1, 340.9)]),
    ]
    fills = [Box(a, 84.8, b, 124.5) for a, b in itertools.pairwise([84.8, 252.0, 291.0, 332.2, 377.2])]
    page = PageData(1, 595.0, 842.0, [], fills=fills)
    lay = layout_from_header("complaint", header, page, body)
    assert lay.band_of(295.1, 299.9).role == "t2"


def test_acronym_glued_to_a_lowercase_header_word_is_two_pieces() -> None:
    """Zero padding: 'VB' (end of 'Utfall VB') and 'ack.' (of 'Totalt ack. Utfall') read as 'VBack.'."""
    from vbparse.layout.tables.header import glued_pieces

    w = Word("VBack.", 390.9, 417.9, 500.0, 508.5, 8.5, False, 1, cuts=[397.0, 403.0, 407.5, 412.0, 416.5])
    parts = glued_pieces(w)
    assert parts is not None and [p.text for p in parts] == ["VB", "ack."]
    assert glued_pieces(Word("Utfall", 300.0, 323.0, 0, 8, 8, False, 1, cuts=[304.0, 308, 312, 316, 320])) is None


def test_clusters_in_one_shaded_header_cell_are_one_column() -> None:
    """A right-aligned 'Totalt' over 'ack. Utfall' in one shaded cell: 'Utfall' opens a
    phrase of its own, yet the cell holds one column's header."""

    def line(top: float, ws: list[tuple[str, float, float]]) -> Line:
        return Line([Word(t, a, b, top, top + 6.8, 6.8, False, 1) for t, a, b in ws], 1)

    header = [
        line(633.8, [("Totalt", 419.4, 440.8), ("Sammanfattning", 477.7, 538.6)]),
        line(
            640.6,
            [
                ("Uppdelning", 107.8, 150.3),
                ("Utfall", 368.2, 389.0),
                ("VB", 390.9, 400.0),
                ("ack.", 402.9, 417.9),
                ("Utfall", 420.0, 440.8),
                ("åtgärder", 521.9, 553.5),
            ],
        ),
    ]
    edges = [57.0, 364.5, 402.8, 441.0, 468.8, 553.5]
    fills = [Box(a, 634.5, b, 648.0) for a, b in itertools.pairwise(edges)]
    page = PageData(1, 595.0, 842.0, [], fills=fills)
    lay = layout_from_header("complaint", header, page)
    assert [b.role for b in lay.bands] == ["category", "vb", "total", "summary"]


def test_ruled_header_cell_with_an_opener_inside_is_one_column() -> None:
    """A right-aligned 'Totalt' over 'ack. Utfall' between two vertical rules: 'Utfall'
    would open a cell of its own, but no rule parts it from 'ack.' (s500019)."""

    def line(top: float, ws: list[tuple[str, float, float]]) -> Line:
        return Line([Word(t, a, b, top, top + 7.0, 7.0, False, 1) for t, a, b in ws], 1)

    header = [
        line(
            213.8,
            [
                ("Uppdelning", 45.0, 90.0),
                ("Utfall", 271.3, 288.7),
                ("T1", 290.7, 298.9),
                ("Utfall", 306.9, 324.3),
                ("T2", 326.3, 334.5),
                ("Utfall", 348.7, 366.1),
                ("VB", 368.1, 377.8),
                ("Totalt", 396.5, 415.5),
                ("Sammanfattning", 459.9, 514.6),
            ],
        ),
        line(
            221.8,
            [
                ("Klagomål/synpunkter/kategorier", 45.0, 140.0),
                ("ack.", 382.5, 396.1),
                ("Utfall", 398.0, 415.5),
                ("åtgärder", 501.0, 529.0),
            ],
        ),
    ]
    xs = [40.5, 269.0, 300.7, 336.3, 379.7, 417.4, 435.6, 531.0]
    page = PageData(1, 595.0, 842.0, [], vrules=[Rule(x, 211.9, 769.8) for x in xs])
    lay = layout_from_header("complaint", header, page)
    roles = [b.role for b in lay.bands]
    assert roles.count("total") == 1
    total = lay.band("total")
    assert total is not None and total.left <= 382.5 and total.right >= 415.5


def test_complaint_header_set_a_letter_a_line_names_the_total_column() -> None:
    """'Totalt ack. Utfall' in a cell one letter wide: a letter a line, where a line's
    last letter and the next word's first share a line ("a" "t" read as "at"), so the
    cell's text reads "Totalatck U. tfall" (s400051); it still names the total column."""

    def line(top: float, ws: list[tuple[str, float, float]]) -> Line:
        return Line([Word(t, a, b, top, top + 8.0, 8.0, False, 1) for t, a, b in ws], 1)

    stacked = ["T", "o", "t", "a", "l", "at", None, "c", None, "k", None, "U.", "t", "f", "a", "l", "l"]
    rest: dict[int, list[tuple[str, float, float]]] = {
        6: [("Utf", 384.7, 399.4), ("Sammanfattning", 451.1, 531.0)],
        8: [("all", 384.7, 396.3), ("och", 451.1, 468.0), ("planerade", 470.9, 519.2)],
        10: [("VB", 384.7, 397.8), ("åtgärder", 451.1, 492.9)],
        7: [("Uppdelning", 91.0, 145.9), ("Utfall", 305.4, 331.6), ("Utfall", 346.0, 372.2)],
        9: [("Klagomål/synpunkter/kategorier", 91.0, 246.5), ("T1", 305.4, 317.1), ("T2", 346.0, 357.7)],
    }
    header = []
    letters = iter(["c", "k"])
    for i, ch in enumerate(stacked):
        ws = list(rest.get(i, []))
        if ch is None:
            ch = next(letters) if i in (7, 9) else None
        if ch is not None:
            ws.append((ch, 413.0 - (1.1 if len(ch) == 2 else 0.0), 418.8))
        header.append(line(70.0 + 5.0 * i, sorted(ws, key=lambda t: t[1])))
    lay = layout_from_header("complaint", header, PageData(1, 595.0, 842.0, []))
    assert [b.role for b in lay.bands] == ["category", "t1", "t2", "vb", "total", "summary"]


def test_split_cells_labelled_at_their_first_parts_top_beside_bottom_aligned_ones() -> None:
    """s400012 (a browser's table, no rules): labels are bottom-aligned in cells wholly on
    one page, but a cell split by a page break prints its label at the top of its first
    part. Taking that as one choice for the table, every label fits; scored label by
    label, the split cells' labels were read as one-row cells, the next label's run reached
    back over them, and the last label's rows overleaf were left in no group."""
    rows = _paged(
        [
            (1, 600),
            (1, 612),
            (1, 624),
            (2, 100),
            (2, 112),
            (2, 124),
            (2, 136),
            (2, 148),
            (2, 160),
            (2, 172),
            (2, 184),
            (3, 100),
            (3, 112),
            (3, 124),
        ]
    )
    labels = [
        _Label(1, 600, 608, "A"),  # top of its first part: its cell goes on overleaf
        _Label(2, 140, 156, "B"),  # two lines ending on its run's last row (148-156)
        _Label(2, 160, 176, "C"),  # top of its first part, reaching into the row below
    ]
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows[:3]] == ["A", "A", "A"]
    assert [owner[id(r)].text for r in rows[4:8]] == ["B"] * 4
    assert [owner[id(r)].text for r in rows[8:]] == ["C"] * 6


def test_rows_closer_than_their_texts_height_leave_a_top_label_at_its_rows_top() -> None:
    """s900052: rows set at a pitch under their text's height overlap, the row before a
    label's ending below the label's top. The label still starts its run's first row (the
    row before ends where that one begins): top-aligned, not read as centred."""
    rows = [_Row(1, 100 + 5.5 * i, 107 + 5.5 * i) for i in range(12)]
    labels = [_Label(1, 100, 112.5, "A"), _Label(1, 122, 134.5, "B"), _Label(1, 144, 156.5, "C")]  # rows 0, 4, 8
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows] == ["A"] * 4 + ["B"] * 4 + ["C"] * 4


def test_a_lone_label_leaves_no_unlabelled_rows_below_it_in_an_unruled_table() -> None:
    """s600066: one label, at the top of its row, with rows above it (a page up) and below
    it. Bottom-aligned, its run would take the rows above and leave those below in a group
    with no label, whose start nothing on the page shows; top-aligned, the rows above are
    in no group (the label opens its group, as far as the page shows) and those below are
    its own. Both fit the one label alike: the one leaving no unshown start wins."""
    rows = [
        _Row(1, 600, 608),
        _Row(1, 620, 628),
        _Row(2, 100, 108),
        _Row(2, 120, 144),
        _Row(2, 150, 158),
        _Row(2, 170, 178),
    ]
    labels = [_Label(2, 120, 134, "A")]  # two lines at the top of a three-line row (120-144)
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text if id(r) in owner else None for r in rows] == [None, None, None, "A", "A", "A"]


def test_a_split_cell_is_taken_to_print_its_label_in_its_first_part() -> None:
    """s500062 (a browser's table, bottom-aligned, no rules): the first label is as tall
    as its row, so it fits as a one-row cell, or as the top of a cell split by the page
    break; the second fits as the bottom of a cell reaching back over that break, or of
    the rows after the break. Both fit alike; most producers print a split cell's label in
    its first part: the first label's run goes on over the page break."""
    rows = _paged([(1, 600), (1, 612), (1, 624), (2, 100), (2, 112), (2, 124)])
    labels = [_Label(1, 600, 608, "A"), _Label(2, 116, 132, "B")]  # B: two lines ending on the last row
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows[:3]] == ["A", "A", "A"]  # not B's, reaching back
    assert owner[id(rows[-1])].text == "B"


def test_one_row_cells_labelled_at_their_top_among_centred_merged_ones() -> None:
    """s700043 (centred labels, no rules): a group of one row merges no cells, and a
    producer that prints split cells' labels at their top prints these at the top of
    their row too; taken as one choice for the table, every label fits centred."""
    rows = [
        _Row(1, 100, 108),
        _Row(1, 112, 120),
        _Row(1, 124, 132),
        _Row(1, 136, 144),
        _Row(1, 148, 172),
        _Row(1, 176, 200),
    ]  # the last two rows of three lines each
    labels = [_Label(1, 118, 126, "A"), _Label(1, 148, 156, "B"), _Label(1, 176, 184, "C")]
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows] == ["A", "A", "A", "A", "B", "C"]


def test_labels_flush_in_their_rows_leave_no_unlabelled_rows_between_them() -> None:
    """s600045: each label fits centred on its own row (the middle one a little taller
    than its row), leaving the rows between the first two in no group, whose start
    nothing on the page shows; bottom- or top-aligned they fit as well, in runs that
    take every row. The fit leaving no such rows wins over the one with more labels
    flush with their runs."""
    rows = _rows([100, 110, 120, 130, 140, 150])
    labels = [_Label(1, 100, 108, "A"), _Label(1, 138, 150, "B"), _Label(1, 150, 158, "C")]
    owner = _owners_by_alignment(rows, labels)
    assert all(owner.get(id(r)) not in (None, _NO_GROUP) for r in rows)


def test_a_label_that_stretches_its_last_row_begins_its_cell() -> None:
    """s400060 (a browser's table, bottom-aligned, no rules): the label of two lines beside
    two one-line rows reaches far below the second's text: it set its cell's height, so
    its cell begins with its first line, at the first of those rows, and the split cell
    above (labelled at its first part's top, a page up) runs on to there."""
    rows = _paged([(1, 600), (1, 620), (2, 100), (2, 120), (2, 140), (2, 160), (2, 180), (2, 200), (2, 240)])
    labels = [_Label(1, 600, 608, "A"), _Label(2, 180, 230, "B"), _Label(2, 240, 248, "C")]
    owner = _owners_by_alignment(rows, labels)
    assert [owner[id(r)].text for r in rows] == ["A"] * 6 + ["B", "B", "C"]


def test_a_run_the_page_break_alone_starts_is_reported() -> None:
    """s400007 (docx, no rules, bottom labels, cells split over pages): page 2's first rows
    are taken to open B's group, whose label stands lower, beside its last row; nothing on
    the page shows where B begins (A's cell may go on over them), so it is reported."""
    rows = [_Row(1, 700, 708), _Row(1, 710, 718), _Row(2, 100, 108), _Row(2, 110, 118), _Row(2, 120, 128)]
    labels = [_Label(1, 710, 718, "A"), _Label(2, 120, 128, "B")]
    loose: list[_Row] = []
    owner = _owners_by_alignment(rows, labels, [], loose)
    assert owner[id(rows[4])].text == "B"
    assert loose == [rows[2]]
