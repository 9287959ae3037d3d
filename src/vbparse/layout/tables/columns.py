"""Columns of a table: bands in x, from vertical rules or from the gutters the cells share.

Text order loses empty cells; x positions do not. Each header cluster is one column.
Between two of them the boundary is a vertical rule where there is one; otherwise a
gutter: an x range that no header or value text covers anywhere in the table. Text that
lies between two header clusters without touching either (a right-aligned number under a
left-aligned header, say) goes to the side where it lines up with that column's other
values, since a column's cells share one alignment. A value then belongs to the band its
box overlaps most, whatever its alignment.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

from ...pdf.reading import Box, PageData, Rule, Word
from ...vocab import PREVIOUS_YEAR_RE
from ..lines import Line, cut_word, split_phrases
from .header import clusters, squeeze

PHRASE_GAP_EM = 0.4  # wider than a word space, narrower than any cell padding pair
TOUCH_TOL = 0.3
"""pt: texts of two cells with no padding touch exactly (PDF positions are exact to ~0.1 pt)."""
SEAM_TOL = 0.25
"""pt: unruled, a glued word's character boundary meets the next header's text start this
closely (both are the cell edge); GLUE_TOL there let digit grids pass for edges."""
GLUE_TOL = 0.75
"""pt: a character boundary this close to a column edge is where two cells' texts meet
(zero cell padding sets them with no gap: "259" + "T1" read as one word "259T1")."""
LATE_EM = 0.15
"""ems: with (almost) no cell padding the next cell's text may start this far right of the
edge its neighbour's text ends at (a gap under a word space: the reader keeps one word)."""


KNOWN_SEAMS: ContextVar[dict[tuple[object, ...], float] | None] = ContextVar("KNOWN_SEAMS", default=None)
"""Seams found so far in this document, by the two header texts they lie between: one
report's tables of a kind under headers set alike share their column edges, so an edge
a table's glued words show is the edge of a later table with fewer. Set per parse."""

KNOWN_RUNS: ContextVar[dict[tuple[object, ...], list[tuple[float, float]]] | None] = ContextVar(
    "KNOWN_RUNS", default=None
)
"""Value runs of the goal tables read so far in this document, by their header's texts and
positions: tables under headers set alike share their columns, so a table of one row
(whose lone values fit several cuts alike) is cut where the rows of all of them fit
best. Set per parse."""
POOL_MAX = 400  # runs kept per header: later tables stay linear in the evidence


@dataclass
class Band:
    role: str
    left: float  # boundary to the previous column
    right: float  # boundary to the next column
    text_left: float  # where this column's header text starts
    text: str
    text_right: float = 0.0  # where it ends
    set_right: bool = False
    """The header text is shown set right (its lines end at one x, start apart): where it
    starts says nothing of the column's left edge."""
    set_left: bool = False
    """The header text is shown set left (its lines start at one x, end apart): it starts
    at the cell's left edge, past its padding."""


@dataclass
class TableLayout:
    kind: str
    bands: list[Band]
    left: float
    right: float
    previous_year: int | None = None
    header_lines: list[Line] = field(default_factory=list)
    ruled: bool = False
    pad: float | None = None
    left_known: bool = False  # `left` is a rule's, not a guess from the header
    seams: list[float] = field(default_factory=list)
    """Column edges where words glued across two cells are cut (split_glued)."""
    late: list[float] = field(default_factory=list)
    """Those of the seams where the right cell's text starts a little after the edge (late_cut)."""

    def split_glued(self, words: Sequence[Word]) -> list[Word]:
        """Words cut where they run across a column edge at a character boundary: two
        cells' texts that touch (zero padding) are read as one word by every reader."""
        if not self.seams:
            return list(words)
        out: list[Word] = []
        for w in words:
            for x in self.seams:
                if w.x0 < x < w.x1:
                    k = char_cut(w, x)
                    if k is None and x in self.late:
                        k = late_cut(w, x)
                    if k is not None:
                        left, w = cut_word(w, k)
                        out.append(left)
            out.append(w)
        return out

    def content_right(self, band: Band) -> float | None:
        """Where a cell's text may reach: its right rule less the cell padding.

        Known only when rules show the padding (vertical rules, or horizontal rules that
        start at the table's edge); None for unruled tables."""
        if self.pad is None:
            return None
        if self.ruled:
            return band.right - self.pad
        i = self.bands.index(band)
        nxt = self.bands[i + 1].text_left if i + 1 < len(self.bands) else self.right + self.pad
        return min(nxt, band.right + self.pad) - 2 * self.pad

    def band_of(self, x0: float, x1: float) -> Band | None:
        """The band a box overlaps most (a word may start a little outside its column)."""
        if x1 <= self.bands[0].left:
            return self.bands[0]
        if x0 >= self.bands[-1].right:
            return self.bands[-1]
        best, best_overlap = None, 0.0
        for band in self.bands:
            overlap = min(x1, band.right) - max(x0, band.left)
            if overlap > best_overlap:
                best, best_overlap = band, overlap
        return best

    def band(self, role: str) -> Band | None:
        return next((b for b in self.bands if b.role == role), None)


ROLE_RULES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "indicator": [
        ("name", ("indikator",)),
        ("outcome", ("periodens",)),
        ("outcome_men", ("män", "pojkar")),
        ("outcome_women", ("kvinnor", "flickor")),
        ("kf_target", ("kf:s", "kfs")),
        ("target", ("årsmål",)),
        ("previous", ("utfall",)),
        ("period", ("period",)),
    ],
    "activity": [
        ("name", ("aktivitet",)),
        ("start", ("startdatum", "start")),
        ("end", ("slutdatum", "slut")),
        ("deviation", ("avvikelse",)),
    ],
    "complaint": [
        ("category", ("uppdelning", "kategori")),
        ("t1", ("t1",)),
        ("t2", ("t2",)),
        ("vb", ("vb",)),
        # "total": set a letter a line, two lines' letters may share a line ("Totalt ack." reads "totalatck")
        ("total", ("total", "ack")),
        ("summary", ("sammanfattning", "åtgärder")),
    ],
}


def _role(kind: str, text: str, taken: set[str]) -> str:
    t = squeeze(text)
    for role, keys in ROLE_RULES[kind]:
        if role in taken:
            continue
        if any(k in t for k in keys):
            return role
    return "unknown"


