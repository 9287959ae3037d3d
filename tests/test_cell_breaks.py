"""A narrow cell's line breaks that geometry cannot settle, weighed by the words they make.

In a cell narrower than a word the line breaker cuts words wherever the line is full, and a
line ending at a space is just as full, so "Tas" / "fra" / "m" may be "Tas fram" or
"Tasfra m". Synthetic lines: every character CW pt wide, each cell line starting at x = 100.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vbparse.layout.lines import MID_LINE_WORDS, Line, join_cell, join_wrapped, mid_line_words
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
    from vbparse.layout.lines import _join_pair, mid_line_words

    text = _line("nivåerna: enhetschef- biträdande enhetschef, på APT-möten", 100.0)
    token = MID_LINE_WORDS.set(mid_line_words([text]))
    try:
        assert _join_pair("nivåerna: enhetschef-", "arbetsledare, arbetsledare", False) == (
            "nivåerna: enhetschef- arbetsledare, arbetsledare"
        )
        assert _join_pair("på kort-", "sikt", False) == "på kort-sikt"
        # "APT-" is a part of the compound "APT-möten" set whole, not a word set apart
        assert _join_pair("varje APT-", "möte", False) == "varje APT-möte"
        # an en dash ending a cell's line beside another cell's text is no evidence
        MID_LINE_WORDS.set(frozenset({"resultat–", "resultat– "}))
        assert _join_pair("utveckling resultat–", "analys.", False) == "utveckling resultat–analys."
    finally:
        MID_LINE_WORDS.reset(token)


def _digits(*lines: tuple[str, float], size: float = 11.5, dw: float = 6.4) -> list[Line]:
    """Lines of tabular digits `dw` pt wide, each (text, x1): where the line ends."""
    out = []
    for i, (t, x1) in enumerate(lines):
        x0 = x1 - dw * len(t)
        cuts = [x0 + dw * k for k in range(1, len(t))]
        out.append(Line([Word(t, x0, x1, 100.0 + 13.0 * i, 110.0 + 13.0 * i, size, False, 1, cuts)], 1))
    return out


def test_a_digit_that_would_have_fit_exactly_marks_a_space_break() -> None:
    # "139 930" right-aligned in a column two digits wide (its widest line "13"): "9" and
    # the next "9" fill a line exactly, so the break after "9" was at the thousands space
    cell = _digits(("13", 368.9), ("9", 368.9), ("93", 368.9), ("0", 368.9))
    assert join_cell(cell, 368.9, False, room=12.8) == "139 930"
    # "1 558": "1" + "5" fits, "55" + "8" does not
    assert join_cell(_digits(("1", 469.7), ("55", 476.1), ("8", 469.7)), 476.1, False, room=12.8) == "1 558"


def test_a_right_aligned_line_that_kept_its_trailing_space_ends_at_that_space() -> None:
    # WeasyPrint keeps the space ending a right-aligned line: "7 " stands a space's width
    # (2.1 pt at 8.5 pt) left of the digits below it, so "147 474" is no "147474"
    ends = [418.6, 418.6, 416.5, 418.6, 418.6, 418.6]
    cell = _digits(*zip("147474", ends, strict=True), size=8.5, dw=4.25)
    assert join_cell(cell, 418.6, False, room=6.4) == "147 474"


def test_left_aligned_digits_beside_a_wider_mark_stay_one_number() -> None:
    # "19 %" left-aligned, one digit a line: the "%" line is wider, yet "1" / "9" is one number
    cell = _digits(("1", 427.2), ("9", 427.2))
    cell.append(Line([Word("%", 420.8, 431.0, 126.0, 136.0, 11.5, False, 1)], 1))
    assert join_cell(cell, 431.0, False, room=10.2) == "19 %"
    # centred, "1" over "55" is shifted in from both sides: no kept space
    cell = _digits(("1", 472.9), ("55", 476.1))
    assert join_cell(cell, 476.1, False, room=6.0) == "155"


def test_a_digit_goes_by_its_own_glyph_not_its_words_mean() -> None:
    # "71,7" right-aligned, digits 5.3 pt and a comma 2.6 pt wide, the widest line 10.3 pt:
    # "7" + "1" (10.6 pt) does not fit, though the mean of "1," (4 pt) would
    cell = _digits(("7", 343.0), ("1", 343.0), ("7", 343.0), dw=5.31)
    cell[1] = Line([Word("1,", 335.1, 343.0, 113.0, 123.0, 11.5, False, 1, [340.4])], 1)
    assert join_cell(cell, 343.0, False, room=10.3) == "71,7"


def test_a_number_and_a_word_after_it_stand_apart() -> None:
    # "5,5 café" in a column too narrow for "5,5 c": no word opens with a number's digits
    assert join_cell(_column("5,5", "café", x0=494.0), 505.4, False, room=11.3) == "5,5 café"


def test_a_full_stop_wrapped_alone_closes_its_word() -> None:
    # "förväntat." filled its line; the breaker put the stop on a line of its own
    assert join_cell(_cell("inom verksamheten", "förväntat", "."), 200.0) == "inom verksamheten förväntat."
    assert join_cell(_cell("vänta", "..."), 200.0) == "vänta ..."  # an ellipsis stands apart


def test_a_dashed_compound_set_whole_makes_its_parts_known() -> None:
    known = mid_line_words([_line("Målet resultat–analys för alla", 100.0)])
    assert {"resultat–", "resultat", "analys"} <= known
    token = MID_LINE_WORDS.set(known | {"uppföljning"})
    try:
        # "uppföljning" fills the cell; "resultat–" on the next line is a word of its own
        assert (
            join_cell(_cell("Målet", "uppföljning", "resultat–", "analys."), 155.0)
            == "Målet uppföljning resultat–analys."
        )
    finally:
        MID_LINE_WORDS.reset(token)


def test_a_heading_broken_after_a_compounds_dash_is_joined_whole() -> None:
    lines = [_line("nämnden omsorg resultat–", 100.0), _line("analys som för", 111.0)]
    assert join_wrapped(lines) == "nämnden omsorg resultat–analys som för"
    assert join_wrapped([_line("Hälso-", 100.0), _line("och sjukvård", 111.0)]) == "Hälso- och sjukvård"


def test_a_next_line_holding_a_space_is_no_kept_space_evidence() -> None:
    # "17" over "0 4" over "69": the middle line ends a space's width further right only
    # because it holds a space of its own
    cell = _digits(("17", 435.2), ("0", 427.5), ("69", 435.2), size=13.7, dw=7.64)
    cell[1] = Line([*cell[1].words, Word("4", 431.3, 438.9, 113.0, 123.0, 13.7, False, 1)], 1)
    assert join_cell(cell, 442.7, False, room=22.8) == "170 469"


def _placed(*rows: tuple[str, float, float], size: float = 12.0) -> list[Line]:
    """One word a line, each (text, x0, x1), 14 pt apart."""
    return [
        Line([Word(t, x0, x1, 100.0 + 14.0 * i, 110.0 + 14.0 * i, size, False, 1)], 1)
        for i, (t, x0, x1) in enumerate(rows)
    ]


def test_a_centred_line_that_kept_its_trailing_space_ends_at_that_space() -> None:
    # WeasyPrint centres "avvikelsen " with its space: the line stands half a space (1.7 pt)
    # left of the last line's centre, so "avvikelsen" / "berört?" is two words, though
    # "avvikelsen" + "b" would not have fit (61.4 pt)
    cell = _placed(("avvikelsen", 89.04, 145.05), ("berört?", 99.71, 137.72))
    assert join_cell(cell, 149.6, True, room=61.4) == "avvikelsen berört?"
    # a word cut where the line was full stands on the centre line: no kept space
    cell = _placed(("Avvikelsera", 88.15, 149.28), ("pportering", 90.03, 144.06), ("?", 115.38, 122.05))
    assert join_cell(cell, 149.6, True, room=61.4) == "Avvikelserapportering?"
    # a number's cell closed by a wider mark: "8" "," "5" stand a little short of the "%",
    # all alike, and stay one number
    cell = _placed(("8", 274.02, 280.69), (",", 277.36, 280.68), ("5", 274.02, 280.69), ("%", 272.48, 283.15))
    assert join_cell(cell, 283.2, False, room=10.7) == "8,5 %"


def test_a_centred_number_line_that_kept_its_space_ends_at_the_thousands_space() -> None:
    # ReportLab centres "85 " with its space: half a space (1 pt at 8.3 pt) left of the
    # last line's centre, where "92" and "3" (a cut in a full line) stand on it
    cell = _placed(("85", 425.32, 433.66), ("92", 426.36, 434.70), ("3", 428.45, 432.62), size=8.3)
    assert join_cell(cell, 436.4, False, room=11.7) == "85 923"


def test_a_range_broken_after_its_dash_is_one_range() -> None:
    assert join_cell(_cell("Sjukfrånvaro dag 1-", "14"), 200.0) == "Sjukfrånvaro dag 1-14"


def test_a_line_opening_with_a_hyphen_and_a_lower_case_letter_is_a_compounds_tail() -> None:
    """ "wifi" / "-anslutning": broken before the hyphen, one word; a dash that stands apart
    ("- och") or a minus before digits opens no compound's tail."""
    from vbparse.layout.lines import _join_pair

    assert _join_pair("kraftfull wifi", "-anslutning i", False) == "kraftfull wifi-anslutning i"
    assert _join_pair("trygghet", "- och", False) == "trygghet - och"
    assert _join_pair("utfall", "-5 %", False) == "utfall -5 %"


