"""One look of the generalization benchmark, run in a forked child with a time limit.

A crash, hang or runaway in the renderer or the parser must cost one look, never the
run, so every look renders and parses in its own process; the parent kills it at the
deadline. Renders are cached on disk (key: look + content + renderer sources).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "src", ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import accuracy  # noqa: E402  (tests/accuracy.py: the fixtures' field scorer)

from fixtures.as_read import as_read  # noqa: E402
from fixtures.render.build import page_count, render  # noqa: E402
from fixtures.render.producers import cache_key, missing  # noqa: E402
from fixtures.render.sampler import dimension_values, look_to_dict, sample_content, sample_look, sample_truth  # noqa: E402


@dataclass
class Case:
    """A look and its content, decided in the parent (cheap), run in a child."""

    seed: int
    look: Any
    content_name: str
    truth: dict[str, Any]
    dims: dict[str, Any] = field(default_factory=dict)
    skip: str | None = None  # why it cannot run here (producer missing), set by the caller

    @classmethod
    def of(cls, seed: int) -> Case:
        look = sample_look(seed)
        name, content = sample_content(seed)
        return cls(seed, look, name, sample_truth(content, look), dimension_values(look))

    def cached_pdf(self, cache_dir: Path) -> Path:
        return cache_dir / f"{self.look.name}-{cache_key(look_to_dict(self.look), self.truth)}.pdf"


def render_cached(case: Case, cache_dir: Path) -> tuple[bytes, bool]:
    """The PDF of a case, from the cache or freshly rendered (then cached, atomically)."""
    path = case.cached_pdf(cache_dir)
    if path.exists():
        return path.read_bytes(), True
    pdf = render(case.truth, case.look)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pdf)
    tmp.replace(path)
    return pdf, False


def score(truth: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """Field accuracy with the fixtures' scorer, as plain numbers (against what the pages show)."""
    s = accuracy.compare(as_read(truth), got)
    return {
        "right": sum(s.right.values()),
        "total": sum(s.total.values()),
        "cat_right": dict(s.cat_right),
        "cat_total": dict(s.cat_total),
        "misses": s.misses,
    }


def _child(case: Case, cache_dir: Path, conn: Connection) -> None:
    """Render (or load), tell the parent, parse, score, send the result."""
    os.setpgrp()  # its own process group: a time-out kills LibreOffice or Chromium with it
    try:
        pdf, cached = render_cached(case, cache_dir)
    except BaseException as exc:  # any render failure is reported as such
        conn.send(("render_error", f"{type(exc).__name__}: {exc}".splitlines()[0][:300], traceback.format_exc()))
        return
    conn.send(("rendered", cached))
    truth = {**case.truth, "source": {**case.truth["source"], "pages": page_count(pdf)}}
    import vbparse

    start = time.monotonic()
    try:
        got = vbparse.parse(pdf).to_dict()
    except BaseException as exc:  # a parse error scores 0 for this look
        result = score(truth, {})
        result.update(right=0, cat_right={}, error=f"{type(exc).__name__}: {exc}".splitlines()[0][:300])
        conn.send(("parse_error", result, time.monotonic() - start))
        return
    result = score(truth, got)
    # what the report says of its own doubt: its warnings and the checks it failed
    said = [w["code"] for w in got.get("warnings", [])] + [
        f"check:{c['code']}" for c in got.get("checks", []) if not c.get("passed", True)
    ]
    result["warnings"] = dict(Counter(said))
    conn.send(("ok", result, time.monotonic() - start))


def _zero(case: Case, error: str) -> dict[str, Any]:
    result = score(case.truth, {})
    result.update(right=0, cat_right={}, error=error, misses=[])
    return result


def _kill(proc: Any) -> None:
    """Kill a child and everything it started (its process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.join(5)


def run(
    cases: list[Case], cache_dir: Path, jobs: int, render_timeout: float, parse_timeout: float, progress: bool = True
) -> list[dict[str, Any]]:
    """Run every case (up to `jobs` at once); one result dict per case, in case order."""
    ctx = mp.get_context("fork")
    pending = deque(cases)
    running: dict[Connection, tuple[Any, Case, float, str]] = {}
    results: dict[int, dict[str, Any]] = {}
    cached: dict[int, bool] = {}

    def finish(case: Case, status: str, data: dict[str, Any], parse_s: float | None = None) -> None:
        results[case.seed] = {"status": status, "parse_seconds": parse_s, **data}
        if progress and len(results) % 10 == 0:
            print(f"  … {len(results)}/{len(cases)} looks", file=sys.stderr, flush=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the finally below runs
    try:
        while pending or running:
            while pending and len(running) < jobs:
                case = pending.popleft()
                parent, child = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(case, cache_dir, child), daemon=True)
                proc.start()
                child.close()
                running[parent] = (proc, case, time.monotonic() + render_timeout, "render")
            for conn in wait(list(running), timeout=1.0):
                proc, case, deadline, phase = running[conn]
                try:
                    msg = conn.recv()
                except (EOFError, OSError):
                    proc.join(1)
                    status = "render_error" if phase == "render" else "parse_error"
                    finish(case, status, _zero(case, f"process died in {phase} (exit {proc.exitcode})"))
                    del running[conn]
                    continue
                if msg[0] == "rendered":
                    running[conn] = (proc, case, time.monotonic() + parse_timeout, "parse")
                    cached[case.seed] = msg[1]
                    continue
                if msg[0] == "render_error":
                    finish(case, "render_error", {**_zero(case, msg[1]), "trace": msg[2]})
                else:
                    finish(case, msg[0], msg[1], msg[2])
                proc.join(5)
                del running[conn]
            now = time.monotonic()
            for conn, (proc, case, deadline, phase) in list(running.items()):
                if now > deadline:
                    _kill(proc)
                    limit = render_timeout if phase == "render" else parse_timeout
                    finish(case, f"{phase}_timeout", _zero(case, f"{phase} took over {limit:g} s"))
                    del running[conn]
    finally:  # interrupted: leave no renderer behind
        for proc, *_ in running.values():
            _kill(proc)
    return [{**results[case.seed], "cached": cached.get(case.seed)} for case in cases]


def skipped_reason(case: Case) -> str | None:
    """Why a case cannot run here (its producer is missing), or None."""
    return missing(case.look.writer)
