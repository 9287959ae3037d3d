"""Bad input gets a typed error naming the file, bounded work, or — if readable — a Report."""

from __future__ import annotations

import importlib.util
import io
import multiprocessing
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pdfminer import pdftypes
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode

import vbparse
from vbparse.errors import LimitExceededError, NotAPdfError
from vbparse.isolation import parse_isolated
from vbparse.pdf import guard
from vbparse.pdf.limits import Limits
from vbparse.pdf.pdfopen import open_pdf, repair_note

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "fixtures" / "bad"
REPORT = ROOT / "fixtures" / "pdf" / "sample-d_rl_helvetica_grid.pdf"
MB = 1024 * 1024

_spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
assert _spec and _spec.loader
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

READERS = ["pdfium", "pdfplumber"]
"""Every guarantee below holds whichever reader reads the pages."""

ERROR_SAMPLES = sorted(n for n, want in make_bad.EXPECTED.items() if want != "Report")
REPORT_SAMPLES = sorted(n for n, want in make_bad.EXPECTED.items() if want == "Report")


# --- one test per bad-input class (the samples and expectations live in fixtures/bad) ---


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", ERROR_SAMPLES)
def test_bad_sample_raises_its_exact_error_naming_the_path(name: str, reader: str) -> None:
    path = BAD / name
    with pytest.raises(vbparse.VbparseError) as info:
        vbparse.parse(str(path), reader=reader)
    assert type(info.value).__name__ == make_bad.EXPECTED[name]
    assert str(path) in str(info.value), "the message must name the file as given"
    assert len(info.value.problem) > 30, "the message must say what is wrong and what to do"


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", REPORT_SAMPLES)
def test_damaged_but_readable_sample_is_parsed(name: str, reader: str) -> None:
    report = vbparse.parse(BAD / name, reader=reader)
    assert report.source.pages == 7
    assert list(report.iter_goals()), "what survived must still be structured"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("empty.pdf", "empty"),
        ("text.pdf", "not a PDF"),
        ("image_png.pdf", "PNG image"),
        ("webpage.pdf", "web page"),
        ("encrypted_aes256.pdf", "password"),
        ("encrypted_rc4.pdf", "password"),
        ("truncated_unrepairable.pdf", "cut short"),
        ("damaged.pdf", "damaged"),
        ("scanned.pdf", "ocrmypdf --language swe in.pdf out.pdf"),
    ],
)
@pytest.mark.parametrize("reader", READERS)
def test_message_says_what_the_file_is(name: str, hint: str, reader: str) -> None:
    with pytest.raises(vbparse.VbparseError, match=hint):
        vbparse.parse(BAD / name, reader=reader)


def test_not_a_pdf_from_bytes_and_file_objects() -> None:
    data = (BAD / "webpage.pdf").read_bytes()
    with pytest.raises(NotAPdfError, match="web page"):
        vbparse.parse(data)
    with open(BAD / "webpage.pdf", "rb") as fh, pytest.raises(NotAPdfError) as info:
        vbparse.parse(fh)
    assert str(BAD / "webpage.pdf") in str(info.value)


def test_unreadable_sources_are_not_a_pdf(tmp_path: Path) -> None:
    missing = tmp_path / "saknas.pdf"
    with pytest.raises(NotAPdfError, match="No such file") as info:
        vbparse.parse(missing)
    assert str(missing) in str(info.value)
    with pytest.raises(NotAPdfError, match="a folder"):
        vbparse.parse(tmp_path)
    with open(BAD / "text.pdf", encoding="utf-8") as fh, pytest.raises(NotAPdfError, match="binary mode"):
        vbparse.parse(fh)  # type: ignore[arg-type]
    with pytest.raises(NotAPdfError, match="give a path, bytes or a binary file object"):
        vbparse.parse(12345)  # type: ignore[arg-type]


@pytest.mark.parametrize("reader", READERS)
def test_owner_password_only_pdf_parses_like_the_plain_one(reader: str) -> None:
    assert b"/Encrypt" in (BAD / "owner_password_only.pdf").read_bytes()
    data = make_bad.owner_password_only()  # from the current fixture report
    assert b"/Encrypt" in data
    encrypted, plain = vbparse.parse(data, reader=reader).to_dict(), vbparse.parse(REPORT).to_dict()
    for d in (encrypted, plain):
        d["source"].pop("sha256")
        d["source"].pop("file")
    assert encrypted == plain


def test_repair_reads_what_survived_and_says_so() -> None:
    data = (BAD / "truncated_repairable.pdf").read_bytes()
    with open_pdf(data) as (pdf, src):
        words = [len(page.extract_words()) for page in pdf.pages]
        note = repair_note(pdf)
    assert src.pages == 7
    assert all(words[:4]) and not any(words[4:]), words
    assert note and "damaged" in note


@pytest.mark.parametrize("reader", READERS)
def test_repaired_pdf_with_no_surviving_content_is_damaged_not_scanned(reader: str) -> None:
    data = make_bad.one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Verksamhetsber\\344ttelse) Tj ET")
    cut = data[: data.index(b"4 0 obj")]  # catalog and page tree survive, the content stream does not
    with pytest.raises(vbparse.DamagedPdfError, match="no page content survived"):
        vbparse.parse(cut, reader=reader)


