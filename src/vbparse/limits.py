"""Bounds on the work one document may cost, so one bad file cannot hold a batch."""

from __future__ import annotations

from dataclasses import dataclass

GIB = 1024**3


@dataclass(frozen=True)
class Limits:
    max_pages: int = 2000
    """Pages beyond this raise LimitExceededError (None-like: use a large number)."""
    timeout_s: float | None = 300.0
    """Wall-clock seconds for one document; enforced where parsing runs in a child
    process (vbparse.isolation.parse_isolated). None: no limit."""
    max_file_bytes: int = 512 * 1024 * 1024
    """Input files larger than this are refused before reading."""
    max_stream_bytes: int = 256 * 1024 * 1024
    """A single inflated PDF stream larger than this is treated as a decompression bomb."""
    max_inflated_bytes: int = GIB
    """All inflated streams of one document together; pdfminer keeps them in memory."""
    max_memory_bytes: int | None = 4 * GIB
    """Address space of the child process in parse_isolated (Linux RLIMIT_AS). None: no limit."""


DEFAULT_LIMITS = Limits()
