"""Caps on what pdfminer builds from a few hostile bytes, applied where it reads them.

pdfminer 20260107 follows a reference chain until it ends (`6 0 obj 6 0 R endobj`, or a
stream `/Length` that is such a reference, loops forever), expands a ToUnicode CMap
`bfrange`/`cidrange` and a CID font's `/W` range entry by entry (`<00000000> <FFFFFFFF>`
is four billion dict entries from 30 bytes), and interprets content streams without any
notion of time (a million operators, forms drawing forms twice 25 deep). Its line
readers join a line by `bytes +=`, quadratic on a file without line breaks (`%PDF-1.7`
and 20 MB of NUL bytes takes minutes).

While a guard (vbparse.pdf.guard) is active these are swapped in: reference chains longer
than `max_ref_chain` raise LimitExceededError; a range longer than `max_range` is cut to
that length (a real font has at most 65 536 codes per range); every 4096 tokens parsed
check the parse's deadline. Outside a guard pdfminer behaves as shipped.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pdfminer import cmapdb, pdffont, psparser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.utils import nunpack

Budget = Any  # vbparse.pdf.guard._Budget (kept loose: guard imports this module)
_current: Callable[[], Budget | None] = lambda: None  # noqa: E731  (set by guard.install_caps)

_ORIG_RESOLVE = PDFObjRef.resolve
_ORIG_NEXTOBJECT = psparser.PSStackParser.nextobject
_ORIG_NEXTLINE = psparser.PSBaseParser.nextline
_ORIG_REVREADLINES = psparser.PSBaseParser.revreadlines
_ORIG_CMAP_KEYWORD = cmapdb.CMapParser.do_keyword
_ORIG_WIDTHS = pdffont.get_widths
_ORIG_WIDTHS2 = pdffont.get_widths2


def _resolve(self: PDFObjRef, default: object = None) -> Any:
    """One resolve that follows the whole chain itself, at most max_ref_chain links."""
    x = _ORIG_RESOLVE(self, default)
    budget = _current()
    if budget is None:
        return x
    hops = 0
    while isinstance(x, PDFObjRef):
        hops += 1
        if hops > budget.max_ref_chain:
            raise budget.refuse(
                f"object {self.objid} is a chain of more than {budget.max_ref_chain} references "
                "(an object that refers to itself?); the PDF is damaged or built to hang readers"
            )
        x = _ORIG_RESOLVE(x, default)
    budget.tick()
    return x


def _nextobject(self: psparser.PSStackParser[Any]) -> Any:
    budget = _current()
    if budget is not None:  # budget.tick(), inlined: this runs once per token
        budget.ticks += 1
        if not budget.ticks & 4095:
            budget.check_time()
    return _ORIG_NEXTOBJECT(self)


def _nextline(self: psparser.PSBaseParser) -> tuple[int, bytes]:
    """pdfminer's nextline (a line ends with \\r, \\n or \\r\\n), collecting parts in a list."""
    parts: list[bytes] = []
    linepos = self.bufpos + self.charpos
    eol = False
    while True:
        self.fillbuf()
        if eol:
            if self.buf[self.charpos : self.charpos + 1] == b"\n":
                parts.append(b"\n")
                self.charpos += 1
            break
        m = psparser.EOL.search(self.buf, self.charpos)
        if m:
            parts.append(self.buf[self.charpos : m.end(0)])
            self.charpos = m.end(0)
            if parts[-1][-1:] == b"\r":
                eol = True
            else:
                break
        else:
            parts.append(self.buf[self.charpos :])
            self.charpos = len(self.buf)
            budget = _current()
            if budget is not None:
                budget.check_time()
    return (linepos, b"".join(parts))


