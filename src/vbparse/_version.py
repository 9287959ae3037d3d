"""The one place the version lives (pyproject reads it; JSON carries it as source.parser_version)."""

__version__ = "0.2.0"
