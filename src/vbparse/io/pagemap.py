"""What `vbparse inspect` shows: what was found on which page, coverage, warnings, page images.

Only the public report (plus the optional `report.coverage`) is used, so this keeps
working while the parser changes. The page images draw each item's and each Value's
provenance box (`provenance.py`), a Value's labelled with its field, so a wrong number
is found by looking; an item without a box (a report loaded from JSON written before
boxes) is located by searching the page for its text.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..layout.provenance import VALUE_FIELDS
from ..model import Report, Section

LEVEL_LABEL = {"kf_direction": "KF direction", "kf_area": "KF area", "board": "board goal", "unit": "unit goal"}

COLOURS: dict[str, tuple[int, int, int]] = {
    "section": (120, 120, 120),
    "goal": (0, 90, 220),
    "indicator": (0, 160, 60),
    "activity": (230, 130, 0),
    "complaint": (150, 60, 200),
    "warning": (220, 0, 0),
    "grid": (230, 0, 150),
    "span": (0, 140, 150),
    "value": (200, 30, 30),
}
"""Box colour per kind of found part in the page images."""

PLURAL = {"indicator": "indicators", "activity": "activities", "complaint": "complaint rows", "warning": "warnings"}

MAX_LEFTOVERS = 60

MAX_PAGE_PIXELS = 12_000_000
"""Pixels one page image may take (an A4 page at 300 dpi is 8.7 M): a PDF may declare a page
of any size, and a 5 m page at 100 dpi would be a multi-gigabyte image, so the resolution drops."""


def page_resolution(width_pt: float, height_pt: float, wanted: int) -> int:
    """The resolution (dpi) to draw a page at: `wanted`, lowered until the image fits MAX_PAGE_PIXELS."""
    area_in = max(width_pt, 1.0) * max(height_pt, 1.0) / 72**2
    fits = int((MAX_PAGE_PIXELS / area_in) ** 0.5)
    return max(1, min(wanted, fits))


@dataclass(frozen=True)
class Found:
    """One part of the report and where it was found."""

    kind: str
    label: str
    text: str
    page: int | None
    box: tuple[float, float, float, float] | None = None
    """Where it was read (provenance); None when the report has no box for it."""


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _sections(sections: list[Section]) -> Iterator[Section]:
    for sec in sections:
        yield sec
        yield from _sections(sec.children)


def _b(box: list[float] | None) -> tuple[float, float, float, float] | None:
    return (box[0], box[1], box[2], box[3]) if box else None


def found_parts(report: Report) -> list[Found]:
    """Every located part of the report, in document order within its kind."""
    out = [
        Found("section", f"section {_short(s.title, 40)!r}", s.title, s.page, _b(s.box))
        for s in _sections(report.sections)
    ]
    for goal in report.iter_goals():
        label = LEVEL_LABEL[goal.level] + (f" {goal.number}" if goal.number else "")
        out.append(Found("goal", f"{label} {_short(goal.title, 40)!r}", goal.title, goal.page, _b(goal.box)))
        out += [
            Found("indicator", f"indicator {_short(i.name, 40)!r}", i.name, i.page, _b(i.box)) for i in goal.indicators
        ]
        out += [
            Found("activity", f"activity {_short(a.name, 40)!r}", a.name, a.page, _b(a.box)) for a in goal.activities
        ]
    out += [
        Found("complaint", f"complaint {_short(c.category, 40)!r}", c.category, c.page, _b(c.box))
        for c in report.complaints
    ]
    out += [Found("warning", f"warning [{w.code}] {_short(w.message)}", "", w.page) for w in report.warnings]
    return out


def value_parts(report: Report) -> list[Found]:
    """Every indicator Value with a box, labelled with its field name (what the page images write beside it)."""
    return [
        Found("value", field, value.raw, value.page, _b(value.box))
        for ind in report.indicators
        for field in VALUE_FIELDS
        if (value := getattr(ind, field)) is not None and value.box is not None
    ]


def _counts(report: Report) -> str:
    levels = Counter(g.level for g in report.iter_goals())
    goals = ", ".join(f"{levels[k]} {v}{'s' if levels[k] != 1 else ''}" for k, v in LEVEL_LABEL.items())
    return (
        f"goals: {sum(levels.values())} ({goals})\n"
        f"indicators: {len(report.indicators)}   activities: {len(report.activities)}   "
        f"complaint rows: {len(report.complaints)}   sections: {sum(1 for _ in _sections(report.sections))}   "
        f"warnings: {len(report.warnings)}"
    )


def _page_line(items: list[Found]) -> str:
    kinds = Counter(f.kind for f in items)
    parts = [f.label for f in items if f.kind in ("section", "goal")]
    parts += [f"{kinds[k]} {k if kinds[k] == 1 else plural}" for k, plural in PLURAL.items() if kinds[k]]
    return "; ".join(parts)


def _coverage_lines(report: Report) -> list[str]:
    cov = report.coverage
    if cov is None:
        return ["coverage: not reported for this report"]
    lines = [
        f"coverage: {cov.share:.1%} of the text ended in a field, a label or page furniture"
        f" ({cov.placed_chars} of {cov.total_chars} characters)"
    ]
    if cov.leftovers:
        lines.append(f"leftover lines ({len(cov.leftovers)}):")
        for item in cov.leftovers[:MAX_LEFTOVERS]:
            lines.append(f"  p.{item.page if item.page is not None else '?':>3}  {_short(item.text, 100)}")
        if len(cov.leftovers) > MAX_LEFTOVERS:
            lines.append(f"  … {len(cov.leftovers) - MAX_LEFTOVERS} more")
    return lines


def describe(report: Report) -> str:
    """The text `vbparse inspect` prints."""
    src, meta = report.source, report.meta
    lines = [
        f"file: {src.file or '(stdin)'}   pages: {src.pages}   sha256: {(src.sha256 or '')[:16]}",
        f"kind: {meta.kind}   year: {meta.year}   unit: {meta.unit}",
        f"board: {meta.board}   dnr: {meta.dnr}   date: {meta.date}",
        _counts(report),
        "",
        "page map:",
    ]
    by_page: dict[int | None, list[Found]] = defaultdict(list)
    for item in found_parts(report):
        by_page[item.page].append(item)
    for page in range(1, max(src.pages, *(p for p in by_page if p is not None), 0) + 1):
        lines.append(f"  p.{page:>3}  {_page_line(by_page.get(page, [])) or '-'}")
    if by_page.get(None):
        lines.append(f"  no page  {_page_line(by_page[None])}")
    tables = tables_of(report)
    if tables:
        lines += ["", f"tables ({len(tables)}):", *(f"  {t.summary()}" for t in tables)]
    lines += ["", *_coverage_lines(report), "", f"warnings ({len(report.warnings)}):"]
    lines += [f"  p.{w.page if w.page is not None else '?':>3}  [{w.code}] {w.message}" for w in report.warnings]
    return "\n".join(lines)


def _patterns(text: str) -> Iterator[re.Pattern[str]]:
    """The first 4, 3, 2 words of `text`: a text wrapped in a narrow cell still matches its first line."""
    words = text.split()[:4]
    for n in range(len(words), min(len(words), 2) - 1, -1):
        yield re.compile(r"\s+".join(re.escape(w) for w in words[:n]))


def _boxes(page: Any, items: list[Found]) -> Iterator[tuple[tuple[float, float, float, float], str]]:
    """Each item's box, padded 2 pt: its provenance box, else where its text is on the page."""
    for item in items:
        if item.box is not None:
            x0, top, x1, bottom = item.box
            yield (x0 - 2, top - 2, x1 + 2, bottom + 2), item.kind
            continue
        for pattern in _patterns(item.text):
            hits = page.search(pattern, return_chars=False, return_groups=False)
            if hits:
                h = hits[0]
                yield (h["x0"] - 2, h["top"] - 2, h["x1"] + 2, h["bottom"] + 2), item.kind
                break


