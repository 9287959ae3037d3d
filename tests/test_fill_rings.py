"""A border painted as a ring: two nested filled boxes of one path, filled even-odd, cover
only the strips between them (WeasyPrint draws a cell's border so). Their horizontal
strips are rules: without them a complaint row opened on the next page by its top border
was read as the row above going on (D8 800001: 80 categories one row off)."""

from __future__ import annotations

import io

import pytest

from vbparse.pdf.readers import read_document
from vbparse.pdf.reading import Drawings, ring_hrules, rules_and_boxes


def _rules(d: Drawings) -> list[tuple[float, float, float]]:
    return [(round(r.pos, 2), r.start, r.end) for r in ring_hrules(d)]


def test_a_ring_of_one_side_is_one_rule() -> None:
    # a cell's bottom border: both boxes share the top, the outer reaches 0.8 pt lower
    d = Drawings(rects=[(50.0, 100.0, 150.0, 130.8, True, False), (50.0, 100.0, 150.0, 130.0, True, False)])
    assert _rules(d) == [(130.4, 50.0, 150.0)]


def test_a_frame_ring_gives_its_top_and_bottom_rules() -> None:
    # a whole cell frame, one half read as a curve (its box is the same)
    d = Drawings(rects=[(50.0, 100.0, 150.0, 131.0, True, False)], curves=[(50.0, 100.8, 150.0, 130.2)])
    assert _rules(d) == [(100.4, 50.0, 150.0), (130.6, 50.0, 150.0)]
    hrules, _, _ = rules_and_boxes(d)
    assert {round(r.pos, 1) for r in hrules} == {100.4, 130.6}


def test_boxes_that_are_no_ring_give_no_rule() -> None:
    d = Drawings(
        rects=[
            (50.0, 100.0, 150.0, 130.0, True, False),
            (50.0, 100.0, 150.0, 130.0, True, False),  # the same box twice: no strip between
            (50.0, 140.0, 150.0, 170.0, True, False),  # the next row's cell, not nested
            (60.0, 100.5, 150.0, 130.0, True, False),  # another width
            (50.0, 100.0, 150.0, 120.0, False, True),  # stroked only: not a fill
        ]
    )
    assert _rules(d) == []


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_both_readers_read_an_even_odd_ring_as_a_rule(reader: str) -> None:
    pytest.importorskip("reportlab")
    import pdfplumber
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 200))
    path = c.beginPath()
    path.rect(50, 50, 200, 40)  # outer: y 50..90 (top-down 110..150)
    path.rect(50, 50, 200, 39.2)  # inner: its top 0.8 pt lower
    c.drawPath(path, stroke=0, fill=1, fillMode=0)  # 0: even-odd
    c.save()
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        pages, _ = read_document(pdf, reader, "ring.pdf")
    rules = [(round(r.pos, 1), round(r.start), round(r.end)) for r in pages[0].hrules]
    assert (110.4, 50, 250) in rules
