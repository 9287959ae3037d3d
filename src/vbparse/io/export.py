"""Frames to files: CSV (two flavours), XLSX and Parquet, each written atomically.

Every file is written to a temporary name in its target folder and then moved into
place with os.replace, so an interrupted run never leaves a half-written table behind;
the tables of one export are written as a set (write_set), so a failed run never leaves
a mix of new and old tables. CSV text that could run as a spreadsheet formula gets a
leading apostrophe (vbparse.io.csvsafe; safe_csv=False turns that off).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, get_args

import pandas as pd

from .csvsafe import safe_frame, unescape_frame

Format = Literal["csv", "csv-sv", "xlsx", "parquet"]
"""A file format write_frames writes (a type checker refuses any other string)."""

FORMATS: tuple[Format, ...] = get_args(Format)
"""Output formats: csv (comma, dot decimal, UTF-8), csv-sv (semicolon, decimal comma, UTF-8 BOM,
what Swedish Excel opens directly), xlsx (one sheet per frame), parquet (one file per frame)."""

SUFFIX = {"csv": ".csv", "csv-sv": ".csv", "xlsx": ".xlsx", "parquet": ".parquet"}

CSV_OPTIONS: dict[str, dict[str, Any]] = {
    "csv": {"sep": ",", "decimal": ".", "encoding": "utf-8"},
    "csv-sv": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
}
"""pandas to_csv/read_csv options of each CSV flavour (read_csv with these reads a file back)."""

EXTRAS = {"xlsx": ("openpyxl", "excel"), "parquet": ("pyarrow", "parquet")}
"""Format -> (module it needs, the vbparse extra that installs it)."""

XLSX_MAX_CELL = 32767
"""Excel's limit on characters in one cell; longer text is cut in XLSX (CSV/Parquet keep it)."""

_UMASK = os.umask(0o022)
os.umask(_UMASK)

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class MissingExtraError(ImportError):
    """A format needs an optional package that is not installed."""


def require(fmt: str) -> ModuleType | None:
    """Import the optional package `fmt` needs, or say which extra to install."""
    if fmt not in EXTRAS:
        return None
    module, extra = EXTRAS[fmt]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f'writing {fmt} needs the optional package {module}: pip install "vbparse[{extra}]"'
        ) from None


