"""Docs that cannot drift: the committed schema, the generated data model, the cookbook's code runs."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from sample_reports import PDFS, ROOT

import vbparse

DOCS = ROOT / "docs"
COOKBOOK_PDFS = ["sample-a_sans_grid.pdf", "seed000-a_sans_grid.pdf", "seed001-a_sans_grid.pdf"]
"""Reports of different units and years (2023, 2023, 2024) the cookbook runs on."""


def gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schema_is_the_models() -> None:
    committed = json.loads((DOCS / "schema.json").read_text(encoding="utf-8"))
    assert committed == vbparse.json_schema(), "run: python3 scripts/gen_docs.py"
    assert (DOCS / "schema.json").read_text(encoding="utf-8") == gen_docs().render_schema()


def test_data_model_doc_is_generated_and_current() -> None:
    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    assert text == gen_docs().render_data_model(), "run: python3 scripts/gen_docs.py"
    for name in ("Report", "Goal", "Indicator", "Value", "Activity", "ComplaintRow", "Section", "ParseWarning"):
        assert f"## {name}\n" in text
    assert "| `kf_target_raw` | string |" in text


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M)


def test_cookbook_code_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in COOKBOOK_PDFS:
        shutil.copy(PDFS / name, reports / name)
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks(DOCS / "cookbook.md")
    assert len(blocks) >= 6
    ns: dict[str, object] = {}
    for i, block in enumerate(blocks):
        exec(compile(block, f"cookbook.md block {i + 1}", "exec"), ns)
    table = ns["table"]
    assert isinstance(table, pd.DataFrame)
    assert set(table.columns) == {2023, 2024} and len(table) == 3  # three units, two years
    assert (tmp_path / "tables.xlsx").exists() and (tmp_path / "tables-sv" / "indicators.csv").exists()
    series = ns["series"]
    assert isinstance(series, pd.DataFrame) and len(series.index) >= 2  # a year and the year before it
    assert (tmp_path / "sjukfranvaro.png").stat().st_size > 1000


def test_usage_names_every_command_and_format() -> None:
    text = (DOCS / "usage.md").read_text(encoding="utf-8")
    for word in (
        "vbparse parse",
        "vbparse export",
        "vbparse inspect",
        "csv-sv",
        "parquet",
        "parse_many",
        "to_frames",
        'pip install "vbparse[excel]"',
        "--strict",
    ):
        assert word in text


def test_every_warning_code_is_documented() -> None:
    """A user who meets a warning code finds it in the usage guide's table."""
    import re

    root = Path(__file__).resolve().parents[1]
    src = " ".join(p.read_text(encoding="utf-8") for p in (root / "src" / "vbparse").rglob("*.py"))
    codes = set(re.findall(r'ParseWarning\(\s*code="([a-z_]+)"', src)) | set(
        re.findall(r'code="([a-z_]+)",\s*page=', src)
    )
    table = (root / "docs" / "usage.md").read_text(encoding="utf-8")
    assert "value_unreadable" in codes
    assert sorted(c for c in codes if f"| `{c}` |" not in table) == []
