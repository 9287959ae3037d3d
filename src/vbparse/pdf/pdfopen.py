"""Open untrusted input as a pdfplumber document, or raise a typed error naming the file.

Order of checks: size cap, "is this a PDF at all" (sniffing what it is instead), then
pdfminer; if pdfminer cannot open it or finds no pages, one pure-bytes repair
(vbparse.pdf.repair) is tried before giving up with DamagedPdfError. Everything pdfminer
decodes meanwhile runs under inflate_guard.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import os
import weakref
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import BinaryIO

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream

from ..errors import DamagedPdfError, EncryptedPdfError, LimitExceededError, NotAPdfError, VbparseError
from ..model import Source
from .guard import inflate_guard
from .limits import DEFAULT_LIMITS, Limits
from .repair import repair
from .sources import check_file_object, check_path, open_regular

PdfSource = str | os.PathLike[str] | bytes | BinaryIO

log = logging.getLogger("vbparse")

_REPAIRED: weakref.WeakKeyDictionary[pdfplumber.PDF, str] = weakref.WeakKeyDictionary()

# What a file that is not a PDF usually is, by its first bytes, and what to do about it.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a PDF; if it is a scanned page, make a PDF with OCR from it"),
    (b"\xff\xd8\xff", "a JPEG image, not a PDF; if it is a scanned page, make a PDF with OCR from it"),
    (b"GIF8", "a GIF image, not a PDF"),
    (b"II*\x00", "a TIFF image, not a PDF; if it is a scan, make a PDF with OCR from it"),
    (b"MM\x00*", "a TIFF image, not a PDF; if it is a scan, make a PDF with OCR from it"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file), not a PDF; export the document as PDF"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel (OLE) file, not a PDF; export the document as PDF"),
    (b"{\\rtf", "an RTF document, not a PDF; export it as PDF"),
    (b"\x1f\x8b", "a gzip archive, not a PDF; unpack it first"),
)
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<script")


def display_name(source: object) -> str | None:
    """The name errors show for a source: the path as given, or the file object's name."""
    name = os.fspath(source) if isinstance(source, str | os.PathLike) else getattr(source, "name", None)
    return name if isinstance(name, str) else None


def read_source(source: PdfSource, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, str | None]:
    """The input's bytes and a display name; refuses input over max_file_bytes unread."""
    name = display_name(source)
    cap = limits.max_file_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        size = check_path(source, name).st_size  # a FIFO, device or folder is refused unread
        if size > cap:
            problem = f"the file is {size} bytes, over the max_file_bytes limit of {cap}"
            raise LimitExceededError(name, problem)
        try:
            with open_regular(source, name) as fh:
                data = _read_capped(fh, cap)
        except OSError as exc:
            raise NotAPdfError(name, f"cannot read the file: {exc.strerror or exc}") from None
    elif callable(getattr(source, "read", None)):
        check_file_object(source, name)
        try:
            data = _read_capped(source, cap)
        except UnicodeDecodeError:
            raise NotAPdfError(name, "the file object gives text, not bytes; open it in binary mode ('rb')") from None
        except (OSError, ValueError) as exc:  # ValueError: closed meanwhile
            raise NotAPdfError(name, f"cannot read the input: {exc}") from None
    else:
        kind = type(source).__name__
        raise NotAPdfError(None, f"cannot read a {kind}; give a path, bytes or a binary file object")
    if len(data) > cap:
        raise LimitExceededError(name, f"the input is over the limit of {cap} bytes (max_file_bytes)")
    return data, name


def _read_capped(fh: BinaryIO, cap: int) -> bytes:
    """At most cap+1 bytes, read in chunks: read(n) preallocates n bytes on real files."""
    parts: list[bytes] = []
    total = 0
    while total <= cap:
        chunk = fh.read(min(1 << 20, cap + 1 - total))
        if not chunk:
            break
        if not isinstance(chunk, bytes | bytearray):
            problem = "the file object gives text, not bytes; open it in binary mode ('rb')"
            raise NotAPdfError(display_name(fh), problem)
        parts.append(bytes(chunk))
        total += len(chunk)
    return b"".join(parts)


def check_is_pdf(data: bytes, name: str | None) -> None:
    """Raise NotAPdfError, saying what the bytes are instead, unless they start like a PDF."""
    if not data.strip():
        raise NotAPdfError(name, "the file is empty (no bytes, or only whitespace), not a PDF; get it again")
    if b"%PDF-" in data[:1024]:  # readers accept the header anywhere in the first 1024 bytes
        return
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise NotAPdfError(name, f"this is {what}")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(mark in head for mark in _HTML_MARKS):
        raise NotAPdfError(
            name,
            "this is a web page (HTML) saved under a PDF name, not a PDF; the download probably "
            "failed or needed a login — download the PDF itself",
        )
    raise NotAPdfError(name, "this is not a PDF (no %PDF- header); check that it is the right file")


def repair_note(pdf: pdfplumber.PDF) -> str | None:
    """Why the document was repaired before reading (for a ParseWarning), or None."""
    return _REPAIRED.get(pdf)


