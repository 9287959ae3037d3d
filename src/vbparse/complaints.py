"""The complaints table: category rows, counts, and groups from vertically merged cells.

A group is the rows its merged cell spans. Ruled tables show the span as the rules that
cross the group column; unruled ones by where each label starts (labels sit at the top
of their cell; rows on a new page before any label continue the group above).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lines import Line, join_cell, line_pitch, split_phrases, unfinished
from .model import ComplaintRow, ParseWarning
from .reading import PageData, Word
from .tables import TableLayout, header_kind, is_header_continuation, rules_between
from .values import parse_count
from .vocab import COUNT_UNITS, fold


@dataclass
class _Row:
    page: int
    top: float
    bottom: float = 0.0
    cat: list[Line] = field(default_factory=list)
    cells: dict[str, list[Word]] = field(default_factory=dict)
    summary: list[Line] = field(default_factory=list)


def _goes_on(cat: list[Word], row: _Row, cat_right: float) -> bool:
    """The row's category goes on in this line: it starts lower case, or the text so far is unfinished."""
    return bool(cat) and (cat[0].text[:1].islower() or unfinished(join_cell(row.cat, cat_right) if row.cat else ""))


def _split_group_column(lines: Sequence[Line], layout: TableLayout, pages: dict[int, PageData]) -> float | None:
    """x where the category column starts: a vertical rule, else the second cluster of line starts."""
    band = layout.band("category")
    if band is None:
        return None
    for ln in lines:
        page = pages[ln.page]
        xs = [r.pos for r in page.vrules if band.text_left + 3 < r.pos < band.right - 3
              and r.start <= ln.top and r.end >= ln.bottom]
        if xs:
            return min(xs)
    starts = sorted({round(ph[0].x0, 1) for ln in lines for ph in split_phrases(ln.words, 0.5)
                     if band.left - 2 <= ph[0].x0 < band.right})
    if len(starts) < 2:
        return None
    # the biggest jump between distinct phrase starts separates group labels from categories
    # (cells are left-aligned: the category column begins where its text begins)
    gaps = [(b - a, b - 2.5) for a, b in itertools.pairwise(starts)]
    size, cut = max(gaps)
    return cut if size > 6 else None


def parse_complaints(
    lines: Sequence[Line], layout: TableLayout, pages: dict[int, PageData], warnings: list[ParseWarning]
) -> list[ComplaintRow]:
    if not lines:
        return []
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
    # the table's own pitch, from its (wrapped) header: body lines of labels and rows
    # stand at different heights, so their gaps are no measure
    hdr = layout.header_lines
    pitch = line_pitch(hdr) if len(hdr) >= 2 else 1.2 * (hdr[0].size if hdr else 10.0)
    has_hrules = {p: any(r.start <= split_x + 2 and r.end >= cat_right - 2 for r in pg.hrules)
                  for p, pg in pages.items()}
    prev: Line | None = None
    last_header: Line | None = None
    for ln in lines:
        ln.used = True
        if header_kind(ln) == "complaint" or (
            last_header is not None and ln.page == last_header.page
            and ln.top - last_header.top <= 1.5 * last_header.size and is_header_continuation(ln, "complaint")
        ):
            last_header = ln  # the header row repeated on a new page
            ln.tags.append("table_header")
            continue
        last_header = None
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
        for w in rest:
            if w.x0 < cat_right:
                continue
            band = layout.band_of(w.x0, w.x1)
            role = band.role if band else "summary"
            if fold(w.text) in COUNT_UNITS:
                role = "unit"
            elif role == "summary" or parse_count(w.text) is None:
                summary.append(w)
                continue
            cells.setdefault(role, []).append(w)
        cur = rows[-1] if rows else None
        new_row = cur is None
        if cur is not None and prev is not None:
            if ln.page != cur.page and ln.page != prev.page:
                new_row = not _goes_on(cat, cur, cat_right)  # top of a new page: a split row continues
            elif has_hrules.get(ln.page):
                new_row = bool(rules_between(pages[ln.page], prev.bottom - 1, ln.top + 1, split_x + 2, cat_right - 2))
            elif ln.top - prev.top > pitch * 1.12 + 0.5:
                new_row = True
            else:
                new_row = not _goes_on(cat, cur, cat_right) and bool(cat) and bool(cur.cells) and bool(cells)
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
    return _assign_groups(rows, group_lines, split_x, cat_right, pages, pitch, layout)


