"""Provenance boxes: every Value's box holds the text it was read from, on its page.

The check reads the page again with pdfplumber's chars (the reference, in the page's shown
coordinates), independently of the reader that parsed: chars, not words, because with zero
cell padding pdfplumber glues neighbouring cells' text into one word ("08320,2024"), which
no cell box can hold. The chars whose centres fall in the box (1 pt slack), read line by
line, must give the raw text: each whitespace-separated part of it, and (the box is tight)
nothing else. The samples that are strict xfails in test_samples.py are checked too: a
wrong value still has a truthful box.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import vbparse
from vbparse.layout.provenance import VALUE_FIELDS, iter_boxes
from vbparse.model import Report, Value
from vbparse.pdf.upright import from_upright, quarter_turn, to_upright, upright_size
from vbparse.vocab import clean

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
SAMPLES = sorted((ROOT / "fixtures" / "samples").glob("*.pdf"))
PDFS = FIXTURES + SAMPLES
PLUMBER = [
    p
    for p in SAMPLES
    if p.stem
    in {
        "s000245-random245",
        "s000263-random263",
        "s000403-random403",
        "s000629-random629",
        "s001420-random1420",
        "s002560-sample",
    }
]
"""Parsed with reader="pdfplumber" too: the samples whose reports differ between the readers
(tests/test_readers.py KNOWN_DIFFERENCES). Everywhere else the two readers' reports are the
same but for boxes within half a point (test_readers), so one reader's check covers both."""
SLACK = 1.0


@functools.cache
def _parsed(pdf: Path, reader: str) -> Report:
    return vbparse.parse(pdf, reader=reader)


PageChars = tuple[list[dict[str, Any]], int, float, float]


def _page_chars(pdf: Path, number: int) -> PageChars:
    pages = _document_chars(pdf)
    return pages[number] if number in pages else _read_chars(pdf, frozenset([number]))[number]


@functools.cache
def _document_chars(pdf: Path) -> dict[int, PageChars]:
    """The chars of every page holding a Value (with either reader this test parses with)."""
    readers = ("auto", "pdfplumber") if pdf in PLUMBER else ("auto",)
    pages = {
        v.page
        for reader in readers
        for ind in _parsed(pdf, reader).indicators
        for f in VALUE_FIELDS
        if (v := getattr(ind, f)) is not None and v.page is not None
    }
    return _read_chars(pdf, frozenset(pages))


@functools.cache
def _read_chars(pdf: Path, pages: frozenset[int]) -> dict[int, PageChars]:
    """The pages' chars as pdfplumber shows them, with each page's quarter turn and shown
    size; the document opened once (reading chars is most of this test's time)."""
    out: dict[int, PageChars] = {}
    if not pages:
        return out
    with pdfplumber.open(pdf, pages=sorted(pages)) as doc:
        for page in doc.pages:
            chars = [{k: c[k] for k in ("text", "x0", "x1", "top", "bottom")} for c in page.chars]
            turn = quarter_turn((c["matrix"][0], c["matrix"][1]) for c in page.chars)
            out[page.page_number] = (chars, turn, float(page.width), float(page.height))
            page.close()
    return out


@functools.cache
def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Every page's shown width and height (no content read)."""
    with pdfplumber.open(pdf) as doc:
        return [(float(p.width), float(p.height)) for p in doc.pages]


def _norm(text: str) -> str:
    """Text as compared: cleaned like the readers do, without whitespace, soft hyphens or icon glyphs."""
    return "".join(
        ch for ch in clean(text).replace("\u00ad", "") if not ch.isspace() and not "\ue000" <= ch <= "\uf8ff"
    )


def text_in_box(pdf: Path, page: int, box: list[float]) -> str:
    """The chars whose centres lie in the box, in reading order (lines top to bottom on the
    upright page, left to right), normalised."""
    chars, turn, width, height = _page_chars(pdf, page)
    x0, top, x1, bottom = box
    inside = [
        c
        for c in chars
        if x0 - SLACK <= (c["x0"] + c["x1"]) / 2 <= x1 + SLACK
        and top - SLACK <= (c["top"] + c["bottom"]) / 2 <= bottom + SLACK
    ]
    upright = sorted(
        ((to_upright((c["x0"], c["top"], c["x1"], c["bottom"]), turn, width, height), c["text"]) for c in inside),
        key=lambda bc: bc[0][1] + bc[0][3],
    )
    lines: list[tuple[float, list[tuple[float, str]]]] = []
    for b, text in upright:
        mid = (b[1] + b[3]) / 2
        if lines and abs(mid - lines[-1][0]) <= 0.4 * (b[3] - b[1]):
            lines[-1][1].append((b[0], text))
        else:
            lines.append((mid, [(b[0], text)]))
    return "".join(_norm(t) for _, line in lines for _, t in sorted(line))


