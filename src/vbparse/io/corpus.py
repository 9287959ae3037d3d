"""Parse many reports in parallel into a Corpus; one bad or slow file never stops the batch.

Work runs in a process pool (PDF parsing is CPU-bound Python) or in any
`concurrent.futures.Executor` the caller gives, e.g. a Dask client's `get_executor()`.
At most ~2 x workers files are in flight, so memory stays bounded on big batches; the
built-in pool caps its workers' memory (limits.max_memory_bytes, as isolation.parse_isolated
does) and replaces a worker that hangs or dies.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import api, errors
from ..errors import LimitExceededError, VbparseError
from ..isolation import _limit_memory, _ran_out_of_memory, mapped_bytes
from ..model import Report
from ..pdf.limits import DEFAULT_LIMITS, Limits
from ..pdf.readers import check_reader
from ._batch import DIED, BoundedRunner, Lost, as_executor

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..model import Check
    from .frames import Frames

PathLike = str | os.PathLike[str]

KEY_COLUMNS: dict[str, Any] = {"unit": "string", "year": "Int64", "kind": "string", "duplicate": "string"}
"""Columns Corpus.to_frames() adds after the report key (report_id, file, dnr) on every row.

`duplicate` says why a report may count twice: "same_content" (the same file under two
names) or "same_unit_kind_year" (two different reports for one unit, kind and year);
null otherwise. Filter on it before pivoting with aggfunc="first"."""

_parse: Callable[..., Report] = api.parse_here
"""The parse function workers call (in the worker: the pool bounds it already); a
module-level hook so tests can inject one."""


_DIED = "the worker process died while parsing this file (a crash or out of memory)"


class Failure(NamedTuple):
    """A file that did not parse: its path and the error (str(error) is the reason)."""

    path: str
    error: VbparseError

    @property
    def reason(self) -> str:
        return self.error.problem


@dataclass
class Corpus:
    """Reports parsed from many files, with the files that failed and why."""

    reports: list[Report] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """The input path of each report (parallel to `reports`); defaults to source.file."""
    skipped: list[Skipped] = field(default_factory=list)
    """Entries of the given folders that were not read (not named *.pdf, sub-folders)."""

    def __post_init__(self) -> None:
        if not self.files:
            self.files = [r.source.file or "" for r in self.reports]
        if len(self.files) != len(self.reports):
            raise ValueError("Corpus.files must have one entry per report")

    def __len__(self) -> int:
        return len(self.reports)

    def duplicates(self) -> list[tuple[int, str]]:
        """(index into reports, reason) for every report that may count twice; see KEY_COLUMNS."""
        by_sha: dict[str, int] = {}
        by_key: dict[tuple[Any, ...], int] = {}
        out: dict[int, str] = {}
        for i, report in enumerate(self.reports):
            sha = report.source.sha256
            key = (report.meta.unit, report.meta.kind, report.meta.year)
            if sha and sha in by_sha:
                out[i] = out[by_sha[sha]] = "same_content"
            elif None not in key and key in by_key:
                out.setdefault(i, "same_unit_kind_year")
                out.setdefault(by_key[key], "same_unit_kind_year")
            if sha:
                by_sha.setdefault(sha, i)
            by_key.setdefault(key, i)
        return sorted(out.items())

    def checks(self) -> list[Check]:
        """Each report's own checks (items prefixed with the file name) and the checks across reports."""
        from ..report.checks import corpus_checks

        names = [os.path.basename(r.source.file or f) for r, f in zip(self.reports, self.files, strict=True)]
        out = [
            c.model_copy(update={"items": [f"{name}#{item}" for item in c.items] or [name]})
            for name, r in zip(names, self.reports, strict=True)
            for c in r.checks
        ]
        return out + corpus_checks(self.reports, names)

    def timeseries(self) -> pd.DataFrame:
        """One row per (unit, indicator, period, measure) over all reports; see frames.timeseries."""
        from .frames import timeseries

        return timeseries(self.reports)

    def to_frames(self) -> Frames:
        """The six report frames over all reports; every row keyed by report_id, file, dnr, unit, year, kind."""
        from .frames import COLUMNS, FRAME_NAMES, REPORT_KEY, Frames, make_frame, report_rows

        dup = dict(self.duplicates())
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in FRAME_NAMES}
        for i, (path, report) in enumerate(zip(self.files, self.reports, strict=True)):
            extra = {
                "unit": report.meta.unit,
                "year": report.meta.year,
                "kind": report.meta.kind,
                "duplicate": dup.get(i),
            }
            for name, part in report_rows(report).items():
                for row in part:
                    row.update(extra)
                    if row["file"] is None and path:
                        row["file"] = os.path.basename(path)
                rows[name] += part
        columns = {**REPORT_KEY, **KEY_COLUMNS}
        return Frames(
            **{
                name: make_frame(rows[name], {**columns, **COLUMNS[name]})  # type: ignore[typeddict-item]
                for name in FRAME_NAMES
            }
        )