def missing_roles(layout: TableLayout) -> list[str]:
    """Header words the table should have and does not: reported, never guessed."""
    have = {b.role for b in layout.bands}
    return [role for role, _ in ROLE_RULES[layout.kind] if role not in have]


def _merged_tails(kind: str, groups: list[list[Word]]) -> list[list[Word]]:
    """A cluster naming no column ("VB 2022" split from "Utfall") is the tail of the cell to
    its left: header text reads left to right."""
    out: list[list[Word]] = []
    for ws in groups:
        if out and _role(kind, " ".join(w.text for w in ws), set()) == "unknown":
            out[-1] = sorted([*out[-1], *ws], key=lambda w: (round(w.top), w.x0))
        else:
            out.append(list(ws))
    return out


def vertical_rules(page: PageData, top: float, bottom: float) -> list[float]:
    return sorted(r.pos for r in page.vrules if r.start <= bottom and r.end >= top - 2)


def header_fills(page: PageData, top: float, bottom: float) -> list[Box]:
    """Filled areas across the header band (its middle): a shaded header, whole or cell by cell."""
    mid = (top + bottom) / 2
    return [f for f in page.fills if f.top <= mid <= f.bottom]


def fill_edges(fills: Sequence[Box]) -> list[float]:
    """Left and right edges of the header's fills: shaded header cells drawn one by one are
    bounded by the column edges."""
    return sorted({x for f in fills for x in (f.x0, f.x1)})


def _joints(fills: Sequence[Box]) -> list[float]:
    """x where two filled areas side by side meet (same top and bottom, one's right edge
    the other's left): where a header shaded cell by cell has one cell's fill end and the
    next one's begin, the header cells' edges, drawn."""
    row = sorted(fills, key=lambda f: (round(f.top), round(f.bottom), f.x0))
    return sorted(
        {
            round(b.x0, 1)
            for a, b in itertools.pairwise(row)
            if abs(a.top - b.top) <= 0.5 and abs(a.bottom - b.bottom) <= 0.5 and abs(a.x1 - b.x0) <= 0.5
        }
    )


def header_cells(fills: Sequence[Box]) -> list[tuple[float, float]]:
    """The header's cells where it is shaded cell by cell (two or more fills side by side
    across it): each fill is one cell."""
    return [(f.x0, f.x1) for f in fills] if _joints(fills) else []


def _merged_in_cells(groups: list[list[Word]], cells: Sequence[tuple[float, float]]) -> list[list[Word]]:
    """Neighbouring clusters within one drawn header cell are that cell's text ('ack.' and
    'Totalt Utfall' in one right-aligned cell)."""

    def cell(ws: list[Word]) -> int | None:
        x0, x1 = min(w.x0 for w in ws), max(w.x1 for w in ws)
        return next((i for i, (a, b) in enumerate(cells) if a - 0.5 <= x0 and x1 <= b + 0.5), None)

    out: list[list[Word]] = []
    last: int | None = None
    for ws in groups:
        here = cell(ws)
        if out and here is not None and here == last:
            out[-1] = sorted([*out[-1], *ws], key=lambda w: (round(w.top), w.x0))
        else:
            out.append(list(ws))
        last = here
    return out


def fill_joints(page: PageData, own: Sequence[Box], bottom: float, reach: float) -> list[float]:
    """x where two filled areas side by side meet: cells shaded one by one are bounded by
    the column edges, so where one cell's fill ends and the next one's begins is a column
    boundary. A header shaded cell by cell shows its own cells (`own`, one may span two
    body columns); an unshaded one the rows below it, down to `reach`."""
    return _joints(own or [f for f in page.fills if bottom - 1 <= f.top <= reach])


def phrases(
    lines: Sequence[Line],
    cuts: Sequence[float] = (),
    starts: Sequence[float] = (),
    ends: Sequence[float] = (),
    right_set: Sequence[float] = (),
    edge_ends: Sequence[float] = (),
) -> list[tuple[float, float]]:
    """Extents of the runs of text on each line (a cell's text on that line).

    starts: where header texts start. A word starting exactly there, after a gap, starts
    that column's cell (a left-aligned cell's text starts where its left-aligned header's
    does), however narrow the gap: a right-aligned neighbour with small padding leaves
    no more than a word space ('-38' | 'VB 2023' at 2 pt padding). ends: where header
    texts end; likewise a word ending exactly there, as words of other lines do, before
    a gap, ends that column's cell (a right-aligned cell's text ends where its
    right-aligned header's does: '90 %' | '2024' at 1 pt padding). right_set: the ends
    of header texts shown set right (_set_right); no text of that column reaches past
    one, so a gap across it parts two cells, as a rule does ('2023-01-' | '2023-12-31'
    at zero padding, a word space apart). And two words a gap apart where one column's
    texts end and the next one's start (_shared_edges), or where the next one's start
    at an x where runs of text of two or more other lines start (a left-aligned column's
    edge: 'café en som' | '2023-01-01' at 1 pt padding, the dates of the rows with short
    names standing alone).
    edge_ends: where header texts end when the headers are set right: each such end is
    its cell's edge less the padding, so a word starting there after a gap starts the
    next cell ('öka' centred | '2023' set left, at zero padding)."""
    out: list[tuple[float, float]] = []
    lefts, rights = _shared_edges(lines)
    column_starts, _ = _shared_edges(lines, alone=2)
    ends = sorted(ends)
    right_set = sorted(right_set)
    edge_ends = sorted(edge_ends)
    for ln in lines:
        for ph in split_phrases(ln.words, PHRASE_GAP_EM):
            start = ph[0]
            for a, b in zip(ph, [*ph[1:], None], strict=True):
                if (
                    b is None
                    or any(a.x1 - 0.5 <= x <= b.x0 + 0.5 for x in (*cuts, *right_set))
                    or (b.x0 > a.x1 and any(abs(b.x0 - x) <= TOUCH_TOL for x in starts))
                    or (b.x0 > a.x1 and _near(edge_ends, b.x0 - TOUCH_TOL / 2, TOUCH_TOL / 2))
                    or (b.x0 > a.x1 and _near(ends, a.x1, TOUCH_TOL) and _near(rights, a.x1, TOUCH_TOL))
                    or (b.x0 > a.x1 and _near(column_starts, b.x0, TOUCH_TOL) and not _digit_group(a, b))
                    or (b.x0 > a.x1 and _near(rights, a.x1, TOUCH_TOL) and _near(lefts, b.x0, TOUCH_TOL))
                ):
                    out.append((start.x0, a.x1))
                    if b is not None:
                        start = b
    return out