def _revreadlines(self: psparser.PSBaseParser) -> Iterator[bytes]:
    """pdfminer's revreadlines (lines from the end backwards) with the partial line kept
    as a list of chunks instead of `s + buf`."""
    self.fp.seek(0, io.SEEK_END)
    pos = self.fp.tell()
    tail: list[bytes] = []  # chunks of the current line, last chunk first
    while pos > 0:
        prevpos = pos
        pos = max(0, pos - self.BUFSIZ)
        self.fp.seek(pos)
        s = self.fp.read(prevpos - pos)
        if not s:
            break
        while True:
            n = max(s.rfind(b"\r"), s.rfind(b"\n"))
            if n == -1:
                tail.append(s)
                break
            yield s[n:] + b"".join(reversed(tail))
            s = s[:n]
            tail = []
        budget = _current()
        if budget is not None and len(tail) % 256 == 0:
            budget.check_time()


def _clamp_cmap_ranges(stack: list[Any], cap: int) -> None:
    """Cut each (start, end, value) triple on a CMap parser's stack to `cap` codes."""
    objs = stack
    for i in range(0, len(objs) - 2, 3):
        (_, start), (p1, end) = objs[i], objs[i + 1]
        if not (isinstance(start, bytes) and isinstance(end, bytes)) or len(start) != len(end) or not start:
            continue
        tail = min(4, len(start))
        lo, hi = nunpack(start[-tail:]), nunpack(end[-tail:])
        if hi - lo + 1 > cap:
            objs[i + 1] = (p1, end[:-tail] + struct.pack(">L", lo + cap - 1)[-tail:])


def _cmap_keyword(self: cmapdb.CMapParser, pos: int, token: Any) -> None:
    budget = _current()
    if budget is not None and token in (self.KEYWORD_ENDBFRANGE, self.KEYWORD_ENDCIDRANGE):
        _clamp_cmap_ranges(self.curstack, budget.max_range)
    _ORIG_CMAP_KEYWORD(self, pos, token)


def clamp_width_ranges(seq: Iterable[object], group: int, cap: int) -> list[object]:
    """A /W (group 3: c1 c2 w) or /W2 (group 5) array with every c1..c2 range cut to `cap`."""
    out: list[object] = []
    run = 0
    for v in seq:
        v = resolve1(v)
        out.append(v)
        if isinstance(v, int | float) and not isinstance(v, bool):
            run += 1
            if run == group:
                c1, c2 = out[-group], out[-group + 1]
                if isinstance(c1, int) and isinstance(c2, int) and c2 - c1 >= cap:
                    out[-group + 1] = c1 + cap - 1
                run = 0
        else:
            run = 0
    return out


def _get_widths(seq: Iterable[object]) -> Any:
    budget = _current()
    return _ORIG_WIDTHS(seq if budget is None else clamp_width_ranges(seq, 3, budget.max_range))


def _get_widths2(seq: Iterable[object]) -> Any:
    budget = _current()
    return _ORIG_WIDTHS2(seq if budget is None else clamp_width_ranges(seq, 5, budget.max_range))


PATCHES: tuple[tuple[object, str, object, object], ...] = (
    (PDFObjRef, "resolve", _ORIG_RESOLVE, _resolve),
    (psparser.PSStackParser, "nextobject", _ORIG_NEXTOBJECT, _nextobject),
    (psparser.PSBaseParser, "nextline", _ORIG_NEXTLINE, _nextline),
    (psparser.PSBaseParser, "revreadlines", _ORIG_REVREADLINES, _revreadlines),
    (cmapdb.CMapParser, "do_keyword", _ORIG_CMAP_KEYWORD, _cmap_keyword),
    (pdffont, "get_widths", _ORIG_WIDTHS, _get_widths),
    (pdffont, "get_widths2", _ORIG_WIDTHS2, _get_widths2),
)
"""(owner, attribute, pdfminer's original, bounded version)."""


def apply(bounded: bool) -> None:
    """Swap the bounded versions in (True) or pdfminer's originals back (False)."""
    for owner, name, original, replacement in PATCHES:
        setattr(owner, name, replacement if bounded else original)
