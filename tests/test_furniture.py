"""Running headers and page numbers kept out of content."""

from __future__ import annotations

from vbparse.layout.furniture import mark_furniture
from vbparse.layout.lines import Line
from vbparse.pdf.reading import Word


def _line(page: int, top: float, text: str, x0: float = 85.0) -> Line:
    words, x = [], x0
    for t in text.split():
        words.append(Word(t, x, x + 5.0 * len(t), top, top + 10.5, 10.5, False, page))
        x += 5.0 * (len(t) + 1)
    return Line(words, page)


def test_a_running_header_whose_page_number_wrapped_is_furniture() -> None:
    """A unit name too long for the header line pushes "N(M)" onto a line of its own: the
    line above it is the header's first part, not body text (a complaints table below
    read it as a group label)."""
    pages = []
    for pg in range(1, 4):
        head = _line(pg, 37.6, "Enheten utveckling klagomål trygghet kvalitet café, Verksamhetsberättelse")
        number = _line(pg, 49.7, f"{pg}(3)", x0=480.0)
        body = _line(pg, 300.0, "Enheten arbetar med kvalitet")
        pages.append([head, number, body])
    headers = mark_furniture(pages, [842.0] * 3)
    for head, number, body in pages:
        assert "furniture" in head.tags and "furniture" in number.tags
        assert not body.used
    assert headers and headers[0].unit == "Enheten utveckling klagomål trygghet kvalitet café"


def test_a_running_header_of_kind_and_page_number_only_says_the_kind() -> None:
    """ "Tertialrapport 1 2(5)" with no unit before it: furniture, and the report's kind when
    no cover says it (it was only tagged, so a coverless report had no kind)."""
    from vbparse.model import ReportMeta
    from vbparse.report.meta import fill_fallbacks

    pages = [[_line(pg, 37.6, f"Tertialrapport 1 {pg}(5)"), _line(pg, 300.0, "Enheten arbetar")] for pg in range(1, 6)]
    headers = mark_furniture(pages, [842.0] * 5)
    assert all("furniture" in head.tags for head, _ in pages)
    meta = ReportMeta()
    fill_fallbacks(meta, headers, [], [])
    assert (meta.kind, meta.unit) == ("tertialrapport_1", None)
    # a unit-less header beside named ones leaves the unit to them
    named = mark_furniture(
        [[_line(pg, 37.6, f"Enheten Liljan, Tertialrapport 1 {pg}(5)")] for pg in (1, 2)], [842.0] * 2
    )
    meta = ReportMeta()
    fill_fallbacks(meta, [*headers, *named], [], [])
    assert meta.unit == "Enheten Liljan"
