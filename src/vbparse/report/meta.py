"""Document metadata from the cover letterhead, else the running header, title or periods."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex as re

from ..layout.furniture import RunningHeader
from ..layout.lines import Line, join_cell
from ..model import Goal, ReportMeta
from ..vocab import (
    COVER_MARKERS,
    DNR_RE,
    LABEL_CASE_OFFICERS,
    LABEL_RECIPIENT,
    PERSON_SEPARATORS_RE,
    TITLE_RE,
    TOP_LEVEL_SECTIONS,
    find_date,
    fold,
    kind_from_text,
)


def is_cover(lines: Sequence[Line]) -> bool:
    """Page 1 is a cover when it holds the letterhead or a bare title and no section."""
    texts = [fold(ln.text) for ln in lines if not ln.used]
    if any(t.rstrip(" :") in TOP_LEVEL_SECTIONS for t in texts):
        return False
    joined = " ".join(texts)
    return any(m in joined for m in COVER_MARKERS) or any(TITLE_RE.match(t) for t in texts)


def read_cover(lines: Sequence[Line], meta: ReportMeta) -> None:
    """Fill meta from the cover page and mark its lines as used."""
    content = [ln for ln in lines if not ln.used]
    for ln in content:
        ln.used = True
        ln.tags.append("cover")
    titled = False
    for i, ln in enumerate(content):
        t = fold(ln.text)
        m = TITLE_RE.match(t)
        if m and not titled:
            titled = True
            meta.kind = kind_from_text(m.group(1))
            meta.year = int(m.group(2))
            unit_lines = _following_block(content, i)
            if unit_lines:
                meta.unit = join_cell(unit_lines, max(x.x1 for x in unit_lines) + 100)
        dm = DNR_RE.match(ln.text.strip())
        if dm and dm.group("dnr") and meta.dnr is None:
            meta.dnr = " ".join(dm.group("dnr").split())
        if meta.date is None and not dm:
            meta.date = find_date(ln.text)
    _labels_side_by_side(content, meta)


def _following_block(content: Sequence[Line], i: int) -> list[Line]:
    """The lines right after the title that share a style: the unit's name."""
    out: list[Line] = []
    prev = content[i]
    for ln in content[i + 1 :]:
        if ln.page != prev.page or ln.top - prev.bottom > 1.2 * ln.height:
            break
        if out and abs(ln.size - out[0].size) > 0.6:
            break
        if any(m in fold(ln.text) for m in COVER_MARKERS):
            break
        out.append(ln)
        prev = ln
    return out


def _labels_side_by_side(content: Sequence[Line], meta: ReportMeta) -> None:
    """ "Handläggare" and "Till" stand side by side; each value sits under its label."""
    for i, ln in enumerate(content):
        words = [fold(w.text).rstrip(":") for w in ln.words]
        if LABEL_CASE_OFFICERS not in words:
            continue
        lab_x = ln.words[words.index(LABEL_CASE_OFFICERS)].x0
        till_x = ln.words[words.index(LABEL_RECIPIENT)].x0 if LABEL_RECIPIENT in words else None
        below = [x for x in content[i + 1 : i + 4] if x.page == ln.page]
        officers: list[str] = []
        board: list[str] = []
        for nxt in below:
            if any(m in fold(nxt.text) for m in ("telefon", "e-post")):
                break
            left = [w.text for w in nxt.words if till_x is None or w.x1 <= till_x - 1]
            right = [w.text for w in nxt.words if till_x is not None and w.x0 >= till_x - 2]
            if left and abs(nxt.words[0].x0 - lab_x) < 40:
                officers.append(" ".join(left))
            if right:
                board.append(" ".join(right))
            if nxt.top - ln.bottom > 4 * ln.height:
                break
        if officers:
            names = PERSON_SEPARATORS_RE.split(" ".join(officers))
            meta.case_officers = [n.strip() for n in names if n.strip()]
        if board:
            meta.board = " ".join(board)
        return


def fill_fallbacks(
    meta: ReportMeta, headers: Sequence[RunningHeader], goals: Sequence[Goal], title_lines: Sequence[str]
) -> None:
    """What the cover did not say: from the running header, a title line or the periods."""
    if headers:
        units = Counter(h.unit for h in headers if h.unit)
        if meta.unit is None and units:
            meta.unit = units.most_common(1)[0][0]
        if meta.kind is None:
            meta.kind = kind_from_text(headers[0].kind_text)
        if meta.year is None:
            years = [h.year for h in headers if h.year]
            meta.year = Counter(years).most_common(1)[0][0] if years else None
    for t in title_lines:
        m = TITLE_RE.match(fold(t))
        if m:
            meta.kind = meta.kind or kind_from_text(m.group(1))
            meta.year = meta.year or int(m.group(2))
    periods = [ind.period for g in goals for gg in g.iter_goals() for ind in gg.indicators if ind.period]
    if meta.kind is None:
        prefixes = Counter(p.split()[0].upper() for p in periods if len(p.split()) > 1)
        top = prefixes.most_common(1)[0][0] if prefixes else None
        meta.kind = {
            "VB": "verksamhetsberattelse",
            "T1": "tertialrapport_1",
            "T2": "tertialrapport_2",
            "VP": "verksamhetsplan",
        }.get(top or "")
    if meta.year is None:
        years = Counter(int(y) for p in periods for y in re.findall(r"(?:19|20)\d{2}", p))
        prev = Counter(
            ind.previous_year for g in goals for gg in g.iter_goals() for ind in gg.indicators if ind.previous_year
        )
        if years:
            meta.year = years.most_common(1)[0][0]
        elif prev:  # "Utfall VB 2022" in a 2023 report
            meta.year = prev.most_common(1)[0][0] + 1
