"""Lines a page break clipped: glyph fragments of a line that the next page prints whole.

A producer that splits a table row (or a repeated header) over a page break may draw the
whole line on both pages and clip each copy: what stays of the cut copy is the glyphs
that reach over the clip edge ("dik" of "Indikator", "ll" of "utfall"), at exactly the
x of those glyphs in the whole line on the other page (glyph by glyph, where the reader
gives glyph positions). A line whose every word lies
inside a word of such a neighbour line, spelling a part of it with letters left out, is
that cut copy; its text is not lost (the whole line stands on the other page).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from ..model import ParseWarning
from ..pdf.reading import Word
from .lines import Line
from .provenance import box_of

_FOOT = 3  # lines at a page's foot (or head) that may be a cut copy
_NEAR = 10  # lines at the other page's head (or foot) that may hold the whole line
_SLACK = 0.6  # pt: a fragment's glyphs stand where the whole word's do


def _subsequence(part: str, whole: str) -> bool:
    it = iter(whole)
    return all(ch in it for ch in part)


def _starts(w: Word) -> list[float] | None:
    """Where each of the word's characters starts; None when the reader could not say."""
    if w.cuts is None or len(w.cuts) != len(w.text) - 1:
        return None
    return [w.x0, *w.cuts]


def _glyphs_in_place(part: Word, whole: Word) -> bool:
    """The fragment's glyphs stand where the same letters stand in the whole word (in
    order): a clip keeps glyphs where they were drawn. A count "7" under the "2" of "27"
    spells part of it but is a word of its own. Without glyph positions, a fragment
    starting where the whole word starts must start with its first letter."""
    xs, ys = _starts(part), _starts(whole)
    if xs is None or ys is None:
        return abs(part.x0 - whole.x0) > _SLACK or whole.text.startswith(part.text[:1])
    j = 0
    for ch, x in zip(part.text, xs, strict=True):
        if math.isnan(x):
            # a later letter of a ligature glyph ("f" of "tf"): no position of its own, it
            # stands where the letter after the one just matched does, inside the same glyph
            if j == 0 or j == len(whole.text) or whole.text[j] != ch or not math.isnan(ys[j]):
                return False
            j += 1
            continue
        while j < len(whole.text) and not (whole.text[j] == ch and abs(ys[j] - x) <= _SLACK):
            j += 1
        if j == len(whole.text):
            return False
        j += 1
    return True


_DESCENDERS = frozenset("gjpqy")
_ASCENDERS = frozenset("bdfhklt")
_TALLEST = frozenset("ÅÄÖÉÜ")  # capitals with a mark above: the glyphs reaching highest on a line


def _lone_inner_glyph(line: Line, whole: Line, at_head: bool) -> bool:
    """A line of one glyph standing exactly where the same letter stands inside a word of
    `whole` (neither its first nor its last letter; same weight): the one glyph that
    reached over a clip edge ("y" of a bold "Analys"). Only a glyph reaching past its
    line's others can: below them at a page's head (a descender), above them at a foot
    (a capital or an ascender). At a foot, a capital with a mark above reaches highest of
    all, so it may be a word's first letter too, where the whole word starts. A narrow
    cell's letter stands at its cell's edge or centre, where a word's inner letter does
    not, unless glyph positions say so; without them there is no evidence."""
    (g,) = line.words
    if len(g.text) != 1 or not g.text.isalpha():
        return False
    if not (g.text in _DESCENDERS if at_head else (g.text.isupper() or g.text in _ASCENDERS)):
        return False
    for v in whole.words:
        if (
            len(v.text) >= 3
            and v.bold == g.bold
            and abs(v.size - g.size) <= 0.5
            and not at_head
            and g.text in _TALLEST
            and v.text[0] == g.text
            and abs(v.x0 - g.x0) <= _SLACK
        ):
            return True  # "Ö" of "Övrigt": a capital's accent reaches highest of all
        xs = _starts(v)
        if xs is None or len(v.text) < 3 or v.bold != g.bold or abs(v.size - g.size) > 0.5:
            continue
        if any(v.text[k] == g.text and abs(xs[k] - g.x0) <= _SLACK for k in range(1, len(v.text) - 1)):
            return True
    return False


def _cut_copy_of(line: Line, whole: Line, at_head: bool = False) -> bool:
    """Every word of `line` lies inside a word of `whole` and spells part of it; at least
    one leaves letters out before its end or at its start (a prefix could be a word of its own)."""
    if line is whole or len(line.text) >= len(whole.text) or abs(line.size - whole.size) > 0.5:
        return False
    if len(line.words) < 2:
        return len(line.words) == 1 and _lone_inner_glyph(line, whole, at_head)
    holed = False
    for w in line.words:
        v = next(
            (
                v
                for v in whole.words
                if v.x0 - _SLACK <= w.x0
                and w.x1 <= v.x1 + _SLACK
                and _subsequence(w.text, v.text)
                and _glyphs_in_place(w, v)
            ),
            None,
        )
        if v is None:
            return False
        if w.text != v.text and not (v.text.startswith(w.text) and abs(w.x0 - v.x0) <= _SLACK):
            holed = True
    return holed


def drop_clipped(pages: Sequence[list[Line]]) -> list[ParseWarning]:
    """Mark cut copies at page breaks as used (tag "clipped") and say where they were."""
    warnings: list[ParseWarning] = []
    for a, b in itertools.pairwise(pages):
        if not a or not b:
            continue
        pairs = [(ln, b[:_NEAR], False) for ln in a[-_FOOT:]] + [(ln, a[-_NEAR:], True) for ln in b[:_FOOT]]
        for ln, others, at_head in pairs:
            if ln.used:
                continue
            whole = next((o for o in others if _cut_copy_of(ln, o, at_head)), None)
            if whole is not None:
                ln.used = True
                ln.tags.append("clipped")
                warnings.append(
                    ParseWarning(
                        code="clipped_text",
                        page=ln.page,
                        box=box_of([ln], ln.page),
                        message=f"glyph fragments {ln.text[:60]!r} at y={ln.top:.0f} cut by the page break; "
                        f"the whole line stands on page {whole.page}: {whole.text[:60]!r}",
                    )
                )
    return warnings
