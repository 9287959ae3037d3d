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

import re
from typing import Any

import pdfplumber
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
_DO_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
MAX_FORM_DRAWS = 100_000
"""Form XObjects one page may draw, nesting multiplied out: pdfium draws them natively,
where no deadline of ours can stop it (a form drawing the next twice, 25 deep, is 2**25)."""


MAX_TEXT_OPERATORS = 100_000
"""Text-showing operators one page's content may hold for pdfium to read it: pdfium lays
out a page's text natively, where no deadline of ours can stop it; a report page has a
few thousand. More goes to the reference reader, whose interpreter checks the deadline."""


class TooManyFormDraws(Exception):
    """A page draws more nested forms than MAX_FORM_DRAWS."""


class TooManyTextOperators(Exception):
    """A page's content shows text more than MAX_TEXT_OPERATORS times."""


class _Walker:
    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.draws: dict[int, int] = {}  # form objid -> forms drawn when it is drawn once (itself included)

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


def _form_draws(data: bytes, resources: Any, walker: _Walker, depth: int = 0) -> int:
    """How many forms drawing `data` with `resources` draws, nesting multiplied out (memoised per form)."""
    res = resolve1(resources)
    xobjects = resolve1(res.get("XObject")) if isinstance(res, dict) else None
    if not isinstance(xobjects, dict) or depth > 64:
        return 0
    total = 0
    for m in _DO_RE.finditer(data):
        ref = xobjects.get(m.group(1).decode("latin-1"))
        obj = resolve1(ref)
        if not isinstance(obj, PDFStream) or _name(obj.attrs.get("Subtype")) != "Form":
            continue
        key = obj.objid if obj.objid is not None else id(obj)
        if key not in walker.draws:
            walker.draws[key] = 0  # a form that draws itself counts once, not forever
            walker.draws[key] = 1 + _form_draws(obj.get_data(), obj.attrs.get("Resources"), walker, depth + 1)
        total += walker.draws[key]
        if total > MAX_FORM_DRAWS:
            raise TooManyFormDraws(f"a page draws more than {MAX_FORM_DRAWS:,} nested forms")
    return total


def bound_streams(pdf: pdfplumber.PDF) -> None:
    """Raise LimitExceededError (from the active inflate_guard) if any stream pdfium
    would decode to read the pages inflates past the limits, TooManyFormDraws if a
    page's nested forms multiply out past MAX_FORM_DRAWS, and TooManyTextOperators if a
    page is a text flood (the caller reads it with the reference reader instead)."""
    walker = _Walker()
    for page in pdf.pages:
        shown = 0
        for stream in page.page_obj.contents:
            walker.stream(stream)
            obj = resolve1(stream)
            data = (obj.get_data() or b"") if isinstance(obj, PDFStream) else b""
            shown += data.count(b"Tj") + data.count(b"TJ")
            if shown > MAX_TEXT_OPERATORS:
                raise TooManyTextOperators(f"a page shows text more than {MAX_TEXT_OPERATORS:,} times")
            if b"Do" in data:
                _form_draws(data, page.page_obj.resources, walker)
        walker.resources(page.page_obj.resources)
