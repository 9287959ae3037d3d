"""Running headers and footers known by their page numbers, whatever their wording."""

from __future__ import annotations

from vbparse.layout.furniture import mark_furniture
from vbparse.layout.lines import Line
from vbparse.pdf.reading import Word


def _ln(text: str, page: int, top: float) -> Line:
    words, x = [], 60.0
    for t in text.split():
        words.append(Word(t, x, x + 5.0 * len(t), top, top + 8.0, 8.0, False, page))
        x += 5.0 * len(t) + 2.5
    return Line(words, page)


def _furniture(pages: list[list[Line]]) -> list[list[str]]:
    mark_furniture(pages, [842.0] * len(pages))
    return [[ln.text for ln in lines if "furniture" in ln.tags] for lines in pages]


def test_a_header_ending_in_the_pages_own_number_and_count_is_furniture() -> None:
    """ "Rapport 5(17)" set low in the top margin (below where repeated headers are
    counted): the number follows the pages, so it is a running header."""
    pages = [[_ln(f"Rapport {k}(3)", k, 53.4), _ln("Indikator Utfall Årsmål", k, 90.0)] for k in (1, 2, 3)]
    assert _furniture(pages) == [[f"Rapport {k}(3)"] for k in (1, 2, 3)]


def test_a_footer_with_text_before_sida_n_av_m_is_furniture() -> None:
    pages = [[_ln("Text", k, 400.0), _ln(f"Enheten Solrosen Sida {k + 1} av 5", k, 800.0)] for k in (1, 2)]
    assert _furniture(pages) == [[f"Enheten Solrosen Sida {k + 1} av 5"] for k in (1, 2)]


def test_a_count_in_the_margin_that_does_not_follow_the_pages_stays() -> None:
    """The same "5(17)" on two pages is content (a cell near the margin), not a page number."""
    pages = [[_ln("Brukare 5(17)", k, 60.0), _ln("Text", k, 400.0)] for k in (1, 2)]
    assert _furniture(pages) == [[], []]
