"""Document-wide typography: body size, heading sizes, line pitch, text column edge.

Headings are told apart by weight and size relative to the body text of the same
document, never by absolute points: another office's template has other sizes.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lines import Line, can_be_pitch, smallest_recurring


@dataclass
class Style:
    body_size: float
    heading_sizes: list[float]  # distinct bold sizes above body, largest first
    pitch: float
    right_edge: float
    pitches: dict[float, float]
    page_right: dict[int, float] = field(default_factory=dict)  # by page, for pages of its width

    def right_at(self, page: int) -> float:
        """Where text may reach on this page: pages of another width (landscape) have their own."""
        return self.page_right.get(page, self.right_edge)

    def pitch_for(self, lines: Sequence[Line]) -> float:
        """Line pitch of text set at these lines' size (tables and body differ)."""
        if not lines:
            return self.pitch
        size = round(statistics.median(ln.size for ln in lines) * 2) / 2
        if size in self.pitches:
            return self.pitches[size]
        return 1.2 * size  # a typical single-spaced leading

    def heading_rank(self, size: float) -> int | None:
        """1 for the largest heading size, 2 for the next…; None for body-size text."""
        if size < self.body_size + 0.6:
            return None
        for i, s in enumerate(self.heading_sizes, start=1):
            if abs(size - s) <= 0.6:
                return i
        return len(self.heading_sizes) + 1


def measure(lines: Sequence[Line], widths: dict[int, float] | None = None) -> Style:
    sizes: Counter[float] = Counter()
    for ln in lines:
        for w in ln.words:
            if not w.bold:
                sizes[round(w.size * 2) / 2] += len(w.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    heads: Counter[float] = Counter()
    for ln in lines:
        if ln.bold and ln.size >= body + 0.6:
            heads[round(ln.size * 2) / 2] += 1
    merged: list[float] = []
    for s in sorted(heads, reverse=True):
        if not merged or merged[-1] - s > 0.6:
            merged.append(s)
    body_lines = [ln for ln in lines if not ln.bold and abs(ln.size - body) <= 0.6 and len(ln.words) > 3]
    gaps = [b.ref - a.ref for a, b in itertools.pairwise(body_lines) if can_be_pitch(a, b)]
    pitch = smallest_recurring(gaps) if gaps else body * 1.2
    x1s = sorted(ln.x1 for ln in lines if not ln.bold and len(ln.words) > 3)
    right = x1s[-1] if x1s else 500.0  # nothing set as text passes the right margin
    page_right: dict[int, float] = {}
    if widths:
        # pages of one width share their right margin; a landscape page's is not a portrait one's
        by_width: dict[float, list[float]] = {}
        for ln in lines:
            if not ln.bold and len(ln.words) > 3 and ln.page in widths:
                by_width.setdefault(round(widths[ln.page]), []).append(ln.x1)
        for page, w in widths.items():
            if round(w) in by_width:
                page_right[page] = max(by_width[round(w)])
    by_size: dict[float, list[float]] = {}
    plain = [ln for ln in lines if not ln.bold and len(ln.words) > 2]
    for a, b in itertools.pairwise(plain):
        # only gaps that can be a line pitch: table rows and paragraph gaps are larger
        if abs(a.size - b.size) < 0.3 and can_be_pitch(a, b):
            by_size.setdefault(round(a.size * 2) / 2, []).append(b.ref - a.ref)
    pitches = {k: smallest_recurring(v) for k, v in by_size.items() if len(v) >= 3}
    return Style(body, merged, pitch, right, pitches, page_right)
