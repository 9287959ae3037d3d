"""Make a cut-short or mis-indexed PDF readable by pdfminer's object-scanning fallback.

pdfminer already rebuilds a missing cross-reference table by scanning for `N G obj`, but
gives up when (a) the file ends inside an object (the scan hits end of file: PSEOF) or
(b) no `trailer` names the /Root catalog — which is what an interrupted download, or
any PDF-1.5 file with a cross-reference stream, looks like once its end is gone.
It also never scans when a cross-reference table exists but points to the wrong places.

`repair` answers all three with a pure-bytes rewrite, so no second PDF library reads the
untrusted input: keep everything up to the last complete `endobj`, neutralise earlier
`trailer` keywords (pdfminer's scan stops at the first one), and end the file with a
trailer naming the catalog and a `startxref` that forces the scan. Objects inside object
streams are still found: the scan expands them.
"""

from __future__ import annotations

import io
import re

OBJ_HEADER = re.compile(rb"(?<![0-9])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj\b")
ENDOBJ = re.compile(rb"\bendobj\b")
CATALOG = re.compile(rb"/Type\s*/Catalog\b")
TRAILER_LINE = re.compile(rb"(?:^|(?<=[\r\n]))trailer\b")


def repair(data: bytes) -> bytes | None:
    """A copy of `data` that pdfminer reads through its scanning fallback, or None when the
    bytes hold no complete object or no catalog (nothing to rebuild from) or are encrypted
    (the key material lives in the trailer this rewrite would drop)."""
    if b"/Encrypt" in data:
        return None
    end = max((m.end() for m in ENDOBJ.finditer(data)), default=0)
    if not end:
        return None
    body = TRAILER_LINE.sub(b"trailex", data[:end])  # same length: offsets stay valid
    root = _catalog_raw(body) or _catalog_in_object_streams(body)
    if root is None:
        return None
    objid, genno = root
    return body + b"\ntrailer\n<< /Root %d %d R >>\nstartxref\nrepaired\n%%%%EOF\n" % (objid, genno)


def _catalog_raw(body: bytes) -> tuple[int, int] | None:
    """The last top-level object whose dictionary says /Type /Catalog (later revisions win)."""
    found = None
    headers = list(OBJ_HEADER.finditer(body))
    for i, m in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(body)
        head = body[m.end() : end].split(b"stream", 1)[0]
        if CATALOG.search(head):
            found = (int(m.group(1)), int(m.group(2)))
    return found


def _catalog_in_object_streams(body: bytes) -> tuple[int, int] | None:
    """Let pdfminer's scan expand object streams, then look for the catalog among them."""
    from pdfminer.pdfdocument import LITERAL_CATALOG, PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import dict_value

    probe = body + b"\ntrailer\n<< /Root 0 0 R >>\nstartxref\nrepaired\n%%EOF\n"
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(probe)))
        for xref in doc.xrefs:
            for objid in xref.get_objids():
                if xref.get_pos(objid)[0] is None:
                    continue  # top-level objects were already searched
                try:
                    if dict_value(doc.getobj(objid)).get("Type") is LITERAL_CATALOG:
                        return (objid, 0)
                except Exception:  # one broken object says nothing about the others
                    continue
    except Exception:  # pdfminer cannot scan it either: nothing to repair with
        return None
    return None
