"""The reportlab writer is fast and takes any valid Report dict (property tests depend on both)."""

from __future__ import annotations

import io
import time
import unicodedata

import pytest
from pypdf import PdfReader

import vbparse
from fixtures.render import rl_writer
from fixtures.render.looks import LOOKS
from fixtures.render.random_report import random_report

RL_LOOKS = sorted(name for name, look in LOOKS.items() if look.writer == "reportlab")


def _pages_and_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), "".join(unicodedata.normalize("NFC", text).split())


def _minimal() -> dict:
    return vbparse.Report().to_dict()


def test_twenty_pages_in_well_under_a_second() -> None:
    report = random_report(2, long=True)  # 21 pages in look d
    vbparse.Report.model_validate(report)
    look = LOOKS["d_rl_helvetica_grid"]  # the slower one: TOC means two passes
    rl_writer.render(_minimal(), look)  # font registration and caches are not what we time
    start = time.perf_counter()
    pdf = rl_writer.render(report, look)
    elapsed = time.perf_counter() - start
    pages, _ = _pages_and_text(pdf)
    assert pages >= 20, f"the long random report should be 20+ pages, got {pages}"
    # generous: a shared 2-core machine under load takes ~1.5 s; what matters is "not tens of seconds"
    assert elapsed < 4.0, f"{pages} pages took {elapsed:.2f} s"


@pytest.mark.parametrize("look", RL_LOOKS)
@pytest.mark.parametrize("seed", range(12))
def test_random_reports_render_with_their_headings(seed: int, look: str) -> None:
    report = random_report(seed, long=seed % 4 == 0)
    vbparse.Report.model_validate(report)
    pages, text = _pages_and_text(rl_writer.render(report, LOOKS[look]))
    assert pages >= 1
    for section in report["sections"]:
        assert "".join(section["title"].split()) in text
    stack = list(report["goals"])
    while stack:
        goal = stack.pop()
        assert "".join(goal["title"].split()) in text
        stack.extend(goal["children"])


def _edge_reports() -> dict[str, dict]:
    base = random_report(3)
    empty = _minimal()
    huge_analysis = random_report(5)
    goal = {
        "level": "kf_area",
        "number": "3.4",
        "title": "Medarbetare " * 400,
        "assessment": "Ingen " * 200,
        "assessment_code": None,
        "description": "",
        "expected_results": ["", "-"],
        "analysis": "",
        "indicators": [
            {
                "name": "Sjukfrånvaro " + "x" * 300,
                "outcome": {"raw": "Tas fram av nämnd/styrelse " * 20, "number": None, "unit": None},
                "analysis": "\n".join(["Lång analys med å ä ö é – och siffror 1 234,5 %. " * 12] * 60),
            }
        ],
        "activities": [{"name": "Aktivitet " * 100, "analysis": "Kort."}],
        "children": [],
    }
    huge_analysis["goals"] = [goal]
    one_big_group = {
        **_minimal(),
        "complaints": [
            {"group": "Vad gällde klagomålet? " * 30, "category": f"Kategori {i}", "vb": i} for i in range(90)
        ],
    }
    no_sections = {**base, "sections": []}
    odd_text = {
        **_minimal(),
        "meta": {"unit": "Enheten <b>&amp; \x07 Ωmega ﬁ −5 \u2009 漢字", "dnr": "X", "case_officers": ["Ä"]},
        "sections": [{"title": "Rubrik & <i>", "text": "a\n\n\nb < c > d & e \u00ad f"}],
    }
    return {
        "empty": empty,
        "huge_analysis": huge_analysis,
        "one_big_group": one_big_group,
        "no_sections": no_sections,
        "odd_text": odd_text,
    }


@pytest.mark.parametrize("look", RL_LOOKS)
@pytest.mark.parametrize("case", sorted(_edge_reports()))
def test_edge_cases_render(case: str, look: str) -> None:
    report = vbparse.Report.model_validate(_edge_reports()[case]).to_dict()
    pages, _ = _pages_and_text(rl_writer.render(report, LOOKS[look]))
    assert pages >= 1
