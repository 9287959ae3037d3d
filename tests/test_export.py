"""Writing frames: CSV flavours read back equal, XLSX sheets and values, Parquet, extras, atomicity."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_reports import sample_report, truth_reports

from vbparse import Corpus
from vbparse.io.export import (
    CSV_OPTIONS,
    MissingExtraError,
    atomic_path,
    column_dtypes,
    read_table,
    write_frames,
    write_table,
    write_xlsx,
)
from vbparse.io.frames import FRAME_NAMES


def corpus_frames() -> dict[str, pd.DataFrame]:
    reports = [sample_report(), *truth_reports()]
    return Corpus(reports=reports).to_frames()


def without_empty_text(df: pd.DataFrame) -> pd.DataFrame:
    """CSV cannot tell "" from missing: compare with "" as <NA>."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == "string":
            out[col] = out[col].replace("", pd.NA)
    return out


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".part")]


@pytest.mark.parametrize("fmt", ["csv", "csv-sv"])
def test_csv_flavours_read_back_equal(tmp_path: Path, fmt: str) -> None:
    frames = corpus_frames()
    paths = write_frames(frames, tmp_path, fmt)
    assert [p.name for p in paths] == [f"{n}.csv" for n in FRAME_NAMES]
    for name, df in frames.items():
        back = read_table(tmp_path / f"{name}.csv", fmt)
        pd.testing.assert_frame_equal(back, without_empty_text(df))
        plain = pd.read_csv(tmp_path / f"{name}.csv", **CSV_OPTIONS[fmt])  # a user's plain read_csv
        assert list(plain.columns) == list(df.columns)
    assert no_temp_files(tmp_path)


def test_csv_flavour_bytes(tmp_path: Path) -> None:
    frames = sample_report().to_frames()
    write_frames(frames, tmp_path / "en", "csv")
    write_frames(frames, tmp_path / "sv", "csv-sv")
    en = (tmp_path / "en" / "indicators.csv").read_bytes()
    sv = (tmp_path / "sv" / "indicators.csv").read_bytes()
    assert not en.startswith(b"\xef\xbb\xbf") and sv.startswith(b"\xef\xbb\xbf")
    assert en.split(b"\n")[0].count(b",") == sv.split(b"\n")[0].count(b";") == len(frames["indicators"].columns) - 1
    assert b",8.5," in en and b";8,5;" in sv and "Sjukfrånvaro".encode() in sv
    assert b"2023-01-01" in (tmp_path / "sv" / "activities.csv").read_bytes()


def test_xlsx_one_sheet_per_frame_with_values(tmp_path: Path) -> None:
    report = sample_report()
    report.goals[0].children[0].indicators[0].analysis = '=HYPERLINK("http://x")\x01 text'
    frames = report.to_frames()
    path = write_frames(frames, tmp_path / "out.xlsx", "xlsx")[0]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(FRAME_NAMES)
    for name, df in frames.items():
        rows = list(wb[name].iter_rows(values_only=True))
        assert list(rows[0]) == list(df.columns) and len(rows) == len(df) + 1
    ind = wb["indicators"]
    header = [c.value for c in ind[1]]
    row = {h: c for h, c in zip(header, ind[2], strict=True)}
    assert row["name"].value == "Sjukfrånvaro" and row["outcome"].value == 8.5 and row["outcome_raw"].value == "8,5 %"
    assert row["previous_year"].value == 2022 and row["outcome_women"].value is None
    assert row["analysis"].data_type == "s" and row["analysis"].value == '=HYPERLINK("http://x") text'
    act = wb["activities"]
    start = next(c for h, c in zip([c.value for c in act[1]], act[2], strict=True) if h == "start")
    assert start.is_date and start.value.year == 2023 and start.value.month == 1
    assert no_temp_files(tmp_path)


def test_parquet_round_trip(tmp_path: Path) -> None:
    frames = corpus_frames()
    write_frames(frames, tmp_path, "parquet")
    for name, df in frames.items():
        pd.testing.assert_frame_equal(read_table(tmp_path / f"{name}.parquet", "parquet"), df)


@pytest.mark.parametrize(("fmt", "module", "extra"), [("xlsx", "openpyxl", "excel"), ("parquet", "pyarrow", "parquet")])
def test_missing_extra_names_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, module: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` raise ImportError
    with pytest.raises(MissingExtraError, match=rf'pip install "vbparse\[{extra}\]"'):
        write_frames(sample_report().to_frames(), tmp_path / "out", fmt)
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write_frames({}, tmp_path, "ods")


def test_atomic_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "goals.csv"
    target.write_text("old\n", encoding="utf-8")

    def broken_to_csv(self: pd.DataFrame, path: Path, **kw: object) -> None:
        Path(path).write_text("half a tab", encoding="utf-8")
        raise KeyboardInterrupt  # the user pressed Ctrl-C mid-write

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_to_csv)
    with pytest.raises(KeyboardInterrupt):
        write_table(sample_report().to_frames()["goals"], target, "csv")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goals.csv"]


def test_atomic_path_replaces_on_success(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "x.json"
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and not target.exists()
        tmp.write_text("{}", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "{}" and no_temp_files(tmp_path)
    assert target.stat().st_mode & 0o044  # readable by others, like any file a tool writes


def test_column_names_mean_one_dtype_everywhere() -> None:
    from vbparse.io.corpus import KEY_COLUMNS
    from vbparse.io.frames import COLUMNS

    known = column_dtypes()
    for columns in (KEY_COLUMNS, *COLUMNS.values()):
        for col, dtype in columns.items():
            assert known[col] == dtype, col


texts = st.text(min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.none() | texts,
            st.none() | st.floats(allow_nan=False, allow_infinity=False),
            st.none() | st.integers(-(2**53), 2**53),
        ),
        max_size=8,
    )
)
def test_any_text_and_number_survive_csv_and_parquet(tmp_path: Path, rows: list[tuple]) -> None:
    df = pd.DataFrame(rows, columns=["title", "outcome", "page"]).astype(
        {"title": "string", "outcome": "Float64", "page": "Int64"}
    )
    for fmt in ("csv", "csv-sv", "parquet"):
        path = tmp_path / f"t-{fmt}"
        write_table(df, path, fmt)
        pd.testing.assert_frame_equal(read_table(path, fmt), df, check_exact=True)


def test_xlsx_sheets_are_tables_with_fitted_widths(tmp_path: Path) -> None:
    report = sample_report()
    write_xlsx(report.to_frames(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert "warnings" in wb.sheetnames
    for ws in wb:
        table = ws.tables[ws.title]
        assert table.tableStyleInfo is not None and table.autoFilter is not None
        assert table.ref.startswith("A1:") and table.column_names == [c.value for c in ws[1]]
    warnings = wb["warnings"]
    assert warnings.max_row == len(report.warnings) + 1
    ind = wb["indicators"]
    widths = {c.value: ind.column_dimensions[c.column_letter].width for c in ind[1]}
    names = report.to_frames()["indicators"]["name"]
    assert widths["name"] == names.str.len().max() + 2
    assert all(6 <= w <= 60 for w in widths.values())
