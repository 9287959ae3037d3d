"""Words into lines (one horizontal slice of a page), and lines into reader's text."""

from __future__ import annotations

import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..pdf.reading import WORD_GAP, Word
from ..vocab import (
    BULLET_RE,
    CONNECTOR_WORDS,
    COUNT_UNITS,
    ELLIPSIS_FOLLOWERS,
    ISO_DATE_RE,
    STANDALONE_WORDS,
    VOCAB_WORDS,
)

SOFT_HYPHEN = "\u00ad"
_NUMBER_PART = re.compile(r"[−-]?[\d,.]+")
# Words this document sets in the middle of a line somewhere: whole words, never the
# fragments a line breaker leaves ("nämnd/s", "tyrelse"). Set by the pipeline per parse.
MID_LINE_WORDS: ContextVar[frozenset[str]] = ContextVar("MID_LINE_WORDS", default=frozenset())
_PUNCT = ".,;:!?()\"'”“«»"


def _key(text: str) -> str:
    return text.strip(_PUNCT).lower()


def mid_line_words(lines: Sequence[Line]) -> frozenset[str]:
    """Words set inside a run of text (a cell's line, not the page's): neither first nor
    last; and the words of the report's fixed vocabulary ("Tas fram av nämnd")."""
    phrases = [ph for ln in lines for ph in split_phrases(ln.words, 0.5) if len(ph) > 1]
    seen = {_key(w.text) for ph in phrases for w in ph[1:-1]}
    # a phrase's first word is whole where it opens in a capital (a word's wrapped tail
    # does not), its last word where punctuation closes it
    ends = [ph[0].text for ph in phrases if ph[0].text[:1].isupper()]
    ends += [ph[-1].text for ph in phrases if ph[-1].text[-1:] in ".,;:!?"]
    seen |= {k for k in map(_key, ends) if k.isalpha()}
    # a word ending in a hyphen set mid-line with a space after it ("enhetschef- biträdande"),
    # kept apart from the parts of compounds set whole ("APT-" of "APT-möte"): `SPACED`
    spaced = {k + SPACED for k in seen if k.endswith("-")}
    return frozenset(seen | _compound_parts(seen) | VOCAB_WORDS | spaced)


SPACED = " "
"""Suffix of a hyphen-ending word's key in MID_LINE_WORDS when the text sets it mid-line
with a space after it: a word of its own there, not the first part of a compound."""


def _compound_parts(words: set[str]) -> set[str]:
    """The parts of dashed compounds set whole ("resultat–analys"): a line breaker may
    break after the dash, so "resultat–" and "analys" are whole pieces too (and
    "resultat", the part as the word test reads it)."""
    out: set[str] = set()
    for w in words:
        for dash in "–-":
            if dash not in w[1:-1]:
                continue
            parts = w.split(dash)
            if all(p.isalpha() for p in parts):
                out.update(parts)
                out.update(p + dash for p in parts[:-1])
    return out


SENTENCE_RULE = True


@dataclass(eq=False, slots=True)
class Line:
    words: list[Word]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    # where most of the line's characters stand: a glyph of another font (a Symbol minus,
    # an icon font) may stand higher or lower and widen the extent; pitches and gaps
    # between lines are measured here, extents (top, bottom) stay the boxes'
    ref: float = 0.0
    used: bool = False
    tags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.x0 = self.words[0].x0
        self.x1 = max(w.x1 for w in self.words)
        weight: dict[float, int] = {}
        first: dict[float, float] = {}
        for w in self.words:
            key = round(w.top, 1)
            weight[key] = weight.get(key, 0) + len(w.text)
            first.setdefault(key, w.top)
        self.ref = first[max(weight, key=lambda t: (weight[t], -t))]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def subline(self, words: list[Word]) -> Line:
        return Line(list(words), self.page)


