"""The typed report model: the SPEC's JSON contract as pydantic classes.

The JSON Schema (`vbparse.json_schema()`) is generated from these classes, so the
contract has exactly one definition.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

if TYPE_CHECKING:  # pragma: no cover
    from .io.frames import Frames

SCHEMA_VERSION = "1"

Kind = Literal["verksamhetsberattelse", "verksamhetsplan", "tertialrapport_1", "tertialrapport_2"]
GoalLevel = Literal["kf_direction", "kf_area", "board", "unit"]
AssessmentCode = Literal["fulfilled", "partly_fulfilled", "not_fulfilled", "not_assessed", "no_data"]
Box = Annotated[list[float], Field(min_length=4, max_length=4)]
"""[x0, top, x1, bottom] in PDF points on the page as shown (top-left origin, y down: pdfplumber's
coordinates), rounded to 0.1 pt. A plain 4-number list, so JSON users need no type to read it."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Value(_Model):
    """A table cell as printed plus its typed reading (`number` is None for text targets)."""

    raw: str
    number: float | None = None
    unit: str | None = None
    page: int | None = None
    box: Box | None = None


class Source(_Model):
    file: str | None = None
    sha256: str | None = None
    pages: int = 0
    parser_version: str | None = None
    """The vbparse version that wrote this, so a file imported years later says what produced it."""


class Leftover(_Model):
    """A run of text that ended in no field (also reported as an `unplaced_text` warning)."""

    page: int | None = None
    text: str
    box: Box | None = None


class Coverage(_Model):
    """Share of the document's characters that ended in a field, page furniture or a label."""

    share: float = 1.0
    total_chars: int = 0
    placed_chars: int = 0
    leftovers: list[Leftover] = Field(default_factory=list)


class ReportMeta(_Model):
    kind: Kind | None = None
    year: int | None = None
    unit: str | None = None
    board: str | None = None
    dnr: str | None = None
    date: str | None = None
    case_officers: list[str] = Field(default_factory=list)


class ParseWarning(_Model):
    code: str
    message: str
    page: int | None = None
    box: Box | None = None


class Check(_Model):
    """One thing the report says twice, compared: a failure names what disagrees; values stay as printed."""

    code: str
    passed: bool
    message: str
    page: int | None = None
    items: list[str] = Field(default_factory=list)
    """JSON-pointer-like paths of the items involved ("/complaints/3"), or file names across reports."""


class Section(_Model):
    title: str
    text: str = ""
    page: int | None = None
    box: Box | None = None
    children: list[Section] = Field(default_factory=list)


class Indicator(_Model):
    name: str
    outcome: Value | None = None
    outcome_men: Value | None = None
    outcome_women: Value | None = None
    previous: Value | None = None
    previous_year: int | None = None
    target: Value | None = None
    kf_target: Value | None = None
    period: str | None = None
    analysis: str | None = None
    page: int | None = None
    box: Box | None = None


class Activity(_Model):
    name: str
    start: str | None = None
    end: str | None = None
    deviation: str | None = None
    analysis: str | None = None
    page: int | None = None
    box: Box | None = None


class Goal(_Model):
    level: GoalLevel
    number: str | None = None
    title: str
    assessment: str | None = None
    assessment_code: AssessmentCode | None = None
    description: str | None = None
    expected_results: list[str] = Field(default_factory=list)
    analysis: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    children: list[Goal] = Field(default_factory=list)
    page: int | None = None
    box: Box | None = None

    def iter_goals(self) -> Iterator[Goal]:
        yield self
        for child in self.children:
            yield from child.iter_goals()


class ComplaintRow(_Model):
    group: str | None = None
    category: str
    t1: int | None = None
    t2: int | None = None
    vb: int | None = None
    total: int | None = None
    unit: str | None = None
    summary: str | None = None
    page: int | None = None
    box: Box | None = None


class Report(_Model):
    """One parsed report. Field order is the JSON contract's order."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    meta: ReportMeta = Field(default_factory=ReportMeta)
    sections: list[Section] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    complaints: list[ComplaintRow] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    coverage: Coverage | None = None
    """How much of the text ended in a field; None for a report not made by the parser."""
    _tables: Any = PrivateAttr(default_factory=list)  # layout.tables.model.Table per table read: for inspect

    def iter_goals(self) -> Iterator[Goal]:
        """Every goal, depth first, in document order."""
        for goal in self.goals:
            yield from goal.iter_goals()

    @property
    def indicators(self) -> list[Indicator]:
        return [ind for g in self.iter_goals() for ind in g.indicators]

    @property
    def activities(self) -> list[Activity]:
        return [act for g in self.iter_goals() for act in g.activities]

    def summary(self) -> str:
        """One line a person can read: unit, kind, year and what was found."""
        m = self.meta
        what = ", ".join(x for x in (m.kind, str(m.year) if m.year else None) if x) or "unknown kind"
        cov = f", coverage {self.coverage.share:.0%}" if self.coverage is not None else ""
        return (
            f"{m.unit or 'unknown unit'} ({what}): {sum(1 for _ in self.iter_goals())} goals, "
            f"{len(self.indicators)} indicators, {len(self.activities)} activities, "
            f"{len(self.complaints)} complaint rows, {len(self.warnings)} warnings{cov}"
        )

    def __repr__(self) -> str:
        file = self.source.file
        return f"<Report {file!r}: {self.summary()}>" if file else f"<Report: {self.summary()}>"

    __str__ = __repr__

    def _repr_html_(self) -> str:
        """Notebook view: the summary, the warnings by code, and the first indicator rows."""
        from html import escape

        from .io.frames import report_frames

        head = f"<p><b>{escape(self.source.file or 'Report')}</b>: {escape(self.summary())}</p>"
        codes: dict[str, int] = {}
        for w in self.warnings:
            codes[w.code] = codes.get(w.code, 0) + 1
        warn = ""
        if codes:
            warn = "<p>warnings: " + ", ".join(f"{escape(c)} × {n}" for c, n in sorted(codes.items())) + "</p>"
        ind = report_frames(self)["indicators"]
        cols = ["name", "outcome_raw", "previous_raw", "target_raw", "kf_target_raw", "period", "page"]
        table = ind[cols].head(10).to_html(index=False, na_rep="", max_cols=len(cols)) if len(ind) else ""
        return head + warn + table

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_frames(self) -> Frames:
        from .io.frames import report_frames

        return report_frames(self)


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the contract, generated from the model."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "vbparse report"
    return schema
