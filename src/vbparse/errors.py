"""The errors `parse` may raise. Each names the file and says what a person can do."""

from __future__ import annotations


class VbparseError(Exception):
    """Base of every error vbparse raises on purpose."""

    def __init__(self, file: str | None, problem: str) -> None:
        self.file = file
        self.problem = problem
        where = f"{file}: " if file else ""
        super().__init__(f"{where}{problem}")

    def __reduce__(self) -> tuple[type[VbparseError], tuple[str | None, str]]:
        # picklable, so errors cross process pools and Dask workers intact
        return (type(self), (self.file, self.problem))


class NotAPdfError(VbparseError):
    """The bytes are not a PDF at all (empty, text, image, HTML)."""


class DamagedPdfError(VbparseError):
    """A PDF so broken that even repair-tolerant reading gets no pages."""


class EncryptedPdfError(VbparseError):
    """The PDF needs a password to open."""


NO_TEXT_LAYER = (
    "the PDF has no text layer (a scan or images only); run OCR on it first, e.g. "
    "`ocrmypdf --language swe in.pdf out.pdf` (ocrmypdf and the Swedish Tesseract data), then parse out.pdf"
)
"""NoTextLayerError's message: what it is and a way out."""


class NoTextLayerError(VbparseError):
    """The pages are images only (a scan): OCR is needed first."""


class NotAReportError(VbparseError):
    """A readable PDF that is not a Verksamhetsberättelse, Tertialrapport or Verksamhetsplan."""


class LimitExceededError(VbparseError):
    """The document is larger or slower than the configured limits allow."""
