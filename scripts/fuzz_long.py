"""Long fuzz run: many mutated PDFs through vbparse.parse in parallel worker processes.

    PYTHONPATH=src python3 scripts/fuzz_long.py -n 10000 [--workers 4] [--bound 10] [--seed 1]
    PYTHONPATH=src python3 scripts/fuzz_long.py --seconds 1800      # as many as fit in 30 min

Uses the mutation engine of tests/test_fuzz.py on an extended corpus: the test's seeds,
the hostile inputs of tests/hostile.py (reference loops, huge ranges, floods; the NUL
flood at 2 MB) and a report with turned pages. Each worker bounds one input with
SIGALRM (`--bound` seconds: a "hang"); an input that does not come back within
2×bound+5 s (stuck in C code) has its worker killed and counts as a hard hang. Prints
inputs tried, outcomes, crashes (exceptions other than VbparseError) by type, hangs and
the slowest input, and writes each crashing or hanging input to --out (default out/fuzz)
for reproduction: `vbparse.parse(open(path, "rb").read())`.
"""

from __future__ import annotations

import argparse
import collections
import logging
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT)]

import hostile  # noqa: E402  (after the path set-up above)
import test_fuzz  # noqa: E402

EXTRA = {"nul_flood": lambda: hostile.nul_flood(2), "many_pages": lambda: hostile.many_pages(300, 200)}
"""Hostile inputs at a size that keeps a case quick (the full ones are in the tests)."""


def corpus() -> tuple[bytes, ...]:
    """The extended corpus: fuzz seeds, every hostile input, a report with turned pages."""
    pool = list(test_fuzz.seeds())
    pool += [EXTRA.get(name, build)() for name, build in hostile.BUILDERS.items()]
    pool.append(hostile.rotated(pool[0], [0, 90, 180, 270] * 50))
    return tuple(pool)


Case = tuple[int, list[test_fuzz.Op]]


def _worker(conn: Connection, bound: float) -> None:
    """Runs in a child: receive cases, send back (kind, detail, seconds) until None."""
    logging.disable(logging.CRITICAL)
    pool = corpus()
    while (case := conn.recv()) is not None:
        seed, ops = case
        o = test_fuzz.run_one(test_fuzz.apply_ops(pool[seed], ops), bound)
        conn.send((o.kind, o.detail, o.seconds))


class Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext, bound: float) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, bound), daemon=True)
        self.proc.start()
        child.close()
        self.case: Case | None = None
        self.sent = 0.0

    def send(self, case: Case) -> None:
        self.case, self.sent = case, time.monotonic()
        self.conn.send(case)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def _cases(n: int | None, seed: int, n_seeds: int) -> Iterator[Case]:
    """n cases (None: without end); every seed once unmutated first."""
    rng = random.Random(seed)
    made = 0
    while n is None or made < n:
        if made < n_seeds:
            yield made, []
        else:
            yield rng.randrange(n_seeds), [test_fuzz.draw_op(rng.randint) for _ in range(rng.randint(1, 3))]
        made += 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=None, help="inputs to try (default 10000, or no end with --seconds)")
    ap.add_argument("--seconds", type=float, default=None, help="stop starting new inputs after this long")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--bound", type=float, default=test_fuzz.TIME_BOUND_S, help="seconds per input")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "fuzz")
    args = ap.parse_args()

    pool = corpus()
    if args.n is None and args.seconds is None:
        args.n = 10_000
    cases = _cases(args.n, args.seed, len(pool))
    stop_at = None if args.seconds is None else time.monotonic() + args.seconds

    def next_case() -> Case | None:
        if stop_at is not None and time.monotonic() >= stop_at:
            return None
        return next(cases, None)

    ctx = multiprocessing.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
    workers = [Worker(ctx, args.bound) for _ in range(args.workers)]
    kinds: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    crashes: collections.Counter[str] = collections.Counter()
    bad: list[tuple[str, str, Case]] = []
    slowest: tuple[float, Case | None] = (0.0, None)
    done, started = 0, time.monotonic()

    def record(kind: str, detail: str, seconds: float, case: Case) -> None:
        nonlocal done, slowest
        done += 1
        kinds[kind] += 1
        if kind == "error":
            errors[detail] += 1
        if kind == "crash":
            crashes[detail.split(":")[0]] += 1
        if kind in ("crash", "hang", "hard-hang"):
            bad.append((kind, detail, case))
        if seconds > slowest[0]:
            slowest = (seconds, case)
        if done % 500 == 0:
            rate = done / (time.monotonic() - started)
            print(f"  {done}/{args.n or '…'}  {dict(kinds)}  {rate:.1f}/s", flush=True)

    for w in workers:
        if (case := next_case()) is not None:
            w.send(case)
    while any(w.case is not None for w in workers):
        busy = [w for w in workers if w.case is not None]
        for conn in wait([w.conn for w in busy], timeout=1.0):
            w = next(w for w in busy if w.conn is conn)
            case = w.case
            assert case is not None
            try:
                kind, detail, seconds = conn.recv()
            except EOFError:  # the worker died (a crash in C code)
                kind, detail, seconds = "crash", f"worker died (exit {w.proc.exitcode})", 0.0
                workers[workers.index(w)] = w = Worker(ctx, args.bound)
            record(kind, detail, seconds, case)
            w.case = None
            if (case := next_case()) is not None:
                w.send(case)
        for i, w in enumerate(workers):
            if w.case is not None and time.monotonic() - w.sent > 2 * args.bound + 5:
                case = w.case
                w.kill()
                record("hard-hang", "did not return (stuck outside Python)", time.monotonic() - w.sent, case)
                workers[i] = Worker(ctx, args.bound)
                if (case := next_case()) is not None:
                    workers[i].send(case)
    for w in workers:
        w.conn.send(None)
        w.proc.join(5)

    if bad:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, (kind, detail, (seed, ops)) in enumerate(bad):
            data = test_fuzz.apply_ops(pool[seed], ops)
            (args.out / f"{kind}-{i:04d}.pdf").write_bytes(data)
            (args.out / f"{kind}-{i:04d}.txt").write_text(f"{detail}\nseed {seed}\nops {ops}\n")
    elapsed = time.monotonic() - started
    print(f"\ncorpus:         {len(pool)} inputs (fuzz seeds, tests/hostile.py, turned pages)")
    print(f"inputs tried:   {done} in {elapsed:.0f} s ({done / elapsed:.1f}/s, {args.workers} workers)")
    print(f"reports:        {kinds['report']}")
    print(f"typed errors:   {kinds['error']}  {dict(errors.most_common())}")
    print(f"crashes:        {kinds['crash']}  {dict(crashes.most_common())}")
    print(f"hangs (> {args.bound:g} s): {kinds['hang'] + kinds['hard-hang']}  (hard: {kinds['hard-hang']})")
    print(f"slowest input:  {slowest[0]:.2f} s  (seed {slowest[1][0] if slowest[1] else '-'})")
    if bad:
        print(f"crashing/hanging inputs written to {args.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
