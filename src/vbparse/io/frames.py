"""A Report as seven flat pandas tables, for analysis across reports.

Every frame has a fixed column order and pandas' nullable dtypes (`Float64`, `Int64`,
`string`), also when empty, so frames from many reports concatenate without dtype drift.
Closed vocabularies (goal level, assessment code, report kind) are categoricals;
`assessment_code` is ordered (no_data < not_assessed < not_fulfilled < partly_fulfilled
< fulfilled), so `df[df.assessment_code >= "partly_fulfilled"]` works.
Activity dates are `datetime64[ns]` (midnight; `NaT` when missing or not a date).
Every row carries `report_id`, `file` and `dnr`, so frames from many years join.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypedDict

import pandas as pd

from ..vocab import fold, split_period

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ComplaintRow, Goal, Report, Section, Value

FRAME_NAMES = ("goals", "indicators", "activities", "complaints", "sections", "warnings", "checks")


class Frames(TypedDict):
    """What `to_frames()` returns: one DataFrame per kind of row."""

    goals: pd.DataFrame
    indicators: pd.DataFrame
    activities: pd.DataFrame
    complaints: pd.DataFrame
    sections: pd.DataFrame
    warnings: pd.DataFrame
    checks: pd.DataFrame


STR = "string"
FLOAT = "Float64"
INT = "Int64"
DATE = "datetime64[ns]"
LEVEL = pd.CategoricalDtype(["kf_direction", "kf_area", "board", "unit"])
ASSESSMENT = pd.CategoricalDtype(
    ["no_data", "not_assessed", "not_fulfilled", "partly_fulfilled", "fulfilled"], ordered=True
)
KIND = pd.CategoricalDtype(["verksamhetsplan", "tertialrapport_1", "tertialrapport_2", "verksamhetsberattelse"])
PERIOD_KIND = pd.CategoricalDtype(["VP", "T1", "T2", "VB", "year"])

REPORT_KEY: dict[str, Any] = {"report_id": STR, "file": STR, "dnr": STR}
"""First on every row of every frame: which report it comes from (report_id: sha256 prefix)."""
REPORT_ID_LENGTH = 16

GOAL_PATH: dict[str, str] = {
    "kf_direction_number": STR,
    "kf_direction_title": STR,
    "kf_area_number": STR,
    "kf_area_title": STR,
    "board_title": STR,
    "unit_title": STR,
    "goal_level": LEVEL,
    "goal_title": STR,
    "goal_id": STR,
}
"""Columns that place an indicator or activity in the goal tree."""

VALUE_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "target", "kf_target")


def _value_columns(field: str) -> dict[str, str]:
    return {field: FLOAT, f"{field}_raw": STR, f"{field}_unit": STR}


BOX_SIDES = ("x0", "top", "x1", "bottom")
BOX_COLUMNS: dict[str, str] = {f"box_{side}": FLOAT for side in BOX_SIDES}
"""The row's item's box (provenance.py), last on every item frame: plain numbers, so
`df[(df.page == 7) & (df.box_top > 400)]` finds what was read low on page 7."""


def _value_box_columns(field: str) -> dict[str, str]:
    """Where a Value was read: `<field>_page` and its box as `<field>_x0` … `<field>_bottom`."""
    return {f"{field}_page": INT, **{f"{field}_{side}": FLOAT for side in BOX_SIDES}}


def _box(prefix: str, box: list[float] | None) -> dict[str, Any]:
    """A box as its four columns, `<prefix>x0` … `<prefix>bottom` (nulls when there is none)."""
    return dict(zip((f"{prefix}{side}" for side in BOX_SIDES), box or (None,) * 4, strict=True))


def _value_box(prefix: str, value: Value | None) -> dict[str, Any]:
    """A Value's page and box as `<prefix>page`, `<prefix>x0` … `<prefix>bottom`."""
    return {f"{prefix}page": value.page if value else None, **_box(prefix, value.box if value else None)}


