"""Where one word ends and the next begins, the same in both readers.

Two pieces of evidence every producer leaves: the font (subset tags aside: one font split
into several subsets is still one font) and the gap between glyphs measured in ems of the
font size (a word space is 0.22-0.32 em; kerning stays far below reading.WORD_GAP)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest
from accuracy import compare
from reportlab.pdfgen import canvas

import vbparse
from vbparse.pdf.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
CAIRO = ROOT / "fixtures" / "redistilled" / "sample-b_carlito_hrules.cairo.pdf"
READERS = ("pdfium", "pdfplumber")


def _words(data: bytes, reader: str) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages, _ = read_document(pdf, reader, None)
    return [w.text for p in pages for w in p.words]


def _pieces(pieces: list[tuple[str, float]], size: float = 10.0) -> bytes:
    """One line of text pieces, each drawn on its own (no space glyph between them), each
    starting `gap` ems after the previous one's advance ends."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 200))
    x = 40.0
    for text, gap in pieces:
        x += gap * size
        c.setFont("Helvetica", size)
        c.drawString(x, 100, text)
        x += c.stringWidth(text, "Helvetica", size)
    c.save()
    return buf.getvalue()


def test_font_family_drops_only_a_subset_tag() -> None:
    from vbparse.pdf.reading import font_family  # here: the test module loads on code without it

    assert font_family("ZCFYPK+Carlito") == font_family("LONAEC+Carlito") == "Carlito"
    assert font_family("Carlito-Bold") == "Carlito-Bold"
    assert font_family("Abc+Font") == "Abc+Font"


@pytest.mark.parametrize("reader", READERS)
def test_a_font_split_into_subsets_is_one_font(reader: str) -> None:
    # pdftocairo put the ligature glyphs ("tt", "ti") in a CID subset of Carlito and the
    # other letters in a simple one: read by eye the page says these words
    words = _words(CAIRO.read_bytes(), reader)
    for word in ("Verksamhetsberättelse", "Sammanfattande", "funktionsnedsättning", "Ett"):
        assert word in words, word
    assert "tt" not in words and "ti" not in words


def test_the_cairo_copy_reads_as_the_original() -> None:
    truth = json.loads((ROOT / "fixtures" / "truth" / "sample-b_carlito_hrules.json").read_text(encoding="utf-8"))
    for reader in READERS:
        score = compare(truth, vbparse.parse(CAIRO, reader=reader).to_dict())
        assert score.misses == [], (reader, score.misses[:5])


@pytest.mark.parametrize("reader", READERS)
def test_a_word_space_with_no_space_glyph_breaks_the_word(reader: str) -> None:
    # a space's width (Helvetica's is 0.278 em) left blank: 2.8 pt at 10 pt, under a fixed 3 pt tolerance
    assert _words(_pieces([("arbetet", 0.0), ("så", 0.278)]), reader) == ["arbetet", "så"]
    # two table cells with no padding: 2.5 pt apart at 9 pt
    assert _words(_pieces([("KF:s", 0.0), ("Period", 2.5 / 9)], size=9.0), reader) == ["KF:s", "Period"]


@pytest.mark.parametrize("reader", READERS)
def test_kerning_gaps_stay_inside_a_word(reader: str) -> None:
    assert _words(_pieces([("Ut", 0.0), ("fall", 0.05), ("et", 0.1)]), reader) == ["Utfallet"]
