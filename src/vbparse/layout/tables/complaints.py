"""The complaints table: category rows, counts, and groups from vertically merged cells.

A group is the rows its merged cell spans. Where rules cross the group column between
every two labels, a label's rows are those between the rules around it (a cell cut by a
page break runs to the page's foot; rows at a page's top before its first cell continue
the group above; an empty cell between closed ones is in no group). Elsewhere the
label's alignment in its cell is found from the geometry: the whole table's rows, over
all its pages, are split into runs so that each label stands at the top, the centre or
the bottom of its run, whichever fits all labels best (ties: the fewest rows in no
group, then top); a label printed on its group's first row only is the top case. A run
crosses page breaks: on below a top label, back above a bottom one. Alignments that fit
alike but group rows differently are reported (complaint_groups_ambiguous). A totals
row ("Totalt", "Summa") is no category.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ...model import ComplaintRow, ParseWarning
from ...pdf.reading import PageData, Word
from ...values import parse_count
from ...vocab import COUNT_UNITS, TOTALS_WORDS, fold
from ..lines import MID_LINE_WORDS, Line, _key, cut_word, join_cell, line_pitch, smallest_recurring, unfinished
from ..provenance import place_complaint
from .columns import PHRASE_GAP_EM, Band, TableLayout, char_cut
from .rows import RowEvidence, gap_breaks, table_pitch


@dataclass
class _Row:
    page: int
    top: float
    bottom: float = 0.0
    end_page: int = 0  # the page of the row's last line (a row may run over a page break)
    cat: list[Line] = field(default_factory=list)
    cells: dict[str, list[Word]] = field(default_factory=dict)
    summary: list[Line] = field(default_factory=list)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


def _goes_on(cat: list[Word], row: _Row, cat_right: float) -> bool:
    """The row's category goes on in this line: it starts lower case, or the text so far is unfinished."""
    first = cat[0].text[:1] if cat else ""
    return bool(cat) and (first.islower() or first in "([{/&-–"
                          or unfinished(join_cell(row.cat, cat_right) if row.cat else ""))


def _count_room(lines: Sequence[Line], frame_of: Callable[[int], _Frame]) -> dict[str, float]:
    """The widest count each count column sets on one line: what its cell holds."""
    room: dict[str, float] = {}
    for ln in lines:
        lay = frame_of(ln.page).layout
        for w in ln.words:
            band = lay.band_of(w.x0, w.x1)
            if band is not None and band.role in _COUNT_ROLES and parse_count(w.text) is not None:
                room[band.role] = max(room.get(band.role, 0.0), w.x1 - w.x0)
    return room


def _wrapped_counts(row: _Row, cells: dict[str, list[Word]], prev: Line, ln: Line, pitch: float,
                    room: dict[str, float]) -> bool:
    """A line of counts only, each the rest of a number broken in its narrow cell: right
    below the row's count in a filled column, at line pitch, starting where it starts,
    and the two together wider than any count the column sets on one line."""
    if not cells or ln.page != prev.page or gap_breaks(prev, ln, pitch):
        return False
    for role, ws in cells.items():
        have = row.cells.get(role)
        if role not in _COUNT_ROLES or not have or len(ws) != 1 or not ws[0].text.isdigit():
            return False
        last = have[-1]
        if not last.text.isdigit() or abs(ws[0].x0 - last.x0) > 0.5 or last.page != ln.page:
            return False
        if (last.x1 - last.x0) + (ws[0].x1 - ws[0].x0) <= room.get(role, 0.0) + 0.5:
            return False
    return True


def _at_foot(cell: list[Line], row: _Row, pitch: float) -> bool:
    """The cell's text runs to the foot of the row's part on its page: only then can a
    page break have cut it (a cell that ended lines above the row's last line is done)."""
    return bool(cell) and cell[-1].page == row.end_page and cell[-1].bottom >= row.bottom - 0.5 * pitch


def _apart(cell: list[Line], ln: Line, pitch: float) -> bool:
    """The line stands below the cell's last line on its page with room for a line
    between: no line of the same cell (a cell's lines follow each other at pitch)."""
    return bool(cell) and cell[-1].page == ln.page and gap_breaks(cell[-1], ln, pitch)


def _wrapped_to(row: _Row, cat: list[Word], room: float) -> bool:
    """A category line opening with no letter ("5,5 ...", a number reads neither as a new
    sentence nor as one going on) wrapped from the row's line above: its first word
    would not have fit on that line (a line breaker moves on only what does not fit)."""
    if not cat or cat[0].text[:1].isalpha() or not row.cat or row.cat[-1].page != cat[0].page:
        return False
    above = row.cat[-1]
    return (above.x1 - above.x0) + 0.25 * cat[0].size + (cat[0].x1 - cat[0].x0) > room


def _continues_overleaf(row: _Row, cat: list[Word], summary: bool, counts: bool, cat_right: float,
                        pitch: float) -> bool:
    """The first line of a page goes on with the row the page before ended with: its
    category goes on (and the category ran to the page's foot), or it holds only summary
    text and the summary ran to the foot. A cell's text starts on its row's first line, so
    text overleaf in a cell the row left empty opens another row."""
    if cat:
        return _at_foot(row.cat, row, pitch) and _goes_on(cat, row, cat_right) \
            and (not summary or bool(row.summary)) and (not counts or bool(row.cells))
    return summary and not counts and _at_foot(row.summary, row, pitch)


