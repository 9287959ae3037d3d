"""Bound what pdfminer may inflate while vbparse reads a document (decompression bombs).

pdfminer 20260107 decodes stream filters in `pdfminer.pdftypes.PDFStream.decode` with
no size limit: `zlib.decompress`, a byte-at-a-time `decompress_corrupted` (quadratic),
`lzwdecode` (quadratic: it copies its table on every code), `rldecode` (a Python list of
ints) and `ccittfaxdecode`; the PNG/TIFF predictors allocate by the stream's /Columns.
A 1 MB file can so ask for gigabytes.

`inflate_guard` swaps those module-level names in `pdfminer.pdftypes` for bounded
versions while at least one guard is active (process-global, reference-counted). The
bounds live in a ContextVar, so each thread (or asyncio task) parsing its own document
gets its own budget, and code in other threads that uses pdfminer outside a guard keeps
pdfminer's original, unbounded behaviour. Install and removal are lock-protected; other
code that patches the same pdfminer names at the same time is not supported.
"""

from __future__ import annotations

import functools
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from typing import Any, ParamSpec, TypeVar

from pdfminer import pdftypes
from pdfminer.ccitt import CCITTFaxDecoder
from pdfminer.lzw import CorruptDataError, LZWDecoder

from ..errors import LimitExceededError
from . import caps, pdfminer_compat
from .limits import DEFAULT_LIMITS, Limits

pdfminer_compat.check()  # before any parse swaps pdfminer's internals: fail loudly, never silently unbounded

MAX_FAX_COLUMNS = 1 << 16
"""Widest CCITT image accepted (65 536 px is 2.7 m at 600 dpi); wider is a bomb."""

_CHUNK = 4096
"""Input fed to zlib per step: at most ~4 MB of output (ratio 1032:1) between checks."""


class _Budget:
    """The bounds for one document, what its streams have inflated to so far, and the
    limit error once one was hit (pdfplumber wraps errors, pdfminer swallows some)."""

    def __init__(self, limits: Limits, file: str | None, deadline: float | None = None) -> None:
        self.per_stream = limits.max_stream_bytes
        self.total = limits.max_inflated_bytes
        self.max_ref_chain = limits.max_ref_chain
        self.max_range = limits.max_range
        self.timeout_s = limits.timeout_s
        self.deadline = deadline
        self.ticks = 0
        self.used = 0
        self.file = file
        self.tripped: LimitExceededError | None = None

    def tick(self) -> None:
        """Called per token / reference read (vbparse.pdf.caps): past the deadline, stop."""
        self.ticks += 1
        if self.ticks & 4095 == 0:
            self.check_time()

    def check_time(self) -> None:
        """Raise once the parse is past its deadline (and again on every later check)."""
        if self.tripped is not None:
            raise self.tripped
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.refuse(
                f"parsing took longer than {self.timeout_s:g} s (the timeout_s limit) and was stopped; "
                "raise the limit if the document is genuinely that large"
            )

    def refuse(self, problem: str) -> LimitExceededError:
        """Record and return the error to raise."""
        self.tripped = LimitExceededError(self.file, problem)
        return self.tripped

    def check(self, size: int) -> None:
        """Raise once one stream's output passes the per-stream bound."""
        if size > self.per_stream:
            raise self.refuse(
                f"a PDF stream inflates to more than {self.per_stream} bytes (the max_stream_bytes limit); "
                "the file is probably a decompression bomb — if it is a genuine report, raise the limit"
            )

    def account(self, size: int) -> None:
        """Count a finished stream towards the whole-document bound."""
        self.used += size
        if self.used > self.total:
            raise self.refuse(
                f"the PDF's streams inflate to more than {self.total} bytes in all (the max_inflated_bytes "
                "limit); if it is a genuine report, raise the limit"
            )


_budget: ContextVar[_Budget | None] = ContextVar("vbparse_inflate_budget", default=None)
caps._current = _budget.get  # the caps read the same per-context budget


def _inflate(data: bytes, budget: _Budget) -> bytes:
    """zlib.decompress, stopping once the output passes the bound."""
    d = zlib.decompressobj()
    out = d.decompress(data, budget.per_stream + 1)
    budget.check(len(out))
    if not d.eof:  # same as zlib.decompress: an unfinished stream is an error
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    budget.account(len(out))
    return out


