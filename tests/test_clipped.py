"""Cut copies of a line at a page break, and borders drawn as paths."""

from vbparse.layout.clipped import drop_clipped
from vbparse.layout.lines import Line
from vbparse.pdf.reading import Drawings, Word, rules_and_boxes


def _line(page: int, top: float, words: list[tuple[str, float, float]]) -> Line:
    return Line([Word(t, x0, x1, top, top + 10, 10.0, False, page) for t, x0, x1 in words], page)


WHOLE = [("Indikator", 85.7, 125.3), ("Periodens", 239.0, 282.3), ("utfall", 284.7, 307.5)]


def test_fragments_of_the_next_pages_line_are_dropped_with_a_warning() -> None:
    cut = _line(4, 532, [("dik", 94.1, 107.4), ("i", 253.4, 256.0), ("d", 261.6, 267.3), ("ll", 302.4, 307.5)])
    before = _line(4, 500, [("Kompetens", 85.7, 133.8), ("en", 136.2, 146.9)])
    head = _line(5, 83, WHOLE)
    warnings = drop_clipped([[before, cut], [head]])
    assert cut.used and "clipped" in cut.tags
    assert not before.used and not head.used
    assert [w.code for w in warnings] == ["clipped_text"] and warnings[0].page == 4


def test_a_whole_repeat_or_a_lone_glyph_or_other_x_is_kept() -> None:
    repeat = _line(4, 532, WHOLE)  # a full line printed twice is no cut copy
    glyph = _line(4, 540, [("k", 100.0, 105.0)])
    moved = _line(4, 548, [("dik", 150.0, 163.0), ("ll", 302.4, 307.5)])  # not where the glyphs stand
    prefix = _line(4, 556, [("Indik", 85.7, 107.0), ("Period", 239.0, 265.0)])  # word starts: maybe words
    head = _line(5, 83, WHOLE)
    assert drop_clipped([[repeat, glyph, moved, prefix], [head]]) == []
    assert not any(ln.used for ln in (repeat, glyph, moved, prefix))


def test_a_thin_path_is_a_rule_not_an_icon() -> None:
    d = Drawings(curves=[(524.2, 111.0, 525.0, 127.5), (40.0, 100.0, 300.0, 100.7), (49.5, 109.5, 60.8, 121.5)])
    hrules, vrules, icons = rules_and_boxes(d)
    assert [round(r.pos, 1) for r in vrules] == [524.6]
    assert [round(r.pos, 2) for r in hrules] == [100.35]
    assert len(icons) == 1 and icons[0].x0 == 49.5


def test_narrow_cell_joins_a_count_and_its_unit_with_a_space() -> None:
    from vbparse.layout.lines import join_cell

    count, unit = _line(5, 208, [("21", 315.8, 326.5)]), _line(5, 220, [("st", 318.9, 326.5)])
    assert join_cell([count, unit], 326.5) == "21 st"


def test_a_break_where_the_next_letter_would_have_fit_is_at_a_space() -> None:
    from vbparse.layout.lines import join_cell

    # "utveckl" + "ing" in a cell 40 pt wide: the breaker cut the word (no room for "i")
    full = _line(5, 100, [("utveckl", 300.0, 339.5)])
    rest = _line(5, 112, [("ing", 300.0, 314.0)])
    assert join_cell([full, rest], 340.0) == "utveckling"
    # the same lines in a column that holds 60 pt lines elsewhere: "i" would have fit
    assert join_cell([full, rest], 340.0, room=60.0) == "utveckl ing"


def test_a_ligature_or_minus_in_a_fallback_font_joins_its_word_but_cells_stay_apart() -> None:
    from vbparse.layout.lines import group_lines

    words = [
        Word("energie", 100.0, 130.0, 50, 60, 10.0, False, 1),
        Word("ff", 130.2, 137.0, 50.5, 60.5, 10.0, False, 1),
        Word("ektiva", 136.8, 160.0, 50, 60, 10.0, False, 1),
        Word("−", 200.0, 205.0, 48, 58, 10.0, False, 1),
        Word("16", 205.0, 215.0, 50, 60, 10.0, False, 1),
        Word("Antal", 250.0, 270.0, 50, 60, 10.0, True, 1),
        Word("rapporter", 270.0, 300.0, 50, 60, 10.0, False, 1),
    ]
    (line,) = group_lines(words, 1)
    assert [w.text for w in line.words] == ["energieffektiva", "−16", "Antal", "rapporter"]


