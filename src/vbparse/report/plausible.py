"""Doubt about single values and rows: a table cell whose text no value of its column can
have, an indicator row with no value at all.

An indicator's value cell holds a number ("8,5 %", "1 234"), a dash for no value, or a
text target ("öka", "Tas fram av nämnd"); a period is a year with an optional period
kind ("VB 2024"). Text of any other shape in such a cell most often means the reader put
two cells' text into one ("53 %91,7 %", "-33 48 %") or a name's words into a value: the
field is then wrong, and the report says so instead of passing it on silently.

An indicator row states at least one value (an outcome, a target, a dash for none). A row
holding a name and nothing else is most often a name's wrapped lines read as a row of
their own (over a page break, or under a row pitch measured too small): that row and every
row after it in its table then stand one row off. Likewise a complaint row always names its
category: counts with no category beside them were cut from the category's row.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Indicator, ParseWarning, Report, Value
from ..vocab import DASHES, PERIOD_RE, TEXT_TARGETS, fold

VALUE_COLUMNS = {
    "outcome": "Periodens utfall",
    "outcome_men": "Utfall män",
    "outcome_women": "Utfall kvinnor",
    "previous": "Utfall föregående år",
    "target": "Årsmål",
    "kf_target": "KF:s årsmål",
}


def _readable(value: Value) -> bool:
    if value.number is not None:
        return True
    text = " ".join(fold(value.raw).split())
    return text in DASHES or text in TEXT_TARGETS


def unreadable_values(report: Report) -> Iterator[ParseWarning]:
    """One `value_unreadable` warning per indicator cell whose text is no value of its column."""
    for ind in report.indicators:
        yield from _indicator(ind)


def _indicator(ind: Indicator) -> Iterator[ParseWarning]:
    for field, column in VALUE_COLUMNS.items():
        value: Value | None = getattr(ind, field)
        if value is not None and not _readable(value):
            yield ParseWarning(
                code="value_unreadable",
                page=value.page or ind.page,
                box=value.box if value.page else ind.box,
                message=f"indicator {ind.name[:60]!r}: {column} {value.raw!r} is neither a number nor a text "
                f"target (two cells' text read as one?)",
            )
    if ind.period is not None and not PERIOD_RE.match(ind.period):
        yield ParseWarning(
            code="value_unreadable",
            page=ind.page,
            box=ind.box,
            message=f"indicator {ind.name[:60]!r}: period {ind.period!r} is not a year",
        )


def rows_without_values(report: Report) -> Iterator[ParseWarning]:
    """One `row_without_values` warning per indicator row with no value and no period."""
    for ind in report.indicators:
        if ind.period is None and all(getattr(ind, field) is None for field in VALUE_COLUMNS):
            yield ParseWarning(
                code="row_without_values",
                page=ind.page,
                box=ind.box,
                message=f"indicator {ind.name[:60]!r} has no value in any column (the wrapped lines of the "
                f"name above, read as a row of their own?)",
            )


def complaints_without_category(report: Report) -> Iterator[ParseWarning]:
    """One `complaint_without_category` warning per complaint row with counts or a summary
    and no category text."""
    for row in report.complaints:
        if not row.category.strip():
            counts = ", ".join(
                f"{k} {v}"
                for k, v in (("T1", row.t1), ("T2", row.t2), ("VB", row.vb), ("total", row.total))
                if v is not None
            )
            yield ParseWarning(
                code="complaint_without_category",
                page=row.page,
                box=row.box,
                message=f"complaint row without a category ({counts or 'no counts'}; group {row.group!r}): "
                f"its counts were cut from the row of the category above or below?",
            )
