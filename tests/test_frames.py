"""report_frames and Corpus.to_frames: fixed columns, nullable dtypes, goal paths on every row."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_reports import sample_report, truth_reports

from vbparse import Corpus, Report
from vbparse.io.corpus import KEY_COLUMNS
from vbparse.io.frames import COLUMNS, FRAME_NAMES, GOAL_PATH, PATH_SEP, REPORT_KEY

REPORTS = [sample_report(), *truth_reports()]


def assert_schema(frames: dict[str, pd.DataFrame], extra: dict[str, str] | None = None) -> None:
    assert list(frames) == list(FRAME_NAMES)
    for name, df in frames.items():
        expected = {**REPORT_KEY, **(extra or {}), **COLUMNS[name]}
        assert list(df.columns) == list(expected), name
        assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(t) for c, t in expected.items()}, name


def test_truth_files_are_present() -> None:
    assert len(REPORTS) >= 3, "fixtures/truth/*.base.json should hold the seed truths"


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: f"{r.meta.year}-{r.meta.unit}")
def test_columns_and_dtypes(report: Report) -> None:
    frames = report.to_frames()
    assert_schema(frames)
    assert len(frames["goals"]) == len(list(report.iter_goals()))
    assert len(frames["indicators"]) == len(report.indicators)
    assert len(frames["activities"]) == len(report.activities)
    assert len(frames["complaints"]) == len(report.complaints)


def test_empty_report_gives_empty_typed_frames() -> None:
    frames = Report().to_frames()
    assert_schema(frames)
    assert all(len(df) == 0 for df in frames.values())


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: f"{r.meta.year}-{r.meta.unit}")
def test_every_indicator_and_activity_row_has_its_goal_path(report: Report) -> None:
    frames = report.to_frames()
    for name in ("indicators", "activities"):
        df = frames[name]
        assert (
            df[
                [
                    "kf_direction_number",
                    "kf_direction_title",
                    "kf_area_number",
                    "kf_area_title",
                    "goal_level",
                    "goal_title",
                ]
            ]
            .notna()
            .all()
            .all()
        ), name
        start = len(REPORT_KEY)
        assert list(df.columns[start : start + len(GOAL_PATH)]) == list(GOAL_PATH)
        # a row under a unit goal names it; a row under a board goal names no unit goal
        unit_rows = df["goal_level"] == "unit"
        assert (df.loc[unit_rows, "unit_title"] == df.loc[unit_rows, "goal_title"]).all()
        assert df.loc[df["goal_level"] == "board", "unit_title"].isna().all()
    ind = frames["indicators"]
    for area, direction in zip(ind["kf_area_number"], ind["kf_direction_number"], strict=True):
        assert area.startswith(direction + ".")


def test_values_split_into_number_raw_unit() -> None:
    ind = sample_report().to_frames()["indicators"].set_index("name")
    sick = ind.loc["Sjukfrånvaro"]
    assert sick["outcome"] == 8.5 and sick["outcome_raw"] == "8,5 %" and sick["outcome_unit"] == "%"
    assert pd.isna(sick["kf_target"]) and sick["kf_target_raw"] == "Tas fram av nämnd/styrelse"
    assert pd.isna(sick["outcome_women"]) and pd.isna(sick["outcome_women_raw"])
    assert sick["previous_year"] == 2022 and sick["period"] == "VB 2023"
    amix = ind.loc["Aktivt medskapandeindex"]
    assert amix["outcome"] == 80.0 and pd.isna(amix["outcome_unit"]) and amix["target_raw"] == "öka"
    assert amix["board_title"] == "Nämndens medarbetare har god arbetsmiljö"
    assert amix["unit_title"] == "Enheten har engagerade medarbetare"


def test_goal_rows_know_parent_and_kf_numbers() -> None:
    goals = sample_report().to_frames()["goals"]
    assert list(goals["level"]) == ["kf_direction", "kf_area", "board", "unit"]
    assert goals["parent_level"].isna().iloc[0] and goals["parent_number"].iloc[1] == "3"
    assert list(goals["parent_title"].iloc[1:]) == list(goals["title"].iloc[:-1])
    assert list(goals["kf_direction_number"]) == ["3"] * 4
    assert goals["kf_area_number"].isna().iloc[0] and list(goals["kf_area_number"].iloc[1:]) == ["3.4"] * 3
    unit = goals.iloc[3]
    assert unit["expected_results"] == "Minskad sjukfrånvaro\nFler APT" and unit["assessment_code"] == "fulfilled"


def test_activity_dates_are_datetimes() -> None:
    act = sample_report().to_frames()["activities"]
    assert act["start"].iloc[0] == pd.Timestamp("2023-01-01") and act["end"].iloc[0] == pd.Timestamp("2023-12-31")
    odd = sample_report()
    odd.goals[0].children[0].children[0].children[0].activities[0].start = "löpande"
    assert pd.isna(odd.to_frames()["activities"]["start"].iloc[0])


def test_sections_flattened_with_depth_and_path() -> None:
    sec = sample_report().to_frames()["sections"]
    assert list(sec["depth"]) == [0, 1, 1, 0]
    assert sec["path"].iloc[1] == f"Sammanfattande analys{PATH_SEP}Enhetens uppdrag"
    assert sec["parent_title"].iloc[2] == "Sammanfattande analys" and pd.isna(sec["parent_title"].iloc[3])
    assert sec["text"].iloc[0] == ""  # an empty section text stays "", not <NA>


def test_complaint_counts_are_nullable_ints() -> None:
    comp = sample_report().to_frames()["complaints"]
    assert pd.isna(comp["t1"].iloc[0]) and comp["total"].sum() == 25


def test_corpus_frames_put_report_keys_first() -> None:
    a, b = sample_report(2022, sick="9 %"), sample_report(2023)
    corpus = Corpus(reports=[a, b], files=["x/vb2022.pdf", "x/vb2023.pdf"])
    frames = corpus.to_frames()
    assert_schema(frames, KEY_COLUMNS)
    ind = frames["indicators"]
    assert list(ind["file"].unique()) == ["vb2022.pdf", "vb2023.pdf"]  # names from the sources, not paths
    assert list(ind["year"]) == [2022, 2022, 2023, 2023] and set(ind["kind"]) == {"verksamhetsberattelse"}
    assert len(frames["goals"]) == 8


def _with_sha(report: Report, sha: str, file: str) -> Report:
    return report.model_copy(update={"source": report.source.model_copy(update={"sha256": sha, "file": file})})


def test_corpus_flags_reports_that_would_count_twice() -> None:
    a = _with_sha(sample_report(2022), "a" * 64, "a.pdf")
    a_again = _with_sha(sample_report(2022), "a" * 64, "copy of a.pdf")
    b = _with_sha(sample_report(2023), "b" * 64, "b.pdf")
    b_other = _with_sha(sample_report(2023, sick="7 %"), "c" * 64, "b2.pdf")
    c = _with_sha(sample_report(2024), "d" * 64, "c.pdf")
    corpus = Corpus(reports=[a, a_again, b, b_other, c])
    assert corpus.duplicates() == [
        (0, "same_content"),
        (1, "same_content"),
        (2, "same_unit_kind_year"),
        (3, "same_unit_kind_year"),
    ]
    goals = corpus.to_frames()["goals"]
    assert goals.loc[goals["file"] == "c.pdf", "duplicate"].isna().all()
    assert set(goals.loc[goals["file"] == "b2.pdf", "duplicate"]) == {"same_unit_kind_year"}
    assert goals["report_id"].str.len().eq(16).all()


def test_keys_join_across_years() -> None:
    """goal_id is the same for the same goal in two years' reports; indicators carry it."""
    a = _with_sha(sample_report(2022), "a" * 64, "a.pdf")
    b = _with_sha(sample_report(2023), "b" * 64, "b.pdf")
    frames = Corpus(reports=[a, b]).to_frames()
    goals, ind = frames["goals"], frames["indicators"]
    per_year = goals.groupby("year")["goal_id"].apply(list)
    assert per_year[2022] == per_year[2023] and len(set(per_year[2022])) == len(per_year[2022])
    joined = ind.merge(goals[["report_id", "goal_id", "title"]], on=["report_id", "goal_id"], how="left")
    assert joined["title"].notna().all() and (joined["title"] == joined["goal_title"]).all()
    assert set(ind["period_kind"].astype(str)) <= {"VB", "year"}  # "VB 2023" and "2023"
    assert list(ind["period_year"]) == list(ind["year"])


