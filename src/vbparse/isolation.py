"""Parse one document in a child process, so a slow or memory-hungry file can be stopped.

In-process parsing cannot be interrupted safely (pdfminer is pure Python but may sit in
long C calls, and threads cannot be killed), so `parse_isolated` runs the parse in a
child process with a wall-clock timeout (the child is killed when it runs out) and, on
Linux, an address-space limit (RLIMIT_AS, on top of what the child starts with) so that
a runaway allocation fails in the child instead of swapping the machine. `vbparse.parse`
uses it by default on Linux.

The report comes back pickled whole (no second validation); errors come back as (class
name, file, problem) and are raised again as the same VbparseError subclass. After a
timeout the child is killed: nothing in this process ever walks the document again.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import sys
import time
from multiprocessing.connection import Connection
from typing import Any

from . import errors
from .errors import LimitExceededError, VbparseError
from .model import Report
from .pdf.limits import DEFAULT_LIMITS, Limits
from .pdf.pdfopen import PdfSource, caused_by_memory, display_name, read_source
from .pdf.sources import check_path

log = logging.getLogger("vbparse")


def _context(start_method: str | None) -> Any:
    """The multiprocessing context to start children with.

    "fork" on Linux: the child is a copy of this process with vbparse already imported
    (a few ms), and, unlike spawn and forkserver, it does not run the caller's main
    module again, so a script needs no `if __name__ == "__main__":` guard. CPython
    resets its own locks (import, logging) in a forked child; the child only parses and
    is killed when it overruns. Elsewhere "spawn".
    """
    method = start_method or ("fork" if sys.platform.startswith("linux") else "spawn")
    if method == "fork":
        from .report import pipeline  # noqa: F401  (imported once here, inherited by every child)
    return multiprocessing.get_context(method)


def mapped_bytes() -> int:
    """This process's address space now (Linux), 0 where unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _limit_memory(max_bytes: int | None) -> None:
    """Cap the child's address space (Linux only; elsewhere RLIMIT_AS is not enforced)."""
    if max_bytes is None or not sys.platform.startswith("linux"):
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _ran_out_of_memory(exc: BaseException) -> bool:
    """Whether a MemoryError caused `exc`, however it was wrapped (pdfopen.caused_by_memory)."""
    return caused_by_memory(exc)


class _Collect(logging.Handler):
    """Keeps the child's "vbparse" log records, to be logged again in the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def _collect_logs() -> _Collect:
    """In the child: "vbparse" logs go to a collector only (not to handlers inherited from
    the parent, which would print them a second time)."""
    logger = logging.getLogger("vbparse")
    collector = _Collect()
    logger.handlers = [collector]
    logger.propagate = False
    return collector


def _child(
    conn: Connection,
    source: str | bytes,
    name: str | None,
    limits: Limits,
    reader: str = "auto",
    password: str | None = None,
) -> None:
    """Runs in the child: parse and send back (("ok", report) or ("error", class, file,
    problem)) and the log records."""
    logs = _collect_logs()
    try:
        if limits.max_memory_bytes is not None:  # the budget is on top of what the child starts with
            _limit_memory(mapped_bytes() + limits.max_memory_bytes)
        from .api import parse_here

        if isinstance(source, bytes):  # keep the caller's name for messages and Source.file
            named = io.BytesIO(source)
            named.name = name
            report = parse_here(named, password=password, reader=reader, limits=limits)
        else:
            report = parse_here(source, password=password, reader=reader, limits=limits)
        message: tuple[Any, ...] = ("ok", report)  # pickled whole: no re-validation in the parent
    except BaseException as exc:  # everything goes back to the parent, typed
        if _ran_out_of_memory(exc):
            problem = f"parsing needed more than {limits.max_memory_bytes} bytes of memory (max_memory_bytes)"
            message = ("error", "LimitExceededError", name, problem)
        elif isinstance(exc, VbparseError):
            message = ("error", type(exc).__name__, exc.file or name, exc.problem)
        else:
            problem = f"internal error in the parser process ({type(exc).__name__}: {exc}); please report it"
            message = ("error", "VbparseError", name, problem)
    try:
        conn.send((message, logs.records))
    finally:
        conn.close()


def _error(kind: str, file: str | None, problem: str) -> VbparseError:
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, VbparseError)):
        cls = VbparseError
    return cls(file, problem)


def parse_isolated(
    source: PdfSource,
    limits: Limits | None = None,
    *,
    reader: str = "auto",
    start_method: str | None = None,
    password: str | None = None,
) -> Report:
    """`vbparse.parse` in a child process, bounded by limits.timeout_s and max_memory_bytes.

    Raises what parse raises, and LimitExceededError when the child runs out of time or
    memory. A path is read by the child; bytes and file objects are read here and sent.
    """
    limits = limits or DEFAULT_LIMITS
    name = display_name(source)
    payload: str | bytes
    if isinstance(source, str | os.PathLike):
        check_path(source, name)  # a FIFO, device or folder: refused here, at once
        payload = os.fspath(source)
    else:
        payload, name = read_source(source, limits)
    ctx = _context(start_method)
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, payload, name, limits, reader, password), daemon=True)
    started = time.monotonic()
    child.start()
    sender.close()
    try:
        # the child checks the same deadline itself and answers typed; the slack is for
        # a child stuck where it cannot check (one long C call), which is then killed
        wait_s = None if limits.timeout_s is None else limits.timeout_s + min(5.0, 0.5 + limits.timeout_s / 20)
        if not receiver.poll(wait_s):
            raise LimitExceededError(
                name,
                f"parsing took longer than {limits.timeout_s:g} s (timeout_s) and was stopped; "
                "raise the limit if the document is genuinely that large",
            )
        try:
            message = receiver.recv()
        except EOFError:  # the child died without answering
            child.join(5)
            raise _died(name, child.exitcode, limits, time.monotonic() - started) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    message, records = message
    for level, text in records:  # what the parse logged, as if it had run here
        log.log(level, "%s", text)
    if message[0] == "ok":
        report: Report = message[1]
        return report
    raise _error(*message[1:])


def _died(name: str | None, exitcode: int | None, limits: Limits, elapsed: float) -> VbparseError:
    """The error for a child that exited without a result (killed, or crashed in C code)."""
    if exitcode is not None and exitcode < 0 and limits.max_memory_bytes is not None:
        return LimitExceededError(
            name,
            f"the parser process was killed by signal {-exitcode} after {elapsed:.1f} s, most likely for "
            f"running out of memory (max_memory_bytes is {limits.max_memory_bytes})",
        )
    return VbparseError(
        name, f"the parser process ended without a result (exit code {exitcode}); please report this file"
    )
