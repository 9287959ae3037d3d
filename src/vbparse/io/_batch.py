"""Run one function over many items in an executor, bounded, in order, surviving bad items.

Kept apart from corpus.py so the scheduling (window, time limits, dead or hung process
pools) can be read and tested on its own.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

DIED = "the worker process died while working on this item (a crash, or out of memory)"


@dataclass(frozen=True)
class Lost:
    """An item that gave no result: `kind` is "timeout", "died" or "error"."""

    kind: str
    reason: str


@dataclass
class _Task:
    index: int
    future: Future[Any]
    tries: int
    started: float | None = None


def as_executor(obj: Any) -> Executor:
    """The executor to submit to: an Executor as it is, a Dask Client through its get_executor().

    People pass a `dask.distributed.Client` directly; its own futures are not
    concurrent.futures ones, so it is turned into the executor it offers. Anything else
    is refused at once, saying what to pass.
    """
    if isinstance(obj, Executor):
        return obj
    get = getattr(obj, "get_executor", None)
    if callable(get):
        executor = get()
        if isinstance(executor, Executor):
            return executor
    raise TypeError(
        f"executor must be a concurrent.futures.Executor (or a dask.distributed Client), "
        f"not {type(obj).__name__}; for Dask pass the Client or client.get_executor()"
    )


def _as_future(fut: Any) -> Future[Any]:
    """A concurrent.futures.Future for an executor's future of another kind (completed through its callback)."""
    if isinstance(fut, Future):
        return fut
    out: Future[Any] = Future()
    out.set_running_or_notify_cancel()

    def done(f: Any) -> None:
        try:
            out.set_result(f.result())
        except BaseException as exc:  # the task's own error, passed on as the result
            out.set_exception(exc)

    fut.add_done_callback(done)
    return out


class BoundedRunner:
    """Keeps at most `window` futures in flight; results by input index.

    With its own process pool (executor=None; `new_pool(workers)` makes it) it also
    replaces the pool when a worker dies (a crash, the OOM killer) or hangs past the time
    limit, resubmitting innocent work: after a crash the suspects run again one at a
    time, so only the culprit fails.
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        items: Sequence[tuple[Any, ...]],
        *,
        executor: Executor | None,
        workers: int,
        timeout_s: float | None,
        grace_s: float = 0.0,
        on_done: Callable[[], None] | None = None,
        new_pool: Callable[[int], ProcessPoolExecutor] = ProcessPoolExecutor,
    ) -> None:
        self.fn, self.items, self.workers = fn, items, max(1, workers)
        self.limit = None if timeout_s is None else timeout_s + grace_s
        self.timeout_s = timeout_s
        self.on_done = on_done
        self.own = executor is None
        self.new_pool = new_pool
        self.executor: Executor = executor or new_pool(self.workers)
        self.results: list[Any] = [None] * len(items)
        self.todo: deque[int] = deque(range(len(items)))
        self.suspects: deque[int] = deque()
        self.completed = 0  # tasks that came back from a worker (result or error)
        self.dead_starts = 0  # pool breaks before any task came back

    def run(self) -> list[Any]:
        window = 2 * self.workers
        flight: list[_Task] = []
        try:
            while True:
                if self.suspects:  # isolate suspects of a crash: one at a time, nothing beside
                    if not flight:
                        flight.append(self._submit(self.suspects.popleft(), tries=2))
                else:
                    while self.todo and len(flight) < window:
                        flight.append(self._submit(self.todo.popleft(), tries=1))
                if not flight:
                    return self.results
                flight = self._step(flight)
        finally:
            if self.own:
                self._shutdown(kill=any(not t.future.done() for t in flight))

    def _submit(self, index: int, tries: int) -> _Task:
        return _Task(index, _as_future(self.executor.submit(self.fn, *self.items[index])), tries)

    def _finish(self, task: _Task, result: Any) -> None:
        self.results[task.index] = result
        if self.on_done is not None:
            self.on_done()

    def _step(self, flight: list[_Task]) -> list[_Task]:
        """Wait for some progress; record what finished; return what is still in flight."""
        now = time.monotonic()
        for task in flight[: self.workers]:  # FIFO executors: these are (about to be) running
            task.started = task.started or now
        deadlines = [t.started + self.limit for t in flight if t.started is not None and self.limit]
        wait_s = max(0.0, min(deadlines) - now) if deadlines else None
        wait([t.future for t in flight], timeout=wait_s, return_when=FIRST_COMPLETED)
        now = time.monotonic()
        still: list[_Task] = []
        died: list[_Task] = []
        hung = False
        for task in flight:
            fut = task.future
            if fut.cancelled():  # by someone else, e.g. a foreign executor shutting down
                self._finish(task, Lost("error", "the task was cancelled"))
            elif fut.done() and isinstance(fut.exception(), BrokenProcessPool):
                died.append(task)
            elif fut.done():
                exc = fut.exception()
                self._finish(task, Lost("error", f"{type(exc).__name__}: {exc}") if exc else fut.result())
                self.completed += 1
            elif self.limit is not None and task.started is not None and now - task.started >= self.limit:
                fut.cancel()
                self._finish(task, Lost("timeout", f"no result within {self.timeout_s:g} s"))
                hung = True
            else:
                still.append(task)
        if not (self.own and (died or hung)):
            for task in died:
                self._finish(task, Lost("died", DIED))
            return still
        if died and not self.completed:
            self.dead_starts += 1
            if self.dead_starts >= 3:  # workers that die before doing anything will always die
                self._give_up([*died, *still])
                return []
        # A broken pool takes no work and a hung worker holds its slot for good: replace
        # the pool. Crash victims become suspects (retried alone); a suspect that kills
        # the pool alone is the culprit. Work that was merely interrupted goes back in line.
        self._shutdown(kill=True)
        self.executor = self.new_pool(self.workers)
        for task in died:
            if task.tries >= 2:
                self._finish(task, Lost("died", DIED))
            else:
                self.suspects.append(task.index)
        self.todo.extendleft(t.index for t in reversed(still))
        return []

    def _give_up(self, flight: list[_Task]) -> None:
        """Fail everything left: the pool cannot start working processes."""
        reason = (
            "worker processes die as they start; in a script, call parse_many under "
            '`if __name__ == "__main__":` (multiprocessing re-imports the script in each worker)'
        )
        left = [t.index for t in flight] + list(self.suspects) + list(self.todo)
        self.suspects.clear()
        self.todo.clear()
        for index in left:
            self.results[index] = Lost("died", reason)
            if self.on_done is not None:
                self.on_done()

    def _shutdown(self, kill: bool) -> None:
        """Shut our own pool down; kill its processes when a task may hang forever."""
        pool = self.executor
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=not kill, cancel_futures=True)
        if kill:
            for proc in procs:
                with contextlib.suppress(Exception):
                    proc.kill()
                    proc.join(5)
