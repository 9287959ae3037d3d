"""Indicator and activity tables: value rows placed by column, Analys rows glued back.

Each value row is followed by a full-width "Analys" row. The full-width row starts at
the table's left edge (over the status-icon column), a value row at the name column:
that offset tells the two apart; edges, icons and gaps (`rows.RowEvidence`) tell where a
value row begins. Repeated header bands never reach this reader (the walker skips them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ...model import Activity, Indicator, ParseWarning
from ...pdf.reading import Word
from ...values import _NUMBER_RE, parse_value
from ...vocab import COUNT_UNITS, DASHES, ISO_DATE_RE, LABEL_ANALYSIS, TEXT_TARGETS, YEAR_RE, fold, tidy_period
from ..lines import Line, join_cell, line_pitch, paragraphs, split_phrases, unfinished, wrap_pitch
from ..provenance import box_of, place_table_row
from .columns import PHRASE_GAP_EM, TableLayout, cells_of
from .header import CELL_GAP_EM
from .rows import RowEvidence, gap_breaks


@dataclass
class _Row:
    page: int
    top: float
    cells: dict[str, list[Line]] = field(default_factory=dict)
    analysis: list[Line] | None = None
    icon: bool = False  # a status icon marked the row's first line


def _is_analysis_label(ln: Line) -> tuple[bool, list[Word]]:
    """("Analys" label?, words after the label on the same line). A label is capitalised:
    a lower-case "analys" is a wrapped cell's word ("resultat–" / "analys")."""
    first = fold(ln.words[0].text).rstrip(":")
    if first != LABEL_ANALYSIS or ln.words[0].text[:1].islower():
        return False, []
    rest = ln.words[1:]
    if not rest or ln.words[0].bold or ln.words[0].text.endswith(":"):
        return True, rest
    return False, []


_TARGET_SPELLINGS = {t.replace(" ", ""): t for t in TEXT_TARGETS if " " in t}


def _respaced(text: str) -> str:
    """A fixed phrase of the management system ("Tas fram av nämnd/styrelse") as it is
    spelled, when the cell holds its letters with the spaces misplaced: a cell narrower
    than its words breaks them anywhere ("Tas fra" / "m av n" / "ämnd/styrelse"), and
    where a break fell at a space cannot always be told from the glyphs."""
    key = fold(text).replace(" ", "")
    phrase = _TARGET_SPELLINGS.get(key)
    if phrase is None or fold(text) == phrase:
        return text
    return (phrase[:1].upper() if text[:1].isupper() else phrase[:1]) + phrase[1:]


def _is_prose(ln: Line) -> bool:
    """Running text: every gap between its words is a word space (a value row's cells
    stand apart by at least their padding, and mostly much more)."""
    gaps = [b.x0 - a.x1 for a, b in zip(ln.words, ln.words[1:], strict=False)]
    return all(g <= 0.5 * max(b.size, 1.0) for g, b in zip(gaps, ln.words[1:], strict=True))


_WHOLE_TARGETS = frozenset(t for t in TEXT_TARGETS if t != "tas fram av nämnd")  # that one goes on: "/styrelse"


def _whole_value(text: str) -> bool:
    """Text that is a value cell's whole text: a number with its unit, a dash, or a text
    target ("öka", "Tas fram av nämnd/styrelse")."""
    t = " ".join(text.split())
    return bool(_NUMBER_RE.match(t)) or t in DASHES or fold(t) in _WHOLE_TARGETS


_PERIOD_KINDS = ("vb", "t1", "t2", "vp")


def _goes_on(have: list[Line], words: list[Word]) -> bool:
    """The words read as the rest of the cell's text above: lower case, after unfinished
    text, a unit after its number ("12,3" / "%"), or a year after its period's kind
    ("VB" / "2024"): a value wrapped in its cell, not the next row's."""
    above = " ".join(ln.text for ln in have)
    first = words[0].text
    return (
        first[:1].islower()
        or unfinished(above)
        or fold(first) in COUNT_UNITS
        or (fold(above) in _PERIOD_KINDS and bool(YEAR_RE.match(first)))
    )


def _name_incomplete(row: _Row) -> bool:
    lines = row.cells.get("name") or []
    return not lines or unfinished(" ".join(ln.text for ln in lines))