def test_closed_vocabularies_are_categoricals() -> None:
    goals = sample_report().to_frames()["goals"]
    assert isinstance(goals["level"].dtype, pd.CategoricalDtype)
    code = goals["assessment_code"]
    assert code.cat.ordered and list(code.cat.categories)[-3:] == ["not_fulfilled", "partly_fulfilled", "fulfilled"]
    assert (code.dropna() >= "no_data").all()


def test_empty_corpus_frames_are_typed() -> None:
    frames = Corpus().to_frames()
    assert_schema(frames, KEY_COLUMNS)
    assert Corpus(reports=[Report()]).to_frames()["goals"].empty


def test_corpus_files_default_to_source_file() -> None:
    assert Corpus(reports=[sample_report()]).files == ["vb2023.pdf"]
    with pytest.raises(ValueError):
        Corpus(reports=[sample_report()], files=["a", "b"])


values = st.none() | st.builds(
    lambda raw, number, unit: {"raw": raw, "number": number, "unit": unit},
    st.text(max_size=10),
    st.none() | st.floats(allow_nan=False),
    st.none() | st.just("%"),
)
indicators = st.builds(
    lambda name, outcome, target, year: {"name": name, "outcome": outcome, "target": target, "previous_year": year},
    st.text(min_size=1, max_size=10),
    values,
    values,
    st.none() | st.integers(1990, 2100),
)
activities = st.builds(
    lambda name, start: {"name": name, "start": start},
    st.text(min_size=1, max_size=10),
    st.none() | st.sampled_from(["2023-01-01", "x", ""]),
)
LEVELS = ["kf_direction", "kf_area", "board", "unit"]


