"""A complaints-table row as it is read: its lines and cells before they become a ComplaintRow."""

from __future__ import annotations

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

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2
