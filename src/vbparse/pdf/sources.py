"""Refuse, at once and typed, sources that are not a regular file, bytes or an open binary
file object: reading a FIFO blocks forever, a device never ends, a directory or a
text-mode file object fails deep inside with an untyped error."""

from __future__ import annotations

import io
import os
import stat

from ..errors import NotAPdfError

_KINDS = (
    (stat.S_ISDIR, "a folder, not a file; give one PDF (or use parse_many / 'vbparse export' for a folder)"),
    (stat.S_ISFIFO, "a named pipe (FIFO), not a file; save the PDF to a file first"),
    (stat.S_ISCHR, "a device, not a file; give a PDF file"),
    (stat.S_ISBLK, "a block device, not a file; give a PDF file"),
    (stat.S_ISSOCK, "a socket, not a file; give a PDF file"),
)


def not_regular(mode: int) -> str | None:
    """What a non-regular file is, as an error message; None for a regular file."""
    for test, what in _KINDS:
        if test(mode):
            return f"this is {what}"
    return None if stat.S_ISREG(mode) else "this is not a regular file; give a PDF file"


def check_path(path: str | os.PathLike[str], name: str | None) -> os.stat_result:
    """The stat of a path that is a regular file, or NotAPdfError saying what it is."""
    text = os.fspath(path)
    if "\0" in (text if isinstance(text, str) else text.decode("latin-1")):
        raise NotAPdfError(name, "the path contains a NUL character, so it cannot name a file; check how it was built")
    try:
        st = os.stat(text)
    except OSError as exc:
        raise NotAPdfError(name, f"cannot read the file: {exc.strerror or exc}") from None
    problem = not_regular(st.st_mode)
    if problem:
        raise NotAPdfError(name, problem)
    return st


def open_regular(path: str | os.PathLike[str], name: str | None) -> io.BufferedReader:
    """Open a path for reading only if it is a regular file; never blocks on a FIFO that
    replaced the file after the check (O_NONBLOCK, then fstat on what was opened)."""
    check_path(path, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise NotAPdfError(name, f"cannot read the file: {exc.strerror or exc}") from None
    problem = not_regular(os.fstat(fd).st_mode)
    if problem:
        os.close(fd)
        raise NotAPdfError(name, problem)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return open(fd, "rb")


def check_file_object(fh: object, name: str | None) -> None:
    """A file object must be open and binary; one on a device or folder is refused (a
    pipe or socket is the caller's own stream and is read)."""
    if getattr(fh, "closed", False):
        raise NotAPdfError(name, "the file object is closed; pass it while it is open (inside its 'with' block)")
    mode = getattr(fh, "mode", "b")
    if isinstance(fh, io.TextIOBase) or (isinstance(mode, str) and "b" not in mode):
        raise NotAPdfError(name, "the file object gives text, not bytes; open it in binary mode ('rb')")
    fileno = getattr(fh, "fileno", None)
    if callable(fileno):
        try:
            fd = fileno()
        except (OSError, ValueError, io.UnsupportedOperation):
            return  # no descriptor behind it (BytesIO, a wrapper): read() decides
        mode_bits = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode_bits) or stat.S_ISCHR(mode_bits) or stat.S_ISBLK(mode_bits):
            raise NotAPdfError(name, not_regular(mode_bits) or "not a file")
