"""The pdfminer internals vbparse's bounds replace, checked once at import.

`guard` (stream decoders) and `caps` (reference chains, font ranges, line readers)
swap these names while a parse runs. They are not pdfminer's public API, so a pdfminer
release that renames one would silently unbound the parser; instead, importing vbparse
fails here with a message naming what is missing and the versions that are known to work.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

TESTED = "pdfminer.six 20251230 to 20260107 (pdfplumber 0.11.9 to 0.11.10)"

REQUIRED: tuple[tuple[str, str], ...] = (
    ("pdfminer.pdftypes", "zlib"),
    ("pdfminer.pdftypes", "decompress_corrupted"),
    ("pdfminer.pdftypes", "lzwdecode"),
    ("pdfminer.pdftypes", "rldecode"),
    ("pdfminer.pdftypes", "ccittfaxdecode"),
    ("pdfminer.pdftypes", "apply_png_predictor"),
    ("pdfminer.pdftypes", "apply_tiff_predictor"),
    ("pdfminer.pdftypes", "PDFObjRef.resolve"),
    ("pdfminer.psparser", "PSStackParser.nextobject"),
    ("pdfminer.psparser", "PSBaseParser.nextline"),
    ("pdfminer.psparser", "PSBaseParser.revreadlines"),
    ("pdfminer.cmapdb", "CMapParser.do_keyword"),
    ("pdfminer.pdffont", "get_widths"),
    ("pdfminer.pdffont", "get_widths2"),
)
"""(module, attribute path) of every pdfminer name the bounds replace."""


def missing() -> list[str]:
    """The required names this pdfminer lacks."""
    out = []
    for module_name, path in REQUIRED:
        obj: object = import_module(module_name)
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                out.append(f"{module_name}.{path}")
                break
    return out


def check() -> None:
    """Raise ImportError naming what is missing when this pdfminer cannot be bounded."""
    gone = missing()
    if gone:
        try:
            have = version("pdfminer.six")
        except PackageNotFoundError:  # pragma: no cover - pdfminer imported but not installed?
            have = "unknown"
        raise ImportError(
            f"vbparse cannot bound this pdfminer.six ({have}): it lacks {', '.join(gone)}. Known to work: {TESTED}."
        )
