"""Where the group column ends and the category column begins, on each page's layout."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ....model import ParseWarning
from ....pdf.reading import PageData, Word
from ....values import parse_count
from ....vocab import TOTALS_WORDS, fold
from ...lines import Line, cut_word
from ...provenance import box_of
from ..columns import PHRASE_GAP_EM, ROLE_RULES, Band, TableLayout, char_cut
from ..header import squeeze
from .cells import _unglue
from .row import _COUNT_ROLES

_COUNT_KEYS = {role: keys for role, keys in ROLE_RULES["complaint"] if role in _COUNT_ROLES}


def _split_group_column(
    lines: Sequence[Line], layout: TableLayout, pages: dict[int, PageData]
) -> tuple[float, bool] | None:
    """x where the category column starts: a vertical rule, else the word start that
    separates label and category words on the most lines while no word runs across it
    (group labels and categories, whatever their alignment, never overlap in x)."""
    band = layout.band("category")
    if band is None:
        return None
    left = min(band.left, layout.left)
    for ln in lines:
        page = pages[ln.page]
        xs = [
            r.pos for r in page.vrules if left + 3 < r.pos < band.right - 3 and r.start <= ln.top and r.end >= ln.bottom
        ]
        if xs:
            return min(xs), True
    # a totals row's label may run across both columns: it shows no boundary
    lines = [
        ln.subline(ws) for ln in lines if (ws := [w for w in ln.words if fold(w.text).rstrip(":") not in TOTALS_WORDS])
    ]
    words = [w for ln in lines for w in ln.words if w.x0 + w.x1 < 2 * band.right]
    if not words:
        return None
    size = max(w.size for w in words)
    starts = sorted({round(w.x0, 1) for w in words})[1:]  # a column's text starts at a word's left edge
    best: tuple[int, int, int, int, float] | None = None
    best_rank: tuple[int, bool, int, int, int, int, float] = (0, False, 0, 0, 0, 0, 0.0)
    apart: tuple[int, float] | None = None
    free: list[tuple[int, int, float, int]] = []  # cuts crossing no word: (wide, aligned, x, narrow)
    for x in starts:
        cut = x - 0.3
        # words glued across x show the cells have no padding: a label's text may then
        # reach the category's start
        glued = [w for w in words if _glued_at(w, x) is not None]
        # a word ending where the column's text starts (within rounding) runs across no
        # boundary there: at zero padding a label's text meets the category's on its line
        # (a word starts right where it ends); on a line with no word starting there it
        # only touches the cut by chance, and a cut that no word touches comes first
        reach = x + 0.5 if glued else x + 0.1
        crossing = sum(1 for w in words if w.x0 < cut and w.x1 > reach) - len(glued)
        touching = (
            0
            if glued
            else sum(
                1
                for ln in lines
                for w in ln.words
                if w.x0 < cut < w.x1 <= reach and not any(abs(v.x0 - x) <= 0.3 for v in ln.words)
            )
        )
        gaps = [
            min(on) - max(left)
            for ln in lines
            if (left := [w.x1 for w in ln.words if w.x1 <= reach])
            and (on := [w.x0 for w in ln.words if cut <= w.x0 < band.right])
        ]
        # lines it splits wider apart than a word space first (cells' texts stand apart
        # by their paddings; a cut at a word space may run inside one cell's lines)
        wide = sum(1 for g in gaps if g >= PHRASE_GAP_EM * size)
        # a tie goes to where a column's text starts on most lines (not a word inside a label)
        aligned = sum(1 for w in words if abs(w.x0 - x) <= 0.5)
        key = (-crossing, wide, len(gaps), aligned, -x)
        # a cut that splits no line is no boundary: one splitting lines comes before,
        # though words touch it
        rank = (-crossing, bool(gaps), -touching, *key[1:])
        if best is None or rank > best_rank:
            best, best_rank = key, rank
        if crossing == touching == 0 and (apart is None or (aligned, -x) > apart):
            apart = (aligned, -x)
        if crossing == touching == 0:
            free.append((wide, aligned, x, len(gaps) - wide))
    # the boundary separates label and category words on many lines and crosses (almost) none;
    # a boundary only one line shows needs its words wider apart than a word space
    # a cut that splits lines only at word spaces, right of where more lines' texts start
    # at a cut crossing no word, is a space inside the category's text (labels then stand
    # on lines of their own): the cut below, where the texts start, is the column's
    inside = (
        best is not None
        and best[1] == 0
        and apart is not None
        and apart[0] >= 2
        and apart[0] > best[3]
        and -apart[1] < -best[4]
    )
    if best is not None and best[2] >= 1 and -best[0] <= 0.02 * len(words) and (best[2] >= 2 or best[1]) and not inside:
        # lines split only a word space apart are no evidence against a cut further right,
        # crossing no word, that splits as many lines wide and either where more lines'
        # texts start or splitting no line at a word space: those were word spaces inside
        # labels set on lines of their own ("synpunkter %" over "genom 5,5 de", beside no
        # category)
        narrow = best[2] - best[1]
        if best[0] == 0 and narrow:
            right = [
                c
                for c in free
                if c[0] >= best[1] and c[2] > -best[4] and ((c[1] >= 2 and c[1] > best[3]) or (c[3] == 0 and c[0] >= 1))
            ]
            if right:
                return max(right, key=lambda c: (c[0], c[1], -c[2]))[2] - 0.3, False
            # else the word space was inside a category: the nearest cut left of it that
            # crosses no word and splits as many lines wide and none at a word space
            left = [c for c in free if c[2] < -best[4] and c[3] == 0 and c[0] >= max(1, best[1])]
            if left:
                return max(c[2] for c in left) - 0.3, False
        return -best[4] - 0.3, False
    # labels set on baselines of their own (centred between the rows' lines): no line
    # holds both, but a cut crossing no word has lines' texts wholly left of it and the
    # category's text starting at it on several lines
    if apart is not None and apart[0] >= 2:
        cut = -apart[1] - 0.3
        if any((ws := [w for w in ln.words if w.x0 < band.right]) and all(w.x1 <= cut for w in ws) for ln in lines):
            return cut, False
    return _column_apart(lines, band.right)


def _column_apart(lines: Sequence[Line], right: float) -> tuple[float, bool] | None:
    """A label on lines of its own in a column of its own: lines whose text ends left of
    where every other line's text starts. Left-aligned, centred or right-aligned, the
    lines of one column overlap in x (each line ends right of any other's start), so
    lines wholly apart to the left stand in another column."""
    spans = [
        (min(w.x0 for w in ws), max(w.x1 for w in ws)) for ln in lines if (ws := [w for w in ln.words if w.x0 < right])
    ]
    for start in sorted({a for a, _ in spans}):
        left = [b for a, b in spans if a < start]
        if left and all(b < start - 0.5 for b in left):
            return start - 0.3, False
    return None


def _glued_at(w: Word, x: float, column_start: bool = False) -> int | None:
    """Where a label and a category glued into one word meet at x ("antalLex", "har?Kompetens":
    cells with no padding leave no gap): a character boundary there, a lower-case letter
    or a label's closing mark ("?", ":", ")") before it and a capital after (a word never
    has a capital inside)."""
    if not w.x0 + 0.5 < x < w.x1 - 0.5:
        return None
    k = char_cut(w, x)
    if k is None or not 0 < k < len(w.text):
        return None
    if column_start:
        return k
    return k if (w.text[k - 1].islower() or w.text[k - 1] in "?:)") and w.text[k].isupper() else None


def _cut_glued(words: Sequence[Word], x: float, column_start: bool = False) -> list[Word]:
    """Words glued across x cut there. `column_start`: x is where the category column's
    text starts on several lines, so a word running across it is two cells' texts glued,
    whatever its letters (a label's "eller" and a category's wrapped "g)"); but a totals
    row's label ("Totalt") may be one cell across both columns."""
    out: list[Word] = []
    for w in words:
        k = _glued_at(w, x, column_start and fold(w.text).rstrip(":") not in TOTALS_WORDS)
        out.extend(cut_word(w, k) if k is not None else (w,))
    return out