_GLUED_UNIT = re.compile(r"(\d+)(\D+)")


def _unglue(w: Word) -> list[Word]:
    """A count and its unit in one word ("20st"): with no cell padding the count's right
    edge meets the unit's cell's left edge. Cut where the digits end (by their share of
    the characters), so each part lands in its own column."""
    m = _GLUED_UNIT.fullmatch(w.text)
    if m is None or fold(m.group(2)) not in COUNT_UNITS:
        return [w]
    if w.cuts is not None:  # where the unit's first character starts
        return list(cut_word(w, len(m.group(1))))
    cut = w.x0 + (w.x1 - w.x0) * len(m.group(1)) / len(w.text)
    return [replace(w, text=m.group(1), x1=cut), replace(w, text=m.group(2), x0=cut)]


_PUNCT_ALONE = re.compile(r" ([?,.;:!)])(?=\s|$)")


def _cell_text(lines: list[Line], edge: float, precise: bool, room: float = 0.0) -> str:
    """A label's or category's lines as one text. A word is broken mid-word only when it
    is alone on its line (a line breaker moves a word too long for the line to a line of
    its own before it breaks it), and punctuation wrapped onto a line of its own ("?")
    closes the word before it. `room`: the widest line the column sets anywhere (a line
    the next line's first letter would have fitted on was not broken mid-word)."""
    joined = join_cell(lines, edge, precise, room)
    if precise and any(len(ln.words) > 1 for ln in lines[:-1]):
        loose = join_cell(lines, edge, False, room)
        if len(loose) > len(joined):
            joined = loose
    return _PUNCT_ALONE.sub(r"\1", _rejoin_known(lines, joined))


def _rejoin_known(lines: Sequence[Line], joined: str) -> str:
    """A word broken where it stands alone on its line ("Hälsofrämjan" "de") whose parts
    joined make a word this document sets whole mid-line, while the first part is no such
    word: one word (a breaker cuts only a word too long for its line; "de" alone is a
    word, so the word test in join_cell lets it stand)."""
    known = MID_LINE_WORDS.get()
    for a, b in itertools.pairwise(lines):
        if len(a.words) != 1 or not b.words:
            continue
        head, tail = a.words[0].text, b.words[0].text
        if _key(head + tail) in known and _key(head) not in known and f"{head} {tail}" in joined:
            joined = joined.replace(f"{head} {tail}", head + tail, 1)
    return joined


_COUNT_ROLES = ("t1", "t2", "vb", "total")


def _spread_counts(cells: dict[str, list[Word]], layout: TableLayout) -> None:
    """One cell holds one count: two counts far apart on one line in one column's band
    (columns measured a little off, or a column the header did not show) belong to it and
    its empty neighbour: the right one moves right into a column the header did not show
    (or from VB to the total, which every counted row has), else the left one moves left.
    Words a space apart are one number ("1 234")."""
    for role in _COUNT_ROLES:
        ws = sorted(cells.get(role, []), key=lambda w: w.x0)
        if len(ws) != 2 or ws[1].x0 - ws[0].x1 < ws[0].size:
            continue
        i = _COUNT_ROLES.index(role)
        right = _COUNT_ROLES[i + 1] if i + 1 < len(_COUNT_ROLES) else None
        left = _COUNT_ROLES[i - 1] if i > 0 else None
        if right is not None and right not in cells and (layout.band(right) is None or role == "vb"):
            cells[role], cells[right] = [ws[0]], [ws[1]]
        elif left is not None and left not in cells:
            cells[left], cells[role] = [ws[0]], [ws[1]]


