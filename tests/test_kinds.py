"""Tertialrapport and Verksamhetsplan wording: the seed 000 content recast as a T2 report
(assessments "Bedöms uppfyllas …", periods "T2 2023") and as a plan (no outcomes, no
assessments), drawn by the reportlab writer and parsed back to the same truth."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from accuracy import compare

import vbparse
from fixtures.render import looks, rl_writer

ROOT = Path(__file__).resolve().parents[1]
T_WORDING = {
    "Uppfylls helt": "Bedöms uppfyllas helt",
    "Uppfylls delvis": "Bedöms uppfyllas delvis",
    "Uppfylls inte": "Bedöms inte uppfyllas",
}


def _goals(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for g in goals for x in [g, *_goals(g["children"])]]


def _as_t2(report: dict[str, Any]) -> dict[str, Any]:
    r = copy.deepcopy(report)
    r["meta"]["kind"] = "tertialrapport_2"
    for g in _goals(r["goals"]):
        if g["assessment"] in T_WORDING:
            g["assessment"] = T_WORDING[g["assessment"]]
        for ind in g["indicators"]:
            if ind["period"] and ind["period"].startswith("VB "):
                ind["period"] = "T2 " + ind["period"][3:]
    return r


def _as_plan(report: dict[str, Any]) -> dict[str, Any]:
    r = copy.deepcopy(report)
    r["meta"]["kind"] = "verksamhetsplan"
    r["meta"]["year"] = 2024
    r["complaints"] = []
    for g in _goals(r["goals"]):
        g["assessment"] = g["assessment_code"] = g["analysis"] = None
        for ind in g["indicators"]:
            ind["outcome"] = ind["outcome_men"] = ind["outcome_women"] = ind["previous"] = None
            ind["analysis"] = None
            ind["period"] = "2024"
        for act in g["activities"]:
            act["analysis"] = None
    return r


@pytest.mark.parametrize("variant", [_as_t2, _as_plan], ids=["tertialrapport_2", "verksamhetsplan"])
def test_other_kinds_parse_back(variant: Any) -> None:
    base = json.loads((ROOT / "fixtures" / "truth" / "seed000.base.json").read_text(encoding="utf-8"))
    truth = variant(base)
    pdf = rl_writer.render(truth, looks.get_look("d_rl_helvetica_grid"))
    report = vbparse.parse(pdf)
    assert report.meta.kind == truth["meta"]["kind"]
    score = compare({**truth, "source": {"pages": report.source.pages}}, report.to_dict())
    assert score.misses == [], "\n".join(score.misses[:15])
