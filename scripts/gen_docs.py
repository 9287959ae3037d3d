#!/usr/bin/env python3
"""Regenerate docs/schema.json and docs/data-model.md from the model, so docs cannot drift.

python3 scripts/gen_docs.py          # write both files
python3 scripts/gen_docs.py --check  # exit 1 if either is out of date (for CI)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import vbparse  # noqa: E402
from vbparse.io.corpus import KEY_COLUMNS  # noqa: E402
from vbparse.io.frames import COLUMNS, FRAME_NAMES, REPORT_KEY  # noqa: E402

SCHEMA_PATH = ROOT / "docs" / "schema.json"
DATA_MODEL_PATH = ROOT / "docs" / "data-model.md"

NOTES: dict[str, str] = {
    "Report.schema_version": "Version of this contract; bumped when a name changes.",
    "Report.source": "The input file.",
    "Report.meta": "What the cover and running headers say: kind, year, unit, board, ….",
    "Report.sections": "The narrative parts, nested (headings and their text).",
    "Report.goals": "The goal tree: the roots are KF:s inriktningsmål, children nested.",
    "Report.complaints": "Rows of the table *Redovisning av synpunkter och klagomål*.",
    "Report.warnings": "What was odd, skipped or guessed while parsing.",
    "Source.file": "File name of the input (no folder); null for bytes without a name.",
    "Source.sha256": "SHA-256 of the input bytes, hex.",
    "Source.pages": "Number of pages.",
    "ReportMeta.kind": "Which report: VB, VP, T1 or T2.",
    "ReportMeta.year": "The year reported on (planned for, for a VP).",
    "ReportMeta.unit": "The unit (enhet) that wrote the report.",
    "ReportMeta.board": "The recipient board, from *Till* on the cover.",
    "ReportMeta.dnr": "Diary number, e.g. `HÄ 2023/643`.",
    "ReportMeta.date": "Date on the cover, ISO `YYYY-MM-DD`.",
    "ReportMeta.case_officers": "Names under *Handläggare*.",
    "ParseWarning.code": "Stable machine-readable code.",
    "ParseWarning.message": "What happened, for a person.",
    "ParseWarning.page": "Page it concerns (1-based), if any.",
    "ParseWarning.box": "Where on that page, `[x0, top, x1, bottom]` in points, when the warning is about one "
    "place (a cell, a line, a row); null when it is about the whole report or a whole table.",
    "Section.title": "Heading as printed.",
    "Section.text": 'Text between this heading and the next heading or first child; `""` if none.',
    "Section.page": "Page of the heading (1-based).",
    "Section.children": "Sub-headings, same shape.",
    "Goal.level": "`kf_direction` (KF:s inriktningsmål), `kf_area` (KF:s mål för verksamhetsområdet), "
    "`board` (Nämndmål), `unit` (Enhetsmål).",
    "Goal.number": '`"1"`, `"1.3"` for KF goals; null for board and unit goals.',
    "Goal.title": "Heading after its prefix, wrapped lines joined.",
    "Goal.assessment": "Status text as printed (`Uppfylls helt`, `Ingen`, `Inga data`, …).",
    "Goal.assessment_code": "The status as a code; null (with a warning) for unknown text.",
    "Goal.description": "*Beskrivning*.",
    "Goal.expected_results": "*Förväntat resultat*: one item per bullet, else per paragraph.",
    "Goal.analysis": "*Analys*.",
    "Goal.indicators": "Indicator table rows under this goal.",
    "Goal.activities": "Activity table rows under this goal.",
    "Goal.children": "Goals one level down.",
    "Goal.page": "Page of the heading.",
    "Indicator.name": "*Indikator*.",
    "Indicator.outcome": "*Periodens utfall*.",
    "Indicator.outcome_men": "*Utfall män/pojkar*.",
    "Indicator.outcome_women": "*Utfall kvinnor/flickor*.",
    "Indicator.previous": "*Utfall VB ‹previous year›*.",
    "Indicator.previous_year": "The year in that column's header.",
    "Indicator.target": "*Årsmål*.",
    "Indicator.kf_target": "*KF:s årsmål*.",
    "Indicator.period": "*Period* as printed (`2023`, `VB 2023`).",
    "Indicator.analysis": "Text of the *Analys* row under the indicator.",
    "Indicator.page": "Page of the row.",
    "Value.raw": "The cell as printed, wrapped parts joined (`8,5 %`, `öka`).",
    "Value.number": "Its number (`8.5`); null for text such as `öka`.",
    "Value.unit": "`%` when printed, else null.",
    "Activity.name": "*Aktivitet*.",
    "Activity.start": "*Startdatum*, ISO date.",
    "Activity.end": "*Slutdatum*, ISO date.",
    "Activity.deviation": "*Avvikelse*; null when empty.",
    "Activity.analysis": "Text of the *Analys* row under the activity.",
    "Activity.page": "Page of the row.",
    "ComplaintRow.group": "Label of the merged group cell the row sits in.",
    "ComplaintRow.category": "The row's category.",
    "ComplaintRow.t1": "*Utfall T1*.",
    "ComplaintRow.t2": "*Utfall T2*.",
    "ComplaintRow.vb": "*Utfall VB*.",
    "ComplaintRow.total": "*Totalt ack. Utfall*.",
    "ComplaintRow.unit": "`st` when printed.",
    "ComplaintRow.summary": "*Sammanfattning och planerade åtgärder*.",
    "ComplaintRow.page": "Page of the row.",
    "Value.page": "Page the cell's text starts on (a row cut by a page break may have values on the next page).",
    "Value.box": "Box of the cell's text on `page` (see Boxes above); null for a Value not read from a table cell.",
    "Section.box": "Box of the heading's lines on `page`.",
    "Goal.box": "Box of the heading's lines on `page` (null for the stand-in goal of a table with no goal above it).",
    "Indicator.box": "Box of the row's cells on `page`, not the *Analys* row under it; a row cut by a page break: "
    "its part on `page`.",
    "Activity.box": "Box of the row's cells on `page`, not the *Analys* row under it; a row cut by a page break: "
    "its part on `page`.",
    "ComplaintRow.box": "Box of the row's category, count and summary cells on `page` (not the merged group label).",
}
"""Hand-written meanings, used where the schema itself has no description."""

FRAME_NOTES = {
    "goals": "One row per goal, depth first. `parent_*` name the goal above; `kf_direction_number` and "
    "`kf_area_number` the KF goals it belongs to (its own number for a KF goal). "
    "`expected_results` joins the items with a newline.",
    "indicators": "One row per indicator, document order, with its goal path: the KF direction and area, "
    "the board and unit goal above it (null when it sits higher up) and `goal_level`/`goal_title` "
    "of the goal it is listed under. Each Value field is three columns: `<field>` (number), "
    "`<field>_raw` (as printed) and `<field>_unit`; and, last, where it was read: `<field>_page` "
    "and its box `<field>_x0`, `<field>_top`, `<field>_x1`, `<field>_bottom` "
    "(`df[df.outcome_page == 7]`, `df.loc[df.outcome_raw == '8,5 %', ['outcome_page', "
    "'outcome_x0', 'outcome_top']]`).",
    "activities": "One row per activity with the same goal path; `start`/`end` as `datetime64[ns]` "
    "(NaT when missing or not a date).",
    "complaints": "One row per complaints-table row. The count unit (`st`) is `count_unit`, because "
    "`unit` is the report's unit in corpus frames.",
    "sections": "The section tree flattened depth first: `depth` 0 for top level, `parent_title`, "
    "and `path` (titles joined with ` > `).",
    "warnings": "One row per parse warning: what was odd, skipped or guessed, with its page and, where it is "
    "about one place, its box.",
    "checks": "One row per check of what the report says twice (totals, group sums, previous year, goal "
    "numbers, contents pages): `passed`, a message naming the values, and the items involved.",
}


def _dtype(t: object) -> str:
    """A dtype as the docs show it: categoricals with their categories."""
    cats = getattr(t, "categories", None)
    if cats is None:
        return str(t)
    sep = " < " if getattr(t, "ordered", False) else ", "
    return f"category ({sep.join(cats)})"


def render_schema() -> str:
    return json.dumps(vbparse.json_schema(), indent=2, ensure_ascii=False) + "\n"


def _type(prop: dict[str, Any]) -> str:
    """A schema property as a short type: `string | null`, `list[Goal]`, `"a" | "b"`."""
    if "$ref" in prop:
        return f"[{prop['$ref'].rsplit('/', 1)[-1]}](#{prop['$ref'].rsplit('/', 1)[-1].lower()})"
    if "anyOf" in prop:
        return " \\| ".join(_type(p) for p in prop["anyOf"])
    if "enum" in prop:
        return " \\| ".join(f'`"{v}"`' for v in prop["enum"])
    if "const" in prop:
        return f'`"{prop["const"]}"`'
    if prop.get("type") == "array":
        return f"list[{_type(prop.get('items', {}))}]"
    return str(prop.get("type", "any"))


def _table(name: str, schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for field, prop in schema.get("properties", {}).items():
        note = prop.get("description") or NOTES.get(f"{name}.{field}", "")
        rows.append(f"| `{field}` | {_type(prop)} | {'yes' if field in required else ''} | {note} |")
    return rows


def render_data_model() -> str:
    schema = vbparse.json_schema()
    lines = [
        "# Data model",
        "",
        "<!-- Generated by scripts/gen_docs.py from vbparse.json_schema(); do not edit by hand. -->",
        "",
        f'The JSON contract (`schema_version` "{schema["properties"]["schema_version"].get("const", "1")}"), '
        "as `report.to_json()` writes it and `docs/schema.json` (JSON Schema draft 2020-12) defines it.",
        "Missing values are `null`; lists are never `null`. Pages are 1-based.",
        "",
        "**Boxes.** Every item (section, goal, indicator, activity, complaint row) and every Value read "
        "from a table cell has `box` beside its `page`: `[x0, top, x1, bottom]` in PDF points, origin at the "
        "top left of the page as a viewer shows it (pdfplumber's coordinates; a page turned with /Rotate "
        "as shown, not as read), rounded outwards to 0.1 pt so that it holds every glyph it was made from. "
        "A Value's box is its cell's text, an item's box its own lines (headings; a row's cells). A Value "
        "also has its own `page`: a row cut by a page break may have cells on the next page.",
        "",
        '**Why `schema_version` stays "1".** The version changes when a name changes (SPEC). `box` '
        "and `Value.page` are optional additions (named in the SPEC's additions after schema 1, like "
        "`source.parser_version` and `checks` before them): no name or type changed, JSON written "
        "before them still validates against this schema, and a reader that ignores keys it does not "
        "know reads the new JSON unchanged. vbparse's own model refuses unknown keys, so read JSON with "
        "a vbparse at least as new as the one that wrote it (`source.parser_version`).",
        "",
        "## Report",
        "",
        *_table("Report", schema),
    ]
    for name, sub in schema["$defs"].items():
        lines += ["", f"## {name}", ""]
        if sub.get("description"):
            lines += [" ".join(sub["description"].split()), ""]
        lines += _table(name, sub)
    lines += [
        "",
        "## Frames",
        "",
        "`report.to_frames()` and `corpus.to_frames()` give seven pandas DataFrames (a `Frames` TypedDict). "
        "Columns and order are fixed; dtypes are pandas' nullable ones, also in empty frames; closed "
        "vocabularies are categoricals (`assessment_code` ordered no_data < not_assessed < not_fulfilled "
        "< partly_fulfilled < fulfilled). Every row starts with "
        + ", ".join(f"`{c}` ({t})" for c, t in REPORT_KEY.items())
        + " (`report_id`: the first 16 hex digits of the file's sha256; `file`: the file name, not the path). "
        "`Corpus.to_frames()` adds "
        + ", ".join(f"`{c}` ({_dtype(t)})" for c, t in KEY_COLUMNS.items())
        + " after them (`duplicate`: `same_content` or `same_unit_kind_year` where a report may count twice). "
        "Every item frame (goals, indicators, activities, complaints, sections) ends with the item's box, "
        "`box_x0`, `box_top`, `box_x1`, `box_bottom` (Float64, on the row's `page`; see Boxes above): "
        "plain numbers, so rows filter by position (`df[(df.page == 7) & (df.box_top > 400)]`).",
    ]
    for frame in FRAME_NAMES:
        lines += ["", f"### {frame}", "", FRAME_NOTES[frame], "", "| column | dtype |", "| --- | --- |"]
        lines += [f"| `{c}` | {_dtype(t)} |" for c, t in COLUMNS[frame].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in ((SCHEMA_PATH, render_schema()), (DATA_MODEL_PATH, render_data_model())):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
