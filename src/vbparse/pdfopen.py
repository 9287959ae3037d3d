"""Open untrusted input as a pdfplumber document, or raise a typed error naming the file."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

import pdfplumber

from .errors import DamagedPdfError, EncryptedPdfError, LimitExceededError, NotAPdfError
from .limits import DEFAULT_LIMITS, Limits
from .model import Source

PdfSource = str | os.PathLike[str] | bytes | BinaryIO


def display_name(source: object) -> str | None:
    """The name errors show for a source: the path as given, or the file object's name."""
    name = os.fspath(source) if isinstance(source, str | os.PathLike) else getattr(source, "name", None)
    return name if isinstance(name, str) else None


def read_source(source: PdfSource, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, str | None]:
    """The input's bytes and a display name (the path, or the file object's name)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), None
    elif isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        try:
            size = os.path.getsize(name)
        except OSError as exc:
            raise NotAPdfError(name, f"cannot read the file ({exc.strerror or exc})") from None
        if size > limits.max_file_bytes:
            raise LimitExceededError(name, f"file is {size} bytes, over the limit of {limits.max_file_bytes}")
        with open(name, "rb") as fh:
            data = fh.read()
    else:
        name = getattr(source, "name", None)
        name = name if isinstance(name, str) else None
        data = source.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise LimitExceededError(name, f"input is over the limit of {limits.max_file_bytes} bytes")
    return data, name


@contextmanager
def open_pdf(source: PdfSource, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[pdfplumber.PDF, Source]]:
    """Yield the opened document and its Source record; close it afterwards."""
    data, name = read_source(source, limits)
    if not data.strip():
        raise NotAPdfError(name, "the file is empty, not a PDF")
    if b"%PDF-" not in data[:1024]:
        raise NotAPdfError(name, "this is not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n_pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types on broken input
        if "encrypt" in type(exc).__name__.lower() or "password" in str(exc).lower():
            raise EncryptedPdfError(name, "the PDF is password-protected; remove the password first") from None
        raise DamagedPdfError(name, f"the PDF is damaged and cannot be read ({type(exc).__name__})") from None
    if n_pages > limits.max_pages:
        pdf.close()
        raise LimitExceededError(name, f"{n_pages} pages, over the limit of {limits.max_pages}")
    src = Source(
        file=os.path.basename(name) if name else None,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=n_pages,
    )
    try:
        yield pdf, src
    finally:
        pdf.close()