def _split_group_column(lines: Sequence[Line], layout: TableLayout,
                        pages: dict[int, PageData]) -> tuple[float, bool] | None:
    """x where the category column starts: a vertical rule, else the word start that
    separates label and category words on the most lines while no word runs across it
    (group labels and categories, whatever their alignment, never overlap in x)."""
    band = layout.band("category")
    if band is None:
        return None
    left = min(band.left, layout.left)
    for ln in lines:
        page = pages[ln.page]
        xs = [r.pos for r in page.vrules if left + 3 < r.pos < band.right - 3
              and r.start <= ln.top and r.end >= ln.bottom]
        if xs:
            return min(xs), True
    # a totals row's label may run across both columns: it shows no boundary
    lines = [ln.subline(ws) for ln in lines
             if (ws := [w for w in ln.words if fold(w.text).rstrip(":") not in TOTALS_WORDS])]
    words = [w for ln in lines for w in ln.words if w.x0 + w.x1 < 2 * band.right]
    if not words:
        return None
    size = max(w.size for w in words)
    starts = sorted({round(w.x0, 1) for w in words})[1:]  # a column's text starts at a word's left edge
    best: tuple[int, int, int, int, float] | None = None
    apart: tuple[int, float] | None = None
    for x in starts:
        cut = x - 0.3
        # words glued across x show the cells have no padding: a label's text may then
        # reach the category's start
        glued = [w for w in words if _glued_at(w, x) is not None]
        reach = x + 0.5 if glued else cut
        crossing = sum(1 for w in words if w.x0 < cut and w.x1 > reach) - len(glued)
        gaps = [min(on) - max(left) for ln in lines
                if (left := [w.x1 for w in ln.words if w.x1 <= cut])
                and (on := [w.x0 for w in ln.words if cut <= w.x0 < band.right])]
        # lines it splits wider apart than a word space first (cells' texts stand apart
        # by their paddings; a cut at a word space may run inside one cell's lines)
        wide = sum(1 for g in gaps if g >= PHRASE_GAP_EM * size)
        # a tie goes to where a column's text starts on most lines (not a word inside a label)
        aligned = sum(1 for w in words if abs(w.x0 - x) <= 0.5)
        key = (-crossing, wide, len(gaps), aligned, -x)
        if best is None or key > best:
            best = key
        if crossing == 0 and (apart is None or (aligned, -x) > apart):
            apart = (aligned, -x)
    # the boundary separates label and category words on many lines and crosses (almost) none;
    # a boundary only one line shows needs its words wider apart than a word space
    if best is not None and best[2] >= 1 and -best[0] <= 0.02 * len(words) and (best[2] >= 2 or best[1]):
        return -best[4] - 0.3, False
    # labels set on baselines of their own (centred between the rows' lines): no line
    # holds both, but a cut crossing no word has lines' texts wholly left of it and the
    # category's text starting at it on several lines
    if apart is not None and apart[0] >= 2:
        cut = -apart[1] - 0.3
        if any((ws := [w for w in ln.words if w.x0 < band.right]) and all(w.x1 <= cut for w in ws) for ln in lines):
            return cut, False
    return _column_apart(lines, band.right)


def _column_apart(lines: Sequence[Line], right: float) -> tuple[float, bool] | None:
    """A label on lines of its own in a column of its own: lines whose text ends left of
    where every other line's text starts. Left-aligned, centred or right-aligned, the
    lines of one column overlap in x (each line ends right of any other's start), so
    lines wholly apart to the left stand in another column."""
    spans = [(min(w.x0 for w in ws), max(w.x1 for w in ws))
             for ln in lines if (ws := [w for w in ln.words if w.x0 < right])]
    for start in sorted({a for a, _ in spans}):
        left = [b for a, b in spans if a < start]
        if left and all(b < start - 0.5 for b in left):
            return start - 0.3, False
    return None


def _glued_at(w: Word, x: float) -> int | None:
    """Where a label and a category glued into one word meet at x ("antalLex": cells with
    no padding leave no gap): a character boundary there, a lower-case letter before it
    and a capital after (a word never has a capital inside)."""
    if not w.x0 + 0.5 < x < w.x1 - 0.5:
        return None
    k = char_cut(w, x)
    if k is None or not 0 < k < len(w.text):
        return None
    return k if w.text[k - 1].islower() and w.text[k].isupper() else None


def _cut_glued(words: Sequence[Word], x: float) -> list[Word]:
    out: list[Word] = []
    for w in words:
        k = _glued_at(w, x)
        out.extend(cut_word(w, k) if k is not None else (w,))
    return out


def _in_group(w: Word, split_x: float, ruled: bool = False) -> bool:
    """The word is the group column's: it starts left of the split; at a rule, it also
    lies mostly left of it (a producer may set a cell's text a point left of its rule, and
    no word runs across one)."""
    if ruled:
        return w.x0 < split_x - 0.5 and w.x0 + w.x1 < 2 * split_x
    return w.x0 < split_x - 1


@dataclass
class _Frame:
    """One layout's x positions: a table continuing on a page of another width has its own."""

    layout: TableLayout
    split_x: float
    cat_right: float
    ruled: bool = False  # split_x is a vertical rule's


def _frame(lines: Sequence[Line], layout: TableLayout, pages: dict[int, PageData],
           warnings: list[ParseWarning]) -> _Frame:
    found = _split_group_column(lines, layout, pages)
    if found is None:
        warnings.append(ParseWarning(code="complaint_groups_unknown",
                                     message="could not find the group column of the complaints table",
                                     page=lines[0].page if lines else None))
        found = layout.bands[0].left, False
    split_x, ruled = found
    cat_band = layout.band("category")
    return _Frame(layout, split_x, cat_band.right if cat_band else split_x + 100, ruled)


def _whole_category(layout: TableLayout) -> TableLayout:
    """The category column with the header cells of unknown text between it and the first
    count column: the header's "Uppdelning" and "Klagomål/synpunkter/kategorier" read as
    two cells head one column pair (group and category), which holds no counts."""
    i = next((k for k, b in enumerate(layout.bands) if b.role == "category"), None)
    if i is None:
        return layout
    j = i + 1
    while j < len(layout.bands) and layout.bands[j].role == "unknown":
        j += 1
    if j == i + 1 or j == len(layout.bands) or layout.bands[j].role not in _COUNT_ROLES:
        return layout
    first, last = layout.bands[i], layout.bands[j - 1]
    whole = Band("category", first.left, last.right, first.text_left,
                 " ".join(b.text for b in layout.bands[i:j]), last.text_right)
    return replace(layout, bands=[*layout.bands[:i], whole, *layout.bands[j:]])