def _draw_values(image: Any, values: list[Found]) -> None:
    """Each Value's box (its cell's text) outlined, its field name written above its left corner."""
    colour = COLOURS["value"]
    font = _label_font()
    for item in values:
        assert item.box is not None
        x0, top, x1, bottom = item.box
        image.draw_rect(
            (x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5), fill=(*colour, 30), stroke=(*colour, 230), stroke_width=1
        )
        px = (x0 - image.bbox[0]) * image.scale
        py = (top - image.bbox[1]) * image.scale
        image.draw.text((px, py - 1), item.label, fill=(*colour, 255), font=font, anchor="ld")


def _label_font() -> Any:
    """A small font for field names (Pillow's bundled one; sized where Pillow can)."""
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=9)
    except TypeError:  # Pillow < 10.1: the fixed bitmap font
        return ImageFont.load_default()


def _draw_table(image: Any, table: Any, page: int) -> None:
    """A table as the reader found it (`layout.tables.model.Table`), on one page: its
    outline and column boundaries (thick), each row's top (thin, across), each cell's
    text box (thin) and each merged cell (group labels, Analys rows) outlined in its own colour."""
    extent = table.on_page(page)
    if extent is None:
        return
    colour = COLOURS["grid"]
    line = (*colour, 230)
    left, top, right, bottom = extent.left, extent.top - 1, extent.right, extent.bottom + 1
    image.draw_rect((left, top, right, bottom), fill=(0, 0, 0, 0), stroke=line, stroke_width=2)
    for col in table.columns[1:]:
        image.draw_line([(col.left, top), (col.left, bottom)], stroke=line, stroke_width=1)
    for row in table.rows:
        if row.page == page:
            image.draw_line([(left, row.top - 1), (right, row.top - 1)], stroke=line, stroke_width=1)
        for cell in row.cells:
            if cell.page == page:
                image.draw_rect(cell.box, fill=(0, 0, 0, 0), stroke=(*colour, 110), stroke_width=1)
    merged = COLOURS["span"]
    for span in table.spans:
        if span.page == page:
            x0, y0, x1, y1 = span.box
            image.draw_rect((x0 + 1, y0, x1 - 1, y1 - 1), fill=(*merged, 35), stroke=(*merged, 220), stroke_width=2)


