"""Issue 14: small hostile inputs (recipes in tests/hostile.py) end, within a time bound,
in a typed error or a report, in the default (child process) and the in-process path.

Each call runs in a forked watchdog process that is killed at its bound, so code that
hangs (as before these bounds) fails the test instead of hanging the suite.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hostile  # tests/ is on sys.path (conftest)
import pytest

import vbparse
import vbparse.api  # the parser imported before each test forks: the bounds are on parsing, not importing
import vbparse.report.pipeline
from vbparse.pdf.limits import Limits

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "pdf" / "sample-d_rl_helvetica_grid.pdf"
MB = 1024 * 1024
TIMEOUT_S = 1.5
"""The parse time limit these tests set; the watchdog allows it plus start-up slack."""


def _rss() -> int:
    """Resident bytes now (Linux), 0 elsewhere."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _run(conn: Any, fn: Callable[[], object]) -> None:
    start = _rss()  # a forked child starts as big as the test process: count only the growth
    try:
        out = fn()
        result = repr(out) if isinstance(out, int | str) else type(out).__name__
    except BaseException as exc:
        result = type(exc).__name__ + (f": {exc.problem}" if isinstance(exc, vbparse.VbparseError) else f": {exc}")
    usage = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    peak = max(usage) * 1024
    conn.send((result, max(0, peak - start)))


def bounded(fn: Callable[[], object], bound_s: float) -> tuple[str, float, int]:
    """(outcome, seconds, peak RSS growth in bytes) of fn() in a forked process killed after bound_s;
    outcome is the result's or error's class name (errors with their message)."""
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run, args=(sender, fn), daemon=False)
    started = time.monotonic()
    proc.start()
    sender.close()
    try:
        if not receiver.poll(bound_s):
            pytest.fail(f"no answer within {bound_s} s (hangs)")
        outcome, peak = receiver.recv()
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    return outcome, time.monotonic() - started, peak


CAPPED = {  # answered at once by the caps, whatever the time limit
    "self_ref_contents": "LimitExceededError",
    "self_ref_kids": "LimitExceededError",
    "self_ref_length": "LimitExceededError",
    "ref_cycle": "LimitExceededError",
    "cmap_bfrange": "NotAReportError",
    "cmap_cidrange": "NotAReportError",
    "cid_widths": "NotAReportError",
    "nul_flood": "DamagedPdfError",
}
SLOW = ["operator_flood", "nested_forms", "rectangle_flood", "many_pages"]  # stopped by the time limit


@pytest.fixture(scope="module")
def inputs() -> dict[str, bytes]:
    return {name: build() for name, build in hostile.BUILDERS.items()}


@pytest.mark.parametrize("isolate", [True, False], ids=["child", "in-process"])
@pytest.mark.parametrize("name", sorted(CAPPED))
def test_capped_inputs_end_at_once(inputs: dict[str, bytes], name: str, isolate: bool) -> None:
    data = inputs[name]
    outcome, seconds, peak = bounded(lambda: vbparse.parse(data, limits=Limits(isolate=isolate)), 20)
    assert outcome.split(":")[0] == CAPPED[name], outcome
    assert seconds < 10, seconds
    assert peak < 600 * MB, f"peak {peak / MB:.0f} MB"
    if CAPPED[name] == "LimitExceededError":
        assert "refers to itself" in outcome


@pytest.mark.parametrize("isolate", [True, False], ids=["child", "in-process"])
@pytest.mark.parametrize("name", SLOW)
def test_slow_inputs_stop_at_the_time_limit(inputs: dict[str, bytes], name: str, isolate: bool) -> None:
    data = inputs[name]
    limits = Limits(timeout_s=TIMEOUT_S, isolate=isolate)
    outcome, seconds, peak = bounded(lambda: vbparse.parse(data, limits=limits), TIMEOUT_S + 15)
    assert outcome.startswith("LimitExceededError"), outcome
    # the time limit, or (pdfium reader) the cap on nested form draws, checked before pdfium runs
    assert "timeout_s" in outcome or "longer than" in outcome or "nested forms" in outcome
    assert seconds < TIMEOUT_S + 8, seconds
    assert peak < 1024 * MB, f"peak {peak / MB:.0f} MB"


