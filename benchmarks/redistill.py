"""Producers nobody tuned for: the look space's PDFs rewritten by other PDF writers.

    python benchmarks/redistill.py [--n 100] [--seed-offset 0] [--via gs,cairo] [--jobs 2] [--json OUT]

Real reports often reach us through a second writer (print to PDF, a distiller, a PDF
editor): the page looks the same, but its text runs, fonts, spacing and how rules and
fills are drawn are the second writer's. So the truth of a look still holds for its
rewritten PDF, and the difference in accuracy between the producer's PDF and the
rewritten one measures what the reader took from the first producer's habits.

Writers (each optional; a missing one is reported and skipped):
    gs     Ghostscript pdfwrite (fonts re-embedded, text re-encoded, paths re-written)
    cairo  poppler's pdftocairo -pdf (every page redrawn through cairo)
    mupdf  MuPDF's `mutool convert -F pdf` (pages redrawn through MuPDF's PDF device; not by
           default: on LibreOffice's PDFs its output has no usable text layer even for poppler)

The looks' PDFs come from the generalization benchmark's render cache (rendered when
missing, which needs the producers: scripts/setup-producers.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_runner import ROOT, Case, render_cached, score, skipped_reason

from fixtures.render.build import page_count

CACHE = ROOT / "benchmarks" / ".cache" / "generalization"
CATEGORIES = ("meta", "sections", "goals", "indicators", "activities", "complaints")
WRITERS: dict[str, tuple[str, list[str]]] = {
    "gs": ("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-sOutputFile={out}", "{src}"]),
    "cairo": ("pdftocairo", ["-pdf", "{src}", "{out}"]),
    "mupdf": ("mutool", ["convert", "-F", "pdf", "-o", "{out}", "{src}"]),
}


def rewrite(via: str, pdf: Path, out: Path, timeout: float = 120) -> None:
    prog, args = WRITERS[via]
    cmd = [prog, *(a.format(src=pdf, out=out) for a in args)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)


def one(seed: int, vias: list[str]) -> dict[str, Any]:
    """Score one look as its producer made it and as every writer rewrote it."""
    import vbparse

    case = Case.of(seed)
    if reason := skipped_reason(case):
        return {"seed": seed, "skip": reason}
    pdf, _cached = render_cached(case, CACHE)
    path = case.cached_pdf(CACHE)
    truth = {**case.truth, "source": {**case.truth["source"], "pages": page_count(pdf)}}
    row: dict[str, Any] = {"seed": seed, "look": case.look.name, "writer": case.look.writer, "scores": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for via in ["original", *vias]:
            target = path if via == "original" else Path(tmp) / f"{via}.pdf"
            try:
                if via != "original":
                    rewrite(via, path, target)
                got = vbparse.parse(target).to_dict()
                res = score(truth, got)
            except Exception as exc:  # a rewrite or parse failure scores 0 and is listed
                res = score(truth, {})
                res.update(right=0, cat_right={}, error=f"{type(exc).__name__}: {exc}".splitlines()[0][:200])
            res["misses"] = res["misses"][:20]
            row["scores"][via] = res
    return row


def _pct(r: int, t: int) -> str:
    return f"{100 * r / t:5.1f} %" if t else "   – "


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100, help="looks (default 100)")
    ap.add_argument("--seed-offset", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--via", default="gs,cairo", help="writers to rewrite with: gs, cairo, mupdf (default gs,cairo)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write per-look results here")
    args = ap.parse_args(argv)
    vias = []
    for via in args.via.split(","):
        if via not in WRITERS:
            ap.error(f"unknown writer {via!r} (known: {', '.join(WRITERS)})")
        if shutil.which(WRITERS[via][0]) is None:
            print(f"!!! {via}: {WRITERS[via][0]} not installed, skipped (apt: ghostscript, poppler-utils, mupdf-tools)")
        else:
            vias.append(via)
    seeds = range(args.seed_offset, args.seed_offset + args.n)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(one, seeds, [vias] * len(seeds)))
    skipped = [r for r in rows if "skip" in r]
    rows = [r for r in rows if "skip" not in r]
    if skipped:
        print(f"!!! {len(skipped)} looks skipped: " + ", ".join(sorted({r["skip"] for r in skipped})))
    print(f"seeds {seeds[0]}..{seeds[-1]}: {len(rows)} looks")
    print(f"{'':>10} {'overall':>8}  " + "  ".join(f"{c[:10]:>10}" for c in CATEGORIES) + "   looks < 97 %")
    for via in ["original", *vias]:
        right = sum(r["scores"][via]["right"] for r in rows)
        total = sum(r["scores"][via]["total"] for r in rows)
        cr: Counter[str] = Counter()
        ct: Counter[str] = Counter()
        for r in rows:
            cr.update(r["scores"][via]["cat_right"])
            ct.update(r["scores"][via]["cat_total"])
        low = sum(
            1
            for r in rows
            if r["scores"][via]["total"] and r["scores"][via]["right"] / r["scores"][via]["total"] < 0.97
        )
        print(
            f"{via:>10} {_pct(right, total):>8}  "
            + "  ".join(f"{_pct(cr[c], ct[c]):>10}" for c in CATEGORIES)
            + f"   {low}"
        )
    for via in vias:
        drops = sorted(
            (
                (
                    r["scores"][via]["right"] / max(1, r["scores"][via]["total"])
                    - r["scores"]["original"]["right"] / max(1, r["scores"]["original"]["total"])
                ),
                r["seed"],
                r["writer"],
            )
            for r in rows
        )
        worse = [d for d in drops if d[0] < -1e-9]
        print(
            f"{via}: {len(worse)} looks read worse than their producer's PDF; worst: "
            + ", ".join(f"{s} ({w}) {100 * d:+.1f}" for d, s, w in worse[:6])
        )
        errors = [r for r in rows if r["scores"][via].get("error")]
        for r in errors[:5]:
            print(f"  !!! {r['seed']}: {r['scores'][via]['error']}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"per-look results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
