"""The small pure pieces: Swedish values, vocabulary folding, word rejoining."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbparse.layout.lines import _join_pair, tidy
from vbparse.values import parse_count, parse_value
from vbparse.vocab import assessment_code, clean, fold, kind_from_text, match_goal_heading


@pytest.mark.parametrize(
    ("raw", "number", "unit"),
    [
        ("8,5 %", 8.5, "%"),
        ("94 %", 94.0, "%"),
        ("80", 80.0, None),
        ("1 234", 1234.0, None),
        ("1\u2009234,5", 1234.5, None),
        ("-3,2", -3.2, None),
        ("−3,2 %", -3.2, "%"),
        ("7,5", 7.5, None),
        ("öka", None, None),
        ("Tas fram av nämnd/styrelse", None, None),
    ],
)
def test_swedish_values(raw: str, number: float | None, unit: str | None) -> None:
    v = parse_value(raw)
    assert v is not None
    assert v.number == number
    assert v.unit == unit
    assert v.raw == " ".join(raw.split())


def test_empty_cell_is_none() -> None:
    assert parse_value(None) is None
    assert parse_value("   ") is None
    assert parse_count("") is None
    assert parse_count("15") == 15
    assert parse_count("st") is None


@given(st.integers(-99999, 99999), st.integers(0, 9), st.booleans())
def test_value_round_trip(whole: int, frac: int, pct: bool) -> None:
    sign = "-" if whole < 0 else ""
    digits = f"{abs(whole):,}".replace(",", " ")
    raw = f"{sign}{digits},{frac}" + (" %" if pct else "")
    v = parse_value(raw)
    assert v is not None
    assert v.number == pytest.approx((abs(whole) + frac / 10) * (-1 if whole < 0 else 1))
    assert v.unit == ("%" if pct else None)


def test_ligatures_and_decomposed_letters_fold() -> None:
    assert fold("Utfall kvinnor/\ufb02ickor") == "utfall kvinnor/flickor"
    decomposed = unicodedata.normalize("NFD", "Årsmål")
    assert clean(decomposed) == "Årsmål"
    assert fold(decomposed) == "årsmål"
    assert clean("funk\u00adtions") == "funktions"


def test_goal_headings_and_assessments() -> None:
    assert match_goal_heading("KF:s inriktningsmål: 1. Ett Stockholm som håller samman") == (
        "kf_direction",
        "1",
        "Ett Stockholm som håller samman",
    )
    assert match_goal_heading("KF:s mål för verksamhetsområdet: 3.4 Medarbetare i Stockholm") == (
        "kf_area",
        "3.4",
        "Medarbetare i Stockholm",
    )
    got = match_goal_heading("Nämndmål: Invånarna är självförsörjande")
    assert got == ("board", None, "Invånarna är självförsörjande")
    assert match_goal_heading("Enhetsmål: Enheten har en hög beredskap")[0] == "unit"
    assert match_goal_heading("Analys") is None
    assert assessment_code("Uppfylls helt") == "fulfilled"
    assert assessment_code("Bedöms uppfyllas delvis") == "partly_fulfilled"
    assert assessment_code("Bedöms inte uppfyllas") == "not_fulfilled"
    assert assessment_code("Inga data") == "no_data"
    assert assessment_code("Ingen") == "not_assessed"
    assert assessment_code("Delvis klart") is None
    assert kind_from_text("Tertialrapport 2") == "tertialrapport_2"


@pytest.mark.parametrize(
    ("prev", "nxt", "forced", "want"),
    [
        ("arbete på APT-", "mötena varje vecka", False, "arbete på APT-mötena varje vecka"),
        ("kultur-, idrotts-", "och föreningsliv", False, "kultur-, idrotts- och föreningsliv"),
        ("Tas fram av nämnd/", "styrelse", False, "Tas fram av nämnd/styrelse"),
        ("Tas fram av nämnd", "/styrelse", False, "Tas fram av nämnd/styrelse"),
        ("nämnd/s", "tyrelse", True, "nämnd/styrelse"),
        ("funktions\u00ad", "nedsättning", False, "funktionsnedsättning"),
        ("Enheten arbetar", "vidare med", False, "Enheten arbetar vidare med"),
    ],
)
def test_words_split_over_lines_rejoin(prev: str, nxt: str, forced: bool, want: str) -> None:
    assert tidy(_join_pair(prev, nxt, forced)) == want


def test_errors_pickle_across_processes() -> None:
    import pickle

    from vbparse import NotAReportError

    e = pickle.loads(pickle.dumps(NotAReportError("a/b.pdf", "not a report")))
    assert isinstance(e, NotAReportError)
    assert str(e) == "a/b.pdf: not a report"
    assert e.file == "a/b.pdf"


def test_page_numbers_are_this_pages_number() -> None:
    from vbparse.layout.furniture import _is_page_number

    assert _is_page_number("7", 7)
    assert _is_page_number("Sida 7 av 20", 7)
    assert _is_page_number("8(20)", 7)
    assert not _is_page_number("2024", 7)  # a table cell's year at the foot of a page
    assert not _is_page_number("Analys", 7)
