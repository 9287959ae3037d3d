"""parse_many: input order, failures that never stop the batch, bounded work, any Executor."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sample_reports import sample_report, small_pdfs

import vbparse
from vbparse.errors import DamagedPdfError, LimitExceededError, NotAPdfError, VbparseError
from vbparse.io import corpus as corpus_mod
from vbparse.io.corpus import Corpus, Failure, expand_paths, parse_many
from vbparse.pdf.limits import Limits


def fake_parse(path: str, limits: Any = None) -> vbparse.Report:
    """Stands in for vbparse.parse: the file name says how it behaves."""
    name = os.path.basename(path)
    if name.startswith("slow"):
        RELEASE.wait(30)  # interruptible: the test sets RELEASE so no thread outlives it
    if name.startswith("hang"):  # deaf to the in-worker alarm: only killing the process stops it
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(30)
    if name.startswith("crash"):
        os._exit(3)  # a worker dying hard, like a segfault or the OOM killer
    if name.startswith("bad"):
        raise NotAPdfError(path, "this is not a PDF")
    if name.startswith("hog"):
        bytearray(3 * 1024**3)  # fails at once under the workers' address-space cap
    if name.startswith("bug"):
        raise ZeroDivisionError("oops")
    time.sleep(0.01)
    report = sample_report()
    report.source.file = name
    return report


RELEASE = threading.Event()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(corpus_mod, "_parse", fake_parse)
    RELEASE.clear()
    yield
    RELEASE.set()


def corrupt_pdf(tmp_path: Path) -> Path:
    """A file that says %PDF- but has no readable document in it."""
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj garbage " * 50 + b"\n%%EOF\n")
    return bad


def test_real_pdfs_with_a_corrupt_one_in_order(tmp_path: Path) -> None:
    a, b = small_pdfs(2)
    bad = corrupt_pdf(tmp_path)
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf", encoding="utf-8")
    paths = [a, bad, b, text]
    corpus = parse_many(paths, workers=2, timeout_s=60)
    assert corpus.files == [str(a), str(b)]
    assert [r.source.file for r in corpus.reports] == [a.name, b.name]
    assert [f.path for f in corpus.failures] == [str(bad), str(text)]
    assert all(isinstance(f.error, VbparseError) and f.reason for f in corpus.failures)
    assert isinstance(corpus.failures[0].error, DamagedPdfError)
    assert isinstance(corpus.failures[1].error, NotAPdfError)
    assert vbparse.parse(a).to_dict() == corpus.reports[0].to_dict()


def test_folder_and_glob_inputs_expand_sorted(tmp_path: Path) -> None:
    for name in ("b.pdf", "a.PDF", "c.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.pdf").write_bytes(b"x")
    folder = expand_paths(tmp_path)
    assert [Path(p).name for p in folder] == ["a.PDF", "b.pdf"]
    globbed = expand_paths([str(tmp_path / "*"), str(tmp_path / "b.pdf"), str(tmp_path / "missing.pdf")])
    assert [Path(p).name for p in globbed] == ["a.PDF", "b.pdf", "c.txt", "z.pdf", "missing.pdf"]
    assert expand_paths([str(tmp_path / "nothing*.pdf")]) == []


@pytest.mark.usefixtures("fake")
def test_in_process_with_one_worker_keeps_order() -> None:
    corpus = parse_many(["a.pdf", "bad.pdf", "b.pdf", "bug.pdf", "c.pdf"], workers=1)
    assert corpus.files == ["a.pdf", "b.pdf", "c.pdf"]
    assert [(f.path, type(f.error).__name__) for f in corpus.failures] == [
        ("bad.pdf", "NotAPdfError"),
        ("bug.pdf", "VbparseError"),
    ]
    assert "internal error" in corpus.failures[1].reason
    assert isinstance(corpus.failures[0], Failure) and corpus.failures[0] == ("bad.pdf", corpus.failures[0].error)


class CountingExecutor(Executor):
    """A thread pool that records how many tasks were outstanding at most."""

    def __init__(self, workers: int) -> None:
        self.pool = ThreadPoolExecutor(workers)
        self.lock = threading.Lock()
        self.outstanding = self.most = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self.lock:
            self.outstanding += 1
            self.most = max(self.most, self.outstanding)
        fut = self.pool.submit(fn, *args, **kwargs)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: Future[Any]) -> None:
        with self.lock:
            self.outstanding -= 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


@pytest.mark.usefixtures("fake")
def test_any_executor_bounded_window_and_order() -> None:
    ex = CountingExecutor(3)
    paths = [f"r{i:03d}.pdf" if i % 7 else f"bad{i:03d}.pdf" for i in range(60)]
    corpus = parse_many(paths, executor=ex)
    ex.shutdown()
    assert corpus.files == [p for p in paths if not p.startswith("bad")]
    assert [f.path for f in corpus.failures] == [p for p in paths if p.startswith("bad")]
    assert ex.most <= 2 * 3  # workers default to the executor's width


@pytest.mark.usefixtures("fake")
def test_slow_file_times_out_others_finish() -> None:
    ex = ThreadPoolExecutor(2)
    start = time.monotonic()
    corpus = parse_many(["a.pdf", "slow.pdf", "b.pdf", "c.pdf"], executor=ex, timeout_s=0.5)
    assert time.monotonic() - start < 10
    ex.shutdown(wait=False, cancel_futures=True)
    assert corpus.files == ["a.pdf", "b.pdf", "c.pdf"]
    assert [f.path for f in corpus.failures] == ["slow.pdf"]
    assert isinstance(corpus.failures[0].error, LimitExceededError)


@pytest.mark.usefixtures("fake")
def test_in_process_timeout_interrupts_parse() -> None:
    start = time.monotonic()
    corpus = parse_many(["slow.pdf", "a.pdf"], workers=1, timeout_s=0.3)
    assert time.monotonic() - start < 5
    assert corpus.files == ["a.pdf"] and "longer than 0.3 s" in corpus.failures[0].reason


@pytest.mark.usefixtures("fake")
def test_own_pool_survives_crash_and_hang() -> None:
    paths = ["a.pdf", "crash.pdf", "b.pdf", "hang.pdf", "c.pdf", "slow.pdf", "d.pdf", "e.pdf"]
    start = time.monotonic()
    corpus = parse_many(paths, workers=2, timeout_s=1)
    assert time.monotonic() - start < 20
    assert corpus.files == ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"]  # innocent files are retried
    assert [f.path for f in corpus.failures] == ["crash.pdf", "hang.pdf", "slow.pdf"]
    assert "died" in corpus.failures[0].reason
    assert "no result within 1 s" in corpus.failures[1].reason  # the parent gave up and replaced the pool
    assert "longer than 1 s" in corpus.failures[2].reason  # the alarm in the worker stopped it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux only")
@pytest.mark.usefixtures("fake")
def test_own_pool_caps_worker_memory() -> None:
    limits = Limits(max_memory_bytes=1024**3)
    corpus = parse_many(["a.pdf", "hog.pdf", "b.pdf"], workers=2, limits=limits, timeout_s=30)
    assert corpus.files == ["a.pdf", "b.pdf"]
    assert isinstance(corpus.failures[0].error, LimitExceededError) and "memory" in corpus.failures[0].reason


def test_dask_distributed_executor(tmp_path: Path) -> None:
    import dask.distributed as distributed  # in the dev extra: a missing install must fail, not skip

    a, b = small_pdfs(2)
    bad = corrupt_pdf(tmp_path)
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        corpus = parse_many([a, bad, b], executor=client.get_executor(), timeout_s=120)
    assert corpus.files == [str(a), str(b)]
    assert [f.path for f in corpus.failures] == [str(bad)]


def test_dask_client_as_people_pass_it(tmp_path: Path) -> None:
    """A Client itself (not client.get_executor()), on a 2-process local cluster."""
    import dask.distributed as distributed

    pdfs = small_pdfs(2)
    copies = []
    for i, pdf in enumerate(pdfs * 2):
        copies.append(tmp_path / f"r{i}.pdf")
        shutil.copy(pdf, copies[-1])
    bad = corrupt_pdf(tmp_path)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        corpus = parse_many([*copies[:2], bad, *copies[2:]], executor=client, timeout_s=120)
    assert corpus.files == [str(p) for p in copies]
    assert [f.path for f in corpus.failures] == [str(bad)]


def test_an_executor_that_is_none_is_refused_at_once() -> None:
    with pytest.raises(TypeError, match="get_executor"):
        parse_many(["a.pdf"], executor=object())  # type: ignore[arg-type]


def test_progress_bar_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = small_pdfs(1)[0]
    copy = tmp_path / "copy.pdf"
    shutil.copy(a, copy)
    corpus = parse_many(copy, progress=True)
    assert isinstance(corpus, Corpus) and len(corpus) == 1
    assert "1/1" in capsys.readouterr().err
