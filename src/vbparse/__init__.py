"""vbparse: Stockholm city unit reports from PDF into typed, trustworthy data."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    DamagedPdfError,
    EncryptedPdfError,
    LimitExceededError,
    NotAPdfError,
    NotAReportError,
    NoTextLayerError,
    VbparseError,
)
from .pdf.limits import Limits

if TYPE_CHECKING:  # pragma: no cover
    from .api import parse
    from .io.corpus import Corpus, Failure, parse_many
    from .model import (
        Activity,
        Check,
        ComplaintRow,
        Goal,
        Indicator,
        ParseWarning,
        Report,
        ReportMeta,
        Section,
        Source,
        Value,
        json_schema,
    )

_LAZY = {
    "parse": "api",
    "Corpus": "io.corpus",
    "Failure": "io.corpus",
    "parse_many": "io.corpus",
    **{
        name: "model"
        for name in (
            "Activity",
            "Check",
            "ComplaintRow",
            "Goal",
            "Indicator",
            "ParseWarning",
            "Report",
            "ReportMeta",
            "Section",
            "Source",
            "Value",
            "json_schema",
        )
    },
}
"""Names imported on first use, so `import vbparse` (and `vbparse --version`) stays fast:
the parser pulls in pdfminer, pdfium, pydantic and pandas."""


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


logging.getLogger("vbparse").addHandler(logging.NullHandler())  # a library prints nothing unless asked

__all__ = [
    "Activity",
    "Check",
    "ComplaintRow",
    "Corpus",
    "DamagedPdfError",
    "EncryptedPdfError",
    "Failure",
    "Goal",
    "Indicator",
    "LimitExceededError",
    "Limits",
    "NoTextLayerError",
    "NotAPdfError",
    "NotAReportError",
    "ParseWarning",
    "Report",
    "ReportMeta",
    "Section",
    "Source",
    "Value",
    "VbparseError",
    "__version__",
    "json_schema",
    "parse",
    "parse_many",
]