def parse_complaints(
    lines: Sequence[Line], layout: TableLayout, evidence: RowEvidence, warnings: list[ParseWarning],
    page_layouts: dict[int, TableLayout] | None = None,
) -> list[ComplaintRow]:
    """`page_layouts`: the columns of pages whose width differs from the header's page
    (measured under that page's repeated header); other pages use `layout`."""
    if not lines:
        return []
    pages = evidence.pages
    layout = _whole_category(layout)
    page_layouts = {pg: _whole_category(lay) for pg, lay in (page_layouts or {}).items()}
    main = _frame([ln for ln in lines if ln.page not in page_layouts], layout, pages, warnings)
    frames: dict[int, _Frame] = {}
    for lay in {id(v): v for v in page_layouts.values()}.values():
        on = [ln for ln in lines if page_layouts.get(ln.page) is lay]
        fr = _frame(on, lay, pages, warnings)
        for pg, v in page_layouts.items():
            if v is lay:
                frames[pg] = fr

    def frame_of(page: int) -> _Frame:
        return frames.get(page, main)

    split_x, cat_right = main.split_x, main.cat_right
    group_lines: list[Line] = []
    rows: list[_Row] = []
    # the table's own pitch: from its category lines, else its (wrapped) header
    hdr = layout.header_lines
    size = hdr[0].size if hdr else 10.0
    indexed = [(i, ln.subline(ws)) for i, ln in enumerate(lines)
               if (ws := [w for w in ln.words if not _in_group(w, frame_of(ln.page).split_x, frame_of(ln.page).ruled)])]
    parts = [p for _, p in indexed]
    pitch = table_pitch(parts, line_pitch(hdr) if len(hdr) >= 2 else 1.2 * size)
    # lines set tighter than their font's size (a small line height): the pitch is still the
    # smallest gap that recurs between neighbouring lines of one cell
    tight = [b.ref - a.ref for a, b in itertools.pairwise(parts)
             if a.page == b.page and 0.5 * a.size < b.ref - a.ref <= 0.9 * a.size]
    if len(tight) >= 2:
        pitch = min(pitch, smallest_recurring(tight))
    # rows set apart by padding or spacing: then a line at pitch is never a new row
    # (measured between the row parts of neighbouring lines: two category lines may have
    # group label lines between them, which is no spacing, and a label line may stand
    # off the rows' baselines); spacing recurs between rows, one odd gap is chance, and so
    # are gaps of unlike sizes (a stray word far below the table's last line)
    gaps = sorted(b.ref - a.ref for (i, a), (j, b) in itertools.pairwise(indexed)
                  if i + 1 == j and a.page == b.page and gap_breaks(a, b, pitch))
    gapped = any(y - x <= max(1.0, 0.1 * x) for x, y in itertools.pairwise(gaps))
    room = _count_room(lines, frame_of)
    prev: Line | None = None
    for ln in lines:
        ln.used = True
        fr = frame_of(ln.page)
        layout, split_x, cat_right = fr.layout, fr.split_x, fr.cat_right
        words = ln.words if fr.ruled else _cut_glued(ln.words, split_x + 0.3)
        gwords = [w for w in words if _in_group(w, split_x, fr.ruled)]
        rest = [p for w in words if not _in_group(w, split_x, fr.ruled) for p in _unglue(w)]
        if gwords:
            group_lines.append(ln.subline(gwords))
        if not rest:
            continue
        # the row part of the line on its own: group labels may sit at another height
        ln = ln.subline(rest)
        # a word lying mostly left of the category cell's edge is the category's (a count
        # set against the edge at zero padding may start a fraction of a point left of it)
        cat = [w for w in rest if w.x0 + w.x1 < 2 * cat_right]
        cells: dict[str, list[Word]] = {}
        summary: list[Word] = []
        for w in layout.split_glued(rest):  # words glued across a column rule: cut there
            if w.x0 + w.x1 < 2 * cat_right:
                continue
            band = layout.band_of(w.x0, w.x1)
            role = band.role if band else "summary"
            if fold(w.text) in COUNT_UNITS and not summary and cells and "unit" not in cells:
                role = "unit"  # a unit (one a cell) follows its counts, before the summary's text
            elif role == "summary" or parse_count(w.text) is None:
                summary.append(w)
                continue
            cells.setdefault(role, []).append(w)
        _spread_counts(cells, layout)
        cur = rows[-1] if rows else None
        new_row = cur is None
        if cur is not None and prev is not None:
            if ln.page != cur.page and ln.page != prev.page:  # top of a new page: a split row continues
                new_row = not _continues_overleaf(cur, cat, bool(summary), bool(cells), cat_right, pitch)
            elif evidence.has_edges(ln.page, split_x + 2, cat_right - 2):
                new_row = evidence.edge_between(prev, ln, split_x + 2, cat_right - 2)
            elif gap_breaks(prev, ln, pitch):
                new_row = True
            elif not gapped:  # no edge, no gap anywhere: a finished category followed by a new one
                new_row = bool(cat) and not _goes_on(cat, cur, cat_right) \
                    and not _wrapped_to(cur, cat, cat_right - split_x - (layout.pad or 0.0))
            else:
                new_row = False
            # a cell's lines stand at pitch: category text lines below the row's category
            # text with an empty line slot between starts another cell
            new_row = new_row or (bool(cat) and _apart(cur.cat, ln.subline(cat), pitch))
            # (the line may go on with the row's category and summary: no row starts here)
            if not new_row and _wrapped_counts(cur, cells, prev, ln, pitch, room):
                for role, ws in cells.items():  # "2" over "2": one count, 22
                    last = cur.cells[role][-1]
                    cur.cells[role][-1] = replace(last, text=last.text + ws[0].text, x1=max(last.x1, ws[0].x1))
                cells = {}
            # one cell holds one count: a second count in a filled column starts a new row
            new_row = new_row or any(role != "unit" and role in cur.cells for role in cells)
        if new_row:
            cur = _Row(ln.page, ln.top)
            rows.append(cur)
        assert cur is not None
        if cat:
            cur.cat.append(ln.subline(cat))
        for role, ws in cells.items():
            cur.cells.setdefault(role, []).extend(ws)
        if summary:
            cur.summary.append(ln.subline(summary))
        cur.bottom, cur.end_page = ln.bottom, ln.page
        prev = ln
    return _assign_groups(rows, group_lines, main.split_x, main.cat_right, pages, main.layout, pitch, warnings,
                          {pg: fr.split_x for pg, fr in frames.items()})