COLUMNS: dict[str, dict[str, Any]] = {
    "goals": {
        "goal_id": STR,
        "level": LEVEL,
        "number": STR,
        "title": STR,
        "assessment": STR,
        "assessment_code": ASSESSMENT,
        "description": STR,
        "expected_results": STR,
        "analysis": STR,
        "page": INT,
        "parent_goal_id": STR,
        "parent_level": LEVEL,
        "parent_number": STR,
        "parent_title": STR,
        "kf_direction_number": STR,
        "kf_area_number": STR,
        **BOX_COLUMNS,
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
        "period_kind": PERIOD_KIND,
        "period_year": INT,
        "analysis": STR,
        "page": INT,
        **BOX_COLUMNS,
        **{col: t for f in VALUE_FIELDS for col, t in _value_box_columns(f).items()},
    },
    "activities": {
        **GOAL_PATH,
        "name": STR,
        "start": DATE,
        "end": DATE,
        "deviation": STR,
        "analysis": STR,
        "page": INT,
        **BOX_COLUMNS,
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
        **BOX_COLUMNS,
    },
    "sections": {
        "title": STR,
        "text": STR,
        "page": INT,
        "depth": INT,
        "parent_title": STR,
        "path": STR,
        **BOX_COLUMNS,
    },
    "warnings": {
        "page": INT,
        "code": STR,
        "message": STR,
        **BOX_COLUMNS,
    },
    "checks": {
        "code": STR,
        "passed": "boolean",
        "message": STR,
        "page": INT,
        "items": STR,
    },
}
"""Column name -> dtype of every frame, in output order: the frames' contract."""

PATH_SEP = " > "
"""Joins section titles in the `sections.path` column."""


def make_frame(rows: list[dict[str, Any]], columns: dict[str, Any]) -> pd.DataFrame:
    """Rows -> a frame with exactly `columns`, in order, with their dtypes (also when empty)."""
    names = list(columns)
    df = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    for col, dtype in columns.items():
        if dtype == DATE:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce").astype(DATE)
        else:
            df[col] = df[col].astype(dtype)
    return df.reset_index(drop=True)


def empty_frames() -> Frames:
    """The frames with no rows: right columns, right dtypes."""
    return Frames(**{name: make_frame([], {**REPORT_KEY, **COLUMNS[name]}) for name in FRAME_NAMES})  # type: ignore[typeddict-item]


def report_key(report: Report) -> dict[str, Any]:
    """The columns that say which report a row comes from."""
    sha = report.source.sha256
    name = report.source.file
    return {
        "report_id": sha[:REPORT_ID_LENGTH] if sha else None,
        "file": os.path.basename(name) if name else None,
        "dnr": report.meta.dnr,
    }


def goal_id(chain: tuple[Goal, ...]) -> str:
    """A stable id from the goal's path in the tree (level and number, else folded title, per step).

    Board and unit goals have no number, so the number alone cannot tell them apart; the
    same path in next year's report gives the same id.
    """
    path = "/".join(f"{g.level}:{g.number or fold(g.title)}" for g in chain)
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:12]


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
        "goal_id": goal_id(chain),
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
            "goal_id": goal_id(chain),
            "level": goal.level,
            "number": goal.number,
            "title": goal.title,
            "assessment": goal.assessment,
            "assessment_code": goal.assessment_code,
            "description": goal.description,
            "expected_results": "\n".join(goal.expected_results) if goal.expected_results else None,
            "analysis": goal.analysis,
            "page": goal.page,
            "parent_goal_id": goal_id(ancestors) if ancestors else None,
            "parent_level": parent.level if parent else None,
            "parent_number": parent.number if parent else None,
            "parent_title": parent.title if parent else None,
            "kf_direction_number": direction.number if direction else None,
            "kf_area_number": area.number if area else None,
            **_box("box_", goal.box),
        }


def _indicator_rows(report: Report) -> Iterator[dict[str, Any]]:
    for goal, ancestors in _walk(report.goals):
        path = _goal_path((*ancestors, goal))
        for ind in goal.indicators:
            row: dict[str, Any] = {**path, "name": ind.name}
            for field in VALUE_FIELDS:
                row.update(_value(field, getattr(ind, field)))
            period_kind, period_year = split_period(ind.period)
            row.update(
                previous_year=ind.previous_year,
                period=ind.period,
                period_kind=period_kind,
                period_year=period_year,
                analysis=ind.analysis,
                page=ind.page,
            )
            row.update(_box("box_", ind.box))
            for field in VALUE_FIELDS:
                value = getattr(ind, field)
                row.update(_value_box(f"{field}_", value))
            yield row


