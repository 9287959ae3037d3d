"""Bounds on the work one document may cost, so one bad file cannot hold a batch."""

from __future__ import annotations

from dataclasses import dataclass

GIB = 1024**3


@dataclass(frozen=True)
class Limits:
    """What one document may cost. `parse` enforces all of these by default."""

    max_pages: int = 2000
    """Pages beyond this raise LimitExceededError (None-like: use a large number)."""
    timeout_s: float | None = 60.0
    """Wall-clock seconds for one document. In a child process (isolate) the child is
    killed when it runs out; in-process the reader checks the deadline every few thousand
    tokens, references and pages. None: no limit."""
    max_file_bytes: int = 512 * 1024 * 1024
    """Input files larger than this are refused before reading."""
    max_stream_bytes: int = 256 * 1024 * 1024
    """A single inflated PDF stream larger than this is treated as a decompression bomb."""
    max_inflated_bytes: int = GIB
    """All inflated streams of one document together; pdfminer keeps them in memory."""
    max_memory_bytes: int | None = 2 * GIB
    """Memory one parse may take on top of the process it starts from (Linux RLIMIT_AS
    on the child process, or on a parse_many worker). None: no limit."""
    max_ref_chain: int = 32
    """Longest chain of PDF references (`1 0 R` -> `2 0 R` -> ...) followed; a loop is longer."""
    max_range: int = 65536
    """Codes one CMap bfrange/cidrange or one CID font /W range may cover; longer ones are cut."""
    isolate: bool | None = None
    """Run `parse` in a forked child process (hard time and memory bounds; the fork costs
    ~5 ms). None: yes on Linux, no elsewhere (spawn costs ~1 s per call). False: in this
    process, bounded cooperatively (deadline checks, caps, MemoryError)."""


DEFAULT_LIMITS = Limits()
