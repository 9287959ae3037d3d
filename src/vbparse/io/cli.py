"""The `vbparse` command: parse one report, export many, check them, inspect what was found.

Exit status: 0 parsed, 1 parsed with warnings when --strict, 2 bad input or usage.
Errors are one line on stderr ("vbparse: error: …"); --debug shows the traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import VbparseError

if TYPE_CHECKING:  # pragma: no cover
    from .export import Format

# What the options accept, spelled here so `vbparse --version` and `--help` import no
# parser (pdfminer, pdfium, pandas); tests/test_cli.py checks they match readers and export.
READERS = ("auto", "pdfium", "pdfplumber")
FORMATS = ("csv", "csv-sv", "xlsx", "parquet")
CSV_FORMATS = ("csv", "csv-sv")

EXIT_OK, EXIT_WARNINGS, EXIT_BAD = 0, 1, 2

MAIN_EPILOG = """\
examples:
  vbparse parse vb2023.pdf > vb2023.json          the report as JSON
  vbparse parse vb2023.pdf --format csv -o out/    five tables: goals, indicators, ...
  vbparse export reports/ 'arkiv/*.pdf' --out tables/ --format xlsx
  vbparse inspect vb2023.pdf --png pages/          what was found on which page

exit status: 0 parsed, 1 parsed with warnings (only with --strict), 2 bad input or usage
"""

PARSE_EPILOG = """\
examples:
  vbparse parse vb2023.pdf                          JSON on stdout, exactly report.to_json()
  vbparse parse vb2023.pdf -o vb2023.json
  vbparse parse vb2023.pdf --format csv -o vb2023/  one CSV per table in folder vb2023/
  vbparse parse vb2023.pdf --format csv-sv -o vb2023/   semicolons, decimal comma, for Swedish Excel
  vbparse parse vb2023.pdf --format xlsx -o vb2023.xlsx
  vbparse parse vb2023.pdf --strict && echo clean  exit 1 when the parser had warnings
