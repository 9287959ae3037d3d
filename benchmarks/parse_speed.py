"""Parse speed against the floor, and memory/time on a long report. Not a test.

Floor: pdfplumber extracting words (with the font attributes vbparse uses) from every
page of the same PDF, in the same process. The figures that matter are the ratios:
vbparse with the pdfium reader (the default) and with the pdfplumber reader, each over
the floor. The three are timed interleaved (floor, pdfium, pdfplumber, again ...) and
the minimum of the repeats is kept, so load from other processes hits all alike.

    python benchmarks/parse_speed.py [--repeat 3] [--long-pages 300] [--reader pdfium]
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

import pdfplumber

import vbparse

ROOT = Path(__file__).resolve().parents[1]
FLOOR_ATTRS = ["fontname", "size"]
"""The floor splits words where the font or size changes, as our readers do (they key the
font without its subset tag, a char attribute pdfplumber's own extraction does not have)."""


def floor(path: Path) -> float:
    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(extra_attrs=FLOOR_ATTRS)
            page.close()
    return time.perf_counter() - t


def parse_time(path: Path, reader: str = "auto", isolate: bool | None = None) -> float:
    """vbparse.parse as users call it (bounded: a child process on Linux), or in this process."""
    limits = None if isolate is None else vbparse.Limits(isolate=isolate)
    t = time.perf_counter()
    vbparse.parse(path, reader=reader, limits=limits)
    return time.perf_counter() - t


def interleaved(path: Path, repeat: int) -> tuple[float, float, float, float]:
    """Min over repeats of (floor, pdfium parse, pdfplumber parse, pdfium in-process), timed in turn."""
    runs = [
        (
            floor(path),
            parse_time(path, "pdfium"),
            parse_time(path, "pdfplumber"),
            parse_time(path, "pdfium", isolate=False),
        )
        for _ in range(repeat)
    ]
    return tuple(min(r[i] for r in runs) for i in range(4))  # type: ignore[return-value]


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


def child_run(path: str, reader: str) -> None:
    """Run in a fresh process so peak RSS belongs to this parse alone (the parse's own
    child process included)."""
    t = time.perf_counter()
    report = vbparse.parse(path, reader=reader)
    dt = time.perf_counter() - t
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"{report.source.pages} {dt:.3f} {peak_mb:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--long-pages", type=int, default=300)
    ap.add_argument("--reader", default="pdfium", help="reader for the long-report runs (default pdfium)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_run(args.child, args.reader)
        return
    print(
        f"{'fixture':34} {'pages':>5} {'floor s':>8} {'pdfium s':>8} {'ratio':>6} {'plumber s':>9} {'ratio':>6}"
        f" {'in-proc s':>9} {'child/in':>8}"
    )
    fast, slow, costs = [], [], []
    pdfs = [*sorted((ROOT / "fixtures" / "pdf").glob("*.pdf")), *sorted((ROOT / "fixtures" / "samples").glob("*.pdf"))]
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            n = len(doc.pages)
        f, p, q, h = interleaved(pdf, args.repeat)
        fast.append(p / f)
        slow.append(q / f)
        costs.append(p / h)
        print(f"{pdf.stem:34} {n:5d} {f:8.3f} {p:8.3f} {p / f:6.2f} {q:9.3f} {q / f:6.2f} {h:9.3f} {p / h:8.3f}")
    print(f"pdfium reader:     median ratio {median(fast):.3f}, max {max(fast):.3f}")
    print(f"pdfplumber reader: median ratio {median(slow):.3f}, max {max(slow):.3f}")
    print(f"bounded default (child process) / in-process, pdfium: median {median(costs):.3f}, max {max(costs):.3f}")
    print(f"\nlong reports, {args.reader} reader (fresh process each): pages, seconds, peak RSS MB, s/page")
    tmp = Path("/tmp/vbparse_bench")
    tmp.mkdir(exist_ok=True)
    for pages in (args.long_pages // 4, args.long_pages // 2, args.long_pages):
        path = concatenated(pages, tmp / f"long{pages}.pdf")
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), "--reader", args.reader], capture_output=True, text=True
        )
        if out.returncode:
            print(out.stderr[-500:])
            continue
        n, dt, mb = out.stdout.split()
        print(f"{int(n):5d} {float(dt):8.2f} {float(mb):8.0f} {float(dt) / int(n):8.3f}")


if __name__ == "__main__":
    main()