class Skipped(NamedTuple):
    """A folder entry that was not read as a report, and why."""

    path: str
    reason: str


def expand(paths: PathLike | Iterable[PathLike]) -> tuple[list[str], list[Skipped]]:
    """The files to parse, and every folder entry left out with the reason.

    Files as given, globs expanded, folders as their entries named *.pdf (whatever they
    are: a broken link, a FIFO or a folder named x.pdf is kept, so parsing reports it as a
    failure); sorted per item, duplicates dropped. A path that does not exist is kept too.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    out: list[str] = []
    skipped: list[Skipped] = []
    for item in paths:
        p = os.fspath(item)
        if os.path.isdir(p):
            out += _pdfs_in(p, skipped)
        elif glob.has_magic(p):
            for hit in sorted(glob.glob(p)):
                out += _pdfs_in(hit, skipped) if os.path.isdir(hit) else [hit]
        else:
            out.append(p)
    unique: dict[str, str] = {}
    for p in out:
        unique.setdefault(os.path.normcase(os.path.abspath(p)), p)
    return list(unique.values()), skipped


def expand_paths(paths: PathLike | Iterable[PathLike]) -> list[str]:
    """The files `expand` finds (without the list of what it left out)."""
    return expand(paths)[0]


def _pdfs_in(folder: str, skipped: list[Skipped]) -> list[str]:
    """A folder's entries named *.pdf; the others go to `skipped` with the reason."""
    found: list[str] = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.lower().endswith(".pdf"):
            found.append(path)
        elif os.path.isdir(path):
            skipped.append(Skipped(path, "a folder: folders inside folders are not searched; name it to include it"))
        else:
            skipped.append(Skipped(path, "not named *.pdf; give it by name to parse it anyway"))
    return found


class _Timeout(BaseException):
    """Raised by the alarm inside a worker; a BaseException so parse's `except Exception` lets it pass."""


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Interrupt the body after `seconds`, where a POSIX alarm can (main thread); else do nothing."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _parse_one(
    path: str, limits: Limits, timeout_s: float | None, parse: Callable[..., Report] | None = None
) -> Report | tuple[str, str | None, str]:
    """Worker task: the Report, or (error class name, file, problem).

    Errors travel as plain tuples: VbparseError's two-argument __init__ does not unpickle.
    `parse` travels with the task (by reference), so a hook set in the parent reaches
    workers however they were started.
    """
    try:
        with _alarm(timeout_s):
            return (parse or _parse)(path, limits=limits)
    except _Timeout:
        return ("LimitExceededError", path, f"parsing took longer than {timeout_s:g} s; skipped")
    except BaseException as exc:  # nothing may stop the batch
        if _ran_out_of_memory(exc):
            return (
                "LimitExceededError",
                path,
                f"parsing needed more than {limits.max_memory_bytes} bytes of memory (max_memory_bytes)",
            )
        if isinstance(exc, VbparseError):
            return (type(exc).__name__, exc.file, exc.problem)
        if not isinstance(exc, Exception):
            raise  # KeyboardInterrupt, SystemExit: the user or the pool wants to stop
        return ("VbparseError", path, f"internal error ({type(exc).__name__}: {exc}); please report it")


def _init_worker(limits: Limits) -> None:
    """Pool worker start: allow max_memory_bytes of address space beyond what it starts with.

    A forked worker starts with its parent's mappings (pandas, a Dask client, …), so the
    budget is on top of those, for the parsing itself (RLIMIT_AS, Linux).
    """
    if limits.max_memory_bytes is not None:
        _limit_memory(mapped_bytes() + limits.max_memory_bytes)


def _new_pool(limits: Limits) -> Callable[[int], ProcessPoolExecutor]:
    """Process pools with the platform's default start method, memory-capped workers.

    The default (fork on Linux up to Python 3.13) needs no `if __name__ == "__main__":`
    guard in the caller's script and copies an already-imported vbparse for free.
    """

    def make(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(limits,))

    return make


def _grace(timeout_s: float | None) -> float:
    """Slack past the in-worker alarm before the parent gives up on a process."""
    return 0.0 if timeout_s is None else min(5.0, 1.0 + timeout_s / 10)


