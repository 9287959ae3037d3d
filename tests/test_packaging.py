"""Packaging a shared environment accepts: dependency ranges that hold, a licence, one version."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

import vbparse
from vbparse.pdf import pdfminer_compat

ROOT = Path(__file__).resolve().parents[1]


def test_a_pdfminer_without_the_bounded_names_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfminer import pdftypes

    assert pdfminer_compat.missing() == []
    monkeypatch.delattr(pdftypes, "lzwdecode")
    with pytest.raises(ImportError, match=r"pdfminer\.pdftypes\.lzwdecode"):
        pdfminer_compat.check()


def test_dependencies_are_ranges_and_tools_are_dev_only() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = {d.split(">")[0].split("=")[0].split("<")[0].strip(): d for d in meta["dependencies"]}
    assert "==" not in deps["pdfplumber"] and "==" not in deps["pdfminer.six"]
    extras = meta["optional-dependencies"]
    assert "render" not in extras
    for tool in ("reportlab", "python-docx", "pypdf"):
        assert not any(tool in d for name, ds in extras.items() if name != "dev" for d in ds)
    assert meta["license-files"] == ["LICENSE"] and (ROOT / "LICENSE").is_file()
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").count(vbparse.__version__) >= 1


@pytest.mark.slow
def test_lowest_and_highest_allowed_versions() -> None:
    """Two throwaway venvs (pdfplumber 0.11.9 and 0.11.10, each with its pdfminer.six)."""
    run = subprocess.run(
        ["bash", str(ROOT / "scripts" / "check_dep_range.sh")], cwd=ROOT, capture_output=True, text=True, timeout=3600
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