@contextmanager
def open_pdf(
    source: PdfSource, limits: Limits = DEFAULT_LIMITS, *, password: str | None = None
) -> Iterator[tuple[pdfplumber.PDF, Source]]:
    """Yield the opened document and its Source record; close it afterwards.
    `password` opens a password-protected PDF."""
    data, name = read_source(source, limits)
    check_is_pdf(data, name)
    with ExitStack() as stack:
        stack.enter_context(inflate_guard(limits, name))
        pdf, n_pages = _open_or_repair(data, name, limits, password)
        stack.callback(drop_pdf, pdf)
        src = Source(
            file=os.path.basename(name) if name else None,
            sha256=hashlib.sha256(data).hexdigest(),
            pages=n_pages,
        )
        yield pdf, src


def _open_or_repair(
    data: bytes, name: str | None, limits: Limits, password: str | None = None
) -> tuple[pdfplumber.PDF, int]:
    """The opened document and its page count; tries vbparse.pdf.repair when pdfminer fails."""
    try:
        return _open(data, name, limits, password)
    except VbparseError:
        raise
    except Exception as exc:
        first = pdfminer_cause(exc)
    if isinstance(first, VbparseError):  # a limit hit inside pdfminer, wrapped by pdfplumber
        raise first from None
    if isinstance(first, PDFEncryptionError):
        raise _encrypted(name, first, password)
    if isinstance(first, MemoryError):
        raise LimitExceededError(name, "ran out of memory opening the PDF; the file is too complex") from None
    fixed = repair(data)
    if fixed is not None:
        try:
            pdf, n_pages = _open(fixed, name, limits, password)
        except Exception as exc:
            if isinstance(pdfminer_cause(exc), VbparseError):
                raise pdfminer_cause(exc) from None
        else:
            if not _has_content(pdf):  # only the page tree survived: say damaged, not "scanned"
                drop_pdf(pdf)
                raise DamagedPdfError(
                    name, "the PDF is damaged: it seems cut short, and no page content survived; get it again"
                )
            _REPAIRED[pdf] = f"the PDF was damaged ({describe_error(first)}); read what could be recovered"
            log.warning("%s: PDF damaged (%s), read after repair", name, describe_error(first))
            return pdf, n_pages
    if b"/Encrypt" in data:
        raise EncryptedPdfError(
            name, f"the PDF is encrypted and its encryption data cannot be read ({describe_error(first)})"
        )
    raise DamagedPdfError(name, _damage_message(data, first))


class _NoPages(Exception):
    """pdfminer opened the file but found no page in it."""

    def __str__(self) -> str:
        return "pdfminer found no pages"


def _open(data: bytes, name: str | None, limits: Limits, password: str | None = None) -> tuple[pdfplumber.PDF, int]:
    pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    try:
        counted = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.max_pages + 1))
        if counted > limits.max_pages:
            raise LimitExceededError(
                name, f"the PDF has more than {limits.max_pages} pages (max_pages); raise it if genuine"
            )
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise _NoPages
    except BaseException:
        drop_pdf(pdf)
        raise
    return pdf, n_pages


def drop_pdf(pdf: pdfplumber.PDF) -> None:
    """Close a document without reading it again.

    pdfplumber's close() builds the page list when it is not complete, walking the page
    tree: after a timeout or limit inside that walk (a self-referencing tree), it would
    re-enter the same loop. This closes only the pages already made and the stream.
    """
    for page in list(pdf.__dict__.get("_pages") or []):
        page.close()
    pdf.flush_cache()
    if not pdf.stream_is_external:
        pdf.stream.close()


def _has_content(pdf: pdfplumber.PDF) -> bool:
    """Whether any page's /Contents resolves to a stream."""
    return any(isinstance(c, PDFStream) for page in pdf.pages for c in page.page_obj.contents)


def caused_by_memory(exc: BaseException) -> bool:
    """Whether a MemoryError caused `exc`, however many times it was wrapped (by us, pdfplumber or pdfminer)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, MemoryError):
            return True
        seen.add(id(cur))
        inner = pdfminer_cause(cur)
        cur = inner if inner is not cur else (cur.__cause__ or cur.__context__)
    return False


def pdfminer_cause(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's PdfminerException wrappers (pdfplumber wraps
    what pdfminer raises on open and on page reading; the wrapper's name says nothing)."""
    for _ in range(10):
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__
        if type(exc).__name__ != "PdfminerException" or inner is None:
            break
        exc = inner
    return exc


def _encrypted(name: str | None, exc: BaseException, password: str | None = None) -> EncryptedPdfError:
    if isinstance(exc, PDFPasswordIncorrect) and password:
        return EncryptedPdfError(name, "the password given does not open this PDF; check it (case matters)")
    if isinstance(exc, PDFPasswordIncorrect):
        return EncryptedPdfError(
            name,
            "the PDF is password-protected (it needs a password to open); pass it: "
            "vbparse.parse(path, password=...) or --password on the command line",
        )
    return EncryptedPdfError(
        name, f"the PDF is encrypted with a method vbparse cannot open ({exc}); ask for an unprotected copy"
    )


def describe_error(exc: BaseException) -> str:
    """'TypeName: message' (message shortened) for error texts."""
    if isinstance(exc, _NoPages):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _damage_message(data: bytes, exc: BaseException) -> str:
    if b"%%EOF" not in data[-1024:]:
        return (
            "the PDF is damaged: it seems cut short (no %EOF at its end) and could not be repaired; "
            f"download or copy it again ({describe_error(exc)})"
        )
    return (
        "the PDF is damaged and could not be repaired; open it in a PDF reader and save or print it "
        f"as a new PDF ({describe_error(exc)})"
    )