"""

EXPORT_EPILOG = """\
REPORTS may be files, folders (their *.pdf files) and globs (quote them).
Files that cannot be parsed are listed in OUT/failures.csv (and, with --format xlsx, on
the workbook's "failures" sheet); the others are still exported
(exit status 0). Folder entries not read (not named *.pdf, sub-folders) are listed in
OUT/skipped.csv. All tables are written to a temporary folder first and moved into OUT
together, so a failed run leaves the previous run's tables as they were. Only when no
file at all could be parsed is the exit status 2. What the parser found odd, skipped or
guessed is in the warnings table; with --strict any warning makes the exit status 1.

examples:
  vbparse export reports/ --out tables/                     tables/goals.csv, indicators.csv, ...
  vbparse export 'vb*.pdf' --out tables/ --format xlsx      tables/vbparse.xlsx, one sheet per table
  vbparse export reports/ --out pq/ --format parquet --workers 8 --timeout 120
"""

INSPECT_EPILOG = """\
examples:
  vbparse inspect vb2023.pdf                 counts, a page map, coverage, leftover lines, warnings
  vbparse inspect vb2023.pdf --png pages/    also page images with boxes around what was found
"""

CSV_ESCAPE_HELP = (
    "in CSV, do not put an apostrophe before text starting with = + - @ tab or CR "
    "(it stops spreadsheets running it as a formula; numbers like -3 are never changed)"
)

CHECK_EPILOG = """\
Every check compares two things a report (or last year's report) says: a complaint row's
total and its period cells, the two complaint groups, assessments, previous-year columns,
goal numbers, contents page numbers. Failed checks are listed first. A failed check never
changes a value: the values stay as printed.

examples:
  vbparse check vb2023.pdf vb2024.pdf              a table on standard output
  vbparse check reports/ --strict                  exit 1 when any check failed
  vbparse check reports/ --format csv > checks.csv
"""

CHECK_FORMATS = ("table", "json", "csv")

XLSX_NAME = "vbparse.xlsx"
"""The workbook `vbparse export --format xlsx` writes in the --out folder."""


class UsageError(Exception):
    """Bad command-line use: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + message
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="vbparse",
        formatter_class=fmt,
        epilog=MAIN_EPILOG,
        description="Stockholm city unit reports (VB, T1, T2, VP) from PDF into data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks of errors")
    common.add_argument(
        "--reader",
        choices=READERS,
        default="auto",
        help="page reader: auto (default: pdfium, else pdfplumber), pdfium, pdfplumber (the reference)",
    )
    common.add_argument(
        "--password",
        metavar="PW",
        default=None,
        help="password of password-protected PDFs (unprotected ones open as usual)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "parse",
        parents=[common],
        formatter_class=fmt,
        epilog=PARSE_EPILOG,
        help="parse one report",
        description="Parse one report into JSON or tables.",
    )
    p.add_argument("report", metavar="REPORT.pdf", help="the report PDF ('-' reads standard input)")
    p.add_argument(
        "--format",
        choices=["json", *FORMATS],
        default="json",
        help="json (default), csv/csv-sv/parquet (a folder, one file per table), xlsx (a file)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="output file (json, xlsx) or folder (csv, parquet)")
    p.add_argument("--strict", action="store_true", help="exit 1 when the parser reported warnings")
    p.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr")
    p.add_argument("--no-csv-escape", dest="safe_csv", action="store_false", help=CSV_ESCAPE_HELP)
    p.set_defaults(run=cmd_parse)

    e = sub.add_parser(
        "export",
        parents=[common],
        formatter_class=fmt,
        epilog=EXPORT_EPILOG,
        help="parse many reports into one table per frame",
        description="Parse many reports in parallel and write one table per frame.",
    )
    e.add_argument("reports", metavar="REPORTS", nargs="+", help="PDF files, folders or globs")
    e.add_argument("--out", required=True, metavar="DIR", help="output folder (created if missing)")
    e.add_argument("--format", choices=FORMATS, default="csv", help="csv (default), csv-sv, xlsx, parquet")
    e.add_argument("--workers", type=_positive_int, metavar="N", help="parallel processes (default: CPUs)")
    e.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="S",
        help="seconds one file may take before it is skipped (default: 60)",
    )
    e.add_argument("--strict", action="store_true", help="exit 1 when any report has warnings")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    e.add_argument("--no-csv-escape", dest="safe_csv", action="store_false", help=CSV_ESCAPE_HELP)
    e.set_defaults(run=cmd_export)

    i = sub.add_parser(
        "inspect",
        parents=[common],
        formatter_class=fmt,
        epilog=INSPECT_EPILOG,
        help="show what was found where",
        description="Show what the parser found, page by page.",
    )
    i.add_argument("report", metavar="REPORT.pdf", help="the report PDF")
    i.add_argument("--png", metavar="DIR", help="also write page images with found parts boxed to DIR")
    i.set_defaults(run=cmd_inspect)

    c = sub.add_parser(
        "check",
        parents=[common],
        formatter_class=fmt,
        epilog=CHECK_EPILOG,
        help="check what the reports say twice",
        description="Parse reports and compare what they say twice: totals, "
        "last year's figures, goal numbers, page numbers.",
    )
    c.add_argument("reports", metavar="REPORTS", nargs="+", help="PDF files, folders or globs")
    c.add_argument("--strict", action="store_true", help="exit 1 when any check failed")
    c.add_argument(
        "--format", choices=CHECK_FORMATS, default="table", help="table (default), json or csv, on standard output"
    )
    c.add_argument("--workers", type=_positive_int, metavar="N", help="parallel processes (default: CPUs)")
    c.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="S",
        help="seconds one file may take before it is skipped (default: 60)",
    )
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    c.set_defaults(run=cmd_check)
    return parser


def _version() -> str:
    from .. import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    debug = "--debug" in argv
    # pdfminer logs every oddity of a PDF it survives; the report's warnings say what matters
    logging.getLogger("pdfminer").setLevel(logging.DEBUG if debug else logging.ERROR)
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:  # `vbparse parse x.pdf | head`: the reader has all it wanted
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if debug:
            raise
        _say(f"error: {_message(exc)}")
        return EXIT_BAD


def _message(exc: BaseException) -> str:
    """What a person needs to read: our messages as they are, others with their type."""
    export = sys.modules.get(f"{__package__}.export")  # only there once a format was written
    ours = (UsageError, VbparseError, *((export.MissingExtraError,) if export else ()))
    if isinstance(exc, ours):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc} (run with --debug for details)"


def _say(text: str) -> None:
    print(f"vbparse: {' '.join(text.split())}", file=sys.stderr)


