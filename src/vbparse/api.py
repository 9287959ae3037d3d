"""The public entry point: `parse` one report. Nothing but VbparseError escapes it."""

from __future__ import annotations

from .errors import DamagedPdfError, LimitExceededError, VbparseError
from .guard import guarded
from .limits import DEFAULT_LIMITS, Limits
from .model import ParseWarning, Report
from .pdfopen import PdfSource, describe_error, display_name, open_pdf, pdfminer_cause, repair_note


@guarded(display_name)  # bounds stream inflation (decompression bombs) for the whole call
def parse(source: PdfSource, *, reader: str = "auto", limits: Limits | None = None) -> Report:
    """Parse one report PDF (path, bytes or binary file object) into a Report.

    reader: "auto" (pdfium, or pdfplumber for a PDF pdfium cannot open), "pdfium" or
    "pdfplumber"; both give the same report (pdfplumber is the reference, pdfium ~10x
    faster). An unknown name raises ValueError. To isolate one file from a native crash
    or a runaway allocation, use vbparse.isolation.parse_isolated (a child process).
    """
    from .pipeline import build_report
    from .readers import check_reader, read_document

    check_reader(reader)
    limits = limits or DEFAULT_LIMITS
    name = display_name(source)  # the path as the caller gave it, for every message
    with open_pdf(source, limits) as (pdf, src):
        repaired = repair_note(pdf)
        try:
            pages, _used = read_document(pdf, reader, name)
        except VbparseError:
            raise
        except MemoryError:
            raise LimitExceededError(name, "reading the pages ran out of memory") from None
        except Exception as exc:  # a page pdfminer cannot interpret is damage, not our bug
            problem = f"the PDF is damaged: a page could not be read ({describe_error(pdfminer_cause(exc))})"
            raise DamagedPdfError(name, problem) from None
    try:
        report = build_report(pages, src, name, repaired=repaired is not None)
        if repaired is not None:
            report.warnings.insert(0, ParseWarning(code="pdf_repaired", message=repaired, page=None))
        return report
    except VbparseError:
        raise
    except Exception as exc:
        problem = f"internal error while structuring the report ({type(exc).__name__}: {exc}); please report it"
        raise VbparseError(name, problem) from exc