def tables_of(report: Report) -> list[Any]:
    """The tables the readers found (`layout.tables.model.Table`); none for a report loaded from JSON."""
    return list(getattr(report, "_tables", None) or [])


def render_pngs(
    source: str | os.PathLike[str], report: Report, out_dir: str | os.PathLike[str], resolution: int = 100
) -> tuple[list[Path], list[str]]:
    """Page images with found parts boxed (colour per kind), each table drawn as the reader
    found it (outline, column boundaries, row tops, cells, merged cells), each Value's box labelled
    with its field name; pages with warnings framed red.

    Returns (files written, problems); a page that cannot be drawn is a problem, not an error.
    """
    from ..pdf.pdfopen import open_pdf
    from ..pdf.read_pdfium import PDFIUM_LOCK  # pdfplumber renders with pypdfium2: one pdfium user at a time

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[Found]] = defaultdict(list)
    for item in found_parts(report):
        if item.page is not None:
            by_page[item.page].append(item)
    values: dict[int, list[Found]] = defaultdict(list)
    for item in value_parts(report):
        if item.page is not None:
            values[item.page].append(item)
    tables = tables_of(report)
    written: list[Path] = []
    problems: list[str] = []
    with open_pdf(source) as (pdf, _src):
        for number, page in enumerate(pdf.pages, start=1):
            items = by_page.get(number, [])
            try:
                dpi = page_resolution(float(page.width), float(page.height), resolution)
                if dpi < resolution:
                    problems.append(
                        f"page {number}: {float(page.width):.0f} x {float(page.height):.0f} pt, "
                        f"drawn at {dpi} dpi instead of {resolution} to stay within "
                        f"{MAX_PAGE_PIXELS // 1_000_000} M pixels"
                    )
                with PDFIUM_LOCK:
                    image = page.to_image(resolution=dpi)
                for bbox, kind in _boxes(page, items):
                    colour = COLOURS[kind]
                    image.draw_rect(bbox, fill=(*colour, 40), stroke=(*colour, 220), stroke_width=2)
                for table in tables:
                    _draw_table(image, table, number)
                _draw_values(image, values.get(number, []))
                if any(f.kind == "warning" for f in items):
                    w, h = float(page.width), float(page.height)
                    image.draw_rect(
                        (2, 2, w - 2, h - 2), fill=(0, 0, 0, 0), stroke=(*COLOURS["warning"], 255), stroke_width=4
                    )
                path = out / f"page-{number:03d}.png"
                image.save(path)
                written.append(path)
            except Exception as exc:  # one page that cannot render must not stop the rest
                problems.append(f"page {number}: {type(exc).__name__}: {exc}")
            finally:
                page.close()
    return written, problems
