"""Complaint rows on synthesized geometry: words and rules placed by hand, no PDF."""

from __future__ import annotations

import itertools
import math
import sys
from array import array

import pytest

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import layout_from_header
from vbparse.layout.tables.complaints import parse_complaints
from vbparse.layout.tables.rows import RowEvidence
from vbparse.model import ComplaintRow, ParseWarning
from vbparse.pdf.reading import PageData, Rule, Word

SIZE = 8.0


def _w(text: str, x0: float, top: float, page: int = 1) -> Word:
    return Word(text, x0, x0 + 0.5 * SIZE * len(text), top, top + SIZE, SIZE, False, page)


def _line(page: int, top: float, *cells: tuple[str, float]) -> Line:
    """A line of words; each cell's text is split into words half a character apart."""
    words: list[Word] = []
    for text, x in cells:
        for part in text.split():
            words.append(_w(part, x, top, page))
            x += 0.5 * SIZE * (len(part) + 1)
    return Line(words, page)


# columns: group 50-120, category 120-250, T1 250-280, T2 280-310, VB 310-340, total 340-370, summary 380-
HEADER = _line(
    1,
    60,
    ("Uppdelning Klagomål/synpunkter/kategorier", 60),
    ("T1", 255),
    ("T2", 285),
    ("VB", 315),
    ("Totalt", 345),
    ("Sammanfattning", 385),
)


def _parse(
    body: list[Line],
    hrules: dict[int, list[Rule]] | None = None,
    warnings: list[ParseWarning] | None = None,
    header: Line | None = None,
) -> list[ComplaintRow]:
    hrules = hrules or {}
    header = header or HEADER
    pages = {
        pg: PageData(
            pg,
            600.0,
            800.0,
            [w for ln in [header, *body] if ln.page == pg for w in ln.words],
            hrules=hrules.get(pg, []),
        )
        for pg in sorted({1, *(ln.page for ln in body)})
    }
    page_lines: dict[int, list[Line]] = {}
    for ln in [header, *body]:
        page_lines.setdefault(ln.page, []).append(ln)
    layout = layout_from_header("complaint", [header], pages[1], body)
    evidence = RowEvidence(pages, page_lines)
    evidence.body = body
    return parse_complaints(body, layout, evidence, warnings if warnings is not None else [])


def test_a_category_that_ended_above_the_page_foot_does_not_go_on_overleaf() -> None:
    """A row cut by a page break: its category ended lines above the page's foot (its
    summary ran on), so the next page's first category, though the one above reads
    unfinished ("... och"), starts a row of its own."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348), ("Text", 385)),
        _line(1, 120, ("Andra och", 125), ("4", 318), ("4", 348), ("Mer", 385)),
        _line(1, 130, ("text", 385)),
        _line(1, 140, ("och", 385)),
        _line(2, 60, ("Tredje", 125), ("Ny", 385)),  # no counts (a plan's table is empty)
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Första", "Andra och", "Tredje"]
    assert [r.summary for r in rows] == ["Text", "Mer text och", "Ny"]
    # a category still running at the page's foot goes on overleaf (its line there is
    # full: the next word would not have fit beside it)
    body[1] = _line(1, 120, ("Andra och några få", 125), ("4", 318), ("4", 348), ("Mer", 385))
    body[2:4] = [_line(1, 130, ("mycket mer texter här", 125), ("text", 385))]
    body[-1] = _line(2, 60, ("slut", 125), ("ord", 385))
    rows = _parse(body)
    assert [r.category for r in rows] == ["Första", "Andra och några få mycket mer texter här slut"]


def test_a_summary_broken_after_a_dash_rejoins_without_a_space() -> None:
    """Summary lines meet at a space, but a word broken after its dash ("resultat–"
    "analys") is one word; prose is not searched for other mid-word breaks."""
    body = [
        _line(1, 100, ("Första", 125), ("3", 318), ("3", 348), ("Arbetet med resultat–", 385)),
        _line(1, 110, ("analys har vidtagits.", 385)),
    ]
    (row,) = _parse(body)
    assert row.summary == "Arbetet med resultat–analys har vidtagits."


def test_a_ruled_cell_open_at_its_top_owns_the_rows_on_pages_before_its_label() -> None:
    """Ruled group cells, labels at the bottom: a cell split over pages prints its label in
    its last part. Rows on a page with no label, and rows below a page's last closed cell,
    are the next cell's when that cell is open at its top (no row above it on its page)
    and its label stands below its first row."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label
    from vbparse.layout.tables.complaints.row import _Row

    def row(page: int, top: float) -> _Row:
        return _Row(page, top, top + 8)

    rows = [row(2, 100), row(2, 120), row(3, 100), row(3, 120), row(3, 140), row(4, 100), row(5, 100), row(5, 120)]
    a = _Label(3, 120, 128, "A", span_top=95.0, span_bottom=132.0, ruled=True)  # rows 2-3 of page 3, open top
    b = _Label(5, 120, 128, "B", span_top=95.0, span_bottom=math.inf, ruled=True)  # open top, runs to the foot
    assert _groups(rows, [a, b]) == ["A", "A", "A", "A", "B", "B", "B", "B"]
    # labels at their cells' tops: a cell is printed from its first part on, so no later
    # label reaches back; the row below A's closed cell (and the one overleaf, up to B's),
    # each in a cell of its own, are empty cells: no group (s500069)
    a = _Label(3, 100, 108, "A", span_top=95.0, span_bottom=132.0, ruled=True)
    b = _Label(5, 100, 108, "B", span_top=95.0, span_bottom=math.inf, ruled=True)
    assert _groups(rows, [a, b]) == [None, None, "A", "A", None, None, "B", "B"]
    # a label centred in its part (95-132 on page 3) is centred in a cell wholly there
    a = _Label(3, 109.5, 117.5, "A", span_top=95.0, span_bottom=132.0, ruled=True)
    assert _groups(rows, [a, b])[:4] == [None, None, "A", "A"]


def test_a_label_near_its_parts_middle_but_not_centred_on_its_text_reaches_back() -> None:
    """s400054: a tall label at the top of its part's last row, in a part open at its top:
    its middle lies 2 pt from the middle between the rules around it, but a centred label
    is level with the middle of the part's text (rows and label; padding moves both
    alike), and this one stands 2.5 pt above it: not centred, so the cell began on a page
    before and the label-less page's rows are its own."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label
    from vbparse.layout.tables.complaints.row import _Row

    rows = [_Row(2, 100, 108), _Row(2, 120, 128), _Row(3, 100, 120), _Row(3, 130, 210)]
    a = _Label(3, 130, 175, "A", span_top=95.0, span_bottom=214.0, ruled=True)
    assert _groups(rows, [a]) == ["A", "A", "A", "A"]
    # centred on the part's text (100-210): a cell wholly on page 3
    a = _Label(3, 132.5, 177.5, "A", span_top=95.0, span_bottom=214.0, ruled=True)
    assert _groups(rows, [a]) == [None, None, "A", "A"]


def test_a_category_set_a_point_left_of_its_rule_is_no_group_label() -> None:
    """A producer sets each cell's text a point left of the cell's left rule: a category
    word starting just left of the rule between group and category columns is the
    category's (it lies almost wholly right of the rule)."""
    from vbparse.layout.tables.complaints.column import _in_group

    split = 150.68
    assert not _in_group(_w("Självständighet", 149.67, 300), split, ruled=True)
    assert _in_group(_w("kompetens", 62.7, 300), split, ruled=True)
    assert _in_group(_w("tre", 135.0, 300), split, ruled=True)