def cut_word(w: Word, k: int) -> tuple[Word, Word]:
    """`w` cut before its k-th character (0 < k < len(w.text); w.cuts known): two cells'
    texts that one word holds (zero padding leaves no gap between them)."""
    assert w.cuts is not None
    x = w.cuts[k - 1]
    return (
        Word(w.text[:k], w.x0, x, w.top, w.bottom, w.size, w.bold, w.page, w.cuts[: k - 1]),
        Word(w.text[k:], x, w.x1, w.top, w.bottom, w.size, w.bold, w.page, w.cuts[k:]),
    )


def group_lines(words: Sequence[Word], page: int) -> list[Line]:
    """Cluster a page's words into lines by vertical overlap, top to bottom."""
    if not words:
        return []
    ordered = sorted(words, key=lambda w: (w.mid_y, w.x0))
    lines: list[list[Word]] = []
    cur: list[Word] = [ordered[0]]
    cur_mid = ordered[0].mid_y
    cur_h = ordered[0].bottom - ordered[0].top
    for w in ordered[1:]:
        h = w.bottom - w.top
        if abs(w.mid_y - cur_mid) <= 0.45 * min(h, cur_h):
            cur.append(w)
        else:
            lines.append(cur)
            cur, cur_mid, cur_h = [w], w.mid_y, h
    lines.append(cur)
    return [Line(_join_touching(ws), page) for ws in lines]


TOUCH_GAP = 0.5  # pt: glyphs this close are one word, whatever their fonts


def _join_touching(words: list[Word]) -> list[Word]:
    """Words that touch are one word: a reader splits a word where the font changes, and a
    producer may set a ligature ("ﬀ") or a minus sign in a fallback font mid-word."""
    ws = sorted(words, key=lambda w: w.x0)
    out = [ws[0]]
    piece = ws[0]  # the last word as read, before joining: "ff" joins "energie" and "ktiva"
    for w in ws[1:]:
        a = out[-1]
        lone, lig = _one_glyph_apart(piece, w), _ligature(piece, w)
        piece = w
        gap = w.x0 - a.x1
        # boxes that overlap are one word (a ligature's glyph drawn over its neighbours);
        # boxes that only touch are one word when a lone glyph joins them, and so are
        # boxes a ligature glyph stands as close to as the reader joins glyphs of one font
        # (justified text spaces a fallback font's "ﬀ" 0.6 pt from its word). A ligature
        # is never a word of its own; a short word ("av", "har") so close may be one
        # after a narrow space, or a neighbouring cell's.
        near = max(TOUCH_GAP, WORD_GAP * min(a.size, w.size)) if lig else TOUCH_GAP
        if w.x0 > a.x0 and (-0.8 * min(a.size, w.size) < gap < -TOUCH_GAP or (-TOUCH_GAP <= gap <= near and lone)):
            main = a if len(a.text) >= len(w.text) else w
            cuts = None if a.cuts is None or w.cuts is None else array("f", [*a.cuts, w.x0, *w.cuts])
            out[-1] = Word(
                a.text + w.text, a.x0, max(a.x1, w.x1), main.top, main.bottom, main.size, main.bold, a.page, cuts
            )
        else:
            out.append(w)
    return out


_LIGATURE_TEXTS = frozenset({"ff", "fi", "fl", "ffi", "ffl"})


def _ligature(a: Word, b: Word) -> bool:
    """One of two neighbouring words is a ligature glyph alone ("ff" of "ﬀ", as read)."""
    return a.text in _LIGATURE_TEXTS or b.text in _LIGATURE_TEXTS


def _one_glyph_apart(a: Word, b: Word) -> bool:
    """One of two touching words is a lone glyph of another font inside a word: a
    ligature between letters ("ska" "ff" "a") or a minus before digits. Touching words
    of any length are also neighbouring cells with no padding, which stay apart."""
    short, long_ = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if len(short.text) > 3:
        return False
    if short is a and short.text in "−-–" and b.text[:1].isdigit():
        return True
    # a hyphen after the glyph's word opens the compound's next part: "wi" "ﬁ" "-anslutning"
    b_opens = b.text[:1].isalpha() or (b.text[:1] == "-" and b.text[1:2].isalpha() and short is a)
    return a.text[-1:].isalpha() and b_opens and (short.text.islower() or long_.text[:1].islower())