def _result(path: str, out: Any) -> Report | VbparseError:
    """A worker outcome as the Report or the error to record."""
    if isinstance(out, Report):
        return out
    if isinstance(out, Lost):
        if out.kind == "timeout":
            return LimitExceededError(path, f"{out.reason}; skipped")
        if out.kind == "died":
            return VbparseError(path, _DIED if out.reason == DIED else out.reason)
        return VbparseError(path, f"the worker failed ({out.reason})")
    if isinstance(out, tuple) and len(out) == 3:
        return _as_error(out)
    return VbparseError(path, f"unexpected worker result {type(out).__name__}")


def _as_error(outcome: tuple[str, str | None, str]) -> VbparseError:
    name, file, problem = outcome
    cls = getattr(errors, name, VbparseError)
    if not (isinstance(cls, type) and issubclass(cls, VbparseError)):
        cls = VbparseError
    return cls(file, problem)


def _executor_width(executor: Executor) -> int:
    """How many tasks an executor runs at once, as far as it tells; else the CPU count."""
    width = getattr(executor, "_max_workers", None)
    client = getattr(executor, "_client", None)  # dask.distributed ClientExecutor
    if width is None and client is not None:
        with contextlib.suppress(Exception):
            width = sum(client.nthreads().values())
    return int(width or os.cpu_count() or 1)


class _Callback:
    """A progress "bar" that hands each step to a function (done, total)."""

    def __init__(self, report: Callable[[int, int], None], total: int) -> None:
        self.report, self.total, self.done = report, total, 0

    def update(self, n: int = 1) -> None:
        self.done += n
        self.report(self.done, self.total)

    def close(self) -> None:
        """Nothing to tear down."""


def _progress_bar(progress: bool | Callable[[int, int], None], total: int) -> Any:
    """tqdm for True, a _Callback for a function, None for False."""
    if callable(progress):
        return _Callback(progress, total)
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="vbparse", dynamic_ncols=True)


def parse_many(
    paths: PathLike | Iterable[PathLike],
    workers: int | None = None,
    executor: Executor | None = None,
    *,
    limits: Limits | None = None,
    progress: bool | Callable[[int, int], None] = False,
    timeout_s: float | None = None,
    reader: str = "auto",
    password: str | None = None,
) -> Corpus:
    """Parse every report in `paths` (files, globs, folders); results in input order.

    workers: processes (default: CPU count); 1 without an executor parses in this process.
    executor: run in this concurrent.futures.Executor instead of a new process pool; a Dask
        `Client` may be given as it is (its `get_executor()` is used).
    timeout_s: per-file wall-clock limit (default: limits.timeout_s); a slow file becomes a failure.
    progress: True shows a tqdm progress bar on stderr; a callable is called with (done,
        total) after each file instead (e.g. to log progress where stderr is no terminal).
    reader: the page reader, as for vbparse.parse ("auto", "pdfium", "pdfplumber"). A native
    crash in a reader kills only its worker process: that file fails, the batch goes on.
    password: for password-protected PDFs (the same for every file; others open as usual).
    """
    limits = limits or DEFAULT_LIMITS
    timeout_s = limits.timeout_s if timeout_s is None else timeout_s
    check_reader(reader)
    options = {k: v for k, v in (("reader", reader), ("password", password)) if v not in ("auto", None)}
    parse = functools.partial(_parse, **options) if options else _parse
    if executor is not None:
        executor = as_executor(executor)
    files, skipped = expand(paths)
    if executor is not None:
        workers = workers or _executor_width(executor)
    workers = max(1, workers or os.cpu_count() or 1)
    bar = _progress_bar(progress, len(files))
    try:
        if not files:
            results: list[Report | VbparseError | None] = []
        elif executor is None and workers == 1:
            results = []
            for path in files:
                results.append(_result(path, _parse_one(path, limits, timeout_s, parse)))
                if bar is not None:
                    bar.update(1)
        else:
            runner = BoundedRunner(
                _parse_one,
                [(p, limits, timeout_s, parse) for p in files],
                executor=executor,
                workers=workers,
                timeout_s=timeout_s,
                grace_s=_grace(timeout_s) if executor is None else 0.0,
                on_done=bar.update if bar is not None else None,
                new_pool=_new_pool(limits),
            )
            results = [_result(path, out) for path, out in zip(files, runner.run(), strict=True)]
    finally:
        if bar is not None:
            bar.close()
    corpus = Corpus(skipped=skipped)
    for path, result in zip(files, results, strict=True):
        if isinstance(result, Report):
            corpus.reports.append(result)
            corpus.files.append(path)
        else:
            corpus.failures.append(Failure(path, result or VbparseError(path, "no result")))
    return corpus
