"""Table geometry: header rows into column bands, body words into cells by x position.

Text order loses empty cells; x positions do not. The header row tells where each
column is (its words, or the vertical rules around them when the table is ruled); a
body word belongs to the column whose band holds its left edge.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lines import Line, split_phrases
from .reading import PageData, Rule, Word
from .vocab import HEADER_TEXT, PREVIOUS_YEAR_RE, YEAR_RE, fold

CELL_GAP_EM = 0.5


@dataclass
class Band:
    role: str
    left: float  # boundary to the previous column
    right: float  # boundary to the next column
    text_left: float  # where this column's header text starts
    text: str


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
        return nxt - 2 * self.pad

    def band_of(self, x0: float, x1: float) -> Band | None:
        """The band a word overlaps most (a word may start a little left of its column)."""
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


def header_kind(line: Line) -> str | None:
    """Which table a line opens, if it is the first line of a known table header."""
    t = fold(line.text)
    if "indikator" in t and ("periodens" in t or "utfall" in t or "årsmål" in t):
        return "indicator"
    if "aktivitet" in t and ("startdatum" in t or "slutdatum" in t):
        return "activity"
    if "uppdelning" in t and ("klagomål" in t or "utfall" in t or "kategori" in t):
        return "complaint"
    return None


def is_header_continuation(line: Line, kind: str) -> bool:
    """Every word of the line is a piece of the header's vocabulary (headers wrap anywhere)."""
    vocab = HEADER_TEXT[kind].replace(" ", "")
    for w in line.words:
        t = fold(w.text)
        if not t:
            continue
        if YEAR_RE.match(t) or t in vocab:
            continue
        return False
    return True


_ROLE_RULES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
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
        ("total", ("totalt", "ack")),
        ("summary", ("sammanfattning", "åtgärder")),
    ],
}


def _role(kind: str, text: str, taken: set[str]) -> str:
    # headers wrap anywhere ("Perioden" + "s"): match on the text with spaces squeezed out
    t = fold(text).replace(" ", "")
    for role, keys in _ROLE_RULES[kind]:
        if role in taken:
            continue
        if any(k in t for k in keys):
            return role
    return "unknown"


def _clusters(lines: Sequence[Line]) -> list[list[Word]]:
    """Header words grouped into columns: phrases on a line, joined across lines by x-overlap."""
    phrases = [ph for ln in lines for ph in split_phrases(ln.words, CELL_GAP_EM)]
    groups: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for ph in phrases:
        x0, x1 = min(w.x0 for w in ph), max(w.x1 for w in ph)
        hit = [i for i, (a, b) in enumerate(spans) if x0 < b - 0.5 and x1 > a + 0.5]
        if not hit:
            groups.append(list(ph))
            spans.append((x0, x1))
            continue
        keep = hit[0]
        for i in reversed(hit[1:]):
            groups[keep] += groups.pop(i)
            a, b = spans.pop(i)
            spans[keep] = (min(spans[keep][0], a), max(spans[keep][1], b))
        groups[keep] += ph
        spans[keep] = (min(spans[keep][0], x0), max(spans[keep][1], x1))
    order = sorted(range(len(groups)), key=lambda i: spans[i][0])
    return [sorted(groups[i], key=lambda w: (round(w.top), w.x0)) for i in order]


def layout_from_header(kind: str, header: Sequence[Line], page: PageData) -> TableLayout:
    clusters = _clusters(header)
    top = min(ln.top for ln in header)
    bottom = max(ln.bottom for ln in header)
    vxs = sorted(r.pos for r in page.vrules if r.start <= bottom and r.end >= top - 2)
    bands: list[Band] = []
    taken: set[str] = set()
    for words in clusters:
        text = " ".join(w.text for w in words)
        role = _role(kind, text, taken)
        if role != "unknown":
            taken.add(role)
        x0 = min(w.x0 for w in words)
        x1 = max(w.x1 for w in words)
        bands.append(Band(role, x0, x1, x0, text))
    # boundaries: a vertical rule between two header texts, else the midpoint of the gap
    for a, b in itertools.pairwise(bands):
        between = [x for x in vxs if a.right - 1 <= x <= b.text_left + 1]
        # unruled: cells are left-aligned, so a column begins where its header text begins
        cut = between[-1] if between else b.text_left - 2.5
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
            m = PREVIOUS_YEAR_RE.search(fold(b.text))
            prev_year = int(m.group(1)) if m else None
    ruled = len(vxs) >= 3
    pad: float | None = None
    if ruled:  # the nearest rule left of the first header text (an icon column may precede it)
        pad = bands[0].text_left - max(left_rules) if left_rules else None
    else:
        starts = [r.start for r in page.hrules if top - 12 <= r.pos <= bottom + 12 and r.start < bands[0].text_left]
        if starts:
            pad = bands[0].text_left - max(starts)
            table_left = max(starts)
            ends = [r.end for r in page.hrules if top - 12 <= r.pos <= bottom + 12 and r.start < bands[0].text_left]
            table_right = max(ends)
            bands[-1].right = table_right
    if pad is not None and not 0 < pad < 15:
        pad = None
    return TableLayout(kind, bands, table_left, table_right, prev_year, list(header), ruled, pad)


def cells_of(line: Line, layout: TableLayout) -> dict[str, list[Word]]:
    out: dict[str, list[Word]] = {}
    for w in line.words:
        band = layout.band_of(w.x0, w.x1)
        role = band.role if band else "unknown"
        out.setdefault(role, []).append(w)
    return out


def rules_between(page: PageData, y0: float, y1: float, x0: float, x1: float) -> list[Rule]:
    """Horizontal rules between two heights that cross the x range [x0, x1]."""
    return [r for r in page.hrules if y0 - 0.5 <= r.pos <= y1 + 0.5 and r.start <= x0 + 1 and r.end >= x1 - 1]
