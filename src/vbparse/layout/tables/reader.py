"""One table from header band to interpreted rows, in two passes over its lines.

The first pass, on columns from the header alone, tells the walker where the table ends
and which lines are value rows; the second reads the rows again on columns measured
from the header and those value lines together (gutters, alignment), at the table's own
line pitch.
"""

from __future__ import annotations

from collections import Counter
from contextvars import ContextVar

from ...model import Activity, ComplaintRow, Indicator, ParseWarning
from ...pdf.reading import PageData
from ..lines import Line
from ..provenance import box_of
from .columns import TableLayout, layout_from_header, missing_roles
from .complaints import parse_complaints
from .goals import RowReader, _is_analysis_label
from .header import Header
from .model import Span, Table, add_row, cells_by_page, close_rows, new_table
from .rows import RowEvidence, header_pitch, table_pitch

LABEL_LEFTS: ContextVar[dict[str, list[float]] | None] = ContextVar("LABEL_LEFTS", default=None)
"""Where the document's labels start, as read so far: "goal" the goal labels (Beskrivning,
Förväntat resultat, a goal's Analys), "table" the goal tables' own Analys labels. Set per parse."""
LABEL_X_TOL = 0.5  # pt: labels set alike start at one x (positions are exact to ~0.1 pt)


def note_goal_label(ln: Line) -> None:
    """Record where a goal label starts (the walker read it as the goal's)."""
    lefts = LABEL_LEFTS.get()
    if lefts is not None:
        lefts.setdefault("goal", []).append(ln.x0)