def test_a_large_number_broken_into_digit_lines_takes_its_thousands_space() -> None:
    # a cell two digits wide holds "32 765" as "32" / "76" / "5": a break at the space and
    # one inside "32765" leave the same lines; a Swedish number of five digits is grouped
    # (default look 99). Four digits ("2023", "1436") may be a year: left as they stand.
    edge = 100.0 + 2 * CW
    assert join_cell(_cell("32", "76", "5"), right_edge=edge, precise=True, room=2 * CW) == "32 765"
    assert join_cell(_cell("24", "00", "51"), right_edge=edge, precise=True, room=2 * CW) == "240 051"
    assert join_cell(_cell("20", "23"), right_edge=edge, precise=True, room=2 * CW) == "2023"
    # a number the cell shows whole keeps its spelling: no break was forced inside it
    assert join_cell(_cell("32765"), right_edge=100.0 + 5 * CW, precise=True) == "32765"


def test_a_number_compound_broken_after_its_hyphen_is_one_word() -> None:
    # "100-tals" wrapped after its hyphen (default look 22); a range goes on in digits,
    # and a hyphen before "och" is a word of its own ("100- och 200-tal")
    assert join_wrapped([_line("tryckt upp 100-", 100.0), _line("tals kassar", 111.0)]) == "tryckt upp 100-tals kassar"
    assert join_wrapped([_line("dag 1-", 100.0), _line("14", 111.0)]) == "dag 1-14"
    assert join_wrapped([_line("100-", 100.0), _line("och 200-tal", 111.0)]) == "100- och 200-tal"


