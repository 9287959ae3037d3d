"""A narrow cell's line breaks that geometry cannot settle, weighed by the words they make.

In a cell narrower than a word the line breaker cuts words wherever the line is full, and a
line ending at a space is just as full, so "Tas" / "fra" / "m" may be "Tas fram" or
"Tasfra m". Synthetic lines: every character CW pt wide, each cell line starting at x = 100.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vbparse.layout.lines import MID_LINE_WORDS, Line, join_cell
from vbparse.pdf.reading import Word

CW = 5.0
SPACE = 2.5


def _line(text: str, top: float, x0: float = 100.0) -> Line:
    words = []
    x = x0
    for t in text.split():
        words.append(Word(t, x, x + CW * len(t), top, top + 9.0, 9.0, False, 1))
        x += CW * len(t) + SPACE
    return Line(words, 1)


def _cell(*texts: str) -> list[Line]:
    return [_line(t, 100.0 + 11.0 * i) for i, t in enumerate(texts)]


@pytest.fixture
def known() -> Iterator[None]:
    """The words this document sets whole mid-line (the pipeline sets them per parse)."""
    token = MID_LINE_WORDS.set(frozenset({"tas", "fram", "av", "nämnd", "styrelse", "gäller", "synpunkten"}))
    yield
    MID_LINE_WORDS.reset(token)


def test_space_break_in_a_full_cell_is_read_by_the_words_it_makes(known: None) -> None:
    # "Tas fram" in a cell 17.5 pt wide: "Tas" fills it, "fram" does not fit alone
    cell = _cell("Tas", "fra", "m")
    assert join_cell(cell, 117.5) == "Tas fram"


def test_word_cut_after_a_space_on_its_line_is_rejoined(known: None) -> None:
    # reportlab starts the long word on the line after "av": "av n" / "ämn" / "d/st" / "yrelse"
    cell = _cell("Tas f", "ram", "av n", "ämn", "d/st", "yrelse")
    assert join_cell(cell, 125.0) == "Tas fram av nämnd/styrelse"


def test_breaks_stand_when_no_reading_makes_known_words(known: None) -> None:
    # "okänt" and "ord" are no words of this document, and gluing them is none either
    assert join_cell(_cell("okänt", "ord"), 200.0) == "okänt ord"
    assert join_cell(_cell("okänt", "ord"), 125.0) == "okäntord"  # full, and too wide together: cut


def test_gluing_unknown_words_is_no_evidence(known: None) -> None:
    # "gäller" is known, "hälso-" an ellipsis part: "gällerhälso-" is no word
    assert (
        join_cell(_cell("Klagomål som gäller", "hälso- och sjukvård"), 200.0)
        == "Klagomål som gäller hälso- och sjukvård"
    )


def test_without_vocabulary_geometry_decides() -> None:
    assert join_cell(_cell("Tas", "fra", "m"), 117.5) == "Tasfram"


def _column(*texts: str, x0: float, top: float = 100.0) -> list[Line]:
    """One glyph 4.7 pt wide a character, lines 9 pt apart, each starting at `x0`."""
    return [
        Line([Word(t, x0, x0 + 4.7 * len(t), top + 9.0 * i, top + 9.0 * i + 8.0, 8.0, False, 1)], 1)
        for i, t in enumerate(texts)
    ]


def test_digits_stacked_one_a_line_are_one_number() -> None:
    # a column that never holds a line wider than one glyph ("%" at 7.9 pt), its rules
    # 13.5 pt apart (padding the rules do not show): "9" "4" "%" is 94 %, "8" "," "5" is 8,5
    cell = _column("9", "4", "%", x0=269.1)
    assert join_cell(cell, 278.3, True, room=7.9, cell_left=264.7) == "94 %"
    cell = _column("8", ",", "5", x0=269.1)
    assert join_cell(cell, 278.3, True, room=7.9, cell_left=264.7) == "8,5"
    # a column that holds wider lines: "1" over "234" is a thousands group
    assert join_cell(_column("1", "234", x0=269.1), 300.0, True, room=30.0, cell_left=264.7) == "1 234"


def test_a_minus_sign_alone_at_a_lines_end_joins_its_number() -> None:
    # "−33" in a column one glyph wide: the sign could not stand apart from its number
    assert join_cell(_column("−", "33", x0=337.8), 343.1, False) == "−33"
    assert join_cell(_column("–", "33", x0=337.8), 343.1, False) == "– 33"  # an en dash is a mark of its own


def test_a_decimal_comma_alone_on_its_line_joins_the_digits_around_it() -> None:
    # "2,9" in a column where "2," would fit by the widest line ("%"), yet the comma went
    # to a line of its own: "2" "," "9" is one number, never "2 , 9"
    assert join_cell(_column("2", ",", "9", "%", x0=274.0), 283.2, False, room=10.7) == "2,9 %"


def test_a_hyphened_word_the_document_sets_mid_line_keeps_its_space_at_a_break() -> None:
    """ "enhetschef- biträdande enhetschef- arbetsledare": a word ending in a hyphen that the
    text also sets mid-line with a space after it is a word of its own; at a line's end it
    keeps that space. A hyphen the text never sets so stays a compound's ("kort-" "sikt")."""
    from vbparse.layout.lines import _join_pair

    token = MID_LINE_WORDS.set(frozenset({"enhetschef-", "biträdande"}))
    try:
        assert _join_pair("nivåerna: enhetschef-", "arbetsledare, arbetsledare", False) == (
            "nivåerna: enhetschef- arbetsledare, arbetsledare"
        )
        assert _join_pair("på kort-", "sikt", False) == "på kort-sikt"
        # an en dash ending a cell's line beside another cell's text is no evidence
        MID_LINE_WORDS.set(frozenset({"resultat–"}))
        assert _join_pair("utveckling resultat–", "analys.", False) == "utveckling resultat–analys."
    finally:
        MID_LINE_WORDS.reset(token)