class TableReader:
    def __init__(
        self,
        header: Header,
        pages: dict[int, PageData],
        page_lines: dict[int, list[Line]],
        warnings: list[ParseWarning],
        text_right: float,
    ):
        self.header = header
        self.kind = header.kind
        self.pages = pages
        self.warnings = warnings
        self.text_right = text_right
        self.evidence = RowEvidence(pages, page_lines)
        hdr = header.lines
        self.header_pitch = header_pitch(hdr)
        self.page = pages[hdr[0].page]
        self.layout0 = layout_from_header(self.kind, hdr, self.page)
        self.first = self._rows(self.layout0, self.header_pitch, []) if self.kind != "complaint" else None
        self.body: list[Line] = []
        self.evidence.body = self.body
        self.table: Table | None = None  # the table as read: what `inspect` shows
        self._sizes: Counter[float] = Counter()  # body line sizes: their median, cheaply
        self.repeats: dict[int, list[Line]] = {}  # the header repeated on later pages

    def repeated(self, header: Header) -> None:
        self.repeats.setdefault(header.lines[0].page, list(header.lines))

    def _page_layouts(self) -> dict[int, TableLayout]:
        """Columns for pages narrower or wider than the header's (a portrait page after a
        landscape one): measured under the header repeated there, with that page's lines.
        Pages of the header's width keep the table's layout."""
        width = self.page.width
        out: dict[int, TableLayout] = {}
        by_width: dict[int, list[int]] = {}
        for pg in sorted({ln.page for ln in self.body}):
            if abs(self.pages[pg].width - width) > 1.0:
                by_width.setdefault(round(self.pages[pg].width), []).append(pg)
        for pgs in by_width.values():
            hdr_page = next((pg for pg in pgs if pg in self.repeats), None)
            if hdr_page is None:
                continue  # no header there to measure by: the table's own columns stand
            values = [ln for ln in self.body if ln.page in pgs]
            lay = layout_from_header(self.kind, self.repeats[hdr_page], self.pages[hdr_page], values)
            for pg in pgs:
                out[pg] = lay
        return out

    def _rows(
        self,
        layout,
        pitch: float,
        warnings: list[ParseWarning],  # type: ignore[no-untyped-def]
        gapped: bool = False,
    ) -> RowReader:
        reader = RowReader(layout, self.evidence, warnings, pitch, gapped)
        reader.text_right = self.text_right
        return reader

    def wants_goal_analysis(self, ln: Line) -> bool:
        """An Analys label belongs to the goal, not the table, when no value row waits for
        it, or when it is set in another size than the table's own text (a table set
        smaller or larger than the body: the goal's label is body text). Sizes in a PDF are
        exact: half a point apart (9.5 body, 10 table) is another style, not noise."""
        if self.first is None or self.first.wants_goal_analysis(ln):
            return True
        if bool(self.body) and abs(ln.size - self._median_size()) > 0.25:
            return True
        return self._set_as_goal_label(ln)

    def _set_as_goal_label(self, ln: Line) -> bool:
        """The label starts where the document's goal labels do and apart from where its
        tables' own Analys labels start (inside a cell, past its padding), most of them
        (one goal label read as a table's before the tables showed their own x does not
        decide): it stands outside the table. Where both start at one x (no padding, or
        a table indented to put its text on the body's margin) this tells nothing."""
        lefts = LABEL_LEFTS.get() or {}
        goal, table = lefts.get("goal", []), lefts.get("table", [])
        alike = sum(1 for x in table if abs(ln.x0 - x) <= LABEL_X_TOL)
        return any(abs(ln.x0 - x) <= LABEL_X_TOL for x in goal) and len(table) - alike > alike

    def _median_size(self) -> float:
        """The middle one of the body lines' sizes (counted as lines come: this is asked at
        every Analys label, and sorting the body each time made long tables quadratic)."""
        half = len(self.body) // 2
        seen = 0
        for size in sorted(self._sizes):
            seen += self._sizes[size]
            if seen > half:
                return size
        return 0.0

    def feed(self, ln: Line) -> None:
        self.body.append(ln)
        lefts = LABEL_LEFTS.get()
        if lefts is not None and self.first is not None and _is_analysis_label(ln)[0]:
            lefts.setdefault("table", []).append(ln.x0)
        self._sizes[ln.size] += 1
        if self.first is not None:
            self.first.feed(ln)

    def _layout(self):  # type: ignore[no-untyped-def]
        values = self.first.value_lines if self.first is not None else self.body
        layout = layout_from_header(self.kind, self.header.lines, self.page, values, pool=self.kind != "complaint")
        missing = missing_roles(layout)
        if missing:
            hdr = self.header.lines[0]
            self.warnings.append(
                ParseWarning(
                    code="table_header_incomplete",
                    page=hdr.page,
                    box=box_of(self.header.lines, hdr.page),
                    message=f"{self.kind} table header at y={hdr.top:.0f} has no column for {', '.join(missing)}",
                )
            )
        return layout

    def goal_rows(self) -> list[Indicator] | list[Activity]:
        layout = self._layout()
        pitch = table_pitch(self.body, self.header_pitch)
        # the first reading saw the whole table: whether its rows stand apart holds from the first row
        reader = self._rows(layout, pitch, self.warnings, self.first is not None and self.first.gapped)
        for ln in self.body:
            reader.feed(ln)
        self.table = _goal_table(layout, [*self.header.lines, *self.body], reader)
        return reader.indicators() if self.kind == "indicator" else reader.activities()

    def complaint_rows(self) -> list[ComplaintRow]:
        layout = self._layout()
        self.table = new_table(layout, [*self.header.lines, *self.body])
        return parse_complaints(self.body, layout, self.evidence, self.warnings, self._page_layouts(), self.table)


def _goal_table(layout: TableLayout, lines: list[Line], reader: RowReader) -> Table:
    """The rows a goal table's reader made, with their cells; an Analys row as a span over
    the table's width belonging to the value row above it."""
    table = new_table(layout, lines)
    for row in reader.rows:
        i = add_row(table, row.page, row.top, (c for role, lns in row.cells.items() for c in cells_by_page(role, lns)))
        for cell in cells_by_page("analysis", row.analysis or []):
            extent = table.on_page(cell.page)  # a row merged over every column: the table's width
            x0, top, x1, bottom = cell.box
            box = (min(x0, extent.left), top, max(x1, extent.right), bottom) if extent else cell.box
            table.spans.append(Span("analysis", cell.page, box, cell.text, [i]))
    close_rows(table)
    return table
