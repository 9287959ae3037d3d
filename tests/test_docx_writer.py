"""The docx writer (python-docx -> LibreOffice) draws non-default looks without losing text.

Slow: every test runs LibreOffice. The looks mix many look-space dimensions at once, so
each render exercises several code paths; the check is the fixture test's (every truth
value printed), with the text layer NFKC-normalised because some looks print ligatures.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_fixtures import _expected_texts, _printed

import vbparse
from fixtures.render import docx_writer
from fixtures.render.build import look_truth
from fixtures.render.looks import LOOKS, Look
from fixtures.render.random_report import random_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)"),
]

_BASE = LOOKS["a_sans_grid"]
VARIANTS: dict[str, dict[str, object]] = {
    "header_rule_double_zebra_landscape": {
        "font": "DejaVu Sans",
        "rules": "header_rule",
        "rule_draw": "double",
        "rule_width": 1.0,
        "zebra": True,
        "cell_pad": 0.0,
        "row_gap": 4.0,
        "header_valign": "bottom",
        "header_halign": "center",
        "indicator_align": ("left", "left", "right", "right", "right", "right", "right", "center", "center"),
        "icons": "vector",
        "icon_dy": 3.0,
        "group_label_valign": "bottom",
        "totals_row": True,
        "ligatures": True,
        "landscape": "page",
        "bullet": "• ",
    },
    "cell_segments_first_row_rotate": {
        "font": "Carlito",
        "rule_draw": "cell_segments",
        "icon_dy": -2.0,
        "group_label_valign": "first_row",
        "landscape": "rotate",
        "running_header": False,
        "complaint_align": ("left", "left", "right", "right", "right", "right", "left", "left"),
    },
    "overlap_hrules_serif": {
        "font": "Liberation Serif",
        "rules": "hrules",
        "rule_draw": "overlap",
        "rule_width": 1.5,
        "header_shade": True,
        "header_valign": "center",
        "icons": "vector",
        "toc": False,
        "cover": False,
        "ligatures": True,
        "page_breaks_in_tables": False,
    },
}


def _look(name: str) -> Look:
    return dataclasses.replace(_BASE, name=name, **VARIANTS[name])  # type: ignore[arg-type]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_truth_value_is_printed(name: str, tmp_path: Path) -> None:
    look = _look(name)
    truth = vbparse.Report.model_validate(look_truth(random_report(4), look)).to_dict()
    pdf_path = tmp_path / f"{name}.pdf"
    pdf = docx_writer.render(truth, look, pdf_path)
    rows, columns = (_nfkc(t) for t in _printed(pdf_path))
    missing = [
        f"{what}: {text!r}"
        for what, text in _expected_texts(truth)
        if (s := _nfkc("".join(text.split()))) not in rows and s not in columns
    ]
    assert not missing, "not printed:\n" + "\n".join(missing)
    pages = PdfReader(io.BytesIO(pdf)).pages
    if look.landscape == "page":
        assert all(p.mediabox.width > p.mediabox.height for p in pages)
    if look.landscape == "rotate":
        assert all(p.mediabox.width < p.mediabox.height and p.rotation == 90 for p in pages)
    if look.ligatures:  # "Utfall kvinnor/flickor" is in every indicator table (pdfplumber expands ligatures)
        assert "\ufb02" in "".join(p.extract_text() or "" for p in pages)
