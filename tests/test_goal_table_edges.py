"""Column edges of indicator and activity tables on hand-placed geometry: where the
header's and the values' positions put them, whatever producer set the page."""

from __future__ import annotations

from vbparse.layout.lines import Line
from vbparse.layout.tables.columns import cells_of, layout_from_header
from vbparse.layout.tables.header import Header
from vbparse.layout.tables.reader import TableReader
from vbparse.pdf.reading import Box, PageData, Word


def _line(top: float, words: list[tuple[str, float, float]], size: float = 9.0, bold: bool = False) -> Line:
    return Line([Word(t, x0, x1, top, top + size, size, bold, 1) for t, x0, x1 in words], 1)


def test_value_ending_where_a_header_set_right_starts_is_not_glued_to_it() -> None:
    """Headers set right over values set left (no rules, no padding shown): a value of the
    'Utfall VB 2023' column happens to end 0.1 pt before that header's first line starts.
    A header set right starts where its words' length puts it, not at its cell's edge, so
    that value is the column's own, and the value before it stays in its own column."""
    header = [
        _line(
            140.3,
            [
                ("Indikator", 137.7, 171.6),
                ("Utfal", 238.6, 257.0),
                ("Utfall", 292.1, 312.7),
                ("Utfall", 338.3, 358.8),
                ("VB", 360.9, 371.2),
                ("Årsmål", 381.2, 407.3),
            ],
            bold=True,
        ),
        _line(150.8, [("l", 254.8, 257.0), ("kvinnor/", 280.3, 312.7), ("2023", 353.0, 371.2)], bold=True),
        _line(162.0, [("män/", 236.5, 257.0), ("flickor", 289.5, 312.7)], bold=True),
        _line(172.5, [("pojk", 240.7, 256.9)], bold=True),
        _line(183.0, [("ar", 249.3, 256.9)], bold=True),
    ]
    body = [
        _line(
            198.8,
            [
                ("Inom", 77.1, 96.0),
                ("målet", 98.0, 136.5),
                ("85", 236.4, 245.5),
                ("593", 265.0, 278.6),
                ("51", 320.7, 329.8),
                ("%", 331.8, 338.2),
                ("68", 379.2, 388.3),
                ("%", 390.4, 396.8),
            ],
        )
    ]
    layout = layout_from_header("indicator", header, PageData(1, 595.0, 842.0, []), body)
    cells = {role: " ".join(w.text for w in ws) for role, ws in cells_of(body[0], layout).items()}
    assert cells["outcome_men"] == "85"
    assert cells["outcome_women"] == "593"
    assert cells["previous"] == "51 %"
    assert cells["target"] == "68 %"


def _header() -> Header:
    return Header(
        "indicator",
        [
            _line(
                90.0,
                [
                    ("Indikator", 90.0, 130.0),
                    ("Utfall", 300.0, 325.0),
                    ("Årsmål", 400.0, 430.0),
                    ("Period", 480.0, 510.0),
                ],
                bold=True,
            )
        ],
    )


def _rows(
    body: list[Line], icons: list[Box] | None = None, fills: list[Box] | None = None
) -> list[tuple[str, str | None, str | None, str | None]]:
    header = _header()
    page = PageData(1, 595.0, 842.0, [], icons=icons or [], fills=fills or [])
    reader = TableReader(header, {1: page}, {1: header.lines + body}, [], 520.0)
    for ln in body:
        reader.feed(ln)
    return [(r.name, r.previous and r.previous.raw, r.target and r.target.raw, r.period) for r in reader.goal_rows()]  # type: ignore[union-attr]