def check_format(fmt: str) -> None:
    """Fail early (before any parsing) on an unknown format or a missing extra."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    require(fmt)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `path`; move it onto `path` only if the body succeeds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    with contextlib.suppress(OSError):  # mkstemp makes 0600; give the file the usual mode
        os.chmod(tmp, 0o666 & ~_UMASK)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def column_dtypes() -> dict[str, Any]:
    """Column name -> dtype over every frame (names mean the same in every frame)."""
    from .corpus import KEY_COLUMNS
    from .frames import COLUMNS, REPORT_KEY

    out = {**REPORT_KEY, **KEY_COLUMNS}
    for columns in COLUMNS.values():
        out.update(columns)
    return out


def read_table(path: str | os.PathLike[str], fmt: Format = "csv", *, unescape: bool = True) -> pd.DataFrame:
    """Read a table this module wrote back into the frames' dtypes.

    In CSV an empty text and a missing one look the same: both come back as <NA>.
    unescape: undo the apostrophe write_table put before formula-like text (csvsafe).
    """
    if fmt == "parquet":
        require(fmt)
        return pd.read_parquet(path, engine="pyarrow")
    if fmt not in CSV_OPTIONS:
        raise ValueError(f"read_table reads csv, csv-sv or parquet, not {fmt!r}")
    opts = CSV_OPTIONS[fmt]
    header = pd.read_csv(path, nrows=0, sep=opts["sep"], encoding=opts["encoding"]).columns
    known = column_dtypes()
    dtypes = {c: known.get(c, "string") for c in header}
    dates = [c for c, t in dtypes.items() if str(t).startswith("datetime64")]
    df = pd.read_csv(
        path, **opts, dtype={c: t for c, t in dtypes.items() if c not in dates}, keep_default_na=False, na_values=[""]
    )
    for col in dates:
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce").astype(dtypes[col])
    return unescape_frame(df) if unescape else df


def write_table(df: pd.DataFrame, path: str | os.PathLike[str], fmt: Format = "csv", *, safe_csv: bool = True) -> Path:
    """One frame to one file (csv, csv-sv or parquet).

    safe_csv: in CSV, text that a spreadsheet would run as a formula (starting with =, +,
    -, @, tab or CR, and not a number like -3) gets a leading apostrophe (OWASP).
    """
    require(fmt)
    with atomic_path(path) as tmp:
        if fmt in CSV_OPTIONS:
            (safe_frame(df) if safe_csv else df).to_csv(
                tmp, index=False, na_rep="", lineterminator="\r\n", date_format="%Y-%m-%d", **CSV_OPTIONS[fmt]
            )
        elif fmt == "parquet":
            df.to_parquet(tmp, engine="pyarrow", index=False)
        else:
            raise ValueError(f"write_table cannot write {fmt!r}; use write_xlsx")
    return Path(path)


def write_frames(
    frames: Mapping[str, pd.DataFrame],
    out: str | os.PathLike[str],
    fmt: Format = "csv",
    *,
    safe_csv: bool = True,
    extra: Mapping[str, Callable[[Path], object]] | None = None,
) -> list[Path]:
    """Write every frame: to folder `out` as `<name>.csv`/`.parquet` (as one set, see
    write_set; `extra` adds more files to the set), or for xlsx to file `out`."""
    check_format(fmt)
    if fmt == "xlsx":
        return [write_xlsx(frames, out)]
    writers: dict[str, Callable[[Path], object]] = {
        f"{name}{SUFFIX[fmt]}": functools.partial(_write_one, df, fmt=fmt, safe_csv=safe_csv)
        for name, df in frames.items()
    }
    writers.update(extra or {})
    return write_set(out, writers)


def _write_one(df: pd.DataFrame, path: Path, fmt: Format, safe_csv: bool) -> None:
    write_table(df, path, fmt, safe_csv=safe_csv)


def write_set(folder: str | os.PathLike[str], writers: Mapping[str, Callable[[Path], object]]) -> list[Path]:
    """Write several files as one set: each writer writes its file into a temporary folder
    beside `folder`; only when all succeeded are they moved into `folder` (a rename each,
    which needs no space). A failure (a full disk) leaves the previous set intact and
    raises OSError naming the file that could not be written."""
    target = Path(folder)
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.resolve().name}.", suffix=".part"))
    try:
        for name, write in writers.items():
            try:
                write(staging / name)
            except OSError as exc:
                problem = f"cannot write {target / name}: {exc.strerror or exc}"
                raise OSError(exc.errno, problem, str(target / name)) from exc
        target.mkdir(parents=True, exist_ok=True)
        for name in writers:
            os.replace(staging / name, target / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in writers]


XLSX_MAX_WIDTH = 60
"""Widest column (in characters) write_xlsx fits to content; longer text wraps off-screen."""

XLSX_TABLE_STYLE = "TableStyleMedium2"


def write_xlsx(frames: Mapping[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """One workbook, one sheet per frame, each an Excel table (banded, with filter buttons),
    columns as wide as their content (up to XLSX_MAX_WIDTH), header row frozen.
    Text is never read as a formula."""
    openpyxl = require("xlsx")
    assert openpyxl is not None
    wb = openpyxl.Workbook(write_only=True)
    used: set[str] = set()
    for name, df in frames.items():
        _write_sheet(wb, name, df, used)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _write_sheet(wb: Any, name: str, df: pd.DataFrame, used: set[str]) -> None:
    """One frame as a sheet holding one Excel table named after it (`used`: table names taken)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title=_sheet_title(name))
    ws.freeze_panes = "A2"
    headers = _unique_headers([_xlsx_text(str(c)) for c in df.columns])
    for i, width in enumerate(_column_widths(df, headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    header = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in df.itertuples(index=False, name=None):
        ws.append([_xlsx_cell(ws, WriteOnlyCell, v) for v in row])
    if headers:
        with warnings.catch_warnings():  # "add table columns manually": _table does
            warnings.simplefilter("ignore", UserWarning)
            ws.add_table(_table(_table_name(name, used), headers, len(df)))


def _table(name: str, headers: list[str], rows: int) -> Any:
    """An Excel table over the header and `rows` rows (at least one: Excel wants a body),
    with autofilter; write-only sheets need the columns spelled out."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    ref = f"A1:{get_column_letter(len(headers))}{max(rows, 1) + 1}"
    table = Table(ref=ref, displayName=name, autoFilter=AutoFilter(ref=ref))
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.tableStyleInfo = TableStyleInfo(name=XLSX_TABLE_STYLE, showRowStripes=True)
    return table


def _table_name(name: str, used: set[str]) -> str:
    """A valid, unused Excel table name: letters, digits, _; not starting with a digit, not a cell reference."""
    safe = re.sub(r"\W", "_", name, flags=re.ASCII) or "table"
    if not re.match(r"[A-Za-z_]", safe) or re.fullmatch(r"[A-Za-z]{1,3}\d+|[RrCc]\d*", safe):
        safe = f"t_{safe}"
    safe, base, n = safe[:250], safe[:250], 2
    while safe.lower() in used:
        safe, n = f"{base}_{n}", n + 1
    used.add(safe.lower())
    return safe


def _unique_headers(headers: list[str]) -> list[str]:
    """Excel table headers must be non-empty and distinct."""
    out: list[str] = []
    for i, text in enumerate(headers, start=1):
        base = text.strip() or f"column{i}"
        name, n = base, 2
        while name.lower() in {h.lower() for h in out}:
            name, n = f"{base}_{n}", n + 1
        out.append(name)
    return out


def _column_widths(df: pd.DataFrame, headers: list[str]) -> list[float]:
    """Each column's width in characters: its longest cell or header (+2), at most XLSX_MAX_WIDTH."""
    widths = []
    for header, col in zip(headers, df.columns, strict=True):
        series = df[col]
        if str(series.dtype).startswith("datetime64"):
            longest = 10
        elif len(series):
            text = series.astype("string").str.split("\n").str[0]  # first line: Excel shows no more
            longest = int(text.str.len().max(skipna=True) or 0) if text.notna().any() else 0
        else:
            longest = 0
        widths.append(float(min(XLSX_MAX_WIDTH, max(len(header), longest, 6) + 2)))
    return widths


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"


def _xlsx_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)[:XLSX_MAX_CELL]


def _xlsx_cell(ws: Any, cell_cls: Any, value: Any) -> Any:
    """A value as openpyxl should store it: NA empty, dates as dates, strings as strings."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        cell = cell_cls(ws, value=value.date() if value == value.normalize() else value.to_pydatetime())
        cell.number_format = "yyyy-mm-dd" if value == value.normalize() else "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str):
        cell = cell_cls(ws, value=_xlsx_text(value))
        cell.data_type = "s"  # "=…" stays text: no formula injection from a PDF's content
        return cell
    return value
