"""The one-way flow: pages → lines → furniture, cover, contents → report tree → Report."""

from __future__ import annotations

import logging

from .._version import __version__
from ..errors import NO_TEXT_LAYER, DamagedPdfError, NotAReportError, NoTextLayerError
from ..layout.clipped import drop_clipped
from ..layout.furniture import mark_furniture
from ..layout.lines import MID_LINE_WORDS, Line, group_lines, mid_line_words
from ..layout.provenance import box_of, to_shown
from ..layout.style import measure
from ..layout.tables.columns import KNOWN_RUNS, KNOWN_SEAMS
from ..layout.tables.edges import normalise as normalise_edges
from ..layout.tables.reader import LABEL_LEFTS
from ..model import Coverage, Leftover, ParseWarning, Report, ReportMeta, Source
from ..pdf.reading import UNMAPPED, PageData, read_pages
from ..vocab import TITLE_RE, TOC_ENTRY_RE, TOC_PAGE_RE, TOC_TITLE, TOP_LEVEL_SECTIONS, fold
from .checks import report_checks
from .meta import fill_fallbacks, is_cover, read_cover
from .plausible import complaints_without_category, rows_without_values, unreadable_values
from .structure import Walker

__all__ = ["Coverage", "build_report", "read_pages"]

log = logging.getLogger("vbparse")


def _mark_toc(pages: list[list[Line]]) -> None:
    for p, lines in enumerate(pages):
        start = next((i for i, ln in enumerate(lines) if not ln.used and fold(ln.text) == TOC_TITLE), None)
        if start is None:
            continue
        q, i0 = p, start
        while q < len(pages):
            lines_q = pages[q]
            entries = [i for i, ln in enumerate(lines_q) if i >= i0 and TOC_ENTRY_RE.search(ln.text)]
            if not entries:
                break
            for ln in lines_q[i0 : entries[-1] + 1]:
                if not ln.used:
                    ln.used = True
                    ln.tags.append("toc")
            rest = [ln for ln in lines_q[entries[-1] + 1 :] if not ln.used]
            if rest:
                break
            q, i0 = q + 1, 0
        return


def build_report(pages: list[PageData], source: Source, name: str | None = None, repaired: bool = False) -> Report:
    """The Report for a document's pages; `name` is how errors refer to the file."""
    name = name or source.file
    source.parser_version = __version__
    if not any(p.words for p in pages):
        if repaired or not any(p.images or p.icons or p.hrules for p in pages):
            raise DamagedPdfError(name, "the PDF's pages are empty: it is damaged or was cut short")
        raise NoTextLayerError(name, NO_TEXT_LAYER)
    for p in pages:
        normalise_edges(p)
    page_lines = [group_lines(p.words, p.number) for p in pages]
    headers = mark_furniture(page_lines, [p.height for p in pages])
    clipped = drop_clipped(page_lines)
    meta = ReportMeta()
    if page_lines and is_cover(page_lines[0]):
        read_cover(page_lines[0], meta)
    _mark_toc(page_lines)
    content = [ln for lines in page_lines for ln in lines]
    body = [ln for ln in content if not ln.used]
    style = measure(body, {p.number: p.width for p in pages})
    title_lines: list[str] = []
    for ln in body[:5]:
        if TITLE_RE.match(fold(ln.text)):
            ln.used = True
            ln.tags.append("title")
            title_lines.append(ln.text)
    walker = Walker(body, {p.number: p for p in pages}, style)
    token = MID_LINE_WORDS.set(mid_line_words(body))
    seams_token, runs_token = KNOWN_SEAMS.set({}), KNOWN_RUNS.set({})
    labels_token = LABEL_LEFTS.set({})
    try:
        tree = walker.run()
    finally:
        MID_LINE_WORDS.reset(token)
        KNOWN_SEAMS.reset(seams_token)
        KNOWN_RUNS.reset(runs_token)
        LABEL_LEFTS.reset(labels_token)
    fill_fallbacks(meta, headers, tree.goals, title_lines)
    report = Report(
        source=source,
        meta=meta,
        sections=tree.sections,
        goals=tree.goals,
        complaints=tree.complaints,
        warnings=[*clipped, *tree.warnings],
    )
    coverage = _coverage(content)
    for left in coverage.leftovers:
        report.warnings.append(
            ParseWarning(
                code="unplaced_text",
                page=left.page,
                box=left.box,
                message=f"text not placed in any field: {left.text[:200]!r}",
            )
        )
    report.coverage = coverage
    report.warnings += unreadable_values(report)
    report.warnings += rows_without_values(report)
    report.warnings += complaints_without_category(report)
    unmapped = _unmapped_warning(pages)
    if unmapped is not None:
        report.warnings.insert(0, unmapped)
    to_shown(report, pages)  # boxes of pages read turned, as the page is shown
    report._tables = tree.tables
    report.checks = report_checks(report, _toc_entries(content))
    for w in report.warnings:
        log.warning("%s: page %s: %s: %s", name, w.page if w.page is not None else "?", w.code, w.message)
    known = {fold(s.title) for s in report.sections} & TOP_LEVEL_SECTIONS
    if not report.goals and not report.complaints and not known and meta.kind is None:
        raise NotAReportError(
            name,
            "this PDF is not a Verksamhetsberättelse, Tertialrapport or Verksamhetsplan "
            "(no goals, report sections or complaints table found)",
        )
    return report


def _unmapped_warning(pages: list[PageData]) -> ParseWarning | None:
    """Glyphs with no character in the PDF (its fonts lack a Unicode mapping, as after some
    distillers): the letters are missing from the text, which no field can show."""
    counts = {p.number: n for p in pages if (n := sum(w.text.count(UNMAPPED) for w in p.words))}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    where = f"page {first}" if first == last else f"pages {first}–{last}"
    return ParseWarning(
        code="unmapped_glyphs",
        page=first,
        message=f"{sum(counts.values())} characters on {where} have no Unicode mapping in the "
        f"PDF's fonts (shown as {UNMAPPED}): letters are missing from the text there",
    )


def _toc_entries(lines: list[Line]) -> list[tuple[str, int]]:
    """(title, printed page) of each contents entry; an entry may wrap over lines before its number."""
    out: list[tuple[str, int]] = []
    pending: list[str] = []
    for ln in lines:
        if "toc" not in ln.tags or fold(ln.text) == TOC_TITLE:
            continue
        m = TOC_PAGE_RE.match(ln.text)
        if m is None:
            pending.append(ln.text)
            continue
        title = " ".join([*pending, m["title"]]).strip()
        pending.clear()
        if title:
            out.append((title, int(m["page"])))
    return out


def _coverage(lines: list[Line]) -> Coverage:
    total = placed = 0
    leftovers: list[Leftover] = []
    block: list[Line] = []

    def close() -> None:
        if block:
            page = block[0].page
            leftovers.append(Leftover(page=page, text=" ".join(ln.text for ln in block), box=box_of(block, page)))
            block.clear()

    for ln in lines:
        n = sum(len(w.text) for w in ln.words)
        total += n
        if ln.used:
            placed += n
            close()
        else:
            if block and block[-1].page != ln.page:
                close()
            block.append(ln)
    close()
    return Coverage(share=placed / total if total else 1.0, total_chars=total, placed_chars=placed, leftovers=leftovers)