# --- size and page limits ----------------------------------------------------------------


@pytest.mark.parametrize("reader", READERS)
def test_page_limit(reader: str) -> None:
    with pytest.raises(LimitExceededError, match="max_pages") as info:
        vbparse.parse(str(REPORT), limits=Limits(max_pages=3), reader=reader)
    assert str(REPORT) in str(info.value)
    assert vbparse.parse(REPORT, limits=Limits(max_pages=7), reader=reader).source.pages == 7


@pytest.mark.parametrize("kind", ["path", "bytes", "file"])
def test_file_size_limit(kind: str) -> None:
    source = {"path": REPORT, "bytes": REPORT.read_bytes(), "file": io.BytesIO(REPORT.read_bytes())}[kind]
    with pytest.raises(LimitExceededError, match="max_file_bytes"):
        vbparse.parse(source, limits=Limits(max_file_bytes=10_000))


# --- decompression bombs -----------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(make_bad.make_bomb(300 * MB))
    return path


@pytest.mark.parametrize("reader", READERS)
def test_bomb_is_refused_quickly_without_allocating_its_size(bomb: Path, reader: str) -> None:
    assert bomb.stat().st_size < 1 * MB
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(LimitExceededError, match="max_stream_bytes") as info:
            vbparse.parse(bomb, limits=Limits(max_stream_bytes=50 * MB), reader=reader)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(bomb) in str(info.value)
    assert elapsed < 5, elapsed
    assert peak < 150 * MB, f"peak {peak / MB:.0f} MB"


@pytest.mark.parametrize("reader", READERS)
def test_whole_document_inflation_limit(bomb: Path, reader: str) -> None:
    with pytest.raises(LimitExceededError, match="max_inflated_bytes"):
        vbparse.parse(bomb, limits=Limits(max_stream_bytes=400 * MB, max_inflated_bytes=100 * MB), reader=reader)


def test_guard_is_removed_after_parse(bomb: Path) -> None:
    with pytest.raises(LimitExceededError):
        vbparse.parse(bomb, limits=Limits(max_stream_bytes=10 * MB))
    assert pdftypes.zlib is zlib
    assert pdftypes.lzwdecode is lzwdecode
    assert not guard.guard_active()


def test_guard_budgets_are_per_thread(bomb: Path) -> None:
    """A bomb refused in one thread; a report parsed in another; pdfminer used outside any
    parse (a third thread) keeps its own unbounded behaviour while the guard is installed."""
    results: dict[str, object] = {}
    text = b"BT (x) Tj ET " * 1000

    def run(key: str, fn: Callable[[], object]) -> None:
        try:
            results[key] = fn()
        except Exception as exc:
            results[key] = exc

    jobs = {
        "bomb": lambda: vbparse.parse(bomb, limits=Limits(max_stream_bytes=20 * MB)),
        "report": lambda: vbparse.parse(REPORT).source.pages,
        "plain": lambda: [pdftypes.zlib.decompress(zlib.compress(text)) == text for _ in range(200)],
    }
    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert isinstance(results["bomb"], LimitExceededError)
    assert results["report"] == 7
    assert results["plain"] == [True] * 200
    assert pdftypes.zlib is zlib


def _decode(attrs: bytes, data: bytes, limit: int) -> bytes:
    """Decode one stream through pdfminer under a guard of `limit` bytes."""
    pdf = make_bad.one_page_pdf(data, attrs)
    with guard.inflate_guard(Limits(max_stream_bytes=limit), "x.pdf"), open_pdf(pdf) as (doc, _src):
        return doc.pages[0].page_obj.contents[0].get_data()


