"""Groups from vertically merged cells: which rows each group label's cell spans."""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass

from ....model import ComplaintRow, ParseWarning
from ....pdf.reading import PageData
from ....values import parse_count
from ....vocab import TOTALS_WORDS, fold
from ...lines import Line, line_pitch, unfinished
from ...provenance import box_of, place_complaint
from ..columns import TableLayout
from ..model import Table
from ..rows import gap_breaks
from .cells import _cell_text, _summary_text, _take_wrapped_unit, known_spacing
from .row import _Row
from .table import fill_table


def _assign_groups(
    rows: list[_Row],
    group_lines: list[Line],
    split_x: float,
    cat_right: float,
    pages: dict[int, PageData],
    layout: TableLayout,
    pitch: float,
    warnings: list[ParseWarning] | None = None,
    page_splits: dict[int, float] | None = None,
    table: Table | None = None,
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
        in_totals = any(
            t.page == r.page and (t.top <= r.mid <= t.bottom or abs(r.top - t.top) <= 1.0) for t in totals
        ) or (in_totals and not r.cat)
        if not in_totals:
            kept.append(r)
    rows = kept
    # a totals row with its label in the category column (and its wrapped counts) is in no
    # group: the labels' cells are measured on the categories' rows alone
    body: list[_Row] = []
    in_totals = False
    for r in rows:
        in_totals = fold(" ".join(ln.text for ln in r.cat)).rstrip(":") in TOTALS_WORDS or (in_totals and not r.cat)
        if not in_totals:
            body.append(r)
    labels = _labels(group_lines, pages, split_x, body, label_edge, pitch, page_splits or {})
    cut, merged = _cut_after(body, group_lines, pages, split_x, page_splits or {})
    of_body = dict(zip(map(id, body), _groups(body, labels, warnings, cut, merged), strict=True))
    groups = [of_body.get(id(r)) for r in rows]
    if table is not None:
        fill_table(table, rows, groups, split_x)
    cat_edge = layout.content_right(cat_band) if cat_band else None
    cat_precise = cat_edge is not None
    cat_room = max((ln.x1 - ln.x0 for r in rows for ln in r.cat), default=0.0)
    if cat_edge is None:
        cat_edge = max((ln.x1 for r in rows for ln in r.cat), default=cat_right)
    out: list[ComplaintRow] = []
    after_totals = False
    for row, group in zip(rows, groups, strict=True):
        category = _cell_text(row.cat, cat_edge, cat_precise, cat_room, row.cat_whole) if row.cat else ""
        if fold(category).rstrip(":") in TOTALS_WORDS or (after_totals and not row.cat):
            after_totals = True  # a totals row sums the categories (its wrapped counts with it)
            continue
        after_totals = False
        _take_wrapped_unit(row)
        cells = row.cells
        counts = {k: parse_count(" ".join(w.text for w in cells.get(k, []))) for k in ("t1", "t2", "vb", "total")}
        unit = " ".join(w.text for w in cells.get("unit", [])) or None
        # prose: lines meet at a space, or with none after a dash or slash ending a line
        # ("resultat–" "analys") or inside a word too long for the column (_summary_text)
        summary = _summary_text(row) if row.summary else None
        out.append(
            ComplaintRow(
                group=group,
                category=category,
                t1=counts["t1"],
                t2=counts["t2"],
                vb=counts["vb"],
                total=counts["total"],
                unit=unit,
                summary=summary,
                page=row.page,
            )
        )
        place_complaint(out[-1], [*row.cat, *row.summary, *(w for ws in cells.values() for w in ws)])
    return [r for r in out if r.category or any(v is not None for v in (r.t1, r.t2, r.vb, r.total))]


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


def _cut_after(
    rows: list[_Row], group_lines: list[Line], pages: dict[int, PageData], split_x: float, page_splits: dict[int, float]
) -> tuple[set[int], bool]:
    """Rows (by index) with a rule across the group column between them and the next row
    on their page: no group cell runs on over it (a cell merged over rows has no rule
    across it between them). And whether the table shows such merged cells: a rule
    between two rows that stops at the group column's edge."""
    if not group_lines:
        return set(), False
    left = min(ln.x0 for ln in group_lines) - 0.5
    across: dict[int, list[float]] = {}
    short: dict[int, list[float]] = {}
    for pg in {r.page for r in rows}:
        split = page_splits.get(pg, split_x)
        reach = min((left + split) / 2, split - 1)  # a rule starting left of this crosses the group column
        across[pg] = [r.pos for r in pages[pg].hrules if r.start < reach and r.end >= split]
        short[pg] = [r.pos for r in pages[pg].hrules if reach <= r.start <= split + 2 and r.end > split + 2]

    def between(ys: dict[int, list[float]]) -> set[int]:
        # below the upper row's middle, not only its text's foot: a producer may set the
        # text of rows packed tight a point or two past the rule under them (no rule runs
        # through a row's lines: rows are cut at rules)
        return {
            i
            for i, (a, b) in enumerate(itertools.pairwise(rows))
            if a.end_page == b.page
            and any(
                min(a.bottom - 1, a.mid if a.page == b.page else a.bottom - 1) < y <= b.top + 1
                for y in ys.get(b.page, [])
            )
        }

    return between(across), bool(between(short))


def _row_box(row: _Row) -> list[float] | None:
    """Where a complaint row stands on its first page: its category, counts and summary."""
    return box_of([*row.cat, *(w for ws in row.cells.values() for w in ws), *row.summary], row.page)


def _groups(
    rows: list[_Row],
    labels: list[_Label],
    warnings: list[ParseWarning] | None = None,
    cut_after: set[int] | None = None,
    merged_cells: bool = False,
) -> list[str | None]:
    """Each row's group: by the ruled cells on pages where every label's cell is closed by
    rules, by the labels' alignment elsewhere; rows before a page's first group continue
    the group above. `merged_cells`: the table's rules skip the group column between rows
    of one group (then a rule across it ends the group above it)."""
    ruled_pages = {lab.page for lab in labels} - {lab.page for lab in labels if not lab.ruled}
    doubt: list[_Row] = []
    loose: list[_Row] = []
    owner = _owners_by_alignment(
        [r for r in rows if r.page not in ruled_pages],
        [lab for lab in labels if lab.page not in ruled_pages],
        doubt,
        loose,
        {id(rows[i]) for i in cut_after or ()},
    )
    _stop_at_ruled_pages(rows, owner, ruled_pages)
    if doubt and warnings is not None:
        warnings.append(
            ParseWarning(
                code="complaint_groups_ambiguous",
                page=doubt[0].page,
                box=_row_box(doubt[0]),
                message=f"complaint group labels fit more than one alignment in their merged cells; the rows "
                f"from y={doubt[0].top:.0f} on may belong to another group than the one given",
            )
        )
    elif loose and warnings is not None:
        warnings.append(
            ParseWarning(
                code="complaint_groups_ambiguous",
                page=loose[0].page,
                box=_row_box(loose[0]),
                message=f"no group label's cell settles the group of the complaint row at y={loose[0].top:.0f} "
                f"(no rule between the rows, no label beside it): the group given to it and the rows "
                f"after it is a guess",
            )
        )
    out: list[str | None] = []
    current: str | None = None
    # a table whose labels' cells are merged over rows leaves a row in no group as an empty
    # cell of its own; where every label's cell is one row, the label is printed on its
    # group's first row only and the empty cells below go on with it
    merged = any(sum(1 for r in rows if lab.covers(r)) >= 2 for lab in labels if lab.page in ruled_pages)
    hits: list[_Label | None] = []
    foot: list[int] = []  # rows below a page's last closed cell, the table going on overleaf
    for i, row in enumerate(rows):
        if row.page in ruled_pages:
            hit = next((lab for lab in labels if lab.covers(row)), None)
            # between closed cells, or below the last one: an empty group cell (at a
            # page's foot it may be the first part of a cell whose label is printed in a
            # later part: that cell, open at its top, reaches back to it)
            here = [lab for lab in labels if lab.page == row.page]
            # (or below a rule across the group column under a row of this page: a closed
            # cell above it, labelled or not; a cell going on from the page before ends
            # at the page's first such rule)
            below_closed = any(lab.span_bottom <= row.mid for lab in here) or (
                i > 0 and rows[i - 1].page == row.page and i - 1 in (cut_after or ())
            )
            if hit is None and merged and below_closed:
                if row.page == rows[-1].page or any(lab.mid > row.mid for lab in here):
                    hit = _NO_GROUP
                else:
                    foot.append(i)
        else:
            hit = owner.get(id(row))
        hits.append(hit)
    _open_cells_reach_back(rows, labels, hits, ruled_pages, cut_after or set())
    cut, at_foot = cut_after or set(), set(foot)

    def merged_on(i: int) -> bool:  # row i and row i + 1 share a group cell: no rule between
        return i + 1 < len(rows) and rows[i].page == rows[i + 1].page and i not in cut and hits[i + 1] is None

    for i in foot:
        # merged with the rows next to it in no cell of their own (down the page's foot, or
        # overleaf above the next label's cell), no rule across the group column between
        # them: one cell, cut from the one above at the page break (go on with it); a row
        # in a cell of its own there is an empty cell: no group
        last_on_page = i + 1 >= len(rows) or rows[i + 1].page != rows[i].page
        merged_cell = (
            merged_on(i)
            or (i - 1 in at_foot and merged_on(i - 1))
            or (last_on_page and i + 1 < len(rows) and hits[i + 1] is None and merged_on(i + 1))
        )
        if hits[i] is None and not merged_cell:
            hits[i] = _NO_GROUP
    if merged_cells:
        _cut_runs_at_rules(rows, hits, ruled_pages, cut_after or set())
    if not merged and warnings is not None and not doubt and not loose:
        _warn_empty_cells(rows, hits, ruled_pages, cut, warnings)
    for hit in hits:
        if hit is _NO_GROUP:
            current = None
        elif hit is not None:
            current = hit.text
        out.append(current)
    return out


def _warn_empty_cells(
    rows: list[_Row],
    hits: list[_Label | None],
    ruled_pages: set[int],
    cut_after: set[int],
    warnings: list[ParseWarning],
) -> None:
    """Every label's ruled cell is one row, and a row below one stands in a closed cell of
    its own (a rule across the group column above it; on this page or one with no label)
    with no label: an empty cell. Its
    label may be printed on its group's first row only (the cells not merged), or the row
    is in no group; the rules draw both alike. It goes on with the label above; say so."""
    seen = False
    for i, (row, hit) in enumerate(zip(rows, hits, strict=True)):
        if hit is not None:
            seen = hit is not _NO_GROUP
        elif seen and ruled_pages and i - 1 in cut_after:
            warnings.append(
                ParseWarning(
                    code="complaint_groups_ambiguous",
                    page=row.page,
                    box=_row_box(row),
                    message=f"the complaint row at y={row.top:.0f} stands in an empty group cell of its own (every "
                    f"label's cell is one row): it is given the group above, as if that label were printed "
                    f"on its group's first row only, but it may be in no group",
                )
            )
            return


def _cut_runs_at_rules(rows: list[_Row], hits: list[_Label | None], ruled_pages: set[int], cut_after: set[int]) -> None:
    """In a table whose rules skip the group column between rows of one group, a rule
    across it closes the cell above: where the group above (a label's run by alignment,
    or rows going on with it, on pages of no ruled cell) goes on below such a rule, its
    label above it, the rows below are a cell of their own with no label: no group."""
    for i in sorted(cut_after):
        j = i + 1
        if j >= len(rows) or rows[j].page in ruled_pages:
            continue
        lab, row = hits[j], rows[j]
        if lab is _NO_GROUP or (lab is not None and (lab.page, lab.top) >= (row.page, row.top - 1.0)):
            continue  # in no group already, or its label stands at or below the rule
        k = j
        while k < len(rows) and hits[k] in (lab, None) and rows[k].page not in ruled_pages:
            hits[k] = _NO_GROUP
            k += 1


def _stop_at_ruled_pages(rows: list[_Row], owner: dict[int, _Label], ruled_pages: set[int]) -> None:
    """No label's run reaches over a page whose group cells are closed by rules: there the
    rules decide which rows each cell holds, and a run over it would skip that page's
    cells (rows below them, in no cell of their own, go on with the page's last cell)."""
    part: dict[int, int] = {}  # page -> the stretch of unruled pages it lies in
    k = 0
    for pg in sorted({r.page for r in rows}):
        if pg in ruled_pages:
            k += 1
        part[pg] = k
    for r in rows:
        lab = owner.get(id(r))
        if lab is not None and lab is not _NO_GROUP and part.get(lab.page, part[r.page]) != part[r.page]:
            del owner[id(r)]


def _centred(lab: _Label, rows: list[_Row]) -> bool:
    """The label stands in the middle of its cell's part between the rules around it: level
    with the middle of what the part holds (its rows' text and the label itself). Measured
    on the text, not the rules: the cells' padding (and a paragraph's space after, which
    the label's cell has as the rows' cells do) moves the label and the rows alike."""
    if not math.isfinite(lab.span_bottom):
        return False
    inside = [r for r in rows if lab.covers(r)]
    top = min([lab.top, *(r.top for r in inside)])
    bottom = max([lab.bottom, *(r.bottom for r in inside)])
    return abs(lab.mid - (top + bottom) / 2) <= 1.0


def _open_cells_reach_back(
    rows: list[_Row], labels: list[_Label], hits: list[_Label | None], ruled_pages: set[int], cut_after: set[int]
) -> None:
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
            nxt = (
                h
                if h is not _NO_GROUP
                and h.page in ruled_pages
                and h.span_top < first_mid[h.page] < h.top
                and not _centred(h, rows)
                else None
            )
        elif i in cut_after:  # a rule across the group column below the row: the open cell began below it
            nxt = None
        elif nxt is not None and rows[i].mid > foot.get(rows[i].page, -math.inf) and closed[i]:
            hits[i] = nxt


_ORPHAN = 0.01  # a row in no group's cell: a little, so a label's run takes every row that does not move it
# a row in no group below a label's run: with no rule across the group column nothing
# shows where such a group would begin, so a run takes it unless that moves its label a point
_GAP = 1.0


_SPLIT_TOP = 1.0  # a label printed at the top of a cell split by a page break, whatever its alignment


_CROSS = {"forward": 0.001, "back": 0.002}  # a run reaching over a page break into the next / previous page

# the labels' alignment in their cells, and whether a cell split by a page break prints
# its label at the top of its first part whatever that alignment (as browsers do): both
# are one choice per table, made by the producer, so every label is scored under the same pair
_ALIGNMENTS = (("top", False), ("center", False), ("bottom", False), ("center", True), ("bottom", True))


def _owners_by_alignment(
    rows: list[_Row],
    labels: list[_Label],
    doubt: list[_Row] | None = None,
    loose: list[_Row] | None = None,
    ruled_below: set[int] | None = None,
) -> dict[int, _Label]:
    """Split the table's rows into runs, one per label in order, so labels sit alike in their runs.

    The alignment (top, centre, bottom) that fits every label best wins, rows in no run
    counting a little each; a tie goes to top, Word's default. A run may cross a page
    break: a top-aligned label is printed in its cell's first part, so its run goes on
    over the pages below; a bottom-aligned one in its last part, so its run reaches back
    over the pages above (or goes on below when its part reaches the page's foot); a
    centred one either way. Rows in no run belong to no group. When alignments fitting
    alike group the rows differently, the first row they disagree on goes to `doubt`.
    The first row the labels leave unsettled goes to `loose`: one in no run (above the
    first label, or beyond what the labels' alignment covers), or, where one label is all
    there is, one of its run it does not stand beside (a single label shows no alignment:
    the rows above or below it may be a group with no label), or the first row two runs
    could trade at no cost (`_unsettled_boundary`; rows by id in `ruled_below` have a rule
    across the group column under them: no run goes on over it)."""
    span: dict[int, tuple[int, int]] = {}
    for i, row in enumerate(rows):
        a, _ = span.get(row.page, (i, i))
        span[row.page] = (a, i)
    labs = [lab for lab in labels if lab.page in span]
    if not labs:
        return {}
    fits = []
    for align, first_top in _ALIGNMENTS:
        cost, owner = _runs(rows, labs, span, align, first_top)
        orphans = sum(1 for row in rows if owner.get(id(row), _NO_GROUP) is _NO_GROUP)
        unmarked = sum(1 for row in rows if owner.get(id(row)) is _NO_GROUP)  # below a run, in none
        fits.append((cost - _ORPHAN * (orphans - unmarked), orphans, owner, align, unmarked, first_top))
    # labels fitting alike (within half a point): the fewest rows in no group below a
    # label's run (with no rule across the group column, nothing shows where such an
    # unlabelled group would begin; rows above the first label show it: the label opens
    # its group); then the most labels flush with their runs' edges (set on the first
    # row's baseline, ending on the last row's; counted over the labels whose runs stay on
    # their page in every such fit), then the fewest rows in no group; then the least
    # cost: runs crossing fewer page breaks, forward (a label printed in its cell's first
    # part, as most producers do) before back
    least = min(f[0] for f in fits)
    if least == math.inf:
        return {}
    alike = [f for f in fits if f[0] < least + 0.5]
    eligible = set.intersection(*(_on_own_page(rows, labs, f[2]) for f in alike))
    best = min(alike, key=lambda f: (f[4], -_snapped(rows, labs, f[2], f[3], eligible), f[1], f[0]))
    if loose is not None:
        owner = best[2]
        out = [r for r in rows if owner.get(id(r), _NO_GROUP) is _NO_GROUP]
        if len(labs) == 1:  # rows of its run the label does not stand beside
            lab = labs[0]
            out += [
                r
                for r in rows
                if owner.get(id(r)) is lab and not (r.page == lab.page and r.top < lab.bottom and r.bottom > lab.top)
            ]
        if out:
            order = {id(r): i for i, r in enumerate(rows)}
            loose.append(min(out, key=lambda r: order[id(r)]))
        else:
            # a run taken to begin at a page's first row, its label not beside it: only the
            # page break marks that start (a group cut by it may go on over more rows)
            for a, b in itertools.pairwise(rows):
                lab = owner.get(id(b))
                if (
                    b.page != a.page
                    and lab is not None
                    and lab is not _NO_GROUP
                    and owner.get(id(a)) is not lab
                    and not (b.page == lab.page and b.top < lab.bottom and b.bottom > lab.top)
                ):
                    loose.append(b)
                    break
            else:
                moved = _unsettled_boundary(rows, labs, owner, span, best[3], best[5], ruled_below or set())
                if moved is not None:
                    loose.append(moved)
    if doubt is not None:
        for f in alike:
            differ = [r for r in rows if f[4] == best[4] and f[2].get(id(r)) is not best[2].get(id(r))]
            if differ:
                doubt.append(differ[0])
                break
    return best[2]


def _unsettled_boundary(
    rows: list[_Row],
    labs: list[_Label],
    owner: dict[int, _Label],
    span: dict[int, tuple[int, int]],
    align: str,
    first_top: bool,
    ruled_below: set[int],
) -> _Row | None:
    """The first row where two runs meet with nothing to settle which is its: no rule
    between them, and moving their boundary a row either way fits the labels as well (to
    half a point). So it is where a cell split by a page break, its label printed in the
    part above, meets a cell whose label stands at its foot: nothing on the page shows
    where the one ends and the other begins."""
    overlaps = [max(0.0, a.bottom - b.top) for a, b in itertools.pairwise(rows) if a.page == b.page]
    slack = statistics.median(overlaps) if overlaps else 0.0
    runs: list[list] = []  # [label, first row, last row]
    for i, r in enumerate(rows):
        lab = owner.get(id(r))
        if lab is None or lab is _NO_GROUP:
            continue
        if runs and runs[-1][0] is lab and runs[-1][2] == i - 1:
            runs[-1][2] = i
        else:
            runs.append([lab, i, i])

    def cost(la: _Label, sa: int, e: int, lb: _Label, eb: int) -> float:
        return _run_cost(rows, la, sa, e, *span[la.page], align, first_top, slack) + _run_cost(
            rows, lb, e + 1, eb, *span[lb.page], align, first_top, slack
        )

    for (la, sa, ea), (lb, sb, eb) in itertools.pairwise(runs):
        if sb != ea + 1 or id(rows[ea]) in ruled_below:
            continue
        now = cost(la, sa, ea, lb, eb)
        for e in (ea - 1, ea + 1):
            if sa <= e < eb and id(rows[e]) not in ruled_below and cost(la, sa, e, lb, eb) < now + 0.5:
                return rows[min(e, ea) + 1]
    return None


def _snapped(rows: list[_Row], labs: list[_Label], owner: dict[int, _Label], align: str, eligible: set[int]) -> int:
    """Labels standing flush with their run as the alignment sets them: top with the first
    row's top, bottom with the last row's bottom, centred on the run's middle (to half a
    point). A label may sit anywhere in a row taller than itself, so a cost of zero shows
    no alignment; a label set on its row's own baseline does. Only `eligible` labels count
    (their runs on their own page: a producer may print a split cell's label at the top
    of any part)."""
    n = 0
    for lab in labs:
        if id(lab) not in eligible:
            continue
        part = [r for r in rows if owner.get(id(r)) is lab]
        if not part:
            continue
        top, bottom = part[0].top, part[-1].bottom
        if align == "top":
            n += abs(lab.top - top) <= 0.5
        elif align == "bottom":
            n += abs(lab.bottom - bottom) <= 0.5
        else:
            n += abs(lab.mid - (top + bottom) / 2) <= 0.5
    return n


def _on_own_page(rows: list[_Row], labs: list[_Label], owner: dict[int, _Label]) -> set[int]:
    """The labels whose runs lie wholly on their own page."""
    out = {id(lab) for lab in labs}
    for r in rows:
        lab = owner.get(id(r))
        if lab is not None and r.page != lab.page:
            out.discard(id(lab))
    return out


def _run_cost(
    rows: list[_Row],
    lab: _Label,
    s: int,
    e: int,
    pa: int,
    pb: int,
    align: str,
    first_top: bool = False,
    slack: float = 0.0,
) -> float:
    """How far the label stands from where `align` puts it in a cell over rows s..e (its
    page's rows are pa..pb); with `first_top`, a cell split by a page break has its label
    at the top of its first part, and one of a single row at its top. `slack`: how far the
    table's rows overlap their neighbours (set at a pitch under their text's height): a
    label, set alike, overlaps its neighbours' rows as far."""
    ps, pe = max(s, pa), min(e, pb)
    if ps > pe or ((align == "top" or first_top) and s < pa):  # printed in the cell's first part
        return math.inf
    # a label taller than its rows' text sets the cell's height itself: it may reach past
    # the text of its first (last) row, never into the row before (after) its run
    # (rows set closer than their text's height overlap: the row before ends where this one begins)
    before = min(rows[ps - 1].bottom, rows[ps].top) if ps > pa else -math.inf
    after = max(rows[pe + 1].top, rows[pe].bottom) if pe < pb else math.inf
    before, after = before - slack, after + slack
    c = max(0.0, before - lab.top) + max(0.0, lab.bottom - after)
    first, last, height = rows[ps], rows[pe], lab.bottom - lab.top
    # at the top: no lower than the first row's text; at the bottom: no higher than the
    # last row's text, or in the last row from its top (a label printed in the last row
    # of an open region)
    top = max(0.0, lab.top - first.top)
    if align != "top" and lab.top < last.top - 1.0 and lab.bottom > last.bottom + 1.0:
        # a label over more than its last row, reaching past all that row's text, set its
        # cell's height: the cell begins where the label does, not rows above it
        c += max(0.0, lab.top - first.top)
    if align == "top":
        c += top
    elif align == "bottom":
        c += max(0.0, min(last.bottom, last.top + height) - lab.bottom)
    else:
        c += abs((min(first.top, lab.top) + max(last.bottom, lab.bottom)) / 2 - lab.mid)
    if align != "top" and e > pb and s >= pa:
        # a cell going on over the page break may print its label at the top of its first part
        c = max(0.0, before - lab.top) + top if first_top else min(c, max(0.0, before - lab.top) + top + _SPLIT_TOP)
    elif first_top and s == e and align != "top":
        # a cell of one row is merged with none: such a producer sets its label at the top too
        c = min(c, max(0.0, before - lab.top) + max(0.0, lab.bottom - after) + top)
    elif first_top and e == len(rows) - 1 and align != "top":
        # the table's last run, open below as a cell's part cut by a page break is: such a
        # producer prints its label at the top of its first row, as in that part
        c = min(c, max(0.0, before - lab.top) + max(0.0, lab.bottom - after) + top)
    return c + _CROSS["back"] * (ps - s) + _CROSS["forward"] * (e - pe)


def _runs(
    rows: list[_Row], labs: list[_Label], span: dict[int, tuple[int, int]], align: str, first_top: bool = False
) -> tuple[float, dict[int, _Label]]:
    n, k = len(rows), len(labs)
    inf = math.inf
    overlaps = [max(0.0, a.bottom - b.top) for a, b in itertools.pairwise(rows) if a.page == b.page]
    slack = statistics.median(overlaps) if overlaps else 0.0
    # best[j][s]: cost of placing labels j.. on rows s..; a row may stay in no run
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    choice: list[list[int | None]] = [[None] * (n + 1) for _ in range(k + 1)]
    for s in range(n + 1):
        best[k][s] = (_GAP if k else _ORPHAN) * (n - s)
    for j in range(k - 1, -1, -1):
        pa, pb = span[labs[j].page]
        hi = span[labs[j + 1].page][1] if j + 1 < k else n - 1  # the next label's run needs a row on its page
        for s in range(min(n - 1, pb), -1, -1):
            b, ch = (_GAP if j else _ORPHAN) + best[j][s + 1], None
            for e in range(max(s, pa), hi + 1):
                rest = best[j + 1][e + 1]
                if rest == inf or rest >= b:
                    continue
                c = _run_cost(rows, labs[j], s, e, pa, pb, align, first_top, slack) + rest
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
    """Two labels set at line pitch (no padding, no rule between): after a finished
    question, a line opening with a capitalised word (not an acronym) or a number; after a
    finished sentence, one opening with a capitalised word; after other finished text, one
    opening with a capitalised word with its top level with a row's top (a label starts
    its group's row)."""
    first = ln.words[0].text
    text = " ".join(x.text for x in cur).rstrip()
    if text.endswith("?") and first[:1].isdigit():
        return True  # a finished question, then a line opening with a number: no word goes on
    if not (first[:1].isupper() and any(c.islower() for c in first[1:])):
        return False
    if text.endswith(("?", ".")):
        return True
    return not unfinished(text) and any(r.page == ln.page and abs(r.top - ln.top) <= 0.75 for r in rows)


def _labels(
    group_lines: list[Line],
    pages: dict[int, PageData],
    split_x: float,
    rows: list[_Row],
    label_edge: float | None,
    row_pitch: float,
    page_splits: dict[int, float] | None = None,
) -> list[_Label]:
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
    lefts = {pg: min((ln.x0 for ln in group_lines if ln.page == pg), default=x) - 0.5 for pg, x in page_splits.items()}
    room = max((ln.x1 - ln.x0 for ln in main_lines or group_lines), default=0.0)

    def crossing(page: int) -> list[float]:
        # a rule across the group column starts left of its middle (at the table's edge, or
        # a little inside it where a producer insets its cells' borders); one under a
        # category cell starts at that cell's edge
        left, split = lefts.get(page, text_left), page_splits.get(page, split_x)
        return sorted(r.pos for r in pages[page].hrules if r.start < (left + split) / 2 and r.end >= split)

    def flush() -> None:
        if not cur:
            return
        # a cell split by a page break: its extent is measured on the page it starts on
        first_page = [x for x in cur if x.page == cur[0].page]
        text = known_spacing(_cell_text(cur, edge, precise, room))
        lab = _Label(cur[0].page, cur[0].top, first_page[-1].bottom, text)
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
    table_ruled = any(lab.ruled for lab in labels)
    for lab in labels:
        alone = not any(b.page == lab.page for b in labels if b is not lab)
        if not lab.ruled and alone and math.isfinite(lab.span_top):
            # alone on its page: ruled when the rows themselves are (a rule between two rows),
            # or when the table rules its group cells elsewhere and this one's runs from its
            # rule to the page's foot (a merged cell cut by the page break: its closing rule
            # is overleaf, and no other cell stands below it on this page)
            mids = sorted(r.mid for r in rows if r.page == lab.page)
            lab.ruled = (
                math.isfinite(lab.span_bottom)
                or table_ruled
                or any(a < y < b for y in crossing(lab.page) for a, b in itertools.pairwise(mids))
            )
    return labels
