"""A Report as five flat pandas tables, for analysis across reports.

Every frame has a fixed column order and pandas' nullable dtypes (`Float64`, `Int64`,
`string`), also when empty, so frames from many reports concatenate without dtype drift.
Activity dates are `datetime64[ns]` (midnight; `NaT` when missing or not a date).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .model import ComplaintRow, Goal, Report, Section, Value

FRAME_NAMES = ("goals", "indicators", "activities", "complaints", "sections")

STR = "string"
FLOAT = "Float64"
INT = "Int64"
DATE = "datetime64[ns]"

GOAL_PATH: dict[str, str] = {
    "kf_direction_number": STR,
    "kf_direction_title": STR,
    "kf_area_number": STR,
    "kf_area_title": STR,
    "board_title": STR,
    "unit_title": STR,
    "goal_level": STR,
    "goal_title": STR,
}
"""Columns that place an indicator or activity in the goal tree."""

VALUE_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "target", "kf_target")


def _value_columns(field: str) -> dict[str, str]:
    return {field: FLOAT, f"{field}_raw": STR, f"{field}_unit": STR}


COLUMNS: dict[str, dict[str, str]] = {
    "goals": {
        "level": STR,
        "number": STR,
        "title": STR,
        "assessment": STR,
        "assessment_code": STR,
        "description": STR,
        "expected_results": STR,
        "analysis": STR,
        "page": INT,
        "parent_level": STR,
        "parent_number": STR,
        "parent_title": STR,
        "kf_direction_number": STR,
        "kf_area_number": STR,
    },
    "indicators": {
        **GOAL_PATH,
        "name": STR,
        **_value_columns("outcome"),
        **_value_columns("outcome_men"),
        **_value_columns("outcome_women"),
        **_value_columns("previous"),
        "previous_year": INT,
        **_value_columns("target"),
        **_value_columns("kf_target"),
        "period": STR,
        "analysis": STR,
        "page": INT,
    },
    "activities": {
        **GOAL_PATH,
        "name": STR,
        "start": DATE,
        "end": DATE,
        "deviation": STR,
        "analysis": STR,
        "page": INT,
    },
    "complaints": {
        "group": STR,
        "category": STR,
        "t1": INT,
        "t2": INT,
        "vb": INT,
        "total": INT,
        "count_unit": STR,
        "summary": STR,
        "page": INT,
    },
    "sections": {
        "title": STR,
        "text": STR,
        "page": INT,
        "depth": INT,
        "parent_title": STR,
        "path": STR,
    },
}
"""Column name -> dtype of every frame, in output order: the frames' contract."""

PATH_SEP = " > "
"""Joins section titles in the `sections.path` column."""


def make_frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """Rows -> a frame with exactly `columns`, in order, with their dtypes (also when empty)."""
    names = list(columns)
    df = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    for col, dtype in columns.items():
        if dtype == DATE:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce").astype(DATE)
        else:
            df[col] = df[col].astype(dtype)
    return df.reset_index(drop=True)


def empty_frames() -> dict[str, pd.DataFrame]:
    """The five frames with no rows: right columns, right dtypes."""
    return {name: make_frame([], COLUMNS[name]) for name in FRAME_NAMES}


def _walk(goals: list[Goal], ancestors: tuple[Goal, ...] = ()) -> Iterator[tuple[Goal, tuple[Goal, ...]]]:
    for goal in goals:
        yield goal, ancestors
        yield from _walk(goal.children, (*ancestors, goal))


def _nearest(chain: tuple[Goal, ...], level: str) -> Goal | None:
    """The closest goal of `level` in chain (the goal itself last), if any."""
    for goal in reversed(chain):
        if goal.level == level:
            return goal
    return None


