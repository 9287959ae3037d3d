"""Neutralise spreadsheet formulas in CSV cells (OWASP "CSV injection").

Text from a PDF (an indicator name, a file name) that begins with `=`, `+`, `-`, `@`,
tab or carriage return is run as a formula when the CSV is opened in Excel or
LibreOffice (`=HYPERLINK(...)`). OWASP's remedy: prefix such a cell with an apostrophe,
which spreadsheets show as text. Text that reads as a number (`-3`, `-3,5 %`, `+46`) is
left alone, so it stays a number.

The prefix is reversible: a cell already beginning with apostrophes before such a start
gets one more, so `unescape` gives back exactly what was written (read_table uses it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters a spreadsheet may read as the start of a formula."""

_NUMBER = re.compile(r"[+\-\u2212]?(?:\d[\d \u00a0\u202f]*)?(?:[.,]\d+)?(?:e[+-]?\d+)?\s?%?", re.I)
_HAS_DIGIT = re.compile(r"\d")


def _risky(text: str) -> bool:
    """Whether `text`, after any leading apostrophes, starts like a formula and is not a number."""
    rest = text.lstrip("'")
    if not rest.startswith(TRIGGERS):
        return False
    return not (_NUMBER.fullmatch(rest) and _HAS_DIGIT.search(rest))


def neutralise(text: str) -> str:
    """One apostrophe more in front of a cell that could run as a formula."""
    return "'" + text if _risky(text) else text


def unescape(text: str) -> str:
    """Undo `neutralise`."""
    return text[1:] if text.startswith("'") and _risky(text) else text


def _map_text(df: pd.DataFrame, fn: Callable[[str], str]) -> pd.DataFrame:
    def cell(value: object) -> object:
        return fn(value) if isinstance(value, str) else value

    out = df.copy()
    for col in out.columns:
        series = out[col]
        if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
            out[col] = series.map(cell).astype(series.dtype)
    return out


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every text cell neutralised (numbers and dates untouched)."""
    return _map_text(df, neutralise)


def unescape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with `neutralise` undone in every text cell."""
    return _map_text(df, unescape)
