"""Inflate, under vbparse's bounds, every stream pdfium decodes while reading text.

Why: pdfium inflates streams natively with no limit of ours (a 300 MB form XObject
took 650 MB of memory), and a native allocation failure aborts the process instead of
raising. So before pdfium sees a document, the streams it would decode to read words
and drawings are inflated once through pdfminer under the active inflate_guard
(max_stream_bytes, max_inflated_bytes): page contents, form XObjects (nested), embedded
font files and Type3 glyph procedures. Images are not decoded by the pdfium reader (it
reads only their placement), so they are skipped. Each stream is decoded from a copy,
so pdfminer caches nothing and memory stays that of one stream at a time.
"""

from __future__ import annotations

from typing import Any

import pdfplumber
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")


class _Walker:
    def __init__(self) -> None:
        self.seen: set[int] = set()

    def _first_visit(self, ref: Any) -> bool:
        key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def stream(self, ref: Any) -> PDFStream | None:
        """Decode the stream behind `ref` once (a copy, under the guard); None if not a stream."""
        if not self._first_visit(ref):
            return None
        obj = resolve1(ref)
        if not isinstance(obj, PDFStream):
            return None
        if obj.rawdata is not None:
            copy = PDFStream(obj.attrs, obj.rawdata, obj.decipher)
            if obj.objid is not None:
                copy.set_objid(obj.objid, obj.genno or 0)
            copy.get_data()
        return obj

    def resources(self, res: Any) -> None:
        if not self._first_visit(res):
            return
        res = resolve1(res)
        if not isinstance(res, dict):
            return
        xobjects = resolve1(res.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                obj = resolve1(ref)
                if isinstance(obj, PDFStream) and _name(obj.attrs.get("Subtype")) == "Form":
                    form = self.stream(ref)
                    if form is not None:
                        self.resources(form.attrs.get("Resources"))
        fonts = resolve1(res.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                if self._first_visit(ref):
                    self.font(resolve1(ref))

    def font(self, spec: Any) -> None:
        if not isinstance(spec, dict):
            return
        for kid in resolve1(spec.get("DescendantFonts")) or []:
            self.font(resolve1(kid))
        desc = resolve1(spec.get("FontDescriptor"))
        if isinstance(desc, dict):
            for key in _FONT_FILES:
                if key in desc:
                    self.stream(desc[key])
        procs = resolve1(spec.get("CharProcs"))
        if isinstance(procs, dict):
            for ref in procs.values():
                self.stream(ref)
            self.resources(spec.get("Resources"))


def _name(value: Any) -> str | None:
    name = getattr(resolve1(value), "name", None)
    return name.decode("latin-1") if isinstance(name, bytes) else name


def bound_streams(pdf: pdfplumber.PDF) -> None:
    """Raise LimitExceededError (from the active inflate_guard) if any stream pdfium
    would decode to read the pages inflates past the limits."""
    walker = _Walker()
    for page in pdf.pages:
        for stream in page.page_obj.contents:
            walker.stream(stream)
        walker.resources(page.page_obj.resources)
