"""Tables read from geometry: edges → header band → columns → rows → indicator, activity
and complaint rows. Each module has one job; `reader` puts them together for the walker.
"""

from .header import Header, header_at, is_header_line
from .reader import TableReader

__all__ = ["Header", "TableReader", "header_at", "is_header_line"]
