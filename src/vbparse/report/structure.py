"""The report tree from the stream of content lines: sections, goals, tables, complaints.

One pass, top to bottom. Headings are bold lines told apart by size (document-relative)
and by the goal vocabulary; every line ends in a field, or stays unused and is reported
by coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..layout.lines import Line, ends_short, join_wrapped, paragraphs
from ..layout.provenance import box_of, line_box
from ..layout.style import Style
from ..layout.tables import Header, TableReader, header_at
from ..layout.tables.edges import merge as merge_edges
from ..layout.tables.model import Table
from ..layout.tables.reader import note_goal_label
from ..model import ComplaintRow, Goal, ParseWarning, Section
from ..pdf.reading import PageData, Rule
from ..vocab import (
    BULLET_RE,
    COMPLAINTS_SECTION,
    GOAL_LABELS,
    GOAL_LEVEL_RANK,
    GOALS_SECTION,
    LABEL_ANALYSIS,
    LABEL_DESCRIPTION,
    LABEL_EXPECTED,
    SECOND_LEVEL_SECTIONS,
    TOP_LEVEL_SECTIONS,
    assessment_code,
    fold,
    match_goal_heading,
)


@dataclass
class Tree:
    sections: list[Section] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    complaints: list[ComplaintRow] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class Walker:
    def __init__(self, lines: Sequence[Line], pages: dict[int, PageData], style: Style):
        self.lines = list(lines)
        self.pages = pages
        self.style = style
        self.tree = Tree()
        self.section_stack: list[tuple[int, Section]] = []
        self.goal_stack: list[Goal] = []
        self.in_goals = False
        self.target: tuple[str, object] | None = None
        self.buf: list[Line] = []
        self.page_lines: dict[int, list[Line]] = {}
        for ln in self.lines:
            self.page_lines.setdefault(ln.page, []).append(ln)

    def _header(self, i: int, kind: str | None = None) -> Header | None:
        return header_at(self.lines, i, self._rule_between, kind)

    # --- classification ---------------------------------------------------------------

    def _is_boldish(self, ln: Line) -> bool:
        return ln.bold or (ln.words[0].bold and len(ln.words) > 1 and all(w.bold for w in ln.words[:2]))

    def _label(self, ln: Line) -> str | None:
        t = fold(ln.text).rstrip(" :")
        # a label is a capitalised word of its own; a lower-case one is a wrapped cell's or paragraph's word
        if t in GOAL_LABELS and not ln.text[:1].islower() and (ln.bold or t != LABEL_ANALYSIS or len(ln.words) == 1):
            return t
        return None

    def _heading_level(self, ln: Line, text: str) -> int | None:
        """Section level for a heading line, None when it is not a section heading.

        Size decides first (relative to this document's body text); the vocabulary only
        ranks headings that are set larger than the body, or every bold line when the
        document sets no heading larger than its body text."""
        if not ln.bold:
            return None
        t = fold(text).rstrip(" :")
        rank = self.style.heading_rank(ln.size)
        if rank is None and self.style.heading_sizes:
            if self.in_goals:
                return None
            return 3 if len(text) <= 120 else None
        if t in TOP_LEVEL_SECTIONS:
            return 1
        if t in SECOND_LEVEL_SECTIONS:
            return 2
        if t == "övrigt":
            top = self.section_stack[0][1].title if self.section_stack else ""
            if rank is None or len(self.style.heading_sizes) < 2:
                return 2 if fold(top) == "uppföljning av ekonomi" and self._last_level() >= 2 else 1
            return min(rank, 2)
        if rank is None:
            return None if self.in_goals else 3
        return min(rank, 3)

    def _last_level(self) -> int:
        return self.section_stack[-1][0] if self.section_stack else 0

    # --- buffered text ------------------------------------------------------------------

    def _flush(self) -> None:
        buf, self.buf = self.buf, []
        if not buf:
            return
        if self.target is None:
            for ln in buf:
                ln.used = False
            return
        kind, obj = self.target
        right_edge = {ln.page: self.style.right_at(ln.page) for ln in buf}
        paras = paragraphs(buf, right_edge=right_edge, pitch=self.style.pitch_for(buf))
        text = "\n".join(paras)
        if kind == "section":
            assert isinstance(obj, Section)
            obj.text = "\n".join(t for t in (obj.text, text) if t)
        elif kind == "description":
            assert isinstance(obj, Goal)
            obj.description = "\n".join(t for t in (obj.description, text) if t)
        elif kind == "analysis":
            assert isinstance(obj, Goal)
            obj.analysis = "\n".join(t for t in (obj.analysis, text) if t)
        elif kind == "expected":
            assert isinstance(obj, Goal)
            obj.expected_results.extend(_items(paras))
        elif kind == "goal_text":
            assert isinstance(obj, Goal)
            self.tree.warnings.append(
                ParseWarning(
                    code="unlabelled_goal_text",
                    page=buf[0].page,
                    box=box_of(buf, buf[0].page),
                    message=f"text under goal {obj.title[:50]!r} with no Beskrivning/Förväntat resultat/Analys "
                    f"label, kept as analysis: {text[:80]!r}",
                )
            )
            obj.analysis = "\n".join(t for t in (obj.analysis, text) if t)

    def _set_target(self, kind: str, obj: object) -> None:
        self._flush()
        self.target = (kind, obj)

    # --- the walk -----------------------------------------------------------------------

    def run(self) -> Tree:
        i = 0
        n = len(self.lines)
        while i < n:
            ln = self.lines[i]
            if ln.used:
                i += 1
                continue
            header = self._header(i)
            if header is not None:
                i = self._table(i, header)
                continue
            heading_like = self._is_boldish(ln) or ln.size > self.style.body_size + 0.6
            goal = match_goal_heading(ln.text) if heading_like else None
            if goal is not None:
                i = self._goal(i, goal)
                continue
            label = self._label(ln) if self.in_goals else None
            if label is not None:
                i = self._goal_label(i, label)
                continue
            if ln.bold:
                j, text = self._heading_text(i)
                level = self._heading_level(ln, text)
                if level is not None:
                    self._section(self.lines[i:j], text, level)
                    i = j
                    continue
            ln.used = True
            self.buf.append(ln)
            i += 1
        self._flush()
        return self.tree

    def _heading_text(self, i: int) -> tuple[int, str]:
        """A heading and its wrapped continuation lines: same weight and size, no gap."""
        first = self.lines[i]
        group = [first]
        j = i + 1
        while j < len(self.lines):
            nxt, prev = self.lines[j], group[-1]
            if (
                nxt.used
                or not nxt.bold
                or abs(nxt.size - first.size) > 0.6
                or nxt.page != prev.page
                or nxt.top - prev.bottom > 0.8 * prev.height
                # a line opening in lower case goes on with the heading even where the
                # heading's box ends short of the text's edge (its own margin or padding)
                or (ends_short(prev, nxt, self.style.right_at(prev.page)) and not nxt.text[:1].islower())
                or self._header(j)
                or match_goal_heading(nxt.text)
                or self._label(nxt)
            ):
                break
            group.append(nxt)
            j += 1
        return j, join_wrapped(group)

    def _section(self, lines: Sequence[Line], text: str, level: int) -> None:
        for ln in lines:
            ln.used = True
        t = fold(text)
        if level == 1:
            self.in_goals = t == GOALS_SECTION
            self.goal_stack.clear()
        section = Section(title=text, text="", page=lines[0].page)
        section.box = line_box(lines)[1]
        while self.section_stack and self.section_stack[-1][0] >= level:
            self.section_stack.pop()
        parent = self.section_stack[-1][1].children if self.section_stack else self.tree.sections
        parent.append(section)
        self.section_stack.append((level, section))
        self._set_target("section", section)
        if t == COMPLAINTS_SECTION:
            self.in_goals = False

    def _goal(self, i: int, found: tuple[str, str | None, str]) -> int:
        level, number, _ = found
        if not self.in_goals:
            self.in_goals = True
        self._flush()
        j, text = self._heading_text(i)
        for ln in self.lines[i:j]:
            ln.used = True
        m = match_goal_heading(text)
        title = m[2] if m else text
        goal = Goal(level=level, number=number, title=title, page=self.lines[i].page)  # type: ignore[arg-type]
        goal.box = line_box(self.lines[i:j])[1]
        rank = GOAL_LEVEL_RANK[level]
        while self.goal_stack and GOAL_LEVEL_RANK[self.goal_stack[-1].level] >= rank:
            self.goal_stack.pop()
        (self.goal_stack[-1].children if self.goal_stack else self.tree.goals).append(goal)
        self.goal_stack.append(goal)
        # the status line: icon + assessment text right below the heading
        if j < len(self.lines):
            st = self.lines[j]
            code = assessment_code(st.text)
            plausible = (
                not st.bold
                and len(st.text) <= 40
                and not self._header(j)
                and not self._label(st)
                and not match_goal_heading(st.text)
            )
            if code is not None or plausible:
                st.used = True
                st.tags.append("status")
                goal.assessment = " ".join(st.text.split())
                goal.assessment_code = code  # type: ignore[assignment]
                if code is None:
                    self.tree.warnings.append(
                        ParseWarning(
                            code="unknown_assessment",
                            page=st.page,
                            box=box_of([st], st.page),
                            message=f"goal {title[:50]!r}: status {goal.assessment!r} is not a known assessment",
                        )
                    )
                j += 1
        self.target = ("goal_text", goal)
        return j

    def _goal_label(self, i: int, label: str) -> int:
        ln = self.lines[i]
        ln.used = True
        note_goal_label(ln)
        ln.tags.append("label")
        goal = self.goal_stack[-1] if self.goal_stack else None
        if goal is None:
            self._flush()
            self.target = None
            return i + 1
        kind = {LABEL_DESCRIPTION: "description", LABEL_EXPECTED: "expected", LABEL_ANALYSIS: "analysis"}[label]
        self._set_target(kind, goal)
        return i + 1

    def _table_end(self, j: int, kind: str, reader: TableReader) -> bool:
        ln = self.lines[j]
        other = self._header(j)
        if other is not None:
            return other.kind != kind  # its own repeated header continues the table
        if self._is_boldish(ln) and match_goal_heading(ln.text):
            return True
        label = self._label(ln)
        bands = reader.layout0.bands
        if label is not None and len(bands) > 2 and ln.x0 > bands[1].right:
            label = None  # a word alone in an inner cell (a summary, a value) is no goal label
        if kind == "complaint":
            label = None  # no goal holds the complaints table: its goal labels follow a goal heading first
        if label in (LABEL_DESCRIPTION, LABEL_EXPECTED):
            return True
        if label == LABEL_ANALYSIS:
            return reader.wants_goal_analysis(ln)
        if not ln.bold:
            return False
        t = fold(ln.text).rstrip(" :")
        # a heading stands out from the table's own text too (tables may be set larger than the body)
        larger = ln.size > reader.header.lines[0].size + 0.6
        return (
            (larger and self.style.heading_rank(ln.size) is not None)
            or t in TOP_LEVEL_SECTIONS
            or t in SECOND_LEVEL_SECTIONS
            or (kind == "complaint" and t == "övrigt")
        )

    def _rule_between(self, a: Line, b: Line) -> bool:
        """A rule under the whole of line a and above b: between their centres (tight
        lines' boxes may reach over it), one rule or segments end to end at one height
        (a border drawn cell by cell: joined as every table's edges are, edges.merge)."""
        y0, y1 = a.top + 0.5 * a.height, b.top + 0.5 * b.height
        found = [Rule(r.pos, r.start, r.end) for r in self.pages[a.page].hrules if y0 < r.pos < y1]
        return any(r.start <= a.x0 + 1 and r.end >= a.x1 for r in merge_edges(found))

    def _below_ruled_table(
        self, ln: Line, prev: Line | None, layout_left: float, layout_right_text: float, header: Line
    ) -> bool:
        """Below the table's closing rule: under its last full-width rule, past the foot of
        its side rules, and apart from the table's last line (a cell cut by a page break
        goes on at line pitch with no rule under it)."""
        page = self.pages[ln.page]
        above = header.top - 2 if header.page == ln.page else 0.0  # other tables' rules do not count
        spans = [
            r.pos for r in page.hrules if r.pos >= above and r.start <= layout_left + 4 and r.end >= layout_right_text
        ]
        if len(spans) < 2:
            return False
        if ln.top <= max(spans) + 1 and not _past_side_rules(page, ln, layout_left, above, spans):
            return False
        # a rule from an inner column to the table's right edge below the last full-width
        # one, or as the next rule below the line: a row boundary beside a merged cell (a
        # group label), so the table goes on
        below = [r for r in page.hrules if r.pos > max(spans) + 1 and r.end >= layout_right_text]
        nxt = min((r.pos for r in below if r.pos > ln.top + 1), default=None)
        if any(layout_left + 4 < r.start < layout_right_text and (r.pos <= ln.top + 1 or r.pos == nxt) for r in below):
            return False
        if any(r.start < ln.top and r.end > ln.bottom for r in page.vrules if r.pos <= layout_left + 4):
            return False
        # a shaded cell across the table holds the line: a row cut by the page break
        if any(
            f.top <= ln.top + 1 and f.bottom >= ln.bottom - 1 and f.x0 <= layout_left + 4 and f.x1 >= layout_right_text
            for f in page.fills
        ):
            return False
        return prev is None or prev.page != ln.page or ln.top - prev.bottom > ln.size

    def _keep_table(self, table: Table | None) -> None:
        if table is not None:
            self.tree.tables.append(table)

    def _continues_overleaf(self, j: int, kind: str) -> bool:
        """The next page opens with this table's header repeated: the lines left on this
        page are the table's own (a row cut by the page break), not text below it."""
        page = self.lines[j].page
        k = j
        while k < len(self.lines) and self.lines[k].page == page:
            k += 1
        while k < len(self.lines) and self.lines[k].used and "furniture" in self.lines[k].tags:
            k += 1
        if k >= len(self.lines) or self.lines[k].page != page + 1:
            return False
        nxt = self._header(k, kind)
        return nxt is not None and nxt.kind == kind

    def _table(self, i: int, header: Header) -> int:
        self._flush()
        kind = header.kind
        for ln in header.lines:
            ln.used = True
            ln.tags.append("table_header")
        j = i + len(header.lines)
        goal = self.goal_stack[-1] if self.goal_stack else None
        reader = TableReader(header, self.pages, self.page_lines, self.tree.warnings, self.style.right_edge - 1.0)
        layout = reader.layout0
        edge_left, last_text_left = min(layout.left, layout.bands[0].text_left), layout.bands[-1].text_left
        while j < len(self.lines):
            ln = self.lines[j]
            if ln.used and "furniture" in ln.tags:
                j += 1
                continue
            repeated = self._header(j, kind)
            if repeated is not None:  # the header row repeated on a new page
                reader.repeated(repeated)
                for h in repeated.lines:
                    h.used = True
                    h.tags.append("table_header")
                j += len(repeated.lines)
                continue
            if self._table_end(j, kind, reader):
                break
            if (
                j
                and ln.page != self.lines[j - 1].page
                and (nxt := self._header(j + 1, kind)) is not None
                and nxt.lines[0].page == ln.page
            ):
                j += 1  # above the header repeated on a new page: the table goes on below it, not here
                continue
            if self._below_ruled_table(
                ln, self.lines[j - 1] if j else None, edge_left, last_text_left, header.lines[0]
            ) and not self._continues_overleaf(j, kind):
                break
            reader.feed(ln)
            j += 1
        self.target = None
        if kind == "complaint":
            self.tree.complaints.extend(reader.complaint_rows())
            self._keep_table(reader.table)
            return j
        if goal is None:
            self.tree.warnings.append(
                ParseWarning(
                    code="table_without_goal",
                    page=header.lines[0].page,
                    box=box_of(header.lines, header.lines[0].page),
                    message=f"a {kind} table with no goal above it",
                )
            )
            goal = Goal(level="unit", title="", page=header.lines[0].page)
            self.tree.goals.append(goal)
        rows = reader.goal_rows()
        self._keep_table(reader.table)
        if kind == "indicator":
            goal.indicators.extend(rows)  # type: ignore[arg-type]
        else:
            goal.activities.extend(rows)  # type: ignore[arg-type]
        return j


def _past_side_rules(page: PageData, ln: Line, layout_left: float, above: float, spans: Sequence[float]) -> bool:
    """Below a grid's foot although full-width rules follow further down (the next table's):
    the table's left side rule ended at a full-width rule above the line and none goes on
    beside it."""
    sides = [r for r in page.vrules if r.pos <= layout_left + 4 and r.end > above and r.start < ln.top]
    if not sides or any(r.end > ln.bottom - 1 for r in sides):
        return False
    foot = max(r.end for r in sides)
    return any(abs(s - foot) <= 2 for s in spans) and foot <= ln.top + 1


def _items(paras: Sequence[str]) -> list[str]:
    """Förväntat resultat: one item per bullet when bullets are used, else per paragraph."""
    if any(BULLET_RE.match(p) for p in paras):
        items: list[str] = []
        for p in paras:
            if BULLET_RE.match(p) or not items:
                items.append(BULLET_RE.sub("", p, count=1).strip())
            else:
                items[-1] = f"{items[-1]} {p}"
        return [i for i in items if i]
    return [p for p in paras if p]
