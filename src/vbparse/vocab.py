"""Every Swedish word the parser matches on, in one place.

Matching is done on `fold()`ed text (NFKC, lower case, no soft hyphens), so ligatures
("ﬂickor"), decomposed å/ä/ö and odd spacing do not defeat the vocabulary.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import regex as re

# --- document kinds -------------------------------------------------------------------
KIND_WORDS: dict[str, str] = {
    "verksamhetsberättelse": "verksamhetsberattelse",
    "verksamhetsplan": "verksamhetsplan",
    "tertialrapport 1": "tertialrapport_1",
    "tertialrapport 2": "tertialrapport_2",
}
KIND_RE = re.compile(r"(verksamhetsberättelse|verksamhetsplan|tertialrapport\s*[12])", re.I)
# a title names the kind, or only "Rapport" (a template without it): then the kind is unknown
TITLE_RE = re.compile(r"^(verksamhetsberättelse|verksamhetsplan|tertialrapport\s*[12]|rapport)\s+(\d{4})$", re.I)
# "Enheten X, Verksamhetsberättelse 2(23)" — the running header.
RUNNING_HEADER_RE = re.compile(
    r"^(?P<unit>.+?),\s*(?P<kind>verksamhetsberättelse|verksamhetsplan|tertialrapport\s*[12]|rapport)"
    r"(?:\s+(?P<year>\d{4}))?\s+(?P<n>\d+)\s*\(\s*(?P<m>\d+)\s*\)$",
    re.I,
)
PAGE_NUMBER_RE = re.compile(r"^(?:sida\s+)?\d{1,4}(?:\s*(?:\(\s*\d+\s*\)|av\s+\d+|/\s*\d+))?$", re.I)
# a line that ends in a page number with the page count ("Rapport 5(17)", "Enheten X Sida 3 av 9")
PAGE_TAIL_RE = re.compile(
    r"(?:^|\s)(?:sida\s+)?(\d{1,4})\s*(?:\(\s*(\d{1,4})\s*\)|av\s+(\d{1,4})|/\s*(\d{1,4}))$", re.I
)

# --- cover (letterhead) -----------------------------------------------------------------
COVER_MARKERS = ("tjänsteutlåtande", "dnr", "handläggare")
# an empty field ("Dnr:" and nothing) has no dnr group
DNR_RE = re.compile(r"^dnr\s*:?\s*(?P<dnr>[^\s:].*)?$", re.I)
DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_DATE_FORMS = (
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),  # 2024-01-16
    re.compile(r"\b(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*[-/ ]\s*(?P<y>(?:19|20)\d{2})\b"),  # 16/1 2024, 16/1-2024
    re.compile(r"\b(?P<d>\d{1,2})\.?\s+(?P<mname>[a-zåäö]+)\.?\s+(?P<y>(?:19|20)\d{2})\b", re.I),  # 16 januari 2024
)


def find_date(text: str) -> str | None:
    """The first date in a text as ISO YYYY-MM-DD, in any of the ways Swedish letters write it."""
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            month = MONTHS.get(m["mname"].casefold()) if "mname" in m.groupdict() and m["mname"] else None
            month = month or (int(m["m"]) if m.groupdict().get("m") else None)
            try:
                return date(int(m["y"]), month or 0, int(m["d"])).isoformat()
            except (ValueError, TypeError):
                continue
    return None


LABEL_CASE_OFFICERS = "handläggare"
LABEL_RECIPIENT = "till"
COVER_BOILERPLATE = ("tjänsteutlåtande", "telefon:", "telefon", "start.stockholm")
PERSON_SEPARATORS_RE = re.compile(r"\s*(?:&|,|\boch\b)\s*")

# --- table of contents -------------------------------------------------------------------
TOC_TITLE = "innehållsförteckning"
TOC_ENTRY_RE = re.compile(r"(?:\.{3,}|…{2,}|(?:\.\s){3,})\s*\d+\s*$")
TOC_PAGE_RE = re.compile(r"^(?P<title>.*?)\s*(?:\.{3,}|…{2,}|(?:\.\s){3,})[.\s…]*(?P<page>\d+)\s*$")

# Complaint groups that count the same complaints (or deviations) from two sides: where a
# report prints both, their sums agree. Folded-text prefixes of the group labels.
SAME_COUNT_GROUPS = (
    ("från vem har klagomål", "vad gällde klagomålet"),
    ("vad har avvikelsen berört", "vem avser avvikelsen"),
)

# Group labels of the city's complaints table as the template prints them (seeds 000, 001).
# A label read with its spaces off ("synpunkt en", "synpunktinkommit?": a narrow merged
# cell's line breaks) takes the template's spacing when its letters are these exactly.
COMPLAINT_GROUP_LABELS = (
    "Antal rapporter som bedömts som allvarligt missförhållande eller påtaglig risk för missförhållande "
    "och anmälts till IVO",
    "Avvikelserapportering enligt SoL - Vem har identifierat avvikelsen?",
    "Beröm",
    "Från vem har klagomål eller synpunkt inkommit?",
    "Från vem har klagomål, synpunkt eller avvikelser inkommit?",
    "Rapportering av lex Sarah och lex Maria",
    "Vad gällde klagomålet eller synpunkten?",
    "Vad gällde klagomålet, synpunkten eller avvikelsen?",
    "Vad har avvikelsen berört?",
    "Varav antal avvikelser som lett till (ej incidenter som rapporteras i IA)",
    "Vem avser avvikelsen?",
    "Återkoppling",
    "Åtgärder",
)

# The categories of the city's reporting template (rapporteringsvyn), as the reports print
# them: a narrow category cell breaks them anywhere; their letters decide their spacing.
# (Their words are not added to VOCAB_WORDS: "verksamhet" known and "verksamheten" not
# would split the latter wherever a line breaker cut it there.)
COMPLAINT_CATEGORY_LABELS = (
    "Annan (t.ex. okänd)",
    "Annan verksamhet",
    "Annat",
    "Annat (ange vad i rapporteringsvyn)",
    "Antal beröm",
    "Antal klagomål där återkoppling har lämnats",
    "Antal klagomål där åtgärder vidtagits",
    "Bemanning (Kontinuitet, vikarieanskaffning)",
    "Bemötande",
    "Beslut (missnöje, avsaknad av beslut, ej kommunicerat etc.)",
    "Brister i information (utebliven info, obegriplig info, etc.)",
    "Brister i rutiner/utförande av insats eller verksamhet",
    "Brister i rättssäkerhet vid handläggning och utförande",
    "Brister i utförande av insats",
    "Brukare/patient",
    "Den egna verksamheten",
    "Extern samverkanspart/annan verksamhet",
    "Fråga/idé",
    "Fysisk inne- eller utemiljö (ej städat, avsaknad av material etc.)",
    "Fysisk miljö, utrustning och teknik",
    "Hantering av personuppgifter",
    "Klagomål som gäller hälso- och sjukvård",
    "Kompetens",
    "Lex Maria",
    "Lex Sarah",
    "Mat och måltider",
    "Medarbetare",
    "Medarbetare/verksamhet inom förvaltningen",
    "Närstående (anhörig, god man, etc.)",
    "Samverkanspart (ex annan förvaltning, Region Stockholm, Polis)",
    "Teknik, verksamhetssystem och IT-relaterade frågor",
    "Tillgänglighet (öppettider, telefontider, fysisk miljö)",
    "Utebliven/försenad insats eller aktivitet",
)

# --- narrative sections ------------------------------------------------------------------
GOALS_SECTION = "uppföljning av kommunfullmäktiges inriktningsmål"
COMPLAINTS_SECTION = "redovisning av synpunkter och klagomål"
TOP_LEVEL_SECTIONS = {
    "sammanfattande analys",
    GOALS_SECTION,
    "uppföljning av ekonomi",
    "systematiskt kvalitetsarbete",
    COMPLAINTS_SECTION,
}
SECOND_LEVEL_SECTIONS = {
    "analys av resultaträkning - uppföljning av driftbudget",
    "investeringar",
    "medel för lokaländamål",
}

# --- goal tree ---------------------------------------------------------------------------
# (level, prefix regex). The number, when present, follows the prefix.
GOAL_PREFIXES: list[tuple[str, re.Pattern[str]]] = [
    ("kf_direction", re.compile(r"^kf:s\s+inriktningsmål\s*:\s*(?P<num>\d+)\.?\s+", re.I)),
    ("kf_area", re.compile(r"^kf:s\s+mål\s+för\s+verksamhetsområdet\s*:\s*(?P<num>\d+(?:\.\d+)*)\.?\s+", re.I)),
    ("board", re.compile(r"^nämndmål\s*:\s*", re.I)),
    ("unit", re.compile(r"^(?:enhetsmål|verksamhetsmål)\s*:\s*", re.I)),
]
GOAL_LEVEL_RANK = {"kf_direction": 0, "kf_area": 1, "board": 2, "unit": 3}

LABEL_DESCRIPTION = "beskrivning"
LABEL_EXPECTED = "förväntat resultat"
LABEL_ANALYSIS = "analys"
GOAL_LABELS = {LABEL_DESCRIPTION, LABEL_EXPECTED, LABEL_ANALYSIS}

ASSESSMENTS: dict[str, str] = {
    "uppfylls helt": "fulfilled",
    "bedöms uppfyllas helt": "fulfilled",
    "uppfylls delvis": "partly_fulfilled",
    "bedöms uppfyllas delvis": "partly_fulfilled",
    "uppfylls inte": "not_fulfilled",
    "bedöms inte uppfyllas": "not_fulfilled",
    "ingen": "not_assessed",
    "inga data": "no_data",
}
BULLET_RE = re.compile(r"^\s*(?:[-–•·▪●◦]|\u2022)\s*")

# --- tables -----------------------------------------------------------------------------
INDICATOR_HEADER_TEXT = (
    "indikator periodens utfall utfall män/pojkar utfall kvinnor/flickor utfall vb t1 t2 årsmål kf:s årsmål period"
)
ACTIVITY_HEADER_TEXT = "aktivitet startdatum slutdatum avvikelse"
COMPLAINT_HEADER_TEXT = (
    "uppdelning klagomål/synpunkter/kategorier utfall t1 utfall t2 utfall vb totalt ack. utfall "
    "sammanfattning och planerade åtgärder"
)
# (a word every header of the kind has, words of which it has at least one), on text
# squeezed of spaces and line-break hyphens
HEADER_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "indicator": ("indikator", ("periodens", "utfall", "årsmål")),
    "activity": ("aktivitet", ("startdatum", "slutdatum")),
    "complaint": ("uppdelning", ("klagomål", "utfall", "kategori")),
}
# The words a header cell's text begins with; no other header word opens a cell.
HEADER_OPENERS = (
    "indikator",
    "periodens",
    "utfall",
    "årsmål",
    "kf:s",
    "period",
    "aktivitet",
    "startdatum",
    "slutdatum",
    "avvikelse",
    "uppdelning",
    "totalt",
    "sammanfattning",
)
HEADER_TEXT = {"indicator": INDICATOR_HEADER_TEXT, "activity": ACTIVITY_HEADER_TEXT, "complaint": COMPLAINT_HEADER_TEXT}
YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
PREVIOUS_YEAR_RE = re.compile(r"utfall\s*(?:vb|t1|t2)?\s*((?:19|20)\d{2})", re.I)
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOTALS_WORDS = {"totalt", "summa", "total", "totalsumma", "samtliga"}  # a totals row's first cell
COUNT_UNITS = {"st", "st.", "antal", "%"}
DASHES = ("-", "–", "—", "−")
"""What a value cell prints for no value."""
TEXT_TARGETS = ("öka", "minska", "tas fram av nämnd", "tas fram av nämnd/styrelse", "bibehålla")
PERIOD_RE = re.compile(r"^(?:(?:vb|t1|t2|vp)\s*)?(?:19|20)\d{2}$", re.I)
_PERIOD_PARTS_RE = re.compile(r"^(?:(?P<kind>vb|t1|t2|vp)\s*)?(?P<year>(?:19|20)\d{2})$", re.I)


def tidy_period(text: str | None) -> str | None:
    """A period cell as the reports print it ("VB 2024"): a narrow cell breaks "VB" and the
    year over lines ("V" "B" "20" "24"), and the joined lines carry stray spaces."""
    if text is None:
        return None
    m = _PERIOD_PARTS_RE.match("".join(text.split()))
    if not m:
        return text
    return f"{m['kind'].upper()} {m['year']}" if m["kind"] else m["year"]


def split_period(text: str | None) -> tuple[str | None, int | None]:
    """ "VB 2023" -> ("VB", 2023), "2023" -> ("year", 2023), "T2 2024" -> ("T2", 2024); else (None, None)."""
    m = _PERIOD_PARTS_RE.match(fold(text or ""))
    if not m:
        return None, None
    return (m["kind"].upper() if m["kind"] else "year"), int(m["year"])


# The one-letter words of Swedish: any other lower-case letter alone at a line break is
# the end or start of a word a line breaker cut.
ONE_LETTER_WORDS = frozenset({"i", "å", "ö"})

# Short words that start a line on their own right: a line that begins with one of these
# was wrapped at a space, not broken inside a word.
STANDALONE_WORDS = {
    "och",
    "som",
    "av",
    "med",
    "för",
    "i",
    "till",
    "på",
    "eller",
    "inom",
    "vid",
    "samt",
    "att",
    "är",
    "de",
    "det",
    "en",
    "ett",
    "om",
    "per",
    "från",
    "under",
    "efter",
    "mot",
    "utan",
    "hos",
    "där",
    "den",
    "inte",
}

# A text ending in one of these (or in , / -) is unfinished: the next line goes on with it
# ("lex" always goes on with a name: lex Sarah, lex Maria).
CONNECTOR_WORDS = {"och", "eller", "av", "i", "med", "för", "som", "till", "vid", "på", "om", "samt", "lex"}

# Swedish compound ellipsis: "kultur-, idrotts- och föreningsliv" keeps its space.
ELLIPSIS_FOLLOWERS = {"och", "eller", "samt", "respektive", "resp.", "som", "&", "till"}


_SHIFTED_LETTERS = {chr(c << 8): chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B))}
"""Ghostscript's pdfwrite (and what passed through it: many print-to-PDF set-ups) writes a
ligature's ToUnicode one byte off, so "fi" reads "昀椀" and "tt" "琀琀": each letter as
U+‹letter›00. Those CJK code points are never Swedish text, so they read as their letter."""

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": "",
        **_SHIFTED_LETTERS,
    }
)


def clean(text: str, keep_soft_hyphens: bool = False) -> str:
    """Text as a reader would copy it: ligatures expanded, soft hyphens dropped, NFC.

    The reader keeps soft hyphens on words so that line joining knows a word was split."""
    if keep_soft_hyphens:
        text = text.replace("\u00ad", "\x00")
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))
    return text.replace("\x00", "\u00ad") if keep_soft_hyphens else text


def fold(text: str) -> str:
    """Matching key: compatibility-normalised, lower case, single spaces."""
    t = unicodedata.normalize("NFKC", clean(text)).casefold()
    return " ".join(t.split())


def is_private_use(ch: str) -> bool:
    """Icon-font glyphs live in the private use area; they are status icons, not text."""
    return "\ue000" <= ch <= "\uf8ff"


def assessment_code(text: str) -> str | None:
    return ASSESSMENTS.get(fold(text).rstrip("."))


def match_goal_heading(text: str) -> tuple[str, str | None, str] | None:
    """(level, number, title) when text opens with a goal-heading prefix."""
    t = clean(text).strip()
    for level, pattern in GOAL_PREFIXES:
        m = pattern.match(t)
        if m:
            num = m.groupdict().get("num")
            return level, num, t[m.end() :].strip()
    return None


def kind_from_text(text: str) -> str | None:
    """The report kind a title or header names ("Tertialrapport 2", "Tertialrapport2")."""
    m = KIND_RE.search(fold(text))
    if not m:
        return None
    return KIND_WORDS.get(re.sub(r"tertialrapport\s*([12])", r"tertialrapport \1", " ".join(m.group(1).split())))


# Whole words of the fixed vocabulary: a narrow cell's line break between two of them is
# a wrap at a space, never a word broken in two.
VOCAB_WORDS = frozenset(
    w.strip(".,:;()").lower()
    for text in (*TEXT_TARGETS, *HEADER_TEXT.values(), *ASSESSMENTS)
    for w in text.replace("/", " ").split()
)
