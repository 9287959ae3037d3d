"""Issue 14, row 6: turned pages (/Rotate, content turned into landscape pages) read as
the upright report does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hostile
import pytest
from test_provenance import check_value_boxes, without_boxes

import vbparse
from vbparse.pdf.upright import quarter_turn, to_upright, upright_size

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "pdf" / "sample-d_rl_helvetica_grid.pdf"
HERE = vbparse.Limits(isolate=False)


def _content(report: vbparse.Report) -> dict[str, Any]:
    """The report's JSON without its source, and without provenance boxes: those are where
    the text is on the page as shown, which the turn moves (test_turned_boxes checks them)."""
    d = report.to_dict()
    d.pop("source")
    return without_boxes(d)[0]


@pytest.fixture(scope="module")
def upright() -> dict[str, Any]:
    return _content(vbparse.parse(REPORT, limits=HERE))


@pytest.mark.parametrize(
    "turns",
    [[90] * 7, [180] * 7, [270] * 7, [0, 90, 0, 270, 180, 0, 90]],
    ids=["all-90", "all-180", "all-270", "mixed"],
)
def test_rotated_pages_parse_like_the_upright_report(upright: dict[str, Any], turns: list[int]) -> None:
    data = hostile.rotated(REPORT.read_bytes(), turns)
    assert _content(vbparse.parse(data, limits=HERE)) == upright


@pytest.mark.parametrize(
    ("pages", "rotate"),
    [(range(7), 0), ([1, 4], 0), ([1, 4], 270)],
    ids=["all-turned", "two-turned", "two-landscape-shown-upright"],
)
def test_landscape_pages_parse_like_the_upright_report(upright: dict[str, Any], pages: range, rotate: int) -> None:
    data = hostile.landscape(REPORT.read_bytes(), list(pages), rotate)
    assert _content(vbparse.parse(data, limits=HERE)) == upright


def test_quarter_turn_and_box_mapping() -> None:
    assert quarter_turn([]) == 0
    assert quarter_turn([(1, 0)] * 5 + [(0, 1)] * 2) == 0  # a few turned labels do not turn a page
    assert quarter_turn([(0, -1)] * 5) == 90 and quarter_turn([(-1, 0)] * 5) == 180
    assert quarter_turn([(0, 1)] * 5) == 270
    w, h = 842.0, 595.0  # a portrait page shown turned: landscape
    assert upright_size(90, w, h) == (h, w) and upright_size(180, w, h) == (w, h)
    box = (10.0, 20.0, 30.0, 25.0)
    for turn in (0, 90, 180, 270):
        x0, top, x1, bottom = to_upright(box, turn, w, h)
        assert x0 < x1 and top < bottom
        uw, uh = upright_size(turn, w, h)
        assert x0 >= 0 and x1 <= uw and top >= 0 and bottom <= uh
    assert to_upright(to_upright(box, 180, w, h), 180, w, h) == box


@pytest.mark.parametrize("kind", ["mixed-rotate", "two-landscape", "two-landscape-shown-upright"])
def test_turned_boxes_hold_their_text_on_the_page_as_shown(tmp_path: Path, kind: str) -> None:
    """Boxes found on the upright page are turned back: each Value's box holds its text on
    the page as pdfplumber (and a viewer) shows it."""
    source = REPORT.read_bytes()
    if kind == "mixed-rotate":
        data = hostile.rotated(source, [0, 90, 0, 270, 180, 0, 90])
    else:
        data = hostile.landscape(source, [1, 4], 270 if kind.endswith("upright") else 0)
    pdf = tmp_path / f"{kind}.pdf"
    pdf.write_bytes(data)
    check_value_boxes(pdf, "auto")
