"""The complaints table: category rows, counts, and groups from vertically merged cells.

A group is the rows its merged cell spans. Where rules cross the group column between
every two labels, a label's rows are those between the rules around it (a cell cut by a
page break runs to the page's foot). Elsewhere the label's alignment in its cell is
found from the geometry: the rows are split into runs so that each label stands at the
top, the centre or the bottom of its run, whichever fits all labels best; a label
printed on its group's first row only is the top case. Rows at the top of a page before
any label continue the group above. A totals row ("Totalt", "Summa") is no category.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lines import Line, join_cell, line_pitch, smallest_recurring, unfinished
from ..model import ComplaintRow, ParseWarning
from ..reading import PageData, Word
from ..values import parse_count
from ..vocab import COUNT_UNITS, TOTALS_WORDS, fold
from .columns import TableLayout
from .rows import RowEvidence, gap_breaks, table_pitch


@dataclass
class _Row:
    page: int
    top: float
    bottom: float = 0.0
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


def _split_group_column(lines: Sequence[Line], layout: TableLayout, pages: dict[int, PageData]) -> float | None:
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
            return min(xs)
    words = [w for ln in lines for w in ln.words if w.x0 < band.right]
    starts = sorted({round(w.x0, 1) for w in words})[1:]  # a column's text starts at a word's left edge
    best: tuple[int, int, float] | None = None
    for x in starts:
        cut = x - 0.3
        crossing = sum(1 for w in words if w.x0 < cut < w.x1)
        split = sum(1 for ln in lines if any(w.x1 <= cut for w in ln.words)
                    and any(cut <= w.x0 < band.right for w in ln.words))
        key = (-crossing, split, -x)
        if best is None or key > best:
            best = key
    # the boundary separates label and category words on many lines and crosses (almost) none
    if best is None or best[1] < 1 or -best[0] > 0.02 * len(words):
        return None
    return -best[2] - 0.3


def parse_complaints(
    lines: Sequence[Line], layout: TableLayout, evidence: RowEvidence, warnings: list[ParseWarning]
) -> list[ComplaintRow]:
    if not lines:
        return []
    pages = evidence.pages
    split_x = _split_group_column(lines, layout, pages)
    if split_x is None:
        warnings.append(ParseWarning(code="complaint_groups_unknown",
                                     message="could not find the group column of the complaints table",
                                     page=lines[0].page))
        split_x = layout.bands[0].left
    cat_band = layout.band("category")
    cat_right = cat_band.right if cat_band else split_x + 100
    group_lines: list[Line] = []
    rows: list[_Row] = []
    # the table's own pitch: from its category lines, else its (wrapped) header
    hdr = layout.header_lines
    size = hdr[0].size if hdr else 10.0
    indexed = [(i, ln.subline(ws)) for i, ln in enumerate(lines)
               if (ws := [w for w in ln.words if w.x0 >= split_x - 1])]
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
    # off the rows' baselines); spacing recurs between rows, one odd gap is chance
    gapped = sum(1 for (i, a), (j, b) in itertools.pairwise(indexed)
                 if i + 1 == j and a.page == b.page and gap_breaks(a, b, pitch)) >= 2
    prev: Line | None = None
    for ln in lines:
        ln.used = True
        gwords = [w for w in ln.words if w.x0 < split_x - 1]
        rest = [w for w in ln.words if w.x0 >= split_x - 1]
        if gwords:
            group_lines.append(ln.subline(gwords))
        if not rest:
            continue
        # the row part of the line on its own: group labels may sit at another height
        ln = ln.subline(rest)
        cat = [w for w in rest if w.x0 < cat_right]
        cells: dict[str, list[Word]] = {}
        summary: list[Word] = []
        for w in layout.split_glued(rest):  # words glued across a column rule: cut there
            if w.x0 < cat_right:
                continue
            band = layout.band_of(w.x0, w.x1)
            role = band.role if band else "summary"
            if fold(w.text) in COUNT_UNITS and not summary and cells:
                role = "unit"  # a unit follows its counts, before the summary's text
            elif role == "summary" or parse_count(w.text) is None:
                summary.append(w)
                continue
            cells.setdefault(role, []).append(w)
        cur = rows[-1] if rows else None
        new_row = cur is None
        if cur is not None and prev is not None:
            if ln.page != cur.page and ln.page != prev.page:
                new_row = not _goes_on(cat, cur, cat_right)  # top of a new page: a split row continues
            elif evidence.has_edges(ln.page, split_x + 2, cat_right - 2):
                new_row = evidence.edge_between(prev, ln, split_x + 2, cat_right - 2)
            elif gap_breaks(prev, ln, pitch):
                new_row = True
            elif not gapped:  # no edge, no gap anywhere: a finished category followed by a new one
                new_row = bool(cat) and not _goes_on(cat, cur, cat_right)
            else:
                new_row = False
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
        cur.bottom = ln.bottom
        prev = ln
    return _assign_groups(rows, group_lines, split_x, cat_right, pages, layout, pitch)


def _assign_groups(
    rows: list[_Row], group_lines: list[Line], split_x: float, cat_right: float,
    pages: dict[int, PageData], layout: TableLayout, pitch: float,
) -> list[ComplaintRow]:
    pad = layout.pad
    cat_start = min((r.cat[0].x0 for r in rows if r.cat), default=split_x)
    label_edge = cat_start - 2 * pad if pad is not None else None
    cat_band = layout.band("category")
    # a totals row's label may stand in the group column: that row is no category
    totals = [ln for ln in group_lines if fold(ln.text).rstrip(":") in TOTALS_WORDS]
    group_lines = [ln for ln in group_lines if ln not in totals]
    rows = [r for r in rows if not any(t.page == r.page and t.top <= r.mid <= t.bottom for t in totals)]
    labels = _labels(group_lines, pages, split_x, rows, label_edge, pitch)
    groups = _groups(rows, labels)
    cat_edge = layout.content_right(cat_band) if cat_band else None
    cat_precise = cat_edge is not None
    if cat_edge is None:
        cat_edge = max((ln.x1 for r in rows for ln in r.cat), default=cat_right)
    out: list[ComplaintRow] = []
    for row, group in zip(rows, groups, strict=True):
        category = join_cell(row.cat, cat_edge, cat_precise) if row.cat else ""
        if fold(category).rstrip(":") in TOTALS_WORDS:
            continue  # a totals row sums the categories; it is none of them
        cells = row.cells
        counts = {k: parse_count(" ".join(w.text for w in cells.get(k, []))) for k in ("t1", "t2", "vb", "total")}
        unit = " ".join(w.text for w in cells.get("unit", [])) or None
        summary = " ".join(ln.text for ln in row.summary) or None
        out.append(ComplaintRow(
            group=group, category=category,
            t1=counts["t1"], t2=counts["t2"], vb=counts["vb"], total=counts["total"],
            unit=unit, summary=summary, page=row.page,
        ))
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


def _groups(rows: list[_Row], labels: list[_Label]) -> list[str | None]:
    """Each row's group: by the ruled cells on pages where every label's cell is closed by
    rules, by the labels' alignment elsewhere; rows before a page's first group continue
    the group above."""
    ruled_pages = {lab.page for lab in labels} - {lab.page for lab in labels if not lab.ruled}
    owner = _owners_by_alignment([r for r in rows if r.page not in ruled_pages],
                                 [lab for lab in labels if lab.page not in ruled_pages])
    out: list[str | None] = []
    current: str | None = None
    for row in rows:
        hit = next((lab for lab in labels if lab.covers(row)), None) if row.page in ruled_pages else owner.get(id(row))
        if hit is _NO_GROUP:
            current = None
        elif hit is not None:
            current = hit.text
        out.append(current)
    return out


_ALIGN_COST = {
    "top": lambda run, lab: abs(run[0].top - lab.top),
    # a label taller than its rows' text sets the cell's height itself
    "center": lambda run, lab: abs((min(run[0].top, lab.top) + max(run[-1].bottom, lab.bottom)) / 2 - lab.mid),
    "bottom": lambda run, lab: abs(run[-1].bottom - lab.bottom),
}


def _owners_by_alignment(rows: list[_Row], labels: list[_Label]) -> dict[int, _Label]:
    """Split each page's rows into runs, one per label, so labels sit alike in their runs.

    The alignment (top, centre, bottom) that fits every label best wins; a tie goes to
    top, Word's default. Rows before a page's first run belong to no label here."""
    by_page: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_page.setdefault(row.page, []).append(i)
    first_page = min(by_page, default=0)
    best: tuple[float, dict[int, _Label]] | None = None
    for align in ("top", "center", "bottom"):
        cost, owner = 0.0, {}
        for page, idx in by_page.items():
            labs = [lab for lab in labels if lab.page == page]
            c, runs = _split(rows, idx, labs, _ALIGN_COST[align], lead=1.0 if page == first_page else 0.01)
            cost += c
            for lab, (s, e) in zip(labs, runs, strict=True):
                for i in idx[s:e + 1]:
                    owner[id(rows[i])] = lab
            if runs and runs[-1][1] >= 0:
                for i in idx[runs[-1][1] + 1:]:
                    owner[id(rows[i])] = _NO_GROUP
        if best is None or cost < best[0] - 0.5:
            best = (cost, owner)
    return best[1] if best else {}


def _split(rows: list[_Row], idx: list[int], labs: list[_Label], cost,  # type: ignore[no-untyped-def]
           lead: float = 0.01) -> tuple[float, list[tuple[int, int]]]:
    """Cheapest split of a page's rows into a leading run, one run per label in order, and
    a trailing run of rows in no group's cell."""
    n, k = len(idx), len(labs)
    if k == 0:
        return 0.0, []
    if n < k:
        return math.inf, [(0, -1)] * k
    page_rows = [rows[i] for i in idx]
    # best[j][e]: cost of runs for labels j.. starting exactly at row e
    inf = math.inf
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    choice = [[0] * (n + 1) for _ in range(k + 1)]
    for e in range(n + 1):  # rows after the last label's run belong to no group (a small cost)
        best[k][e] = 0.01 * (n - e)
    for j in range(k - 1, -1, -1):
        for s in range(n - 1, -1, -1):
            for e in range(s, n):
                rest = best[j + 1][e + 1]
                if rest == inf:
                    continue
                c = cost(page_rows[s:e + 1], labs[j]) + rest
                if c < best[j][s]:
                    best[j][s], choice[j][s] = c, e
    # leading rows continue the group above: a little cost each, so a tie keeps them in a
    # run; on the table's first page there is no group above them
    start = min(range(n), key=lambda s: best[0][s] + lead * s)
    runs: list[tuple[int, int]] = []
    s = start
    for j in range(k):
        e = choice[j][s]
        runs.append((s, e))
        s = e + 1
    return best[0][start] + lead * start, runs


def _labels(group_lines: list[Line], pages: dict[int, PageData], split_x: float, rows: list[_Row],
            label_edge: float | None, row_pitch: float) -> list[_Label]:
    """Group labels: runs of lines in the group column, split at rules or where a new label starts."""
    labels: list[_Label] = []
    cur: list[Line] = []
    precise = label_edge is not None
    edge = label_edge if label_edge is not None else max((ln.x1 for ln in group_lines), default=split_x)
    # the table's own pitch: labels of one line each show none of their own
    pitch = min(row_pitch, line_pitch(group_lines)) if len(group_lines) >= 2 else row_pitch

    text_left = min((ln.x0 for ln in group_lines), default=split_x) - 0.5

    def crossing(page: int) -> list[float]:
        # a rule across the group column starts left of every label (at the table's edge);
        # one under a category cell starts at that cell's edge
        return sorted(r.pos for r in pages[page].hrules if r.start < text_left and r.end >= split_x)

    def flush() -> None:
        if not cur:
            return
        # a cell split by a page break: its extent is measured on the page it starts on
        first_page = [x for x in cur if x.page == cur[0].page]
        lab = _Label(cur[0].page, cur[0].top, first_page[-1].bottom, join_cell(cur, edge, precise))
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
