"""Fuzzing: mutated PDFs make `parse` return a Report or raise VbparseError, in bounded time.

Seeds are the fixture reports (fixtures/pdf), an uncompressed copy of one (so mutations
reach the content-stream parser and the layout code, not only zlib), the readable
samples in fixtures/bad, and a minimal hand-built PDF. Each case applies 1-3 mutations
(byte flips, truncation, dropped or duplicated objects, garbage appended or inserted,
corrupted streams, extreme numbers, deleted tokens, spliced chunks) or structure-aware
ones (issue 14: objects and stream lengths that refer to themselves, ToUnicode ranges
over billions of codes, operator floods, /Rotate on a page). Parsing runs in-process,
the path with only cooperative bounds, with its time limit inside the hang bound.

The default run stays under a minute. VBPARSE_FUZZ_PROFILE=long runs thousands of cases;
scripts/fuzz_long.py runs any number in parallel worker processes and prints a summary.
The mutation engine (draw_op, apply_ops, run_one, seeds) is shared with that script.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbparse

ROOT = Path(__file__).resolve().parents[1]
TIME_BOUND_S = 10.0
"""One input may take this long (a fixture report parses in ~0.3 s)."""

settings.register_profile(
    "vbparse-fuzz-default",
    max_examples=int(os.environ.get("VBPARSE_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("VBPARSE_FUZZ_EXAMPLES", "3000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = "long" if os.environ.get("VBPARSE_FUZZ_PROFILE") == "long" else "vbparse-fuzz-default"


# --- seeds -------------------------------------------------------------------------------


def _uncompressed(data: bytes) -> bytes:
    """The same document with its page content streams stored uncompressed."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        page.replace_contents(ContentStream(page.get_contents(), writer))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@functools.cache
def seeds() -> tuple[bytes, ...]:
    """Mutation seeds, small ones first; at least the hand-built PDF."""
    reports = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)[:3]
    out = [p.read_bytes() for p in reports]
    if out:
        out.append(_uncompressed(out[0]))
    bad = ROOT / "fixtures" / "bad"
    out += [(bad / n).read_bytes() for n in ("truncated_repairable.pdf", "owner_password_only.pdf")]
    out.append(
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n"
        b"4 0 obj\n<< /Length 56 >>\nstream\nBT /F1 12 Tf 72 700 Td (Verksamhetsber\\344ttelse 2023) Tj ET\n"
        b"endstream\nendobj\n5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    return tuple(out)


# --- mutations ---------------------------------------------------------------------------

KINDS = (
    "flip",
    "truncate",
    "drop_object",
    "duplicate_object",
    "append_garbage",
    "insert_garbage",
    "corrupt_stream",
    "extreme_number",
    "delete_token",
    "splice",
    # structure-aware (issue 14): what hostile files do on purpose
    "self_reference",
    "length_reference",
    "huge_range",
    "operator_flood",
    "rotate",
)
Op = tuple[str, int, int, int]

OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b.*?\bendobj\b", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
NUMBER = re.compile(rb"(?<![\w.#])-?\d+(?:\.\d+)?(?![\w.])")
TOKEN = re.compile(
    rb">>|<<|\[|\]|\bendobj\b|\bendstream\b|\bstream\b|\bobj\b|\bxref\b|\btrailer\b"
    rb"|/Type|/Kids|/Contents|/Length|/Filter|\bR\b"
)
EXTREMES = (
    b"0",
    b"-1",
    b"2147483648",
    b"99999999999999999999",
    b"1e308",
    b"-0.0000001",
    b"4294967295",
    b"65536",
)


OBJ_HEAD = re.compile(rb"(\d+)\s+\d+\s+obj\b")
FONT = re.compile(rb"/Type\s*/Font\b")
PAGE = re.compile(rb"/Type\s*/Page(?!s)\b(?:\s*/Rotate\s+-?\d+)?")
LENGTH = re.compile(rb"/Length\s+\d+(?:\s+\d+\s+R)?")
HUGE_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> "
    b"endcodespacerange 1 beginbfrange <%s> <%s> <0041> endbfrange endcmap end end"
)


def _with_body(data: bytes, m: re.Match[bytes], body: bytes) -> bytes:
    """The object matched by `m` (OBJECT) with a new body; offsets after it shift (xref repair)."""
    head = OBJ_HEAD.match(m.group())
    assert head is not None
    return data[: m.start()] + head.group() + b"\n" + body + b"\nendobj" + data[m.end() :]


