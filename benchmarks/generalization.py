"""How well vbparse reads report layouts it was not built against: the look-space benchmark.

    python benchmarks/generalization.py [--n 200] [--seed-offset 100000] [--jobs 2] [--json OUT]
    python benchmarks/generalization.py --look SEED       # render and parse one look again, list its misses

N looks are sampled (fixtures/render/sampler.py: every layout dimension drawn
independently, over the seed truths and varied random reports), rendered by their
producer (cached under benchmarks/.cache/), parsed in a child process with a time limit,
and scored field by field with the fixtures' scorer (tests/accuracy.py). Two blocks are
run, seeds 0..N-1 and a fresh block from --seed-offset, so tuning to particular samples
shows as a gap between them. A look whose producer is not installed is skipped,
counted, and makes the run exit 2 (--allow-missing accepts it); a parse error or
time-out scores 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_runner import ROOT, Case, render_cached, run, score, skipped_reason

from fixtures.as_read import as_read
from fixtures.render.build import page_count
from fixtures.render.sampler import DIMENSIONS, look_to_dict

CACHE = ROOT / "benchmarks" / ".cache" / "generalization"
CATEGORIES = ("meta", "sections", "goals", "indicators", "activities", "complaints")
SCORED = ("ok", "parse_error", "parse_timeout")


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f} %" if total else "   – "


def summarize(cases: list[Case], results: list[dict[str, Any]], keep_misses: int = 0) -> dict[str, Any]:
    """Figures of one block: overall, per category, per producer, per dimension value, worst looks."""
    rows = []
    for case, res in zip(cases, results, strict=True):
        rows.append(
            {
                "seed": case.seed,
                "look": case.look.name,
                "content": case.content_name,
                "writer": case.look.writer,
                "dims": case.dims,
                **{k: v for k, v in res.items() if k not in ("misses", "trace")},
                "accuracy": res["right"] / res["total"] if res.get("total") else None,
                **({"misses": res.get("misses", [])[:keep_misses]} if keep_misses else {}),
            }
        )
    scored = [r for r in rows if r["status"] in SCORED]
    status = Counter(r["status"] for r in rows)
    cat_r: Counter[str] = Counter()
    cat_t: Counter[str] = Counter()
    for r in scored:
        cat_r.update(r["cat_right"])
        cat_t.update(r["cat_total"])
    by_value: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for r in scored:
        for dim, value in r["dims"].items():
            cell = by_value[dim][str(value)]
            cell[0] += r["right"]
            cell[1] += r["total"]
            cell[2] += 1
    right, total = sum(r["right"] for r in scored), sum(r["total"] for r in scored)
    worst = sorted(scored, key=lambda r: r["accuracy"])[:10]
    return {
        "seeds": [cases[0].seed, cases[-1].seed] if cases else [],
        "looks": len(rows),
        "status": dict(status),
        "skipped": {r["look"]: r["skip"] for r in rows if r["status"] == "skipped"},
        "overall": right / total if total else None,
        "overall_interval": resampled_interval([(r["right"], r["total"]) for r in scored]),
        "fields": total,
        "mean_per_look": sum(r["accuracy"] for r in scored) / len(scored) if scored else None,
        "categories": {c: cat_r[c] / cat_t[c] if cat_t[c] else None for c in CATEGORIES},
        "dimensions": {
            dim: {v: {"accuracy": c[0] / c[1] if c[1] else None, "looks": c[2]} for v, c in sorted(vals.items())}
            for dim, vals in by_value.items()
        },
        "worst": [{k: r[k] for k in ("seed", "look", "content", "writer", "accuracy", "status")} for r in worst],
        "doubt": doubt(scored),
        "per_look": rows,
    }


TABLE_CATEGORIES = ("indicators", "activities", "complaints")


def resampled_interval(looks: list[tuple[int, int]], n: int = 1000) -> list[float] | None:
    """The middle 95 % of the overall figure over the block's looks drawn again with
    replacement (a fixed seed, so a run repeats): how much of a gap between two blocks
    a few bad looks alone can make."""
    if not looks:
        return None
    rng = random.Random(0)
    figures = sorted(
        sum(r for r, _ in draw) / max(1, sum(t for _, t in draw))
        for draw in ([looks[rng.randrange(len(looks))] for _ in looks] for _ in range(n))
    )
    return [figures[int(0.025 * n)], figures[int(0.975 * n) - 1]]


def doubt(scored: list[dict[str, Any]]) -> dict[str, Any]:
    """Whether wrong table fields come with a word of doubt: the share of them in looks whose
    report carries a warning or a failed check, and how often a look read right carries one
    (a warning that cries wolf is no help either)."""
    wrong = [
        (sum(r["cat_total"].get(c, 0) - r["cat_right"].get(c, 0) for c in TABLE_CATEGORIES), bool(r.get("warnings")))
        for r in scored
    ]
    fields = sum(n for n, _ in wrong)
    clean = [said for n, said in wrong if n == 0]
    return {
        "wrong_fields": fields,
        "wrong_fields_warned": sum(n for n, said in wrong if said) / fields if fields else None,
        "wrong_looks": sum(1 for n, _ in wrong if n),
        "wrong_looks_warned": sum(1 for n, said in wrong if n and said),
        "clean_looks": len(clean),
        "clean_looks_warned": sum(clean),
    }


def print_block(title: str, s: dict[str, Any]) -> None:
    print(f"\n=== {title}: seeds {s['seeds'][0]}..{s['seeds'][-1]}, {s['looks']} looks ===")
    print("status: " + ", ".join(f"{k} {v}" for k, v in sorted(s["status"].items())))
    if s["skipped"]:
        why = Counter(s["skipped"].values())
        print(f"!!! SKIPPED {len(s['skipped'])} looks, not scored (install producers: scripts/setup-producers.sh):")
        for reason, n in why.most_common():
            print(f"!!!   {n} looks: {reason}")
    bad = [r for r in s["per_look"] if r["status"] in ("render_error", "render_timeout")]
    for r in bad:
        print(f"!!! render failed (not scored): {r['look']} ({r['writer']}): {r.get('error')}")
    if s["overall"] is None:
        print("nothing scored")
        return
    lo, hi = s["overall_interval"]
    print(
        f"overall: {100 * s['overall']:.1f} % of {s['fields']} fields (mean per look {100 * s['mean_per_look']:.1f} %;"
        f" 95 % of resamples of these looks: {100 * lo:.1f}–{100 * hi:.1f} %)"
    )
    cats = s["categories"].items()
    print("per category: " + "  ".join(f"{c} {100 * a:.1f} %" for c, a in cats if a is not None))
    dims = s["dimensions"]
    for dim in ["writer", *[d for d in DIMENSIONS if d != "writer"]]:
        vals = dims.get(dim, {})
        cells = [
            f"{v} {100 * c['accuracy']:.1f} % (n={c['looks']})" for v, c in vals.items() if c["accuracy"] is not None
        ]
        print(f"  {'producer' if dim == 'writer' else dim:>21}: " + " | ".join(cells))
    d = s.get("doubt")
    if d and d["wrong_fields"]:
        print(
            f"doubt: {100 * d['wrong_fields_warned']:.0f} % of {d['wrong_fields']} wrong table fields are in looks"
            f" whose report warns; {d['wrong_looks_warned']} of {d['wrong_looks']} looks with a wrong table field"
            f" warn, {d['clean_looks_warned']} of {d['clean_looks']} with none wrong do"
        )
    print("worst 10:")
    for w in s["worst"]:
        print(
            f"  {100 * w['accuracy']:5.1f} %  {w['look']} {w['writer']:<10} {w['content']:<12} {w['status']:<13}"
            f" PYTHONPATH=src:. python benchmarks/generalization.py --look {w['seed']}"
        )


def one_look(seed: int, misses: int) -> int:
    """Render (cache allowed) and parse one look; print where its PDF and truth are, and its misses."""
    import vbparse

    case = Case.of(seed)
    reason = skipped_reason(case)
    if reason:
        print(f"look {case.look.name}: producer {case.look.writer} missing: {reason}")
        return 2
    pdf, cached = render_cached(case, CACHE)
    path = case.cached_pdf(CACHE)
    truth = as_read({**case.truth, "source": {**case.truth["source"], "file": path.name, "pages": page_count(pdf)}})
    truth_path = path.with_suffix(".truth.json")
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"look {case.look.name} ({case.look.writer}, content {case.content_name}){' cached' if cached else ''}")
    print(f"  pdf:   {path}\n  truth: {truth_path}")
    print("  look:  " + json.dumps(look_to_dict(case.look), ensure_ascii=False))
    got = vbparse.parse(pdf).to_dict()
    res = score(truth, got)
    print(
        f"  accuracy {_pct(res['right'], res['total'])} of {res['total']} fields; "
        + ", ".join(f"{c} {_pct(res['cat_right'].get(c, 0), t)}" for c, t in res["cat_total"].items())
    )
    for miss in res["misses"][:misses]:
        print("   ", miss)
    if len(res["misses"]) > misses:
        print(f"    … {len(res['misses']) - misses} more")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200, help="looks per block (default 200)")
    ap.add_argument("--seed-offset", type=int, default=100000, help="first seed of the fresh block (default 100000)")
    ap.add_argument("--no-fresh", action="store_true", help="run only the default block (seeds 0..N-1)")
    ap.add_argument(
        "--no-default",
        action="store_true",
        help="run only the fresh block (seeds SEED_OFFSET..): saves time when comparing blocks",
    )
    ap.add_argument(
        "--allow-missing",
        action="store_true",
        help="exit 0 even when looks were skipped because their producer is not installed",
    )
    ap.add_argument("--jobs", type=int, default=2, help="looks rendered and parsed at once (default 2)")
    ap.add_argument("--producers", help="comma-separated writers to run (others count as skipped)")
    ap.add_argument("--render-timeout", type=float, default=600, help="seconds per render (default 600)")
    ap.add_argument("--parse-timeout", type=float, default=120, help="seconds per parse (default 120)")
    ap.add_argument("--json", type=Path, help="write all figures and per-look results here")
    ap.add_argument("--look", type=int, help="render and parse this one seed again, list its misses")
    ap.add_argument("--misses", type=int, default=40, help="misses listed by --look (default 40)")
    ap.add_argument(
        "--keep-misses",
        type=int,
        default=0,
        metavar="K",
        help="keep each look's first K misses in the --json output (default none)",
    )
    args = ap.parse_args(argv)
    if args.look is not None:
        return one_look(args.look, args.misses)
    only = set(args.producers.split(",")) if args.producers else None
    blocks = {} if args.no_default else {"default": range(args.n)}
    if not args.no_fresh:
        blocks["fresh"] = range(args.seed_offset, args.seed_offset + args.n)
    out: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}, "blocks": {}}
    for title, seeds in blocks.items():
        cases = [Case.of(s) for s in seeds]
        runnable = []
        for case in cases:
            reason = "filtered out by --producers" if only and case.look.writer not in only else skipped_reason(case)
            if reason is None:
                runnable.append(case)
            else:
                case.skip = f"{case.look.writer}: {reason}"
        print(f"{title} block: {len(runnable)} of {len(cases)} looks to run", file=sys.stderr, flush=True)
        done = iter(run(runnable, CACHE, args.jobs, args.render_timeout, args.parse_timeout))
        results = [
            {"status": "skipped", "skip": case.skip, "right": 0, "total": 0} if case.skip else next(done)
            for case in cases
        ]
        summary = summarize(cases, results, args.keep_misses)
        print_block(f"{title} block", summary)
        out["blocks"][title] = summary
    if len(out["blocks"]) == 2:
        a, b = (out["blocks"][k]["overall"] for k in ("default", "fresh"))
        if a is not None and b is not None:
            print(f"\ndefault vs fresh block: {100 * a:.1f} % vs {100 * b:.1f} % ({100 * (b - a):+.1f} points)")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    missing_producer = sum(
        1 for b in out["blocks"].values() for why in b["skipped"].values() if "--producers" not in why
    )
    if missing_producer and not args.allow_missing:
        # A figure over fewer looks than asked for is not comparable with one over all of them.
        print(
            f"error: {missing_producer} looks skipped because their producer is not installed "
            "(scripts/setup-producers.sh; --allow-missing to accept)",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
