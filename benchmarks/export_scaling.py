#!/usr/bin/env python3
"""How `vbparse export` scales: N copies of the fixture PDFs with 1 worker, then with 2.

    python3 benchmarks/export_scaling.py [--copies 100] [--workers 2] [--format csv]

Prints both wall times and the speed-up (target: at least 1.7x with 2 workers on 2 free
cores). Not a test: the figure depends on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vbparse.io.cli import main as vbparse_main  # noqa: E402


def make_copies(src: list[Path], n: int, folder: Path) -> None:
    """n files cycling through src, as distinct names (hard links where the filesystem allows)."""
    for i in range(n):
        pdf = src[i % len(src)]
        dst = folder / f"{i:04d}-{pdf.name}"
        try:
            os.link(pdf, dst)
        except OSError:
            shutil.copy(pdf, dst)


def timed_export(folder: Path, out: Path, workers: int, fmt: str) -> float:
    start = time.perf_counter()
    status = vbparse_main(
        ["export", str(folder), "--out", str(out), "--workers", str(workers), "--format", fmt, "--quiet"]
    )
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"export failed with status {status}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100, help="number of PDFs to export (default 100)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel run (default 2)")
    parser.add_argument("--format", default="csv", help="export format (default csv)")
    parser.add_argument("--pdfs", type=Path, default=ROOT / "fixtures" / "pdf", help="folder of source PDFs")
    args = parser.parse_args()
    src = sorted(args.pdfs.glob("*.pdf"))
    if not src:
        raise SystemExit(f"no PDFs in {args.pdfs}")
    print(f"{os.cpu_count()} CPUs; {args.copies} copies of {len(src)} fixture PDFs; format {args.format}")
    if hasattr(os, "getloadavg"):  # other work on the machine makes the ratio meaningless
        print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="vbparse-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_copies(src, args.copies, folder)
        one = timed_export(folder, Path(tmp) / "out1", 1, args.format)
        print(f"1 worker:  {one:7.1f} s  ({args.copies / one:.2f} files/s)")
        many = timed_export(folder, Path(tmp) / f"out{args.workers}", args.workers, args.format)
        print(f"{args.workers} workers: {many:7.1f} s  ({args.copies / many:.2f} files/s)")
    ratio = one / many
    print(f"speed-up: {ratio:.2f}x (target >= 1.7x for 2 workers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
