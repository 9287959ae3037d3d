"""The public entry point: `parse` one report. Nothing but VbparseError escapes it, and it
returns or raises within its Limits (time, memory, size) on any input."""

from __future__ import annotations

import sys
import time

from .errors import DamagedPdfError, LimitExceededError, VbparseError
from .model import ParseWarning, Report
from .pdf.guard import current_budget, inflate_guard
from .pdf.limits import DEFAULT_LIMITS, Limits
from .pdf.pdfopen import (
    PdfSource,
    caused_by_memory,
    describe_error,
    display_name,
    open_pdf,
    pdfminer_cause,
    repair_note,
)
from .pdf.readers import check_reader


def parse(
    source: PdfSource, *, password: str | None = None, reader: str = "auto", limits: Limits | None = None
) -> Report:
    """Parse one report PDF (path, bytes or binary file object) into a Report.

    password: opens a password-protected PDF (its user or owner password).

    reader: "auto" (pdfium, or pdfplumber for a PDF pdfium cannot open), "pdfium" or
    "pdfplumber"; both give the same report (pdfplumber is the reference, pdfium ~10x
    faster). An unknown name raises ValueError.

    Bounded by `limits` (default: 60 s, 2 GiB beyond the start; see vbparse.Limits): on
    Linux in a child process that is killed when it runs out (so a native crash in pdfium
    cannot take the caller down), elsewhere (or with Limits(isolate=False)) in this
    process with cooperative checks.
    """
    check_reader(reader)
    limits = limits or DEFAULT_LIMITS
    if _isolate(limits):
        from .isolation import parse_isolated

        return parse_isolated(source, limits, reader=reader, password=password)
    return parse_here(source, password=password, reader=reader, limits=limits)


def _isolate(limits: Limits) -> bool:
    """Whether to use a child process: asked for, or by default on Linux, and possible
    (a daemonic process, e.g. a multiprocessing.Pool worker, may not start children)."""
    import multiprocessing

    wanted = limits.isolate if limits.isolate is not None else sys.platform.startswith("linux")
    return wanted and not multiprocessing.current_process().daemon


def parse_here(
    source: PdfSource, *, password: str | None = None, reader: str = "auto", limits: Limits | None = None
) -> Report:
    """`parse` in this process: stream inflation, reference chains and font ranges capped,
    the deadline (timeout_s) checked while pdfminer reads and after every page, and a
    MemoryError anywhere turned into LimitExceededError. Not a hard bound against one long
    C call; `parse` (isolated) is."""
    limits = limits or DEFAULT_LIMITS
    name = display_name(source)  # the path as the caller gave it, for every message
    deadline = None if limits.timeout_s is None else time.monotonic() + limits.timeout_s
    try:
        with inflate_guard(limits, name, deadline):
            return _parse(source, name, limits, reader, password)
    except MemoryError:
        raise _out_of_memory(name, limits) from None
    except VbparseError:
        raise
    except Exception as exc:
        if caused_by_memory(exc):
            raise _out_of_memory(name, limits) from None
        problem = f"internal error while parsing ({type(exc).__name__}: {exc}); please report it"
        raise VbparseError(name, problem) from exc


def _parse(source: PdfSource, name: str | None, limits: Limits, reader: str, password: str | None = None) -> Report:
    from .pdf.readers import read_document
    from .report.pipeline import build_report

    with open_pdf(source, limits, password=password) as (pdf, src):
        repaired = repair_note(pdf)
        budget = current_budget()
        try:
            check = budget.check_time if budget is not None else None
            pages, _used = read_document(pdf, reader, name, check, password=password)
        except (VbparseError, MemoryError):
            raise
        except Exception as exc:  # a page pdfminer cannot interpret is damage, not our bug
            cause = pdfminer_cause(exc)
            if isinstance(cause, VbparseError | MemoryError):
                raise cause from None
            problem = f"the PDF is damaged: a page could not be read ({describe_error(cause)})"
            raise DamagedPdfError(name, problem) from None
    try:
        report = build_report(pages, src, name, repaired=repaired is not None)
        if repaired is not None:
            report.warnings.insert(0, ParseWarning(code="pdf_repaired", message=repaired, page=None))
        return report
    except (VbparseError, MemoryError):
        raise
    except Exception as exc:
        problem = f"internal error while structuring the report ({type(exc).__name__}: {exc}); please report it"
        raise VbparseError(name, problem) from exc


def _out_of_memory(name: str | None, limits: Limits) -> LimitExceededError:
    cap = limits.max_memory_bytes
    bound = f" (max_memory_bytes is {cap})" if cap is not None else ""
    return LimitExceededError(name, f"parsing ran out of memory{bound}; the file is too large or built to be")