def _assign_groups(
    rows: list[_Row], group_lines: list[Line], split_x: float, cat_right: float,
    pages: dict[int, PageData], layout: TableLayout, pitch: float, warnings: list[ParseWarning] | None = None,
    page_splits: dict[int, float] | None = None,
) -> list[ComplaintRow]:
    pad = layout.pad
    cat_start = min((r.cat[0].x0 for r in rows if r.cat), default=split_x)
    label_edge = cat_start - 2 * pad if pad is not None else None
    cat_band = layout.band("category")
    # a totals row's label may stand in the group column: that row is no category
    totals = [ln for ln in group_lines if fold(ln.text).rstrip(":") in TOTALS_WORDS]
    group_lines = [ln for ln in group_lines if ln not in totals]
    kept: list[_Row] = []
    in_totals = False
    for r in rows:
        # the totals row, and what follows it with no category of its own (its counts
        # wrapped in their narrow cells: "12" over "9")
        in_totals = any(t.page == r.page and (t.top <= r.mid <= t.bottom or abs(r.top - t.top) <= 1.0)
                        for t in totals) or (in_totals and not r.cat)
        if not in_totals:
            kept.append(r)
    rows = kept
    labels = _labels(group_lines, pages, split_x, rows, label_edge, pitch, page_splits or {})
    groups = _groups(rows, labels, warnings, _cut_after(rows, group_lines, pages, split_x, page_splits or {}))
    cat_edge = layout.content_right(cat_band) if cat_band else None
    cat_precise = cat_edge is not None
    cat_room = max((ln.x1 - ln.x0 for r in rows for ln in r.cat), default=0.0)
    if cat_edge is None:
        cat_edge = max((ln.x1 for r in rows for ln in r.cat), default=cat_right)
    out: list[ComplaintRow] = []
    after_totals = False
    for row, group in zip(rows, groups, strict=True):
        category = _cell_text(row.cat, cat_edge, cat_precise, cat_room) if row.cat else ""
        if fold(category).rstrip(":") in TOTALS_WORDS or (after_totals and not row.cat):
            after_totals = True  # a totals row sums the categories (its wrapped counts with it)
            continue
        after_totals = False
        _take_wrapped_unit(row)
        cells = row.cells
        counts = {k: parse_count(" ".join(w.text for w in cells.get(k, []))) for k in ("t1", "t2", "vb", "total")}
        unit = " ".join(w.text for w in cells.get("unit", [])) or None
        # prose: lines meet at a space, or with none after a dash or slash ending a line
        # ("resultat–" "analys"); a mid-word break is not guessed in running text
        summary = _rejoin_known(row.summary, join_cell(row.summary, math.inf)) if row.summary else None
        out.append(ComplaintRow(
            group=group, category=category,
            t1=counts["t1"], t2=counts["t2"], vb=counts["vb"], total=counts["total"],
            unit=unit, summary=summary, page=row.page,
        ))
        place_complaint(out[-1], [*row.cat, *row.summary, *(w for ws in cells.values() for w in ws)])
    return [r for r in out if r.category or any(v is not None for v in (r.t1, r.t2, r.vb, r.total))]