_GROUP_HEAD_RE = re.compile(r"^[−–-]?\d{1,3}$")
_GROUP_TAIL_RE = re.compile(r"^\d{3}(\D|$)")


def _digit_group(a: Word, b: Word) -> bool:
    """a and b are one number's digit groups ('1' '328' of '1 328'): a number set right
    starts its last group where the shorter numbers of its column start."""
    return bool(_GROUP_HEAD_RE.match(a.text) and _GROUP_TAIL_RE.match(b.text))


def _set_right(words: Sequence[Word]) -> bool:
    """A header text on two or more lines, every line ending at one x: set right, so its
    cell's text can reach no further (a left-aligned or centred text's lines end apart)."""
    ends: dict[int, float] = {}
    for w in words:
        ends[round(w.top)] = max(ends.get(round(w.top), w.x1), w.x1)
    return len(ends) >= 2 and max(ends.values()) - min(ends.values()) <= TOUCH_TOL


def _set_left(words: Sequence[Word]) -> bool:
    """A header text on two or more lines, every line starting at one x: set left."""
    starts: dict[int, float] = {}
    for w in words:
        starts[round(w.top)] = min(starts.get(round(w.top), w.x0), w.x0)
    return len(starts) >= 2 and max(starts.values()) - min(starts.values()) <= TOUCH_TOL


def _shared_edges(lines: Sequence[Line], least: int = 2, alone: int = 1) -> tuple[list[float], list[float]]:
    """(x where texts of `least` or more lines start, a run of text on `alone` of them, x
    where words of as many end), sorted.

    A column's cells set left share their start, set right their end. Where a word ends at
    a shared end and the next starts, a word space later, at a shared start where text
    also stands alone (a run of text starts there: the cell beside it empty), two cells
    meet (cell padding of a point: '817' set right | '–' set left). A unit after its
    number ('94' '%') starts no run of its own."""

    def shared(xs: list[tuple[float, int, bool]], alone_needed: int) -> list[float]:
        out: list[float] = []
        xs.sort()
        i = 0
        while i < len(xs):
            j = i
            while j + 1 < len(xs) and xs[j + 1][0] - xs[i][0] <= TOUCH_TOL:
                j += 1
            group = xs[i : j + 1]
            if len({n for _, n, _ in group}) >= least and len({n for _, n, a in group if a}) >= alone_needed:
                out.append(xs[i][0] + (xs[j][0] - xs[i][0]) / 2)
            i = j + 1
        return out

    starts: list[tuple[float, int, bool]] = []
    ends: list[tuple[float, int, bool]] = []
    for n, ln in enumerate(lines):
        for ph in split_phrases(ln.words, PHRASE_GAP_EM):
            starts += [(w.x0, n, k == 0) for k, w in enumerate(ph)]
            ends += [(w.x1, n, False) for w in ph]
    return shared(starts, alone), shared(ends, 0)


def _spread(boxes: Sequence[tuple[float, float]]) -> float:
    """How far a column's texts are from sharing one alignment (left, centre or right)."""
    if len(boxes) < 2:
        return 0.0
    anchors = ([b[0] for b in boxes], [b[1] for b in boxes], [(b[0] + b[1]) / 2 for b in boxes])
    return min(max(a) - min(a) for a in anchors)


def intervals(boxes: Sequence[tuple[float, float]]) -> list[tuple[float, float, list[tuple[float, float]]]]:
    """x ranges covered by text, with the boxes in each; the gaps between are gutters."""
    out: list[tuple[float, float, list[tuple[float, float]]]] = []
    for b in sorted(boxes):
        if out and b[0] < out[-1][1] - 0.3:
            x0, x1, members = out[-1]
            members.append(b)
            out[-1] = (x0, max(x1, b[1]), members)
        else:
            out.append((b[0], b[1], [b]))
    return out


