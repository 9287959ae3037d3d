"""Words glued across two table cells by zero cell padding: cut at the column edge.

When one cell's text is right-aligned and the next cell's left-aligned with no padding,
the glyphs touch ('259' ends at x = 713.5, 'T1' starts there) and every reader makes one
word of them ('259T1'). Only the column edge can split it, at the character boundary on
it. Synthetic words: every character CW pt wide, Word.cuts where each one starts.
"""

from __future__ import annotations

import math

import pdfplumber
from sample_reports import PDFS

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import cells_of, layout_from_header
from vbparse.layout.tables.goals import RowReader
from vbparse.layout.tables.rows import RowEvidence
from vbparse.model import ParseWarning
from vbparse.pdf import read_pdfium
from vbparse.pdf.descents import font_descents
from vbparse.pdf.reading import PageData, Rule, Word, read_pages

CW = 4.0  # width of every synthetic character


def _w(text: str, x0: float, top: float, bold: bool = False) -> Word:
    cuts = tuple(x0 + CW * i for i in range(1, len(text)))
    return Word(text, x0, x0 + CW * len(text), top, top + 8.0, 8.0, bold, 1, cuts)


def _glued(left: str, right: str, edge: float, top: float) -> Word:
    """One word made of a right-aligned cell's text ending at `edge` and the next cell's
    left-aligned text starting there."""
    return _w(left + right, edge - CW * len(left), top)


def _line(*words: Word) -> Line:
    return Line(list(words), 1)


HEADER = [
    _line(
        _w("Indikator", 60, 100, True),
        _w("Periodens", 140, 100, True),
        _w("utfall", 180, 100, True),
        _w("KF:s", 240, 100, True),
        _w("årsmål", 260, 100, True),
        _w("Period", 320, 100, True),
    )
]
"""Left-aligned header cells; Period's text starts at x = 320, its cell's left edge."""


def _body() -> list[Line]:
    """kf_target right-aligned ending at 320 (zero padding), period left-aligned from 320
    ('–' stands in an empty cell)."""
    return [
        _line(
            _w("Andel", 60, 120),
            _w("12", 160, 120),
            _w("217", 280, 120),
            _glued("259", "T1", 320, 120),
            _w("2023", 330, 120),
        ),
        _line(_w("Antal", 60, 140), _w("7", 160, 140), _glued("–", "2023", 320, 140)),
        _line(_w("Del", 60, 160), _w("3", 160, 160), _glued("45", "T2", 320, 160), _w("2023", 330, 160)),
    ]


def _layout(body: list[Line], page: PageData | None = None):  # type: ignore[no-untyped-def]
    return layout_from_header("indicator", HEADER, page or PageData(1, 600.0, 800.0, []), body)


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


RULES = [Rule(x, 95, 200) for x in (50, 130, 230, 320, 400)]
"""Vertical rules between the columns; kf_target | period at x = 320."""


def test_glued_word_is_cut_at_a_vertical_rule() -> None:
    body = _body()
    layout = _layout(body, PageData(1, 600.0, 800.0, [], vrules=RULES))
    assert layout.seams == [320.0]
    cells = cells_of(body[0], layout)
    assert _text(cells["kf_target"]) == "217 259" and _text(cells["period"]) == "T1 2023"
    assert cells["kf_target"][-1].x1 == 320.0 and cells["period"][0].x0 == 320.0
    cells = cells_of(body[2], layout)
    assert _text(cells["kf_target"]) == "45" and _text(cells["period"]) == "T2 2023"


def test_word_is_kept_whole_without_a_character_boundary_on_the_rule() -> None:
    """The rule (x = 320) falls mid-character, 1.4 pt from the nearest character start: no
    cut; the straddling word is reported as today."""
    body = _body()
    page = PageData(1, 600.0, 800.0, [], vrules=RULES)
    layout = _layout(body, page)
    odd = Word("259T1", 310.0, 330.0, 180, 188, 8.0, False, 1, (314.0, 318.0, 321.4, 326.0))
    line = _line(_w("Mer", 60, 180), odd)
    assert [w.text for w in layout.split_glued(line.words)] == ["Mer", "259T1"]
    warnings: list[ParseWarning] = []
    reader = RowReader(layout, RowEvidence({1: page}, {1: [*body, line]}), warnings, 20.0)
    reader._warn_straddling(line)
    assert [w.code for w in warnings] == ["text_across_columns"]