def _inflate_tolerant(data: bytes, budget: _Budget) -> bytes:
    """pdfminer's decompress_corrupted (keep what inflates; forgive an error in the last
    3 bytes, i.e. a bad checksum) in linear time and bounded."""
    d = zlib.decompressobj()
    out = bytearray()
    n = len(data)
    for start in range(0, n, _CHUNK):
        piece = data[start : start + _CHUNK]
        saved = d.copy()
        try:
            out += d.decompress(piece)
        except zlib.error:
            d = saved  # replay this chunk byte by byte to find where it breaks
            for k in range(len(piece)):
                try:
                    out += d.decompress(piece[k : k + 1])
                except zlib.error:
                    if start + k < n - 3:
                        raise
                    budget.check(len(out))
                    budget.account(len(out))
                    return bytes(out)
        budget.check(len(out))
    budget.account(len(out))
    return bytes(out)


def _lzw(data: bytes, budget: _Budget) -> bytes:
    """pdfminer's lzwdecode without its per-code debug copy of the table, bounded."""
    decoder = LZWDecoder(BytesIO(data))
    out = bytearray()
    while True:
        try:
            code = decoder.readbits(decoder.nbits)
        except EOFError:
            break
        try:
            out += decoder.feed(code)
        except CorruptDataError:
            break
        if len(out) > budget.per_stream:
            budget.check(len(out))
    budget.account(len(out))
    return bytes(out)


