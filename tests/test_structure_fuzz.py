"""Structure-level fuzz: the words the structure layer sees are dropped, duplicated,
reordered, moved and split; the outcome must be a Report or a VbparseError, quickly.

The pages are read once from a fixture; each example mutates a copy of their words.
`VBPARSE_FUZZ_PROFILE=long` runs many more examples.
"""

from __future__ import annotations

import copy
import os
import time
from functools import cache
from pathlib import Path

import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbparse import Report, VbparseError
from vbparse.model import Source
from vbparse.pdf.reading import PageData, Word, read_pages
from vbparse.report.pipeline import build_report

ROOT = Path(__file__).resolve().parents[1]
LONG = os.environ.get("VBPARSE_FUZZ_PROFILE") == "long"
FIXTURES = ["seed000-a_sans_grid", "seed001-c_serif_norules", "seed001-e_rl_serif_norules"]


@cache
def _pages(name: str) -> list[PageData]:
    with pdfplumber.open(ROOT / "fixtures" / "pdf" / f"{name}.pdf") as pdf:
        return read_pages(pdf)


def _mutate(pages: list[PageData], ops: list[tuple[str, int, int]]) -> list[PageData]:
    out = copy.deepcopy(pages)
    for op, a, b in ops:
        page = out[a % len(out)]
        if not page.words:
            continue
        i = b % len(page.words)
        w = page.words[i]
        if op == "drop":
            del page.words[i]
        elif op == "dup":
            page.words.insert(i, copy.copy(w))
        elif op == "move":  # to another height on the page: reorders lines
            w.top, w.bottom = (w.top + 37.0 * (a % 7) - 100.0) % page.height, 0.0
            w.bottom = w.top + 8.0
        elif op == "split" and len(w.text) > 1:
            cut = 1 + a % (len(w.text) - 1)
            mid = w.x0 + (w.x1 - w.x0) * cut / len(w.text)
            page.words[i : i + 1] = [
                Word(w.text[:cut], w.x0, mid, w.top, w.bottom, w.size, w.bold, w.page),
                Word(w.text[cut:], mid, w.x1, w.top, w.bottom, w.size, w.bold, w.page),
            ]
        elif op == "drop_page":
            page.words.clear()
        elif op == "swap_pages":
            j = b % len(out)
            out[a % len(out)], out[j] = out[j], out[a % len(out)]
    return out


OPS = st.lists(
    st.tuples(
        st.sampled_from(["drop", "dup", "move", "split", "drop_page", "swap_pages"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=60,
)


@settings(
    max_examples=400 if LONG else 15,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(name=st.sampled_from(FIXTURES), ops=OPS)
def test_mutated_text_layer_gives_report_or_typed_error(name: str, ops: list[tuple[str, int, int]]) -> None:
    pages = _mutate(_pages(name), ops)
    t = time.perf_counter()
    try:
        report = build_report(pages, Source(file=f"{name}.pdf", pages=len(pages)), name)
    except VbparseError:
        return
    assert isinstance(report, Report)
    assert time.perf_counter() - t < 10.0
    # what the mutation made unplaceable is reported, not dropped
    unplaced = [w for w in report.warnings if w.code == "unplaced_text"]
    assert len(unplaced) == len(report.coverage.leftovers)
    for w in unplaced:  # each says where the text stands: a box with area on its page
        assert w.box is not None and w.page is not None, w
        assert w.box[0] < w.box[2] and w.box[1] < w.box[3], w
