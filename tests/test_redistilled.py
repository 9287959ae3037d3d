"""PDFs rewritten by a second writer (fixtures/redistilled/, made by its make.sh with Ghostscript).

Reports often pass through a distiller or print-to-PDF set-up; the page looks the same, so
the original fixture's truth holds, but text encoding and fonts are the second writer's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accuracy import compare

import vbparse
from vbparse.vocab import clean

ROOT = Path(__file__).resolve().parents[1]
REDISTILLED = ROOT / "fixtures" / "redistilled"


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_ghostscript_ligatures_one_byte_off_read_as_their_letters() -> None:
    assert clean("Sammanfa琀琀ande") == "Sammanfattande"  # "tt" written as U+7400 U+7400
    assert clean("昀椀nns") == "finns"
    truth = json.loads((ROOT / "fixtures" / "truth" / "sample-b_carlito_hrules.json").read_text(encoding="utf-8"))
    for reader in ("pdfium", "pdfplumber"):
        got = vbparse.parse(REDISTILLED / "sample-b_carlito_hrules.gs.pdf", reader=reader).to_dict()
        score = compare(truth, got)
        assert score.misses == [], (reader, score.misses[:5])


def test_glyphs_without_unicode_are_warned_about_and_never_control_characters() -> None:
    # Ghostscript left å/ä/ö of this reportlab PDF with no Unicode mapping at all
    for reader in ("pdfium", "pdfplumber"):
        report = vbparse.parse(REDISTILLED / "sample-e_rl_serif_norules.gs.pdf", reader=reader)
        codes = [w.code for w in report.warnings]
        assert "unmapped_glyphs" in codes, codes
        text = _strings(report.to_dict())
        assert not [s for s in text if any(ord(c) < 0x20 and c not in "\n\t" for c in s)]
        assert not [s for s in text if "(cid:" in s]
        assert any("\ufffd" in s for s in text)