def _runlength(data: bytes, budget: _Budget) -> bytes:
    """RunLengthDecode (PDF 1.7 §7.4.5) into a bytearray, bounded; a cut-off run ends it."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            out += data[i : i + length + 1]
            i += length + 1
        elif i < n:
            out += data[i : i + 1] * (257 - length)
            i += 1
        if len(out) > budget.per_stream:
            budget.check(len(out))
    budget.account(len(out))
    return bytes(out)


class _BoundedFaxDecoder(CCITTFaxDecoder):
    """pdfminer's CCITT decoder collecting rows in a bytearray (its `bytes +=` is
    quadratic) and stopping past the bound."""

    def __init__(self, width: int, budget: _Budget, bytealign: bool = False, reversed: bool = False) -> None:
        super().__init__(width, bytealign=bytealign, reversed=reversed)
        self._out = bytearray()
        self._budget = budget

    def output_line(self, y: int, bits: Sequence[int]) -> None:
        row = bytearray((len(bits) + 7) // 8)
        for i, b in enumerate(bits):
            if b != self.reversed:
                row[i // 8] |= 0x80 >> (i % 8)
        self._out += row
        self._budget.check(len(self._out))

    def close(self) -> bytes:
        return bytes(self._out)


def _fax(data: bytes, params: dict[str, object], budget: _Budget) -> bytes:
    if params.get("K") != -1:  # pdfminer only decodes G4; let it raise its own error
        return _ORIGINAL["ccittfaxdecode"](data, params)
    cols = params.get("Columns")
    if not isinstance(cols, int) or cols <= 0:
        return _ORIGINAL["ccittfaxdecode"](data, params)
    if cols > MAX_FAX_COLUMNS:
        raise budget.refuse(f"a CCITT image claims {cols} columns (the most accepted is {MAX_FAX_COLUMNS})")
    decoder = _BoundedFaxDecoder(
        cols, budget, bytealign=bool(params.get("EncodedByteAlign")), reversed=bool(params.get("BlackIs1"))
    )
    decoder.feedbytes(data)
    out = decoder.close()
    budget.account(len(out))
    return out


def _check_row(colors: int, columns: int, bpc: int, budget: _Budget) -> None:
    """A predictor allocates one row of colors*columns*bpc/8 bytes up front."""
    if max(colors, 1) * max(columns, 1) * max(bpc, 1) > 8 * budget.per_stream:
        raise budget.refuse(
            f"a PDF stream's predictor claims rows of {colors}×{columns} samples, more than max_stream_bytes"
        )


_ORIGINAL: dict[str, Any] = {
    name: getattr(pdftypes, name)
    for name in (
        "zlib",
        "decompress_corrupted",
        "lzwdecode",
        "rldecode",
        "ccittfaxdecode",
        "apply_png_predictor",
        "apply_tiff_predictor",
    )
}


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _budget.get()
        if budget is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        return _inflate(data, budget)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    budget = _budget.get()
    if budget is None:
        return _ORIGINAL["decompress_corrupted"](data)
    return _inflate_tolerant(data, budget)


def _lzwdecode(data: bytes) -> bytes:
    budget = _budget.get()
    return _ORIGINAL["lzwdecode"](data) if budget is None else _lzw(data, budget)


def _rldecode(data: bytes) -> bytes:
    budget = _budget.get()
    return _ORIGINAL["rldecode"](data) if budget is None else _runlength(data, budget)


def _ccittfaxdecode(data: bytes, params: dict[str, object]) -> bytes:
    budget = _budget.get()
    return _ORIGINAL["ccittfaxdecode"](data, params) if budget is None else _fax(data, params, budget)


def _png_predictor(pred: int, colors: int, columns: int, bpc: int, data: bytes) -> bytes:
    budget = _budget.get()
    if budget is not None:
        _check_row(colors, columns, bpc, budget)
    return _ORIGINAL["apply_png_predictor"](pred, colors, columns, bpc, data)


def _tiff_predictor(colors: int, columns: int, bpc: int, data: bytes) -> bytes:
    budget = _budget.get()
    if budget is not None:
        _check_row(colors, columns, bpc, budget)
    return _ORIGINAL["apply_tiff_predictor"](colors, columns, bpc, data)


_BOUNDED: dict[str, Any] = {
    "zlib": _BoundedZlib(),
    "decompress_corrupted": _decompress_corrupted,
    "lzwdecode": _lzwdecode,
    "rldecode": _rldecode,
    "ccittfaxdecode": _ccittfaxdecode,
    "apply_png_predictor": _png_predictor,
    "apply_tiff_predictor": _tiff_predictor,
}

_lock = threading.Lock()
_active = 0


def _install() -> None:
    global _active
    with _lock:
        if _active == 0:
            for name, value in _BOUNDED.items():
                setattr(pdftypes, name, value)
            caps.apply(True)
        _active += 1


def _uninstall() -> None:
    global _active
    with _lock:
        _active -= 1
        if _active == 0:
            for name, value in _ORIGINAL.items():
                setattr(pdftypes, name, value)
            caps.apply(False)


def current_budget() -> _Budget | None:
    """This context's budget (None outside a guard), e.g. to check the deadline per page."""
    return _budget.get()


def guard_active() -> bool:
    """Whether the current context reads PDFs under a budget (for tests and callers)."""
    return _budget.get() is not None


@contextmanager
def inflate_guard(
    limits: Limits = DEFAULT_LIMITS, file: str | None = None, deadline: float | None = None
) -> Iterator[None]:
    """Bound stream decoding for the document read inside this block.

    Nested guards in the same context share the outer budget, so open_pdf inside parse
    does not reset the whole-document count. When a bound was hit, the outermost guard
    raises that LimitExceededError, whatever pdfplumber wrapped it in or pdfminer
    swallowed on the way out.
    """
    outer = _budget.get()
    budget = outer or _Budget(limits, file, deadline)
    _install()
    token = _budget.set(budget)
    try:
        yield
    except Exception as exc:
        if outer is None and budget.tripped is not None and exc is not budget.tripped:
            raise budget.tripped from None
        raise
    finally:
        _budget.reset(token)
        _uninstall()
    if outer is None and budget.tripped is not None:
        raise budget.tripped


P = ParamSpec("P")
R = TypeVar("R")


def guarded(source_name: Callable[[Any], str | None]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate `parse(source, *, limits=None)` so the whole call runs under inflate_guard."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            limits = kwargs.get("limits") or DEFAULT_LIMITS
            source = args[0] if args else kwargs.get("source")
            with inflate_guard(limits, source_name(source)):  # type: ignore[arg-type]
                return fn(*args, **kwargs)

        return inner

    return wrap