def test_counts_of_a_totals_row_wrapped_in_their_cells_are_no_row() -> None:
    """A totals row's counts too wide for their cells wrap ("12" over "9"): the line below
    it, with no category, is the totals row's, not a row of its own."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 288), ("3", 348)),
        _line(1, 120, ("Andra", 125), ("5", 288), ("5", 348)),
        _line(1, 140, ("Totalt", 60), ("12", 288), ("36", 348)),
        _line(1, 150, ("9", 288), ("3", 348)),
    ]
    rows = _parse(body)
    assert [(r.category, r.t2, r.total) for r in rows] == [("Första", 3, 3), ("Andra", 5, 5)]


def test_labels_on_baselines_of_their_own_still_split_the_group_column() -> None:
    """Centred group labels set between the rows' lines: no line holds a label and a
    category, but the category's text starts at one x that no word crosses, and label
    lines stand wholly left of it."""
    body = [
        _line(1, 100, ("Ett två", 125), ("3", 318), ("3", 348), ("Svar", 385)),
        _line(1, 105, ("Grupp", 60), ("text", 385)),
        _line(1, 110, ("Kompetensutveckling", 125), ("5", 318), ("5", 348)),
        _line(1, 115, ("Annan", 60)),
        _line(1, 120, ("Tre", 125), ("7", 318), ("7", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Ett två", "Kompetensutveckling", "Tre"]


def test_a_count_broken_over_two_lines_of_its_narrow_cell_rejoins() -> None:
    """ "22" in a cell that holds one digit a line: "2" over "2" at line pitch, starting at
    one x, together wider than any count the column sets on one line, is one count."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348)),
        _line(1, 120, ("Andra", 125), ("15", 288), ("7", 318), ("2", 348)),
        _line(1, 130, ("2", 348)),
    ]
    rows = _parse(body)
    assert [(r.category, r.t2, r.vb, r.total) for r in rows] == [("Första", None, 3, 3), ("Andra", 15, 7, 22)]


def test_a_word_broken_alone_on_its_line_rejoins_when_the_document_sets_it_whole() -> None:
    """ "självständighe" alone on its line, "t har." below: the document sets
    "självständighet" whole mid-line elsewhere and "självständighe" is no word of it."""
    from vbparse.layout.lines import MID_LINE_WORDS
    from vbparse.layout.tables.complaints.cells import _rejoin_known

    lines = [
        _line(1, 100, ("beskrivning", 385)),
        _line(1, 110, ("självständighe", 385)),
        _line(1, 120, ("t har.", 385)),
    ]
    token = MID_LINE_WORDS.set(frozenset({"självständighet", "har"}))
    try:
        assert _rejoin_known(lines, "beskrivning självständighe t har.") == "beskrivning självständighet har."
        # a part that is a word of its own stays apart
        assert _rejoin_known(lines[:1] + lines[2:], "beskrivning t har.") == "beskrivning t har."
    finally:
        MID_LINE_WORDS.reset(token)


def test_a_count_starting_a_fraction_left_of_the_category_cells_edge_is_a_count() -> None:
    """Zero padding: a T1 count set against its cell's left edge may start 0.3 pt left of
    the edge the header's shaded cells draw (at 250); lying mostly right of it, it is the
    T1 count, not category text."""
    from vbparse.pdf.reading import Box

    body = [_line(1, 100, ("Första", 125), ("3", 249.7), ("3", 348))]
    edges = [50.0, 250.0, 280.0, 310.0, 340.0, 377.0, 550.0]
    fills = [Box(a, 56.0, b, 70.0) for a, b in itertools.pairwise(edges)]
    page = PageData(1, 600.0, 800.0, [w for ln in [HEADER, *body] for w in ln.words], fills=fills)
    layout = layout_from_header("complaint", [HEADER], page, body)
    evidence = RowEvidence({1: page}, {1: [HEADER, *body]})
    evidence.body = body
    (row,) = parse_complaints(body, layout, evidence, [])
    assert (row.category, row.t1, row.total) == ("Första", 3, 3)


def test_gaps_of_unlike_sizes_to_a_stray_word_do_not_make_the_rows_spaced() -> None:
    """Rows set at pitch with no rule and no spacing, and a stray word far below the
    table's last line on each page: those two gaps differ in size, so they are no row
    spacing (which recurs alike between rows), and a finished category followed by a
    capitalised one still starts a row."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("Text", 385)),
        _line(1, 110, ("Andra", 125)),
        _line(1, 120, ("Tredje", 125)),
        _line(1, 280, ("f", 420)),
        _line(2, 60, ("Fjärde", 125)),
        _line(2, 70, ("Femte", 125)),
        _line(2, 90, ("f", 420)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows][:5] == ["Första", "Andra", "Tredje", "Fjärde", "Femte"]


def test_a_category_line_below_an_empty_line_slot_starts_a_row() -> None:
    """A cell's lines follow each other at pitch: category text a line slot below the
    row's category (the summary ran on between) is another cell's, even though the text
    above ends on a connector ("till av")."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Beskrivning samverkan", 125), ("Text", 385)),
        _line(1, 110, ("till av", 125), ("mer", 385)),
        _line(1, 120, ("text", 385)),
        _line(1, 130, ("Hälsofrämjande", 125), ("3", 318), ("3", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Beskrivning samverkan till av", "Hälsofrämjande"]
    assert [r.vb for r in rows] == [None, 3]


def test_a_second_unit_word_after_the_unit_opens_the_summary() -> None:
    """A cell holds one unit: "%" after "st" on the counts' line is the summary's first word."""
    body = [_line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348), ("st", 362), ("% av brukarna", 385))]
    (row,) = _parse(body)
    assert row.unit == "st"
    assert row.summary == "% av brukarna"


def _tight(page: int, top: float, *cells: tuple[str, float]) -> Line:
    """A line whose words stand a quarter em apart, a font's usual word space."""
    words: list[Word] = []
    for text, x in cells:
        for part in text.split():
            words.append(_w(part, x, top, page))
            x = words[-1].x1 + 0.25 * SIZE
    return Line(words, page)


def test_one_line_with_words_a_word_space_apart_shows_no_group_column() -> None:
    """A one-row table: the only line's category words stand a word space apart, which
    is no boundary between a group column and the category column."""
    body = [_tight(1, 100, ("Åtgärder som åtgärder", 125), ("3", 318), ("3", 348))]
    (row,) = _parse(body)
    assert (row.group, row.category) == (None, "Åtgärder som åtgärder")


