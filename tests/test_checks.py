"""Checks: what a report says twice agrees on every consistent fixture, and a disagreement is named."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest

import vbparse
from fixtures.render import rl_writer
from fixtures.render.looks import LOOKS
from fixtures.render.random_report import random_report
from vbparse import Corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
LOOK = LOOKS["d_rl_helvetica_grid"]


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_consistent_fixtures_pass_every_check(pdf: Path) -> None:
    report = vbparse.parse(pdf)
    assert report.checks, "a fixture report has things to check"
    failed = [c.message for c in report.checks if not c.passed]
    assert failed == []
    codes = {c.code for c in report.checks}
    assert {"assessment_known", "previous_year"} <= codes


def _numeric(ind: dict[str, Any]) -> bool:
    return bool(ind.get("outcome") and ind["outcome"]["number"] is not None)


def _base() -> dict[str, Any]:
    for seed in range(200):
        rep = random_report(seed)
        inds = [i for g in _goals(rep["goals"]) for i in g["indicators"]]
        if sum(map(_numeric, inds)) >= 2 and len(rep["complaints"]) >= 2:
            return rep
    raise AssertionError("no random report with indicators and complaints in 200 seeds")


def _goals(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for g in goals for x in (g, *_goals(g["children"]))]


def _year(rep: dict[str, Any], year: int) -> dict[str, Any]:
    rep = copy.deepcopy(rep)
    rep["meta"].update(kind="verksamhetsberattelse", year=year, unit="Enheten Solrosen")
    for g in _goals(rep["goals"]):
        for ind in g["indicators"]:
            ind.update(period=f"VB {year}", previous_year=year - 1)
    return rep


@functools.cache
def _two_years() -> tuple[vbparse.Report, vbparse.Report, str]:
    """Last year's and this year's report; this year's misquotes one of last year's outcomes
    and prints a complaint total that does not add up."""
    base = _base()
    prev, cur = _year(base, 2023), _year(base, 2024)
    prev_inds = [i for g in _goals(prev["goals"]) for i in g["indicators"]]
    cur_inds = [i for g in _goals(cur["goals"]) for i in g["indicators"]]
    wrong = None
    for old, new in zip(prev_inds, cur_inds, strict=True):
        new["previous"] = copy.deepcopy(old["outcome"])
        if wrong is None and _numeric(old):
            number = old["outcome"]["number"] + 7
            new["previous"] = {"raw": f"{number:g}".replace(".", ","), "number": number, "unit": None}
            wrong = new["name"]
    row = cur["complaints"][0]
    row.update(t1=1, t2=2, vb=3, total=9, unit="st")
    assert wrong is not None
    return (vbparse.parse(rl_writer.render(prev, LOOK)), vbparse.parse(rl_writer.render(cur, LOOK)), wrong)


def test_a_total_that_does_not_add_up_is_named_with_page_and_values() -> None:
    _, cur, _ = _two_years()
    failed = [c for c in cur.checks if c.code == "complaint_total" and not c.passed]
    assert len(failed) == 1
    check = failed[0]
    assert check.page is not None and check.items == ["/complaints/0"]
    assert "1 + 2 + 3 = 6" in check.message and "9" in check.message
    assert cur.complaints[0].total == 9, "a failed check never changes the printed value"


def test_last_years_outcome_is_checked_across_a_corpus() -> None:
    prev, cur, wrong = _two_years()
    corpus = Corpus(reports=[prev, cur], files=["vb2023.pdf", "vb2024.pdf"])
    checks = corpus.checks()
    across = [c for c in checks if c.code == "previous_matches_last_year"]
    assert across and all(c.items == ["vb2024.pdf", "vb2023.pdf"] for c in across)
    failed = [c for c in across if not c.passed]
    assert len(failed) == 1 and failed[0].message.startswith(wrong)
    assert any(c.code == "goal_number_stable" and c.passed for c in checks)
    assert any(c.code == "complaint_total" and not c.passed and c.items[0].startswith("vb2024.pdf#") for c in checks)


def test_the_same_file_twice_is_listed() -> None:
    prev, _, _ = _two_years()
    checks = Corpus(reports=[prev, prev], files=["a.pdf", "b.pdf"]).checks()
    dup = [c for c in checks if c.code == "duplicate_report"]
    assert len(dup) == 1 and not dup[0].passed and dup[0].items == ["a.pdf", "b.pdf"]


def test_timeseries_pivots_by_year_in_one_line() -> None:
    prev, cur, wrong = _two_years()
    ts = Corpus(reports=[prev, cur], files=["vb2023.pdf", "vb2024.pdf"]).timeseries()
    outcome = ts[ts["measure"] == "outcome"].pivot_table(
        index="indicator", columns="period_year", values="value", aggfunc="first"
    )
    assert {2023, 2024} <= set(outcome.columns)
    quoted = ts[(ts["measure"] == "previous") & (ts["year"] == 2024)]
    assert set(quoted["period_year"]) == {2023}
    row = quoted[quoted["indicator"] == wrong].iloc[0]
    assert row["value"] != outcome.loc[wrong, 2023]
    assert ts["page"].notna().all() and ts["report_id"].notna().all()
