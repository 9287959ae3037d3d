"""Faces of one family share one vertical box: a bold word and a regular one on one baseline
get the same top and bottom, whatever descent each embedded subset declares.

Ghostscript's pdfwrite (a print-to-PDF step) writes each subset's /Descent from its own
glyphs, so a bold header or name stood ~1 pt above the values on its line and table rows
were cut differently from the producer's own PDF (look 57 of the look space, Chromium:
"8,5 %" read "8,").
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from vbparse.pdf.descents import font_descents, shared_descents
from vbparse.pdf.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "fixtures" / "fonts"


def test_every_face_of_a_family_takes_the_regular_face_descent() -> None:
    shared = shared_descents({"LiberationSans-Bold": -0.376, "LiberationSans": -0.303, "DejaVuSerif": -0.236})
    assert shared == {"LiberationSans-Bold": -0.303, "LiberationSans": -0.303, "DejaVuSerif": -0.236}
    # the names different writers give one family's faces
    shared = shared_descents(
        {"Arial,Bold": -0.3, "ArialMT": -0.212, "TimesNewRomanPS-BoldMT": -0.3, "TimesNewRomanPSMT": -0.216}
    )
    assert shared == {
        "Arial,Bold": -0.212,
        "ArialMT": -0.212,
        "TimesNewRomanPS-BoldMT": -0.216,
        "TimesNewRomanPSMT": -0.216,
    }
    # with no regular face, the descent most faces have
    assert set(shared_descents({"X-Bold": -0.3, "X-Italic": -0.2, "X-BoldItalic": -0.3}).values()) == {-0.3}


def _two_faces_one_baseline() -> bytes:
    """'Namn' in bold and '12' in regular on one baseline, the bold subset's /Descent made
    deeper afterwards, as Ghostscript writes it."""
    reportlab = pytest.importorskip("reportlab")
    del reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LiberationSans", str(FONTS / "LiberationSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("LiberationSans-Bold", str(FONTS / "LiberationSans-Bold.ttf")))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 200), pageCompression=0)
    c.setFont("LiberationSans-Bold", 12)
    c.drawString(40, 100, "Namn")
    c.setFont("LiberationSans", 12)
    c.drawString(200, 100, "12")
    c.save()
    data = buf.getvalue()

    def deeper(m: re.Match[bytes]) -> bytes:
        return re.sub(rb"/Descent -?\d+", b"/Descent -376", m.group(0))

    out, n = re.subn(rb"<<[^<>]*/FontName /[A-Z]{6}\+LiberationSans-Bold[^<>]*>>", deeper, data)
    assert n == 1 and out != data
    return out


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_bold_and_regular_words_on_one_baseline_share_their_box(reader: str) -> None:
    data = _two_faces_one_baseline()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        own = font_descents(pdf)
        assert own["LiberationSans-Bold"] != own["LiberationSans"]  # the file says they differ
        pages, used = read_document(pdf, reader, "two-faces.pdf")
    assert used == reader
    words = {w.text: w for w in pages[0].words}
    assert words["Namn"].bold and not words["12"].bold
    assert words["Namn"].top == pytest.approx(words["12"].top, abs=0.05)
    assert words["Namn"].bottom == pytest.approx(words["12"].bottom, abs=0.05)
