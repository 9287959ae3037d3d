"""The public entry point: `parse` one report. Nothing but VbparseError escapes it."""

from __future__ import annotations

from .errors import DamagedPdfError, VbparseError
from .guard import guarded
from .limits import DEFAULT_LIMITS, Limits
from .model import Report
from .pdfopen import PdfSource, display_name, open_pdf


@guarded(display_name)  # bounds stream inflation (decompression bombs) for the whole call
def parse(source: PdfSource, *, limits: Limits | None = None) -> Report:
    """Parse one report PDF (path, bytes or binary file object) into a Report."""
    from .pipeline import build_report, read_pages

    limits = limits or DEFAULT_LIMITS
    name = display_name(source)  # the path as the caller gave it, for every message
    with open_pdf(source, limits) as (pdf, src):
        try:
            pages = read_pages(pdf)
        except VbparseError:
            raise
        except Exception as exc:  # a page pdfminer cannot interpret is damage, not our bug
            problem = f"the PDF is damaged: a page could not be read ({type(exc).__name__})"
            raise DamagedPdfError(name, problem) from None
    try:
        return build_report(pages, src, name)
    except VbparseError:
        raise
    except Exception as exc:
        problem = f"internal error while structuring the report ({type(exc).__name__}: {exc}); please report it"
        raise VbparseError(name, problem) from exc
