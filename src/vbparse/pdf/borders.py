"""Words cut where a cell border runs between two of their characters.

With zero cell padding the texts of neighbouring cells touch, and every reader makes one
word of them ("VBTotalt", "22st"). Where the page itself draws the border between them
(a vertical rule, or the edge two shaded cells share) and it passes exactly at a
character boundary of the word, the word is two cells' texts: it is cut there. A border
that passes mid-character cuts nothing (a rule drawn across text is no cell edge).
Both readers run this on their words, so they stay alike.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from .reading import Box, Rule, Word

BORDER_TOL = 0.75
"""pt: a character boundary this close to a border is on it (positions are exact to ~0.1 pt;
a rule's stroke is up to a point wide)."""
SHARED_TOL = 0.5
"""pt: two fills whose edges are this close share a border (two shaded cells side by side)."""


def shared_fill_edges(fills: Sequence[Box]) -> list[Rule]:
    """Vertical borders between shaded areas side by side (cells shaded one by one): where
    fills end and others start at one x, over the heights both cover.

    Fills are grouped by edge position, so a page flooded with rectangles costs
    n log n, not n squared."""
    ends: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    starts: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    for f in fills:
        ends[round(f.x1 / SHARED_TOL)].append((f.top, f.bottom, f.x1))
        starts[round(f.x0 / SHARED_TOL)].append((f.top, f.bottom, f.x0))
    out: list[Rule] = []
    for key, left in ends.items():
        right = [iv for k in (key - 1, key, key + 1) for iv in starts.get(k, ())]
        if not right:
            continue
        x = (sum(iv[2] for iv in left) / len(left) + sum(iv[2] for iv in right) / len(right)) / 2
        out += [Rule(x, top, bottom) for top, bottom in _common(_union(left), _union(right))]
    return out


def _union(ivs: Sequence[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """The vertical intervals (top, bottom) merged where they overlap, top to bottom."""
    out: list[tuple[float, float]] = []
    for top, bottom, _ in sorted(ivs):
        if out and top <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], bottom))
        else:
            out.append((top, bottom))
    return out


def _common(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where two sorted, disjoint interval lists overlap."""
    out: list[tuple[float, float]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        top, bottom = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if bottom > top:
            out.append((top, bottom))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def cut_at_borders(words: list[Word], vrules: Sequence[Rule], fills: Sequence[Box]) -> list[Word]:
    """`words` with every word that a border crosses at a character boundary cut there."""
    borders = _by_position([*vrules, *shared_fill_edges(fills)])
    if not borders:
        return words
    xs = [x for x, _, _ in borders]
    out: list[Word] = []
    for w in words:
        if not w.cuts:
            out.append(w)
            continue
        inset = 0.2 * (w.bottom - w.top)  # the border runs past the glyphs, not only their middle
        upper, lower = w.top + inset, w.bottom - inset
        at: set[int] = set()
        for x, tops, spans in borders[
            bisect.bisect_right(xs, w.x0 + BORDER_TOL) : bisect.bisect_left(xs, w.x1 - BORDER_TOL)
        ]:
            i = bisect.bisect_right(tops, upper) - 1
            if i >= 0 and spans[i][1] >= lower:
                k = _boundary(w, x)
                if k is not None:
                    at.add(k)
        if not at:
            out.append(w)
            continue
        start = 0
        for k in [*sorted(at), len(w.text)]:
            out.append(_piece(w, start, k))
            start = k
    return out


def _by_position(rules: Sequence[Rule]) -> list[tuple[float, list[float], list[tuple[float, float]]]]:
    """Rules at one x (within SHARED_TOL) as one border: x, the tops of its merged spans, the spans."""
    groups: dict[int, list[Rule]] = defaultdict(list)
    for r in rules:
        groups[round(r.pos / SHARED_TOL)].append(r)
    out: list[tuple[float, list[float], list[tuple[float, float]]]] = []
    for rs in groups.values():
        spans = _union([(r.start, r.end, 0.0) for r in rs])
        out.append((sum(r.pos for r in rs) / len(rs), [t for t, _ in spans], spans))
    return sorted(out, key=lambda b: b[0])


def _boundary(w: Word, x: float) -> int | None:
    """Index of the character of `w` (never the first) that starts within BORDER_TOL of x."""
    assert w.cuts is not None
    i = bisect.bisect_left(w.cuts, x - BORDER_TOL)
    if i < len(w.cuts) and abs(w.cuts[i] - x) <= BORDER_TOL:
        if i + 1 < len(w.cuts) and abs(w.cuts[i + 1] - x) < abs(w.cuts[i] - x):
            i += 1
        return i + 1
    return None


def _piece(w: Word, i: int, k: int) -> Word:
    """Characters i..k-1 of `w` as a word of their own."""
    assert w.cuts is not None
    x0 = w.x0 if i == 0 else w.cuts[i - 1]
    x1 = w.x1 if k == len(w.text) else w.cuts[k - 1]
    return Word(w.text[i:k], x0, x1, w.top, w.bottom, w.size, w.bold, w.page, w.cuts[i : k - 1])
