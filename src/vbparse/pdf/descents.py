"""Font facts pdfium loses, read from the font dictionaries as pdfminer reads them.

Descents, for the pdfium reader's vertical boxes, and which hyphen a font's line-end
hyphen is (pdfium reports '-' and U+00AD alike; vbparse rejoins words at a soft hyphen).

Why: pdfplumber's char box is baseline + descent·size .. + size, with the descent from
the font descriptor (0 when it says 0, as LibreOffice's serif fonts do) or, for the
standard 14 fonts, from the AFM table. pdfium falls back to the font's bounding box
when /Descent is 0, which moves every word of such a font by about 0.3 em; the font
dictionaries are read here, without interpreting any page content.

The faces of one family (regular, bold, italic) are drawn to one set of vertical metrics,
so words of any face on one baseline get one box: `shared_descents` gives every face its
family's descent. A writer that derives each embedded subset's /Descent from its own
glyphs (Ghostscript's pdfwrite, as a print-to-PDF step does) gives the bold face a deeper
one, and a bold name or header then stands about 1 pt off the values on its line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from io import BytesIO
from typing import Any

import pdfplumber
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from ..errors import VbparseError

MAX_FORM_DEPTH = 3


def _name(value: Any) -> str | None:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


def _descriptor_descent(spec: Mapping[str, Any]) -> float:
    desc = resolve1(spec.get("FontDescriptor"))
    value = resolve1(desc.get("Descent", 0)) if isinstance(desc, dict) else 0
    value = float(value) if isinstance(value, int | float) else 0.0
    return -abs(value) / 1000


def _font_descent(spec: Mapping[str, Any]) -> tuple[str, float] | None:
    """(BaseFont, descent per unit size) as pdfminer's font classes compute it."""
    base = _name(spec.get("BaseFont"))
    subtype = _name(spec.get("Subtype")) or "Type1"
    if base is None or subtype == "Type3":
        return None  # Type3: pdfminer uses the font matrix and bbox; left to pdfium
    if subtype == "Type0":
        kids = resolve1(spec.get("DescendantFonts"))
        kid = resolve1(kids[0]) if isinstance(kids, list) and kids else None
        return base, _descriptor_descent(kid) if isinstance(kid, dict) else 0.0
    if base in FONT_METRICS:
        return base, float(FONT_METRICS[base][0].get("Descent", 0)) / 1000
    return base, _descriptor_descent(spec)


def _collect(resources: Any, out: dict[str, float], depth: int) -> None:
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return
    fonts = resolve1(resources.get("Font"))
    if isinstance(fonts, dict):
        for ref in fonts.values():
            spec = resolve1(ref)
            if isinstance(spec, dict):
                found = _font_descent(spec)
                if found is not None:  # keyed without the subset prefix, as words name fonts
                    out.setdefault(found[0].split("+", 1)[-1], found[1])
    xobjects = resolve1(resources.get("XObject"))
    if depth < MAX_FORM_DEPTH and isinstance(xobjects, dict):
        for ref in xobjects.values():
            xobj = resolve1(ref)
            attrs = getattr(xobj, "attrs", None)
            if isinstance(attrs, dict) and _name(attrs.get("Subtype")) == "Form":
                _collect(attrs.get("Resources"), out, depth + 1)


_FAMILY_RE = re.compile(r"(?:PS)?MT$|PS$")
_REGULAR_STYLES = {"", "regular", "roman", "book", "normal", "medium", "mt", "psmt"}


def _family_and_style(name: str) -> tuple[str, str]:
    """("TimesNewRoman", "boldmt") for "TimesNewRomanPS-BoldMT"; "Arial,Bold" and
    "Arial-BoldMT" and "ArialMT" are one family."""
    base, _, style = name.replace(",", "-").partition("-")
    return _FAMILY_RE.sub("", base) or base, style.lower()


def shared_descents(descents: Mapping[str, float]) -> dict[str, float]:
    """Every face takes its family's descent: the regular face's, else the one most of
    its faces have (the shallowest of a tie)."""
    families: dict[str, list[tuple[str, str, float]]] = {}
    for name, descent in descents.items():
        family, style = _family_and_style(name)
        families.setdefault(family, []).append((name, style, descent))
    out = dict(descents)
    for faces in families.values():
        if len({d for _, _, d in faces}) < 2:
            continue
        regular = [d for _, style, d in faces if style in _REGULAR_STYLES]
        if regular:
            shared = regular[0]
        else:
            counts = Counter(d for _, _, d in faces)
            shared = max(counts, key=lambda d: (counts[d], d))
        for name, _, _ in faces:
            out[name] = shared
    return out


def _specs(pdf: pdfplumber.PDF) -> Iterator[dict[str, Any]]:
    """Every font dictionary on the pages (not inside forms)."""
    for page in pdf.pages:
        res = resolve1(page.page_obj.resources)
        fonts = resolve1(res.get("Font")) if isinstance(res, dict) else None
        if isinstance(fonts, dict):
            for ref in fonts.values():
                spec = resolve1(ref)
                if isinstance(spec, dict):
                    yield spec


def _unicode_targets(spec: Mapping[str, Any]) -> set[str]:
    """The characters the font's ToUnicode CMap maps codes to (empty without one)."""
    stream = resolve1(spec.get("ToUnicode"))
    if not isinstance(stream, PDFStream):
        return set()
    cmap = FileUnicodeMap()
    CMapParser(cmap, BytesIO(stream.get_data())).run()
    return {v for v in cmap.cid2unichr.values() if isinstance(v, str)}


def hyphen_finder(pdf: pdfplumber.PDF) -> Callable[[str], str]:
    """A function: font name -> U+00AD when that font's ToUnicode maps to a soft hyphen
    and not to '-', else '-'. Reads a font's CMap only when first asked (line-end hyphens
    are rare) and never fails: a font it cannot read answers '-'."""
    answers: dict[str, str] = {}

    def hyphen_of(name: str) -> str:
        if name not in answers:
            answers[name] = "-"
            try:
                for spec in _specs(pdf):
                    if (_name(spec.get("BaseFont")) or "").split("+", 1)[-1] == name:
                        targets = _unicode_targets(spec)
                        if "\u00ad" in targets and "-" not in targets:
                            answers[name] = "\u00ad"
                        break
            except VbparseError:
                raise
            except Exception:
                pass
        return answers[name]

    return hyphen_of


def font_descents(pdf: pdfplumber.PDF) -> dict[str, float]:
    """BaseFont name (subset prefix dropped, as pdfium gives it) -> descent per unit of font size."""
    out: dict[str, float] = {}
    for page in pdf.pages:
        try:
            _collect(page.page_obj.resources, out, 0)
        except Exception:  # a broken font dict: pdfium's own descent is used for it
            continue
    return out
