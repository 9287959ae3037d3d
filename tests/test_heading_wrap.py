"""A heading wrapped onto a line of its own goes on when that line opens in lower case."""

from __future__ import annotations

from vbparse.model import Source
from vbparse.pdf.reading import PageData, Word
from vbparse.report.pipeline import build_report


def _words(text: str, x: float, top: float, size: float, bold: bool) -> list[Word]:
    out = []
    for t in text.split():
        w = 0.55 * size * len(t)
        out.append(Word(t, x, x + w, top, top + size, size, bold, 1))
        x += w + 0.3 * size
    return out


def test_a_goal_heading_wrapped_before_a_word_that_would_fit_keeps_its_second_line() -> None:
    """The heading's box ends short of the body text's edge (its own padding): "och" would
    have fit after "stark" by the body's edge, yet the second line, opening in lower case,
    is the heading's, not a sub-heading of its own."""
    words = [
        *_words("Uppföljning av Kommunfullmäktiges inriktningsmål", 42.6, 61.4, 13.5, True),
        *_words("KF:s inriktningsmål: 1. Ett Stockholm som håller samman med en", 42.6, 89.6, 12.0, True),
        *_words("och jämlik välfärd i hela staden", 42.6, 105.0, 12.0, True),
        *_words("Ingen", 56.5, 125.5, 10.5, False),
    ]
    for k in range(8):  # body text reaching far right: the text column's edge
        text = "Enheten har arbetat med kvalitet och trygghet i verksamheten under året och framåt med"
        words += _words(text, 42.6, 160.0 + 14 * k, 10.5, False)
    report = build_report([PageData(1, 595.0, 842.0, words)], Source(file="t.pdf", pages=1))
    [goal] = report.goals
    assert goal.title == "Ett Stockholm som håller samman med en och jämlik välfärd i hela staden"
    assert [s.title for s in report.sections] == ["Uppföljning av Kommunfullmäktiges inriktningsmål"]
    assert report.sections[0].children == []
