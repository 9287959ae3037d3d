"""Property: a random report, drawn to PDF by the fast writer, parses back to itself.

Random goal trees, empty cells anywhere, long wrapping names, negative / decimal /
thousands / percent / text values, long analyses, tables crossing pages, 0–N complaint
groups. Paragraphs are single sentences: a paragraph whose last line happens to fill the
line, at a page break, is ambiguous for any reader (see docs/design.md).

Default run: a few derandomized examples per look. `VBPARSE_HYPOTHESIS=long` for more.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from accuracy import compare
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import vbparse
from fixtures.render import looks, rl_writer

settings.register_profile(
    "default_rt",
    max_examples=5,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long_rt", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
PROFILE = "long_rt" if os.environ.get("VBPARSE_HYPOTHESIS") == "long" else "default_rt"

WORDS = [
    "verksamhet",
    "enheten",
    "brukare",
    "stöd",
    "service",
    "personal",
    "arbete",
    "kvalitet",
    "utveckling",
    "medarbetare",
    "insatser",
    "mål",
    "resultat",
    "uppföljning",
    "rutiner",
    "dialog",
    "samverkan",
    "planering",
    "delaktighet",
    "trygghet",
    "boende",
    "daglig",
    "omsorg",
    "hälsa",
    "miljö",
    "klimat",
    "budget",
    "ekonomi",
    "kompetens",
    "utbildning",
    "närvaro",
]
TEXT_TARGETS = ["öka", "minska", "Tas fram av nämnd", "Tas fram av nämnd/styrelse"]


def _sentence(draw: st.DrawFn, lo: int, hi: int) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi))
    text = " ".join(words) or "verksamhet"
    return text[0].upper() + text[1:] + "."


@st.composite
def names(draw: st.DrawFn, hi: int = 14) -> str:
    return _sentence(draw, 1, hi).rstrip(".")


@st.composite
def texts(draw: st.DrawFn, paras: int = 3, hi: int = 40) -> str:
    return "\n".join(_sentence(draw, 3, hi) for _ in range(draw(st.integers(1, paras))))


@st.composite
def values(draw: st.DrawFn) -> dict[str, Any] | None:
    kind = draw(st.sampled_from(["none", "none", "pct", "dec", "int", "thousands", "neg", "text"]))
    if kind == "none":
        return None
    if kind == "text":
        raw = draw(st.sampled_from(TEXT_TARGETS))
        return {"raw": raw, "number": None, "unit": None}
    if kind == "thousands":
        n = draw(st.integers(1000, 99999))
        return {"raw": f"{n // 1000} {n % 1000:03d}", "number": float(n), "unit": None}
    whole = draw(st.integers(0, 120))
    if kind in ("dec", "neg"):
        frac = draw(st.integers(1, 9))
        num = whole + frac / 10
        raw = f"{whole},{frac}"
        if kind == "neg":
            num, raw = -num, "-" + raw
        return (
            {"raw": raw + " %", "number": num, "unit": "%"}
            if draw(st.booleans())
            else {"raw": raw, "number": num, "unit": None}
        )
    if kind == "pct":
        return {"raw": f"{whole} %", "number": float(whole), "unit": "%"}
    return {"raw": str(whole), "number": float(whole), "unit": None}


@st.composite
def indicators(draw: st.DrawFn, year: int) -> dict[str, Any]:
    return {
        "name": draw(names(18)),
        "outcome": draw(values()),
        "outcome_men": draw(values()),
        "outcome_women": draw(values()),
        "previous": draw(values()),
        "previous_year": year - 1,
        "target": draw(values()),
        "kf_target": draw(values()),
        "period": draw(st.sampled_from([str(year), f"VB {year}"])),
        "analysis": draw(st.one_of(st.none(), texts(3, 60))),
        "page": None,
    }


@st.composite
def activities(draw: st.DrawFn, year: int) -> dict[str, Any]:
    return {
        "name": draw(names(20)),
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "deviation": None,
        "analysis": draw(st.one_of(st.none(), texts(2, 40))),
        "page": None,
    }


ASSESS = {
    "unit": [
        ("Uppfylls helt", "fulfilled"),
        ("Uppfylls delvis", "partly_fulfilled"),
        ("Uppfylls inte", "not_fulfilled"),
    ],
    "other": [("Ingen", "not_assessed"), ("Inga data", "no_data")],
}


@st.composite
def goal(draw: st.DrawFn, level: str, number: str | None, year: int, depth: int) -> dict[str, Any]:
    a_text, a_code = draw(st.sampled_from(ASSESS["unit" if level == "unit" else "other"]))
    inds = draw(st.lists(indicators(year), max_size=3)) if level != "kf_direction" else []
    acts = draw(st.lists(activities(year), max_size=2)) if level == "board" else []
    children: list[dict[str, Any]] = []
    nxt = {"kf_direction": "kf_area", "kf_area": "board", "board": "unit"}.get(level)
    if nxt and depth < 3:
        for i in range(draw(st.integers(0 if level != "kf_direction" else 1, 2))):
            num = f"{number}.{i + 1}" if nxt == "kf_area" else None
            children.append(draw(goal(nxt, num, year, depth + 1)))
    has_desc = level in ("board",) and draw(st.booleans())
    bullets = draw(st.lists(names(16), max_size=3)) if level in ("board", "unit") else []
    return {
        "level": level,
        "number": number,
        "title": draw(names(16)),
        "assessment": a_text,
        "assessment_code": a_code,
        "description": draw(texts(2, 40)) if has_desc else None,
        "expected_results": bullets,
        "analysis": draw(st.one_of(st.none(), texts(2, 40))) if level == "unit" else None,
        "indicators": inds,
        "activities": acts,
        "children": children,
        "page": None,
    }


@st.composite
def complaints(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 4))):
        group = draw(names(8)) + "?"
        for _ in range(draw(st.integers(1, 4))):
            vb = draw(st.one_of(st.none(), st.integers(0, 40)))
            t2 = draw(st.one_of(st.none(), st.integers(0, 40)))
            total = None if vb is None and t2 is None else (vb or 0) + (t2 or 0)
            rows.append(
                {
                    "group": group,
                    "category": draw(names(7)),
                    "t1": None,
                    "t2": t2,
                    "vb": vb,
                    "total": total,
                    "unit": None if total is None else "st",
                    "summary": None,
                    "page": None,
                }
            )
    return rows


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.integers(2019, 2026))
    goals = [draw(goal("kf_direction", str(i + 1), year, 0)) for i in range(draw(st.integers(1, 2)))]
    comp = draw(complaints())
    sections = [
        # every real report opens with a narrative of several lines: the body text's line
        # pitch is measurable (a document of one-line paragraphs only would not say it)
        {
            "title": "Sammanfattande analys",
            "text": _sentence(draw, 60, 90) + "\n" + draw(texts(3, 50)),
            "page": None,
            "children": [],
        },
        {"title": "Uppföljning av Kommunfullmäktiges inriktningsmål", "text": "", "page": None, "children": []},
        {"title": "Redovisning av synpunkter och klagomål", "text": "", "page": None, "children": []},
    ]
    return {
        "schema_version": "1",
        "source": {"file": None, "sha256": None, "pages": 0},
        "meta": {
            "kind": "verksamhetsberattelse",
            "year": year,
            "unit": "Enheten " + draw(names(4)),
            "board": None,
            "dnr": None,
            "date": None,
            "case_officers": [],
        },
        "sections": sections,
        "goals": goals,
        "complaints": comp,
        "warnings": [],
    }


def _roundtrip(report: dict[str, Any], look_name: str) -> None:
    pdf = rl_writer.render(report, looks.get_look(look_name))
    parsed = vbparse.parse(pdf)
    truth = dict(report)
    truth["source"] = {"pages": parsed.source.pages}
    has_periods = any(g["indicators"] for g in _walk(report["goals"]))
    if not has_periods:  # no cover, no indicator periods: the year is printed nowhere
        truth["meta"] = {**report["meta"], "year": None}
    score = compare(truth, parsed.to_dict())
    if score.misses and os.environ.get("VBPARSE_KEEP_FAILURES"):
        Path(os.environ["VBPARSE_KEEP_FAILURES"]).write_bytes(pdf)
    assert score.misses == [], "\n".join(score.misses[:15])


def _walk(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for g in goals for x in [g, *_walk(g["children"])]]


@settings(settings.get_profile(PROFILE))
@given(report=reports())
def test_roundtrip_grid(report: dict[str, Any]) -> None:
    _roundtrip(report, "d_rl_helvetica_grid")


@settings(settings.get_profile(PROFILE))
@given(report=reports())
def test_roundtrip_unruled(report: dict[str, Any]) -> None:
    _roundtrip(report, "e_rl_serif_norules")