def _take_wrapped_unit(row: _Row) -> None:
    """A unit broken over lines in its narrow cell ("s" over "t"): the first words of the
    row's leading summary lines, one above the other, that together spell a unit."""
    if "unit" in row.cells or len(row.summary) < 2 or not any(k in row.cells for k in ("t1", "t2", "vb", "total")):
        return
    parts: list[Word] = []
    for ln in row.summary:
        w = ln.words[0]
        if parts and abs(w.x0 - parts[0].x0) > 1.0:
            return
        parts.append(w)
        if len(parts) >= 2 and fold("".join(p.text for p in parts)) in COUNT_UNITS:
            break
    else:
        return
    row.cells["unit"] = [replace(parts[0], text="".join(p.text for p in parts))]
    rest = [ln.subline(ln.words[1:]) for ln in row.summary[:len(parts)] if len(ln.words) > 1]
    row.summary = rest + row.summary[len(parts):]


@dataclass
class _Label:
    page: int
    top: float
    bottom: float
    text: str
    span_top: float = -math.inf  # the cell's extent between the rules around it
    span_bottom: float = math.inf
    ruled: bool = False

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    def covers(self, row: _Row) -> bool:
        return row.page == self.page and self.span_top < row.mid < self.span_bottom


_NO_GROUP = _Label(0, 0.0, 0.0, "")  # rows below the last group's cell


def _cut_after(rows: list[_Row], group_lines: list[Line], pages: dict[int, PageData], split_x: float,
               page_splits: dict[int, float]) -> set[int]:
    """Rows (by index) with a rule across the group column between them and the next row
    on their page: no group cell runs on over it (a cell merged over rows has no rule
    across it between them)."""
    if not group_lines:
        return set()
    left = min(ln.x0 for ln in group_lines) - 0.5
    across: dict[int, list[float]] = {}
    for pg in {r.page for r in rows}:
        split = page_splits.get(pg, split_x)
        across[pg] = [r.pos for r in pages[pg].hrules if r.start < min(left, split - 1) and r.end >= split]
    return {i for i, (a, b) in enumerate(itertools.pairwise(rows))
            if a.end_page == b.page and any(a.bottom - 1 <= y <= b.top + 1 for y in across.get(b.page, []))}


def _groups(rows: list[_Row], labels: list[_Label], warnings: list[ParseWarning] | None = None,
            cut_after: set[int] | None = None) -> list[str | None]:
    """Each row's group: by the ruled cells on pages where every label's cell is closed by
    rules, by the labels' alignment elsewhere; rows before a page's first group continue
    the group above."""
    ruled_pages = {lab.page for lab in labels} - {lab.page for lab in labels if not lab.ruled}
    doubt: list[_Row] = []
    owner = _owners_by_alignment([r for r in rows if r.page not in ruled_pages],
                                 [lab for lab in labels if lab.page not in ruled_pages], doubt)
    if doubt and warnings is not None:
        warnings.append(ParseWarning(
            code="complaint_groups_ambiguous", page=doubt[0].page,
            message=f"complaint group labels fit more than one alignment in their merged cells; the rows "
                    f"from y={doubt[0].top:.0f} on may belong to another group than the one given"))
    out: list[str | None] = []
    current: str | None = None
    # a table whose labels' cells are merged over rows leaves a row in no group as an empty
    # cell of its own; where every label's cell is one row, the label is printed on its
    # group's first row only and the empty cells below go on with it
    merged = any(sum(1 for r in rows if lab.covers(r)) >= 2 for lab in labels if lab.page in ruled_pages)
    hits: list[_Label | None] = []
    for row in rows:
        if row.page in ruled_pages:
            hit = next((lab for lab in labels if lab.covers(row)), None)
            # between closed cells, or below the last one where the table ends: an empty
            # group cell (at a page's foot it may be a cell cut by the page break: go on)
            here = [lab for lab in labels if lab.page == row.page]
            if hit is None and merged and any(lab.span_bottom <= row.mid for lab in here) \
                    and (row.page == rows[-1].page or any(lab.mid > row.mid for lab in here)):
                hit = _NO_GROUP
        else:
            hit = owner.get(id(row))
        hits.append(hit)
    _open_cells_reach_back(rows, labels, hits, ruled_pages, cut_after or set())
    for hit in hits:
        if hit is _NO_GROUP:
            current = None
        elif hit is not None:
            current = hit.text
        out.append(current)
    return out


def _centred(lab: _Label) -> bool:
    """The label stands in the middle of its cell's part between the rules around it."""
    return math.isfinite(lab.span_bottom) and \
        abs(lab.mid - (lab.span_top + lab.span_bottom) / 2) <= max(1.0, 0.1 * (lab.bottom - lab.top))


