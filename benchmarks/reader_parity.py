"""Word-level parity of the pdfium reader against pdfplumber (the reference). Not a test.

For every page of every PDF given (default: fixtures/pdf/*.pdf and fixtures/samples/*.pdf) both readers' words,
rules and icons are matched and the mismatches printed by kind:
  missing / extra   a word only one reader has (text and position)
  text              same place, different text
  edge              same word, an edge more than --tol pt off (the largest offset shown)
  size / bold       same word, different rounded size or weight
  rules / icons     different counts of ruling lines or icon boxes on a page

    python benchmarks/reader_parity.py [PDF ...] [--tol 0.1] [--show 5]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

import pdfplumber

from vbparse.pdf import read_pdfium
from vbparse.pdf.descents import font_descents
from vbparse.pdf.reading import PageData, Word, read_pages

ROOT = Path(__file__).resolve().parents[1]


def _key(w: Word) -> tuple[str, int, int]:
    return (w.text, round(w.x0), round(w.top))


def compare(ref: list[PageData], new: list[PageData], tol: float) -> dict[str, list[str]]:
    """Mismatches by kind, each as one printable line."""
    out: dict[str, list[str]] = defaultdict(list)
    if len(ref) != len(new):
        out["pages"].append(f"{len(ref)} pages vs {len(new)}")
    for a, b in zip(ref, new, strict=False):
        pool = defaultdict(list)
        for w in b.words:
            pool[w.text].append(w)
        for w in a.words:
            cands = pool.get(w.text) or []
            best = min(cands, key=lambda c: abs(c.x0 - w.x0) + abs(c.top - w.top), default=None)
            if best is None or abs(best.x0 - w.x0) + abs(best.top - w.top) > 6:
                out["missing"].append(f"p{a.number} {w.text!r} at x={w.x0:.1f} top={w.top:.1f}")
                continue
            cands.remove(best)
            off = max(abs(best.x0 - w.x0), abs(best.x1 - w.x1), abs(best.top - w.top), abs(best.bottom - w.bottom))
            if off > tol:
                out["edge"].append(
                    f"p{a.number} {w.text!r} off by {off:.2f} pt "
                    f"(x0 {best.x0 - w.x0:+.2f} x1 {best.x1 - w.x1:+.2f} "
                    f"top {best.top - w.top:+.2f} bottom {best.bottom - w.bottom:+.2f})"
                )
            if best.size != w.size:
                out["size"].append(f"p{a.number} {w.text!r} {w.size} vs {best.size}")
            if best.bold != w.bold:
                out["bold"].append(f"p{a.number} {w.text!r} bold {w.bold} vs {best.bold}")
        for rest in pool.values():
            for w in rest:
                out["extra"].append(f"p{b.number} {w.text!r} at x={w.x0:.1f} top={w.top:.1f}")
        for kind in ("hrules", "vrules", "icons"):
            ra, rb = getattr(a, kind), getattr(b, kind)
            if len(ra) != len(rb):
                out[kind].append(f"p{a.number} {len(ra)} vs {len(rb)}")
        if a.images != b.images:
            out["images"].append(f"p{a.number} {a.images} vs {b.images}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--tol", type=float, default=0.1, help="edge tolerance in points")
    ap.add_argument("--show", type=int, default=5, help="examples per kind and file")
    args = ap.parse_args()
    pdfs = args.pdfs or [
        *sorted((ROOT / "fixtures" / "pdf").glob("*.pdf")),
        *sorted((ROOT / "fixtures" / "samples").glob("*.pdf")),
    ]
    totals: Counter[str] = Counter()
    n_words = 0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            ref = read_pages(doc)
            descents = font_descents(doc)
        new = read_pdfium.read_pages(pdf.read_bytes(), descents)
        n_words += sum(len(p.words) for p in ref)
        found = compare(ref, new, args.tol)
        print(
            f"{pdf.name}: {sum(len(p.words) for p in ref)} words, "
            + (", ".join(f"{k} {len(v)}" for k, v in sorted(found.items())) or "identical")
        )
        for kind, lines in sorted(found.items()):
            totals[kind] += len(lines)
            for line in lines[: args.show]:
                print(f"    {kind:8} {line}")
    print(
        f"\n{len(pdfs)} files, {n_words} reference words; mismatches by kind: "
        + (", ".join(f"{k} {v}" for k, v in sorted(totals.items())) or "none")
    )


if __name__ == "__main__":
    main()
