"""The cells' text of a complaints row: counts, units and words glued by a missing padding."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import replace

from ....pdf.reading import Word
from ....vocab import (
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_GROUP_LABELS,
    COUNT_UNITS,
    ONE_LETTER_WORDS,
    STANDALONE_WORDS,
    fold,
)
from ...lines import MID_LINE_WORDS, Line, _key, cut_word, join_cell
from ..columns import TableLayout
from .row import _COUNT_ROLES, _Row

_GLUED_UNIT = re.compile(r"(\d+)(\D+)")


def _unglue(w: Word) -> list[Word]:
    """A count and its unit in one word ("20st"): with no cell padding the count's right
    edge meets the unit's cell's left edge. Cut where the digits end (by their share of
    the characters), so each part lands in its own column."""
    m = _GLUED_UNIT.fullmatch(w.text)
    if m is None or fold(m.group(2)) not in COUNT_UNITS:
        return [w]
    if w.cuts is not None:  # where the unit's first character starts
        return list(cut_word(w, len(m.group(1))))
    cut = w.x0 + (w.x1 - w.x0) * len(m.group(1)) / len(w.text)
    return [replace(w, text=m.group(1), x1=cut), replace(w, text=m.group(2), x0=cut)]


_PUNCT_ALONE = re.compile(r" ([?,.;:!)])(?=\s|$)")


def _cell_text(
    lines: list[Line], edge: float, precise: bool, room: float = 0.0, whole: frozenset[str] = frozenset()
) -> str:
    """A label's or category's lines as one text. A word is broken mid-word only when it
    is alone on its line (a line breaker moves a word too long for the line to a line of
    its own before it breaks it), and punctuation wrapped onto a line of its own ("?")
    closes the word before it. `room`: the widest line the column sets anywhere (a line
    the next line's first letter would have fitted on was not broken mid-word). `whole`:
    words the column sets alone on a line over unlike next words, so whole words (a word
    too long for the column breaks at one place every time)."""
    joined = join_cell(lines, edge, precise, room)
    if precise and any(len(ln.words) > 1 for ln in lines[:-1]):
        loose = join_cell(lines, edge, False, room)
        if len(loose) > len(joined):
            joined = loose
    for a, b in itertools.pairwise(lines):
        if not a.words or not b.words:
            continue
        head, tail = a.words[-1].text, b.words[0].text
        if len(a.words) == 1 and head in whole and head + tail in joined and f"{head} {tail}" not in joined:
            joined = joined.replace(head + tail, f"{head} {tail}", 1)
        elif (
            (len(a.words) == 1 and _letter_alone(head, tail))
            or (len(a.words) > 1 and _letter_alone(tail, head, first=True))
        ) and f"{head} {tail}" in joined:
            joined = joined.replace(f"{head} {tail}", head + tail, 1)
    return known_spacing(_PUNCT_ALONE.sub(r"\1", _rejoin_known(lines, joined)))


def _letter_alone(word: str, letter: str, first: bool = False) -> bool:
    """A lone lower-case letter that is no word at a line break, beside a word: a word
    alone on its line followed by a line opening with the letter ("Samverkanspar" "t (ex",
    "rapporteringsvy" "n)"), or (`first`) a line ending with the letter after other words
    before a line opening in lower case ("av p" "ersonuppgifter"; a letter alone on its
    line is the end of the word above). Only a breaker cutting a word too long for its
    line leaves a lone letter there, so the two are one word."""
    letters = letter.rstrip(".,;:!?)") if not first else letter
    near = word[:1].islower() if first else word[-1:].isalpha()
    return near and len(letters) == 1 and letters.islower() and letters.isalpha() and letters not in ONE_LETTER_WORDS


def _rejoin_known(lines: Sequence[Line], joined: str) -> str:
    """A word broken where it stands alone on its line ("Hälsofrämjan" "de") whose parts
    joined make a word this document sets whole mid-line, while the first part is no such
    word: one word (a breaker cuts only a word too long for its line; "de" alone is a
    word, so the word test in join_cell lets it stand)."""
    known = MID_LINE_WORDS.get()
    for a, b in itertools.pairwise(lines):
        if len(a.words) != 1 or not b.words:
            continue
        head, tail = a.words[0].text, b.words[0].text
        if _key(head + tail) in known and _key(head) not in known and f"{head} {tail}" in joined:
            joined = joined.replace(f"{head} {tail}", head + tail, 1)
    return joined


def _summary_text(row: _Row) -> str:
    """A summary's lines as one text: lines meet at a space, or with none after a dash or
    slash ending a line ("resultat–" "analys"), or where a word too long for the column
    was broken (`_rejoin_fragments`)."""
    joined = _rejoin_known(row.summary, join_cell(row.summary, math.inf))
    joined = _rejoin_lone_letters(row.summary, joined, row.summary_room)
    return _rejoin_fragments(
        row.summary,
        joined,
        row.summary_edge,
        row.summary_room,
        row.summary_whole,
        row.summary_again,
        row.summary_starts,
    )


def _rejoin_lone_letters(lines: Sequence[Line], joined: str, room: float) -> str:
    """A line ending in a lone letter that is no word, after other words, before a line
    opening in lower case ("stöd v" "erksamheten."): one word, where the two are wider
    together than any line the column sets (`room`). Producers break inside a word only
    when it fits on no line of its own (reportlab's long-word split, CSS break-word), and
    then fill the line first."""
    for a, b in itertools.pairwise(lines):
        if len(a.words) < 2 or not b.words or a.page != b.page:
            continue
        last, first = a.words[-1], b.words[0]
        if (
            _letter_alone(first.text, last.text, first=True)
            and room > 0
            and (last.x1 - last.x0) + (first.x1 - first.x0) > room + 0.3
            and f"{last.text} {first.text}" in joined
        ):
            joined = joined.replace(f"{last.text} {first.text}", last.text + first.text, 1)
    return joined


def _rejoin_fragments(
    lines: Sequence[Line],
    joined: str,
    edge: float,
    room: float,
    whole: frozenset[str] = frozenset(),
    again: frozenset[str] = frozenset(),
    starts: frozenset[str] = frozenset(),
) -> str:
    """A word too long for its column, broken where the line was full: the fragment stands
    alone on its line, reaches where the column's lines end at most (`edge`), the next
    letter would not have fit beside it within the widest line the column sets (`room`:
    the cell holds at least that), it is no word this document sets whole mid-line, and
    the text goes on in lower case below ("medarbeta" "re"); and it is none of the words
    `whole`, seen alone on a line over unlike next words. A next word that is a word on
    its own ("de", "och") or one that opens lines after unlike words (`starts`) takes a
    break seen `again` ("hälsofrämjan" "de" twice)."""
    known = MID_LINE_WORDS.get()
    for a, b in itertools.pairwise(lines):
        if len(a.words) != 1 or not b.words or a.page != b.page:
            continue
        head, nxt = a.words[0], b.words[0]
        tail = nxt.text
        char_w = (head.x1 - head.x0) / max(1, len(head.text))
        letter = (nxt.x1 - nxt.x0) / max(1, len(tail))
        if (
            head.text[-1:].isalpha()
            and tail[:1].islower()
            and _key(head.text) not in known
            and head.text not in whole
            and (
                (tail.lower().rstrip(".,;:") not in STANDALONE_WORDS and _key(tail) not in starts)
                or head.text in again
                or _letter_alone(head.text, tail)
            )
            and head.x1 >= edge - max(1.0, 1.1 * char_w)
            and (head.x1 - head.x0) + letter > room + 0.3
            and f"{head.text} {tail}" in joined
        ):
            joined = joined.replace(f"{head.text} {tail}", head.text + tail, 1)
    return joined


def _spread_counts(cells: dict[str, list[Word]], layout: TableLayout) -> None:
    """One cell holds one count: two counts far apart on one line in one column's band
    (columns measured a little off, or a column the header did not show) belong to it and
    its empty neighbour: the right one moves right into a column the header did not show
    (or from VB to the total, which every counted row has), else the left one moves left.
    Words a space apart are one number ("1 234")."""
    for role in _COUNT_ROLES:
        ws = sorted(cells.get(role, []), key=lambda w: w.x0)
        if len(ws) != 2 or ws[1].x0 - ws[0].x1 < ws[0].size:
            continue
        i = _COUNT_ROLES.index(role)
        right = _COUNT_ROLES[i + 1] if i + 1 < len(_COUNT_ROLES) else None
        left = _COUNT_ROLES[i - 1] if i > 0 else None
        if right is not None and right not in cells and (layout.band(right) is None or role == "vb"):
            cells[role], cells[right] = [ws[0]], [ws[1]]
        elif left is not None and left not in cells:
            cells[left], cells[role] = [ws[0]], [ws[1]]


def _take_wrapped_unit(row: _Row) -> None:
    """A unit broken over lines in its narrow cell ("s" over "t"): the first words of the
    row's leading summary lines, one above the other, that together spell a unit. One
    cell's lines overlap in x whatever its alignment (centred, "t" stands a little right
    of "s"), so each part overlaps the first over most of the narrower one's width."""
    if "unit" in row.cells or len(row.summary) < 2 or not any(k in row.cells for k in ("t1", "t2", "vb", "total")):
        return
    parts: list[Word] = []
    for ln in row.summary:
        w = ln.words[0]
        first = parts[0] if parts else w
        if min(w.x1, first.x1) - max(w.x0, first.x0) < 0.5 * min(w.x1 - w.x0, first.x1 - first.x0):
            return
        parts.append(w)
        if len(parts) >= 2 and fold("".join(p.text for p in parts)) in COUNT_UNITS:
            break
    else:
        return
    row.cells["unit"] = [replace(parts[0], text="".join(p.text for p in parts))]
    rest = [ln.subline(ln.words[1:]) for ln in row.summary[: len(parts)] if len(ln.words) > 1]
    row.summary = rest + row.summary[len(parts) :]


_KNOWN_LABELS = {"".join(fold(label).split()): label for label in (*COMPLAINT_GROUP_LABELS, *COMPLAINT_CATEGORY_LABELS)}


def known_spacing(label: str) -> str:
    """A group label or category whose letters are a template label's exactly, spaced as the
    template spaces them: the letters were read right, only where the line breaks fell was
    guessed. The printed letters are kept (their case, their dashes)."""
    known = _KNOWN_LABELS.get("".join(fold(label).split()))
    letters = "".join(label.split())
    if known is None or len(letters) != len("".join(known.split())):
        return label
    out: list[str] = []
    it = iter(letters)
    for ch in known:
        out.append(" " if ch.isspace() else next(it))
    return "".join(out)
