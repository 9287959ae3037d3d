"""Parse speed against the floor, and memory/time on a long report. Not a test.

Floor: pdfplumber extracting words (with the font attributes vbparse uses) from every
page of the same PDF, in the same process. The figure that matters is the ratio.

    python benchmarks/parse_speed.py [--repeat 3] [--long-pages 300]
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber

import vbparse
from vbparse.reading import WORD_ATTRS

ROOT = Path(__file__).resolve().parents[1]


def floor(path: Path) -> float:
    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(extra_attrs=WORD_ATTRS)
            page.close()
    return time.perf_counter() - t


def parse_time(path: Path) -> float:
    """vbparse.parse as users call it (bounded: a child process on Linux)."""
    t = time.perf_counter()
    vbparse.parse(path)
    return time.perf_counter() - t


def in_process_time(path: Path) -> float:
    """The same parse in this process (cooperative bounds only)."""
    t = time.perf_counter()
    vbparse.parse(path, limits=vbparse.Limits(isolate=False))
    return time.perf_counter() - t


def best(fn, path: Path, repeat: int) -> float:
    return min(fn(path) for _ in range(repeat))


def concatenated(pages: int, out: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    sources = sorted((ROOT / "fixtures" / "pdf").glob("seed000-*.pdf"))
    n = 0
    while n < pages:
        for src in sources:
            for page in PdfReader(src).pages:
                if n >= pages:
                    break
                writer.add_page(page)
                n += 1
    buf = io.BytesIO()
    writer.write(buf)
    out.write_bytes(buf.getvalue())
    return out


def child_run(path: str) -> None:
    """Run in a fresh process so peak RSS belongs to this parse alone (the parse's own
    child process included)."""
    t = time.perf_counter()
    report = vbparse.parse(path)
    dt = time.perf_counter() - t
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"{report.source.pages} {dt:.3f} {peak_mb:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--long-pages", type=int, default=300)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_run(args.child)
        return
    print(f"{'fixture':40} {'pages':>5} {'floor s':>8} {'parse s':>8} {'ratio':>6} {'in-proc s':>9} {'child/in':>8}")
    ratios, costs = [], []
    for pdf in sorted((ROOT / "fixtures" / "pdf").glob("seed*.pdf")):
        with pdfplumber.open(pdf) as doc:
            n = len(doc.pages)
        f = best(floor, pdf, args.repeat)
        p = best(parse_time, pdf, args.repeat)
        h = best(in_process_time, pdf, args.repeat)
        ratios.append(p / f)
        costs.append(p / h)
        print(f"{pdf.stem:40} {n:5d} {f:8.3f} {p:8.3f} {p / f:6.2f} {h:9.3f} {p / h:8.3f}")
    print(f"median ratio {sorted(ratios)[len(ratios) // 2]:.2f}, max {max(ratios):.2f}")
    print(f"bounded default (child process) / in-process: median {sorted(costs)[len(costs) // 2]:.3f}, "
          f"max {max(costs):.3f}")
    print("\nlong reports (fresh process each): pages, seconds, peak RSS MB, s/page")
    tmp = Path("/tmp/vbparse_bench")
    tmp.mkdir(exist_ok=True)
    for pages in (args.long_pages // 4, args.long_pages // 2, args.long_pages):
        path = concatenated(pages, tmp / f"long{pages}.pdf")
        out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True)
        if out.returncode:
            print(out.stderr[-500:])
            continue
        n, dt, mb = out.stdout.split()
        print(f"{int(n):5d} {float(dt):8.2f} {float(mb):8.0f} {float(dt) / int(n):8.3f}")


if __name__ == "__main__":
    main()
