"""value_unreadable: a value cell whose text no value of its column can have is warned of."""

from __future__ import annotations

from vbparse.model import ComplaintRow, Indicator, Report
from vbparse.report.plausible import complaints_without_category, rows_without_values, unreadable_values
from vbparse.values import parse_value


def _report(**cells: str) -> Report:
    values = {k: parse_value(v) for k, v in cells.items() if k != "period"}
    ind = Indicator(name="Andel nöjda brukare", page=4, period=cells.get("period"), **values)  # type: ignore[arg-type]
    return Report(goals=[{"level": "unit", "title": "Mål", "indicators": [ind]}])  # type: ignore[list-item]


def test_values_of_every_printed_shape_pass() -> None:
    report = _report(
        outcome="8,5 %",
        outcome_men="1 234",
        outcome_women="−3",
        previous="–",
        target="öka",
        kf_target="Tas fram av nämnd/styrelse",
        period="VB 2024",
    )
    assert list(unreadable_values(report)) == []


def test_two_cells_read_as_one_are_warned_of_with_their_column_and_page() -> None:
    report = _report(outcome="53 %91,7 %", target="-33 48 %", kf_target="5,5 aktivitet", period="2024 Nej")
    warnings = list(unreadable_values(report))
    assert [w.code for w in warnings] == ["value_unreadable"] * 4
    assert all(w.page == 4 for w in warnings)
    text = " ".join(w.message for w in warnings)
    for part in (
        "Periodens utfall '53 %91,7 %'",
        "Årsmål '-33 48 %'",
        "KF:s årsmål '5,5 aktivitet'",
        "period '2024 Nej'",
    ):
        assert part in text


def test_the_warning_is_boxed_where_the_cell_stands() -> None:
    """A user finds the doubtful cell by its box, as an item's Value is found."""
    report = _report(outcome="53 %91,7 %", period="2024 Nej")
    ind = report.goals[0].indicators[0]
    ind.box = [50.0, 300.0, 500.0, 312.0]
    assert ind.outcome is not None
    ind.outcome.page, ind.outcome.box = 4, [210.0, 301.0, 250.0, 311.0]
    by_text = {w.message.split(": ", 1)[1][:6]: w for w in unreadable_values(report)}
    assert by_text["Period"].box == [210.0, 301.0, 250.0, 311.0]
    assert by_text["period"].box == [50.0, 300.0, 500.0, 312.0]


def test_a_parsed_fixture_reads_without_doubt() -> None:
    from pathlib import Path

    import vbparse

    pdf = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "seed001-c_serif_norules.pdf"
    assert not [w for w in vbparse.parse(pdf).warnings if w.code in ("value_unreadable", "row_without_values")]


def test_an_indicator_row_with_no_value_is_warned_of_where_it_stands() -> None:
    """A name's wrapped line read as a row of its own leaves a row with no value: every
    row after it stands one off, and the report says where it began."""
    report = _report(outcome="–", period="2024")
    tail = Indicator(name="självständighet kompetens", page=5, box=[50.0, 80.0, 200.0, 90.0])
    report.goals[0].indicators.append(tail)
    warnings = list(rows_without_values(report))
    assert [(w.code, w.page, w.box) for w in warnings] == [("row_without_values", 5, [50.0, 80.0, 200.0, 90.0])]
    assert "självständighet kompetens" in warnings[0].message


def test_a_complaint_row_without_a_category_is_warned_of() -> None:
    """Counts with no category beside them: the row was cut from its category's."""
    rows = [
        ComplaintRow(group="Beröm", category="Antal beröm", t1=2, page=7),
        ComplaintRow(group="Beröm", category=" ", t2=3, total=5, page=7, box=[60.0, 400.0, 500.0, 410.0]),
    ]
    warnings = list(complaints_without_category(Report(complaints=rows)))
    assert [(w.code, w.page) for w in warnings] == [("complaint_without_category", 7)]
    assert warnings[0].box == [60.0, 400.0, 500.0, 410.0]
    assert "T2 3, total 5" in warnings[0].message
