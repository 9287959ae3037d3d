"""The WeasyPrint and Chromium writers print every truth value, in a plain and an exotic look.

Slow (each render starts a producer, Chromium twice for its TOC) and needs the producers
(WeasyPrint with pango, a chromium binary): not in the default run.
"""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from test_fixtures import _expected_texts, _printed

from fixtures.render import html_writer
from fixtures.render.build import SAMPLE, look_truth
from fixtures.render.looks import LOOKS, Look
from fixtures.render.random_report import random_report

pytestmark = pytest.mark.slow


def _producer_present(writer: str) -> bool:
    if writer == "chromium":
        return any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: pango & co. missing
        return False
    return True


def _looks(writer: str) -> list[Look]:
    base = LOOKS["a_sans_grid"]
    plain = dataclasses.replace(base, name=f"{writer}_plain", writer=writer)
    exotic = dataclasses.replace(
        LOOKS["b_carlito_hrules"],
        name=f"{writer}_exotic",
        writer=writer,
        font="DejaVu Serif",
        cover=True,
        toc=True,
        icons="vector",
        ligatures=True,
        rules="grid",
        rule_draw="cell_segments",
        cell_pad=0,
        row_gap=3,
        header_valign="bottom",
        header_halign="center",
        indicator_align=("center", "left", *["right"] * 6, "center"),
        complaint_align=("left", "left", "right", "right", "right", "right", "left", "left"),
        zebra=True,
        icon_dy=2,
        totals_row=True,
        group_label_valign="first_row",
        landscape="page",
    )
    return [plain, exotic]


def _squash(text: str) -> str:
    """NFKC (ligature glyphs read as their letters), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _stream_text(pdf: Path) -> str:
    """Characters in content-stream order: HTML producers draw cell by cell, so a right-aligned
    or unpadded cell's text stays together here even where the page geometry interleaves it."""
    with pdfplumber.open(pdf) as doc:
        return _squash("".join(c["text"] for page in doc.pages for c in page.chars))


@pytest.mark.parametrize("writer", ["weasyprint", "chromium"])
def test_every_truth_value_is_printed(writer: str, tmp_path: Path) -> None:
    if not _producer_present(writer):
        pytest.skip(f"{writer} not installed")
    for look in _looks(writer):
        truth = look_truth(random_report(7), look)
        pdf = tmp_path / f"{look.name}.pdf"
        html_writer.render(truth, look, out=pdf)
        printed = [_squash(t) for t in _printed(pdf)] + [_stream_text(pdf)]
        missing = [
            f"{what}: {text!r}" for what, text in _expected_texts(truth) if not any(_squash(text) in p for p in printed)
        ]
        assert not missing, f"{look.name} does not print:\n" + "\n".join(missing)


@pytest.mark.parametrize("writer", ["weasyprint", "chromium"])
def test_rotate_turns_the_goal_tree_pages(writer: str) -> None:
    if not _producer_present(writer):
        pytest.skip(f"{writer} not installed")
    look = dataclasses.replace(LOOKS["e_rl_serif_norules"], name="rot", writer=writer, landscape="rotate")
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))  # opens with sections, then goals
    reader = PdfReader(io.BytesIO(html_writer.render(report, look)))
    turned = [page.rotation == 90 for page in reader.pages]
    assert any(turned) and not turned[0], "the goal tree is landscape, the opening section portrait"
    assert all(page.mediabox.width < page.mediabox.height for page in reader.pages)