def check_value_boxes(pdf: Path, reader: str) -> None:
    report = _parsed(pdf, reader)
    problems = []
    for ind in report.indicators:
        for field in VALUE_FIELDS:
            value: Value | None = getattr(ind, field)
            if value is None:
                continue
            where = f"{ind.name[:40]!r}.{field} = {value.raw!r}"
            if value.box is None or value.page is None:
                problems.append(f"{where}: no box")
                continue
            found = text_in_box(pdf, value.page, value.box)
            missing = [part for part in value.raw.split() if _norm(part) not in found]
            if missing:
                problems.append(f"{where}: {missing} not in box {value.box} on p.{value.page} (holds {found!r})")
            elif found != _norm(value.raw):
                problems.append(f"{where}: box {value.box} also holds other text: {found!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_value_boxes_hold_their_raw_text(pdf: Path) -> None:
    check_value_boxes(pdf, "auto")


@pytest.mark.parametrize("pdf", PLUMBER, ids=lambda p: p.stem)
def test_value_boxes_hold_their_raw_text_pdfplumber_reader(pdf: Path) -> None:
    check_value_boxes(pdf, "pdfplumber")


BOX_TOLERANCE = 1.0
"""Points two readers' boxes of one thing may differ by (their glyph widths differ up to
~0.3 pt, then 0.1 pt rounding outwards; 0.9 seen, s000742): the round trip's slack."""


def without_boxes(data: Any, where: str = "") -> tuple[Any, dict[str, Any]]:
    """A report's JSON without its `box` keys, and the boxes by JSON path."""
    boxes: dict[str, Any] = {}

    def strip(node: Any, path: str) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "box":
                    boxes[path] = value
                else:
                    out[key] = strip(value, f"{path}/{key}")
            return out
        if isinstance(node, list):
            return [strip(v, f"{path}/{i}") for i, v in enumerate(node)]
        return node

    return strip(data, where), boxes


def assert_same_report(got: dict[str, Any], want: dict[str, Any], tolerance: float = BOX_TOLERANCE) -> None:
    """The same JSON, boxes within `tolerance` points (two readers' word edges differ slightly)."""
    got_plain, got_boxes = without_boxes(got)
    want_plain, want_boxes = without_boxes(want)
    assert got_plain == want_plain
    assert got_boxes.keys() == want_boxes.keys()
    for path, box in got_boxes.items():
        other = want_boxes[path]
        assert (box is None) == (other is None), path
        if box is not None:
            assert max(abs(a - b) for a, b in zip(box, other, strict=True)) <= tolerance, (path, box, other)


def _inside(inner: list[float], outer: list[float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_every_item_has_a_box_on_its_page_holding_its_values(pdf: Path) -> None:
    """Items: a box with area, on the page; an indicator's box holds its values' boxes.

    A value on a later page than its row (a row cut by a page break) is outside the row's
    box, which is on the row's first page: allowed, and none of the PDFs has one today."""
    report = _parsed(pdf, "auto")
    problems = []
    for ref in iter_boxes(report):
        box = ref.box
        if ref.kind == "goal" and not ref.label:
            continue  # the stand-in goal for a table with no goal above it has no heading
        if box is None or ref.page is None:
            problems.append(f"{ref.kind} {ref.label[:40]!r}: no box")
            continue
        width, height = _page_sizes(pdf)[ref.page - 1]
        if not (0 <= box[0] < box[2] <= width + SLACK and 0 <= box[1] < box[3] <= height + SLACK):
            problems.append(f"{ref.kind} {ref.label[:40]!r}: box {box} not on a {width} x {height} page")
    for ind in report.indicators:
        for field in VALUE_FIELDS:
            value = getattr(ind, field)
            if value is None or ind.box is None or value.box is None:
                continue
            if value.page == ind.page:
                if not _inside(value.box, ind.box):
                    problems.append(f"{ind.name[:40]!r}.{field}: box {value.box} outside the row's {ind.box}")
            elif value.page is None or ind.page is None or value.page < ind.page:
                problems.append(f"{ind.name[:40]!r}.{field}: on p.{value.page}, its row on p.{ind.page}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_warning_boxes_lie_on_their_pages(pdf: Path) -> None:
    """A warning's box (where it has one) is a box with area on its page, as shown."""
    problems = []
    for w in _parsed(pdf, "auto").warnings:
        if w.box is None:
            continue
        if w.page is None:
            problems.append(f"{w.code}: a box and no page")
            continue
        width, height = _page_sizes(pdf)[w.page - 1]
        box = w.box
        if not (0 <= box[0] < box[2] <= width + SLACK and 0 <= box[1] < box[3] <= height + SLACK):
            problems.append(f"{w.code}: box {box} not on a {width} x {height} page")
    assert not problems, "\n".join(problems)


def test_headings_boxes_hold_their_titles() -> None:
    """Goals and sections: the box is the heading's lines, so it holds the title's words."""
    pdf = FIXTURES[0]
    report = _parsed(pdf, "auto")
    refs = [r for r in iter_boxes(report) if r.kind in ("goal", "section") and r.box is not None]
    assert refs
    for ref in refs:
        found = text_in_box(pdf, ref.page, ref.box)  # type: ignore[arg-type]
        assert all(_norm(part) in found for part in ref.label.split()), (ref.label, found)


def test_boxes_survive_json_and_frames() -> None:
    report = _parsed(FIXTURES[0], "auto")
    again = Report.model_validate_json(report.to_json())
    assert again.to_dict() == report.to_dict()
    data = report.to_dict()
    ind = next(i for g in data["goals"] for i in _walk_indicators(g))
    assert len(ind["box"]) == 4 and len(ind["outcome"]["box"]) == 4 and ind["outcome"]["page"] == ind["page"]
    frame = report.to_frames()["indicators"]
    first = report.indicators[0]
    row = frame.iloc[0]
    assert row["outcome_page"] == first.outcome.page  # type: ignore[union-attr]
    assert [row[f"outcome_{k}"] for k in ("x0", "top", "x1", "bottom")] == first.outcome.box  # type: ignore[union-attr]
    assert [row[f"box_{k}"] for k in ("x0", "top", "x1", "bottom")] == first.box


def _walk_indicators(goal: dict[str, Any]) -> list[dict[str, Any]]:
    return goal["indicators"] + [i for c in goal["children"] for i in _walk_indicators(c)]


def test_from_upright_undoes_to_upright() -> None:
    rng = random.Random(12)
    width, height = 595.3, 841.9
    for turn in (0, 90, 180, 270):
        up_w, up_h = upright_size(turn, width, height)
        for _ in range(50):
            x0, x1 = sorted(rng.uniform(0, width) for _ in range(2))
            top, bottom = sorted(rng.uniform(0, height) for _ in range(2))
            back = from_upright(to_upright((x0, top, x1, bottom), turn, width, height), turn, up_w, up_h)
            assert back == pytest.approx((x0, top, x1, bottom))


def test_inspect_png_draws_each_value_box_with_its_field(tmp_path: Path) -> None:
    from PIL import Image

    from vbparse.io.pagemap import COLOURS, render_pngs, value_parts

    pdf = FIXTURES[0]
    report = _parsed(pdf, "auto")
    parts = value_parts(report)
    values = [(f, v) for i in report.indicators for f in VALUE_FIELDS if (v := getattr(i, f)) is not None]
    assert [(p.label, p.text) for p in parts] == [(f, v.raw) for f, v in values]
    written, problems = render_pngs(pdf, report, tmp_path)
    assert not problems
    part = parts[0]
    assert part.page is not None and part.box is not None
    image = Image.open(written[part.page - 1]).convert("RGB")
    scale = image.size[0] / _page_sizes(pdf)[part.page - 1][0]
    x = int((part.box[0] - 0.5) * scale)
    y = int((part.box[1] + part.box[3]) / 2 * scale)
    red = COLOURS["value"]
    near = [image.getpixel((x + dx, y + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    assert any(abs(p[0] - red[0]) < 40 and p[1] < 120 for p in near), near  # type: ignore[index]


def test_inspect_png_keeps_page_images_within_the_pixel_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page may declare any size: its image is drawn at a lower resolution, and that is said."""
    from PIL import Image

    from vbparse.io import pagemap

    assert pagemap.page_resolution(595, 842, 100) == 100  # A4 at 100 dpi: 0.97 M pixels, under the cap
    assert pagemap.page_resolution(14400, 14400, 100) < 100  # 200 x 200 in: 400 M pixels at 100 dpi
    monkeypatch.setattr(pagemap, "MAX_PAGE_PIXELS", 200_000)
    pdf = FIXTURES[0]
    written, problems = pagemap.render_pngs(pdf, _parsed(pdf, "auto"), tmp_path)
    assert written and len(problems) == len(written)
    assert all("dpi instead of 100" in p for p in problems)
    for path in written:
        w, h = Image.open(path).size
        assert w * h <= 200_000
