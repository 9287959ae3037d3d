"""The pdfium calls vbparse makes, bound once, and the lock every caller holds.

Why separate ctypes function objects: pypdfium2's bindings convert every argument
(typed pointers); with handles as plain ints and, for the three per-char calls, no
argtypes at all, a call costs a fraction. pypdfium2's own bindings stay untouched.
pdfium is not thread-safe: PDFIUM_LOCK is held around all of it.
"""

from __future__ import annotations

import ctypes
import threading
from ctypes import POINTER, byref, c_double, c_float, c_int, c_uint, c_ulong, c_void_p
from typing import Any

import pypdfium2.raw as pdfium_r
import pypdfium2_raw.bindings as _bindings

PDFIUM_LOCK = threading.RLock()
"""Held around every pdfium call vbparse makes (pdfium keeps global state)."""

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _bind() -> ctypes.CDLL:
    """Our own function objects on pypdfium2's library, with handles as plain ints
    (cheaper per call than pypdfium2's typed pointers; pypdfium2's own stay untouched)."""
    lib = ctypes.CDLL(_bindings._libs["pdfium"]._name)
    v, i = c_void_p, c_int
    sigs: dict[str, tuple[object, tuple[object, ...]]] = {
        "FPDF_GetPageCount": (i, (v,)),
        "FPDF_LoadPage": (v, (v, i)),
        "FPDF_ClosePage": (None, (v,)),
        "FPDFPage_GetRotation": (i, (v,)),
        "FPDFPage_GetMediaBox": (i, (v, POINTER(c_float), POINTER(c_float), POINTER(c_float), POINTER(c_float))),
        "FPDF_GetPageWidthF": (c_float, (v,)),
        "FPDF_GetPageHeightF": (c_float, (v,)),
        "FPDFText_LoadPage": (v, (v,)),
        "FPDFText_ClosePage": (None, (v,)),
        "FPDFText_CountChars": (i, (v,)),
        "FPDFText_GetText": (i, (v, i, i, v)),
        "FPDFText_GetUnicode": (c_uint, (v, i)),
        "FPDFText_IsGenerated": (i, (v, i)),
        "FPDFText_GetTextObject": (v, (v, i)),
        "FPDFText_GetCharOrigin": (i, (v, i, POINTER(c_double), POINTER(c_double))),
        "FPDFText_GetLooseCharBox": (i, (v, i, POINTER(pdfium_r.FS_RECTF))),
        "FPDFTextObj_GetFontSize": (i, (v, POINTER(c_float))),
        "FPDFTextObj_GetFont": (v, (v,)),
        "FPDFTextObj_GetText": (c_ulong, (v, v, v, c_ulong)),
        "FPDFPageObj_GetBounds": (i, (v, POINTER(c_float), POINTER(c_float), POINTER(c_float), POINTER(c_float))),
        "FPDFFont_GetBaseFontName": (c_ulong, (v, v, c_ulong)),
        "FPDFFont_GetDescent": (i, (v, c_float, POINTER(c_float))),
        "FPDFPage_CountObjects": (i, (v,)),
        "FPDFPage_GetObject": (v, (v, i)),
        "FPDFFormObj_CountObjects": (i, (v,)),
        "FPDFFormObj_GetObject": (v, (v, c_ulong)),
        "FPDFPageObj_GetType": (i, (v,)),
        "FPDFPageObj_GetMatrix": (i, (v, POINTER(pdfium_r.FS_MATRIX))),
        "FPDFPath_CountSegments": (i, (v,)),
        "FPDFPath_GetPathSegment": (v, (v, i)),
        "FPDFPathSegment_GetPoint": (i, (v, POINTER(c_float), POINTER(c_float))),
        "FPDFPathSegment_GetType": (i, (v,)),
        "FPDFPathSegment_GetClose": (i, (v,)),
        "FPDFPath_GetDrawMode": (i, (v, POINTER(c_int), POINTER(c_int))),
        "FPDFPageObj_GetFillColor": (i, (v, POINTER(c_uint), POINTER(c_uint), POINTER(c_uint), POINTER(c_uint))),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


lib = _bind()


def _fast_calls() -> tuple[Any, Any, Any]:
    """The three per-char calls without argtypes (handles passed pre-wrapped as c_void_p):
    ctypes' argument conversion was most of their cost."""
    lib = ctypes.CDLL(_bindings._libs["pdfium"]._name)
    get_obj = lib.FPDFText_GetTextObject
    get_obj.restype = c_void_p
    get_box, get_origin = lib.FPDFText_GetLooseCharBox, lib.FPDFText_GetCharOrigin
    get_box.restype = get_origin.restype = c_int
    return get_obj, get_box, get_origin


GET_OBJ, GET_BOX, GET_ORIGIN = _fast_calls()


def matrix(obj: int) -> Matrix:
    m = pdfium_r.FS_MATRIX()
    if not lib.FPDFPageObj_GetMatrix(obj, byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_ctm(page: int) -> tuple[Matrix, float, float]:
    """pdfminer's page matrix (mediabox origin, /Rotate) and the upright width and height."""
    x0, y0, x1, y1 = c_float(), c_float(), c_float(), c_float()
    if not lib.FPDFPage_GetMediaBox(page, byref(x0), byref(y0), byref(x1), byref(y1)):
        x0.value, y0.value = 0.0, 0.0
        x1.value, y1.value = lib.FPDF_GetPageWidthF(page), lib.FPDF_GetPageHeightF(page)
    bx0, by0 = min(x0.value, x1.value), min(y0.value, y1.value)
    bx1, by1 = max(x0.value, x1.value), max(y0.value, y1.value)
    rotation = lib.FPDFPage_GetRotation(page) % 4
    w, h = bx1 - bx0, by1 - by0
    if rotation == 1:
        return (0.0, -1.0, 1.0, 0.0, -by0, bx1), h, w
    if rotation == 2:
        return (-1.0, 0.0, 0.0, -1.0, bx1, by1), w, h
    if rotation == 3:
        return (0.0, 1.0, -1.0, 0.0, by1, -bx0), h, w
    return (1.0, 0.0, 0.0, 1.0, -bx0, -by0), w, h


def transform(ctm: Matrix, height: float, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    """A PDF-space box as pdfplumber's (x0, top, x1, bottom) after the page matrix."""
    a, b, c, d, e, f = ctm
    xs = (a * x0 + c * y0 + e, a * x1 + c * y1 + e)
    ys = (b * x0 + d * y0 + f, b * x1 + d * y1 + f)
    return min(xs), height - max(ys), max(xs), height - min(ys)