def _in_group(w: Word, split_x: float, ruled: bool = False) -> bool:
    """The word is the group column's: it starts left of the split; at a rule, it also
    lies mostly left of it (a producer may set a cell's text a point left of its rule, and
    no word runs across one)."""
    if ruled:
        return w.x0 < split_x - 0.5 and w.x0 + w.x1 < 2 * split_x
    return w.x0 < split_x - 1


@dataclass
class _Frame:
    """One layout's x positions: a table continuing on a page of another width has its own."""

    layout: TableLayout
    split_x: float
    cat_right: float
    ruled: bool = False  # split_x is a vertical rule's
    aligned: int = 0  # words starting where the category column starts (split_x + 0.3)


def _frame(
    lines: Sequence[Line], layout: TableLayout, pages: dict[int, PageData], warnings: list[ParseWarning]
) -> _Frame:
    found = _split_group_column(lines, layout, pages)
    if found is None:
        warnings.append(
            ParseWarning(
                code="complaint_groups_unknown",
                message="could not find the group column of the complaints table",
                page=lines[0].page if lines else None,
                box=box_of(lines, lines[0].page) if lines else None,
            )
        )
        found = layout.bands[0].left, False
    split_x, ruled = found
    cat_band = layout.band("category")
    aligned = sum(1 for ln in lines for w in ln.words if abs(w.x0 - split_x - 0.3) <= 0.5)
    return _Frame(layout, split_x, cat_band.right if cat_band else split_x + 100, ruled, aligned)


def _whole_category(layout: TableLayout) -> TableLayout:
    """The category column with the header cells of unknown text between it and the first
    count column: the header's "Uppdelning" and "Klagomål/synpunkter/kategorier" read as
    two cells head one column pair (group and category), which holds no counts."""
    i = next((k for k, b in enumerate(layout.bands) if b.role == "category"), None)
    if i is None:
        return layout
    j = i + 1
    while j < len(layout.bands) and layout.bands[j].role == "unknown":
        j += 1
    if j == i + 1 or j == len(layout.bands) or layout.bands[j].role not in _COUNT_ROLES:
        return layout
    first, last = layout.bands[i], layout.bands[j - 1]
    whole = Band(
        "category",
        first.left,
        last.right,
        first.text_left,
        " ".join(b.text for b in layout.bands[i:j]),
        last.text_right,
    )
    return replace(layout, bands=[*layout.bands[:i], whole, *layout.bands[j:]])


