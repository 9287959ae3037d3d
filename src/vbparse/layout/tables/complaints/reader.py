"""The complaints table's rows from its lines: where a row begins, what goes on."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from ....model import ComplaintRow, ParseWarning
from ....pdf.reading import Rule, Word
from ....values import parse_count
from ....vocab import COUNT_UNITS, TOTALS_WORDS, fold
from ...lines import Line, _key, join_cell, line_pitch, smallest_recurring, unfinished
from ..columns import PHRASE_GAP_EM, TableLayout
from ..model import Table
from ..rows import RowEvidence, gap_breaks, table_pitch
from .cells import _spread_counts, _unglue
from .column import (
    _category_reach,
    _cut_glued,
    _Frame,
    _frame,
    _in_group,
    _split_count_bands,
    _whole_category,
    _whole_count_cells,
)
from .groups import _assign_groups
from .row import _COUNT_ROLES, _Row


def _goes_on(cat: list[Word], row: _Row, cat_right: float) -> bool:
    """The row's category goes on in this line: it starts lower case, or the text so far is unfinished."""
    first = cat[0].text[:1] if cat else ""
    return bool(cat) and (
        first.islower() or first in "([{/&-–" or unfinished(join_cell(row.cat, cat_right) if row.cat else "")
    )


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


def _wrapped_counts(
    row: _Row, cells: dict[str, list[Word]], prev: Line, ln: Line, pitch: float, room: dict[str, float]
) -> bool:
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


def _wrapped_to(row: _Row, cat: list[Word], room: float, space: float | None = None) -> bool:
    """A category line opening with no letter ("5,5 ...", a number reads neither as a new
    sentence nor as one going on) wrapped from the row's line above: its first word
    would not have fit on that line (a line breaker moves on only what does not fit).
    `space`: the table's word space, else a quarter of the font size."""
    if not cat or cat[0].text[:1].isalpha() or not row.cat or row.cat[-1].page != cat[0].page:
        return False
    above = row.cat[-1]
    gap = 0.25 * cat[0].size if space is None else space
    return (above.x1 - above.x0) + gap + (cat[0].x1 - cat[0].x0) > room


def _fits_above(row: _Row, cat: list[Word], widest: float, space: float, overleaf: bool = False) -> bool:
    """The line's first category word would have fit on the row's category line above
    within `widest`, the widest line the category column sets anywhere (its cell holds at
    least that): a line breaker moves on only what does not fit, so the line above ended
    its text and this line opens another category. `overleaf`: the row's last line is on
    the page before (a cell split by a page break was wrapped like any other)."""
    if not cat or not row.cat or (row.cat[-1].page != cat[0].page and not overleaf):
        return False
    above = row.cat[-1]
    return (above.x1 - above.x0) + space + (cat[0].x1 - cat[0].x0) <= widest


def _summary_reach(rows: Sequence[_Row], frame_of: Callable[[int], _Frame]) -> None:
    """Each row learns where the summary column's lines end at most and its widest line,
    over the pages drawn in the row's layout (a page of another width has its own), and
    the words that stand alone on a line over two unlike next words (a word too long for
    the column breaks at one place every time, so those are whole words) or twice over
    one next word (a break that recurs), and the words opening lines after unlike words
    (the rest of a broken word follows its one head); and the category column's words
    seen alone on a line over unlike next words."""
    reach: dict[int, tuple[float, float]] = {}
    tails: dict[str, list[str]] = {}
    heads: dict[str, set[str]] = {}
    for row in rows:
        for a, b in itertools.pairwise(row.summary):
            if len(a.words) == 1 and b.words:
                tails.setdefault(a.words[0].text, []).append(_key(b.words[0].text))
            if a.words and b.words:
                heads.setdefault(_key(b.words[0].text), set()).add(_key(a.words[-1].text))
        for ln in row.summary:
            key = id(frame_of(ln.page))
            edge, room = reach.get(key, (0.0, 0.0))
            reach[key] = (max(edge, ln.x1), max(room, ln.x1 - ln.x0))
    whole = frozenset(head for head, after in tails.items() if len(set(after)) > 1)
    again = frozenset(head for head, after in tails.items() if len(after) > 1 and len(set(after)) == 1)
    starts = frozenset(tail for tail, before in heads.items() if len(before) > 1)
    cat_tails: dict[str, set[str]] = {}
    for row in rows:
        for a, b in itertools.pairwise(row.cat):
            if len(a.words) == 1 and b.words:
                cat_tails.setdefault(a.words[0].text, set()).add(_key(b.words[0].text))
    cat_whole = frozenset(head for head, after in cat_tails.items() if len(after) > 1)
    for row in rows:
        row.cat_whole = cat_whole
        if row.summary and (got := reach.get(id(frame_of(row.page)))) is not None:
            row.summary_edge, row.summary_room = got
            row.summary_whole, row.summary_again = whole, again
            row.summary_starts = starts