def goal_trees(depth: int = 0) -> st.SearchStrategy[dict]:
    children = st.lists(goal_trees(depth + 1), max_size=2) if depth < 3 else st.just([])
    return st.builds(
        lambda title, inds, acts, kids: {
            "level": LEVELS[depth],
            "number": str(depth + 1) if depth < 2 else None,
            "title": title,
            "indicators": inds,
            "activities": acts,
            "children": kids,
        },
        st.text(min_size=1, max_size=10),
        st.lists(indicators, max_size=2),
        st.lists(activities, max_size=2),
        children,
    )


@settings(max_examples=40, deadline=None)
@given(goals=st.lists(goal_trees(), max_size=2))
def test_any_goal_tree_gives_typed_frames_with_paths(goals: list[dict]) -> None:
    report = Report.model_validate({"goals": goals})
    frames = report.to_frames()
    assert_schema(frames)
    assert len(frames["indicators"]) == len(report.indicators)
    assert len(frames["activities"]) == len(report.activities)
    assert list(frames["indicators"]["name"]) == [i.name for i in report.indicators]
    assert list(frames["indicators"]["outcome_raw"].fillna("∅")) == [
        i.outcome.raw if i.outcome else "∅" for i in report.indicators
    ]
    assert frames["indicators"]["kf_direction_title"].notna().all()
    assert frames["activities"]["goal_title"].notna().all()
