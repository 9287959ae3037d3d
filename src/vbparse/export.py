"""Frames to files: CSV (two flavours), XLSX and Parquet, each written atomically.

Every file is written to a temporary name in its target folder and then moved into
place with os.replace, so an interrupted run never leaves a half-written table behind.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

FORMATS = ("csv", "csv-sv", "xlsx", "parquet")
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


def read_table(path: str | os.PathLike[str], fmt: str = "csv") -> pd.DataFrame:
    """Read a table this module wrote back into the frames' dtypes.

    In CSV an empty text and a missing one look the same: both come back as <NA>.
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
    df = pd.read_csv(path, **opts, dtype={c: t for c, t in dtypes.items() if c not in dates},
                     keep_default_na=False, na_values=[""])
    for col in dates:
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce").astype(dtypes[col])
    return df


def write_table(df: pd.DataFrame, path: str | os.PathLike[str], fmt: str = "csv") -> Path:
    """One frame to one file (csv, csv-sv or parquet)."""
    require(fmt)
    with atomic_path(path) as tmp:
        if fmt in CSV_OPTIONS:
            df.to_csv(tmp, index=False, na_rep="", lineterminator="\r\n", date_format="%Y-%m-%d",
                      **CSV_OPTIONS[fmt])
        elif fmt == "parquet":
            df.to_parquet(tmp, engine="pyarrow", index=False)
        else:
            raise ValueError(f"write_table cannot write {fmt!r}; use write_xlsx")
    return Path(path)


def write_frames(
    frames: Mapping[str, pd.DataFrame], out: str | os.PathLike[str], fmt: str = "csv"
) -> list[Path]:
    """Write every frame: to folder `out` as `<name>.csv`/`.parquet`, or for xlsx to file `out`."""
    check_format(fmt)
    if fmt == "xlsx":
        return [write_xlsx(frames, out)]
    folder = Path(out)
    return [write_table(df, folder / f"{name}{SUFFIX[fmt]}", fmt) for name, df in frames.items()]


def write_xlsx(frames: Mapping[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """One workbook, one sheet per frame, header row frozen. Text is never read as a formula."""
    openpyxl = require("xlsx")
    assert openpyxl is not None
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for name, df in frames.items():
        ws = wb.create_sheet(title=_sheet_title(name))
        ws.freeze_panes = "A2"
        header = []
        for col in df.columns:
            cell = WriteOnlyCell(ws, value=_xlsx_text(str(col)))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in df.itertuples(index=False, name=None):
            ws.append([_xlsx_cell(ws, WriteOnlyCell, v) for v in row])
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


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