def _cell_starts(row: _Row) -> list[tuple[float, float]]:
    """The (top, bottom) of the first line of each of the row's non-category cells."""
    out = [(row.summary[0].top, row.summary[0].bottom)] if row.summary else []
    for ws in row.cells.values():
        first = min(ws, key=lambda w: w.top)
        out.append((first.top, first.bottom))
    return out


def _top_aligned(rows: Sequence[_Row], pitch: float) -> bool:
    """The table sets its cells' text at the top of their rows: on rows with a category
    and other cells of unlike heights, every cell starts on the category's first line (twice
    or more), and no cell anywhere starts above its row's category (as a centred or
    bottom-aligned cell taller than the category does)."""
    seen = 0
    for row in rows:
        if not row.cat or row.end_page != row.page or not (starts := _cell_starts(row)):
            continue
        first = row.cat[0]
        if any(top < first.top - 0.5 * pitch for top, _ in starts):
            return False
        ends = [row.cat[-1].bottom, *([row.summary[-1].bottom] if row.summary else [])]
        if all(abs(top - first.top) < 0.5 * pitch for top, _ in starts) and max(ends) - min(ends) > 0.5 * pitch:
            seen += 1
    return seen >= 2


def _split_at_cell_starts(rows: list[_Row], pitch: float) -> list[_Row]:
    """In a table whose cells start at their rows' tops, a cell (summary or count) whose
    text starts beside a later line of the row's category starts another row there: the
    category lines above are a row of their own (no rule, no gap, and a finished-looking
    text do not tell where a category ends; the cell beside it does)."""
    if not _top_aligned(rows, pitch):
        return rows
    out: list[_Row] = []
    for row in rows:
        while row.cat and row.end_page == row.page and len(row.cat) > 1:
            first = row.cat[0]
            later = [
                k
                for k, ln in enumerate(row.cat)
                if k > 0
                and any(abs(top - ln.top) < 0.5 * pitch for top, _ in _cell_starts(row))
                and all(
                    top > first.top + 0.5 * pitch or abs(top - ln.top) < 0.5 * pitch for top, _ in _cell_starts(row)
                )
            ]
            if not later:
                break
            k = later[0]
            cut = row.cat[k].top - 0.25 * pitch
            upper = _Row(row.page, row.top, row.cat[k - 1].bottom, row.page, row.cat[:k])
            rest = _Row(
                row.page,
                row.cat[k].top,
                row.bottom,
                row.end_page,
                row.cat[k:],
                {role: ws for role, ws in row.cells.items()},
                row.summary,
            )
            for role, ws in row.cells.items():
                if any(w.top < cut for w in ws):
                    upper.cells[role] = [w for w in ws if w.top < cut]
                    rest.cells[role] = [w for w in ws if w.top >= cut]
                    if not rest.cells[role]:
                        del rest.cells[role]
            out.append(upper)
            row = rest
        out.append(row)
    return out


def _word_space(parts: Sequence[Line]) -> float:
    """The widest gap between two words of one line that is still a word space (narrower
    than a phrase gap): what a line breaker puts between a line's last word and the next."""
    gaps = [
        b.x0 - a.x1 for ln in parts for a, b in itertools.pairwise(ln.words) if 0 < b.x0 - a.x1 < PHRASE_GAP_EM * a.size
    ]
    return max(gaps, default=0.0)


