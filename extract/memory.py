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
FLATE_SLICE = 1 << 10


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


def _inflated(chunks, cap: int, damage: list[str]):
    """The chunks of one FlateDecode layer inflated, piece by piece, stopping just past `cap`; a
    layer whose data is corrupt or breaks off before its end is noted in `damage`."""
    inflater, fed, produced = zlib.decompressobj(), 0, 0
    try:
        for chunk in chunks:
            # Fed in slices, so that corrupt data is placed within a slice of where it begins.
            for start in range(0, len(chunk), FLATE_SLICE):
                data = chunk[start:start + FLATE_SLICE]
                fed += len(data)
                while data:
                    out = inflater.decompress(data, CHUNK)
                    produced += len(out)
                    yield out
                    if produced > cap:
                        return
                    data = inflater.unconsumed_tail
    except zlib.error as exc:
        if "incorrect data check" not in str(exc):  # only the checksum is wrong: the data is whole
            damage.append(f"its compressed data is corrupt {_where(produced)}")
        return
    if fed and not inflater.eof:
        damage.append(f"its compressed data breaks off {_where(produced)}")


def _where(produced: int) -> str:
    return f"after {produced:,} decoded bytes" if produced else "from its start"


def _text_decoded(chunks, name: str, damage: list[str]):
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
        damage.append(f"its {name[1:]} data is damaged")


def _in_chunks(pieces, cap: int):
    """Decoded pieces gathered into chunks, stopping just past `cap` bytes."""
    out, produced = bytearray(), 0
    for piece in pieces:
        out += piece
        if len(out) >= CHUNK:
            produced += len(out)
            yield bytes(out)
            out.clear()
            if produced > cap:
                return
    yield bytes(out)


def _run_length_pieces(data: bytes):
    """A RunLengthDecode layer's runs (a run of 128 bytes from 2: up to 64 times its input)."""
    position = 0
    while position < len(data) and data[position] != 128:
        length = data[position]
        if length < 128:
            yield data[position + 1:position + 2 + length]
            position += length + 2
        else:
            yield data[position + 1:position + 2] * (257 - length)
            position += 2


LZW_CLEAR, LZW_END = 256, 257


def _lzw_pieces(data: bytes):
    """An LZWDecode layer's strings (PDF's: 9- to 12-bit codes, early change): one 12-bit code can
    stand for thousands of bytes."""
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    width, buffer, held, previous = 9, 0, 0, None
    for byte in data:
        buffer, held = (buffer << 8) | byte, held + 8
        while held >= width:
            held -= width
            code, buffer = buffer >> held, buffer & ((1 << held) - 1)
            if code == LZW_CLEAR:
                del table[258:]
                width, previous = 9, None
                continue
            if code == LZW_END:
                return
            if code < len(table) and code not in (LZW_CLEAR, LZW_END):
                entry = table[code]
                if previous is not None:
                    table.append(previous + entry[:1])
            elif previous is not None and code == len(table):
                entry = previous + previous[:1]
                table.append(entry)
            else:
                return  # damaged: the decoded size so far is what the engines can read
            yield entry
            previous = entry
            if len(table) + 1 >= 1 << width and width < 12:
                width += 1


def _run_length_decoded(chunks, cap: int, damage: list[str]):
    return _in_chunks(_run_length_pieces(b"".join(chunks)), cap)


def _lzw_decoded(chunks, cap: int, damage: list[str]):
    return _in_chunks(_lzw_pieces(b"".join(chunks)), cap)


LAYERS = {"/FlateDecode": _inflated, "/RunLengthDecode": _run_length_decoded, "/LZWDecode": _lzw_decoded}
# Filters whose output can be measured without holding it all (Flate, RunLength, LZW) or is never
# larger than their input (ASCIIHex, ASCII85). A chain with any other filter (image codecs, whose
# output the text engines never decode) is left to the engines and the address-space limit.
MEASURED_FILTERS = (*LAYERS, "/ASCIIHexDecode", "/ASCII85Decode")


def decoded_size(raw: bytes, filters: list[str], cap: int, damage: list[str] | None = None) -> int | None:
    """Bytes a stream decodes to through its whole filter chain (Flate inside Flate, RunLength or
    LZW under Flate, ASCII85 over Flate…), counted up to just past `cap`; None when the chain holds a
    filter it cannot measure. A layer found damaged on the way is described in `damage`."""
    if any(f not in MEASURED_FILTERS for f in filters):
        return None
    damage = [] if damage is None else damage
    chunks = iter([raw])
    for name in filters:
        chunks = LAYERS[name](chunks, cap, damage) if name in LAYERS else _text_decoded(chunks, name, damage)
    return sum(len(chunk) for chunk in chunks)


def check_streams(pdf, max_memory_mb: int) -> dict[int, str]:
    """Refuse a page whose content or form streams would inflate past the stream cap (pikepdf
    document); return the pages whose streams are damaged (their text ends where the damage
    begins, for every engine and for OCR), each with what is wrong."""
    import pikepdf

    cap = max_memory_mb * (1 << 20) // STREAM_SHARE
    damaged: dict[int, str] = {}
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
            damage: list[str] = []
            size = decoded_size(stream.read_raw_bytes(), filters, cap, damage)
            if size is not None and size > cap:
                raise ExtractError(f"page {number}: a stream inflates to more than {cap >> 20} MB (a decompression bomb?), "
                                   f"over what the memory budget of {max_memory_mb} MB allows (--max-memory)")
            if damage and number not in damaged:
                damaged[number] = damage[0]
    return damaged