def _open_cells_reach_back(rows: list[_Row], labels: list[_Label], hits: list[_Label | None],
                           ruled_pages: set[int], cut_after: set[int]) -> None:
    """A ruled cell open at its top (no row of the table above it on its page) whose label
    stands below the cell's first row, and not in its middle, began on a page before,
    where it has no label (a bottom-aligned label is printed in the cell's last part): the
    rows before it in no cell of their own (on pages without a label, or below a page's
    last closed cell) are its own, back to the last cell closed by a rule (or the table's
    start)."""
    first_mid: dict[int, float] = {}
    for r in rows:
        first_mid.setdefault(r.page, r.mid)
    foot: dict[int, float] = {}  # where a page's last closed cell ends: a cell below it runs to the page's foot
    for lab in labels:
        foot[lab.page] = max(foot.get(lab.page, -math.inf), lab.span_bottom)
    closed = [True] * len(rows)  # the last cell before row i is closed (or there is none)
    last: _Label | None = None
    for i, h in enumerate(hits):
        closed[i] = last is None or last is _NO_GROUP or (last.ruled and math.isfinite(last.span_bottom))
        if h is not None:
            last = h
    nxt: _Label | None = None
    for i in range(len(rows) - 1, -1, -1):
        h = hits[i]
        if h is not None:
            # open at its top, with rows of its own above the label (a label at its cell's
            # top is printed in the cell's first part, one centred in its part is centred
            # in a cell wholly on this page: either began here)
            nxt = h if h is not _NO_GROUP and h.page in ruled_pages \
                and h.span_top < first_mid[h.page] < h.top and not _centred(h) else None
        elif i in cut_after:  # a rule across the group column below the row: the open cell began below it
            nxt = None
        elif nxt is not None and rows[i].mid > foot.get(rows[i].page, -math.inf) and closed[i]:
            hits[i] = nxt


_ORPHAN = 0.01  # a row in no group's cell: a little, so a label's run takes every row that does not move it
_SPLIT_TOP = 1.0  # a label printed at the top of a cell split by a page break, whatever its alignment
_CROSS = {"forward": 0.001, "back": 0.002}  # a run reaching over a page break into the next / previous page


def _owners_by_alignment(rows: list[_Row], labels: list[_Label], doubt: list[_Row] | None = None) -> dict[int, _Label]:
    """Split the table's rows into runs, one per label in order, so labels sit alike in their runs.

    The alignment (top, centre, bottom) that fits every label best wins, rows in no run
    counting a little each; a tie goes to top, Word's default. A run may cross a page
    break: a top-aligned label is printed in its cell's first part, so its run goes on
    over the pages below; a bottom-aligned one in its last part, so its run reaches back
    over the pages above (or goes on below when its part reaches the page's foot); a
    centred one either way. Rows in no run belong to no group. When alignments fitting
    alike group the rows differently, the first row they disagree on goes to `doubt`."""
    span: dict[int, tuple[int, int]] = {}
    for i, row in enumerate(rows):
        a, _ = span.get(row.page, (i, i))
        span[row.page] = (a, i)
    labs = [lab for lab in labels if lab.page in span]
    if not labs:
        return {}
    fits = []
    for align in ("top", "center", "bottom"):
        cost, owner = _runs(rows, labs, span, align)
        orphans = sum(1 for row in rows if owner.get(id(row), _NO_GROUP) is _NO_GROUP)
        fits.append((cost - _ORPHAN * orphans, orphans, owner))
    # labels fitting alike (within half a point) leave the fewest rows in no group
    least = min(f[0] for f in fits)
    if least == math.inf:
        return {}
    alike = [f for f in fits if f[0] < least + 0.5]
    best = min(alike, key=lambda f: f[1])
    if doubt is not None:
        for f in alike:
            differ = [r for r in rows if f[1] == best[1] and f[2].get(id(r)) is not best[2].get(id(r))]
            if differ:
                doubt.append(differ[0])
                break
    return best[2]


def _run_cost(rows: list[_Row], lab: _Label, s: int, e: int, pa: int, pb: int, align: str) -> float:
    ps, pe = max(s, pa), min(e, pb)
    if ps > pe or (align == "top" and s < pa):  # a top label is printed in its cell's first part
        return math.inf
    # a label taller than its rows' text sets the cell's height itself: it may reach past
    # the text of its first (last) row, never into the row before (after) its run
    before = rows[ps - 1].bottom if ps > pa else -math.inf
    after = rows[pe + 1].top if pe < pb else math.inf
    c = max(0.0, before - lab.top) + max(0.0, lab.bottom - after)
    first, last, height = rows[ps], rows[pe], lab.bottom - lab.top
    # at the top: no lower than the first row's text; at the bottom: no higher than the
    # last row's text, or in the last row from its top (a label printed in the last row
    # of an open region)
    top = max(0.0, lab.top - first.top)
    if align == "top":
        c += top
    elif align == "bottom":
        c += max(0.0, min(last.bottom, last.top + height) - lab.bottom)
    else:
        c += abs((min(first.top, lab.top) + max(last.bottom, lab.bottom)) / 2 - lab.mid)
    if align != "top" and e > pb and s >= pa:
        # a cell going on over the page break may print its label at the top of its first part
        c = min(c, max(0.0, before - lab.top) + top + _SPLIT_TOP)
    return c + _CROSS["back"] * (ps - s) + _CROSS["forward"] * (e - pe)


