"""Field-by-field comparison of a parsed report with its ground truth.

Every leaf field of the truth counts once; a parsed report scores the share of leaves it
reproduces exactly. `page` fields and the source hash are not compared (they depend on
the look and the file, not on the content). Each leaf also counts in one category
(meta, sections, goals, indicators, activities, complaints), for the benchmark's
per-category figures (benchmarks/generalization.py imports this file by path).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

IGNORED = {"page", "sha256", "file"}
CATEGORIES = ("meta", "sections", "goals", "indicators", "activities", "complaints")


def category(path: str) -> str:
    """The category of a leaf path: goals[0].children[1].indicators[2].outcome.raw -> indicators."""
    top = path.split(".")[0].split("[")[0]
    if top == "goals":
        for part in reversed(path.split(".")):
            name = part.split("[")[0]
            if name in ("indicators", "activities"):
                return name
        return "goals"
    return top if top in CATEGORIES else "meta"  # source.pages counts with the meta


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    cat_right: Counter[str] = field(default_factory=Counter)
    cat_total: Counter[str] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        t = sum(self.total.values())
        return sum(self.right.values()) / t if t else 1.0

    def per_field(self) -> dict[str, float]:
        return {k: self.right[k] / n for k, n in sorted(self.total.items())}


def _key(path: str) -> str:
    """Field family for the per-field table: goals[3].indicators[1].outcome → indicators.outcome."""
    parts = [p.split("[")[0] for p in path.split(".")]
    parts = [p for p in parts if p not in ("children",)]
    return ".".join(parts[-2:]) if len(parts) >= 2 else parts[0]


def _walk(truth: Any, got: Any, path: str, score: Score) -> None:
    if isinstance(truth, dict):
        for k, v in truth.items():
            if k in IGNORED:
                continue
            _walk(v, got.get(k) if isinstance(got, dict) else None, f"{path}.{k}" if path else k, score)
        return
    if isinstance(truth, list) and (not truth or isinstance(truth[0], dict)):
        got_list = got if isinstance(got, list) else []
        for i, v in enumerate(truth):
            _walk(v, got_list[i] if i < len(got_list) else None, f"{path}[{i}]", score)
        for i in range(len(truth), len(got_list)):
            key = _key(f"{path}[{i}]") + "(extra)"
            score.total[key] += 1
            score.cat_total[category(f"{path}[{i}]")] += 1
            score.misses.append(f"{path}[{i}]: extra item not in truth")
        return
    key = _key(path)
    score.total[key] += 1
    score.cat_total[category(path)] += 1
    if truth == got:
        score.right[key] += 1
        score.cat_right[category(path)] += 1
    else:
        score.misses.append(f"{path}: want {truth!r:.200} got {got!r:.200}")


def compare(truth: dict[str, Any], got: dict[str, Any]) -> Score:
    score = Score()
    truth = {k: v for k, v in truth.items() if k != "warnings"}
    got = {k: v for k, v in got.items() if k != "warnings"}
    _walk(truth, got, "", score)
    return score