def gutter_cuts(
    bands: list[Band], values: Sequence[tuple[float, float]], right_headers: bool = False
) -> list[float | None]:
    """For each pair of neighbouring header clusters, the gutter between their columns.

    Between two header clusters there may be several gutters (values of either column
    can stand between the headers). The cuts are chosen together, so that every column's
    values, from its left cut to its right cut, share one alignment best; a wider gutter
    breaks a tie. None where header and value text leave no gutter (the caller falls back).

    right_headers: the header cells are shown set right (_set_right): a column's header
    then stands just left of its right cut, so among cuts that fit the values alike the
    one nearer the previous header wins."""
    heads = [(b.text_left, b.text_right) for b in bands]
    # a value box running across two header clusters is no column's (a full-width row)
    own = [v for v in values if sum(1 for h in heads if v[0] < h[1] - 0.5 and v[1] > h[0] + 0.5) < 2]
    ivs = intervals([*heads, *own])
    head_set = set(heads)
    vals = sorted(v for v in own if v not in head_set)

    def holder(h: tuple[float, float]) -> int:
        return next(i for i, iv in enumerate(ivs) if h in iv[2])

    # candidate cuts per pair: (cut, gutter width); a pair with none keeps its place open
    cands: list[list[tuple[float, float]]] = []
    for a, b in itertools.pairwise(heads):
        ia, ib = holder(a), holder(b)
        chain = ivs[ia : ib + 1] if ia < ib else []  # a's interval, islands, b's interval
        cands.append(
            [((chain[g][1] + chain[g + 1][0]) / 2, chain[g + 1][0] - chain[g][1]) for g in range(len(chain) - 1)]
        )

    def cost(lo: float, hi: float) -> float:
        return _spread([v for v in vals if lo - 0.3 <= v[0] and v[1] <= hi + 0.3])

    # header cells set left (the first header starts where the body's text does): a
    # column's header then stands just right of its left cut; among cuts that fit the
    # values alike, the one nearer the next header wins
    left_headers = bool(vals) and (abs(min(v[0] for v in vals) - heads[0][0]) <= 3.0 or _padded_left(bands, vals))
    right_ends = _right_ends(vals)
    inf = float("inf")
    # states after each pair: (where the next column starts, cost so far, cuts so far)
    states: list[tuple[float, float, list[float | None]]] = [(-inf, 0.0, [])]
    for k, options in enumerate(cands):
        if not options:  # no gutter: the column's extent is unknown here; carry every path on,
            # each with its column's values that stand short of halfway to the next header
            mid = (heads[k][1] + heads[k + 1][0]) / 2
            states = [(mid, total + cost(lo, mid), [*path, None]) for lo, total, path in states]
            continue
        b_left = heads[k + 1][0]
        a_right = heads[k][1] if right_headers and not left_headers else None
        # with zero padding a right-aligned value touches the next cell's left-aligned
        # header text: a value ending where b's header starts is a's, never b's. Not when
        # another value starts where it does and ends short of b's header: that column is
        # set left, and its value ends at b's (centred) header text by chance
        # Nor when b's header is shown set right: then it starts where its words' length
        # puts it, not at the cell's edge, and a value ending there does so by chance
        # Nor when texts of a's set right end before it (_right_ends): a's cells end there
        short = sorted(u[0] for u in vals if u[1] < b_left - 1.0)
        a_ends = [e for e in right_ends if heads[k][0] < e < b_left - 1.0]
        touch = (
            []
            if bands[k + 1].set_right
            else [
                v
                for v in vals
                if abs(v[1] - b_left) <= TOUCH_TOL
                and not _near(short, v[0], TOUCH_TOL)
                and not any(e < v[0] - TOUCH_TOL for e in a_ends)
            ]
        )

        def own_cost(
            cut: float,
            width: float,
            b_left: float = b_left,
            a_right: float | None = a_right,
            touch: list[tuple[float, float]] = touch,
        ) -> float:
            touching = sum(1 for v in touch if v[0] >= cut)
            near = (0.05 * (b_left - cut) if left_headers else 0.0) + (0.05 * (cut - a_right) if a_right else 0.0)
            return -1e-3 * width + near + 1000.0 * touching

        states = [
            min(((cut, total + cost(lo, cut) + here, [*path, cut]) for lo, total, path in states), key=lambda st: st[1])
            for cut, width in options
            for here in (own_cost(cut, width),)
        ]
    return min(states, key=lambda st: st[1] + cost(st[0], inf))[2]


def _padded_right(bands: Sequence[Band], runs: Sequence[tuple[float, float]]) -> bool:
    """Header texts set right over values set left, told by the padding they share: a
    header set right ends one cell padding short of its column's right edge, a value set
    left starts one padding past its own left edge, which is that same edge. So where
    the values of two or more columns each start at one x, one distance (two paddings)
    past the end of the header before them, the headers are set right, single-line ones
    included. A column whose values start apart shows nothing (set centred or right, its
    texts' starts fall anywhere)."""
    offsets: list[tuple[float, int]] = []
    for k in range(1, len(bands)):
        end, nxt = bands[k - 1].text_right, bands[k].text_left
        offsets += _one_offset(
            [
                v[0] - end
                for v in set(runs)
                if end + TOUCH_TOL < v[0] < nxt - TOUCH_TOL and v[1] < bands[k].text_right and v[0] - end <= 30.0
            ],
            k,
        )
    return _agree(offsets)


def _padded_left(bands: Sequence[Band], runs: Sequence[tuple[float, float]]) -> bool:
    """Header texts set left over values set right, told by the padding they share (as
    _padded_right, mirrored): where the values of two or more columns each end at one x,
    one distance short of the start of the header after them, the headers are set left."""
    offsets: list[tuple[float, int]] = []
    for k in range(len(bands) - 1):
        start, nxt = bands[k].text_left, bands[k + 1].text_left
        offsets += _one_offset(
            [
                nxt - v[1]
                for v in set(runs)
                if start - TOUCH_TOL <= v[0] and v[1] < nxt - TOUCH_TOL and nxt - v[1] <= 30.0
            ],
            k,
        )
    return _agree(offsets)


def _one_offset(ds: list[float], k: int) -> list[tuple[float, int]]:
    """The column's one offset, [(d, k)], when all its values show the same; else none."""
    if not ds or max(ds) - min(ds) > TOUCH_TOL:
        return []
    return [(sum(ds) / len(ds), k)]


def _agree(offsets: list[tuple[float, int]]) -> bool:
    """Offsets of two different columns lie within TOUCH_TOL of each other."""
    offsets.sort()
    return any(e - d <= TOUCH_TOL for (d, _), (e, _) in itertools.pairwise(offsets))


def _misfit(
    bands: list[Band],
    values: Sequence[tuple[float, float]],
    cuts: Sequence[float | None],
    context: Sequence[tuple[float, float]] = (),
) -> float:
    """How far the value runs, parted at the cuts, are from each column sharing one
    alignment, and how many touch the wrong header (as gutter_cuts weighs them; whether
    a column is shown set left is read from `context` too, the runs of tables alike);
    infinite where a run lies across a cut."""
    heads = [(b.text_left, b.text_right) for b in bands]
    own = [v for v in values if sum(1 for h in heads if v[0] < h[1] - 0.5 and v[1] > h[0] + 0.5) < 2]
    vals = [v for v in own if v not in set(heads)]
    xs = [c if c is not None else (heads[k][1] + heads[k + 1][0]) / 2 for k, c in enumerate(cuts)]
    if any(v[0] < x - 0.3 and v[1] > x + 0.3 for v in vals for x in xs):
        return float("inf")
    edges = [float("-inf"), *xs, float("inf")]
    right_ends = _right_ends([*vals, *context])
    out = sum(
        _spread([v for v in vals if lo - 0.3 <= v[0] and v[1] <= hi + 0.3]) for lo, hi in itertools.pairwise(edges)
    )
    # as in gutter_cuts: a value ending where the next header (not shown set right) starts
    # is the column's before it, at zero padding
    for k, x in enumerate(xs):
        b_left = heads[k + 1][0]
        if bands[k + 1].set_right:
            continue
        short = sorted(u[0] for u in [*vals, *context] if u[1] < b_left - 1.0)
        a_ends = [e for e in right_ends if heads[k][0] < e < b_left - 1.0]
        out += 1000.0 * sum(
            1
            for v in vals
            if abs(v[1] - b_left) <= TOUCH_TOL
            and v[0] >= x
            and not _near(short, v[0], TOUCH_TOL)
            and not any(e < v[0] - TOUCH_TOL for e in a_ends)
        )
    return out


