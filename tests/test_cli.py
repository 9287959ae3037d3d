"""The command line end to end: exit codes, one-line errors, parse/export/inspect outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sample_reports import ROOT, sample_report, small_pdfs

import vbparse
from vbparse import api
from vbparse.io.cli import main
from vbparse.io.export import read_table
from vbparse.io.frames import FRAME_NAMES


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "vbparse", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vbparse: error: "), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["parse"],
        ["parse", "x.pdf", "--format", "docx"],
        ["export", "x.pdf"],
        ["export", "x.pdf", "--out", "o", "--workers", "0"],
    ],
)
def test_usage_errors_are_one_line_exit_2(args: list[str]) -> None:
    assert_one_line_error(run(*args), "--help")


def test_non_pdf_names_the_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("just text", encoding="utf-8")
    assert_one_line_error(run("parse", str(notes)), str(notes), "not a PDF")
    assert_one_line_error(run("parse", str(tmp_path / "missing.pdf")), "missing.pdf")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("just text", encoding="utf-8")
    proc = run("parse", str(notes), "--debug")
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_help_has_examples() -> None:
    for args in ([], ["parse"], ["export"], ["inspect"]):
        proc = run(*args, "--help")
        assert proc.returncode == 0 and "examples:" in proc.stdout, args


def test_parse_json_is_exactly_to_json() -> None:
    pdf = small_pdfs(1)[0]
    proc = run("parse", str(pdf))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == vbparse.parse(pdf).to_json() + "\n"
    assert json.loads(proc.stdout)["schema_version"] == "1"


def test_parse_csv_and_xlsx(tmp_path: Path) -> None:
    pdf = small_pdfs(1)[0]
    report = vbparse.parse(pdf)
    proc = run("parse", str(pdf), "--format", "csv", "-o", str(tmp_path / "csv"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{n}.csv" for n in FRAME_NAMES)
    indicators = read_table(tmp_path / "csv" / "indicators.csv")
    assert list(indicators["name"]) == [i.name for i in report.indicators]
    proc = run("parse", str(pdf), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == list(FRAME_NAMES)
    assert wb["goals"].max_row == len(list(report.iter_goals())) + 1
    assert_one_line_error(run("parse", str(pdf), "--format", "csv"), "-o")


def test_export_lists_failures_and_exits_0(tmp_path: Path) -> None:
    a, b = small_pdfs(2)
    notes = tmp_path / "notes.pdf"
    notes.write_text("just text", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("export", str(a), str(notes), str(b), "--out", str(out), "--workers", "2", "--format", "csv-sv")
    assert proc.returncode == 0, proc.stderr
    assert "1 failed" in proc.stderr.strip().splitlines()[-1]
    failures = read_table(out / "failures.csv", "csv-sv")
    assert list(failures["file"]) == [str(notes)] and "not a PDF" in failures["reason"].iloc[0]
    goals = read_table(out / "goals.csv", "csv-sv")
    assert list(goals["file"].unique()) == [a.name, b.name]


def test_export_xlsx_and_nothing_found(tmp_path: Path) -> None:
    pdf = small_pdfs(1)[0]
    assert main(["export", str(pdf), "--out", str(tmp_path), "--format", "xlsx", "--quiet"]) == 0
    wb = openpyxl.load_workbook(tmp_path / "vbparse.xlsx")
    assert wb.sheetnames == [*FRAME_NAMES, "failures"]
    assert pd.read_csv(tmp_path / "failures.csv").empty
    assert main(["export", str(tmp_path / "none*.pdf"), "--out", str(tmp_path)]) == 2
    assert main(["export", str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    assert list(read_table(tmp_path / "o" / "failures.csv")["file"]) == [str(tmp_path / "missing.pdf")]


def test_strict_exits_1_on_warnings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.pdf").write_bytes(b"%PDF-1.4")  # there: the parse itself is replaced
    monkeypatch.setattr(api, "parse", lambda source, **kw: sample_report())  # has one warning
    assert main(["parse", "x.pdf", "--format", "json"]) == 0
    assert main(["parse", "x.pdf", "--strict"]) == 1
    clean = sample_report()
    clean.warnings = []
    monkeypatch.setattr(api, "parse", lambda source, **kw: clean)
    assert main(["parse", "x.pdf", "--strict"]) == 0
    assert "1 warning" in capsys.readouterr().err


def test_inspect_prints_page_map_and_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = small_pdfs(1)[0]
    assert main(["inspect", str(pdf), "--png", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert "page map:" in out.out and "  p.  1  " in out.out and "coverage" in out.out and "warnings (" in out.out
    report = vbparse.parse(pdf)
    assert len(list(tmp_path.glob("page-*.png"))) == report.source.pages


def test_check_lists_every_check_and_exits_0(tmp_path: Path) -> None:
    a, b = sorted((ROOT / "fixtures" / "pdf").glob("seed00*-a_*.pdf"))[:2]
    notes = tmp_path / "notes.pdf"
    notes.write_text("just text", encoding="utf-8")
    proc = run("check", str(a), str(b), str(notes), "--strict", "--quiet")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].split() == ["code", "passed", "page", "items", "message"]
    assert lines[-1].endswith("checks, 0 failed") and "assessment_known" in proc.stdout
    assert "failed: " in proc.stderr and "notes.pdf" in proc.stderr


def test_check_failed_first_and_strict(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from vbparse.io.corpus import Corpus
    from vbparse.model import Check

    found = [
        Check(code="assessment_known", passed=True, message="fine", page=3, items=["a.pdf#/goals/0"]),
        Check(
            code="complaint_total", passed=False, message="1 + 2 = 3, but says 9", page=7, items=["a.pdf#/complaints/0"]
        ),
    ]
    monkeypatch.setattr(Corpus, "checks", lambda self: found)
    pdf = small_pdfs(1)[0]
    assert main(["check", str(pdf), "--quiet", "--workers", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("complaint_total") and "FAILED" in out[1] and "says 9" in out[1]
    assert out[-1] == "2 checks, 1 failed"
    assert main(["check", str(pdf), "--quiet", "--workers", "1", "--strict"]) == 1
    capsys.readouterr()
    assert main(["check", str(pdf), "--quiet", "--workers", "1", "--format", "json"]) == 0
    assert [c["code"] for c in json.loads(capsys.readouterr().out)] == ["complaint_total", "assessment_known"]
    assert main(["check", str(pdf), "--quiet", "--workers", "1", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "code,passed,page,items,message"


def test_check_nothing_parsed_is_bad_input(tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("just text", encoding="utf-8")
    assert main(["check", str(notes), "--quiet", "--workers", "1"]) == 2
    assert main(["check", str(tmp_path / "none*.pdf")]) == 2


def test_export_counts_warnings_and_strict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vbparse.io import corpus as corpus_mod
    from vbparse.model import ParseWarning

    def fake(path: str, **kw: object) -> vbparse.Report:
        report = sample_report()
        report.source.sha256 = str(abs(hash(path))).ljust(64, "0")
        report.warnings = (
            [ParseWarning(code="cell_outside_columns", message="x", page=2)] * 2 if "a" in Path(path).name else []
        )
        return report

    monkeypatch.setattr(corpus_mod, "_parse", fake)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    args = ["export", str(a), str(b), "--out", str(tmp_path / "o"), "--workers", "1", "--quiet"]
    assert main(args) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "exported 2 of 2 reports" in last and "1 with warnings (cell_outside_columns 2" in last
    assert main([*args, "--strict"]) == 1
    assert len(read_table(tmp_path / "o" / "warnings.csv")) == 2


def test_version_imports_no_parser() -> None:
    heavy = "('pandas', 'pdfminer', 'pypdfium2', 'pydantic', 'pdfplumber')"
    code = (
        f"import sys; from vbparse.io.cli import main; main(['--version']); "
        f"print(sorted(m for m in {heavy} if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.strip().splitlines() == [f"vbparse {vbparse.__version__}", "[]"]


def test_option_choices_match_the_library() -> None:
    from vbparse.io import cli, export
    from vbparse.pdf import readers

    assert cli.READERS == readers.READERS and cli.FORMATS == export.FORMATS
    assert tuple(export.CSV_OPTIONS) == cli.CSV_FORMATS


def test_help_is_in_users_words() -> None:
    for args in ([], ["parse"], ["export"], ["inspect"], ["check"]):
        assert "SPEC" not in run(*args, "--help").stdout


def test_missing_file_and_url(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    assert_one_line_error(run("parse", str(missing)), f"no such file: {missing}")
    assert_one_line_error(run("inspect", str(missing)), f"no such file: {missing}")
    for cmd in (["parse"], ["inspect"], ["export", "--out", str(tmp_path)], ["check"]):
        assert_one_line_error(run(*cmd, "https://example.org/vb2023.pdf"), "URLs are not read", "download")


def test_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    pdf = small_pdfs(1)[0]
    proc = run("export", str(pdf), "--out", str(tmp_path), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    assert "parsed 1 of 1 files" in proc.stderr and "\r" not in proc.stderr


def test_export_xlsx_failures_and_skipped_are_sheets(tmp_path: Path) -> None:
    pdf = small_pdfs(1)[0]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.pdf").write_text("just text", encoding="utf-8")
    (folder / "readme.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(["export", str(pdf), str(folder), "--out", str(out), "--format", "xlsx", "--quiet", "--workers", "1"]) == 0
    )
    wb = openpyxl.load_workbook(out / "vbparse.xlsx")
    assert wb.sheetnames == [*FRAME_NAMES, "failures", "skipped"]
    failures = wb["failures"]
    assert [c.value for c in failures[1]] == ["file", "error", "reason"]
    assert failures["A2"].value.endswith("notes.pdf") and failures["B2"].value == "NotAPdfError"
    assert wb["skipped"]["A2"].value.endswith("readme.txt")
    for ws in wb:
        assert list(ws.tables) == [ws.title], ws.title
        assert ws.tables[ws.title].autoFilter is not None