def test_glued_word_is_cut_where_the_next_columns_header_text_starts() -> None:
    """Unruled: the Period header's text starts at x = 320; glued words of different
    shapes all have a character boundary exactly there."""
    body = _body()
    layout = _layout(body)
    assert layout.seams == [320.0]
    cells = cells_of(body[0], layout)
    assert _text(cells["kf_target"]) == "217 259" and _text(cells["period"]) == "T1 2023"
    cells = cells_of(body[1], layout)
    assert _text(cells["kf_target"]) == "–" and _text(cells["period"]) == "2023"


def test_no_cut_inside_a_column_of_values_alike() -> None:
    """A centred header's text (x = 320) starting inside its own column: the same date in
    every row has a character boundary there (and so would numbers of one alignment);
    they line up, so they are one column's texts, not two cells glued."""
    body = [_line(_w("Andel", 60, 120 + 20 * i), _w("2024-01-01", 300, 120 + 20 * i)) for i in range(3)]
    layout = _layout(body)
    assert layout.seams == []
    assert "2024-01-01" in [w.text for ws in cells_of(body[0], layout).values() for w in ws]


def test_no_cut_on_character_classes_alone() -> None:
    """'259T1' inside one cell, away from any column edge, stays one word."""
    body = _body()
    for layout in (_layout(body, PageData(1, 600.0, 800.0, [], vrules=RULES)), _layout(body)):
        assert [x.text for x in layout.split_glued([_w("259T1", 180, 200)])] == ["259T1"]


def test_values_touching_the_next_header_belong_to_the_left_column() -> None:
    """Zero padding, unruled: right-aligned kf_target values end exactly where the Period
    header's text starts (x = 320), with the period cells empty. They are kf_target's,
    though the gap on their left is wider than the none on their right."""
    body = [
        _line(_w("Andel", 60, 120), _w("84", 312, 120)),
        _line(_w("Antal", 60, 140), _w("1234", 304, 140)),
        _line(_w("Del", 60, 160), _w("7", 316, 160)),
    ]
    layout = _layout(body)
    for ln in body:
        assert "kf_target" in cells_of(ln, layout) and "period" not in cells_of(ln, layout)


def test_both_readers_give_the_same_character_boundaries() -> None:
    pdf_path = PDFS / "sample-b_carlito_hrules.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        ref = read_pages(pdf)
        new = read_pdfium.read_pages(pdf_path.read_bytes(), font_descents(pdf))
    compared = ligatures = 0
    for a, b in zip(ref, new, strict=True):
        theirs = {(w.text, round(w.x0), round(w.top)): w for w in b.words}
        for w in a.words:
            v = theirs.get((w.text, round(w.x0), round(w.top)))
            if v is None:
                continue
            assert (w.cuts is None) == (v.cuts is None), w.text
            if w.cuts is not None and v.cuts is not None:
                assert len(w.cuts) == len(w.text) - 1
                # a character inside another's glyph (ligature) has no position in either reader
                assert [math.isnan(p) for p in w.cuts] == [math.isnan(q) for q in v.cuts], w.text
                pairs = [(p, q) for p, q in zip(w.cuts, v.cuts, strict=True) if not math.isnan(p)]
                assert max((abs(p - q) for p, q in pairs), default=0.0) < 0.6
                compared += 1
                ligatures += len(pairs) < len(w.cuts)
    assert compared > 500
    assert ligatures > 10  # Carlito sets "tt", "ti", "ft" as one glyph: those words keep their other boundaries


def test_glued_header_words_are_found_and_cut() -> None:
    """Header cells with zero padding: 'VB 2022' right-aligned touches 'Årsmål'; the
    header is still found, and 'Årsmål' heads its own column from where its text starts."""
    from vbparse.layout.tables.header import header_at

    line = _line(
        _w("Indikator", 60, 100, True),
        _w("Utfall", 140, 100, True),
        _w("VB", 168, 100, True),
        _glued("2022", "Årsmål", 200, 100),
        _w("Period", 260, 100, True),
    )
    header = header_at([line], 0, lambda a, b: False)
    assert header is not None and header.kind == "indicator"
    layout = layout_from_header("indicator", header.lines, PageData(1, 600.0, 800.0, []))
    assert [b.role for b in layout.bands] == ["name", "previous", "target", "period"]
    assert layout.previous_year == 2022 and layout.band("target").text_left == 200.0  # type: ignore[union-attr]


# --- borders drawn on the page (vbparse.pdf.borders), both readers -------------------------