def _whole_count_cells(layout: TableLayout, lines: Sequence[Line]) -> TableLayout:
    """A count column whose header cell was read as two (its text's lines set apart: "ack."
    beside "Totalt Utfall"), the part with no known heading beside it: where the body's
    counts stand in that part and never in the named one, the two are one column."""
    bands = list(layout.bands)
    counts = [w for ln in lines for w in ln.words if parse_count(w.text) is not None]
    held = {id(layout.band_of(w.x0, w.x1)) for w in counts}  # the header's bands holding a count
    i = 0
    while i < len(bands) - 1:
        a, b = bands[i], bands[i + 1]
        pair = (
            (a, b)
            if a.role in _COUNT_ROLES and b.role == "unknown"
            else (b, a)
            if b.role in _COUNT_ROLES and a.role == "unknown"
            else None
        )
        if pair is not None:
            named, other = pair
            if id(other) in held and id(named) not in held:
                left, right = (a, b)
                bands[i : i + 2] = [
                    Band(
                        named.role,
                        left.left,
                        right.right,
                        left.text_left,
                        f"{left.text} {right.text}",
                        right.text_right,
                    )
                ]
                continue
        i += 1
    return layout if len(bands) == len(layout.bands) else replace(layout, bands=bands)


def _count_stacks(words: Sequence[Word]) -> list[tuple[float, float]]:
    """The x extents of counts set in one column: a column's counts overlap in x, whatever
    their alignment (parts of one number, "1 234", stand a word space apart)."""
    out: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 < out[-1][1] + 0.5 * w.size:
            out[-1][1] = max(out[-1][1], w.x1)
        else:
            out.append([w.x0, w.x1])
    return [(a, b) for a, b in out]


def _split_count_bands(layout: TableLayout, lines: Sequence[Line]) -> TableLayout:
    """A count column whose header cell holds the headings of its neighbours too ("Utf all
    T2 VB": cells with no padding read as one) and whose body counts stand in as many
    columns apart (disjoint in x) as the headings it names that no other column has: one
    column per heading, in the headings' order, split midway between the counts' columns."""
    have = {b.role for b in layout.bands}
    counts = [p for ln in lines for w in ln.words for p in _unglue(w) if parse_count(p.text) is not None]
    bands: list[Band] = []
    for band in layout.bands:
        named = [
            r
            for r in _COUNT_ROLES
            if r == band.role or (r not in have and any(k in squeeze(band.text) for k in _COUNT_KEYS[r]))
        ]
        stacks = _count_stacks([w for w in counts if layout.band_of(w.x0, w.x1) is band])
        # the only count column, its header unread (letters stacked one a line), holding
        # as many columns of counts apart as the template has count columns: those, in order
        if (
            band.role in _COUNT_ROLES
            and not have & set(_COUNT_ROLES) - {band.role}
            and len(stacks) == len(_COUNT_ROLES)
        ):
            named = list(_COUNT_ROLES)
        if band.role not in _COUNT_ROLES or len(named) < 2 or len(stacks) != len(named):
            bands.append(band)
            continue
        cuts = [band.left, *((a[1] + b[0]) / 2 for a, b in itertools.pairwise(stacks)), band.right]
        for role, x0, x1, (s0, s1) in zip(named, cuts[:-1], cuts[1:], stacks, strict=True):
            bands.append(Band(role, x0, x1, s0, band.text, s1))
    return layout if len(bands) == len(layout.bands) else replace(layout, bands=bands)


def _category_reach(layout: TableLayout, lines: Sequence[Line]) -> TableLayout:
    """The category column reaches as far right as its body text: words that are no count,
    standing in the first count column's band but wholly left of that column's heading and
    of every count in it, are the category's (a header guessed the boundary between a
    heading at the column's left and one far off to the right; centred categories cross
    it). The boundary moves to just after them."""
    i = next((k for k, b in enumerate(layout.bands) if b.role == "category"), None)
    if i is None or i + 1 >= len(layout.bands) or layout.bands[i + 1].role not in _COUNT_ROLES:
        return layout
    cat, nxt = layout.bands[i], layout.bands[i + 1]
    inside = [p for ln in lines for w in ln.words for p in _unglue(w) if layout.band_of(p.x0, p.x1) is nxt]
    counts = [w for w in inside if parse_count(w.text) is not None]
    text = [w for w in inside if parse_count(w.text) is None]
    if not text:
        return layout
    reach = max(w.x1 for w in text)
    stop = min([nxt.text_left, *(w.x0 for w in counts)])
    if reach >= stop - 0.5:
        return layout
    edge = (reach + stop) / 2
    bands = list(layout.bands)
    bands[i] = replace(cat, right=edge)
    bands[i + 1] = replace(nxt, left=edge)
    return replace(layout, bands=bands)