def _lzw_encode(data: bytes) -> bytes:
    """LZW as pdfminer's decoder reads it (codes widen one step early; no table reset)."""
    table = {bytes([i]): i for i in range(256)}
    codes, w = [], b""
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        codes.append(table[w])
        table[wc] = len(table) + 2  # 256 and 257 are the reset and end codes
        w = bytes([byte])
    codes.append(table[w])
    acc, nbits, size, width = 256, 9, 258, 9
    for i, code in enumerate([*codes, 257]):
        acc, nbits = (acc << width) | code, nbits + width
        if 1 <= i < len(codes):
            size += 1
            width = 12 if size >= 2047 else 11 if size >= 1023 else 10 if size >= 511 else 9
    acc <<= (-nbits) % 8
    return acc.to_bytes((nbits + 7) // 8, "big")


def test_bounded_decoders_match_pdfminer_on_normal_data() -> None:
    text = b"BT /F1 12 Tf 72 700 Td (Verksamhetsber\\344ttelse) Tj ET\n" * 50
    flate = zlib.compress(text)
    assert _decode(b"/Filter /FlateDecode", flate, MB) == text
    bad_checksum = flate[:-1] + bytes([flate[-1] ^ 0xFF])
    assert _decode(b"/Filter /FlateDecode", bad_checksum, MB) == text
    assert guard._inflate_tolerant(bad_checksum, guard._Budget(Limits(), None)) == text
    lzw = _lzw_encode(text)
    assert lzwdecode(lzw) == text
    assert _decode(b"/Filter /LZWDecode", lzw, MB) == text
    rle = b"".join(bytes([len(text[i : i + 100]) - 1]) + text[i : i + 100] for i in range(0, len(text), 100))
    rle += b"\x80"
    assert rldecode(rle) == text == _decode(b"/Filter /RunLengthDecode", rle, MB)


BOMBS = {
    "lzw": (b"/Filter /LZWDecode", lambda: _lzw_encode(b"\x00" * 3_000_000)),
    "runlength": (b"/Filter /RunLengthDecode", lambda: b"\x81\x00" * 40_000),
    "flate-no-checksum": (b"/Filter /FlateDecode", lambda: zlib.compress(b" " * 5 * MB)[:-4]),
    "predictor-columns": (
        b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 2000000000 >>",
        lambda: zlib.compress(b"x"),
    ),
    "ccitt-columns": (
        b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 10000000 >>",
        lambda: b"\0" * 9,
    ),
}


@pytest.mark.parametrize("kind", sorted(BOMBS))
def test_every_filter_is_bounded(kind: str) -> None:
    attrs, make = BOMBS[kind]
    data = make()
    started = time.monotonic()
    with pytest.raises(LimitExceededError):
        _decode(attrs, data, 2 * MB)
    assert time.monotonic() - started < 5


def test_tolerant_inflate_is_bounded_and_linear() -> None:
    """pdfminer's decompress_corrupted feeds zlib one byte at a time into `bytes +=`."""
    data = zlib.compress(b" " * 20 * MB)[:-4]
    started = time.monotonic()
    with pytest.raises(LimitExceededError):
        guard._inflate_tolerant(data, guard._Budget(Limits(max_stream_bytes=8 * MB), None))
    assert guard._inflate_tolerant(data, guard._Budget(Limits(), None)) == b" " * 20 * MB
    assert time.monotonic() - started < 5


# --- time and memory limits (child process) ------------------------------------------------


def test_parse_isolated_returns_the_same_report() -> None:
    assert parse_isolated(REPORT).to_dict() == vbparse.parse(REPORT).to_dict()


def test_parse_isolated_reraises_the_same_error_class() -> None:
    with pytest.raises(vbparse.EncryptedPdfError) as info:
        parse_isolated(str(BAD / "encrypted_aes256.pdf"))
    assert str(BAD / "encrypted_aes256.pdf") in str(info.value)
    with pytest.raises(NotAPdfError):
        parse_isolated(io.BytesIO(b"<html></html>"))


def test_timeout_kills_the_child(bomb: Path) -> None:
    slow = Limits(timeout_s=0.3, max_stream_bytes=400 * MB, max_inflated_bytes=400 * MB)
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"took longer than 0\.3 s") as info:
        parse_isolated(bomb, slow)
    assert time.monotonic() - started < 5
    assert str(bomb) in str(info.value)
    assert not multiprocessing.active_children()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux only")
def test_memory_limit_stops_the_child(bomb: Path) -> None:
    hungry = Limits(max_stream_bytes=400 * MB, max_inflated_bytes=400 * MB, max_memory_bytes=250 * MB)
    with pytest.raises(LimitExceededError, match="memory"):
        parse_isolated(bomb, hungry)


PASSWORD = "hemligt"  # fixtures/bad/make_bad.py: user password of the encrypted samples


def _comparable(report: vbparse.Report) -> dict[str, object]:
    d = report.to_dict()
    for key in ("sha256", "file"):
        d["source"].pop(key)
    return d


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", ["encrypted_aes256.pdf", "encrypted_rc4.pdf"])
def test_password_opens_encrypted_reports(name: str, reader: str) -> None:
    with pytest.raises(vbparse.EncryptedPdfError, match="password="):
        vbparse.parse(BAD / name, reader=reader)
    with pytest.raises(vbparse.EncryptedPdfError, match="does not open"):
        vbparse.parse(BAD / name, reader=reader, password="fel")
    report = vbparse.parse(BAD / name, reader=reader, password=PASSWORD)
    assert report.meta.year and report.indicators and report.complaints
    owner = vbparse.parse(BAD / name, reader=reader, password="hemligt-agare", limits=Limits(isolate=False))
    assert owner.indicators == report.indicators
    fresh = getattr(make_bad, name.removesuffix(".pdf"))()  # the current fixture report, encrypted now
    plain = vbparse.parse(REPORT, reader=reader)
    assert _comparable(vbparse.parse(fresh, reader=reader, password=PASSWORD)) == _comparable(plain)


def test_password_through_parse_many_and_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    from vbparse.io.cli import main

    corpus = vbparse.parse_many([BAD / "encrypted_aes256.pdf", REPORT], workers=1, password=PASSWORD)
    assert not corpus.failures and len(corpus.reports) == 2
    assert main(["parse", str(BAD / "encrypted_rc4.pdf"), "--password", PASSWORD]) == 0
    assert '"schema_version": "1"' in capsys.readouterr().out
