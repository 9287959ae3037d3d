"""Table headers: a band of lines made only of header words, known by its word set.

A header cell may be aligned to its top, centre or bottom, wrap, or break a word with a
hyphen, so no single line of the header need carry its key words. The band is every
line of header vocabulary stacked at line pitch with no rule between them; the kind of
table is decided from the words of the whole band, read column by column.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...pdf.reading import Word
from ...vocab import HEADER_KEYS, HEADER_OPENERS, HEADER_TEXT, YEAR_RE, fold
from ..lines import Line, cut_word, split_phrases

CELL_GAP_EM = 0.5
START_TOL = 0.5
"""pt: a character boundary this close to where another line's cell text starts is that cell's edge."""
MAX_HEADER_LINES = 24  # narrow cells break header words over many lines, one letter a line at worst

_VOCAB = {kind: text.replace(" ", "") for kind, text in HEADER_TEXT.items()}
_ALL_VOCAB = "|".join(_VOCAB.values())


@dataclass
class Header:
    kind: str
    lines: list[Line]


def squeeze(text: str) -> str:
    """Header text with spaces and line-break hyphens gone: "Perio- dens" → "periodens"."""
    return fold(text).replace("\u00ad", "").replace("- ", "").replace(" ", "")


def _piece(word: Word, vocab: str) -> bool:
    return _piece_text(word.text, vocab)


def _piece_text(text: str, vocab: str) -> bool:
    t = fold(text).rstrip("-\u00ad")
    # a year may break in a narrow header cell too ("20" + "22")
    if not t or bool(YEAR_RE.match(t)) or (t.isdigit() and len(t) <= 4) or t in vocab:
        return True
    # a cell one character wide sets an abbreviation's point beside the next letter ("ack." "U" -> "U.")
    if len(t) == 2 and t.endswith(".") and t[0] in vocab:
        return True
    # a word and its year read without the space between ("VB2022"): both are the header's
    return len(t) > 4 and bool(YEAR_RE.match(t[-4:])) and t[:-4] in vocab


def glued_pieces(word: Word, vocab: str = _ALL_VOCAB) -> list[Word] | None:
    """A header word that is two or more cells' texts glued by zero padding ("2022Årsmål",
    "kvinnor/VB"): cut where a capital opens the next text and every part is header
    vocabulary; None when it is no such word."""
    t = word.text
    if word.cuts is None or t[1:].islower() or not any(c.isupper() for c in t[1:]):
        return None
    for k in range(1, len(t)):
        # a capital after a lowercase letter or digit opens the next text ("2022Årsmål"),
        # and so does a lowercase letter after an acronym ("VBack.")
        opens = (t[k].isupper() and not t[k - 1].isupper()) or (
            k >= 2 and t[:k].isalpha() and t[:k].isupper() and t[k].islower()
        )
        if opens and _piece_text(t[:k], vocab):
            left, right = cut_word(word, k)
            rest = [right] if _piece(right, vocab) else glued_pieces(right, vocab)
            if rest:
                return [left, *rest]
    return None


def glued_at_starts(word: Word, starts: Sequence[float], vocab: str = _ALL_VOCAB) -> list[Word] | None:
    """A header word that runs across two cells with no capital to show where (zero
    padding: 'utfall' | 'än/'): cut at a character boundary where a header cell's text
    starts on another line of the band (the cell's edge, drawn by its text), when both
    parts are header vocabulary; None when there is no such boundary. Each part holds two
    letters or more: any single letter is a piece of some header word, and a body word
    whose last letter happens to stand where a header cell starts ('Aktiv' | 't') is no
    header."""
    if word.cuts is None or not starts or _piece(word, vocab):
        return None
    for k, x in enumerate(word.cuts, start=1):
        if (
            2 <= k <= len(word.text) - 2
            and any(abs(x - s) <= START_TOL for s in starts)
            and _piece_text(word.text[:k], vocab)
            and _piece_text(word.text[k:], vocab)
        ):
            return list(cut_word(word, k))
    return None


def is_header_line(line: Line, kind: str | None = None, starts: Sequence[float] = ()) -> bool:
    """Every word of the line is a piece of a header's vocabulary (headers wrap anywhere),
    or two pieces glued where a cell's text starts on a line above (`starts`)."""
    vocab = _VOCAB[kind] if kind else _ALL_VOCAB
    return all(
        _piece(w, vocab) or glued_pieces(w, vocab) is not None or glued_at_starts(w, starts, vocab) is not None
        for w in line.words
    )


def opens_cell(word: Word) -> bool:
    """A capitalised word a header cell begins with ("Utfall", "Årsmål"; not "VB", "utfall").

    Narrow cells with little padding set neighbouring cells' words a word space apart, so
    only the vocabulary can tell "Utfall VB" (one cell) from "VB Årsmål" (two)."""
    t = fold(word.text)
    return word.text[:1].isupper() and len(t) >= 3 and any(o.startswith(t) or t.startswith(o) for o in HEADER_OPENERS)


def clusters(lines: Sequence[Line], cuts: Sequence[float] = (), rules: Sequence[float] = ()) -> list[list[Word]]:
    """Header words grouped into columns: phrases on a line, joined across lines by x-overlap.

    `cuts` are vertical rules: a phrase never runs across one; nor does it run into a word
    that opens a header cell, unless `rules` (a ruled table's column rules) box both."""
    phrases: list[list[Word]] = []
    for ln in lines:
        words: list[Word] = []
        opening: set[int] = set()  # the later parts of glued words: each opens a cell
        starts = [w.x0 for other in lines if other is not ln for w in other.words]
        for w in ln.words:
            # whole words of the vocabulary have no capital inside
            parts = glued_pieces(w) or glued_at_starts(w, starts)
            if parts is None:
                words.append(w)
            else:
                words += parts
                opening.update(id(p) for p in parts[1:])
        for ph in split_phrases(words, CELL_GAP_EM):
            cur: list[Word] = []
            for w in ph:
                # two words closer than any word space (but apart: no glyph overlap) are
                # neighbouring cells with no padding ("ns u" | "pojkar")
                apart = 0.0 < w.x0 - cur[-1].x1 < 0.12 * max(w.size, 1.0) if cur else False
                if cur and (
                    ((opens_cell(w) or id(w) in opening or apart) and not _boxed(cur[0], w, rules))
                    or any(cur[-1].x1 - 0.5 <= x <= w.x0 + 0.5 for x in cuts)
                ):
                    phrases.append(cur)
                    cur = []
                cur.append(w)
            phrases.append(cur)
    phrases = _split_under_cells_above(_split_at_gutters(_split_at_cell_starts(phrases)))
    groups: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for ph in phrases:
        x0, x1 = min(w.x0 for w in ph), max(w.x1 for w in ph)
        hit = [i for i, (a, b) in enumerate(spans) if x0 < b - 0.5 and x1 > a + 0.5]
        if not hit:
            groups.append(list(ph))
            spans.append((x0, x1))
            continue
        keep = hit[0]
        for i in reversed(hit[1:]):
            groups[keep] += groups.pop(i)
            a, b = spans.pop(i)
            spans[keep] = (min(spans[keep][0], a), max(spans[keep][1], b))
        groups[keep] += ph
        spans[keep] = (min(spans[keep][0], x0), max(spans[keep][1], x1))
    order = sorted(range(len(groups)), key=lambda i: spans[i][0])
    return [sorted(groups[i], key=lambda w: (round(w.top), w.x0)) for i in order]


def _boxed(a: Word, b: Word, rules: Sequence[float]) -> bool:
    """Words a and b (a left of b) stand in one cell between two of a ruled table's
    column rules: where rules part the columns, a word opening a cell's text ("Utfall"
    in "Totalt ack. Utfall") opens none there."""
    return any(x < a.x0 for x in rules) and any(x > b.x1 for x in rules) and not any(a.x0 <= x <= b.x1 for x in rules)


def _split_at_cell_starts(phrases: list[list[Word]]) -> list[list[Word]]:
    """A phrase whose inner word starts exactly where a cell's text starts on another line
    of the header runs across two cells (no padding, glued at a word space: "ode män/"
    under "Peri" | "Utfall"): it is cut there."""
    starts = [(ph[0].x0, ph[0].top) for ph in phrases if ph]
    out: list[list[Word]] = []
    for ph in phrases:
        cur: list[Word] = []
        for w in ph:
            if cur and any(abs(w.x0 - x) <= 0.3 and abs(top - w.top) > 1.0 for x, top in starts):
                out.append(cur)
                cur = []
            cur.append(w)
        if cur:
            out.append(cur)
    return out


def _split_under_cells_above(phrases: list[list[Word]]) -> list[list[Word]]:
    """A phrase that opens a header cell ("Årsmål årsmål") is cut before the first word
    that text of a line above stands over, when none stands over the words before it nor
    runs into the gap: a cell's text begins with its opening word, so nothing of its own
    cell stands above that word's line; the words under other text are the end of another
    cell (right-aligned "KF:s" over "årsmål", glued at a word space by zero padding)."""
    out: list[list[Word]] = []
    for ph in phrases:
        if len(ph) < 2 or not opens_cell(ph[0]):
            out.append(ph)
            continue
        above = [w for o in phrases if o and o[0].top < ph[0].top - 1.0 for w in o]
        cut = None
        for k in range(1, len(ph)):
            a, b = ph[k - 1], ph[k]
            if any(w.x0 < b.x0 and w.x1 > a.x1 for w in above):
                break  # text above runs into the gap: one cell
            if any(w.x0 < b.x1 - 0.5 and w.x1 > b.x0 + 0.5 for w in above):
                cut = k
                break
        if cut is not None and not any(w.x0 < ph[cut - 1].x1 - 0.5 and w.x1 > ph[0].x0 + 0.5 for w in above):
            out += [ph[:cut], ph[cut:]]
        else:
            out.append(ph)
    return out


def _split_at_gutters(phrases: list[list[Word]]) -> list[list[Word]]:
    """A phrase is cut between two of its words where the other lines of the header leave
    a gutter: words stand above or below each side and none reaches into the gap between
    them. Two narrow cells whose last lines come a word space apart ("pojkar flickor")
    are two columns; one cell's wrapped words ("Utfall VB" over "2022") have text under
    one side only, or across the gap."""
    out: list[list[Word]] = []
    spans = [(o[0].top, o[0].x0, max(w.x1 for w in o)) for o in phrases if o]
    for ph in phrases:
        others = [w for o in phrases if o and abs(o[0].top - ph[0].top) > 1.0 for w in o]
        cur: list[Word] = [ph[0]]
        for a, b in itertools.pairwise(ph):
            if (others and _gutter_between(a, b, others)) or _two_cells_over(a, b, spans):
                out.append(cur)
                cur = []
            cur.append(b)
        out.append(cur)
    return out


def _two_cells_over(a: Word, b: Word, spans: Sequence[tuple[float, float, float]]) -> bool:
    """Another line of the header holds two phrases (apart by more than a word space:
    two cells' texts), one standing over a and short of b, the other over b and clear of
    a: a and b are those two cells' words, a word space apart at zero padding ("män/
    kvinno" under "Utfall" | "Utfall"), though the wider word above reaches into the gap."""
    over_a = {top for top, x0, x1 in spans if abs(top - a.top) > 1.0 and x0 < a.x1 and x1 > a.x0 and x1 <= b.x0}
    return any(top in over_a and x0 < b.x1 and x1 > b.x0 and x0 >= a.x1 for top, x0, x1 in spans)


def _gutter_between(a: Word, b: Word, others: Sequence[Word]) -> bool:
    left = right = False
    for w in others:
        if w.x0 < b.x0 and w.x1 > a.x1:
            return False  # text of another line runs into the gap: one cell
        left = left or (w.x0 < a.x1 and w.x1 > a.x0)
        right = right or (w.x0 < b.x1 and w.x1 > b.x0)
    return left and right


def band_kind(lines: Sequence[Line]) -> str | None:
    """Which table a band of header lines heads, judged on each column's joined words."""
    texts = [squeeze(" ".join(w.text for w in ws)) for ws in clusters(lines)]
    for kind, (first, others) in HEADER_KEYS.items():
        if any(first in t for t in texts) and any(k in t for t in texts for k in others):
            return kind
    return None


def header_at(
    lines: Sequence[Line], i: int, rule_between: Callable[[Line, Line], bool], kind: str | None = None
) -> Header | None:
    """The header band starting at line i, if one does (of `kind`, when given)."""
    first = lines[i]
    if not is_header_line(first, kind):
        return None
    band = [first]
    j = i + 1
    while j < len(lines) and len(band) < MAX_HEADER_LINES:
        nxt, prev = lines[j], band[-1]
        # a header wraps at line pitch with no rule inside; the first body row stands lower
        starts = [w.x0 for ln in band for w in ln.words]
        if (
            nxt.page != prev.page
            or not is_header_line(nxt, kind, starts)
            or nxt.top - prev.top > 1.5 * prev.size
            or rule_between(prev, nxt)
        ):
            break
        band.append(nxt)
        j += 1
    found = band_kind(band)
    if found is None or (kind is not None and found != kind):
        return None
    return Header(found, band)