def _right_ends(vals: Sequence[tuple[float, float]]) -> list[float]:
    """x where two or more value texts of different lengths end: a column set right ends its
    cells' text there. A value starting right of such an x, past a's header start, is not
    a's, even if it ends where b's header starts (a header centred over a value set left
    may start where that value ends)."""
    out: list[float] = []
    ordered = sorted(set(vals), key=lambda v: v[1])
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1][1] - ordered[i][1] <= TOUCH_TOL:
            j += 1
        starts = sorted(v[0] for v in ordered[i : j + 1])
        if starts[-1] - starts[0] > TOUCH_TOL:
            out.append(ordered[i][1])
        i = j + 1
    return out


def _near(xs: Sequence[float], x: float, tol: float) -> bool:
    """Some value of the sorted xs lies within tol of x."""
    i = bisect_left(xs, x - tol)
    return i < len(xs) and xs[i] <= x + tol


def char_cut(w: Word, x: float, tol: float = GLUE_TOL) -> int | None:
    """Index of the character of `w` that starts within `tol` of x (the nearest; never
    the first), or None."""
    if w.cuts is None:
        return None
    best, best_d = None, tol
    for i, c in enumerate(w.cuts):
        d = abs(c - x)
        if d <= best_d:
            best, best_d = i + 1, d
    return best


def late_cut(w: Word, x: float) -> int | None:
    """Index of the first character of `w` that starts right of x by less than LATE_EM
    (a word space is wider), or None: the next cell's text, set a hair after the edge."""
    if w.cuts is None:
        return None
    return next((i + 1 for i, c in enumerate(w.cuts) if x < c <= x + LATE_EM * w.size), None)


def _late_seam(runs: Sequence[Sequence[Word]], x: float, shown: bool = True) -> bool:
    """Words glued across the edge at x, where b's header text starts (a cell set left
    starts at its edge), each with a character starting just right of it (late_cut), at
    least one reading as two cells' texts there (_cell_break), none running on across it
    otherwise, while other runs of text end at x (a's cells set right against the edge):
    two cells' texts a hair apart, read as one word.

    shown=False: an earlier table under this header showed the edge; here it is enough
    that some words run across it so and none otherwise ('92' | '91,6 %' reads as one number)."""
    words = [w for r in runs for w in r]
    glued: list[tuple[Word, int]] = []
    for w in words:
        if w.x0 < x - GLUE_TOL and w.x1 > x + GLUE_TOL:
            k = late_cut(w, x)
            if k is None or char_cut(w, x, SEAM_TOL) is not None:
                return False
            glued.append((w, k))
    if not shown:
        return bool(glued)
    if not any(_pair_breaks(w.text[k - 1], w.text[k]) for w, k in glued):
        return False
    ids = {id(w) for w, _ in glued}
    return any(abs(max(w.x1 for w in r) - x) <= SEAM_TOL for r in runs if not any(id(w) in ids for w in r))


def _left_set_seam(words: Sequence[Word], x: float) -> bool | None:
    """Whether words run across x, where a header shown set left starts (its cell's edge,
    past the padding: no text of the cell before reaches it, none of its own starts
    before it), each at a character boundary there or one starting just after it
    (late_cut): two cells' texts read as one word, whatever the characters either side
    ('öka|minska', '−32|98,7 %' at zero padding). None when no word runs across x, or
    one runs across it mid-character; else True when some word needs the late cut."""
    late = False
    found = False
    for w in words:
        if w.x0 < x - GLUE_TOL and w.x1 > x + GLUE_TOL:
            if char_cut(w, x, SEAM_TOL) is None:
                if late_cut(w, x) is None:
                    return None
                late = True
            found = True
    return late if found else None


def _clear(words: Sequence[Word], x: float) -> bool:
    """No word runs across x (each ends before it or starts after it, within GLUE_TOL)."""
    return not any(w.x0 < x - GLUE_TOL and w.x1 > x + GLUE_TOL for w in words)


def _aligned_seam(a: Band, b: Band, runs: Sequence[Sequence[Word]]) -> float | None:
    """An edge between the two header texts where b's texts start on other lines (standing
    alone there: b's cells set left) and words run across it at a character boundary whose
    parts line up with each column's texts: the part before it with a text of a left of x
    (set left, right or centred alike), the part after it starting where b's do. Digits
    glued across the edge ('123 645' | '2024' read '123 6452024') show no other sign."""
    lefts, _ = _shared_edges([Line(list(r), 0) for r in runs])
    words = [w for r in runs for w in r]
    for x in lefts:
        if not a.text_right - GLUE_TOL <= x <= b.text_left + GLUE_TOL:
            continue
        glued, blocked = _crossing(words, x, SEAM_TOL, in_word=True)
        if not glued or blocked:
            continue
        ids = {id(w) for w in glued}
        others = [
            (r[0].x0, max(w.x1 for w in r))
            for r in runs
            if not any(id(w) in ids for w in r) and max(w.x1 for w in r) <= x + SEAM_TOL
        ]
        ok = True
        for w in glued:
            run = next(r for r in runs if any(v is w for v in r))
            x0 = run[0].x0
            if not any(
                abs(x0 - o0) <= GLUE_TOL or abs(x - o1) <= GLUE_TOL or abs(x0 + x - o0 - o1) <= 2 * GLUE_TOL
                for o0, o1 in others
            ):
                ok = False
                break
        if ok:
            return x
    return None


