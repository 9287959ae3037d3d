"""An analyst's script using only the documented API; `mypy --strict` checks it in the test suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import vbparse


def sick_leave_by_year(folder: Path) -> pd.DataFrame:
    """Sjukfrånvaro per unit and year, from every report in a folder; failures printed, not hidden."""
    corpus = vbparse.parse_many([folder], workers=2)
    for failure in corpus.failures:
        print(f"skipped {failure.path}: {failure.reason}", file=sys.stderr)
    frames = corpus.to_frames()
    ind = frames["indicators"]
    ind = ind[ind["duplicate"].isna() & (ind["name"] == "Sjukfrånvaro")]
    return ind.pivot_table(index="unit", columns="year", values="outcome", aggfunc="first")


def one_report(path: Path) -> None:
    try:
        report = vbparse.parse(path)
    except vbparse.VbparseError as exc:
        print(exc, file=sys.stderr)
        return
    print(report.summary())
    for ind in report.indicators:
        outcome = ind.outcome.number if ind.outcome is not None else None
        print(ind.name, outcome, ind.period)
    if report.coverage is not None and report.coverage.share < 1.0:
        print(f"{len(report.coverage.leftovers)} runs of text were not placed", file=sys.stderr)
    warnings: pd.DataFrame = report.to_frames()["warnings"]
    print(warnings.groupby("code").size())


if __name__ == "__main__":
    one_report(Path(sys.argv[1]))
