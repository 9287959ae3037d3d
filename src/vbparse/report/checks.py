"""What a report says twice, compared: inside one report, and across a corpus of reports.

A failed check never changes a value: the values stay as printed, and the check says
which items disagree and how. Checks that have nothing to compare are not emitted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..model import Check, ComplaintRow, Goal, Report, Section
from ..vocab import SAME_COUNT_GROUPS, fold

COUNT_FIELDS = ("t1", "t2", "vb")
"""The period cells of a complaints row whose sum is its "Totalt ack. Utfall"."""


def report_checks(report: Report, toc: Sequence[tuple[str, int]] = ()) -> list[Check]:
    """Every check that applies to one report; `toc` is the contents' (title, page) entries."""
    return [
        *_complaint_totals(report),
        *_complaint_groups(report),
        *_assessments_known(report),
        *_previous_years(report),
        *_numbers_nest(report),
        *_toc_pages(report, toc),
    ]


def _complaint_totals(report: Report) -> Iterator[Check]:
    for i, row in enumerate(report.complaints):
        parts = [getattr(row, f) for f in COUNT_FIELDS]
        present = [p for p in parts if p is not None]
        if row.total is None or not present:
            continue
        ok = sum(present) == row.total
        shown = " + ".join("–" if p is None else str(p) for p in parts)
        yield Check(
            code="complaint_total",
            passed=ok,
            page=row.page,
            items=[f"/complaints/{i}"],
            message=f"{row.group or ''} / {row.category}: T1 + T2 + VB = {shown} = {sum(present)}"
            f"{' =' if ok else ', but Totalt ack. Utfall says'} {row.total}",
        )


def _group_rows(report: Report, prefix: str) -> list[tuple[int, ComplaintRow]]:
    return [(i, r) for i, r in enumerate(report.complaints) if r.group and fold(r.group).startswith(prefix)]


def _complaint_groups(report: Report) -> Iterator[Check]:
    for first, second in SAME_COUNT_GROUPS:
        a, b = _group_rows(report, first), _group_rows(report, second)
        if not a or not b:
            continue
        for field in (*COUNT_FIELDS, "total"):
            va = [getattr(r, field) for _, r in a if getattr(r, field) is not None]
            vb = [getattr(r, field) for _, r in b if getattr(r, field) is not None]
            if not va and not vb:
                continue
            ok = sum(va) == sum(vb)
            yield Check(
                code="complaint_groups_agree",
                passed=ok,
                page=a[0][1].page,
                items=[f"/complaints/{i}" for i, _ in (*a, *b)],
                message=f"{field}: '{a[0][1].group}' sums to {sum(va)}, '{b[0][1].group}' to {sum(vb)}"
                f"{'' if ok else ': they count the same complaints and should agree'}",
            )


def _walk(goals: list[Goal], path: str = "/goals") -> Iterator[tuple[Goal, str, Goal | None]]:
    def go(goals: list[Goal], path: str, parent: Goal | None) -> Iterator[tuple[Goal, str, Goal | None]]:
        for i, g in enumerate(goals):
            here = f"{path}/{i}"
            yield g, here, parent
            yield from go(g.children, f"{here}/children", g)

    yield from go(goals, path, None)


def _assessments_known(report: Report) -> Iterator[Check]:
    for goal, path, _ in _walk(report.goals):
        if goal.assessment is None:
            continue
        ok = goal.assessment_code is not None
        yield Check(
            code="assessment_known",
            passed=ok,
            page=goal.page,
            items=[path],
            message=f"assessment {goal.assessment!r} "
            + ("is a known status" if ok else "is none of the known statuses"),
        )


def _previous_years(report: Report) -> Iterator[Check]:
    year, kind = report.meta.year, report.meta.kind
    if year is None or kind == "verksamhetsplan":
        return
    for goal, path, _ in _walk(report.goals):
        for j, ind in enumerate(goal.indicators):
            if ind.previous_year is None:
                continue
            ok = ind.previous_year == year - 1
            yield Check(
                code="previous_year",
                passed=ok,
                page=ind.page,
                items=[f"{path}/indicators/{j}"],
                message=f"{ind.name}: 'Utfall VB {ind.previous_year}' in a {year} report"
                + ("" if ok else f" (expected {year - 1})"),
            )


