"""The look sampler: every dimension value reachable, deterministic, valid contents and truths.

The generalization benchmark is only as wide as the sampler; these checks keep a value
from silently becoming unreachable. Rendering here is reportlab only (no producers).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from fixtures.render.build import page_count
from fixtures.render.random_report import random_report
from fixtures.render.rl_writer import render
from fixtures.render.sampler import (
    DIMENSIONS,
    dimension_values,
    look_from_dict,
    look_to_dict,
    sample_content,
    sample_look,
    sample_truth,
)
from vbparse import Report


def test_every_dimension_value_is_reachable() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for seed in range(400):
        for dim, value in dimension_values(sample_look(seed)).items():
            seen[dim].add(str(value))
    for dim, values in DIMENSIONS.items():
        assert {str(v) for v in values} <= seen[dim], (dim, {str(v) for v in values} - seen[dim])


def test_sampling_is_deterministic_and_round_trips() -> None:
    assert sample_look(17) == sample_look(17)
    assert sample_content(17) == sample_content(17)
    assert look_from_dict(look_to_dict(sample_look(17))) == sample_look(17)


def test_varied_reports_are_valid_and_keep_the_plain_ones() -> None:
    for seed in range(40):
        Report.model_validate(random_report(seed, varied=True))
    assert random_report(3) == random_report(3, varied=False)


def test_kind_and_year_are_blank_when_nothing_prints_them() -> None:
    look = dataclasses.replace(sample_look(1), cover=False, running_header=False)
    content = random_report(5, varied=True)
    content["goals"] = []
    truth = sample_truth(content, look)
    assert truth["meta"]["kind"] is None and truth["meta"]["year"] is None
    shown = sample_truth(content, dataclasses.replace(look, running_header=True))
    assert shown["meta"]["kind"] == content["meta"]["kind"]


@pytest.mark.parametrize("seed", [3, 8, 21, 34])
def test_reportlab_draws_sampled_looks(seed: int) -> None:
    look = dataclasses.replace(sample_look(seed), writer="reportlab")
    pdf = render(sample_truth(random_report(seed, varied=True), look), look)
    assert page_count(pdf) >= 1


def test_a_kind_printed_only_in_the_periods_is_read_from_them() -> None:
    """As for the real report without a cover (seed001: "VB 2024" periods say verksamhetsberättelse)."""
    from fixtures.as_read import as_read

    def report(kind: str | None, periods: list[str | None]) -> dict:
        inds = [{"period": p} for p in periods]
        return {"meta": {"kind": kind}, "goals": [{"indicators": inds[:1], "children": [{"indicators": inds[1:]}]}]}

    assert as_read(report(None, ["VB 2024", "2024", "VB 2024", None]))["meta"]["kind"] == "verksamhetsberattelse"
    assert as_read(report(None, ["T2 2024", "T2 2024", "VB 2023"]))["meta"]["kind"] == "tertialrapport_2"
    assert as_read(report(None, ["2024", None]))["meta"]["kind"] is None  # no prefix: nothing says the kind
    shown = report("tertialrapport_2", ["VB 2024"])  # the cover or running header printed it: that stands
    assert as_read(shown)["meta"]["kind"] == "tertialrapport_2"
    unread = report(None, ["VB 2024"])
    as_read(unread)
    assert unread["meta"]["kind"] is None  # the sampler's truth (the render input) is left alone


def test_doubt_counts_wrong_table_fields_in_looks_that_warn() -> None:
    """The benchmark's doubt figure: wrong table fields in warned looks, and looks read right that warn."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from generalization import doubt

    def look(wrong: dict[str, int], warnings: dict[str, int]) -> dict[str, object]:
        total = {"indicators": 10, "activities": 10, "complaints": 10, "meta": 5}
        return {
            "cat_total": total,
            "cat_right": {k: v - wrong.get(k, 0) for k, v in total.items()},
            "warnings": warnings,
        }

    looks = [
        look({"indicators": 3, "meta": 2}, {"row_without_name": 1}),
        look({"complaints": 1}, {}),
        look({"meta": 1}, {"clipped_text": 1}),
        look({}, {}),
    ]
    d = doubt(looks)  # type: ignore[arg-type]
    assert d["wrong_fields"] == 4  # meta is no table field
    assert d["wrong_fields_warned"] == 0.75
    assert (d["wrong_looks"], d["wrong_looks_warned"]) == (2, 1)
    assert (d["clean_looks"], d["clean_looks_warned"]) == (2, 1)


def _rows(*groups: str | None) -> list[dict[str, object]]:
    return [{"group": g, "category": f"Kategori {i}"} for i, g in enumerate(groups)]


def test_unlabelled_group_rows_stay_only_where_the_page_shows_them() -> None:
    """Rows with no group label after a labelled group need rules to tell them apart."""
    from fixtures.render.sampler import shown_groups

    rows = _rows(None, "Beröm?", "Beröm?", None, None, "Vem?")
    base = sample_look(1)
    ruled = dataclasses.replace(base, rules="grid", group_label_valign="center")
    assert shown_groups(rows, ruled) == rows
    top = dataclasses.replace(base, rules="none", group_label_valign="top")
    groups = [r["group"] for r in shown_groups(rows, top)]
    assert groups[:3] == [None, "Beröm?", "Beröm?"]  # before the first label: shown by the label's top
    assert groups[3] == groups[4] and groups[3] not in (None, "Beröm?", "Vem?")
    assert groups[5] == "Vem?"
    centred = dataclasses.replace(base, rules="header_rule", group_label_valign="center")
    assert None not in [r["group"] for r in shown_groups(rows, centred)]
    assert shown_groups(rows, centred) == shown_groups(rows, centred)  # deterministic
