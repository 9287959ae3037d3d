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
    name: str | None = None
    with open_pdf(source, limits) as (pdf, src):
        name = src.file
        try:
            pages = read_pages(pdf)
        except VbparseError:
            raise
        except Exception as exc:  # a page pdfminer cannot interpret is damage, not our bug
            raise DamagedPdfError(name, f"the PDF is damaged: a page could not be read ({type(exc).__name__})") from None
    try:
        return build_report(pages, src)
    except VbparseError:
        raise
    except Exception as exc:
        raise VbparseError(name, f"internal error while structuring the report ({type(exc).__name__}: {exc}); please report it") from exc
