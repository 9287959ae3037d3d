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