def _closed_at_foot(
    row: _Row, last: float, hrules: Sequence[Rule], split_x: float, cat_right: float, pitch: float
) -> bool:
    """A rule across the category cell under the row's last line and right under the
    table's last text on the page (`last`: a group label may reach lower than the row's
    own text): the row's cells were closed there. A producer that draws a rule where it
    splits a row leaves the text overleaf going on in lower case, which
    `_continues_overleaf` still reads."""
    return any(
        row.bottom - 0.5 <= r.pos <= last + pitch and r.start <= split_x + 2 and r.end >= cat_right - 2 for r in hrules
    )


def _opened_at_top(
    ln: Line, hrules: Sequence[Rule], split_x: float, cat_right: float, left: float, pitch: float
) -> bool:
    """A rule right above the page's first row line that runs across the category cell but
    stops at the group column: the rows' cells start there while the group's merged cell
    goes on through it. A repeated header's own bottom border runs across the whole
    table, the group column too, so only a row's top border stops short."""
    if split_x - left < 10:
        return False
    near = [r for r in hrules if ln.top - pitch <= r.pos <= ln.top + 0.5]
    return any(r.start <= split_x + 2 and r.end >= cat_right - 2 for r in near) and not any(
        r.start < split_x - 5 < r.end for r in near
    )


def _continues_overleaf(
    row: _Row, cat: list[Word], summary: bool, counts: bool, cat_right: float, pitch: float, closed: bool = False
) -> bool:
    """The first line of a page goes on with the row the page before ended with: its
    category goes on (and the category ran to the page's foot), or it holds only summary
    text and the summary ran to the foot. A cell's text starts on its row's first line, so
    text overleaf in a cell the row left empty opens another row. Under a rule that closed
    the row's cells, only a line opening in lower case goes on (an unfinished text is no
    evidence against the rule)."""
    if cat and closed and not cat[0].text[:1].islower():
        return False
    if cat:
        return (
            _at_foot(row.cat, row, pitch)
            and _goes_on(cat, row, cat_right)
            and (not summary or bool(row.summary))
            and (not counts or bool(row.cells))
        )
    return summary and not counts and _at_foot(row.summary, row, pitch)