def _activity_rows(report: Report) -> Iterator[dict[str, Any]]:
    for goal, ancestors in _walk(report.goals):
        path = _goal_path((*ancestors, goal))
        for act in goal.activities:
            yield {**path, **act.model_dump(include=set(COLUMNS["activities"])), **_box("box_", act.box)}


def _complaint_row(row: ComplaintRow) -> dict[str, Any]:
    """`unit` ("st") becomes `count_unit`: Corpus frames use `unit` for the report's unit."""
    out = row.model_dump()
    out["count_unit"] = out.pop("unit")
    out.update(_box("box_", out.pop("box")))
    return out


def _section_rows(sections: list[Section], depth: int = 0, parents: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    for sec in sections:
        titles = (*parents, sec.title)
        yield {
            "title": sec.title,
            "text": sec.text,
            "page": sec.page,
            "depth": depth,
            "parent_title": parents[-1] if parents else None,
            "path": PATH_SEP.join(titles),
            **_box("box_", sec.box),
        }
        yield from _section_rows(sec.children, depth + 1, titles)


def report_rows(report: Report) -> dict[str, list[dict[str, Any]]]:
    """The frames' rows as plain dicts (what report_frames types), each with the report key first."""
    key = report_key(report)
    parts = {
        "goals": _goal_rows(report),
        "indicators": _indicator_rows(report),
        "activities": _activity_rows(report),
        "complaints": (_complaint_row(c) for c in report.complaints),
        "sections": _section_rows(report.sections),
        "warnings": (
            {**w.model_dump(include={"page", "code", "message"}), **_box("box_", w.box)} for w in report.warnings
        ),
        "checks": ({**c.model_dump(), "items": "; ".join(c.items)} for c in report.checks),
    }
    return {name: [{**key, **row} for row in rows] for name, rows in parts.items()}


def report_frames(report: Report) -> Frames:
    """The report as frames keyed goals, indicators, activities, complaints, sections, warnings."""
    rows = report_rows(report)
    return Frames(**{name: make_frame(rows[name], {**REPORT_KEY, **COLUMNS[name]}) for name in FRAME_NAMES})  # type: ignore[typeddict-item]


MEASURES = ("outcome", "outcome_men", "outcome_women", "target", "kf_target", "previous")

TIMESERIES_COLUMNS: dict[str, Any] = {
    **REPORT_KEY,
    "unit": STR,
    "year": INT,
    "kind": KIND,
    "goal_id": STR,
    "indicator": STR,
    "period": STR,
    "period_kind": PERIOD_KIND,
    "period_year": INT,
    "measure": STR,
    "value": FLOAT,
    "raw": STR,
    "value_unit": STR,
    "page": INT,
    **_value_box_columns("value"),
}
"""The long frame: one row per (report, indicator, period, measure); `value_page` and
`value_x0` … `value_bottom` say where the value was read."""


def timeseries_rows(report: Report) -> Iterator[dict[str, Any]]:
    """Every printed value of every indicator as its own row.

    `previous` ("Utfall VB 2022" in the 2023 report) is a value for the previous year, so
    its period is that year's: a pivot by period_year sees it beside that year's outcome.
    """
    key = report_key(report)
    meta = report.meta
    for goal, ancestors in _walk(report.goals):
        gid = goal_id((*ancestors, goal))
        for ind in goal.indicators:
            period_kind, period_year = split_period(ind.period)
            for measure in MEASURES:
                value = getattr(ind, measure)
                if value is None:
                    continue
                if measure == "previous":
                    kind, year = ("VB", ind.previous_year) if ind.previous_year else (None, None)
                    period = f"VB {year}" if year else None
                else:
                    kind, year, period = period_kind, period_year, ind.period
                yield {
                    **key,
                    "unit": meta.unit,
                    "year": meta.year,
                    "kind": meta.kind,
                    "goal_id": gid,
                    "indicator": ind.name,
                    "period": period,
                    "period_kind": kind,
                    "period_year": year,
                    "measure": measure,
                    "value": value.number,
                    "raw": value.raw,
                    "value_unit": value.unit,
                    "page": ind.page,
                    **_value_box("value_", value),
                }


def timeseries(reports: list[Report]) -> pd.DataFrame:
    """The long, tidy frame over reports: `pivot_table(index=..., columns="period_year")` is one line."""
    return make_frame([row for r in reports for row in timeseries_rows(r)], TIMESERIES_COLUMNS)
