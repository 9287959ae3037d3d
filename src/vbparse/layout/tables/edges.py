"""Ruling lines as a table sees them: one edge per drawn line, whatever the producer.

Producers draw the same grid differently: one path per table edge (Word), one segment
per cell edge (HTML with `border-collapse: separate`), double borders, rules a little
longer than the cell. Collinear segments that touch are one edge; two parallel edges
closer than any text line could fit between are one (a double border).
"""

from __future__ import annotations

from ...pdf.reading import Box, PageData, Rule

SAME_LINE = 0.8  # pt: segments of one drawn line differ by less than a rule's width
JOIN_GAP = 3.0  # pt: a per-cell segment stops short of the next by about a border's width
DOUBLE_GAP = 3.5  # pt: a double border's two strokes; no text line fits in between


def merge(rules: list[Rule]) -> list[Rule]:
    """Collinear touching segments joined, then double strokes folded into one edge."""
    out: list[Rule] = []
    for line in _collinear(rules):
        for r in _joined(line):
            twin = next(
                (
                    o
                    for o in reversed(out)
                    if r.pos - o.pos <= DOUBLE_GAP
                    and min(o.end, r.end) - max(o.start, r.start) >= 0.8 * min(o.end - o.start, r.end - r.start)
                ),
                None,
            )
            if twin is None:
                out.append(r)
            else:
                twin.pos = (twin.pos + r.pos) / 2
                twin.start, twin.end = min(twin.start, r.start), max(twin.end, r.end)
    return sorted(out, key=lambda r: (r.pos, r.start))


def _collinear(rules: list[Rule]) -> list[list[Rule]]:
    """Segments grouped by position: each group is one drawn line's pieces."""
    groups: list[list[Rule]] = []
    for r in sorted(rules, key=lambda r: r.pos):
        if groups and r.pos - groups[-1][-1].pos <= SAME_LINE:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _joined(line: list[Rule]) -> list[Rule]:
    pos = sum(r.pos for r in line) / len(line)
    out: list[Rule] = []
    for r in sorted(line, key=lambda r: r.start):
        if out and r.start <= out[-1].end + JOIN_GAP:
            out[-1].end = max(out[-1].end, r.end)
        else:
            out.append(Rule(pos, r.start, r.end))
    return out


def fill_edges(fills: list[Box]) -> list[Rule]:
    """The top and bottom of every filled area: a shaded row is bounded like a ruled one."""
    return [Rule(y, f.x0, f.x1) for f in fills for y in (f.top, f.bottom)]


def normalise(page: PageData) -> None:
    """Replace a page's rule segments by its edges (once per page, before any table reads it)."""
    page.hrules = merge(page.hrules)
    page.vrules = merge(page.vrules)