def test_a_label_on_a_line_of_its_own_left_of_every_category_line_is_a_group() -> None:
    """Centred categories start at different x; a label line whose text ends left of
    where every category line starts stands in a column of its own, even when it is the
    table's only label and shares no line with a category."""
    body = [
        _tight(1, 100, ("Brukare på", 150), ("3", 318), ("3", 348)),
        _tight(1, 120, ("Av insatser förväntat", 135), ("4", 318), ("4", 348)),
        _tight(1, 130, ("Förväntat?", 60), ("text", 385)),
        _tight(1, 140, ("Stöd", 170), ("5", 318), ("5", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Brukare på", "Av insatser förväntat", "Stöd"]
    assert rows[1].group == "Förväntat?"


def test_a_count_broken_over_lines_rejoins_on_a_line_that_goes_on_with_the_row() -> None:
    """The rest of a broken count may share its line with the row's category and summary
    going on: in a table whose rows stand apart, that line starts no row."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348)),
        _line(1, 120, ("Andra", 125), ("15", 288), ("7", 318), ("2", 348), ("Text", 385)),
        _line(1, 130, ("och mer", 125), ("2", 348), ("mer", 385)),
        _line(1, 150, ("Tredje", 125), ("1", 318), ("1", 348)),
    ]
    rows = _parse(body)
    assert [(r.category, r.t2, r.vb, r.total) for r in rows] == [
        ("Första", None, 3, 3),
        ("Andra och mer", 15, 7, 22),
        ("Tredje", None, 1, 1),
    ]


def test_a_totals_label_across_the_group_boundary_does_not_hide_it() -> None:
    """A totals row's label may run across the group and category columns: it is no word
    of either, so the boundary the label and category lines show still counts."""
    body = [
        _tight(1, 100, ("Utveckling i", 80), ("2023 aktiviteter", 160), ("3", 318), ("3", 348)),
        _tight(1, 110, ("resultat–analys", 90)),
        _tight(1, 120, ("Totalt", 140), ("3", 318), ("3", 348)),
    ]
    (row,) = _parse(body)
    assert (row.group, row.category) == ("Utveckling i resultat–analys", "2023 aktiviteter")


def test_text_overleaf_in_a_cell_the_row_left_empty_opens_a_row() -> None:
    """A row cut by a page break: each cell's text starts on the row's first line, so a
    page's first line with summary text where the row above had none is another row,
    though the category above ends on a connector ("som")."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348), ("Text", 385)),
        _line(1, 120, ("Andra omsorg", 125)),
        _line(1, 130, ("som", 125)),
        _line(2, 60, ("Genom kompetens", 125), ("Beskrivning", 385)),
    ]
    rows = _parse(body)
    assert [(r.category, r.summary) for r in rows] == [
        ("Första", "Text"),
        ("Andra omsorg som", None),
        ("Genom kompetens", "Beskrivning"),
    ]


def test_the_group_boundary_is_where_lines_stand_wider_apart_than_a_word_space() -> None:
    """A cut at a word space may split two label lines ("Trygghet | nämnden",
    "utveckling | vi"); the cut where the label stands wide apart from the category
    (the cells' paddings between) is the column boundary, though it splits one line."""
    body = [
        _tight(1, 100, ("Trygghet nämnden", 54), ("Avvikelser", 180), ("3", 318), ("3", 348)),
        _tight(1, 110, ("utveckling vi det det?", 46)),
        _tight(1, 120, ("Rutiner nämnden", 167), ("4", 318), ("4", 348)),
        _tight(1, 130, ("Klagomål för aktiviteter", 155), ("5", 318), ("5", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Avvikelser", "Rutiner nämnden", "Klagomål för aktiviteter"]
    assert {r.group for r in rows} == {"Trygghet nämnden utveckling vi det det?"}


def test_a_header_read_as_two_cells_over_group_and_category_heads_the_category(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Uppdelning" and "Klagomål/synpunkter/kategorier" set apart read as two header
    cells: the one of unknown text before the first count column still heads category
    text, not summary."""
    header = _line(
        1,
        60,
        ("Uppdelning", 60),
        ("Klagomål/synpunkter/kategorier", 125),
        ("T1", 255),
        ("T2", 285),
        ("VB", 315),
        ("Totalt", 345),
        ("Sammanfattning", 385),
    )
    monkeypatch.setattr(sys.modules[__name__], "HEADER", header)
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348)),
        _line(1, 120, ("Andra", 125), ("4", 318), ("4", 348)),
    ]
    rows = _parse(body)
    assert [(r.group, r.category, r.vb, r.summary) for r in rows] == [
        ("Grupp", "Första", 3, None),
        ("Grupp", "Andra", 4, None),
    ]


def test_a_category_line_opening_with_a_number_goes_on_when_it_could_not_fit_above() -> None:
    """Rows at pitch with no rule or spacing: a line opening with a number ("5,5") reads
    neither as a new category nor as one going on; it wrapped from the line above when
    its first word would not have fit there, else it starts a row."""
    body = [
        _tight(1, 100, ("Grupp", 60), ("Rutiner arbetsmiljö omsorg inom", 125), ("3", 318), ("3", 348)),
        _tight(1, 110, ("5,5 medarbetare", 125)),
        _tight(1, 120, ("Återkoppling har", 125), ("4", 318), ("4", 348)),
        _tight(1, 130, ("2023 brukare", 125)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == [
        "Rutiner arbetsmiljö omsorg inom 5,5 medarbetare",
        "Återkoppling har",
        "2023 brukare",
    ]


def test_a_label_line_the_next_word_would_have_fitted_on_was_not_broken_mid_word() -> None:
    """Centred label lines: "allvarligt" ends at the widest line's edge and the next line
    goes on in lower case, but the column sets lines wider than "allvarligt" plus a
    letter, so the break after it was at a space."""
    body = [
        _tight(1, 100, ("Antal rapporter", 60), ("Första", 130), ("3", 318), ("3", 348)),
        _tight(1, 110, ("allvarligt", 78)),
        _tight(1, 120, ("missförhållande", 60), ("Andra", 130), ("4", 318), ("4", 348)),
    ]
    rows = _parse(body)
    assert {r.group for r in rows} == {"Antal rapporter allvarligt missförhållande"}


def test_a_label_glued_to_its_category_is_cut_where_the_category_starts() -> None:
    """No cell padding: the label's last word and the category's first read as one word
    ("antalLex"); cut at the category column's start (a character boundary, lower case
    before, a capital after) it is no word running across the column boundary."""
    glued = Word(
        "antalLex",
        82.0,
        114.0,
        100.0,
        100.0 + SIZE,
        SIZE,
        False,
        1,
        array("f", [86.0, 90.0, 94.0, 98.0, 102.0, 106.0, 110.0]),
    )
    body = [
        Line([_w("Varav", 60, 100), glued, _w("Maria", 116, 100), _w("3", 318, 100), _w("3", 348, 100)], 1),
        _tight(1, 110, ("avvikelser", 60), ("Lex Sarah", 102), ("4", 318), ("4", 348)),
        _tight(1, 120, ("Antal beröm", 102), ("5", 318), ("5", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Lex Maria", "Lex Sarah", "Antal beröm"]
    assert rows[0].group == "Varav antal avvikelser"


def test_an_open_cell_reaches_back_no_further_than_a_rule_across_the_group_column() -> None:
    """A ruled cell open at its top reaches back over the pages before its label, but not
    past a rule across the group column between two rows on one page (a cell merged over
    rows has no rule across it between them): the rows above it are in no group. The
    last row before a page break may be the cell's (its foot rule is the page's)."""
    across = [Rule(y, 50, 600) for y in (95, 115, 135)]
    body = [
        _line(1, 100, ("Första", 125), ("3", 318), ("3", 348)),
        _line(1, 120, ("Andra", 125), ("4", 318), ("4", 348)),
        _line(2, 60, ("Tredje", 125), ("5", 318), ("5", 348)),
        _line(2, 80, ("Grupp", 60), ("Fjärde", 125), ("6", 318), ("6", 348)),
    ]
    page2 = [Rule(55, 50, 600), Rule(75, 120, 600), Rule(95, 50, 600)]
    rows = _parse(body, {1: across, 2: page2})
    assert [(r.category, r.group) for r in rows] == [
        ("Första", None),
        ("Andra", "Grupp"),
        ("Tredje", "Grupp"),
        ("Fjärde", "Grupp"),
    ]


def test_a_template_group_label_read_with_its_spaces_off_takes_the_templates_spacing() -> None:
    """A narrow merged cell broke "synpunkten" after "synpunkt" and set "inkommit?" on the
    line after "synpunkt" with no space read between: the letters are the template label's
    exactly, so its spaces are the template's. A label of other letters stays as read."""
    from vbparse.layout.tables.complaints.cells import known_spacing

    assert known_spacing("Vad gällde klagomålet, synpunkt en eller avvikelsen?") == (
        "Vad gällde klagomålet, synpunkten eller avvikelsen?"
    )
    assert known_spacing("Från vem har klagomål eller synpunktinkommit?") == (
        "Från vem har klagomål eller synpunkt inkommit?"
    )
    assert known_spacing("VAD HAR AVVIKELS EN BERÖRT?") == "VAD HAR AVVIKELSEN BERÖRT?"  # printed letters kept
    assert known_spacing("Vad har avvikelsen berört idag?") == "Vad har avvikelsen berört idag?"
    body = [
        _tight(1, 100, ("Vad har", 60), ("Fysisk", 130), ("3", 318), ("3", 348)),
        _tight(1, 110, ("avvikels", 60), ("Psykisk", 130), ("4", 318), ("4", 348)),
        _tight(1, 120, ("en berört?", 60), ("Annat", 130), ("5", 318), ("5", 348)),
    ]
    assert {r.group for r in _parse(body)} == {"Vad har avvikelsen berört?"}


def _rows(*spec: tuple[int, float, float]) -> list:  # type: ignore[type-arg]
    from vbparse.layout.tables.complaints.row import _Row

    return [_Row(page, top, bottom) for page, top, bottom in spec]


def test_no_labels_run_reaches_over_a_page_of_ruled_cells() -> None:
    """s600046: an unruled label on page 2, a ruled cell opening at page 3's foot (open at
    its bottom: it runs on over the page break), page 4 with no label. Page 4's rows go on
    with page 3's last cell, not with the label two pages up."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows(
        (2, 100, 108),
        (2, 120, 128),
        (2, 140, 148),
        (3, 100, 108),
        (3, 120, 128),
        (3, 140, 148),
        (4, 100, 108),
        (4, 120, 128),
    )
    a = _Label(2, 100, 108, "A", span_top=95.0)
    b = _Label(3, 140, 148, "B", span_top=135.0, ruled=True)  # ruled above, open below
    assert _groups(rows, [a, b]) == ["A", "A", "A", "A", "A", "B", "B", "B"]


def test_rows_no_labels_alignment_settles_are_reported() -> None:
    """One label alone in an unruled table shows no alignment: the rows it does not stand
    beside may be a group with no label (the sampler's, never a real report's). They are
    kept with it, and reported with their page and y."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (1, 140, 148))
    warnings: list[ParseWarning] = []
    assert _groups(rows, [_Label(1, 100, 108, "A")], warnings) == ["A", "A", "A"]
    assert [(w.code, w.page) for w in warnings] == [("complaint_groups_ambiguous", 1)]
    assert "y=120" in warnings[0].message


def test_labels_set_on_their_rows_baselines_show_top_alignment() -> None:
    """s600088: every label starts on its row's first baseline, and each is taller than
    its row, so it fits top, centre and bottom alike (a label may sit anywhere in a row of
    its run). Bottom left the fewest rows in no group, but no label ends on its run's last
    line, while every one starts on its first: the labels are top-aligned, and the two
    rows above the first label are in no group."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (1, 140, 160), (1, 170, 178), (1, 190, 210), (1, 220, 228))
    labels = [_Label(1, 140, 164, "A"), _Label(1, 190, 214, "B")]
    assert _groups(rows, labels) == [None, None, "A", "A", "B", "B"]


def test_a_row_closed_by_a_rule_at_a_pages_foot_does_not_go_on_overleaf() -> None:
    """The last row on a page ends in "på" (an unfinished-looking text), but a rule across
    the category cell right under the table's last text there closed it: the next page's
    first line, opening in upper case, is a row of its own."""
    body = [
        _line(1, 680, ("Grupp", 60), ("Första", 125), ("2", 318), ("2", 348)),
        _line(1, 700, ("Kvalitet trygghet på", 125), ("3", 318), ("3", 348)),
        _line(2, 100, ("Annan", 60), ("Är brukare", 125)),
        _line(2, 120, ("Sista", 125), ("5", 318), ("5", 348)),
    ]
    rules = {
        1: [Rule(675, 50, 600), Rule(695, 120, 600), Rule(712, 50, 600)],
        2: [Rule(95, 50, 600), Rule(115, 120, 600), Rule(135, 50, 600)],
    }
    closed = _parse(body, rules)
    assert [r.category for r in closed] == ["Första", "Kvalitet trygghet på", "Är brukare", "Sista"]


def test_word_spaces_inside_labels_on_lines_of_their_own_are_no_group_boundary() -> None:
    """A label beside its category on one line, and a centred label on lines of its own
    whose words stand a word space apart ("synpunkter %", "genom de"): the cut at those
    word spaces splits more lines, but the cut where every category line starts splits
    the one line as wide and crosses no word either."""
    body = [
        _tight(1, 100, ("Klagomål?", 54), ("Synpunkter ett", 125), ("3", 318), ("3", 348)),
        _tight(1, 110, ("Beskrivning", 125), ("4", 318), ("4", 348)),
        _tight(1, 120, ("Med", 125), ("5", 318), ("5", 348)),
        _tight(1, 130, ("Till en", 54)),
        _tight(1, 140, ("synpunkter %", 54)),
        _tight(1, 150, ("genom de", 74)),
        _tight(1, 160, ("En gång", 125), ("6", 318), ("6", 348)),
        _tight(1, 170, ("Att", 125), ("7", 318), ("7", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Synpunkter ett", "Beskrivning", "Med", "En gång", "Att"]
    assert [r.group for r in rows][-1] == "Till en synpunkter % genom de"


def test_word_spaces_inside_labels_beside_centred_categories_are_no_group_boundary() -> None:
    """s700019: as above, but the categories are centred (no x where several start): the
    cut at the labels' word spaces still loses to the cut right of every label word,
    which splits the label-and-category line as wide and no line at a word space."""
    body = [
        _tight(1, 100, ("Klagomål?", 54), ("Synpunkter ett", 150), ("3", 318), ("3", 348)),
        _tight(1, 110, ("Beskrivning", 160), ("4", 318), ("4", 348)),
        _tight(1, 120, ("Till en", 54)),
        _tight(1, 130, ("synpunkter %", 54)),
        _tight(1, 140, ("genom de", 74)),
        _tight(1, 150, ("En gång", 170), ("6", 318), ("6", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Synpunkter ett", "Beskrivning", "En gång"]
    assert rows[-1].group == "Till en synpunkter % genom de"


def test_a_count_columns_header_read_as_two_cells_is_one_column() -> None:
    """Right-aligned "Totalt / ack. Utfall" read as two header cells ("ack." named the
    total, "Totalt Utfall" unknown): the body's totals stand in the unknown part only,
    so the two parts are the total's column and its counts are read."""
    from vbparse.layout.tables.columns import Band, TableLayout
    from vbparse.layout.tables.complaints.column import _whole_count_cells

    bands = [
        Band("category", 50, 250, 52, "Uppdelning Klagomål/synpunkter/kategorier"),
        Band("t1", 250, 280, 255, "Utfall T1"),
        Band("t2", 280, 310, 285, "Utfall T2"),
        Band("vb", 310, 340, 315, "Utfall VB"),
        Band("total", 340, 358, 342, "ack."),
        Band("unknown", 358, 380, 359, "Totalt Utfall"),
        Band("summary", 380, 550, 385, "Sammanfattning"),
    ]
    layout = TableLayout("complaint", bands, 50, 550)
    body = [
        _line(1, 100, ("Lex Sarah", 125), ("3", 318), ("3", 360)),
        _line(1, 110, ("Lex Maria", 125), ("1", 318), ("1", 360)),
    ]
    whole = _whole_count_cells(layout, body)
    assert [(b.role, b.left, b.right) for b in whole.bands][4:] == [("total", 340, 380), ("summary", 380, 550)]
    # a column whose own part holds counts keeps its header's cells apart
    both = [*body, _line(1, 120, ("Annat", 125), ("2", 345))]
    assert _whole_count_cells(layout, both) is layout


def test_a_count_column_heading_its_neighbours_too_splits_where_the_counts_stand_apart() -> None:
    """Header cells with no padding read as one ("Utf Utf all all T2 VB"): the T2 column's
    band holds the VB column as well. Its body counts stand in two columns disjoint in
    x, as many as the headings it names that no column has: T2 and VB, split between."""
    from vbparse.layout.tables.columns import Band, TableLayout
    from vbparse.layout.tables.complaints.column import _split_count_bands

    bands = [
        Band("category", 50, 250, 52, "Uppdelning Klagomål/synpunkter/kategorier"),
        Band("t1", 250, 280, 255, "Utfall T1"),
        Band("t2", 280, 340, 285, "Utf Utf all all T2 VB"),
        Band("total", 340, 370, 345, "Totalt"),
        Band("summary", 370, 550, 385, "Sammanfattning"),
    ]
    layout = TableLayout("complaint", bands, 50, 550)
    body = [
        _line(1, 100, ("Lex Sarah", 125), ("29", 316), ("29", 345)),
        _line(1, 110, ("Lex Maria", 125), ("22", 290), ("10", 316), ("32", 345)),
        _line(1, 120, ("Annat", 125), ("1", 290), ("1 234", 345)),
    ]
    split = _split_count_bands(layout, body)
    assert [b.role for b in split.bands] == ["category", "t1", "t2", "vb", "total", "summary"]
    assert 298 < split.bands[2].right == split.bands[3].left < 316
    sarah, maria, _ = _parse(body)  # the module's header names all four count columns
    assert (sarah.t2, sarah.vb, maria.t2, maria.vb) == (None, 29, 22, 10)


def test_centred_categories_crossing_a_guessed_column_boundary_are_the_categorys() -> None:
    """s700019: the header's category text ends far left of the first count column's
    heading, and the boundary guessed between them runs through centred categories. The
    words that are no count, wholly left of that column's heading and counts, are the
    category's: the boundary moves to just after them."""
    from vbparse.layout.tables.columns import Band, TableLayout
    from vbparse.layout.tables.complaints.column import _category_reach

    bands = [
        Band("category", 50, 150, 52, "Uppdelning Klagomål/synpunkter/kategorier"),
        Band("t1", 150, 300, 260, "Utfall T1"),
        Band("summary", 300, 550, 305, "Sammanfattning"),
    ]
    layout = TableLayout("complaint", bands, 50, 550)
    body = [_line(1, 100, ("Ett synpunkter café målet", 120), ("22", 262)), _line(1, 110, ("Åtgärder", 140))]
    reach = _category_reach(layout, body)
    assert 220 < reach.bands[0].right == reach.bands[1].left < 260
    assert _category_reach(layout, [_line(1, 100, ("Lex Sarah", 60), ("22", 262))]) is layout


def test_a_label_line_opening_with_a_number_after_a_question_starts_a_label() -> None:
    """s700065: two labels at line pitch, the second opening with a number ("12 stöd
    ..."): the question above is finished, and no word goes on after its "?"."""
    from vbparse.layout.tables.complaints.groups import _labels

    lines = [
        _tight(1, 100, ("För nämnden", 54)),
        _tight(1, 110, ("élan 2023?", 54)),
        _tight(1, 120, ("12 stöd med", 54)),
        _tight(1, 130, ("under?", 54)),
    ]
    pages = {1: PageData(1, 600.0, 800.0, [w for ln in lines for w in ln.words])}
    labels = _labels(lines, pages, 120.0, [], None, 10.0)
    assert [lab.text for lab in labels] == ["För nämnden élan 2023?", "12 stöd med under?"]


def test_a_number_that_could_not_fit_on_the_line_above_goes_on_with_its_category() -> None:
    """s700065 (unruled, rows at line pitch): "på" going on in lower case shows what a
    category line holds (less than "Omsorg av stöd" with a space and "på"); "12" would not
    have fitted after "uppföljning år", so it was wrapped there: no new row."""
    body = [
        _tight(1, 100, ("Omsorg av stöd", 125), ("24", 318), ("24", 348)),
        _tight(1, 110, ("på rutiner", 125)),
        _tight(1, 120, ("uppföljning år", 125)),
        _tight(1, 130, ("12", 125)),
        _tight(1, 140, ("Kompetens en", 125), ("26", 318), ("26", 348)),
    ]
    assert [r.category for r in _parse(body)] == ["Omsorg av stöd på rutiner uppföljning år 12", "Kompetens en"]


def test_a_ruled_tables_cell_cut_by_a_page_break_holds_every_row_under_it_without_doubt() -> None:
    """Chromium, grid rules: a group cell merged over many rows is cut by a page break; on
    the next page its label stands at the top of its part, the only label there, and the
    cell runs from its rule to the page's foot with no rule across the group column between
    its rows (rules under the category cells only). The table rules its group cells
    elsewhere, so this one is closed too (overleaf): every row under it is its, and nothing
    is in doubt."""
    body = [
        _line(1, 600, ("Beröm", 60), ("Antal beröm", 125), ("2", 318), ("2", 348)),
        _line(1, 640, ("Från vem?", 60), ("Brukare", 125), ("3", 318), ("3", 348)),
        _line(1, 660, ("Anhörig", 125), ("1", 318), ("1", 348)),
        _line(2, 100, ("Vad gällde?", 60), ("Bemötande", 125), ("4", 318), ("4", 348)),
        _line(2, 120, ("Beslut", 125), ("5", 318), ("5", 348)),
        _line(2, 140, ("Information", 125), ("6", 318), ("6", 348)),
        _line(2, 160, ("Kompetens", 125), ("7", 318), ("7", 348)),
        _line(2, 180, ("Mat", 125), ("8", 318), ("8", 348)),
    ]
    rules = {
        1: [Rule(595, 50, 600), Rule(615, 50, 600), Rule(655, 120, 600), Rule(675, 50, 600)],
        2: [Rule(95, 50, 600), *(Rule(y, 120, 600) for y in (115, 135, 155, 175)), Rule(195, 120, 600)],
    }
    warnings: list[ParseWarning] = []
    rows = _parse(body, rules, warnings)
    assert [r.group for r in rows] == ["Beröm", "Från vem?", "Från vem?", *["Vad gällde?"] * 5]
    assert not [w for w in warnings if w.code == "complaint_groups_ambiguous"], warnings


def test_a_rule_inset_from_the_tables_edge_still_closes_a_group_cell() -> None:
    """s900029 (docx, grid): the rules across the group column start a little right of
    the labels' text (the producer insets its cells' borders), not left of it. Such a rule
    still crosses the column and closes the cell above it: the rows above it on page 2
    go on with page 1's group, not with the label below the rule."""
    body = [
        _line(1, 100, ("Grupp A", 60), ("Första", 125), ("1", 318), ("1", 348)),
        _line(1, 120, ("Andra", 125), ("2", 318), ("2", 348)),
        _line(1, 140, ("Tredje", 125), ("3", 318), ("3", 348)),
        _line(2, 100, ("Fjärde", 125), ("4", 318), ("4", 348)),
        _line(2, 120, ("Femte", 125), ("5", 318), ("5", 348)),
        _line(2, 140, ("Grupp B", 60), ("Sjätte", 125), ("6", 318), ("6", 348)),
        _line(2, 160, ("Sjunde", 125), ("7", 318), ("7", 348)),
    ]
    rules = {
        1: [Rule(95, 50, 600), Rule(115, 120, 600), Rule(135, 120, 600), Rule(155, 50, 600)],
        2: [Rule(95, 50, 600), Rule(115, 120, 600), Rule(135, 60.4, 600), Rule(155, 120, 600), Rule(175, 50, 600)],
    }
    assert [r.group for r in _parse(body, rules)] == ["Grupp A"] * 5 + ["Grupp B"] * 2


def test_a_rule_across_the_group_column_ends_a_group_whose_rules_skip_it() -> None:
    """s900064 (hrules, one label on its group's first row): between rows of the group the
    rules stop at the group column (its cell is merged over them); overleaf a rule
    crosses the group column: the group's cell ends there, and the rows below it, with no
    label, are in no group."""
    body = [
        _line(1, 100, ("Grupp A", 60), ("Första", 125), ("1", 318), ("1", 348)),
        _line(1, 120, ("Andra", 125), ("2", 318), ("2", 348)),
        _line(2, 100, ("Tredje", 125), ("3", 318), ("3", 348)),
        _line(2, 120, ("Fjärde", 125), ("4", 318), ("4", 348)),
        _line(2, 140, ("Femte", 125), ("5", 318), ("5", 348)),
    ]
    rules = {
        1: [Rule(95, 50, 600), Rule(115, 120, 600)],
        2: [Rule(95, 50, 600), Rule(115, 50, 600), Rule(135, 50, 600), Rule(155, 50, 600)],
    }
    assert [r.group for r in _parse(body, rules)] == ["Grupp A"] * 3 + [None, None]
    rules[1].append(Rule(135, 50, 600))  # the table's part on page 1 closed at its foot
    assert [r.group for r in _parse(body, rules)] == ["Grupp A"] * 3 + [None, None]


def test_a_totals_row_in_the_category_column_is_in_no_groups_cell() -> None:
    """s600083: bottom-aligned labels, no rules, and the table's "Totalt" row set in the
    category column below the last group: that row is no category, so the last label's
    cell ends on the row above it (and no group is left with an unlabelled row)."""
    body = [
        _line(1, 100, ("Första", 125), ("1", 318), ("1", 348)),
        _line(1, 120, ("Grupp A", 60), ("Andra", 125), ("2", 318), ("2", 348)),
        _line(1, 140, ("Tredje", 125), ("3", 318), ("3", 348)),
        _line(1, 160, ("Fjärde", 125), ("4", 318), ("4", 348)),
        _line(1, 180, ("Grupp B", 60), ("Femte", 125), ("5", 318), ("5", 348)),
        _line(1, 200, ("Totalt", 125), ("15", 318), ("15", 348)),
    ]
    assert [r.group for r in _parse(body)] == ["Grupp A"] * 2 + ["Grupp B"] * 3


def test_rows_below_the_last_closed_cell_with_no_label_overleaf_are_in_no_group() -> None:
    """s500069 (docx, hrules, top): the one label's cell is closed by a rule, and the
    rows below it, each in a cell of its own (rules across the group column between
    them), run on over the page break with no label after: empty group cells, no group
    (not the group above, across its closing rule)."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (1, 140, 148), (1, 160, 168), (2, 100, 108), (2, 120, 128))
    a = _Label(1, 100, 108, "A", span_top=95.0, span_bottom=132.0, ruled=True)
    assert _groups(rows, [a], cut_after={1, 2, 4}) == ["A", "A", None, None, None, None]


def test_rows_below_a_closed_cell_merged_into_one_go_on_with_it() -> None:
    """s71 (docx, hrules, top): a group's cell is cut at the page's foot (a rule across the
    group column), the row below it and the two overleaf stand in one merged cell (no
    rule across the group column between them) with no label, up to the next label's
    cell: one cell cut from the group above at the page break, not empty cells."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (1, 140, 148), (2, 100, 108), (2, 120, 128), (2, 140, 148))
    a = _Label(1, 100, 108, "A", span_top=95.0, span_bottom=132.0, ruled=True)
    b = _Label(2, 140, 148, "B", span_top=135.0, span_bottom=155.0, ruled=True)
    assert _groups(rows, [a, b], cut_after={1, 4}) == ["A", "A", "A", "A", "A", "B"]
    # each row below the cut in a cell of its own: empty cells, no group
    assert _groups(rows, [a, b], cut_after={1, 3, 4}) == ["A", "A", None, None, None, "B"]


def test_a_category_line_whose_first_word_would_have_fit_above_starts_a_row() -> None:
    """s500084: no rules, no spacing, no counts. "Åtgärder av" reads unfinished, but
    "Klagomål" would have fit beside it (the column sets a wider line): a line breaker
    moves on only what does not fit, so "Klagomål" opens another category."""
    body = [
        _tight(1, 100, ("Grupp", 60), ("Rutiner arbetsmiljö omsorg brukare", 125)),
        _tight(1, 110, ("Åtgärder av", 125)),
        _tight(1, 120, ("Klagomål", 125)),
        _tight(1, 130, ("Synpunkter", 125)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Rutiner arbetsmiljö omsorg brukare", "Åtgärder av", "Klagomål", "Synpunkter"]


def test_a_summary_starting_beside_a_later_category_line_starts_a_row_there() -> None:
    """Cells set at their rows' tops (two rows show a summary starting on the category's
    first line): a summary starting beside the third line of what reads as one category
    ("... och" goes on, "Sjunde" would not have fit above) starts a row there."""
    body = [
        _tight(1, 100, ("Grupp", 60), ("Första", 125), ("Text ett", 385)),
        _tight(1, 110, ("mer text", 385)),
        _tight(1, 120, ("slut.", 385)),
        _tight(1, 130, ("Andra", 125), ("Ny text", 385)),
        _tight(1, 140, ("och mer.", 385)),
        _tight(1, 150, ("Tredje fjärde femte och", 125)),
        _tight(1, 160, ("Sjunde", 125), ("Sista text.", 385)),
    ]
    rows = _parse(body)
    assert [(r.category, r.summary) for r in rows] == [
        ("Första", "Text ett mer text slut."),
        ("Andra", "Ny text och mer."),
        ("Tredje fjärde femte och", None),
        ("Sjunde", "Sista text."),
    ]


def test_a_category_overleaf_whose_first_word_would_have_fit_at_the_foot_starts_a_row() -> None:
    """s900057: the page before ended with the one-letter category "I" (a connector, so it
    reads unfinished); "Under" would have fit beside it, so the text overleaf is another
    row's, not the rest of a cell cut by the page break."""
    body = [
        _line(1, 100, ("Grupp", 60), ("Första raden här", 125), ("3", 318), ("3", 348), ("Text.", 385)),
        _line(1, 130, ("I", 125), ("4", 318), ("4", 348), ("Mer.", 385)),
        _line(2, 60, ("Under inom som", 125)),
        _line(2, 90, ("Sista", 125), ("5", 318), ("5", 348)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Första raden här", "I", "Under inom som", "Sista"]


def test_a_totals_row_under_a_row_without_counts_keeps_its_sums_to_itself() -> None:
    """s500057, s700074: the last category has no counts and the totals row follows at
    pitch with no rule: its label ("Totalt", in the group or the category column) opens
    the totals row, whose sums are not the category's counts."""
    for x in (60, 125):
        body = [
            _tight(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348)),
            _tight(1, 110, ("Andra", 125)),
            _tight(1, 120, ("Totalt", x), ("3", 318), ("3", 348)),
        ]
        rows = _parse(body)
        assert [(r.category, r.vb, r.total) for r in rows] == [("Första", 3, 3), ("Andra", None, None)]


def test_word_spaces_lined_up_in_two_categories_are_no_group_boundary() -> None:
    """s900028: labels on lines of their own, categories left-aligned; two category lines
    happen to have a word start at one x with a word space before it. That cut splits
    two lines at word spaces only, the cut where every category line starts crosses no
    word either: the column starts there."""
    body = [
        _tight(1, 100, ("Aaaa bbbbbb cc", 125), ("3", 318), ("3", 348)),
        _tight(1, 110, ("Dddd eeeeee ff", 125), ("4", 318), ("4", 348)),
        _tight(1, 120, ("Élan?", 60)),
        _tight(1, 130, ("Med", 125), ("5", 318), ("5", 348)),
        _tight(1, 140, ("Utan", 125), ("6", 318), ("6", 348)),
        _tight(1, 150, ("Omsorg?", 56)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Aaaa bbbbbb cc", "Dddd eeeeee ff", "Med", "Utan"]


def test_a_summary_word_broken_in_its_narrow_column_rejoins() -> None:
    """A summary column narrower than a word: the breaker fills the line with the word's
    first letters ("medarbeta", alone on its line, as wide as the column's widest line,
    and the next letter would not have fit) and the rest goes on below in lower case."""
    body = [
        _tight(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348), ("Vi har", 385)),
        _tight(1, 110, ("medarbeta", 385)),
        _tight(1, 120, ("re som", 385)),
        _tight(1, 140, ("Andra", 125), ("4", 318), ("4", 348), ("Av de", 385)),
    ]
    rows = _parse(body)
    assert [r.summary for r in rows] == ["Vi har medarbetare som", "Av de"]


def test_a_summary_word_alone_on_full_lines_over_unlike_words_is_whole() -> None:
    """ "delaktighet" fills its line alone twice, over "kvalitet" and over "samverkan": a
    word broken in one column breaks at one place every time, so it is a whole word."""
    body = [
        _tight(1, 100, ("Grupp", 60), ("Första", 125), ("3", 318), ("3", 348), ("Vi har", 385)),
        _tight(1, 110, ("delaktighet", 385)),
        _tight(1, 120, ("kvalitet", 385)),
        _tight(1, 140, ("Andra", 125), ("4", 318), ("4", 348), ("delaktighet", 385)),
        _tight(1, 150, ("samverkan", 385)),
    ]
    rows = _parse(body)
    assert [r.summary for r in rows] == ["Vi har delaktighet kvalitet", "delaktighet samverkan"]


def test_the_only_count_column_holding_four_columns_of_counts_is_the_four() -> None:
    """s600037: the count columns' header cells are too narrow for a word, their letters
    stacked one a line, and only "T1" was read: one count column from the category to the
    summary. Its counts stand in four columns apart (disjoint in x), as many as the
    template's count columns: T1, T2, VB and the total, in that order."""
    header = _line(1, 60, ("Uppdelning Klagomål/synpunkter/kategorier", 60), ("T1", 255), ("Sammanfattning", 385))
    body = [
        _line(1, 100, ("Grupp", 60), ("Första", 125), ("3", 258), ("3", 348), ("Text", 385)),
        _line(1, 120, ("Andra", 125), ("4", 288), ("5", 318), ("9", 348)),
    ]
    rows = _parse(body, header=header)
    assert [(r.t1, r.t2, r.vb, r.total) for r in rows] == [(3, None, None, 3), (None, 4, 5, 9)]


def test_a_label_closed_by_its_question_mark_glued_to_its_category_is_cut_there() -> None:
    """s700009: no cell padding, centred labels: the label's last word and the category's
    first read as one word ("har?Kompetens"), a question mark before a capital: cut at the
    category column's start it is no word running across the column boundary."""
    glued = Word(
        "har?Kompetens", 90.0, 142.0, 120.0, 120.0 + SIZE, SIZE, False, 1, array("f", [94.0 + 4 * k for k in range(12)])
    )
    body = [
        _tight(1, 100, ("De i av?", 62), ("Till åtgärder", 106), ("3", 318), ("3", 348)),
        _tight(1, 110, ("Beskrivning", 106), ("4", 318), ("4", 348)),
        Line(
            [_w("Till", 60, 120), _w("ett", 78, 120), glued, _w("för", 144, 120), _w("5", 318, 120), _w("5", 348, 120)],
            1,
        ),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Till åtgärder", "Beskrivning", "Kompetens för"]
    assert rows[-1].group == "Till ett har?"


def test_a_label_word_glued_to_a_wrapped_category_fragment_is_cut_where_categories_start() -> None:
    """s900070: no cell padding; the label's "eller" and the wrapped end "g)" of the
    category beside it read as one word "ellerg)", lower case on both sides. Categories
    start at one x on several lines and a cell's text never runs into the next column, so
    the word is cut there."""
    glued = Word(
        "ellerg)", 86.0, 114.0, 120.0, 120.0 + SIZE, SIZE, False, 1, array("f", [86.0 + 4 * k for k in range(1, 7)])
    )
    body = [
        _tight(1, 100, ("Vad", 70), ("Bemanning", 106), ("3", 318), ("3", 348)),
        _tight(1, 110, ("synpunkten", 62), ("(vikarieanskaffnin", 106)),
        Line([_w("synpunkten", 44, 120), glued], 1),
        _tight(1, 130, ("avvikelsen?", 56), ("Bemötande", 106), ("4", 318), ("4", 348)),
        _tight(1, 140, ("Beslut", 106), ("5", 318), ("5", 348)),
        # more rows: one word running across the column start among many is the glued one
        *(
            _tight(1, 150 + 10 * k, (f"{first} av de", 106), (str(k), 318), (str(k), 348))
            for k, first in enumerate(2 * ["Ny", "Fel", "Stöd", "Annat", "Teknik", "Brister", "Avsaknad", "Hantering"])
        ),
    ]
    # a totals label centred across both columns is one cell's word, not two glued
    totals = Word(
        "Totalt", 94.0, 118.0, 320.0, 320.0 + SIZE, SIZE, False, 1, array("f", [94.0 + 4 * k for k in range(1, 6)])
    )
    body.append(Line([totals, _w("9", 318, 320), _w("9", 348, 320)], 1))
    rows = _parse(body)
    assert [r.category for r in rows][:3] == ["Bemanning (vikarieanskaffning)", "Bemötande", "Beslut"]
    assert rows[0].group == "Vad synpunkten synpunkten eller avvikelsen?"
    assert rows[-1].category == "Hantering av de"  # the totals row is no category


def test_a_category_word_alone_on_full_lines_over_unlike_words_is_whole() -> None:
    """s79: "självständighet" fills its line alone in two rows, over "avvikelser" and over
    "trygghet": a word too long for the column breaks at one place every time, so it is a
    whole word and the next line's word stands apart."""
    body = [
        _tight(1, 100, ("Grupp", 60), ("Ett", 106), ("3", 318), ("3", 348)),
        _tight(1, 110, ("självständighet", 106)),
        _tight(1, 120, ("avvikelser", 106)),
        _tight(1, 130, ("Med", 106), ("4", 318), ("4", 348)),
        _tight(1, 140, ("självständighet", 106)),
        _tight(1, 150, ("trygghet", 106)),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Ett självständighet avvikelser", "Med självständighet trygghet"]


def test_a_lone_letter_at_a_line_break_is_part_of_a_broken_word() -> None:
    """s900021, s900049: a breaker cutting a word too long for its line leaves a lone
    letter that is no word: opening the line below a word alone on its line
    ("Samverkanspar" "t (ex"), or ending a line before one going on in lower case
    ("av p" "ersonuppgifter"). "i" is a word and stays apart."""
    from vbparse.layout.tables.complaints.cells import _cell_text

    def lines(*texts: str) -> list[Line]:
        return [_tight(1, 100 + 10 * k, (t, 106)) for k, t in enumerate(texts)]

    assert _cell_text(lines("Samverkanspar", "t (ex annan"), 300.0, False) == "Samverkanspart (ex annan"
    assert _cell_text(lines("Hantering av p", "ersonuppgifter"), 300.0, False) == "Hantering av personuppgifter"
    assert _cell_text(lines("Annat (ange vad", "i vyn)"), 300.0, False) == "Annat (ange vad i vyn)"
    # s500035: a letter alone on its line ends the word above, it opens none below
    assert _cell_text(lines("Medarbetar", "e", "beskrivning"), 300.0, False) == "Medarbetare beskrivning"


def test_a_label_word_ending_where_the_category_starts_does_not_hide_the_group_column() -> None:
    """No cell padding: a centred label's last word may end a fraction of a point left of
    where the category column's text starts (their boxes touch). Touching is no running
    across: the boundary is still where the category's text starts on every line."""
    body = [
        Line(
            [
                _w("Antal", 62, 100),
                _w("rapporter", 84.0, 100),
                _w("Lex", 120.2, 100),
                _w("Maria", 134.2, 100),
                _w("3", 318, 100),
                _w("3", 348, 100),
            ],
            1,
        ),
        Line(
            [
                _w("lex", 76, 110),
                _w("och", 88, 110),
                _w("Maria", 100.0, 110),
                _w("Lex", 120.2, 110),
                _w("Sarah", 134.2, 110),
                _w("4", 318, 110),
                _w("4", 348, 110),
            ],
            1,
        ),
        Line(
            [
                _w("Beröm", 84, 120),
                _w("Antal", 120.2, 120),
                _w("beröm", 142.2, 120),
                _w("5", 318, 120),
                _w("5", 348, 120),
            ],
            1,
        ),
    ]
    rows = _parse(body)
    assert [r.category for r in rows] == ["Lex Maria", "Lex Sarah", "Antal beröm"]
    assert rows[0].group == "Antal rapporter lex och Maria"
    assert rows[2].group == "Beröm"


def test_a_rule_above_a_pages_first_row_stopping_at_the_group_column_opens_a_row() -> None:
    """Rows drawn with a border at each row's top only: the page's last row ends in "och"
    (unfinished-looking) with no rule under it, but overleaf a rule right above the first
    line runs across the category cell and stops at the group column, whose merged cell
    goes on: a row's top border, so that line opens a row. (A repeated header's bottom
    border would run across the group column too.)"""
    body = [
        _tight(1, 680, ("Grupp", 60), ("Första", 125), ("2", 318), ("2", 348)),
        _tight(1, 700, ("Kvalitet vi och", 125)),
        _tight(2, 100, ("Resultat till", 125)),
        _tight(2, 120, ("Sista", 125), ("5", 318), ("5", 348)),
    ]
    rules = {
        1: [Rule(675, 50, 600), Rule(695, 120, 600)],
        2: [Rule(60, 50, 600), Rule(96, 120, 600), Rule(116, 120, 600), Rule(135, 50, 600)],
    }
    rows = _parse(body, rules)
    assert [r.category for r in rows] == ["Första", "Kvalitet vi och", "Resultat till", "Sista"]
    # a rule there across the group column too may be the header's: the row goes on
    rules[2][1] = Rule(96, 50, 600)
    rows = _parse(body, rules)
    assert [r.category for r in rows] == ["Första", "Kvalitet vi och Resultat till", "Sista"]


def test_a_label_meeting_the_category_on_its_line_does_not_hide_the_boundary() -> None:
    """No cell padding, one row: the label's "samverkan" ends where the category's "5,5"
    starts on the same line (two cells' texts meeting), and the category's next line
    starts there too, well apart from the label's text. That cut is the boundary, not a
    word space inside the category ("året | året")."""
    body = [
        Line(
            [
                _w("På", 57, 100),
                _w("under", 67, 100),
                _w("samverkan", 108.9, 100),
                _w("5,5", 145.0, 100),
                _w("åtgärder", 159, 100),
                _w("året", 193, 100),
                _w("39", 318, 100),
                _w("39", 348, 100),
            ],
            1,
        ),
        Line(
            [_w("beskrivning", 57, 108), _w("delaktig", 103, 108), _w("synpunkter", 145.0, 108), _w("som", 187, 108)], 1
        ),
        Line([_w("kvalitet?", 57, 116)], 1),
    ]
    rows = _parse(body)
    assert [(r.group, r.category) for r in rows] == [
        ("På under samverkan beskrivning delaktig kvalitet?", "5,5 åtgärder året synpunkter som")
    ]


def test_an_empty_ruled_cell_below_a_one_row_label_cell_is_reported() -> None:
    """Every label's ruled cell is one row; the rows below stand in closed cells of their
    own with no label. The label may be printed on its group's first row only (no merge),
    or those rows are in no group: the rules draw both alike. They go on with the label,
    and the doubt is reported at the first such row."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (1, 140, 148))
    a = _Label(1, 100, 108, "A", span_top=95.0, span_bottom=115.0, ruled=True)
    warnings: list[ParseWarning] = []
    assert _groups(rows, [a], warnings, cut_after={0, 1}) == ["A", "A", "A"]
    assert [(w.code, w.page) for w in warnings] == [("complaint_groups_ambiguous", 1)]
    assert "y=120" in warnings[0].message


def test_a_boundary_two_runs_could_trade_rows_over_is_found() -> None:
    """s800011: a cell split by a page break prints its label at the top of its first part
    (labels otherwise at their cells' foot); overleaf it meets a cell whose label stands
    at its foot. Moving the boundary between them a row fits the labels as well: the
    first row whose group it could change is returned. Where the next label stands at its run's first
    row (top alignment), the boundary is settled."""
    from vbparse.layout.tables.complaints.groups import _Label, _unsettled_boundary

    rows = _rows((1, 100, 108), (1, 120, 128), (2, 100, 108), (2, 120, 128), (2, 140, 148), (2, 160, 168))
    span = {1: (0, 1), 2: (2, 5)}
    a = _Label(1, 100, 118, "A")  # at the top of its first part, reaching into its second row
    b = _Label(2, 160, 168, "B")  # at its cell's foot
    owner = {id(r): (a if i < 3 else b) for i, r in enumerate(rows)}
    # A giving up a row leaves its label off its part's foot; B giving up one costs nothing
    assert _unsettled_boundary(rows, [a, b], owner, span, "bottom", True, set()) is rows[3]
    assert _unsettled_boundary(rows, [a, b], owner, span, "bottom", True, {id(rows[2])}) is None
    b = _Label(2, 120, 128, "B")  # at its run's first row
    owner = {id(r): (a if i < 3 else b) for i, r in enumerate(rows)}
    assert _unsettled_boundary(rows, [a, b], owner, span, "top", False, set()) is None


def test_empty_closed_cells_at_a_pages_top_below_its_first_rule_are_in_no_group() -> None:
    """s600047 (chromium, merged cells, top labels): overleaf from a merged cell, the page
    opens with rows each closed by rules across the group column, no label, then the next
    label's cell. The first row may be the merged cell going on (its part ends at the
    page's first rule); the rows below that rule are in empty cells of their own: no
    group."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (2, 100, 108), (2, 120, 128), (2, 140, 148), (2, 160, 168))
    b = _Label(1, 100, 108, "B", span_top=95.0, span_bottom=135.0, ruled=True)
    c = _Label(2, 160, 168, "C", span_top=155.0, span_bottom=175.0, ruled=True)
    assert _groups(rows, [b, c], cut_after={2, 3, 4}) == ["B", "B", "B", None, None, "C"]


def test_the_tables_last_run_may_print_its_label_at_the_top_of_its_first_row() -> None:
    """s700047 (reportlab, centred labels, no rules): the last label stands at the top of
    its first row, and the rows below it to the table's end have no label. A region open
    below prints its label at the top of its first row, as a cell's part cut by a page
    break does (the same producers): those rows are its, not in no group."""
    from vbparse.layout.tables.complaints.groups import _groups, _Label

    rows = _rows((1, 100, 108), (1, 120, 128), (1, 140, 160), (1, 170, 178), (1, 190, 198))
    a = _Label(1, 104, 124, "A")  # centred on rows 0-1
    b = _Label(1, 140, 148, "B")  # at the top of row 2, not centred in it
    assert _groups(rows, [a, b]) == ["A", "A", "B", "B", "B"]


def test_a_rule_the_upper_rows_text_reaches_past_still_cuts_between_the_rows() -> None:
    """s900008 (reportlab, grid, tight rows): each row's text box ends a point and a half
    below the rule under it. The rule still lies between the two rows (below the upper
    row's middle, above the lower row's text): no group cell runs on over it."""
    from vbparse.layout.tables.complaints.groups import _cut_after
    from vbparse.layout.tables.complaints.row import _Row

    rows = [_Row(1, top, bottom, end_page=1) for top, bottom in ((100, 111), (112, 120), (121, 129))]
    page = PageData(1, 600.0, 800.0, [], hrules=[Rule(109.5, 50, 600)])
    cut, merged = _cut_after(rows, [_line(1, 100, ("Grupp", 60))], {1: page}, 120.0, {})
    assert cut == {0}
    assert not merged


def test_a_summary_line_ending_in_a_lone_letter_joins_a_word_too_long_for_any_line() -> None:
    """s800025 (reportlab splits a word longer than its line after filling the line):
    "stöd v" / "erksamheten." is one word when the two are wider together than any line
    the column sets; narrower, it could have stood whole on the next line, so no breaker
    cut it there. "i" is a word and stays apart."""
    from vbparse.layout.tables.complaints.cells import _rejoin_lone_letters

    def two(first: str, second: str) -> list[Line]:
        return [_tight(1, 100, (first, 106)), _tight(1, 110, (second, 106))]

    pair = two("genom stöd v", "erksamheten.")
    together = pair[0].words[-1].x1 - pair[0].words[-1].x0 + pair[1].words[0].x1 - pair[1].words[0].x0
    text = "genom stöd v erksamheten."
    assert _rejoin_lone_letters(pair, text, together - 1.0) == "genom stöd verksamheten."
    assert _rejoin_lone_letters(pair, text, together + 5.0) == text  # it would have fitted on a line
    lines_i = two("arbetet sker i", "samverkan")
    assert _rejoin_lone_letters(lines_i, "arbetet sker i samverkan", 1.0) == "arbetet sker i samverkan"
