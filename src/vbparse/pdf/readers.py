"""Choose the page reader: pdfium (fast, C) or pdfplumber (the reference), same PageData.

Both start from the document `pdfopen.open_pdf` checked and opened with pdfminer, so
every bad-input error (not a PDF, encrypted, damaged, repaired, page and size limits)
is raised the same way whichever reader runs. For pdfium, the streams it would decode
are first inflated once under vbparse's bounds (streamcheck.py), so a decompression bomb
is refused before pdfium decodes it; and the font descents pdfminer would use are read
from the font dictionaries (descents.py) so that vertical boxes match.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal

import pdfplumber

from ..errors import DamagedPdfError, LimitExceededError, VbparseError
from . import read_pdfium
from .descents import font_descents, hyphen_finder, shared_descents
from .reading import PageData
from .reading import read_pages as read_pages_pdfplumber
from .streamcheck import TooManyFormDraws, TooManyTextOperators, bound_streams

log = logging.getLogger("vbparse")

ReaderName = Literal["auto", "pdfium", "pdfplumber"]
READERS: tuple[str, ...] = ("auto", "pdfium", "pdfplumber")
"""auto: pdfium, or pdfplumber for a document pdfium cannot open."""


def check_reader(reader: str) -> None:
    """Refuse an unknown reader name (a programming error, not bad input)."""
    if reader not in READERS:
        raise ValueError(f"reader must be one of {', '.join(READERS)}, not {reader!r}")


def _reference(pdf: pdfplumber.PDF, check: Callable[[], None] | None) -> list[PageData]:
    """The pdfplumber reader, its glyphs moved so each face has its family's descent (as the
    pdfium reader's boxes are made)."""
    own = font_descents(pdf)
    shared = shared_descents(own)
    shifts = {name: own[name] - shared[name] for name in own if own[name] != shared[name]}
    return read_pages_pdfplumber(pdf, check, shifts)


def read_document(
    pdf: pdfplumber.PDF,
    reader: str,
    name: str | None,
    check: Callable[[], None] | None = None,
    password: str | None = None,
) -> tuple[list[PageData], str]:
    """Every page of an opened document, and the name of the reader that read them.

    `check` (the parse's deadline) runs after each page pdfplumber reads and after pdfium's pages.
    `password` opens an encrypted document in pdfium (pdfminer already has it from open_pdf).
    """
    check_reader(reader)
    if reader == "pdfplumber":
        return _reference(pdf, check), "pdfplumber"
    try:
        bound_streams(pdf)
    except TooManyFormDraws as exc:
        raise LimitExceededError(name, f"{exc}; the document is built to exhaust the reader") from None
    except TooManyTextOperators as exc:  # pdfium cannot be stopped mid-page; pdfminer checks the deadline
        log.info("%s: %s; read with pdfplumber", name, exc)
        return _reference(pdf, check), "pdfplumber"
    data = pdf.stream.getvalue()  # the bytes open_pdf checked (the repaired ones, if it repaired)
    try:
        pages = read_pdfium.read_pages(
            data,
            shared_descents(font_descents(pdf)),
            password=password or None,
            hyphen_of=hyphen_finder(pdf),
            check=check,
        )
        if len(pages) != len(pdf.pages):  # the two disagree on the page tree: trust the reference
            raise read_pdfium.PdfiumUnreadable(f"pdfium finds {len(pages)} pages, pdfminer {len(pdf.pages)}")
        return pages, "pdfium"
    except read_pdfium.TurnedPage as exc:  # the reference reader turns such pages upright
        log.info("%s: %s; read with pdfplumber", name, exc)
        return _reference(pdf, check), "pdfplumber"
    except read_pdfium.PdfiumUnreadable as exc:
        if reader == "auto":
            return _reference(pdf, check), "pdfplumber"
        raise DamagedPdfError(
            name, f"pdfium cannot read this PDF ({exc}); try reader='pdfplumber' (--reader pdfplumber)"
        ) from None
    except (VbparseError, MemoryError):
        raise
    except Exception as exc:  # our pdfium code tripped on something odd: the reference still reads it
        if reader != "auto":
            raise
        log.warning("%s: the pdfium reader failed (%s: %s); read with pdfplumber", name, type(exc).__name__, exc)
        return _reference(pdf, check), "pdfplumber"
