"""Read a page in the orientation its text is written in, whatever /Rotate says.

A page with /Rotate 90/180/270 (or content drawn turned, as some producers make landscape
pages) shows its text sideways or upside down in the page's display coordinates: every
x/y-based step after reading (lines, columns, tables) then fails. The text itself says
which way is up: the direction of its baseline. This module decides the page's quarter
turn from those directions and maps boxes to the upright page, in the top-left-origin
coordinates (x0, top, x1, bottom) the rest of vbparse uses. Reader-independent: any
reader that can give each glyph's baseline direction and each object's box can use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

BoxT = tuple[float, float, float, float]
"""(x0, top, x1, bottom), top-left origin, y down."""


def quarter_turn(directions: Iterable[tuple[float, float]]) -> int:
    """How far (0, 90, 180, 270 degrees clockwise) the page shows its text turned.

    directions: each glyph's baseline direction (dx, dy) in PDF space (y up), e.g. the
    (a, b) of its text rendering matrix. The turn most glyphs share wins; 0 when none do.
    """
    votes: Counter[int] = Counter()
    for dx, dy in directions:
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 180] += 1
        else:
            votes[90 if dy < 0 else 270] += 1
    if not votes:
        return 0
    turn, count = votes.most_common(1)[0]
    return turn if count > votes[0] else 0


def upright_size(turn: int, width: float, height: float) -> tuple[float, float]:
    """The upright page's (width, height) for a page shown `width` x `height`."""
    return (height, width) if turn in (90, 270) else (width, height)


def to_upright(box: BoxT, turn: int, width: float, height: float) -> BoxT:
    """A box on the shown page (width x height) as a box on the upright page."""
    x0, top, x1, bottom = box
    if turn == 90:
        return (top, width - x1, bottom, width - x0)
    if turn == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if turn == 270:
        return (height - bottom, x0, height - top, x1)
    return box


def from_upright(box: BoxT, turn: int, width: float, height: float) -> BoxT:
    """A box on the upright page (width x height) as a box on the shown page: the inverse of
    `to_upright`, so provenance boxes are in the coordinates a viewer and pdfplumber use."""
    x0, top, x1, bottom = box
    if turn == 90:  # shown width = upright height
        return (height - bottom, x0, height - top, x1)
    if turn == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if turn == 270:  # shown height = upright width
        return (top, width - x1, bottom, width - x0)
    return box