def _numbers_nest(report: Report) -> Iterator[Check]:
    for goal, path, parent in _walk(report.goals):
        if not goal.number or parent is None or not parent.number:
            continue
        ok = goal.number.startswith(parent.number.rstrip(".") + ".")
        yield Check(
            code="goal_number_nests",
            passed=ok,
            page=goal.page,
            items=[path],
            message=f"goal {goal.number} under goal {parent.number}"
            + ("" if ok else ": its number does not continue its parent's"),
        )


def _toc_pages(report: Report, toc: Sequence[tuple[str, int]]) -> Iterator[Check]:
    if not toc:
        return
    # Titles can repeat ("Övrigt" under the economy and at the top level): the contents list
    # is in document order, so each entry takes the next unmatched heading of its title.
    pages: dict[str, list[tuple[int | None, str]]] = defaultdict(list)
    for i, sec in enumerate(report.sections):
        _index_sections(sec, f"/sections/{i}", pages)
    for goal, path, _ in _walk(report.goals):
        pages[fold(goal.title)].append((goal.page, path))
    for title, printed in toc:
        key = fold(title)
        found = pages.get(key) or next((v for k, v in pages.items() if v and key.endswith(k) and len(k) > 8), None)
        if not found:
            continue
        page, path = found.pop(0)
        if page is None:
            continue
        ok = page == printed
        yield Check(
            code="toc_page",
            passed=ok,
            page=page,
            items=[path],
            message=f"contents list '{title}' on page {printed}"
            + ("" if ok else f", but the heading is on page {page}"),
        )


def _index_sections(sec: Section, path: str, out: dict[str, list[tuple[int | None, str]]]) -> None:
    out[fold(sec.title)].append((sec.page, path))
    for i, child in enumerate(sec.children):
        _index_sections(child, f"{path}/children/{i}", out)


def _indicator_key(name: str) -> str:
    return " ".join(fold(name).split())


def corpus_checks(reports: Sequence[Report], files: Sequence[str]) -> list[Check]:
    """Checks across reports: last year's outcome, stable goal numbers, the same file twice."""
    out: list[Check] = []
    by_unit: dict[str | None, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, r in enumerate(reports):
        if r.meta.year is not None and r.meta.kind in ("verksamhetsberattelse", None):
            by_unit[r.meta.unit][r.meta.year].append(i)
    for unit, years in by_unit.items():
        if unit is None:
            continue
        for year, idx in sorted(years.items()):
            for prev_i in years.get(year - 1, []):
                for cur_i in idx:
                    out += _previous_matches(reports[cur_i], files[cur_i], reports[prev_i], files[prev_i])
                    out += _numbers_stable(reports[cur_i], files[cur_i], reports[prev_i], files[prev_i])
    seen: dict[str, int] = {}
    for i, r in enumerate(reports):
        sha = r.source.sha256
        if not sha:
            continue
        if sha in seen:
            out.append(
                Check(
                    code="duplicate_report",
                    passed=False,
                    items=[files[seen[sha]], files[i]],
                    message=f"{files[i]} is the same file as {files[seen[sha]]} (sha256 {sha[:12]}…)",
                )
            )
        else:
            seen[sha] = i
    return out


def _previous_matches(cur: Report, cur_file: str, prev: Report, prev_file: str) -> list[Check]:
    last = {_indicator_key(ind.name): ind for ind in prev.indicators if ind.outcome is not None}
    out = []
    for ind in cur.indicators:
        old = last.get(_indicator_key(ind.name))
        if old is None or ind.previous is None or old.outcome is None:
            continue
        a, b = ind.previous, old.outcome
        ok = (a.number == b.number) if a.number is not None and b.number is not None else fold(a.raw) == fold(b.raw)
        out.append(
            Check(
                code="previous_matches_last_year",
                passed=ok,
                page=ind.page,
                items=[cur_file, prev_file],
                message=f"{ind.name}: the {cur.meta.year} report gives last year as {a.raw!r};"
                f" the {prev.meta.year} report's outcome is {b.raw!r}",
            )
        )
    return out


def _numbers_stable(cur: Report, cur_file: str, prev: Report, prev_file: str) -> list[Check]:
    before = {fold(g.title): g.number for g in prev.iter_goals() if g.number}
    out = []
    for g in cur.iter_goals():
        old = before.get(fold(g.title))
        if not g.number or old is None:
            continue
        ok = old == g.number
        out.append(
            Check(
                code="goal_number_stable",
                passed=ok,
                page=g.page,
                items=[cur_file, prev_file],
                message=f"goal '{g.title[:60]}' is {g.number} in {cur.meta.year}"
                + ("" if ok else f" but was {old} in {prev.meta.year}"),
            )
        )
    return out