def _goal_path(chain: tuple[Goal, ...]) -> dict[str, Any]:
    """Where in the tree a table row sits: its KF goals, board and unit goal, and its own goal."""
    direction, area = _nearest(chain, "kf_direction"), _nearest(chain, "kf_area")
    board, unit = _nearest(chain, "board"), _nearest(chain, "unit")
    own = chain[-1]
    return {
        "kf_direction_number": direction.number if direction else None,
        "kf_direction_title": direction.title if direction else None,
        "kf_area_number": area.number if area else None,
        "kf_area_title": area.title if area else None,
        "board_title": board.title if board else None,
        "unit_title": unit.title if unit else None,
        "goal_level": own.level,
        "goal_title": own.title,
    }


def _value(field: str, value: Value | None) -> dict[str, Any]:
    if value is None:
        return {field: None, f"{field}_raw": None, f"{field}_unit": None}
    return {field: value.number, f"{field}_raw": value.raw, f"{field}_unit": value.unit}


def _goal_rows(report: Report) -> Iterator[dict[str, Any]]:
    for goal, ancestors in _walk(report.goals):
        chain = (*ancestors, goal)
        parent = ancestors[-1] if ancestors else None
        direction, area = _nearest(chain, "kf_direction"), _nearest(chain, "kf_area")
        yield {
            "level": goal.level,
            "number": goal.number,
            "title": goal.title,
            "assessment": goal.assessment,
            "assessment_code": goal.assessment_code,
            "description": goal.description,
            "expected_results": "\n".join(goal.expected_results) if goal.expected_results else None,
            "analysis": goal.analysis,
            "page": goal.page,
            "parent_level": parent.level if parent else None,
            "parent_number": parent.number if parent else None,
            "parent_title": parent.title if parent else None,
            "kf_direction_number": direction.number if direction else None,
            "kf_area_number": area.number if area else None,
        }


def _indicator_rows(report: Report) -> Iterator[dict[str, Any]]:
    for goal, ancestors in _walk(report.goals):
        path = _goal_path((*ancestors, goal))
        for ind in goal.indicators:
            row: dict[str, Any] = {**path, "name": ind.name}
            for field in VALUE_FIELDS:
                row.update(_value(field, getattr(ind, field)))
            row.update(
                previous_year=ind.previous_year, period=ind.period, analysis=ind.analysis, page=ind.page
            )
            yield row


def _activity_rows(report: Report) -> Iterator[dict[str, Any]]:
    for goal, ancestors in _walk(report.goals):
        path = _goal_path((*ancestors, goal))
        for act in goal.activities:
            yield {**path, **act.model_dump(include=set(COLUMNS["activities"]))}


def _complaint_row(row: ComplaintRow) -> dict[str, Any]:
    """`unit` ("st") becomes `count_unit`: Corpus frames use `unit` for the report's unit."""
    out = row.model_dump()
    out["count_unit"] = out.pop("unit")
    return out


def _section_rows(
    sections: list[Section], depth: int = 0, parents: tuple[str, ...] = ()
) -> Iterator[dict[str, Any]]:
    for sec in sections:
        titles = (*parents, sec.title)
        yield {
            "title": sec.title,
            "text": sec.text,
            "page": sec.page,
            "depth": depth,
            "parent_title": parents[-1] if parents else None,
            "path": PATH_SEP.join(titles),
        }
        yield from _section_rows(sec.children, depth + 1, titles)


def report_rows(report: Report) -> dict[str, list[dict[str, Any]]]:
    """The frames' rows as plain dicts (what report_frames types); cheap to merge over reports."""
    return {
        "goals": list(_goal_rows(report)),
        "indicators": list(_indicator_rows(report)),
        "activities": list(_activity_rows(report)),
        "complaints": [_complaint_row(c) for c in report.complaints],
        "sections": list(_section_rows(report.sections)),
    }


def report_frames(report: Report) -> dict[str, pd.DataFrame]:
    """The report as frames keyed goals, indicators, activities, complaints, sections."""
    rows = report_rows(report)
    return {name: make_frame(rows[name], COLUMNS[name]) for name in FRAME_NAMES}
