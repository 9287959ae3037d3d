"""Where a ruled table ends when another table's rules follow further down the page."""

from __future__ import annotations

from vbparse.layout.lines import Line
from vbparse.pdf.reading import PageData, Rule, Word
from vbparse.report.structure import _past_side_rules


def _line(top: float, text: str) -> Line:
    return Line([Word(text, 42.6, 42.6 + 6 * len(text), top, top + 11, 11.0, False, 1)], 1)


# a grid from 333 to 373 (side rules at x=38 and 549), the next table's top rule at 423
PAGE = PageData(
    1,
    595,
    842,
    [],
    hrules=[Rule(333.5, 38.5, 549), Rule(373.4, 38.5, 549), Rule(423.0, 38.5, 549)],
    vrules=[Rule(38.0, 333.3, 373.6), Rule(549.0, 333.3, 373.6)],
)
SPANS = [333.5, 373.4, 423.0]


def test_a_line_below_the_grids_foot_is_outside_it() -> None:
    assert _past_side_rules(PAGE, _line(388.2, "Analys"), 38.5, 300.0, SPANS)


def test_a_line_beside_the_side_rules_is_inside() -> None:
    assert not _past_side_rules(PAGE, _line(340.0, "Det"), 38.5, 300.0, SPANS)


def test_no_side_rules_no_evidence() -> None:
    bare = PageData(1, 595, 842, [], hrules=PAGE.hrules)
    assert not _past_side_rules(bare, _line(388.2, "Analys"), 38.5, 300.0, SPANS)
