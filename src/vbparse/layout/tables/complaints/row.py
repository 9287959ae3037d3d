"""A complaints-table row as it is read: its lines and cells before they become a ComplaintRow."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ....pdf.reading import Word
from ...lines import Line

_COUNT_ROLES = ("t1", "t2", "vb", "total")  # the count columns, in their order


@dataclass
class _Row:
    page: int
    top: float
    bottom: float = 0.0
    end_page: int = 0  # the page of the row's last line (a row may run over a page break)
    cat: list[Line] = field(default_factory=list)
    cells: dict[str, list[Word]] = field(default_factory=dict)
    summary: list[Line] = field(default_factory=list)
    # the summary column's reach over the whole table: where its lines end at most, and
    # its widest line (a word broken mid-word fills its line to there)
    summary_edge: float = math.inf
    summary_room: float = 0.0
    summary_whole: frozenset[str] = frozenset()  # words alone on a line with unlike lines below
    summary_again: frozenset[str] = frozenset()  # words alone on a line twice over one next word
    summary_starts: frozenset[str] = frozenset()  # words opening lines after unlike words
    cat_whole: frozenset[str] = frozenset()  # the category column's words alone on a line over unlike words

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2
