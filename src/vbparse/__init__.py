"""vbparse: Stockholm city unit reports from PDF into typed, trustworthy data."""

from __future__ import annotations

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
from .limits import Limits
from .model import (
    Activity,
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

__version__ = "0.1.0"

__all__ = [
    "Activity",
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
    "json_schema",
    "parse",
    "parse_many",
]
