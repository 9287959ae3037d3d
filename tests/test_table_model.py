"""The explicit table model the readers hand over (`layout.tables.model`), checked against
the fixtures' hand-written truth: one row per complaint row, one merged cell per group
run, each value inside its column, rows tiling the table; `inspect` lists and draws it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import vbparse
from vbparse.io.pagemap import COLOURS, describe, render_pngs, tables_of
from vbparse.layout.provenance import VALUE_FIELDS
from vbparse.layout.tables.model import Table

ROOT = Path(__file__).resolve().parents[1]
LOOKS = ["seed001-a_sans_grid", "seed001-c_serif_norules", "seed001-e_rl_serif_norules"]


def _truth(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((ROOT / "fixtures" / "truth" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=LOOKS)
def parsed(request: pytest.FixtureRequest) -> tuple[str, vbparse.Report, list[Table]]:
    report = vbparse.parse(ROOT / "fixtures" / "pdf" / f"{request.param}.pdf")
    return request.param, report, tables_of(report)


def test_complaint_table_has_a_row_per_complaint_and_a_merged_cell_per_group(
    parsed: tuple[str, vbparse.Report, list[Table]],
) -> None:
    name, _report, tables = parsed
    truth = _truth(name)["complaints"]
    [table] = [t for t in tables if t.kind == "complaint"]
    assert len(table.rows) == len(truth)
    # a group's rows run on over a page break as one cell per page: join those
    runs = [(g, [i for i, _ in grp]) for g, grp in itertools.groupby(enumerate(truth), key=lambda x: x[1]["group"])]
    spans: list[tuple[str, list[int]]] = []
    for span in table.spans:
        assert span.role == "group"
        if spans and spans[-1][0] == span.text and spans[-1][1][-1] + 1 == span.rows[0]:
            spans[-1][1].extend(span.rows)
        else:
            spans.append((span.text, list(span.rows)))
    assert spans == [(g, rows) for g, rows in runs if g is not None]
    for span in table.spans:  # a merged cell reaches from its first row's top to its last row's foot
        first, last = table.rows[span.rows[0]], table.rows[span.rows[-1]]
        assert span.box[1] == first.top and span.box[3] == last.bottom
        assert span.box[2] <= min(c.box[0] for k in span.rows for c in table.rows[k].cells) + 0.5


def test_each_value_lies_in_its_column_and_rows_tile_the_table(parsed: tuple[str, vbparse.Report, list[Table]]) -> None:
    _name, report, tables = parsed
    goal_tables = [t for t in tables if t.kind == "indicator"]
    assert sum(len(t.rows) for t in goal_tables) == len(report.indicators)
    checked = 0
    for table in tables:
        cols = {c.role: c for c in table.columns}
        assert all(a.right <= b.left + 0.01 for a, b in itertools.pairwise(table.columns))
        for row in table.rows:
            extent = table.on_page(row.page)
            assert extent is not None and extent.top <= row.top < row.bottom <= extent.bottom
            for cell in row.cells:
                col = cols.get(cell.role)
                if col is not None and cell.role in VALUE_FIELDS:
                    centre = (cell.box[0] + cell.box[2]) / 2
                    assert col.left <= centre <= col.right, (cell, col)
                    checked += 1
        for a, b in itertools.pairwise(table.rows):
            if a.page == b.page:
                assert a.bottom == b.top
    assert checked >= sum(1 for i in report.indicators for f in VALUE_FIELDS if getattr(i, f) is not None)


def test_inspect_lists_tables_and_draws_merged_cells(tmp_path: Path) -> None:
    from PIL import Image

    pdf = ROOT / "fixtures" / "pdf" / "seed001-c_serif_norules.pdf"
    report = vbparse.parse(pdf)
    text = describe(report)
    assert "complaint table: 6 columns (category, t1, t2, vb, total, summary), 36 rows" in text
    written, problems = render_pngs(pdf, report, tmp_path)
    assert not problems
    [table] = [t for t in tables_of(report) if t.kind == "complaint"]
    span = table.spans[0]
    image = Image.open(written[span.page - 1]).convert("RGB")
    import pypdfium2

    width = pypdfium2.PdfDocument(pdf)[span.page - 1].get_width()
    scale = image.size[0] / width
    x, y = int((span.box[0] + 1) * scale), int((span.box[1] + span.box[3]) / 2 * scale)
    teal = COLOURS["span"]
    near = [image.getpixel((x + dx, y)) for dx in range(-2, 3)]
    assert any(abs(p[0] - teal[0]) < 50 and abs(p[1] - teal[1]) < 50 and abs(p[2] - teal[2]) < 50 for p in near), near


def test_a_table_without_rows_closes_and_summarises() -> None:
    """A header with no body (the table's rows all on a page that failed, or none at all)."""
    from vbparse.layout.tables.model import Column, TablePage, add_row, close_rows

    table = Table(
        "indicator", [Column("name", 50, 200), Column("outcome", 200, 260)], [TablePage(3, 50, 260, 100, 130)]
    )
    close_rows(table)
    assert table.rows == []
    assert table.summary() == "p.3  indicator table: 2 columns (name, outcome), 0 rows"
    add_row(table, 3, 110, [])
    close_rows(table)
    assert (table.rows[0].top, table.rows[0].bottom) == (110, 130)  # the last row reaches the table's foot
