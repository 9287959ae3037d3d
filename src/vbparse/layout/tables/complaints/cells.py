"""The cells' text of a complaints row: counts, units and words glued by a missing padding."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from ....pdf.reading import Word
from ....vocab import COMPLAINT_CATEGORY_LABELS, COMPLAINT_GROUP_LABELS, COUNT_UNITS, fold
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


def _cell_text(lines: list[Line], edge: float, precise: bool, room: float = 0.0) -> str:
    """A label's or category's lines as one text. A word is broken mid-word only when it
    is alone on its line (a line breaker moves a word too long for the line to a line of
    its own before it breaks it), and punctuation wrapped onto a line of its own ("?")
    closes the word before it. `room`: the widest line the column sets anywhere (a line
    the next line's first letter would have fitted on was not broken mid-word)."""
    joined = join_cell(lines, edge, precise, room)
    if precise and any(len(ln.words) > 1 for ln in lines[:-1]):
        loose = join_cell(lines, edge, False, room)
        if len(loose) > len(joined):
            joined = loose
    return known_spacing(_PUNCT_ALONE.sub(r"\1", _rejoin_known(lines, joined)))


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
    row's leading summary lines, one above the other, that together spell a unit."""
    if "unit" in row.cells or len(row.summary) < 2 or not any(k in row.cells for k in ("t1", "t2", "vb", "total")):
        return
    parts: list[Word] = []
    for ln in row.summary:
        w = ln.words[0]
        if parts and abs(w.x0 - parts[0].x0) > 1.0:
            return
        parts.append(w)
        if len(parts) >= 2 and fold("".join(p.text for p in parts)) in COUNT_UNITS:
            break
    else:
        return
    row.cells["unit"] = [replace(parts[0], text="".join(p.text for p in parts))]
    rest = [ln.subline(ln.words[1:]) for ln in row.summary[:len(parts)] if len(ln.words) > 1]
    row.summary = rest + row.summary[len(parts):]


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
