"""Small hand-made Reports for tests, so frames/export/CLI tests need no parser or PDFs."""

from __future__ import annotations

import json
from pathlib import Path

from vbparse import Report

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "fixtures" / "truth"
PDFS = ROOT / "fixtures" / "pdf"


def sample_report(
    year: int = 2023, unit: str = "Enheten Hägersten-Älvsjö grupp- och servicebostäder", sick: str = "8,5 %"
) -> Report:
    """A VB with every kind of part, mirroring the shape of seed 000."""
    number = float(sick.replace(" %", "").replace(",", "."))
    return Report.model_validate(
        {
            "source": {"file": f"vb{year}.pdf", "sha256": "0" * 64, "pages": 4},
            "meta": {
                "kind": "verksamhetsberattelse",
                "year": year,
                "unit": unit,
                "board": "Hägersten-Älvsjö stadsdelsnämnd",
                "dnr": f"HÄ {year}/643",
                "date": f"{year + 1}-01-16",
                "case_officers": ["Cia Bergström", "Martin Pietsch"],
            },
            "sections": [
                {
                    "title": "Sammanfattande analys",
                    "text": "",
                    "page": 1,
                    "children": [
                        {"title": "Enhetens uppdrag", "text": 'Rad ett.\nRad två; med "citat".', "page": 1},
                        {"title": "Agenda 2030", "text": "Jämlikheten ökar.", "page": 2},
                    ],
                },
                {"title": "Uppföljning av Kommunfullmäktiges inriktningsmål", "text": "", "page": 2},
            ],
            "goals": [
                {
                    "level": "kf_direction",
                    "number": "3",
                    "title": "Ett Stockholm med en stabil ekonomi",
                    "assessment": "Ingen",
                    "assessment_code": "not_assessed",
                    "page": 2,
                    "children": [
                        {
                            "level": "kf_area",
                            "number": "3.4",
                            "title": "Medarbetare ska ges goda förutsättningar",
                            "assessment": "Ingen",
                            "assessment_code": "not_assessed",
                            "page": 2,
                            "indicators": [
                                {
                                    "name": "Sjukfrånvaro",
                                    "outcome": {"raw": sick, "number": number, "unit": "%"},
                                    "outcome_men": {"raw": "6,5 %", "number": 6.5, "unit": "%"},
                                    "previous": {"raw": "9 %", "number": 9.0, "unit": "%"},
                                    "previous_year": year - 1,
                                    "target": {"raw": "8,5 %", "number": 8.5, "unit": "%"},
                                    "kf_target": {"raw": "Tas fram av nämnd/styrelse", "number": None, "unit": None},
                                    "period": f"VB {year}",
                                    "analysis": "Sjukfrånvaron har minskat.",
                                    "page": 3,
                                }
                            ],
                            "children": [
                                {
                                    "level": "board",
                                    "title": "Nämndens medarbetare har god arbetsmiljö",
                                    "assessment": "Ingen",
                                    "assessment_code": "not_assessed",
                                    "page": 3,
                                    "children": [
                                        {
                                            "level": "unit",
                                            "title": "Enheten har engagerade medarbetare",
                                            "assessment": "Uppfylls helt",
                                            "assessment_code": "fulfilled",
                                            "description": "Beskrivning.",
                                            "expected_results": ["Minskad sjukfrånvaro", "Fler APT"],
                                            "analysis": "Målet uppfylls.",
                                            "page": 3,
                                            "activities": [
                                                {
                                                    "name": "Friskvård",
                                                    "start": f"{year}-01-01",
                                                    "end": f"{year}-12-31",
                                                    "deviation": None,
                                                    "analysis": None,
                                                    "page": 3,
                                                }
                                            ],
                                            "indicators": [
                                                {
                                                    "name": "Aktivt medskapandeindex",
                                                    "outcome": {"raw": "80", "number": 80.0, "unit": None},
                                                    "target": {"raw": "öka", "number": None, "unit": None},
                                                    "period": str(year),
                                                    "page": 4,
                                                }
                                            ],
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                }
            ],
            "complaints": [
                {
                    "group": "Beröm",
                    "category": "Beröm",
                    "t1": None,
                    "t2": 2,
                    "vb": 1,
                    "total": 3,
                    "unit": "st",
                    "summary": None,
                    "page": 4,
                },
                {
                    "group": "Rapportering av lex Sarah och lex Maria",
                    "category": "Lex Sarah",
                    "t2": 15,
                    "vb": 7,
                    "total": 22,
                    "unit": "st",
                    "summary": "Åtgärder; vidtagna",
                    "page": 4,
                },
            ],
            "warnings": [{"code": "odd_cell", "message": "a cell was guessed", "page": 3}],
        }
    )


def truth_reports() -> list[Report]:
    """Ground-truth Reports from fixtures/truth/*.base.json (may be none yet)."""
    return [Report.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(TRUTH.glob("*.base.json"))]


def fixture_pdfs(pattern: str = "*.pdf") -> list[Path]:
    """Rendered fixture PDFs (fixtures/pdf), sorted."""
    return sorted(PDFS.glob(pattern))


def small_pdfs(n: int = 2) -> list[Path]:
    """A few of the shortest fixture PDFs, for tests that parse for real but must stay fast."""
    pdfs = fixture_pdfs("sample-*.pdf") or fixture_pdfs()
    assert len(pdfs) >= n, f"need {n} PDFs in {PDFS}"
    return sorted(pdfs, key=lambda p: p.stat().st_size)[:n]