class RowReader:
    """Consumes the body lines of one goal table (across pages), row by row."""

    def __init__(
        self,
        layout: TableLayout,
        evidence: RowEvidence,
        warnings: list[ParseWarning],
        pitch: float,
        gapped: bool = False,
    ):
        self.layout = layout
        self.evidence = evidence
        self.warnings = warnings
        self.name = layout.band("name") or layout.bands[0]
        # where name cells' text starts: the header's start until a value row shows it
        self.name_left = self.name.text_left
        self._icon_seen = False
        self._label_left: float | None = None  # where the Analys labels (full-width rows) start
        self._icon_mid: float | None = None  # centre of the status icons seen
        # rows stand apart (a gap wider than the pitch between two value rows): from the
        # start when a first reading of the table saw one, so its first row's lines go on too
        self._gapped = gapped
        self.rows: list[_Row] = []
        self.prev: Line | None = None
        self.pitch = pitch
        self.value_lines: list[Line] = []
        self._edges: dict[str, tuple[float, bool]] = {}
        self._analysis_geo: tuple[float, float] | None = None
        self.text_right: float = 0.0  # the document's text column edge: tables span it

    @property
    def has_icon_col(self) -> bool:
        """Status icons left of the names, or room for them: about a character beyond the cell
        padding between the names and the table's edge, shown by rules or by the Analys
        labels (a full-width row starts at the edge)."""
        edge = self.layout.left if self.layout.left_known else self._label_left
        return self._icon_seen or (edge is not None and self.name_left - edge > 10.0)

    @property
    def gapped(self) -> bool:
        """A gap wider than the pitch stood between two value rows somewhere in the table."""
        return self._gapped

    @property
    def current(self) -> _Row | None:
        return self.rows[-1] if self.rows else None

    def wants_goal_analysis(self, ln: Line) -> bool:
        """An Analys label with no value row waiting for it belongs to the goal, not the table."""
        cur = self.current
        return cur is None or cur.analysis is not None

    def feed(self, ln: Line) -> None:
        ln.used = True
        self._learn_name_left(ln)
        is_label, rest = _is_analysis_label(ln)
        cur = self.current
        if is_label and cur is not None and cur.analysis is not None and rest:
            is_label = False  # "Analys: …" inside an analysis already open is its text
        if is_label:
            self._label_left = ln.x0 if self._label_left is None else min(self._label_left, ln.x0)
            if cur is None:
                cur = self._new_row(ln)
            cur.analysis = []
            if rest:
                cur.analysis.append(ln.subline(rest))
            self.prev = ln
            return
        # a full-width row starts over the icon column; without one, its text runs across
        # column boundaries, which cell text never does
        # (without an icon column only an open Analys row can have full-width lines)
        if self._icon_mid is not None:
            # names start right of the icons whatever their alignment; Analys rows over them,
            # and in a ruled table a merged full-width cell has no inner rule at its height
            full = ln.x0 < self._icon_mid or (
                self.layout.ruled and ln.x0 < self.name_left - 3 and not self._inner_rules_at(ln)
            )
        elif self.has_icon_col:
            full = ln.x0 < self.name_left - 3
        else:
            full = cur is not None and cur.analysis is not None and _is_prose(ln)
        if full and cur is not None and cur.analysis is None and ln.x1 <= self.name.right and not self._icon_seen:
            # no Analys label yet and the line stays inside the name column: a name's
            # wrapped line set centred (it starts left of the first line), not an analysis
            full = False
        if full and cur is not None:
            if cur.analysis is None:
                cur.analysis = []
            cur.analysis.append(ln)
            self.prev = ln
            return
        if full:
            self.warnings.append(
                ParseWarning(
                    code="table_text_outside_row",
                    page=ln.page,
                    box=box_of([ln], ln.page),
                    message=f"text before the first row of a table: {ln.text[:80]!r}",
                )
            )
            ln.used = False
            return
        if cur is not None and cur.analysis is not None and not self.has_icon_col and not self._has_value_words(ln):
            cur.analysis.append(ln)
            self.prev = ln
            return
        cells = cells_of(ln, self.layout)
        if self._starts_row(ln, cells):
            cur = self._new_row(ln)
            cur.icon = self._has_row_icon(ln)
        assert cur is not None
        for role, words in cells.items():
            cur.cells.setdefault(role, []).append(ln.subline(words))
        self._warn_straddling(ln)
        self.value_lines.append(ln)
        self.prev = ln

    def _inner_rules_at(self, ln: Line) -> bool:
        """A vertical rule inside the table passes this line's middle (cells side by side)."""
        mid = ln.top + 0.5 * ln.height
        lo, hi = self.layout.left + 3, self.layout.right - 3
        return any(lo < r.pos < hi and r.start <= mid <= r.end for r in self.evidence.pages[ln.page].vrules)

    def _warn_straddling(self, ln: Line) -> None:
        """A word lying across a column boundary (a third of it on each side): the column it
        was given is a guess, so say where."""
        for w in self.layout.split_glued(ln.words):
            width = w.x1 - w.x0
            for a, b in zip(self.layout.bands, self.layout.bands[1:], strict=False):
                cut = a.right
                if w.x0 + width / 3 < cut < w.x1 - width / 3:
                    self.warnings.append(
                        ParseWarning(
                            code="text_across_columns",
                            page=ln.page,
                            box=box_of([w], ln.page),
                            message=f"{w.text!r} at x={w.x0:.0f}, y={w.top:.0f} runs across the boundary of the "
                            f"{a.role} and {b.role} columns",
                        )
                    )

    def _learn_name_left(self, ln: Line) -> None:
        """A line with values in other columns whose first run of text stops short of the
        next column's header is a value row's: its name text starts where name cells start
        (whatever the header's alignment); an analysis line's text runs on across columns."""
        icons = [(b.x0 + b.x1) / 2 for b in self.evidence.icons_of(ln) if b.x1 <= ln.x0 + 2]
        if icons:
            self._icon_seen = True
            self._icon_mid = max(self._icon_mid or 0.0, *icons)
        if not self.rows and not _is_analysis_label(ln)[0]:
            # a table's body opens with a value row: its first line starts the name cells
            self.name_left = min(self.name_left, ln.x0)
            return
        cells = cells_of(ln, self.layout)
        if "name" not in cells or len(cells) < 2:
            return
        first = split_phrases(ln.words, CELL_GAP_EM)[0]
        i = self.layout.bands.index(self.name)
        limit = self.layout.bands[i + 1].text_left if i + 1 < len(self.layout.bands) else self.layout.right
        if first[-1].x1 < limit and first[0].x0 < self.name.right:
            self.name_left = min(self.name_left, first[0].x0)

    def _crosses_bands(self, ln: Line) -> bool:
        for ph in split_phrases(ln.words, PHRASE_GAP_EM):
            x0, x1 = ph[0].x0, ph[-1].x1
            if sum(1 for b in self.layout.bands if min(x1, b.right) - max(x0, b.left) > 2) >= 2:
                return True
        return False

    def _has_value_words(self, ln: Line) -> bool:
        return any(role != "name" for role in cells_of(ln, self.layout))

    def _new_row(self, ln: Line) -> _Row:
        row = _Row(ln.page, ln.top)
        self.rows.append(row)
        return row

    def _starts_row(self, ln: Line, cells: dict[str, list[Word]]) -> bool:
        cur, prev = self.current, self.prev
        if cur is None or prev is None:
            return True
        if cur.analysis is not None:
            return True
        if ln.page != prev.page:
            # a row split by the page break goes on under the repeated header: a line with
            # nothing in the name column, or an unfinished name, continues the row above
            if "name" not in cells:
                # nothing in the name column: the split row goes on, unless two of its cells
                # open anew (a row whose name cell is empty; one cell may hold a value
                # broken by the page, two hardly)
                return self._opens_values(cur, cells, 2)
            if self._opens_values(cur, cells):
                return True  # values stand on a row's first line: these open a new row
            first = ln.words[0].text
            return not (first[:1].islower() or _name_incomplete(cur))
        name = self.name
        if self.evidence.edge_between(prev, ln, name.left + 2, name.right - 2):
            return True
        if self._has_row_icon(ln):
            return True
        # rows parted by drawn rules: a gap with no rule in it is inside a cell (a line the
        # reader lost leaves one)
        if gap_breaks(prev, ln, self.pitch) and not self.evidence.has_edges(
            ln.page, name.left + 2, name.right - 2, rules_only=True
        ):
            self._gapped = True
            return True
        if self._gapped:
            return False  # rows stand apart in this table: a line at pitch goes on with its row
        if self.evidence.has_edges(ln.page, name.left + 2, name.right - 2):
            return False  # ruled rows: no edge, no new row
        if cur.icon:
            return False  # rows here open with a status icon: a line without one goes on with its row
        return self._new_values(ln, cur, cells)

    def _has_row_icon(self, ln: Line) -> bool:
        """An icon left of the names marks the line; the table's left edge bounds it only
        when rules show that edge (guessed from the header, it may lie right of the icon column)."""
        lo = self.layout.left - 5 if self.layout.left_known else float("-inf")
        return any(lo <= b.x0 and b.x1 <= self.name_left + 1 for b in self.evidence.icons_of(ln))

    def _new_values(self, ln: Line, cur: _Row, cells: dict[str, list[Word]]) -> bool:
        """No edge and no gap: a new row when a finished name is followed by a new one and
        every value on the line opens a cell (a cell's own wrapped text goes on in lower case
        or after unfinished text; values stand on a row's first line)."""
        name = cells.get("name")
        values = {role: ws for role, ws in cells.items() if role not in ("name", "unknown")}
        if not values:
            return False
        # a cell holds one value: a whole value under a whole value opens the next row's
        # cell, whatever the name cells show (a row may leave its name empty)
        second = any(
            self._second_value(role, cur.cells[role], ws) for role, ws in values.items() if cur.cells.get(role)
        )
        if not second and (
            not name
            or not cur.cells.get("name")
            or (self._adjoins(cur.cells["name"], ln) and (name[0].text[:1].islower() or _name_incomplete(cur)))
        ):
            return False
        for role, ws in values.items():
            have = cur.cells.get(role)
            if have and self._adjoins(have, ln) and not self._second_value(role, have, ws) and _goes_on(have, ws):
                return False
        return True

    def _second_value(self, role: str, have: list[Line], words: list[Word]) -> bool:
        """The words are a second whole value under a cell already holding one ("25,5"
        then "öka"; "–" then "12 553"): one cell never holds two, so they open the next
        row's cell. Digits after a number or a sign may be that number's rest, broken by
        the cell's width ("202" / "3", "12" / "553"): evidence only when they would have
        fitted on the line above, as wide as the column's widest line so far."""
        text = " ".join(w.text for w in words)
        above = " ".join(ln.text for ln in have)
        if not (_whole_value(above) and _whole_value(text)):
            return False
        if not (text[:1].isdigit() and (above[-1:].isdigit() or above in DASHES)):
            return True
        room = max(ln.x1 - ln.x0 for r in self.rows for ln in r.cells.get(role, []))
        first = words[0]
        space = 0.25 * first.size  # a word space, about
        return have[-1].x1 - have[-1].x0 + space + (first.x1 - first.x0) <= room

    def _adjoins(self, cell: list[Line], ln: Line) -> bool:
        """The cell's last line stands right above the line, at the table's pitch: only
        then can the line's text go on with it. A cell's wrapped lines follow one another
        with no gap, so text in its column lines lower (other cells' lines between) opens
        a new cell, whatever its case or how the text above ended ("… resultat–analys
        och" over a taller neighbour, then "Stöd rutiner …")."""
        last = cell[-1]
        return last.page == ln.page and not gap_breaks(last, ln, self.pitch)

    @staticmethod
    def _opens_values(cur: _Row, cells: dict[str, list[Word]], needed: int = 1) -> bool:
        """Values on the line (at least `needed` of them) fall in cells the row has already
        filled and do not go on with them (lower case, a unit, or after unfinished text)."""
        found = 0
        for role, ws in cells.items():
            have = cur.cells.get(role)
            if role in ("name", "unknown") or not have:
                continue
            first = ws[0].text
            if not (first[:1].islower() or fold(first) in COUNT_UNITS or unfinished(" ".join(x.text for x in have))):
                found += 1
        return found >= needed

    # --- results -------------------------------------------------------------------

    def _cell_edge(self, role: str) -> tuple[float, bool]:
        """(right edge of the column's text, whether rules showed it): once per table."""
        if role not in self._edges:
            band = self.layout.band(role)
            edge = self.layout.content_right(band) if band else None
            if edge is None:
                self._edges[role] = (max(ln.x1 for r in self.rows for ln in r.cells.get(role, [])), False)
            else:
                self._edges[role] = (edge, True)
        return self._edges[role]

    def _text(self, row: _Row, role: str) -> str | None:
        lines = row.cells.get(role)
        if not lines:
            return None
        edge, precise = self._cell_edge(role)
        band = self.layout.band(role)
        cell_left = band.left + self.layout.pad if precise and band and self.layout.ruled and self.layout.pad else None
        text = join_cell(lines, edge, precise, self._room(role), cell_left)
        return (_respaced(text) if role != "name" else text) or None

    def _room(self, role: str) -> float:
        """The widest line of the column's cells: a cell is at least that wide inside."""
        key = "room:" + role
        if key not in self._edges:
            self._edges[key] = (
                max((ln.x1 - ln.x0 for r in self.rows for ln in r.cells.get(role, [])), default=0.0),
                False,
            )
        return self._edges[key][0]

    def _analysis_geometry(self) -> tuple[float, float]:
        """(right edge, line pitch) of the table's Analys rows: once per table.

        The widest analysis line reaches the cell's edge, unless all are short: then the
        document's text column edge stands in (full-width rows span it)."""
        if self._analysis_geo is None:
            lines = [ln for r in self.rows for ln in (r.analysis or [])]
            edge = max(ln.x1 for ln in lines)
            if self.text_right and edge < self.text_right - 0.15 * (self.text_right - self.layout.bands[0].text_left):
                edge = self.text_right
            # the cells' own wraps measure the pitch best (a line height under 1 sets lines
            # tighter than line_pitch allows); cells of one-line paragraphs have none: then the
            # table's own pitch (its other cells' wraps) is the tighter evidence
            pitch = wrap_pitch(lines, lambda _page: edge) or min(line_pitch(lines), self.pitch)
            self._analysis_geo = (edge, pitch)
        return self._analysis_geo

    def _analysis(self, row: _Row) -> str | None:
        if row.analysis is None:
            return None
        if not row.analysis:
            return ""  # a bare "Analys" row: an analysis left empty
        edge, pitch = self._analysis_geometry()
        return "\n".join(paragraphs(row.analysis, right_edge=edge, pitch=pitch)) or None

    def _named_rows(self) -> Iterator[tuple[_Row, str]]:
        """Each row with its name; a row whose name cell is empty is warned of, and kept
        (name "") when it holds values."""
        for row in self.rows:
            name = self._text(row, "name")
            if not name:
                self._warn_rowless(row)
                if not self._has_values(row):
                    continue
                name = ""
            yield row, name

    def indicators(self) -> list[Indicator]:
        out: list[Indicator] = []
        for row, name in self._named_rows():
            out.append(
                Indicator(
                    name=name,
                    outcome=parse_value(self._text(row, "outcome")),
                    outcome_men=parse_value(self._text(row, "outcome_men")),
                    outcome_women=parse_value(self._text(row, "outcome_women")),
                    previous=parse_value(self._text(row, "previous")),
                    previous_year=self.layout.previous_year,
                    target=parse_value(self._text(row, "target")),
                    kf_target=parse_value(self._text(row, "kf_target")),
                    period=tidy_period(self._text(row, "period")),
                    analysis=self._analysis(row),
                    page=row.page,
                )
            )
            place_table_row(out[-1], row.page, row.cells, row.analysis)
            self._warn_unknown(row)
        return out

    def activities(self) -> list[Activity]:
        out: list[Activity] = []
        for row, name in self._named_rows():
            start, end = self._text(row, "start"), self._text(row, "end")
            for label, value in (("start", start), ("end", end)):
                if value and not ISO_DATE_RE.match(value):
                    msg = f"activity {name[:40]!r}: {label} date {value!r} is not ISO"
                    self.warnings.append(
                        ParseWarning(
                            code="odd_date",
                            page=row.page,
                            message=msg,
                            box=box_of(row.cells.get(label) or [], row.page),
                        )
                    )
            out.append(
                Activity(
                    name=name,
                    start=start,
                    end=end,
                    deviation=self._text(row, "deviation"),
                    analysis=self._analysis(row),
                    page=row.page,
                )
            )
            place_table_row(out[-1], row.page, row.cells, row.analysis)
            self._warn_unknown(row)
        return out

    @staticmethod
    def _has_values(row: _Row) -> bool:
        """Two or more cells hold what a value cell holds (a number, a dash, a date, a text
        target): a row of its own whose name cell is empty, not header words left over.
        One such cell is enough on a line a status icon marks: the icon opens a row."""

        def value_like(lines: list[Line]) -> bool:
            text = " ".join(ln.text for ln in lines)
            return (
                any(ch.isdigit() for ch in text)
                or text.strip() in "–-—"
                or any(fold(text).startswith(t) for t in TEXT_TARGETS)
            )

        return sum(
            1 for role, lines in row.cells.items() if role not in ("name", "unknown") and lines and value_like(lines)
        ) >= (1 if row.icon else 2)

    def _warn_unknown(self, row: _Row) -> None:
        if row.cells.get("unknown"):
            text = " ".join(ln.text for ln in row.cells["unknown"])
            self.warnings.append(
                ParseWarning(
                    code="cell_outside_columns",
                    page=row.page,
                    box=box_of(row.cells["unknown"], row.page),
                    message=f"text in no known column: {text[:80]!r}",
                )
            )

    def _warn_rowless(self, row: _Row) -> None:
        text = " ".join(ln.text for lines in row.cells.values() for ln in lines)
        if row.analysis:
            text += " " + " ".join(ln.text for ln in row.analysis)
        self.warnings.append(
            ParseWarning(
                code="row_without_name",
                page=row.page,
                box=box_of([ln for c in row.cells.values() for ln in c], row.page),
                message=f"table row without a name: {text[:120]!r}",
            )
        )
