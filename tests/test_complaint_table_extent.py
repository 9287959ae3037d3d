"""Where a complaints table ends: a category named like a goal's label does not end it."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

import vbparse

# columns: group 40-130, category 130-280, T1 280-320, T2 320-360, VB 360-400, total 400-450, summary 460-
COLS = (40, 130, 280, 320, 360, 400, 460)


def _table_pdf(categories: list[str]) -> bytes:
    """A page with a complaints table whose rows are the given categories, row i counting
    i in T2 and in the total, but a category alone on its line (no counts) where i is 1."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(40, 780, "Redovisning av synpunkter och klagomål")
    c.setFont("Helvetica-Bold", 8)
    for text, x in zip(
        (
            "Uppdelning",
            "Klagomål/synpunkter/kategorier",
            "Utfall T1",
            "Utfall T2",
            "Utfall VB",
            "Totalt ack. Utfall",
            "Sammanfattning",
        ),
        COLS,
        strict=True,
    ):
        c.drawString(x, 750, text)
    c.line(40, 744, 555, 744)
    c.setFont("Helvetica", 8)
    y = 730.0
    c.drawString(COLS[0], y, "Beröm")
    for i, cat in enumerate(categories):
        c.drawString(COLS[1], y, cat)
        if i != 1:
            c.drawString(COLS[3], y, str(i + 1))
            c.drawString(COLS[5], y, str(i + 1))
            c.drawString(COLS[5] + 20, y, "st")
        y -= 14.0
    c.save()
    return buf.getvalue()


def test_a_category_named_beskrivning_does_not_end_the_table() -> None:
    """'Beskrivning' alone in the category column (s400047): a goal's label only follows a
    goal's heading, and no goal holds the complaints table, so the rows below it are the
    table's own."""
    cats = ["Synpunkter", "Beskrivning", "Förväntat resultat", "Klagomål"]
    report = vbparse.parse(_table_pdf(cats))
    assert [r.category for r in report.complaints] == cats
    assert [r.t2 for r in report.complaints] == [1, None, 3, 4]