def test_a_fallback_ligature_spaced_a_little_from_its_word_in_justified_text_joins_it() -> None:
    """LibreOffice justifies "resurseffektiva" with its "ﬀ" (a fallback font) 0.67 pt
    after "resurse" at 11.5 pt: closer than the 0.15 em the reader joins glyphs of one font
    by, so one word (D5 500070). A word space (0.25 em) stays a space."""
    from vbparse.layout.lines import group_lines

    def w(text: str, x0: float, x1: float) -> Word:
        return Word(text, x0, x1, 209.6, 221.1, 11.5, False, 2)

    (line,) = group_lines([w("resurse", 454.98, 493.33), w("ff", 494.0, 500.39), w("ektiva", 500.39, 529.67)], 2)
    assert [x.text for x in line.words] == ["resurseffektiva"]
    (line,) = group_lines([w("så", 440.0, 452.1), w("ff", 455.0, 461.4), w("ektiva", 461.4, 490.7)], 2)
    assert [x.text for x in line.words] == ["så", "ffektiva"]


def test_a_count_under_another_digit_of_a_count_is_no_fragment() -> None:
    """A complaints row at a page's foot ("Kvalitet 7 7 st") whose counts sit under the
    first digit of the next page's counts ("27 27"): a clip keeps glyphs where they were
    drawn, and the "7" of "27" stands 5.8 pt further right."""

    def w(page: int, top: float, text: str, starts: list[float], x1: float) -> Word:
        return Word(text, starts[0], x1, top, top + 10.5, 10.5, False, page, starts[1:])

    kvalitet = [160.0, 167.0, 172.3, 178.1, 180.5, 182.8, 185.7, 191.5]
    foot = Line(
        [
            w(3, 701, "Kvalitet", kvalitet, 194.5),
            w(3, 701, "7", [344.4], 350.2),
            w(3, 701, "7", [371.4], 377.3),
            w(3, 701, "st", [411.3, 416.6], 419.5),
        ],
        3,
    )
    head = Line(
        [
            w(4, 166, "Kvalitet", kvalitet, 194.5),
            w(4, 166, "målet", [197.4, 206.1, 211.9, 214.3, 220.1], 223.1),
            w(4, 166, "27", [344.4, 350.2], 356.1),
            w(4, 166, "27", [371.4, 377.3], 383.1),
            w(4, 166, "st", [411.3, 416.6], 419.5),
        ],
        4,
    )
    assert drop_clipped([[foot], [head]]) == []
    assert not foot.used
    # the same line with its "7"s where the whole line's "7"s stand is a cut copy
    cut = Line(
        [w(3, 701, "Kvalitet", kvalitet, 194.5), w(3, 701, "7", [350.2], 356.1), w(3, 701, "7", [377.3], 383.1)], 3
    )
    assert [x.code for x in drop_clipped([[cut], [head]])] == ["clipped_text"]


def test_a_lone_glyph_where_an_inner_letter_of_a_word_stands_is_a_fragment() -> None:
    """A row split at a page break whose bold "Analys" label was clipped: only its "y"
    reached over the clip edge, at the next page's head, exactly where the "y" of the
    whole "Analys" at the previous page's foot stands. A lone letter at another x, of
    another weight, where a word's first or last letter stands, or one that reaches no
    lower than its line's others ("l" at a head) is kept."""

    def w(page: int, top: float, text: str, starts: list[float], x1: float, bold: bool = True) -> Word:
        return Word(text, starts[0], x1, top, top + 10.0, 10.0, bold, page, starts[1:])

    analys = [80.6, 87.3, 92.8, 98.4, 100.8, 106.4]  # "A" "n" "a" "l" "y" "s"
    foot = Line([w(4, 543, "Analys", analys, 110.9)], 4)
    y = Line([w(5, 75, "y", [100.8], 106.4)], 5)
    assert [x.code for x in drop_clipped([[foot], [y]])] == ["clipped_text"]
    assert y.used and not foot.used
    kept = [
        Line([w(5, 75, "y", [102.5], 108.1)], 5),  # not where the whole word's "y" stands
        Line([w(5, 75, "y", [100.8], 106.4, bold=False)], 5),  # another weight
        Line([w(5, 75, "A", [80.6], 87.3)], 5),  # a word's first letter: maybe a cell's own
        Line([w(5, 75, "l", [98.4], 100.8)], 5),  # at a head only a descender reaches below a clip
    ]
    for ln in kept:
        assert drop_clipped([[Line([w(4, 543, "Analys", analys, 110.9)], 4)], [ln]]) == []
        assert not ln.used