def _tolerant_streams() -> None:
    """Never fail on printing a character the terminal's encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def _write_stdout(text: str) -> None:
    """UTF-8 whatever the locale: the JSON must be exactly the contract."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(text)


URL_PREFIXES = ("http://", "https://")


def _check_inputs(paths: Sequence[str], *, must_exist: bool) -> None:
    """Refuse a URL (never fetched) and, for one-file commands, a path that is not there."""
    for path in paths:
        if path.lower().startswith(URL_PREFIXES):
            raise UsageError(f"{path}: URLs are not read; download the file first and give its path")
        if must_exist and path != "-" and not os.path.lexists(path):
            raise UsageError(f"no such file: {path}")


def _parse_one(report: str, reader: str = "auto", password: str | None = None) -> Any:
    from .. import api

    _check_inputs([report], must_exist=True)
    if report == "-":
        return api.parse(sys.stdin.buffer.read(), reader=reader, password=password)
    return api.parse(report, reader=reader, password=password)


def cmd_parse(args: argparse.Namespace) -> int:
    from .export import atomic_path, check_format, write_frames

    fmt, out = args.format, args.output
    if fmt != "json":
        if not out:
            kind = "a file" if fmt == "xlsx" else "a folder"
            raise UsageError(f"--format {fmt} needs -o OUT ({kind}) (see 'vbparse parse --help')")
        check_format(fmt)
    _check_inputs([args.report], must_exist=True)
    if args.report != "-" and os.path.isdir(args.report):
        raise UsageError(f"{args.report} is a folder; parse takes one file (use 'vbparse export' for many)")
    report = _parse_one(args.report, args.reader, args.password)
    if fmt == "json":
        text = report.to_json() + "\n"
        if out:
            with atomic_path(out) as tmp:
                tmp.write_text(text, encoding="utf-8")
        else:
            _write_stdout(text)
    else:
        write_frames(report.to_frames(), out, fmt, safe_csv=args.safe_csv)
    if report.warnings and not args.quiet:
        _say(f"{len(report.warnings)} warning(s); 'vbparse inspect {args.report}' lists them")
    return EXIT_WARNINGS if args.strict and report.warnings else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    import pandas as pd

    from .corpus import expand, parse_many
    from .export import check_format, write_frames, write_set, write_table, write_xlsx

    check_format(args.format)
    _check_inputs(args.reports, must_exist=False)
    files, skipped = expand(args.reports)
    if not files:
        raise UsageError(f"no PDF files found in: {' '.join(args.reports)}")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder")
    corpus = parse_many(
        files,
        workers=args.workers,
        timeout_s=args.timeout,
        progress=_progress(args.quiet),
        reader=args.reader,
        password=args.password,
    )
    frames = corpus.to_frames()
    failures = pd.DataFrame(
        [(f.path, type(f.error).__name__, f.reason) for f in corpus.failures], columns=["file", "error", "reason"]
    ).astype("string")
    failures_fmt: Format = args.format if args.format in CSV_FORMATS else "csv"
    not_read = pd.DataFrame(skipped, columns=["file", "reason"]).astype("string")
    listed = {
        "failures.csv": lambda p: write_table(failures, p, failures_fmt, safe_csv=args.safe_csv),
        "skipped.csv": lambda p: write_table(not_read, p, failures_fmt, safe_csv=args.safe_csv),
    }
    if args.format == "xlsx":  # the workbook and the failures as one set
        sheets: dict[str, pd.DataFrame] = {**frames, "failures": failures, **({"skipped": not_read} if skipped else {})}
        write_set(out, {XLSX_NAME: lambda p: write_xlsx(sheets, p), **listed})
    else:
        write_frames(frames, out, args.format, safe_csv=args.safe_csv, extra=listed)
    for f in corpus.failures[:10]:
        _say(f"failed: {f.error}")
    if len(corpus.failures) > 10:
        _say(f"… and {len(corpus.failures) - 10} more")
    if skipped:
        _say(f"{len(skipped)} folder entries not read (not *.pdf, or sub-folders): see {out / 'skipped.csv'}")
    done, failed = len(corpus.reports), len(corpus.failures)
    note = f"; {failed} failed (see {out / 'failures.csv'})" if failed else "; none failed"
    _say(f"exported {done} of {len(files)} reports to {out}{note}; {_warning_note(corpus.reports)}")
    if not done:
        return EXIT_BAD  # nothing parsed at all is bad input, not a partial batch
    return EXIT_WARNINGS if args.strict and any(r.warnings for r in corpus.reports) else EXIT_OK