def parse_complaints(
    lines: Sequence[Line],
    layout: TableLayout,
    evidence: RowEvidence,
    warnings: list[ParseWarning],
    page_layouts: dict[int, TableLayout] | None = None,
    table: Table | None = None,
) -> list[ComplaintRow]:
    """`page_layouts`: the columns of pages whose width differs from the header's page
    (measured under that page's repeated header); other pages use `layout`. `table`, when
    given, gets the rows and group cells that were read."""
    if not lines:
        return []
    pages = evidence.pages
    page_layouts = page_layouts or {}

    def columns(lay: TableLayout, on: list[Line]) -> TableLayout:
        return _split_count_bands(_whole_count_cells(_category_reach(_whole_category(lay), on), on), on)

    layout = columns(layout, [ln for ln in lines if ln.page not in page_layouts])
    whole = {
        id(lay): columns(lay, [ln for ln in lines if page_layouts.get(ln.page) is lay]) for lay in page_layouts.values()
    }
    page_layouts = {pg: whole[id(lay)] for pg, lay in page_layouts.items()}
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
    indexed = [
        (i, ln.subline(ws))
        for i, ln in enumerate(lines)
        if (ws := [w for w in ln.words if not _in_group(w, frame_of(ln.page).split_x, frame_of(ln.page).ruled)])
    ]
    parts = [p for _, p in indexed]
    pitch = table_pitch(parts, line_pitch(hdr) if len(hdr) >= 2 else 1.2 * size)
    # lines set tighter than their font's size (a small line height): the pitch is still the
    # smallest gap that recurs between neighbouring lines of one cell
    tight = [
        b.ref - a.ref
        for a, b in itertools.pairwise(parts)
        if a.page == b.page and 0.5 * a.size < b.ref - a.ref <= 0.9 * a.size
    ]
    if len(tight) >= 2:
        pitch = min(pitch, smallest_recurring(tight))
    # rows set apart by padding or spacing: then a line at pitch is never a new row
    # (measured between the row parts of neighbouring lines: two category lines may have
    # group label lines between them, which is no spacing, and a label line may stand
    # off the rows' baselines); spacing recurs between rows, one odd gap is chance, and so
    # are gaps of unlike sizes (a stray word far below the table's last line)
    gaps = sorted(
        b.ref - a.ref
        for (i, a), (j, b) in itertools.pairwise(indexed)
        if i + 1 == j and a.page == b.page and gap_breaks(a, b, pitch)
    )
    gapped = any(y - x <= max(1.0, 0.1 * x) for x, y in itertools.pairwise(gaps))
    room = _count_room(lines, frame_of)
    # the category lines and their word space
    cat_parts = [
        ln.subline(ws) for ln in parts if (ws := [w for w in ln.words if w.x0 + w.x1 < 2 * frame_of(ln.page).cat_right])
    ]
    space = _word_space(cat_parts) or 0.3 * size
    # the most a category line can hold: less than any line that goes on below in lower
    # case (its first word did not fit there) with a space and that word
    broke = [
        (a.x1 - a.x0) + space + (b.words[0].x1 - b.words[0].x0)
        for a, b in itertools.pairwise(cat_parts)
        if a.page == b.page and not gap_breaks(a, b, pitch) and b.words[0].text[:1].islower()
    ]
    holds = min(broke, default=math.inf)
    # the widest category line of each layout (a page of another width has its own)
    widest: dict[int, float] = {}
    for ln in cat_parts:
        key = id(frame_of(ln.page))
        widest[key] = max(widest.get(key, 0.0), ln.x1 - ln.x0)

    def room_above(row: _Row) -> float:
        """The widest category line of the row's layout, when the table's lines agree with
        it: a line that went on in lower case whose first word would have fit within it
        shows lines of unlike widths in one column (a label's words read with the
        category), and then the width tells nothing."""
        room = widest.get(id(frame_of(row.cat[-1].page)), 0.0) if row.cat else 0.0
        return room if room < holds else 0.0

    prev: Line | None = None
    for ln in lines:
        ln.used = True
        fr = frame_of(ln.page)
        layout, split_x, cat_right = fr.layout, fr.split_x, fr.cat_right
        words = ln.words if fr.ruled else _cut_glued(ln.words, split_x + 0.3, fr.aligned >= 3)
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
                foot_page = cur.end_page or cur.page
                last = max(x.bottom for x in lines if x.page == foot_page)  # the table's text there, labels too
                closed = _closed_at_foot(cur, last, pages[foot_page].hrules, split_x, cat_right, pitch)
                new_row = (
                    not _continues_overleaf(cur, cat, bool(summary), bool(cells), cat_right, pitch, closed)
                    or _fits_above(cur, cat, room_above(cur), space, overleaf=True)
                    or _opened_at_top(ln, pages[ln.page].hrules, split_x, cat_right, layout.left, pitch)
                )
            elif evidence.has_edges(ln.page, split_x + 2, cat_right - 2):
                new_row = evidence.edge_between(prev, ln, split_x + 2, cat_right - 2)
            elif gap_breaks(prev, ln, pitch):
                new_row = True
            elif not gapped:  # no edge, no gap anywhere: a finished category followed by a new one
                new_row = bool(cat) and (
                    (
                        not _goes_on(cat, cur, cat_right)
                        and not _wrapped_to(cur, cat, min(cat_right - split_x - (layout.pad or 0.0), holds), space)
                    )
                    or _fits_above(cur, cat, room_above(cur), space)
                )
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
            # a totals row's label ("Totalt") opens its row, in either column: its sums are
            # no count of the row above (with no rule or gap, nothing else parts them)
            new_row = new_row or any(
                fold(" ".join(w.text for w in ws)).rstrip(":") in TOTALS_WORDS for ws in (gwords, cat) if ws
            )
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
    rows = _split_at_cell_starts(rows, pitch)
    _summary_reach(rows, frame_of)
    return _assign_groups(
        rows,
        group_lines,
        main.split_x,
        main.cat_right,
        pages,
        main.layout,
        pitch,
        warnings,
        {pg: fr.split_x for pg, fr in frames.items()},
        table,
    )