def test_plain_parse_is_bounded_by_default() -> None:
    """No Limits given: a 60 s / 2 GiB default; the child path on Linux."""
    assert vbparse.Limits().timeout_s == 60
    assert vbparse.Limits().max_memory_bytes == 2 * 1024 * MB
    if sys.platform.startswith("linux"):
        from vbparse.api import _isolate

        assert _isolate(vbparse.Limits())


def test_limit_error_names_file_and_limit(inputs: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / "flood.pdf"
    path.write_bytes(inputs["operator_flood"])
    outcome, _, _ = bounded(lambda: vbparse.parse(str(path), limits=Limits(timeout_s=1)), 20)
    assert outcome.startswith("LimitExceededError") and "timeout_s" in outcome
    with pytest.raises(vbparse.LimitExceededError) as info:
        vbparse.parse(str(path), limits=Limits(timeout_s=1, isolate=False))
    assert str(path) in str(info.value)


def test_cli_parse_and_inspect_end_on_a_reference_loop(inputs: dict[str, bytes], tmp_path: Path) -> None:
    from vbparse.io.cli import main

    path = tmp_path / "loop.pdf"
    path.write_bytes(inputs["self_ref_contents"])
    for command in ("parse", "inspect"):
        outcome, seconds, _ = bounded(lambda command=command: main([command, str(path)]), 30)
        assert outcome == "2" and seconds < 15, (command, outcome)


def test_clean_up_after_a_timeout_does_not_walk_the_document_again(inputs: dict[str, bytes], tmp_path: Path) -> None:
    """A parse_many worker's alarm fires inside a reference loop (the chain cap raised out
    of the way); closing the document must not re-enter the loop."""
    from vbparse.io import corpus

    path = tmp_path / "loop.pdf"
    path.write_bytes(inputs["self_ref_kids"])
    limits = Limits(max_ref_chain=10**12, timeout_s=None, isolate=False)
    outcome, seconds, _ = bounded(lambda: corpus._parse_one(str(path), limits, 1.0), 15)
    assert outcome == "tuple" and seconds < 8


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_memory_error_is_a_limit_error(monkeypatch: pytest.MonkeyPatch, reader: str) -> None:
    from vbparse.pdf import read_pdfium, reading

    def hungry(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(reading, "read_page", hungry)
    monkeypatch.setattr(read_pdfium, "read_page", hungry)
    with pytest.raises(vbparse.LimitExceededError, match="memory"):
        vbparse.parse(REPORT, reader=reader, limits=Limits(isolate=False))


# --- row 4 and 9: what is not a regular file or an open binary file object ----------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    outcome, seconds, _ = bounded(lambda: vbparse.parse(str(fifo)), 10)
    assert outcome.startswith("NotAPdfError") and "FIFO" in outcome
    assert seconds < 5


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_device_is_refused_at_once() -> None:
    outcome, seconds, peak = bounded(lambda: vbparse.parse("/dev/zero"), 20)
    assert outcome.startswith("NotAPdfError") and "device" in outcome
    assert seconds < 5 and peak < 300 * MB
    with open("/dev/zero", "rb") as fh, pytest.raises(vbparse.NotAPdfError, match="device"):
        vbparse.parse(fh)  # type: ignore[arg-type]


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(vbparse.NotAPdfError, match="folder"):
        vbparse.parse(tmp_path)


def test_text_mode_closed_and_nul_sources_get_typed_errors(tmp_path: Path) -> None:
    with open(REPORT, encoding="utf-8") as fh, pytest.raises(vbparse.NotAPdfError, match="binary mode"):
        vbparse.parse(fh)  # type: ignore[arg-type]
    fh = open(REPORT, "rb")  # noqa: SIM115
    fh.close()
    with pytest.raises(vbparse.NotAPdfError, match="closed"):
        vbparse.parse(fh)
    with pytest.raises(vbparse.NotAPdfError, match="NUL"):
        vbparse.parse(str(tmp_path / "a\0b.pdf"))
    with pytest.raises(vbparse.NotAPdfError, match="binary mode"):
        vbparse.parse(io.StringIO("%PDF-1.4"))  # type: ignore[arg-type]
