"""Where a table's header band ends: at a rule under its last line, however it is drawn."""

from __future__ import annotations

from vbparse.layout.lines import Line
from vbparse.layout.style import Style
from vbparse.pdf.reading import PageData, Rule, Word
from vbparse.report.structure import Walker

SIZE = 8.5


def _line(top: float, *words: tuple[str, float]) -> Line:
    return Line([Word(t, x, x + 0.5 * SIZE * len(t), top, top + SIZE, SIZE, True, 1) for t, x in words], 1)


def _header_lines(rules: list[Rule]) -> list[str]:
    lines = [
        _line(
            200.0,
            ("Uppdelning", 105),
            ("Klagomål/synpunkter/kategorier", 163),
            ("T1", 328),
            ("T2", 350),
            ("Totalt", 390),
        ),
        # the first row set tight below it (6.9 pt): its counts and unit read as header pieces
        _line(206.9, ("2024", 183), ("33", 328), ("33", 390), ("st", 408)),
    ]
    page = PageData(1, 595.0, 842.0, [w for ln in lines for w in ln.words], hrules=rules)
    style = Style(10.0, [14.0], 12.0, 540.0, {})
    header = Walker(lines, {1: page}, style)._header(0)
    assert header is not None
    return [ln.text for ln in header.lines]


def test_a_rule_drawn_cell_by_cell_under_the_header_ends_it_though_the_lines_boxes_reach_over_it() -> None:
    # the header's bottom border at 207.0, drawn as one segment a cell, a point inside the
    # header line's box (its descent) and a tenth below the next line's top
    segments = [
        Rule(207.0, 57, 179),
        Rule(207.0, 179, 323),
        Rule(207.0, 323, 343),
        Rule(207.0, 343, 366),
        Rule(207.0, 366, 524),
    ]
    assert len(_header_lines(segments)) == 1
    # no rule there: one band (the line could be a header's wrapped counts)
    assert len(_header_lines([])) == 2