def test_a_phrase_opening_in_a_capital_or_closed_by_punctuation_sets_its_end_words_whole() -> None:
    # "Hälsofrämjande" opens a phrase in a capital (no wrapped tail does), "självständighet."
    # closes one; "hälsofrämjan" (alone), "kalaset" (last, open) and "tårtan" (first, lower
    # case) are no such evidence
    words = mid_line_words(
        [
            _line("Hälsofrämjande beskrivning kalaset", 100.0),
            _line("tårtan av självständighet.", 111.0),
            _line("Hälsofrämjan", 122.0),
            _line("12 %.", 133.0),
        ]
    )
    assert {"hälsofrämjande", "självständighet"} <= words
    assert not {"hälsofrämjan", "kalaset", "tårtan"} & words
    assert "%" not in words  # a number's unit is no word


def test_a_label_broken_alone_on_its_line_is_rejoined_by_a_word_set_whole_elsewhere() -> None:
    # a centred group column: "Hälsofrämjan" fills the cell, "de" (a word of its own too)
    # goes on; the report sets "Hälsofrämjande" whole at a phrase's start elsewhere
    from vbparse.layout.tables.complaints.cells import _cell_text

    body = [_line("Hälsofrämjande beskrivning åtgärder", 300.0)]
    token = MID_LINE_WORDS.set(mid_line_words(body))
    try:
        cell = [_line("Hälsofrämjan", 100.0), _line("de", 111.0, 125.0), _line("beskrivning", 122.0, 105.0)]
        assert _cell_text(cell, 160.0, False, 60.0) == "Hälsofrämjande beskrivning"
    finally:
        MID_LINE_WORDS.reset(token)


def test_a_template_category_takes_the_template_spacing() -> None:
    # "annan" / "verksamhet" at a line break in a full narrow cell read as one word: the
    # template's category has the letters, so its spaces stand
    from vbparse.layout.tables.complaints.cells import _cell_text

    cell = _cell("Extern", "samverkanspart/annan", "verksamhet")
    assert _cell_text(cell, 200.0, True, 100.0) == "Extern samverkanspart/annan verksamhet"
