"""The memory budget of one document (--max-memory): an address-space limit where the system has
one (POSIX `setrlimit`), a check of the peak resident size after every page, and a cap on what one
compressed stream may inflate to, checked before any text engine decodes it (an engine that runs
out of memory inside C++ ends the process instead of raising)."""
from __future__ import annotations

import sys
import zlib
from contextlib import contextmanager
from pathlib import Path

from workplan.extract.errors import ExtractError

DEFAULT_MAX_MEMORY_MB = 2048
# One stream may inflate to this share of the budget: page content is kilobytes to a few megabytes.
STREAM_SHARE = 8
CHUNK = 1 << 20


def resident_mb() -> float | None:
    """Memory in use now: VmRSS where /proc tells it, else the peak resident size (macOS)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def over_budget(max_memory_mb: int, where: str) -> None:
    used = resident_mb()
    if used is not None and used > max_memory_mb:
        raise ExtractError(f"{where}: {used:.0f} MB in use, over the memory budget of {max_memory_mb} MB (--max-memory)")


@contextmanager
def memory_budget(max_memory_mb: int):
    """Limit the address space so that what is resident now plus what may still be allocated stays
    within the budget; a MemoryError inside becomes one line naming the budget."""
    limit = _address_space_limit(max_memory_mb)
    if limit is None:
        yield
        return
    import resource

    previous = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit, previous[1]))
    try:
        yield
    except MemoryError:
        raise ExtractError(f"over the memory budget of {max_memory_mb} MB (--max-memory)") from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, previous)


def _address_space_limit(max_memory_mb: int) -> int | None:
    try:
        import resource
    except ImportError:
        return None
    status = Path("/proc/self/status")
    if not status.exists():
        return None  # the address space cannot be read: only the per-page checks apply
    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
    size_kb = int(fields["VmSize"].split()[0])
    rss_kb = int(fields["VmRSS"].split()[0])
    headroom_kb = max_memory_mb * 1024 - rss_kb
    if headroom_kb <= 0:
        raise ExtractError(f"{rss_kb // 1024} MB already in use, over the memory budget of {max_memory_mb} MB (--max-memory)")
    limit = (size_kb + headroom_kb) * 1024
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    return limit if hard == resource.RLIM_INFINITY or limit < hard else None


def _inflated(chunks, cap: int):
    """The chunks of one FlateDecode layer inflated, piece by piece, stopping just past `cap`."""
    inflater, produced = zlib.decompressobj(), 0
    try:
        for data in chunks:
            while data:
                out = inflater.decompress(data, CHUNK)
                produced += len(out)
                yield out
                if produced > cap:
                    return
                data = inflater.unconsumed_tail
    except zlib.error:
        return  # damaged: the engines say what they make of it


def _text_decoded(chunks, name: str):
    """An ASCIIHex or ASCII85 layer decoded (it only shrinks: held whole)."""
    import base64
    import binascii

    data = b"".join(chunks)
    try:
        if name == "/ASCIIHexDecode":
            hexdigits = bytes(c for c in data.split(b">")[0] if chr(c) in "0123456789abcdefABCDEF")
            yield binascii.unhexlify(hexdigits + (b"0" if len(hexdigits) % 2 else b""))
        else:
            body = data.strip()
            body = body[2:] if body.startswith(b"<~") else body
            yield base64.a85decode(body.split(b"~>")[0], ignorechars=b" \t\r\n\x00\x0c")
    except (ValueError, binascii.Error):
        return


# Filters whose output can be measured without holding it all (Flate) or is never larger than their
# input (ASCIIHex, ASCII85). A chain with any other filter (LZW, RunLength, image codecs) is left to
# the engines and the address-space limit.
MEASURED_FILTERS = ("/FlateDecode", "/ASCIIHexDecode", "/ASCII85Decode")


def decoded_size(raw: bytes, filters: list[str], cap: int) -> int | None:
    """Bytes a stream decodes to through its whole filter chain (Flate inside Flate, ASCII85 over
    Flate…), counted up to just past `cap`; None when the chain holds a filter it cannot measure."""
    if any(f not in MEASURED_FILTERS for f in filters):
        return None
    chunks = iter([raw])
    for name in filters:
        chunks = _inflated(chunks, cap) if name == "/FlateDecode" else _text_decoded(chunks, name)
    return sum(len(chunk) for chunk in chunks)


def check_streams(pdf, max_memory_mb: int) -> None:
    """Refuse a page whose content or form streams would inflate past the stream cap (pikepdf document)."""
    import pikepdf

    cap = max_memory_mb * (1 << 20) // STREAM_SHARE
    for number, page in enumerate(pdf.pages, start=1):
        streams = []
        contents = page.obj.get("/Contents")
        if isinstance(contents, pikepdf.Array):
            streams += list(contents)
        elif contents is not None:
            streams.append(contents)
        resources = page.obj.get("/Resources")
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(xobjects, pikepdf.Dictionary):
            streams += [x for x in xobjects.values() if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form"]
        for stream in streams:
            if not isinstance(stream, pikepdf.Stream):
                continue
            chain = stream.get("/Filter")
            filters = [str(f) for f in chain] if isinstance(chain, pikepdf.Array) else [str(chain)] if chain is not None else []
            if not filters:
                continue
            size = decoded_size(stream.read_raw_bytes(), filters, cap)
            if size is not None and size > cap:
                raise ExtractError(f"page {number}: a stream inflates to more than {cap >> 20} MB (a decompression bomb?), "
                                   f"over what the memory budget of {max_memory_mb} MB allows (--max-memory)")
