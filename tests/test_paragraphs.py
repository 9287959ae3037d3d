"""Paragraphs of one text flow: the flow's own wraps say its line pitch."""

from __future__ import annotations

from vbparse.layout.lines import Line, paragraphs
from vbparse.pdf.reading import Word

SIZE = 11.0
CW = 5.5  # width of one character


def _line(top: float, text: str, page: int = 1) -> Line:
    words, x = [], 40.0
    for t in text.split():
        words.append(Word(t, x, x + CW * len(t), top, top + SIZE, SIZE, False, page))
        x += CW * (len(t) + 1)
    return Line(words, page)


# three paragraphs set at a 13.9 pt pitch with 17.2 pt between paragraphs; lines wrap at x=260
FLOW = [
    (0.0, "alfa beta gamma delta epsilon zeta eta"),  # full: wraps
    (13.9, "theta iota kappa lambda omega rho sigma"),  # full: wraps
    (27.8, "tau slutar."),  # short: the paragraph ends
    (45.0, "Andra stycket har en rad som fyller hela"),  # full: wraps
    (58.9, "raden och fortsätter på nästa rad."),
    (76.1, "Tredje stycket är kort."),
]


def test_a_smaller_pitch_measured_elsewhere_does_not_split_every_line() -> None:
    # tables set at the body size with a tighter leading made 12.65 pt recur in the document
    lines = [_line(top, text) for top, text in FLOW]
    paras = paragraphs(lines, right_edge=262.0, pitch=12.65)
    assert paras == [
        "alfa beta gamma delta epsilon zeta eta theta iota kappa lambda omega rho sigma tau slutar.",
        "Andra stycket har en rad som fyller hela raden och fortsätter på nästa rad.",
        "Tredje stycket är kort.",
    ]


def test_a_paragraph_that_fills_its_line_is_no_evidence_of_the_pitch() -> None:
    # one wrap only, and it ends a sentence before a capital: the document's pitch decides
    flow = [(0.0, "Första stycket slutar precis vid kanten."), (17.2, "Nästa stycket börjar här och slutar.")]
    lines = [_line(top, text) for top, text in flow]
    assert len(paragraphs(lines, right_edge=262.0, pitch=13.9)) == 2


def test_periods_broken_over_a_narrow_cell_read_as_printed() -> None:
    from vbparse.vocab import tidy_period

    assert tidy_period("V B 2024") == "VB 2024"
    assert tidy_period("T2 20 24") == "T2 2024"
    assert tidy_period("VB2023") == "VB 2023"
    assert tidy_period("2023") == "2023"
    assert tidy_period("Helår") == "Helår"  # not a period: as printed
    assert tidy_period(None) is None


def test_a_sentence_dash_wrapped_to_the_line_start_is_no_list_item() -> None:
    # "alfa … etaa" fills its line (to x=254.5 of 262), so the dash could not have stood at its end
    wrapped = [_line(0.0, "alfa beta gamma delta epsilon zeta etaa"), _line(13.9, "– bland annat slutar.")]
    assert paragraphs(wrapped, right_edge=262.0, pitch=13.9) == [
        "alfa beta gamma delta epsilon zeta etaa – bland annat slutar."
    ]
    # the same dash after a short line, or a bullet set against its word, opens an item
    short = [_line(0.0, "alfa beta gamma"), _line(13.9, "– bland annat slutar.")]
    assert len(paragraphs(short, right_edge=262.0, pitch=13.9)) == 2
    glued = [_line(0.0, "alfa beta gamma delta epsilon zeta eta"), _line(13.9, "-Personer får stöd.")]
    assert len(paragraphs(glued, right_edge=262.0, pitch=13.9)) == 2
    # and a full line that ended a sentence leaves the dash a bullet
    ended = [_line(0.0, "alfa beta gamma delta epsilon zeta eta."), _line(13.9, "– bland annat slutar.")]
    assert len(paragraphs(ended, right_edge=262.0, pitch=13.9)) == 2


# a line height under 1 (0.78): lines 8.6 pt apart at 11 pt, glyph boxes overlapping; the
# paragraph spacing adds 4.1 pt. Every line here fills the cell to x=262 but the last.
TIGHT = [
    (0.0, "alfa beta gamma delta epsilon zeta eta"),
    (8.6, "theta iota kappa lambda omega rho slut."),  # ends a sentence, fills its line
    (21.3, "Andra stycket har en rad som fyller hela"),
    (29.9, "raden och fortsätter på nästa rad."),
]


def test_a_line_height_under_one_still_measures_the_pitch_from_the_wraps() -> None:
    # line_pitch takes no gap under 0.9 × the size and gave 12.0; the wraps say 8.6
    lines = [_line(top, text) for top, text in TIGHT]
    assert paragraphs(lines, right_edge=262.0, pitch=12.0) == [
        "alfa beta gamma delta epsilon zeta eta theta iota kappa lambda omega rho slut.",
        "Andra stycket har en rad som fyller hela raden och fortsätter på nästa rad.",
    ]


def test_one_line_paragraphs_take_the_pitch_of_the_tables_other_cells() -> None:
    # an Analys cell of one-line paragraphs, 12.7 pt apart, has no wrap of its own: the
    # other Analys cell's wrap (8.6) is the table's pitch, and 12.7 is a paragraph gap
    from vbparse.layout.lines import wrap_pitch

    other = [_line(300.0 + top, text) for top, text in TIGHT]
    cell = [
        _line(0.0, "Första stycket fyller hela raden ut till slut."),
        _line(12.7, "Andra stycket fyller också raden ut till slut."),
    ]
    pitch = wrap_pitch(cell + other, lambda _page: 262.0)
    assert pitch is not None and abs(pitch - 8.6) < 0.01
    assert len(paragraphs(cell, right_edge=262.0, pitch=pitch)) == 2


def test_a_wrap_by_a_fraction_of_a_point_is_measured_with_the_lines_own_space() -> None:
    # DejaVu Sans's space is 0.317 em (3.33 pt at 10.5 pt): "samarbete" (56.54 pt) after
    # "till" would have ended at 538.24, past the column's 537.92, so the break was a wrap.
    # A guessed 0.28 em space put it 0.07 pt inside, and split the paragraph (D7 700069).
    from vbparse.layout.lines import ends_short

    def ln(words: list[tuple[str, float, float]], top: float) -> Line:
        return Line([Word(t, x0, x1, top, top + 10.5, 10.5, False, 16) for t, x0, x1 in words], 16)

    a = ln([("över", 380.0, 402.79), ("möjlighet", 406.12, 453.91), ("till", 457.24, 478.37)], 180.2)
    b = ln([("samarbete", 70.5, 127.04), ("vilket", 130.37, 160.0)], 192.2)
    assert not ends_short(a, b, 538.42)
    assert paragraphs([a, b], right_edge=538.42, pitch=12.6) == ["över möjlighet till samarbete vilket"]
    # a line of one word has no space to measure: 0.28 em stands in
    assert ends_short(ln([("till", 400.0, 420.0)], 0.0), b, 538.42)
    # a narrower space than 0.28 em is no evidence the word would have fit: pdftocairo's
    # redraw of default look 22 sets 2.87 pt (0.273 em) spaces, and "mål," (20.09 pt) after
    # "om" at 775.76 would end 0.07 pt inside the widest line's 799.29 - 0.5; it wrapped
    om = ln([("samtala", 720.0, 757.0), ("om", 759.87, 775.76)], 100.0)
    mal = ln([("mål,", 42.6, 62.69), ("rutiner", 65.56, 100.0)], 113.5)
    assert not ends_short(om, mal, 799.29)