def _structural(data: bytes, kind: str, a: int, b: int, c: int) -> bytes:
    """Mutations that build what hostile files contain: reference loops, ranges of billions
    of codes, operator floods, turned pages."""
    objects = list(OBJECT.finditer(data))
    m = _pick(objects, a)
    if m is None:
        return data
    number = OBJ_HEAD.match(m.group()).group(1)  # type: ignore[union-attr]
    if kind == "self_reference":  # `6 0 obj 6 0 R endobj`, or a cycle through a second object
        other = OBJ_HEAD.match(objects[b % len(objects)].group()).group(1)  # type: ignore[union-attr]
        data = _with_body(data, m, number + b" 0 R" if c % 2 else other + b" 0 R")
        if not c % 2:
            data = _with_body(data, _pick(list(OBJECT.finditer(data)), b), number + b" 0 R")  # type: ignore[arg-type]
        return data
    if kind == "length_reference":  # a stream's /Length refers to an object that refers to itself
        streams = [o for o in objects if b"stream" in o.group()]
        t = _pick(streams, b)
        if t is None or t.start() == m.start():
            return data
        head = OBJ_HEAD.match(t.group())
        assert head is not None
        body = LENGTH.sub(b"/Length " + number + b" 0 R", t.group()[head.end() : -len(b"endobj")], count=1)
        data = _with_body(data, t, body.strip())
        loop = _pick([o for o in OBJECT.finditer(data) if o.group().startswith(number + b" ")], 0)
        return data if loop is None else _with_body(data, loop, number + b" 0 R")
    if kind == "huge_range":  # a font's ToUnicode: one bfrange over up to 2**32 codes
        fonts = list(FONT.finditer(data))
        f = _pick(fonts, b)
        if f is None:
            return data
        width = 1 + c % 4
        cmap = HUGE_CMAP % (b"00" * width, b"FF" * width)
        data = _with_body(data, m, b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        f = _pick(list(FONT.finditer(data)), b)
        if f is None:  # the font was the object replaced
            return data
        return data[: f.end()] + b" /ToUnicode " + number + b" 0 R" + data[f.end() :]
    if kind == "operator_flood":  # a stream replaced by up to 51 000 operators
        m = _pick([o for o in objects if b"stream" in o.group()], a) or m
        ops = b"BT /F1 9 Tf 40 %d Td\n" % (100 + c % 600) + b"(x) Tj 1 0 Td\n" * (1000 + (b % 50) * 1000) + b"ET"
        return _with_body(data, m, b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
    if kind == "rotate":  # /Rotate 90, 180, 270 (or an odd value) on one page
        pages = list(PAGE.finditer(data))
        p = _pick(pages, b)
        if p is None:
            return data
        turn = (90, 180, 270, -90, 45, 450)[c % 6]
        return data[: p.start()] + b"/Type /Page /Rotate %d" % turn + data[p.end() :]
    raise ValueError(kind)


def draw_op(draw: Callable[[int, int], int]) -> Op:
    """One mutation from three integers (hypothesis shrinks them, random draws them)."""
    return (KINDS[draw(0, len(KINDS) - 1)], draw(0, 2**32 - 1), draw(0, 2**32 - 1), draw(0, 2**16))


def _pick(matches: list[re.Match[bytes]], a: int) -> re.Match[bytes] | None:
    return matches[a % len(matches)] if matches else None


def apply_op(data: bytes, op: Op) -> bytes:
    kind, a, b, c = op
    n = len(data)
    rng = random.Random(b)
    if n == 0:
        return rng.randbytes(c % 64)
    if kind == "flip":
        buf = bytearray(data)
        for _ in range(1 + c % 8):
            buf[rng.randrange(n)] ^= rng.randrange(1, 256)
        return bytes(buf)
    if kind == "truncate":
        return data[: a % (n + 1)]
    if kind == "append_garbage":
        return data + rng.randbytes(1 + c % 4096)
    if kind == "insert_garbage":
        at = a % (n + 1)
        return data[:at] + rng.randbytes(1 + c % 512) + data[at:]
    if kind == "splice":
        start, length, at = a % n, 1 + c % 2048, b % n
        return data[:at] + data[start : start + length] + data[at:]
    if kind in ("drop_object", "duplicate_object"):
        objects = list(OBJECT.finditer(data))
        m = _pick(objects, a)
        if m is None:
            return data
        if kind == "drop_object":
            return data[: m.start()] + data[m.end() :]
        at = objects[b % len(objects)].start()
        return data[:at] + m.group() + b"\n" + data[at:]
    if kind == "corrupt_stream":
        m = _pick(list(STREAM.finditer(data)), a)
        if m is None:
            return data
        s, e = m.span(1)
        body = bytearray(data[s:e])
        if body:
            mode = c % 3
            if mode == 0:  # overwrite a slice with noise
                i = rng.randrange(len(body))
                body[i : i + 1 + c % 64] = rng.randbytes(len(body[i : i + 1 + c % 64]))
            elif mode == 1:  # cut the stream short (its /Length now lies)
                del body[rng.randrange(len(body)) :]
            else:  # replace it wholesale
                body = bytearray(rng.randbytes(1 + c % 256))
        return data[:s] + bytes(body) + data[e:]
    if kind == "extreme_number":
        m = _pick(list(NUMBER.finditer(data)), a)
        if m is None:
            return data
        return data[: m.start()] + EXTREMES[b % len(EXTREMES)] + data[m.end() :]
    if kind in ("self_reference", "length_reference", "huge_range", "operator_flood", "rotate"):
        return _structural(data, kind, a, b, c)
    if kind == "delete_token":
        m = _pick(list(TOKEN.finditer(data)), a)
        if m is None:
            return data
        return data[: m.start()] + data[m.end() :]
    raise ValueError(kind)


def apply_ops(data: bytes, ops: list[Op]) -> bytes:
    for op in ops:
        data = apply_op(data, op)
    return data


# --- running one input -------------------------------------------------------------------


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in pdfminer eats it."""


@dataclass(frozen=True)
class Outcome:
    kind: str  # "report", "error" (a VbparseError), "crash" (anything else), "hang"
    detail: str
    seconds: float


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def limits_for(bound_s: float) -> vbparse.Limits:
    """In-process (the path with only cooperative bounds, so the one to attack), with the
    parse's own time limit well inside the hang bound: running out of it is a typed error."""
    return vbparse.Limits(isolate=False, timeout_s=max(1.0, bound_s * 0.8))


def run_one(data: bytes, bound_s: float = TIME_BOUND_S) -> Outcome:
    """parse(data) under a SIGALRM time bound (main thread only), classified."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, bound_s)
    started = time.perf_counter()
    try:
        report = vbparse.parse(data, limits=limits_for(bound_s))
        kind, detail = "report", f"{report.source.pages} pages, {len(list(report.iter_goals()))} goals"
    except _Hang:
        kind, detail = "hang", f"longer than {bound_s:g} s"
    except vbparse.VbparseError as exc:
        cause = re.findall(r"\(([A-Z]\w+)[:)]", exc.problem)  # e.g. "(PSSyntaxError: ...)"
        kind, detail = "error", type(exc).__name__ + (f" ({cause[-1]})" if cause else "")
    except Exception as exc:
        kind, detail = "crash", f"{type(exc).__name__}: {exc}"[:300]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome(kind, detail, time.perf_counter() - started)


# --- the test ----------------------------------------------------------------------------


@st.composite
def cases(draw: st.DrawFn) -> tuple[int, list[Op]]:
    seed = draw(st.integers(0, len(seeds()) - 1))
    n_ops = draw(st.integers(1, 3))
    return seed, [draw_op(lambda lo, hi: draw(st.integers(lo, hi))) for _ in range(n_ops)]


@pytest.fixture(scope="module", autouse=True)
def _quiet_pdfminer() -> Iterator[None]:
    """Broken input makes pdfminer log thousands of warnings; they are expected here."""
    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.CRITICAL)
    yield
    log.setLevel(level)


def test_seeds_parse() -> None:
    """The unmutated seeds are reports (the bare hand-built one is not, but must fail typed)."""
    outcomes = [run_one(s) for s in seeds()]
    assert all(o.kind in ("report", "error") for o in outcomes), outcomes
    assert sum(o.kind == "report" for o in outcomes) >= len(seeds()) - 1, outcomes


@settings(settings.get_profile(PROFILE))
@given(case=cases())
def test_mutated_pdf_gives_report_or_typed_error(case: tuple[int, list[Op]]) -> None:
    seed, ops = case
    outcome = run_one(apply_ops(seeds()[seed], ops))
    assert outcome.kind in ("report", "error"), f"{outcome.kind}: {outcome.detail} (seed {seed}, ops {ops})"