def _assign_groups(
    rows: list[_Row], group_lines: list[Line], split_x: float, cat_right: float,
    pages: dict[int, PageData], pitch: float, layout: TableLayout,
) -> list[ComplaintRow]:
    pad = layout.pad
    cat_start = min((r.cat[0].x0 for r in rows if r.cat), default=split_x)
    label_edge = cat_start - 2 * pad if pad is not None else None
    cat_band = layout.band("category")
    labels = _labels(group_lines, pages, split_x, pitch, label_edge)
    cat_edge = layout.content_right(cat_band) if cat_band else None
    cat_precise = cat_edge is not None
    if cat_edge is None:
        cat_edge = max((ln.x1 for r in rows for ln in r.cat), default=cat_right)
    out: list[ComplaintRow] = []
    current: str | None = None
    for row in rows:
        ruled = [lab for lab in labels if lab.page == row.page and lab.span_top is not None]
        if ruled:
            hit = next((lab for lab in ruled if lab.covers(row)), None)
            if hit is not None:
                current = hit.text
        else:
            # unruled: the last label starting at or above the row (labels sit at the top)
            for lab in labels:
                if (lab.page, lab.top) <= (row.page, row.top + 2):
                    current = lab.text
        cells = row.cells
        counts = {k: parse_count(" ".join(w.text for w in cells.get(k, []))) for k in ("t1", "t2", "vb", "total")}
        unit = " ".join(w.text for w in cells.get("unit", [])) or None
        summary = " ".join(ln.text for ln in row.summary) or None
        out.append(ComplaintRow(
            group=current, category=join_cell(row.cat, cat_edge, cat_precise) if row.cat else "",
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
    span_top: float | None = None  # ruled: the cell's own extent
    span_bottom: float | None = None

    def covers(self, row: _Row) -> bool:
        if self.span_top is None or self.span_bottom is None or row.page != self.page:
            return True
        mid = row.top + 1
        return self.span_top - 1 <= mid <= self.span_bottom + 1


def _labels(group_lines: list[Line], pages: dict[int, PageData], split_x: float, pitch: float,
            label_edge: float | None) -> list[_Label]:
    """Group labels: runs of lines in the group column, split at rules or at gaps."""
    labels: list[_Label] = []
    cur: list[Line] = []
    precise = label_edge is not None
    edge = label_edge if label_edge is not None else max((ln.x1 for ln in group_lines), default=split_x)

    def flush() -> None:
        if not cur:
            return
        # a cell split by a page break: its extent is measured on the page it starts on
        first_page = [x for x in cur if x.page == cur[0].page]
        lab = _Label(cur[0].page, cur[0].top, first_page[-1].bottom, join_cell(cur, edge, precise))
        cross = sorted(r.pos for r in pages[lab.page].hrules if r.start <= split_x - 4)
        above = [y for y in cross if y <= lab.top + 1]
        below = [y for y in cross if y >= lab.bottom - 1]
        if above and below:
            lab.span_top, lab.span_bottom = above[-1], below[0]
        labels.append(lab)
        cur.clear()

    for ln in group_lines:
        if cur:
            prev = cur[-1]
            page = pages[ln.page]
            ruled = any(r.start <= split_x - 4 for r in page.hrules)
            continued = ln.page != prev.page and ln.words[0].text[:1].islower()
            split = not continued and (
                ln.page != prev.page
                or (ruled and bool([r for r in page.hrules if prev.bottom - 1 <= r.pos <= ln.top + 1
                                    and r.start <= split_x - 4]))
                or (not ruled and ln.top - prev.top > pitch * 1.12 + 0.5)
            )
            if split:
                flush()
        cur.append(ln)
    flush()
    return labels