def test_word_is_cut_where_a_vertical_rule_passes_between_two_characters() -> None:
    from vbparse.pdf.borders import cut_at_borders

    glued = _glued("VB", "Totalt", 200, 100)  # 'VB' ends at 200, 'Totalt' starts there
    odd = Word("259T1", 290.0, 310.0, 100, 108, 8.0, False, 1, (294.0, 298.0, 301.4, 306.0))
    out = cut_at_borders([glued, odd, _w("Andel", 60, 100)], [Rule(200.2, 90, 120), Rule(300.0, 90, 120)], [])
    assert [(w.text, w.x0, w.x1) for w in out] == [
        ("VB", 192.0, 200.0),
        ("Totalt", 200.0, 224.0),
        ("259T1", 290.0, 310.0),
        ("Andel", 60.0, 80.0),
    ]
    assert list(out[1].cuts or ()) == [204.0, 208.0, 212.0, 216.0, 220.0]


def test_a_rule_beside_the_word_cuts_nothing() -> None:
    """A rule that ends above the word, or a word that merely ends on a rule, stays whole."""
    from vbparse.pdf.borders import cut_at_borders

    glued = _glued("VB", "Totalt", 200, 100)
    assert [w.text for w in cut_at_borders([glued], [Rule(200.0, 40, 95), Rule(224.0, 90, 120)], [])] == ["VBTotalt"]
    # a table's rule starting at the middle of a line of text just above the table
    assert [w.text for w in cut_at_borders([glued], [Rule(200.0, 104, 160)], [])] == ["VBTotalt"]


def test_word_is_cut_at_the_edge_two_shaded_cells_share() -> None:
    """Header cells shaded one by one (no rules): the edge where one fill meets the next
    is a cell border; a single fill's own edge (a highlight, a zebra row) is not."""
    from vbparse.pdf.borders import cut_at_borders
    from vbparse.pdf.reading import Box

    glued = _glued("kategorier", "Utfall", 200, 100)
    cells = [Box(50, 95, 200.1, 125), Box(200.1, 95, 260, 125)]
    assert [w.text for w in cut_at_borders([glued], [], cells)] == ["kategorier", "Utfall"]
    assert [w.text for w in cut_at_borders([glued], [], [Box(50, 95, 200, 125)])] == ["kategorierUtfall"]
    stacked = [Box(50, 95, 200.1, 99), Box(200.1, 101, 260, 125)]  # side by side but not at one height
    assert [w.text for w in cut_at_borders([glued], [], stacked)] == ["kategorierUtfall"]


# --- unruled seams where the header does not show the cell edge ---------------------------


def _kf_period_body() -> list[Line]:
    """kf_target right-aligned against x = 320, period left-aligned from there, every
    period '2023': the glued words all end alike. 'Tas' and '2023' are two words that
    touch at 320 (a space followed 'Tas' in its cell)."""
    return [
        _line(_w("Andel", 60, 120), _glued("öka", "2023", 320, 120)),
        _line(_w("Antal", 60, 140), _w("80", 306, 140), _glued("%", "2023", 320, 140)),
        _line(_w("Del", 60, 160), _w("Tas", 308, 160), _w("2023", 320, 160)),
    ]


def test_glued_words_are_cut_where_a_right_aligned_header_ends() -> None:
    """Right-aligned header cells: 'KF:s årsmål' ends at 320, its cell's right edge;
    'Period' does not start at its cell's left edge. The glued words share the right
    alignment of their period parts, so alignment alone cannot tell; 'Tas' touching
    '2023' at 320 shows the edge."""
    header = [
        _line(
            _w("Indikator", 60, 100, True),
            _w("KF:s", 276, 100, True),
            _w("årsmål", 296, 100, True),
            _w("Period", 376, 100, True),
        )
    ]
    body = _kf_period_body()
    layout = layout_from_header("indicator", header, PageData(1, 600.0, 800.0, []), body)
    assert layout.seams == [320.0]
    assert _text(cells_of(body[0], layout)["kf_target"]) == "öka"
    assert _text(cells_of(body[1], layout)["kf_target"]) == "80 %"
    assert _text(cells_of(body[1], layout)["period"]) == "2023"


def test_glued_words_are_cut_where_other_cells_texts_meet_the_edge() -> None:
    """Centred header cells: neither header text touches the edge at 320. A value set
    against it with its neighbour empty ('12' ending at 320) shows it."""
    header = [
        _line(
            _w("Indikator", 60, 100, True),
            _w("KF:s", 282, 100, True),
            _w("årsmål", 276, 108, True),
            _w("Period", 348, 100, True),
        )
    ]
    body = [*_kf_period_body()[:2], _line(_w("Mer", 60, 160), _w("12", 312, 160))]
    layout = layout_from_header("indicator", header, PageData(1, 600.0, 800.0, []), body)
    assert layout.seams == [320.0]
    assert _text(cells_of(body[0], layout)["period"]) == "2023"


