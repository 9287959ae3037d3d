"""Typed readings of table cells: Swedish decimals, thousands spaces, minus signs, percent."""

from __future__ import annotations

import regex as re

from .model import Value

# A number: optional sign (-, −, –), digits with optional space/thin-space thousands groups,
# optional decimal comma or point, optional unit.
_NUMBER_RE = re.compile(
    r"^(?P<sign>[-−–+])?\s*(?P<int>\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:[,.](?P<frac>\d+))?"
    r"\s*(?P<unit>%|‰|st\.?|kr|tkr|mnkr|dagar|timmar|h)?$",
    re.I,
)


def parse_value(raw: str | None) -> Value | None:
    """Value for a cell's printed text; None for an empty cell."""
    if raw is None:
        return None
    text = " ".join(raw.split())
    if not text:
        return None
    m = _NUMBER_RE.match(text)
    if not m:
        return Value(raw=text, number=None, unit=None)
    digits = re.sub(r"\D", "", m.group("int"))
    number = float(f"{digits}.{m.group('frac')}" if m.group("frac") else digits)
    if m.group("sign") in ("-", "−", "–"):
        number = -number
    unit = m.group("unit")
    return Value(raw=text, number=number, unit=unit.lower() if unit and unit != "%" else unit)


def parse_count(raw: str | None) -> int | None:
    """An integer count from a complaints cell; None when empty or not a whole number."""
    if raw is None:
        return None
    text = re.sub(r"[ \u00a0\u2009\u202f]", "", raw)
    if re.fullmatch(r"[-−]?\d+", text):
        return int(text.replace("−", "-"))
    return None