def _warning_note(reports: Sequence[Any]) -> str:
    """'3 with warnings (cell_outside_columns 5, unplaced_text 1)', most frequent code first."""
    from collections import Counter

    with_warnings = sum(1 for r in reports if r.warnings)
    if not with_warnings:
        return "none with warnings"
    codes = Counter(w.code for r in reports for w in r.warnings)
    listed = ", ".join(f"{code} {n}" for code, n in codes.most_common())
    return f"{with_warnings} with warnings ({listed}; see the warnings table)"


def cmd_inspect(args: argparse.Namespace) -> int:
    from .pagemap import describe, render_pngs

    _check_inputs([args.report], must_exist=True)
    if os.path.isdir(args.report):
        raise UsageError(f"{args.report} is a folder; inspect takes one file")
    report = _parse_one(args.report, args.reader, args.password)
    print(describe(report))
    if args.png:
        written, problems = render_pngs(args.report, report, args.png)
        for problem in problems:
            _say(f"png: {problem}")
        _say(f"wrote {len(written)} page image(s) to {args.png}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .corpus import expand, parse_many

    _check_inputs(args.reports, must_exist=False)
    files, _skipped = expand(args.reports)
    if not files:
        raise UsageError(f"no PDF files found in: {' '.join(args.reports)}")
    corpus = parse_many(
        files,
        workers=args.workers,
        timeout_s=args.timeout,
        progress=_progress(args.quiet),
        reader=args.reader,
        password=args.password,
    )
    for f in corpus.failures:
        _say(f"failed: {f.error}")
    if not corpus.reports:
        _say("no report could be parsed")
        return EXIT_BAD
    checks = sorted(corpus.checks(), key=lambda c: c.passed)  # stable: failed first, else as found
    failed = sum(not c.passed for c in checks)
    count = f"{len(checks)} checks, {failed} failed"
    text = _format_checks(checks, args.format)
    _write_stdout(text + count + "\n" if args.format == "table" else text)
    if args.format != "table":
        _say(count)
    if corpus.failures:
        _say(f"{len(corpus.failures)} of {len(files)} files could not be parsed (listed above)")
    return EXIT_WARNINGS if args.strict and failed else EXIT_OK


CHECK_FIELDS = ("code", "passed", "page", "items", "message")


def _format_checks(checks: Sequence[Any], fmt: str) -> str:
    """The checks as a plain-text table, JSON (a list of objects) or CSV."""
    rows = [
        {"code": c.code, "passed": c.passed, "page": c.page, "items": " ".join(c.items), "message": c.message}
        for c in checks
    ]
    if fmt == "json":
        import json

        return json.dumps([c.model_dump() for c in checks], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CHECK_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    return _text_table(rows)


def _text_table(rows: list[dict[str, Any]]) -> str:
    """Columns padded to their widest cell (items capped); the message runs to the end of the line."""
    cells = [
        [
            ("ok" if r["passed"] else "FAILED") if k == "passed" else "" if r[k] is None else str(r[k])
            for k in CHECK_FIELDS
        ]
        for r in rows
    ]
    header = list(CHECK_FIELDS)
    widths = [min(60, max(len(row[i]) for row in [header, *cells])) for i in range(len(CHECK_FIELDS) - 1)]
    lines = [
        "  ".join([*(_fit(c, w) for c, w in zip(row[:-1], widths, strict=True)), row[-1]]) for row in [header, *cells]
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _fit(text: str, width: int) -> str:
    """`text` padded to `width`, or cut with an ellipsis."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _progress(quiet: bool) -> bool | Callable[[int, int], None]:
    """A progress bar on a terminal; plain periodic lines when stderr is a file or pipe."""
    if quiet:
        return False
    if sys.stderr.isatty():
        return True
    return _LineProgress()


class _LineProgress:
    """Says "parsed 10 of 240 files" every tenth of the batch or 30 s, and at the end."""

    def __init__(self, every_s: float = 30.0) -> None:
        self.every_s = every_s
        self.last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        step = max(1, total // 10)
        if done == total or done % step == 0 or now - self.last >= self.every_s:
            self.last = now
            _say(f"parsed {done} of {total} files")
