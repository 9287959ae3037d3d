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
from test_fixtures import _expected_texts, _lines, _printed, _squash, _words

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
        "cell_pad": 1.0,  # 0 is drawn too, but then adjacent cells touch ("café12"): no text check can split them
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


def _aligned_views(pdf: Path) -> list[str]:
    """Column-wise text for right-aligned and centred cells (test_fixtures' view keys on left edges).

    Line fragments (split at gaps wider than 0.6 em) are grouped by right edge or by
    centre, then read page by page, top to bottom.
    """
    fragments: list[tuple[float, float, int, float, str]] = []
    for pno, words in enumerate(_words(pdf)):
        for line in _lines(words):
            frag: list[dict] = []
            for w in [*line, None]:
                if frag and (w is None or w["x0"] - frag[-1]["x1"] > 0.6 * w["size"]):
                    x0, x1 = frag[0]["x0"], frag[-1]["x1"]
                    fragments.append((x1, (x0 + x1) / 2, pno, frag[0]["top"], "".join(f["text"] for f in frag)))
                    frag = []
                if w is not None:
                    frag.append(w)
    views = []
    for key in (0, 1):
        keyed, column, last = [], 0, None
        for frag in sorted(fragments, key=lambda f: f[key]):
            if last is not None and frag[key] - last > 1.0:
                column += 1
            last = frag[key]
            keyed.append((column, frag[2], frag[3], frag[4]))
        views.append(_squash("".join(t for *_, t in sorted(keyed))))
    return views


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_truth_value_is_printed(name: str, tmp_path: Path) -> None:
    look = _look(name)
    truth = vbparse.Report.model_validate(look_truth(random_report(4), look)).to_dict()
    pdf_path = tmp_path / f"{name}.pdf"
    pdf = docx_writer.render(truth, look, pdf_path)
    views = [_nfkc(t) for t in (*_printed(pdf_path), *_aligned_views(pdf_path))]
    missing = [
        f"{what}: {text!r}"
        for what, text in _expected_texts(truth)
        if not any(_nfkc("".join(text.split())) in view for view in views)
    ]
    assert not missing, "not printed:\n" + "\n".join(missing)
    pages = PdfReader(io.BytesIO(pdf)).pages
    wide = [p.mediabox.width > p.mediabox.height for p in pages]
    turned = [p.rotation == 90 for p in pages]
    if look.landscape == "page":  # the goal tree on landscape pages, the rest portrait
        assert any(wide) and not all(wide) and not any(turned)
    if look.landscape == "rotate":  # the same pages stored portrait, with /Rotate
        assert not any(wide) and any(turned) and not all(turned)
    if look.ligatures:  # "Utfall kvinnor/flickor" is in every indicator table (pdfplumber expands ligatures)
        assert "\ufb02" in "".join(p.extract_text() or "" for p in pages)
