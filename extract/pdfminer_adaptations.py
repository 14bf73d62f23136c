"""Where pdfminer (under pdfplumber) reads a PDF otherwise than viewers and pdfium do, the pdfplumber
engine changes that, here and nowhere else. Each adaptation names the upstream behaviour it changes.
"""
from __future__ import annotations

from functools import lru_cache

import regex

CID_BLOCK = regex.compile(rb"begincid(char|range)(.*?)endcid\1", regex.DOTALL)
CID_CHAR = regex.compile(rb"<([0-9A-Fa-f]+)>\s*(\d+)")
CID_RANGE = regex.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)")
MAX_CIDS = 1 << 17  # more codes than a CMap's 2-byte space holds: a damaged range


@lru_cache(maxsize=1)
def guard_reference_loops() -> None:
    """Upstream: `PDFObjRef.resolve` (pdfminer.pdftypes) follows an indirect reference until it
    reaches a value, so a reference to itself (`7 0 obj 7 0 R endobj`) or a ring of them never
    ends. Here each object is followed once and a ring reads as null, as qpdf and pdfium read it.

    Process-wide, unlike the other adaptations: pdfplumber builds the document and its parser
    inside `pdfplumber.open`, which already resolves references, so no object of ours can be put
    in their place first. Only a reference ring reads otherwise than before."""
    from pdfminer.pdftypes import PDFObjRef

    follow = PDFObjRef.resolve

    def resolve_once_each(self, default=None):
        seen = {self.objid}
        value = follow(self, default)
        while isinstance(value, PDFObjRef):
            if value.objid in seen:
                return default
            seen.add(value.objid)
            value = follow(value, default)
        return value

    PDFObjRef.resolve = resolve_once_each


def embedded_code2cid(data: bytes) -> dict[bytes, int]:
    """The codes of an embedded CMap (`begincidchar`, `begincidrange`) and the glyph ids they name."""
    codes: dict[bytes, int] = {}
    for kind, body in CID_BLOCK.findall(data):
        if kind == b"char":
            for code, cid in CID_CHAR.findall(body):
                codes[bytes.fromhex(code.decode())] = int(cid)
            continue
        for low, high, cid in CID_RANGE.findall(body):
            first, last, width = int(low, 16), int(high, 16), len(low) // 2
            if last - first > MAX_CIDS or len(low) != len(high) or len(low) % 2:
                continue
            for offset in range(last - first + 1):
                codes[(first + offset).to_bytes(width, "big")] = int(cid) + offset
    return codes


@lru_cache(maxsize=1)
def _resource_manager_class():
    """pdfminer's resource manager whose composite fonts read an embedded CMap (built on first use:
    pdfminer is imported only by the pdfplumber engine)."""
    from pdfminer.cmapdb import FileCMap
    from pdfminer.pdffont import PDFCIDFont
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.psparser import literal_name
    from pdfminer.pdftypes import PDFStream, resolve1

    class EmbeddedCMapFont(PDFCIDFont):
        """Upstream: `PDFCIDFont.get_cmap_from_spec` looks a composite font's encoding up by the
        name of its CMap, and for a CMap embedded in the file under a name of its own
        (`/WP-Encod-0`, as WeasyPrint and some exporters write) finds nothing: every glyph of the
        font is lost (pdfium reads them). Here the embedded CMap's codes are read; an unreadable one
        falls back to the lookup by name."""

        def get_cmap_from_spec(self, spec, strict):
            encoding = resolve1(spec.get("Encoding")) if hasattr(spec, "get") else None
            if isinstance(encoding, PDFStream):
                try:
                    codes = embedded_code2cid(encoding.get_data())
                except Exception:  # noqa: BLE001  (a damaged stream: pdfminer's own reading decides)
                    codes = {}
                if codes:
                    cmap = FileCMap()
                    for code, cid in codes.items():
                        cmap.add_code2cid(code.decode("latin-1"), cid)
                    return cmap
            return super().get_cmap_from_spec(spec, strict)

    class ResourceManager(PDFResourceManager):
        """Upstream `get_font`, with composite fonts made as `EmbeddedCMapFont`."""

        def get_font(self, objid, spec):
            if objid and objid in self._cached_fonts:
                return self._cached_fonts[objid]
            subtype = literal_name(spec["Subtype"]) if "Subtype" in spec else None
            if subtype not in ("CIDFontType0", "CIDFontType2"):
                return super().get_font(objid, spec)  # a Type0 font comes back here for its descendant
            font = EmbeddedCMapFont(self, spec)
            if objid and self.caching:
                self._cached_fonts[objid] = font
            return font

    return ResourceManager


def read_embedded_cmaps(pdf) -> None:
    """A pdfplumber document's pages read with composite fonts that read an embedded CMap: its own
    resource manager replaced, no other document's."""
    pdf.rsrcmgr = _resource_manager_class()(caching=pdf.rsrcmgr.caching)
