"""Words glued across two table cells by zero cell padding: cut at the column edge.

When one cell's text is right-aligned and the next cell's left-aligned with no padding,
the glyphs touch ('259' ends at x = 713.5, 'T1' starts there) and every reader makes one
word of them ('259T1'). Only the column edge can split it, at the character boundary on
it. Synthetic words: every character CW pt wide, Word.cuts where each one starts.
"""

from __future__ import annotations

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


HEADER = [_line(_w("Indikator", 60, 100, True), _w("Periodens", 140, 100, True), _w("utfall", 180, 100, True),
                _w("KF:s", 240, 100, True), _w("årsmål", 260, 100, True), _w("Period", 320, 100, True))]
"""Left-aligned header cells; Period's text starts at x = 320, its cell's left edge."""


def _body() -> list[Line]:
    """kf_target right-aligned ending at 320 (zero padding), period left-aligned from 320
    ('–' stands in an empty cell)."""
    return [
        _line(_w("Andel", 60, 120), _w("12", 160, 120), _w("217", 280, 120), _glued("259", "T1", 320, 120),
              _w("2023", 330, 120)),
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
    body = [_line(_w("Andel", 60, 120), _w("84", 312, 120)),
            _line(_w("Antal", 60, 140), _w("1234", 304, 140)),
            _line(_w("Del", 60, 160), _w("7", 316, 160))]
    layout = _layout(body)
    for ln in body:
        assert "kf_target" in cells_of(ln, layout) and "period" not in cells_of(ln, layout)


def test_both_readers_give_the_same_character_boundaries() -> None:
    pdf_path = PDFS / "sample-b_carlito_hrules.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        ref = read_pages(pdf)
        new = read_pdfium.read_pages(pdf_path.read_bytes(), font_descents(pdf))
    compared = 0
    for a, b in zip(ref, new, strict=True):
        theirs = {(w.text, round(w.x0), round(w.top)): w for w in b.words}
        for w in a.words:
            v = theirs.get((w.text, round(w.x0), round(w.top)))
            if v is None:
                continue
            assert (w.cuts is None) == (v.cuts is None), w.text
            if w.cuts is not None and v.cuts is not None:
                assert len(w.cuts) == len(w.text) - 1
                assert max((abs(p - q) for p, q in zip(w.cuts, v.cuts, strict=True)), default=0.0) < 0.6
                compared += 1
    assert compared > 500


def test_glued_header_words_are_found_and_cut() -> None:
    """Header cells with zero padding: 'VB 2022' right-aligned touches 'Årsmål'; the
    header is still found, and 'Årsmål' heads its own column from where its text starts."""
    from vbparse.layout.tables.header import header_at

    line = _line(_w("Indikator", 60, 100, True), _w("Utfall", 140, 100, True), _w("VB", 168, 100, True),
                 _glued("2022", "Årsmål", 200, 100), _w("Period", 260, 100, True))
    header = header_at([line], 0, lambda a, b: False)
    assert header is not None and header.kind == "indicator"
    layout = layout_from_header("indicator", header.lines, PageData(1, 600.0, 800.0, []))
    assert [b.role for b in layout.bands] == ["name", "previous", "target", "period"]
    assert layout.previous_year == 2022 and layout.band("target").text_left == 200.0  # type: ignore[union-attr]