def _crossing(words: Sequence[Word], x: float, tol: float, in_word: bool = False) -> tuple[list[Word], int]:
    """(words cut by x at a character boundary, how many x runs through mid-character).

    in_word: a boundary between two lowercase letters counts as mid-character ("kompeten|s"):
    an edge seen only in the text, not drawn, is not taken inside a word."""
    glued: list[Word] = []
    blocked = 0
    for w in words:
        if w.x0 < x - GLUE_TOL and w.x1 > x + GLUE_TOL:
            k = char_cut(w, x, tol)
            if k is None or (in_word and w.text[k - 1].islower() and w.text[k].islower()):
                blocked += 1
            else:
                glued.append(w)
    return glued, blocked


def seam(
    a: Band, b: Band, runs: Sequence[Sequence[Word]], rule: float | None = None, edges: Sequence[float] = ()
) -> float | None:
    """Where the texts of neighbouring columns a and b touch, when value words are glued
    across them (zero cell padding): the cell edge, at a character boundary of the words
    that run across it, none running across it mid-character (nor inside a lowercase word).

    The edge is a rule between the columns, if words run across it at a character
    boundary. Unruled, it lies between the two header texts (a cell holds its header),
    and the evidence is, strongest first:
    - the edge two shaded header cells share (`edges`);
    - a header text touching it (a's right-aligned header ends there, b's left-aligned
      one starts there), where the glued words share no alignment, or read as two
      cells' texts there (_cell_break), or other value text meets the edge (_touching);
    - else a character boundary where the glued words read as two cells' texts and
      other value text meets it, or where several glued words of different lengths all
      break (the boundary most texts show wins).

    The alignment and reading tests because a centred header's text may start inside its
    own column: values all alike ("2024-01-01" in every row) or numbers (one alignment,
    equal digit widths) then have character boundaries there too, but, being one
    column's, they line up on the left, the right or the centre, and digits run on
    across such a boundary. Glued texts of two cells (a's right-aligned, b's
    left-aligned) line up on neither."""
    words = [w for r in runs for w in r]
    if rule is not None:
        return rule if _crossing(words, rule, GLUE_TOL)[0] else None
    lo, hi = a.text_right - GLUE_TOL, b.text_left + GLUE_TOL
    if hi < lo:
        return None
    for x in edges:
        if lo <= x <= hi and _crossing(words, x, GLUE_TOL)[0] and not _crossing(words, x, GLUE_TOL)[1]:
            return x
    for x in (b.text_left, a.text_right):
        glued, blocked = _crossing(words, x, SEAM_TOL, in_word=True)
        if not glued or blocked:
            continue
        breaks = sum(1 for w in glued if _cell_break(w, x))
        if (
            (x == b.text_left and _spread([(w.x0, w.x1) for w in glued]) > GLUE_TOL)
            or breaks == len(glued)
            or (breaks and (_parts_differ(glued) or _parts_differ(glued, right=True)))
            or _touching(runs, glued, x)
        ):
            return x
    dates = _two_dates_seam(words, lo, hi)
    if dates is not None:
        return dates
    best, best_n = None, 0  # the boundary most texts show as two cells' (a column's own values show others)
    for x in _boundaries(words, lo, hi):
        glued, blocked = _crossing(words, x, SEAM_TOL, in_word=True)
        if not glued or blocked:
            continue
        breaks = sum(1 for w in glued if _cell_break(w, x))
        if not breaks:  # no header shows this edge: the text must
            continue
        touching = _touching(runs, glued, x)
        if not touching and len(glued) >= 2 and _parts_differ(glued):
            touching = 1
        if touching and breaks + touching > best_n:
            best, best_n = x, breaks + touching
    return best


TWO_DATES_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\d{4}-\d{2}-\d{2}$")