def test_no_cut_where_a_columns_shorter_values_end() -> None:
    """Left-aligned values of one column under a centred header: '94,5' has character
    boundaries where '83' ends and where the '%' of '91 %' starts (a space as wide as a
    comma). Those runs line up with '94,5 %' on the left: one column's texts, no edge."""
    header = [
        _line(
            _w("Indikator", 60, 100, True),
            _w("Periodens", 200, 100, True),
            _w("utfall", 208, 108, True),
            _w("Period", 320, 100, True),
        )
    ]
    body = [
        _line(_w("Andel", 60, 120), _w("94,5", 170, 120), _w("%", 190, 120), _w("2023", 320, 120)),
        _line(_w("Antal", 60, 140), _w("91", 170, 140), _w("%", 182, 140), _w("2023", 320, 140)),
        _line(_w("Del", 60, 160), _w("83", 170, 160), _w("2023", 320, 160)),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 600.0, 800.0, []), body)
    assert layout.seams == []
    assert _text(cells_of(body[0], layout)["outcome"]) == "94,5 %"


def test_no_cut_inside_numbers_whatever_touches_them() -> None:
    """Right-aligned numbers under centred headers: '27 518' and '-10' have character
    boundaries where another value ends; digits running on ('5|18') and a minus before
    its digits ('-|10') are one cell's text, so no edge is taken there."""
    header = [
        _line(
            _w("Indikator", 60, 100, True),
            _w("Periodens", 196, 100, True),
            _w("utfall", 204, 108, True),
            _w("Utfall", 300, 100, True),
            _w("män", 304, 108, True),
        )
    ]
    body = [
        _line(_w("Andel", 60, 120), _w("27", 236, 120), _w("518", 252, 120)),
        _line(_w("Antal", 60, 140), _w("-10", 252, 140)),
        _line(_w("Del", 60, 160), _w("7", 252, 160), _w("1", 300, 160)),
    ]
    layout = layout_from_header("indicator", header, PageData(1, 600.0, 800.0, []), body)
    assert layout.seams == []
    assert _text(cells_of(body[1], layout)["outcome"]) == "-10"


def test_touching_words_joined_into_one_keep_their_character_boundaries() -> None:
    """A reader's two words that touch and are joined (a lone glyph of another font, or
    a word cut at a rule and joined back) keep where each character starts, so a column
    edge can still cut the joined word."""
    from vbparse.layout.lines import group_lines

    joined = group_lines([_w("öka", 300, 120), _w("VB", 312, 120)], 1)[0].words
    assert [w.text for w in joined] == ["ökaVB"]
    assert list(joined[0].cuts or ()) == [304.0, 308.0, 312.0, 316.0]


def test_a_count_glued_to_its_unit_is_cut_where_the_unit_starts() -> None:
    """'22st' (no cell padding): the parts keep their own character boundaries, so a
    column edge at the unit's start no longer cuts inside 'st'."""
    from vbparse.layout.tables.complaints.cells import _unglue

    count, unit = _unglue(_glued("22", "st", 320, 120))
    assert (count.text, count.x1, unit.text, unit.x0) == ("22", 320.0, "st", 320.0)
    assert list(unit.cuts or ()) == [324.0]


def test_a_later_table_under_the_same_header_is_cut_at_the_edge_an_earlier_one_showed() -> None:
    """One glued word alone under centred headers shows no edge; an earlier table of the
    report under the same header showed it (several glued words, text set against it)."""
    from vbparse.layout.tables.columns import KNOWN_SEAMS

    header = [
        _line(
            _w("Indikator", 60, 100, True),
            _w("KF:s", 282, 100, True),
            _w("årsmål", 276, 108, True),
            _w("Period", 348, 100, True),
        )
    ]
    first = [*_kf_period_body()[:2], _line(_w("Mer", 60, 160), _w("12", 312, 160))]
    later = [
        _line(_w("Andel", 60, 120), _glued("83", "2023", 320, 120)),
        _line(_w("Antal", 60, 140), _w("7", 160, 140)),
    ]
    page = PageData(1, 600.0, 800.0, [])
    assert layout_from_header("indicator", header, page, later).seams == []
    token = KNOWN_SEAMS.set({})
    try:
        assert layout_from_header("indicator", header, page, first).seams == [320.0]
        layout = layout_from_header("indicator", header, page, later)
    finally:
        KNOWN_SEAMS.reset(token)
    assert layout.seams == [320.0]
    assert _text(cells_of(later[0], layout)["period"]) == "2023"