def _runs(rows: list[_Row], labs: list[_Label], span: dict[int, tuple[int, int]],
          align: str) -> tuple[float, dict[int, _Label]]:
    n, k = len(rows), len(labs)
    inf = math.inf
    # best[j][s]: cost of placing labels j.. on rows s..; a row may stay in no run
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    choice: list[list[int | None]] = [[None] * (n + 1) for _ in range(k + 1)]
    for s in range(n + 1):
        best[k][s] = _ORPHAN * (n - s)
    for j in range(k - 1, -1, -1):
        pa, pb = span[labs[j].page]
        hi = span[labs[j + 1].page][1] if j + 1 < k else n - 1  # the next label's run needs a row on its page
        for s in range(min(n - 1, pb), -1, -1):
            b, ch = _ORPHAN + best[j][s + 1], None
            for e in range(max(s, pa), hi + 1):
                rest = best[j + 1][e + 1]
                if rest == inf or rest >= b:
                    continue
                c = _run_cost(rows, labs[j], s, e, pa, pb, align) + rest
                if c < b:
                    b, ch = c, e
            best[j][s], choice[j][s] = b, ch
    owner: dict[int, _Label] = {}
    j, s = 0, 0
    while s < n:
        e = choice[j][s] if j < k else None
        if e is None:
            if j > 0:  # rows before the first run continue whatever group is above them
                owner[id(rows[s])] = _NO_GROUP
            s += 1
            continue
        for i in range(s, e + 1):
            owner[id(rows[i])] = labs[j]
        j, s = j + 1, e + 1
    return best[0][0], owner


def _starts_label(cur: list[Line], ln: Line, rows: list[_Row]) -> bool:
    """Two labels set at line pitch (no padding, no rule between): a line opening with a
    capitalised word (not an acronym) after a finished question or sentence, or after
    finished text with its top level with a row's top (a label starts its group's row)."""
    first = ln.words[0].text
    if not (first[:1].isupper() and any(c.islower() for c in first[1:])):
        return False
    text = " ".join(x.text for x in cur).rstrip()
    if text.endswith(("?", ".")):
        return True
    return not unfinished(text) and any(r.page == ln.page and abs(r.top - ln.top) <= 0.75 for r in rows)


def _labels(group_lines: list[Line], pages: dict[int, PageData], split_x: float, rows: list[_Row],
            label_edge: float | None, row_pitch: float, page_splits: dict[int, float] | None = None) -> list[_Label]:
    """Group labels: runs of lines in the group column, split at rules or where a new label starts."""
    labels: list[_Label] = []
    cur: list[Line] = []
    precise = label_edge is not None
    edge = label_edge if label_edge is not None else max((ln.x1 for ln in group_lines), default=split_x)
    # the table's own pitch: labels of one line each show none of their own
    pitch = min(row_pitch, line_pitch(group_lines)) if len(group_lines) >= 2 else row_pitch

    page_splits = page_splits or {}
    main_lines = [ln for ln in group_lines if ln.page not in page_splits]
    text_left = min((ln.x0 for ln in main_lines), default=split_x) - 0.5
    # pages of another width: their own group column
    lefts = {pg: min((ln.x0 for ln in group_lines if ln.page == pg), default=x) - 0.5
             for pg, x in page_splits.items()}
    room = max((ln.x1 - ln.x0 for ln in main_lines or group_lines), default=0.0)

    def crossing(page: int) -> list[float]:
        # a rule across the group column starts left of every label (at the table's edge);
        # one under a category cell starts at that cell's edge
        left, split = lefts.get(page, text_left), page_splits.get(page, split_x)
        return sorted(r.pos for r in pages[page].hrules if r.start < left and r.end >= split)

    def flush() -> None:
        if not cur:
            return
        # a cell split by a page break: its extent is measured on the page it starts on
        first_page = [x for x in cur if x.page == cur[0].page]
        lab = _Label(cur[0].page, cur[0].top, first_page[-1].bottom, _cell_text(cur, edge, precise, room))
        cross = crossing(lab.page)
        above = [y for y in cross if y <= lab.mid]
        below = [y for y in cross if y >= lab.mid]
        if above:
            lab.span_top = above[-1]
        if below:
            lab.span_bottom = below[0]  # else the cell runs on to the page's foot
        labels.append(lab)
        cur.clear()

    for ln in group_lines:
        if cur:
            prev = cur[-1]
            continued = ln.page != prev.page and ln.words[0].text[:1].islower()
            split = not continued and (
                ln.page != prev.page
                or any(prev.bottom - 1 <= y <= ln.top + 1 for y in crossing(ln.page))
                or gap_breaks(prev, ln, pitch)
                or _starts_label(cur, ln, rows)
            )
            if split:
                flush()
        cur.append(ln)
    flush()
    # ruled groups: every label's cell is closed off from its neighbours' by a rule
    for a, b in itertools.pairwise(labels):
        if a.page == b.page and a.span_bottom < b.span_top + 0.5:
            a.ruled = b.ruled = True
    for lab in labels:
        alone = not any(b.page == lab.page for b in labels if b is not lab)
        if not lab.ruled and alone and math.isfinite(lab.span_top):
            # alone on its page: ruled when the rows themselves are (a rule between two rows)
            mids = sorted(r.mid for r in rows if r.page == lab.page)
            lab.ruled = math.isfinite(lab.span_bottom) or any(
                a < y < b for y in crossing(lab.page) for a, b in itertools.pairwise(mids))
    return labels
