"""Drawn objects of a pdfium page as pdfminer classifies them (lines, rects, curves, images).

Why pdfminer's rules: the reference reader (pdfplumber) sees pdfminer's objects, and
reading.rules_and_boxes turns either reader's objects into rules and icons. One segment
is a line; a closed axis-aligned four-sided path a rect; anything else a curve, boxed by
its segment end points (pdfminer ignores Bezier control points). Forms are opened, their
matrices composed; boxes come out in pdfplumber's upright top-left coordinates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from ctypes import byref, c_float, c_int, c_uint

from .pdfium_calls import Matrix, compose, lib, matrix
from .reading import Drawings

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5
_SEG_LINETO, _SEG_BEZIERTO, _SEG_MOVETO = 0, 1, 2


def _objects(holder: int, count: int, get: object, outer: Matrix) -> Iterator[tuple[int, int, Matrix]]:
    """(object, type, matrix to page space of its container) for every object, forms opened."""
    for k in range(count):
        obj = get(holder, k)  # type: ignore[operator]
        if not obj:
            continue
        kind = lib.FPDFPageObj_GetType(obj)
        if kind == _OBJ_FORM:
            inner = compose(matrix(obj), outer)
            yield from _objects(obj, lib.FPDFFormObj_CountObjects(obj), lib.FPDFFormObj_GetObject, inner)
        elif kind in (_OBJ_PATH, _OBJ_IMAGE):
            yield obj, kind, outer


def _subpaths(obj: int, m: Matrix) -> list[list[tuple[float, float]]]:
    """The path's subpaths as pdfminer sees their points: segment ends, a close back to the start."""
    a, b, c, d, e, f = m
    x, y = c_float(), c_float()
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    bezier = 0
    for k in range(lib.FPDFPath_CountSegments(obj)):
        seg = lib.FPDFPath_GetPathSegment(obj, k)
        kind = lib.FPDFPathSegment_GetType(seg)
        lib.FPDFPathSegment_GetPoint(seg, byref(x), byref(y))
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == _SEG_MOVETO:
            if cur:
                out.append(cur)
            cur, bezier = [pt], 0
            continue
        if kind == _SEG_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps only a curve's end point
        if not cur:
            cur = [pt]
        cur.append(pt)
        if lib.FPDFPathSegment_GetClose(seg) and cur[-1] != cur[0]:
            cur.append(cur[0])
    if cur:
        out.append(cur)
    return out


def _white_fill(obj: int, rgba: tuple[c_uint, c_uint, c_uint, c_uint]) -> bool:
    """Whether a path's fill is white (paints nothing a reader sees), as reading._is_white decides."""
    r, g, b, a = rgba
    if not lib.FPDFPageObj_GetFillColor(obj, byref(r), byref(g), byref(b), byref(a)):
        return True
    return r.value >= 252 and g.value >= 252 and b.value >= 252


CHECK_EVERY = 4096
"""Page objects read between two looks at the parse's deadline: one page may hold
hundreds of thousands of paths, seconds of reading that an in-process parse must be
able to stop."""


def read_drawings(page: int, ctm: Matrix, height: float, check: Callable[[], None] | None = None) -> Drawings:
    drawings = Drawings()
    fillmode, stroke = c_int(), c_int()
    rgba = (c_uint(), c_uint(), c_uint(), c_uint())
    for n, (obj, kind, outer) in enumerate(
        _objects(page, lib.FPDFPage_CountObjects(page), lib.FPDFPage_GetObject, ctm)
    ):
        if check is not None and n % CHECK_EVERY == CHECK_EVERY - 1:
            check()
        m = compose(matrix(obj), outer)
        if kind == _OBJ_IMAGE:
            a, b, c, d, e, f = m
            xs = (e, a + e, c + e, a + c + e)
            ys = (f, b + f, d + f, b + d + f)
            drawings.images.append((min(xs), height - max(ys), max(xs), height - min(ys)))
            continue
        lib.FPDFPath_GetDrawMode(obj, byref(fillmode), byref(stroke))
        fill, stroked = fillmode.value != 0, bool(stroke.value)
        coloured = fill and not _white_fill(obj, rgba)
        for pts in _subpaths(obj, m):
            _classify(pts, fill, stroked, height, drawings, coloured)
    return drawings


def _classify(
    pts: list[tuple[float, float]], fill: bool, stroke: bool, height: float, out: Drawings, coloured: bool = False
) -> None:
    """pdfminer's paint_path: a line, a rect, or a curve; boxes in top-left coordinates."""
    if len(pts) < 2:
        return
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    box = (min(xs), height - max(ys), max(xs), height - min(ys))
    if len(pts) == 2 or (len(pts) == 3 and pts[2] == pts[0]):
        out.lines.append(box)
        return
    if len(pts) == 5 and pts[4] == pts[0]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
            out.rects.append((*box, fill, stroke))
            if coloured:  # as pdfplumber's reader: filled rects that are not white are fills
                out.filled.append(box)
            return
    out.curves.append(box)
