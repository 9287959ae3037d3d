"""The committed look-space samples: layouts outside looks a-e, parsed field by field.

fixtures/samples/ holds PDFs of sampled looks (fixtures/render/samples.py: every layout
dimension, several producers) with truths derived from their content, never from the
parser. Only parsing happens here; no producer is needed. A sample the reader fails
today is an expected failure with its reason (strict: the day it passes, the marker
must go, so none can silently regress afterwards).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path

import pytest
from accuracy import compare

import vbparse
from fixtures.render.sampler import WRITERS, sample_look

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "fixtures" / "samples").glob("*.pdf"))

# sample -> why today's reader fails it. "cause:" = found by switching one look dimension
# at a time back to look d's value and re-parsing (the switch that removes most misses);
# otherwise the symptom and the look's unusual dimensions (the cause is not isolated).
XFAIL: dict[str, str] = {
    "s000005-random5": (
        "docx; complaints header read as sub-headings ('Totalt', 'Utfall Utfall ack. ...'), indicator values "
        "in wrong columns (446 misses); look: header cells bottom- and right-aligned, values centred"
    ),
    "s000012-sample": (
        "reportlab; cause: header cells right-aligned (header_halign=right): column bands start where "
        "header text starts, so indicator values land in wrong columns (101 misses; 8 with left headers)"
    ),
    "s000052-random52": (
        "chromium; indicator rows misread (628 misses); look: header cells right-aligned, values centred, "
        "header rule drawn over the text, zebra rows"
    ),
    "s000188-random188": (
        "docx; header words ('Utf') read as section titles, goal tree broken (232 misses); look: no rules, "
        "header and values centred, very narrow value columns"
    ),
    "s000245-random245": (
        "weasyprint; indicator rows not read, running-header unit lost (701 misses); look: landscape pages "
        "turned with /Rotate, no rules, header centred and bottom-aligned, values right-aligned"
    ),
    "s000263-random263": (
        "chromium; complaint categories and counts in wrong columns, header words read as sub-headings "
        "(33 misses); look: no rules, zero padding, values centred, totals row, landscape pages"
    ),
    "s000403-random403": (
        "docx; indicator names and values misread, analyses cut (236 misses), bare 'Dnr:' read as ':'; look: "
        "horizontal rules drawn over the text, landscape pages turned with /Rotate"
    ),
    "s000629-random629": (
        "chromium; indicator rows misread (1001 misses), bare 'Dnr:' read as ':'; look: horizontal rules "
        "drawn over the text, header cells centred, ligatures"
    ),
    "s000742-random742": (
        "reportlab; cause: header cells centred (header_halign=center): values in wrong columns "
        "(923 misses; 419 with left headers; the rest with narrow value columns on landscape pages)"
    ),
    "s001302-random1302": (
        "docx; indicator names cut, extra indicator rows, activities misread (133 misses); look: horizontal "
        "rules drawn over the text, zebra rows, right-aligned values, landscape pages"
    ),
    "s001420-random1420": (
        "weasyprint; indicator values in wrong columns (171 misses), bare 'Dnr:' read as ':'; look: zero "
        "padding, narrow value columns, right-aligned values, horizontal rules only"
    ),
    "s001907-random1907": (
        "reportlab; cause: rules drawn over the cell text (rule_draw=overlap) with horizontal rules only: "
        "complaint rows, groups and counts misread (107 misses; 46 with rules on the cell edges); "
        "bare 'Dnr:' read as ':'"
    ),
    "s003987-random3987": (
        "chromium; no rules, bottom-aligned group labels: rows after a group's last row that belong to no "
        "group read as the group going on (5 misses; unruled, the two look the same)"
    ),
    "s002701-random2701": (
        "weasyprint; indicator values in wrong columns (297 misses); look: header cells right-aligned, "
        "values centred, header rule drawn double"
    ),
}


@functools.cache
def _parsed(pdf: Path) -> dict:
    return vbparse.parse(pdf).to_dict()


def _case(pdf: Path) -> object:
    reason = XFAIL.get(pdf.stem)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason is not None else []
    return pytest.param(pdf, id=pdf.stem, marks=marks)


def test_samples_are_there() -> None:
    """At least 12 samples, two or more per producer, with truths; markers only for samples that exist."""
    writers = Counter(sample_look(int(p.stem[1:7])).writer for p in SAMPLES)
    assert len(SAMPLES) >= 12, "fixtures/samples/ is incomplete (python -m fixtures.render.samples)"
    assert all(writers[w] >= 2 for w in WRITERS), writers
    assert all(p.with_suffix(".json").exists() for p in SAMPLES)
    assert set(XFAIL) <= {p.stem for p in SAMPLES}


@pytest.mark.parametrize("pdf", [_case(p) for p in SAMPLES])
def test_sample_field_accuracy_is_total(pdf: Path) -> None:
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    score = compare(truth, _parsed(pdf))
    print(f"\n{pdf.stem}: accuracy {score.accuracy:.4f} over {sum(score.total.values())} fields")
    assert score.misses == [], "\n".join(score.misses[:20])