def test_an_accented_capital_at_a_foot_where_the_next_heads_word_starts_is_a_fragment() -> None:
    """A heading cut by the page break: only the "Ö" of "Övrigt" reached over the clip edge
    at the page's foot (its dots stand highest on the line), where the whole heading at the
    next page's head starts. A plain capital there, or one at another x, may be a word of
    its own and is kept."""

    def line(page: int, top: float, text: str, x0: float, x1: float) -> Line:
        return Line([Word(text, x0, x1, top, top + 14.0, 14.0, True, page)], page)

    cut = line(18, 787, "Ö", 84.7, 95.6)
    head = line(19, 64, "Övrigt", 84.7, 130.1)
    assert [x.code for x in drop_clipped([[cut], [head]])] == ["clipped_text"]
    assert cut.used and not head.used
    for kept in (line(18, 787, "O", 84.7, 95.6), line(18, 787, "Ö", 120.0, 131.0)):
        other = line(19, 64, "Omsorg" if kept.text == "O" else "Övrigt", 84.7, 130.1)
        assert drop_clipped([[kept], [other]]) == []
        assert not kept.used


def test_a_ligature_glyph_joins_the_hyphen_that_opens_its_compounds_next_part() -> None:
    """ "wi" "ﬁ" "-anslutning": a ligature in a fallback font, then the compound's hyphen
    touching it; one word "wifi-anslutning". A hyphen word touching a long word stays apart
    (cells with no padding)."""
    from vbparse.layout.lines import group_lines

    words = [
        Word("kraftfull", 105.0, 140.4, 200, 211, 11.0, False, 1),
        Word("wi", 143.5, 153.9, 200, 211, 11.0, False, 1),
        Word("fi", 153.9, 160.8, 200, 211, 11.0, False, 1),
        Word("-anslutning", 160.8, 214.6, 200, 211, 11.0, False, 1),
        Word("Verksamhet", 300.0, 350.0, 200, 211, 11.0, False, 1),
        Word("-mål", 350.0, 370.0, 200, 211, 11.0, False, 1),
    ]
    (line,) = group_lines(words, 1)
    assert [w.text for w in line.words] == ["kraftfull", "wifi-anslutning", "Verksamhet", "-mål"]


def test_a_fragment_holding_part_of_a_ligature_glyph_is_a_fragment() -> None:
    """Chromium sets "tf" of "Utfall" as one glyph: the reader gives its "f" no position
    of its own (NaN). The cut copy's "Utf" holds that glyph where the whole word's does;
    its "f" stands inside the same glyph, so it is in place. (Default look 3: the
    header's fragments had landed in a goal's analysis.)"""
    nan = float("nan")

    def w(page: int, top: float, text: str, starts: list[float], x1: float) -> Word:
        return Word(text, starts[0], x1, top, top + 9.0, 9.0, True, page, starts[1:])

    utfall = [235.8, 241.6, nan, 247.2, 251.6, 253.8]
    head = Line([w(4, 69, "Utfall", utfall, 256.0), w(4, 69, "VB", [342.7, 348.0], 353.1)], 4)
    cut = Line([w(3, 769, "Utf", [235.8, 241.6, nan], 247.3), w(3, 769, "ll", [251.6, 253.8], 256.0)], 3)
    assert [x.code for x in drop_clipped([[cut], [head]])] == ["clipped_text"]
    # a letter inside one glyph with the letter before it must follow that letter in the word
    other = Line([w(3, 769, "Uf", [235.8, nan], 241.6), w(3, 769, "ll", [251.6, 253.8], 256.0)], 3)
    assert drop_clipped([[other], [Line([w(4, 69, "Utfall", utfall, 256.0)], 4)]]) == []


def test_a_short_word_close_to_its_neighbour_is_no_ligature() -> None:
    """ReportLab draws narrow spaces: "klagomål" "av" 1 pt apart at 10 pt are two words,
    and so are two cells' "har" "verksamhet" set with no padding (D7 700043)."""
    from vbparse.layout.lines import group_lines

    def w(text: str, x0: float, x1: float) -> Word:
        return Word(text, x0, x1, 50.0, 60.0, 10.0, False, 1)

    (line,) = group_lines(
        [w("klagomål", 100.0, 140.0), w("av", 141.0, 151.0), w("har", 200.0, 215.0), w("verksamhet", 216.0, 266.0)], 1
    )
    assert [x.text for x in line.words] == ["klagomål", "av", "har", "verksamhet"]
