"""What an analyst sees in a console, a notebook and a log: short, typed, and nothing hidden."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import vbparse
from vbparse.vocab import find_date

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "fixtures" / "pdf" / "seed000-a_sans_grid.pdf"


@pytest.fixture(scope="module")
def report() -> vbparse.Report:
    return vbparse.parse(PDF)


def test_repr_is_a_short_summary(report: vbparse.Report) -> None:
    text = repr(report)
    assert len(text) < 1000
    assert "Hägersten-Älvsjö" in text and "verksamhetsberattelse" in text and "2023" in text
    assert f"{len(report.indicators)} indicators" in text and "warnings" in text


def test_notebook_view_shows_summary_and_indicator_rows(report: vbparse.Report) -> None:
    html = report._repr_html_()
    assert "<table" in html and report.indicators[0].name in html and "23 goals" in html


def test_coverage_is_typed_and_survives_json(report: vbparse.Report) -> None:
    assert isinstance(report.coverage, vbparse.model.Coverage)
    again = vbparse.Report.model_validate_json(report.to_json())
    assert again.coverage == report.coverage and again.coverage.share == 1.0
    assert report.to_dict()["coverage"]["total_chars"] > 1000


def test_json_says_which_version_wrote_it(report: vbparse.Report) -> None:
    assert report.to_dict()["source"]["parser_version"] == vbparse.__version__


def _report_with_warnings() -> bytes:
    from fixtures.render import rl_writer
    from fixtures.render.looks import LOOKS
    from fixtures.render.random_report import random_report

    rep = random_report(4)
    goal = next(g for g in vbparse.Report.model_validate(rep).iter_goals())
    assert goal is not None
    rep["goals"][0]["assessment"] = "Status saknas i systemet"  # printed, but no known assessment
    rep["goals"][0]["assessment_code"] = None
    return rl_writer.render(rep, LOOKS["d_rl_helvetica_grid"])


def test_warnings_go_to_the_vbparse_logger(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="vbparse"):
        rep = vbparse.parse(_report_with_warnings())
    assert rep.warnings, "the fixture was made to have warnings"
    logged = [r.getMessage() for r in caplog.records if r.name == "vbparse"]
    assert len(logged) == len(rep.warnings)
    assert all(w.code in msg for w, msg in zip(rep.warnings, logged, strict=True))
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("vbparse").handlers)
    frame = rep.to_frames()["warnings"]
    assert list(frame["code"]) == [w.code for w in rep.warnings]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-01-16", "2024-01-16"),
        ("16 januari 2024", "2024-01-16"),
        ("Datum 16/1 2024", "2024-01-16"),
        ("1 mars 2023", "2023-03-01"),
        ("16 jan. 2024", "2024-01-16"),
        ("31 februari 2024", None),
        ("Dnr: HÄ 2023/643", None),
    ],
)
def test_cover_dates_written_the_swedish_ways(text: str, iso: str | None) -> None:
    assert find_date(text) == iso