def split_phrases(words: Sequence[Word], gap_em: float = 0.75) -> list[list[Word]]:
    """Split one line's words where the gap is wider than a word space: separate cells."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 - out[-1][-1].x1 <= gap_em * max(w.size, 1.0):
            out[-1].append(w)
        else:
            out.append([w])
    return out


# --- joining -----------------------------------------------------------------------------

_CLOSING_MARKS_RE = re.compile(r"(?!\.\.)[.,;:!?)\]]+(?:\s|$)")
"""A line that opens with marks alone (no ellipsis): Swedish sets no space before them, so
a line breaker put them on the next line only because the word they close filled its line."""


def _join_pair(prev: str, nxt: str, forced_break: bool) -> str:
    """How the last word of one line meets the first word of the next."""
    if prev.endswith(SOFT_HYPHEN):
        return prev[:-1] + nxt
    if forced_break:
        return prev + nxt
    if _CLOSING_MARKS_RE.match(nxt) and prev[-1:].isalnum():
        return prev + nxt  # "förväntat" / ".": a sentence's mark wrapped alone sits against its word
    if prev.endswith(("-", "–")) and len(prev) > 1 and prev[-2].isdigit() and nxt[:1].isdigit():
        return prev + nxt  # a range broken after its dash: "dag 1-" / "14"
    if prev.endswith("/") and len(prev) > 1 and prev[-2].isalnum():
        return prev + nxt
    if nxt.startswith("/") and prev[-1:].isalnum():  # broken before the slash: "nämnd" "/styrelse"
        return prev + nxt
    if nxt[:1] == "-" and nxt[1:2].islower() and prev[-1:].isalnum():  # "wifi" / "-anslutning": a compound's tail
        return prev + nxt
    # a word ending in a hyphen that the document also sets mid-line, a space after it
    # ("enhetschef- arbetsledare"), is a word of its own there, not one broken in two (an
    # en dash ending a cell's line beside the next cell's text is no such evidence)
    last = prev.rsplit(" ", 1)[-1]
    # a number's compound too ("100-" / "tals", "1990-" / "talet"): a range goes on in digits
    compound = len(prev) > 1 and (
        (prev.endswith(("-", "–")) and prev[-2].isalpha()) or (prev.endswith("-") and prev[-2].isdigit())
    )
    if compound and not (last.endswith("-") and _key(last) + SPACED in MID_LINE_WORDS.get()):
        first = nxt.split(" ", 1)[0].lower()
        if nxt[:1].islower() and first not in ELLIPSIS_FOLLOWERS and first.rstrip(",") not in ELLIPSIS_FOLLOWERS:
            return prev + nxt
    return prev + " " + nxt


def join_wrapped(lines: Sequence[Line]) -> str:
    """Lines of one wrapped phrase (a heading) as one text, joined as in a paragraph: a
    compound broken after its dash or slash ("resultat–" / "analys") is one word again."""
    out = lines[0].text if lines else ""
    for ln in lines[1:]:
        out = _join_pair(out, ln.text, False)
    return " ".join(out.split())


def can_be_pitch(a: Line, b: Line) -> bool:
    """A gap that can be a line pitch (0.9–1.5 × the font size, one page): table rows and
    paragraph gaps are larger, overlapping lines smaller."""
    return a.page == b.page and 0.9 * a.size < b.ref - a.ref < 1.5 * a.size


def can_be_wrap_gap(a: Line, b: Line) -> bool:
    """A gap after a line that wrapped can be the pitch down to half the font size: a line
    height under 1 sets lines tighter than their glyphs are tall (their boxes overlap). A
    wrap is evidence enough that the two lines are one paragraph's, so such a gap is its
    pitch, not two pieces of one line."""
    return a.page == b.page and 0.5 * a.size < b.ref - a.ref < 1.5 * a.size


def line_pitch(lines: Sequence[Line]) -> float:
    """Typical distance between the tops of consecutive lines in one flow of text.

    Only gaps that can be a pitch count (0.9–1.5 × the font size); of those the low end,
    since paragraph gaps are larger and lists of one-line paragraphs are common."""
    gaps = [b.ref - a.ref for a, b in itertools.pairwise(lines) if can_be_pitch(a, b)]
    if not gaps:
        return 1.2 * max((ln.size for ln in lines), default=10.0)
    return smallest_recurring(gaps)


def recurring(gaps: Iterable[float]) -> list[float]:
    """The gaps that occur twice or more (PDF positions are exact to ~0.1 pt)."""
    counts = Counter(round(g, 1) for g in gaps)
    return [g for g, n in counts.items() if n >= 2]


def smallest_recurring(gaps: Sequence[float]) -> float:
    """The line pitch: the smallest gap that recurs, else the smallest gap."""
    again = recurring(gaps)
    return min(again) if again else min(gaps)


def ends_short(line: Line, nxt: Line, right_edge: float) -> bool:
    """True when the next line's first word would have fit: the break was not a wrap.

    The space before it is at least 0.28 em, or the line's own when wider (the middle one
    of its gaps between words, as kerning narrows a few): a font's space is 0.22-0.32 em,
    and 0.28 em made a wrap by 0.1 pt in a wide-spaced font (DejaVu Sans, 0.317) look
    short. Only wider: where a narrow space says the word would have fit by a tenth of a
    point, the widest line is no exact edge (pdftocairo's redrawn text; LibreOffice)."""
    first = nxt.words[0]
    em = max(first.size, 1.0)
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(line.words) if 0.15 * em <= b.x0 - a.x1 <= 0.5 * em)
    space = max(gaps[len(gaps) // 2], 0.28 * em) if gaps else 0.28 * em
    return line.x1 + space + (first.x1 - first.x0) < right_edge - 0.5


FIT_SLACK = 0.02
"""pt: a glyph this much wider than the room left still fits (float32 rounding in
Word.cuts). No more: a column's widest line may be a mark 0.06 pt narrower than three
digits ("14" + "8" then does not fit, and was cut)."""


def first_glyph_width(w: Word) -> float:
    """The advance of a word's first glyph: up to its second character's start when the
    reader recorded it, else the word's mean character width."""
    if len(w.text) == 1:
        return w.x1 - w.x0
    if w.cuts is not None and len(w.cuts) and not math.isnan(w.cuts[0]) and w.cuts[0] > w.x0:
        return float(w.cuts[0]) - w.x0
    return (w.x1 - w.x0) / len(w.text)


def is_forced_break(
    line: Line,
    nxt: Line,
    right_edge: float,
    left_edge: float,
    precise: bool = True,
    room: float = 0.0,
    cell_left: float | None = None,
) -> bool:
    """A word too long for its cell, broken mid-word ("nämnd/s" + "tyrelse").

    Evidence: the line ends within a character of the cell's edge, the next line goes on
    in lower case with no word of its own, and the rejoined word could not have fit on a
    line by itself (which is the only reason a line breaker splits a word)."""
    last, first = line.words[-1], nxt.words[0]
    if ISO_DATE_RE.match(last.text + first.text) and not ISO_DATE_RE.match(last.text):
        return True  # "2023-1" + "2-31": a date broken in a narrow cell
    if _NUMBER_PART.fullmatch(last.text) and (first.text.lower() in COUNT_UNITS or first.text[:1].isalpha()):
        return False  # "33" + "st", "5,5" + "café": a number and a word stand apart
    if last.text in ("−", "-") and first.text[:1].isdigit():
        return True  # a minus sign alone at a line's end: its number did not fit beside it
    if (nxt.text == "," and last.text[-1:].isdigit()) or (line.text == "," and first.text[:1].isdigit()):
        return True  # a decimal comma alone on its line between digits ("2" "," "9" is 2,9)
    if first.text.startswith(",") and _NUMBER_PART.fullmatch(last.text) and _NUMBER_PART.fullmatch(first.text):
        return True  # no value opens with a decimal comma: "81" + ",5 %" is one number
    char_w = (first.x1 - first.x0) / max(1, len(first.text))
    # a breaker cuts a word only when the line is full: if the next line's first letter
    # would have fit (the cell holds a line that wide: `room`), the break was at a space.
    # By the word's mean letter, or by the glyph's own advance: tabular digits fill a line
    # exactly ("9" + "9" in a column whose widest line is "13"), so only rounding slack is
    # allowed. A digit's mean misleads ("1," is half a comma): digits go by the glyph alone.
    width = line.x1 - line.x0
    by_mean = not first.text[:1].isdigit() and width + char_w < room - 0.3
    if room and (by_mean or width + first_glyph_width(first) <= room + FIT_SLACK):
        return False
    # rules showing both sides of the cell: full when the next letter would not have fit,
    # whatever the cell's alignment (centred text ends short of the right edge)
    full = precise and cell_left is not None and (line.x1 - line.x0) + char_w > right_edge - cell_left - 0.5
    # a number broken in a narrow cell: "23" + "0", "18," + "1", "8" + ",5" (not "T1" + "2023")
    digits = (
        (first.text[:1].isdigit() or (first.text[:1] == "," and last.text[-1:].isdigit()))
        and last.text[-1:] in "0123456789,"
        and _NUMBER_PART.fullmatch(last.text)
    )
    # no line of the column is as wide as this one with the next glyph: the line was full,
    # whatever padding the rules leave unseen (digits stacked one a line in a narrow cell)
    over_room = bool(room) and (line.x1 - line.x0) + char_w > room + 0.3
    if digits and (not precise or last.x1 >= right_edge - 1.0 or full or over_room):
        # a group of three digits after a space is a thousands group ("1" + "234" is 1 234)
        group = len(first.text.rstrip("%,.")) == 3 and first.text.rstrip("%,.").isdigit() and last.text.isdigit()
        width = min(right_edge - left_edge, room) if over_room else right_edge - left_edge
        return not group and (last.x1 - last.x0) + (first.x1 - first.x0) > width - 0.5
    if not first.text[:1].islower() or first.text.lower().rstrip(".,;:") in STANDALONE_WORDS:
        return False
    if not (last.text[-1:].isalnum() or last.text.endswith("/")) or last.text.lower() in STANDALONE_WORDS:
        return False  # "klagomålet," or "av" ended a word: a wrap at a space
    known = MID_LINE_WORDS.get()
    if _key(last.text) in known and _key(first.text) in known:
        return False  # both are words this document sets whole elsewhere
    if last.x1 < right_edge - max(1.0, 1.1 * char_w) and not full:
        return False
    if not precise:
        # the edge is only the widest line seen: ask for the shapes a line breaker leaves,
        # a fragment alone on its line, or a short tail after a slash ("nämnd/s")
        tail = last.text.rsplit("/", 1)[-1] if "/" in last.text else None
        slash_word = "/" in first.text and first.text.split("/", 1)[0].lower() not in STANDALONE_WORDS
        # or a word this document sets whole mid-line elsewhere ("kompe" + "tens")
        seen_whole = _key(last.text + first.text) in known
        if len(line.words) != 1 and not (tail is not None and len(tail) <= 3) and not slash_word and not seen_whole:
            return False
        if seen_whole and len(line.words) != 1:
            return True  # the line reached the edge (above) and the parts make a word seen whole
    return (last.x1 - last.x0) + (first.x1 - first.x0) > right_edge - left_edge - 0.5


def _opens_item(prev: Line, ln: Line, right_edge: float) -> bool:
    """A line opening with a bullet or dash starts a list item, unless it is a sentence's
    dash wrapped to the line start ("åtgärderna" / "– bland annat"): a dash standing alone
    after a line that went on mid-sentence and was full, so the dash could not have stood
    at its end. A bullet set against its word ("-Personer") is an item whatever came before."""
    if not BULLET_RE.match(ln.text) or BULLET_RE.match(prev.text[-1:] or "x"):
        return False
    dash_alone = len(ln.words) > 1 and ln.words[0].text in ("–", "-", "—")
    mid_sentence = prev.text.rstrip()[-1:].isalnum()
    return not (dash_alone and mid_sentence and not ends_short(prev, ln, right_edge))


def wrap_pitch(lines: Sequence[Line], edge_of: Callable[[int], float]) -> float | None:
    """The flow's own line pitch, from the gaps after lines that wrapped (the next line's first
    word would not have fit) in mid-sentence: those gaps are line pitch whatever the style
    measured elsewhere, where tables set at the body size with another leading can make a
    smaller pitch recur. A sentence's end before a capital may be a paragraph's end that
    happened to fill its line, so it is no evidence."""
    gaps = [
        b.ref - a.ref
        for a, b in itertools.pairwise(lines)
        if can_be_wrap_gap(a, b)
        and not ends_short(a, b, edge_of(a.page))
        and not (a.text.rstrip()[-1:] in ".!?:" and b.text[:1].isupper())
    ]
    return smallest_recurring(gaps) if gaps else None


def paragraphs(
    lines: Sequence[Line], right_edge: float | Mapping[int, float] | None = None, pitch: float | None = None
) -> list[str]:
    """Lines of one text flow into paragraphs: lines joined, split words rejoined.

    `right_edge` may be given by page (pages of different widths have their own). `pitch`
    is the fallback when the flow has no wrapped line of its own to measure by."""
    lines = [ln for ln in lines if ln.words]
    if not lines:
        return []
    if right_edge is None:
        right_edge = max(ln.x1 for ln in lines)
    edges = right_edge if isinstance(right_edge, Mapping) else None
    fixed = right_edge if not isinstance(right_edge, Mapping) else max(ln.x1 for ln in lines)

    def edge_of(page: int) -> float:
        return edges.get(page, fixed) if edges is not None else fixed

    own = wrap_pitch(lines, edge_of)
    if own is not None:
        pitch = own
    elif pitch is None:
        pitch = line_pitch(lines)
    paras: list[str] = []
    cur = ""
    prev: Line | None = None
    for ln in lines:
        text = ln.text
        if prev is None:
            cur = text
        else:
            if ln.page != prev.page:
                # a page break hides the paragraph spacing: a short last line, a bullet, or
                # a sentence ending the page and a capital opening the next one decide
                new_para = (
                    ends_short(prev, ln, edge_of(prev.page))
                    or _opens_item(prev, ln, edge_of(prev.page))
                    or (SENTENCE_RULE and prev.text.rstrip()[-1:] in ".!?:" and text[:1].isupper())
                )
            else:
                new_para = (
                    ln.ref - prev.ref > pitch + max(1.0, 0.06 * pitch)
                    or ends_short(prev, ln, edge_of(prev.page))
                    or _opens_item(prev, ln, edge_of(prev.page))
                )
            if new_para:
                paras.append(cur)
                cur = text
            else:
                cur = _join_pair(cur, text, False)
        prev = ln
    paras.append(cur)
    return [t for t in map(tidy, paras) if t]


def unfinished(text: str) -> bool:
    """Text that cannot end here: an open parenthesis, a trailing , / - or a connector."""
    t = text.rstrip()
    if not t:
        return False
    if t.count("(") > t.count(")"):
        return True
    return t.endswith((",", "/", "-")) or t.split()[-1].lower() in CONNECTOR_WORDS


def tidy(text: str) -> str:
    return " ".join(text.replace(SOFT_HYPHEN, "").split())


def join_cell(
    lines: Sequence[Line],
    right_edge: float | None = None,
    precise: bool = False,
    room: float = 0.0,
    cell_left: float | None = None,
) -> str:
    """A narrow table cell's lines as one value: "Tas fram" "av" "nämnd/s" "tyrelse".

    `right_edge` is where the cell's text may reach (`precise` when rules showed it); by
    default the widest line's end. `room` is the widest line the column holds anywhere."""
    if not lines:
        return ""
    compact = "".join(ln.text for ln in lines).replace(" ", "")
    if len(lines) > 1 and ISO_DATE_RE.match(compact):
        return compact  # a date broken over the lines of a narrow cell
    if right_edge is None:
        right_edge = max(ln.x1 for ln in lines)
    left_edge = min(ln.x0 for ln in lines)
    kept = _kept_spaces(lines)
    forced = [
        is_forced_break(a, b, right_edge, left_edge, precise, room, cell_left)
        and not _ends_at_kept_space(a, b)
        and not kept[i]
        for i, (a, b) in enumerate(itertools.pairwise(lines))
    ]
    glue: list[bool | None] = [None] * len(forced)  # None: _join_pair decides; else glued or a space
    for i, (a, b) in enumerate(itertools.pairwise(lines)):
        last, first = a.words[-1].text, b.words[0].text
        if last[-1:].isalpha() and first[:1].isalpha():
            glue[i] = " " not in _join_pair(last, first, forced[i])
    _mend_by_vocabulary(lines, glue)
    for i, k in enumerate(kept):
        if k and glue[i]:
            glue[i] = False  # the line kept its trailing space: the words stand apart
    out = lines[0].text
    for i, ln in enumerate(lines[1:]):
        g = glue[i]
        out = _join_pair(out, ln.text, forced[i]) if g is None else out + ("" if g else " ") + ln.text
    if any(
        f and a.text[-1:].isdigit() and b.text[:1].isdigit()
        for f, (a, b) in zip(forced, itertools.pairwise(lines), strict=True)
    ):
        out = _BROKEN_GROUPS_RE.sub(_grouped, out)
    return tidy(out)


_BROKEN_GROUPS_RE = re.compile(r"(?<![\d,.])[1-9]\d{4,}(?![\d.])")
"""A whole number of five digits or more, no separator: in a cell broken into digit lines,
where the thousands space fell cannot be seen (a break at "32 | 765" and one inside
"32765" leave the same lines), and a Swedish number of that size is grouped ("32 765")."""


def _grouped(m: re.Match[str]) -> str:
    digits = m.group(0)
    head = len(digits) % 3 or 3
    return " ".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _kept_spaces(lines: Sequence[Line]) -> list[bool]:
    """Per break of a cell's lines: the line before it kept its trailing space (WeasyPrint
    keeps it), so the break was at that space. Seen against the cell's last line, which
    never ends at a space: a centred line then stands half a space (0.075-0.2 em) left of
    the last line's centre, a right-aligned one a whole space (0.15-0.4 em) short of its
    end. Only when every line keeps to that alignment and the lines start apart (not
    left-aligned); producers that drop the space leave no offset, so no evidence."""
    out = [False] * (len(lines) - 1)
    if len(lines) < 2:
        return out
    last = lines[-1]
    em = max(last.size, 1.0)
    if max(ln.x0 for ln in lines) - min(ln.x0 for ln in lines) < 0.3 * em:
        return out  # left-aligned (or all alike): ends are no evidence
    mid = (last.x0 + last.x1) / 2
    centred = all(-0.02 * em <= mid - (ln.x0 + ln.x1) / 2 <= 0.2 * em for ln in lines)
    right = all(-0.02 * em <= last.x1 - ln.x1 <= 0.4 * em for ln in lines)
    for i, ln in enumerate(lines[:-1]):
        if not (ln.text[-1:].isalnum() and lines[i + 1].text[:1].isalnum() and last.text[:1].isalnum()):
            continue  # between words or digits, seen against a last line of them: a mark of
            # another width ("%") may close a number's cell off its alignment
        if centred and not right:
            out[i] = 0.075 * em <= mid - (ln.x0 + ln.x1) / 2 <= 0.2 * em
        elif right and not centred:
            out[i] = 0.15 * em <= last.x1 - ln.x1 <= 0.4 * em
    return out


def _ends_at_kept_space(line: Line, nxt: Line) -> bool:
    """A number's line that ends a space's width (0.15-0.4 em) short of the next line of
    digits, the whole line shifted left by it: a right-aligned line that kept its trailing
    space (WeasyPrint does), so the break after it was at that space ("7 " / "474" is
    147 474, not 147474). Centred lines are shifted in from both sides alike, so they do
    not read as this."""
    last = line.words[-1]
    # digits alone on both lines: left-aligned, they end whole (tabular) digits apart, where
    # a comma or a space inside a line would make up a space's width
    if not (len(line.words) == len(nxt.words) == 1 and last.text.isdigit() and nxt.text.isdigit()):
        return False
    short = nxt.x1 - line.x1
    return 0.15 * last.size <= short <= 0.4 * last.size and abs((line.x0 - nxt.x0) - short) > 0.1 * last.size


SPAN_MAX = 8
"""Most line pieces one word is read across (a word broken over more lines than that in a
cell narrower than a few letters is no word a reader can restore)."""


def _unknown(token: str, known: frozenset[str]) -> int:
    """1 when a token holds letters and is no word the document (or the report's vocabulary)
    sets whole (each side of a slash a word); a number or a mark is no evidence either way."""
    for part in token.split("/"):
        key = _key(part).strip("-–")
        if key and any(ch.isalpha() for ch in key) and key not in known:
            return 1
    return 0


def _mend_by_vocabulary(lines: Sequence[Line], glue: list[bool | None]) -> None:
    """Line breaks between letters that geometry cannot settle, weighed by the words they make.

    In a cell narrower than a word a line breaker cuts the word wherever the line is full, and
    a line that ends at a space is as full: "Tas" "fra" "m" is "Tas fram" or "Tasfra m",
    "av n" "ämn" "d" is "av nämnd". Where the geometry's reading makes a word the document
    never sets whole and another reading of the same breaks makes only words it does, the
    latter stands (fewest changes first); fewer unknown words is no evidence (gluing two
    unknown words always makes fewer). A run of breaks joined through one-word lines is
    weighed together, since one word can span them."""
    known = MID_LINE_WORDS.get()
    if not known:
        return
    i = 0
    n = len(glue)
    while i < n:
        if glue[i] is None:
            i += 1
            continue
        j = i  # the run: breaks i..j, each line between them one word
        while j + 1 < n and glue[j + 1] is not None and len(lines[j + 1].words) == 1:
            j += 1
        pieces = [lines[i].words[-1].text, *(lines[k].words[0].text for k in range(i + 1, j + 2))]
        orig = [bool(glue[k]) for k in range(i, j + 1)]
        best = _segment(pieces, orig, known)
        if best is not None:
            glue[i : j + 1] = best
        i = j + 1


def _segment(pieces: Sequence[str], orig: Sequence[bool], known: frozenset[str]) -> list[bool] | None:
    """The breaks between `pieces` (True: glued) that make only known words, fewest changes
    from `orig` first; None when `orig` already does or no reading does."""
    m = len(pieces)

    def unknown_in(glued: Sequence[bool]) -> int:
        tokens = [pieces[0]]
        for g, p in zip(glued, pieces[1:], strict=True):
            if g:
                tokens[-1] += p
            else:
                tokens.append(p)
        return sum(_unknown(t, known) for t in tokens)

    if not unknown_in(orig):
        return None
    # best[k]: (changes, breaks) for pieces[:k] read as known words ending at k
    best: list[tuple[int, list[bool]] | None] = [None] * (m + 1)
    best[0] = (0, [])
    for k in range(1, m + 1):
        for s in range(max(0, k - SPAN_MAX), k):
            prior = best[s]
            if prior is None or _unknown("".join(pieces[s:k]), known):
                continue
            breaks = [*prior[1], *([False] if s else []), *([True] * (k - s - 1))]
            changes = sum(a != b for a, b in zip(breaks, orig, strict=False))
            here = best[k]
            if here is None or changes < here[0]:
                best[k] = (changes, breaks)
    done = best[m]
    return done[1] if done is not None else None
