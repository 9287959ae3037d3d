"""vbparse: Stockholm city unit reports from PDF into typed, trustworthy data."""

from __future__ import annotations

import logging

from ._version import __version__
from .api import parse
from .corpus import Corpus, Failure, parse_many
from .errors import (
    DamagedPdfError,
    EncryptedPdfError,
    LimitExceededError,
    NotAPdfError,
    NotAReportError,
    NoTextLayerError,
    VbparseError,
)
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
