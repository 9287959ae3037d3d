"""The rendered fixtures are faithful: valid truths, right page counts, every truth value printed.

These tests read the committed PDFs only (no LibreOffice). A failure here means a
renderer dropped or mangled content, or a per-look truth drifted from its PDF; rebuild
with `python -m fixtures.render.build` after fixing the renderer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pdfplumber
import pytest
from pypdf import PdfReader

import vbparse
from fixtures.render.build import look_truth, seeds
from fixtures.render.looks import LOOKS

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "fixtures" / "truth"
PDFS = ROOT / "fixtures" / "pdf"

LOOK_TRUTHS = sorted(p for p in TRUTH.glob("*-*.json") if not p.name.endswith(".base.json"))
IDS = [p.stem for p in LOOK_TRUTHS]


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    """NFC, no whitespace: wrapping and cell padding must not matter."""
    return "".join(unicodedata.normalize("NFC", text).split())


@cache
def _words(pdf: Path) -> list[list[dict[str, Any]]]:
    """pdfplumber words per page (the slow part, done once per PDF)."""
    with pdfplumber.open(pdf) as doc:
        return [page.extract_words(extra_attrs=["size"]) for page in doc.pages]


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into printed lines (tops within 2 pt), each line left to right."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if lines and w["top"] - lines[-1][0]["top"] <= 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


@cache
def _printed(pdf: Path) -> tuple[str, str]:
    """The PDF's words twice: in reading order, and column-wise.

    Reading order finds headings and body text. Inside a table, a wrapped cell's lines
    are interleaved with the other cells' lines, so the words are also cut into line
    fragments (split at gaps wider than a space) and ordered by left edge, page and
    height: each left-aligned cell's lines then follow one another.
    """
    rows: list[str] = []
    fragments: list[tuple[float, int, float, str]] = []
    for pno, words in enumerate(_words(pdf)):
        rows.append("".join(w["text"] for w in words))
        for line in _lines(words):
            frag: list[dict[str, Any]] = []
            for w in line:
                if frag and w["x0"] - frag[-1]["x1"] > 0.6 * w["size"]:
                    fragments.append((frag[0]["x0"], pno, frag[0]["top"], "".join(x["text"] for x in frag)))
                    frag = []
                frag.append(w)
            fragments.append((frag[0]["x0"], pno, frag[0]["top"], "".join(x["text"] for x in frag)))
    # Left edges within half a point are one column.
    fragments.sort()
    column, last_x, keyed = 0, None, []
    for x0, pno, top, text in fragments:
        if last_x is not None and x0 - last_x > 0.5:
            column += 1
        last_x = x0
        keyed.append((column, pno, top, text))
    keyed.sort()
    return _squash("".join(rows)), _squash("".join(t for *_, t in keyed))


def _expected_texts(truth: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, text) for every truth value a reader must find printed."""
    out: list[tuple[str, str]] = []

    def sections(items: list[dict[str, Any]]) -> None:
        for s in items:
            out.append(("section title", s["title"]))
            sections(s["children"])

    sections(truth["sections"])

    def goals(items: list[dict[str, Any]]) -> None:
        for g in items:
            out.append(("goal title", g["title"]))
            if g["assessment"]:
                out.append(("assessment", g["assessment"]))
            for ind in g["indicators"]:
                out.append(("indicator name", ind["name"]))
                for field in ("outcome", "outcome_men", "outcome_women", "previous", "target", "kf_target"):
                    if ind[field]:
                        out.append((f"indicator {field}", ind[field]["raw"]))
                if ind["period"]:
                    out.append(("indicator period", ind["period"]))
            for act in g["activities"]:
                out.append(("activity name", act["name"]))
                for field in ("start", "end", "deviation"):
                    if act[field]:
                        out.append((f"activity {field}", act[field]))
            goals(g["children"])

    goals(truth["goals"])
    for row in truth["complaints"]:
        out.append(("complaint category", row["category"]))
        if row["group"]:
            out.append(("complaint group", row["group"]))
        for field in ("t1", "t2", "vb", "total"):
            if row[field] is not None:
                out.append((f"complaint {field}", str(row[field])))
        if row["summary"]:
            out.append(("complaint summary", row["summary"]))
    meta = truth["meta"]
    for field in ("unit", "board", "dnr", "date"):
        if meta[field]:
            out.append((f"meta {field}", meta[field]))
    out.extend(("meta case officer", name) for name in meta["case_officers"])
    return [(what, text) for what, text in out if text.strip()]


def test_there_are_fixtures_for_every_seed_and_look() -> None:
    expected = {f"{seed}-{look}" for seed in seeds() for look in LOOKS}
    assert expected <= set(IDS), f"missing: {sorted(expected - set(IDS))}; run python -m fixtures.render.build"
    for name in expected:
        assert (PDFS / f"{name}.pdf").exists(), name


@pytest.mark.parametrize("path", LOOK_TRUTHS, ids=IDS)
def test_truth_validates(path: Path) -> None:
    truth = _load(path)
    vbparse.Report.model_validate(truth)
    schema = vbparse.json_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(truth)


@pytest.mark.parametrize("path", LOOK_TRUTHS, ids=IDS)
def test_truth_is_base_truth_with_meta_blanked(path: Path) -> None:
    """A per-look truth differs from its base only in source and the meta the look hides."""
    seed, look = path.stem.split("-", 1)
    base = _load(seeds()[seed])
    truth = _load(path)
    expected = look_truth(base, LOOKS[look])
    expected["source"] = truth["source"]
    assert truth == expected


@pytest.mark.parametrize("path", LOOK_TRUTHS, ids=IDS)
def test_source_matches_pdf(path: Path) -> None:
    truth = _load(path)
    pdf = PDFS / f"{path.stem}.pdf"
    assert truth["source"]["file"] == pdf.name
    assert truth["source"]["pages"] == len(PdfReader(pdf).pages)


@pytest.mark.parametrize("path", LOOK_TRUTHS, ids=IDS)
def test_pdf_prints_every_truth_value(path: Path) -> None:
    rows, columns = _printed(PDFS / f"{path.stem}.pdf")
    missing = [
        f"{what}: {text!r}"
        for what, text in _expected_texts(_load(path))
        if _squash(text) not in rows and _squash(text) not in columns
    ]
    assert not missing, "not printed:\n" + "\n".join(missing)


_HEADER_START = re.compile(r"(Indikator|Aktivitet|Uppdelning)")


@pytest.mark.parametrize("look", sorted(LOOKS))
def test_every_look_has_a_table_crossing_a_page(look: str) -> None:
    """Some page starts (under the running header) with a repeated table header row."""
    found = []
    for pdf in sorted(PDFS.glob(f"*-{look}.pdf")):
        previous = ""
        for pno, words in enumerate(_words(pdf), 1):
            lines = [" ".join(w["text"] for w in line) for line in _lines(words)]
            lines = [ln for ln in lines if not re.search(r"Verksamhetsberättelse \d+\(\d+\)", ln)]
            if lines:
                head = _HEADER_START.match(lines[0])
                if head and head.group(1) in previous:
                    found.append((pdf.name, pno))
            previous = "\n".join(lines)
    assert found, f"no table in look {look} crosses a page with its header repeated"