def _two_dates_seam(words: Sequence[Word], lo: float, hi: float) -> float | None:
    """Where two ISO dates read as one word meet ('2024-01-01' | '2024-12-31': a start date
    set right against an end date set left, at zero padding): a date is ten characters,
    so the boundary after the tenth is the cell edge, when every such word has it at one
    x between the two headers and no other word runs across it mid-character."""
    xs = sorted(w.cuts[9] for w in words if w.cuts is not None and len(w.cuts) >= 10 and TWO_DATES_RE.match(w.text))
    if not xs or xs[-1] - xs[0] > SEAM_TOL:
        return None
    x = xs[len(xs) // 2]
    if not lo <= x <= hi or _crossing(words, x, SEAM_TOL)[1]:
        return None
    return x


def _cell_break(w: Word, x: float) -> bool:
    """The characters either side of x in `w` read as two cells' texts: a letter and a
    digit ('öka|2023', '2024-12-31|Till'), a lowercase letter and a capital ('minska|VB'),
    or a percent sign and a letter or digit ('80 %|2023'). A column of numbers alike
    ('12|34', '12|,5', '-|10': a dash may be a minus) or of words ('nämnd/|styrelse',
    'Resultat–|analys') shows none of these."""
    k = char_cut(w, x, SEAM_TOL)
    return k is not None and _pair_breaks(w.text[k - 1], w.text[k])


def _pair_breaks(left: str, right: str) -> bool:
    """Two characters that read as the end of one cell's text and the start of another's."""
    return (
        (left.isalpha() and right.isdigit())
        or (left.isdigit() and right.isalpha())
        or (left.islower() and right.isupper())
        or (left == "%" and right.isalnum())
    )


def _parts_differ(glued: Sequence[Word], right: bool = False) -> bool:
    """The parts left of the edge do not start alike (right: the parts right of it do not
    end alike): texts of two cells, each of its own length ('öka|2023', '%|2023',
    'nämnd|2023'). One left-aligned column's values have boundaries at one x too
    ('T|2 2024', '2|024'), their parts before it starting alike."""
    xs = [w.x1 if right else w.x0 for w in glued]
    return max(xs) - min(xs) > GLUE_TOL


def _boundaries(words: Sequence[Word], lo: float, hi: float) -> list[float]:
    """Character boundaries between lo and hi of the words that run across them, one per
    cluster (SEAM_TOL), left to right."""
    xs = sorted(c for w in words if w.cuts is not None and w.x0 < hi and w.x1 > lo for c in w.cuts if lo <= c <= hi)
    out: list[float] = []
    for c in xs:
        if not out or c - out[-1] > SEAM_TOL:
            out.append(c)
    return out


def _touching(runs: Sequence[Sequence[Word]], glued: Sequence[Word], x: float) -> int:
    """How many runs of value text not glued meet the edge at x: two words of one line
    touching there (a cell's text ending at x, the next cell's starting there, read as two
    words because a space followed the first), or a run of text ending or starting there
    (a cell's text set against the edge, its neighbour empty).

    A run is no evidence where it shares an alignment with a glued word's run, unless the
    glued words read as two cells' texts there (_cell_break): a column's shorter values
    end or start at character boundaries of its longer ones ("91" and "94,5" set left,
    "5" and "27" set right), and such a boundary is no cell edge."""
    ids = {id(w) for w in glued}
    n = 0
    spans = [(r[0].x0, max(w.x1 for w in r)) for r in runs if any(id(w) in ids for w in r)]
    if all(_cell_break(w, x) for w in glued):  # the glued words read as two cells' texts there
        spans = []
    for run in runs:
        if any(id(w) in ids for w in run):
            continue
        if any(abs(p.x1 - x) <= SEAM_TOL and abs(q.x0 - x) <= SEAM_TOL for p, q in itertools.pairwise(run)):
            n += 1
            continue
        x0, x1 = run[0].x0, max(w.x1 for w in run)
        centred = any(abs(x0 + x1 - g0 - g1) <= 2 * GLUE_TOL for g0, g1 in spans)
        ends = abs(x1 - x) <= SEAM_TOL and not any(abs(x0 - g0) <= GLUE_TOL for g0, _ in spans)
        starts = abs(x0 - x) <= SEAM_TOL and not any(abs(x1 - g1) <= GLUE_TOL for _, g1 in spans)
        n += (ends or starts) and not centred
    return n


def layout_from_header(
    kind: str, header: Sequence[Line], page: PageData, body: Sequence[Line] = (), pool: bool = False
) -> TableLayout:
    """Column bands from the header band, the page's rules and (when given) the value lines.

    pool: where this table's value runs fit two sets of cuts alike, those the tables read
    before it under the same header (KNOWN_RUNS) fit best decide; its runs join them."""
    top = min(ln.top for ln in header)
    bottom = max(ln.bottom for ln in header)
    vxs = vertical_rules(page, top, bottom)
    bands: list[Band] = []
    taken: set[str] = set()
    # the table on the header's page: its value lines given, else the rows just below
    reach = max([bottom + 4 * header[0].size, *(ln.bottom for ln in body if ln.page == page.number and ln.top > top)])
    band_fills = header_fills(page, top, bottom)
    # a ruled table (rules inside its outer ones) parts every column by a rule
    rules = vxs if len(vxs) >= 3 else []
    groups = clusters(header, sorted([*vxs, *fill_joints(page, band_fills, bottom, reach)]), rules)
    right_set: list[float] = []  # where header texts set right end (their cells' text ends there)
    left_set = False  # a header text shown set left
    for words in _merged_tails(kind, _merged_in_cells(groups, header_cells(band_fills))):
        text = " ".join(w.text for w in words)
        role = _role(kind, text, taken)
        if role != "unknown":
            taken.add(role)
        x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
        shown_right, shown_left = _set_right(words), _set_left(words)
        bands.append(Band(role, x0, x1, x0, text, x1, shown_right and not shown_left, shown_left and not shown_right))
        if shown_right:
            right_set.append(x1)
        left_set = left_set or shown_left
    starts = [b.text_left for b in bands[1:]]
    shade = fill_edges(band_fills)
    # the edges of header cells drawn as boxes are column edges as much as rules are: a
    # cell's text never runs across one (zero padding sets '72,4 %' a word space from 'VB')
    ends = [b.text_right for b in bands[:-1]]
    # headers set right, none set left: each header shows where its column ends
    right_headers = bool(right_set) and not left_set
    # a header shown set left starts at its cell's edge (past the padding): no text of its
    # column starts before it, none of the column before reaches past it, so a gap across
    # it parts two cells, as a rule does ('29 st' | '75 %' a word space apart at zero padding)
    left_starts = [b.text_left for b in bands if b.set_left]
    runs = (
        phrases(body, [*vxs, *shade, *left_starts], starts, ends, right_set, ends if right_headers else ())
        if body
        else []
    )
    right_headers = right_headers or (not left_set and _padded_right(bands, runs))
    cuts = gutter_cuts(bands, runs, right_headers) if body else [None] * (len(bands) - 1)
    pooled = KNOWN_RUNS.get() if pool and body else None
    if pooled is not None:
        key = (kind, round(page.width), *((b.text, round(b.text_left, 1), round(b.text_right, 1)) for b in bands))
        earlier = pooled.get(key, [])
        pooled[key] = [*earlier, *runs][-POOL_MAX:]
        if earlier:
            # the tables before it decide where this table's own runs fit either cut alike
            shared = gutter_cuts(bands, [*runs, *earlier], right_headers)
            if shared != cuts and _misfit(bands, runs, shared, earlier) <= _misfit(bands, runs, cuts, earlier) + 1e-6:
                cuts = shared
    # words of value lines (cells stand apart on them; a full-width line is one run of text)
    body_runs = [ph for ln in body for phs in (split_phrases(ln.words, PHRASE_GAP_EM),) if len(phs) >= 2 for ph in phs]
    body_words = [w for r in body_runs for w in r]
    body_rights = _shared_edges([Line(list(r), 0) for r in body_runs])[1] if body_words else []
    seams: list[float] = []
    late: list[float] = []
    own = fill_joints(page, band_fills, bottom, reach)  # shaded cells side by side: header or body rows
    known = KNOWN_SEAMS.get()
    shift = _rule_shift(vxs, body_runs) if vxs else 0.0
    for (a, b), gutter in zip(itertools.pairwise(bands), cuts, strict=True):
        between = [x for x in vxs if a.text_right - 1 <= x <= b.text_left + 1]
        if not between:  # shaded header cells' shared edge between the two texts: drawn, like a rule
            drawn = [x for x in own if a.text_right - 1 <= x <= b.text_left + 1]
            between = drawn if len(drawn) == 1 else []
        glued = seam(a, b, body_runs, between[-1] + shift if between else None, shade) if body_words else None
        if (
            glued is None
            and not between
            and body_words
            and a.text_right < b.text_left
            and _late_seam(body_runs, b.text_left)
        ):
            glued = b.text_left
            late.append(glued)
        if glued is None and not between and body_words:
            glued = _aligned_seam(a, b, body_runs)
        if glued is None and not between and body_words and a.text_right < b.text_left:
            # the edge a's cells set right against shows (texts of two lines or more end
            # at one x there), with the next cell's text a hair after it ('90 %|Tas')
            x = next(
                (x for x in body_rights if a.text_right - GLUE_TOL < x < b.text_left and _late_seam(body_runs, x)), None
            )
            if x is not None:
                glued = x
                late.append(x)
        if glued is None and not between and body_words and b.set_left:
            shown = _left_set_seam(body_words, b.text_left)
            if shown is not None:
                glued = b.text_left
                if shown:
                    late.append(glued)
        if known is not None and body_words and not between:
            key = (
                kind,
                round(page.width),
                a.text,
                round(a.text_left, 1),
                round(a.text_right, 1),
                b.text,
                round(b.text_left, 1),
                round(b.text_right, 1),
            )
            if glued is not None:
                known.setdefault(key, glued)
                if glued in late:
                    known.setdefault((*key, "late"), glued)
            elif key in known:  # an edge an earlier table under this header showed
                x = known[key]
                hit, blocked = _crossing(body_words, x, SEAM_TOL, in_word=True)
                # nothing glued here, nothing across it either: the edge stands all the same
                # (a one-row table under the same header, its cells apart by chance)
                glued = x if not blocked and (hit or _clear(body_words, x)) else None
                if glued is None and (*key, "late") in known and _late_seam(body_runs, x, shown=False):
                    glued = x
                    late.append(x)
        if glued is not None:
            seams.append(glued)
        if between:
            cut = between[-1]
        elif glued is not None and glued in shade:  # a shaded cell's edge: the last such is the boundary
            cut = max(x for x in shade if x <= b.text_left + GLUE_TOL)  # (the one before may be a unit's)
        elif glued is not None:  # the two columns' texts touch there: it is the boundary
            cut = glued
        elif cell_edges := [x for x in shade if a.text_right - GLUE_TOL <= x < b.text_left]:
            cut = max(cell_edges)  # header cells drawn as boxes: their shared edge is the boundary
        elif gutter is not None:
            cut = gutter
        else:  # no evidence but the header: halfway, whatever the header cells' alignment
            cut = (a.text_right + b.text_left) / 2
        a.right, b.left = cut, cut
    left_rules = [x for x in vxs if x <= bands[0].text_left + 1]
    table_left = left_rules[0] if left_rules else min(ln.x0 for ln in header) - 0.5 * header[0].size * 3
    right_rules = [x for x in vxs if x >= bands[-1].text_left]
    table_right = right_rules[-1] if right_rules else page.width
    bands[0].left = min(bands[0].left, bands[0].text_left - 1)
    bands[-1].right = table_right
    prev_year = None
    for b in bands:
        if b.role == "previous":
            m = PREVIOUS_YEAR_RE.search(squeeze(b.text))
            prev_year = int(m.group(1)) if m else None
    ruled = len(vxs) >= 3
    pad: float | None = None
    if ruled and body:
        pad = _ruled_padding(vxs, body)
    elif ruled:  # the nearest rule left of the first header text (an icon column may precede it)
        pad = bands[0].text_left - max(left_rules) if left_rules else None
    else:
        near = [r for r in page.hrules if top - 12 <= r.pos <= bottom + 12 and r.start < bands[0].text_left]
        if near:
            pad = bands[0].text_left - max(r.start for r in near)
            table_left = max(r.start for r in near)
            table_right = max(r.end for r in near)
            bands[-1].right = table_right
    if pad is not None and not 0 < pad < 15:
        pad = None
    left_known = bool(left_rules) or pad is not None
    return TableLayout(
        kind, bands, table_left, table_right, prev_year, list(header), ruled, pad, left_known, seams, late
    )


def _rule_shift(vxs: Sequence[float], runs: Sequence[Sequence[Word]]) -> float:
    """How far right of the cell edges the vertical rules are drawn: a cell's text never
    starts before its edge, so where runs of text in two or more columns start one
    distance short of the rule before them, the rules stand that far off the edges (0.0
    when no text shows it), and two cells' texts glued at zero padding meet there."""
    xs = sorted(vxs)
    diffs: list[tuple[float, float]] = []
    for r in runs:
        i = bisect_left(xs, r[0].x0 + GLUE_TOL)
        if i < len(xs) and xs[i] - r[0].x0 <= 2.0:
            diffs.append((r[0].x0 - xs[i], xs[i]))
    diffs.sort()
    best: list[tuple[float, float]] = []
    j = 0
    for i in range(len(diffs)):
        while diffs[i][0] - diffs[j][0] > TOUCH_TOL:
            j += 1
        if i + 1 - j > len(best):
            best = diffs[j : i + 1]
    if len(best) < 3 or len({x for _, x in best}) < 2:
        return 0.0
    return best[len(best) // 2][0]


def _ruled_padding(vxs: Sequence[float], body: Sequence[Line]) -> float | None:
    """Cell padding of a ruled table: the least distance from any value text to the rules
    around it (left-, right-aligned and full lines all touch the padding)."""
    gaps = []
    for ln in body:
        for w in ln.words:
            left = [x for x in vxs if x <= w.x0 + 0.5]
            right = [x for x in vxs if x >= w.x1 - 0.5]
            if left and right:
                gaps.append(min(w.x0 - left[-1], right[0] - w.x1))
    return max(0.0, min(gaps)) if gaps else None


def cells_of(line: Line, layout: TableLayout) -> dict[str, list[Word]]:
    """The line's words by column role (words glued across a column edge cut there)."""
    out: dict[str, list[Word]] = {}
    for w in layout.split_glued(line.words):
        band = layout.band_of(w.x0, w.x1)
        role = band.role if band else "unknown"
        out.setdefault(role, []).append(w)
    return out


def rules_between(page: PageData, y0: float, y1: float, x0: float, x1: float) -> list[Rule]:
    """Horizontal rules between two heights that cross the x range [x0, x1]."""
    return [r for r in page.hrules if y0 - 0.5 <= r.pos <= y1 + 0.5 and r.start <= x0 + 1 and r.end >= x1 - 1]
