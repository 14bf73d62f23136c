"""Build test PDFs: plain Latin text, legacy-font Georgian, encrypted, truncated, scanned, long."""
from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
from pdfminer.fontmetrics import FONT_METRICS

PAGE = (595.3, 841.9)
HELVETICA_WIDTHS = FONT_METRICS["Helvetica"][1]


def _font(base_font: str) -> pikepdf.Dictionary:
    """A simple WinAnsi font; its widths are Helvetica's whatever its name."""
    widths = [HELVETICA_WIDTHS.get(bytes([code]).decode("cp1252", "replace"), 500) for code in range(32, 256)]
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + base_font), Flags=32,
                                    FontBBox=[-166, -225, 1000, 931], ItalicAngle=0, Ascent=718, Descent=-207, CapHeight=718, StemV=88)
    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name("/" + base_font),
                              Encoding=pikepdf.Name.WinAnsiEncoding, FirstChar=32, LastChar=255, Widths=pikepdf.Array(widths),
                              FontDescriptor=descriptor)


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(path: Path, pages: list[list[tuple[float, float, float, list[tuple[str, str]]]]], title: str | None = None,
             sized_by_matrix: bool = False) -> Path:
    """pages: lines of (x, baseline from top, size, runs of (font name, text)); `sized_by_matrix`
    sets every font at 1 point and scales the text matrix instead."""
    pdf = pikepdf.new()
    for lines in pages:
        fonts: dict[str, str] = {}
        stream = [b"BT"]
        for x, baseline, size, runs in lines:
            scale = size if sized_by_matrix else 1
            stream.append(f"{scale:g} 0 0 {scale:g} {x:.2f} {PAGE[1] - baseline:.2f} Tm".encode())
            for font, text in runs:
                key = fonts.setdefault(font, f"F{len(fonts) + 1}")
                stream.append(f"/{key} {size / scale:g} Tf ".encode() + _literal(text) + b" Tj")
        stream.append(b"ET")
        page = pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, *PAGE],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary({f"/{k}": _font(f) for f, k in fonts.items()})),
            Contents=pdf.make_stream(b"\n".join(stream)),
        ))
        pdf.pages.append(page)
    if title is not None:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
        pdf.docinfo["/Title"] = title
    pdf.save(path)
    return path


def encrypted_copy(source: Path, target: Path, user: str, owner: str = "owner-secret") -> Path:
    with pikepdf.open(source) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return target


def truncated_copy(source: Path, target: Path, fraction: float = 0.6) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def scanned_copy(source: Path, target: Path, dpi: int = 300) -> Path:
    """Each page rasterised to an image: a PDF with no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in pdf]
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    pdf.close()
    return target


def legacy_font_copy(lines, target: Path, keyboard: dict[str, str]) -> Path:
    """Re-render typed lines, printing Georgian letters through a legacy AcadNusx font."""
    to_latin = {georgian: latin for latin, georgian in keyboard.items()}
    pages: dict[int, list] = {}
    for line in lines:
        runs: list[tuple[str, str]] = []
        for char in line.text:
            legacy = char in to_latin
            font = ("AcadNusx" if legacy else "Helvetica") + ("-Bold" if line.bold else "")
            text = to_latin.get(char, char)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + text)
            else:
                runs.append((font, text))
        baseline = line.box.bottom - 0.2 * line.size
        pages.setdefault(line.page, []).append((line.box.x0, baseline, line.size, runs))
    return text_pdf(target, [pages.get(n, []) for n in range(1, max(pages) + 1)], title="სამუშაო გეგმა 2021 – 2022")


def page_count_lie(source: Path, target: Path, claimed: int) -> Path:
    """The source with its page tree's /Count changed in place (same length: offsets stay valid)."""
    import regex

    data = source.read_bytes()
    match = regex.search(rb"/Count (\d+)", data)
    assert match, "the source has no uncompressed /Count"
    replacement = str(claimed).rjust(len(match.group(1))).encode()
    assert len(replacement) == len(match.group(1))
    target.write_bytes(data[:match.start(1)] + replacement + data[match.end(1):])
    return target


def damaged_xref(source: Path, target: Path) -> Path:
    """The source with its `startxref` keyword overwritten: pdfminer cannot find the document's root
    (pdfium and qpdf rebuild the table by scanning the objects)."""
    data = source.read_bytes()
    at = data.rindex(b"startxref")
    target.write_bytes(data[:at] + b"startxxxx" + data[at + len(b"startxref"):])
    return target


def no_pages(target: Path) -> Path:
    pdf = pikepdf.new()
    pdf.save(target)
    return target


def self_referencing(target: Path) -> Path:
    """A tiny PDF whose only page's /Parent and /Kids point back at themselves."""
    target.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Kids [3 0 R] /MediaBox [0 0 612 792] /Contents 3 0 R >> endobj\n"
        b"trailer << /Root 1 0 R /Size 4 >>\n%%EOF\n")
    return target


def inflating_stream(inflated_mb: int) -> bytes:
    """A FlateDecode stream of PDF comments that inflates to `inflated_mb` megabytes (built in chunks)."""
    import zlib

    compressor, chunk, parts = zlib.compressobj(9), b"%" + b" " * 1022 + b"\n", []
    block = chunk * 1024  # one megabyte
    for _ in range(inflated_mb):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    return b"".join(parts)


def decompression_bomb(source: Path, target: Path, page: int, inflated_mb: int, nested: bool = False,
                       inner: str | None = None) -> Path:
    """The source with one page's content followed by a stream that inflates to `inflated_mb` MB;
    `nested`: compressed twice (`/Filter [/FlateDecode /FlateDecode]`), a few kilobytes on disk;
    `inner`: Flate over `LZWDecode` or `RunLengthDecode` zeros."""
    import zlib

    with pikepdf.open(source) as pdf:
        bomb = pikepdf.Stream(pdf, b"")
        if inner:
            size = inflated_mb << 20
            data = lzw_zeros(size) if inner == "LZWDecode" else b"\x81\x00" * (size // 128)
            bomb.write(zlib.compress(data, 9), filter=pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name("/" + inner)]))
            nested = True
        elif nested:
            bomb.write(zlib.compress(inflating_stream(inflated_mb), 9),
                       filter=pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode]))
        else:
            bomb.write(inflating_stream(inflated_mb), filter=pikepdf.Name.FlateDecode)
        obj = pdf.pages[page - 1].obj
        contents = obj.Contents
        obj.Contents = pikepdf.Array([*(contents if isinstance(contents, pikepdf.Array) else [contents]), bomb])
        # Streams saved as they are: qpdf would otherwise decode the outer layer and compress once.
        pdf.save(target, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=not nested)
    return target


def huge_blank_page(target: Path, inches: int) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(inches * 72, inches * 72))
    pdf.save(target)
    return target


def turned_page(source: Path, target: Path, page: int | None, matrix: str, landscape: bool = False) -> Path:
    """The source with one page's content (every page's when `page` is None) drawn through an extra
    transformation (`a b c d e f`): mirrored (`-1 0 0 1 W 0`) or turned (`0 1 -1 0 H 0`, with
    `landscape` swapping the media box's sides)."""
    with pikepdf.open(source) as pdf:
        for number, each in enumerate(pdf.pages, start=1):
            if page is not None and number != page:
                continue
            obj = each.obj
            contents = obj.Contents
            parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            opening, closing = pikepdf.Stream(pdf, f"q {matrix} cm\n".encode()), pikepdf.Stream(pdf, b"\nQ\n")
            obj.Contents = pikepdf.Array([opening, *parts, closing])
            if landscape:
                x0, y0, x1, y1 = (float(v) for v in obj.MediaBox)
                obj.MediaBox = pikepdf.Array([x0, y0, x0 + (y1 - y0), y0 + (x1 - x0)])
                if "/CropBox" in obj:
                    del obj["/CropBox"]
        pdf.save(target)
    return target


def _drawn_through(pdf: pikepdf.Pdf, page: pikepdf.Page, matrix: str) -> None:
    """The page's content drawn through a CTM: `q <matrix> cm … Q`."""
    contents = page.obj.Contents
    parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    page.obj.Contents = pikepdf.Array([pikepdf.Stream(pdf, f"q {matrix} cm\n".encode()), *parts, pikepdf.Stream(pdf, b"\nQ\n")])


def redrawn_pages(source: Path, target: Path, place) -> Path:
    """Every page given another media box and its content moved: `place(media box)` gives the new
    box and the shift (dx, dy) of the content."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            box, dx, dy = place([float(v) for v in page.obj.MediaBox])
            page.obj.MediaBox = pikepdf.Array(box)
            _drawn_through(pdf, page, f"1 0 0 1 {dx} {dy}")
        pdf.save(target)
    return target


def scaled_pages(source: Path, target: Path, factor: float, pages: list[int] | None = None, resize: bool = True,
                 append: bool = False) -> Path:
    """Pages drawn through a CTM scaled by `factor` (`q f 0 0 f 0 0 cm … Q`): with `resize`, the media
    box shrinks with them (the same page at another scale); with `append`, scaled copies of the pages
    are added at the end instead (an annex of small print)."""
    with pikepdf.open(source) as pdf:
        numbers = pages or list(range(1, len(pdf.pages) + 1))
        if append:
            for number in numbers:
                pdf.pages.append(pdf.pages[number - 1])
            numbers = list(range(len(pdf.pages) - len(numbers) + 1, len(pdf.pages) + 1))
        for number in numbers:
            page = pdf.pages[number - 1]
            _drawn_through(pdf, page, f"{factor} 0 0 {factor} 0 0")
            if resize:
                box = [float(v) for v in page.obj.MediaBox]
                page.obj.MediaBox = pikepdf.Array([v * factor for v in box])
                if "/CropBox" in page.obj:
                    del page.obj["/CropBox"]
        pdf.save(target)
    return target


def with_annex(source: Path, target: Path, pages: int, size: float = 7.0, before: bool = False) -> Path:
    """The source with `pages` pages of English small print (no running header, no page numbers)
    appended, or inserted after its cover with `before` (a preface): more pages and more text than
    the body itself."""
    words = ("The network supports member states in implementing the global compact for safe orderly "
             "and regular migration through coordinated action across the system").split()
    lines_per_page = int((PAGE[1] - 120) / (size * 1.2))
    annex = [[(56.0, 60 + row * size * 1.2, size, [("Helvetica", " ".join(words[(row + n + page) % len(words)] for n in range(16)))])
              for row in range(lines_per_page)] for page in range(pages)]
    extra_path = target.with_name(target.stem + "-annex.pdf")
    text_pdf(extra_path, annex)
    with pikepdf.open(source) as pdf, pikepdf.open(extra_path) as extra:
        for offset, page in enumerate(extra.pages):
            if before:
                pdf.pages.insert(1 + offset, page)
            else:
                pdf.pages.append(page)
        pdf.save(target)
    return target


def content_breaking_off(source: Path, target: Path, page: int, junk: bytes = b"\n{ 1 2 3 \n") -> Path:
    """The source with `junk` inserted half-way through one page's content stream: pdfminer stops
    reading the page there (an unclosed `{`), pdfium reads on."""
    with pikepdf.open(source) as pdf:
        obj = pdf.pages[page - 1].obj
        contents = obj.Contents
        data = b"".join(c.read_bytes() for c in contents) if isinstance(contents, pikepdf.Array) else contents.read_bytes()
        half = data.rfind(b"\n", 0, len(data) // 2)
        obj.Contents = pikepdf.Stream(pdf, data[:half] + junk + data[half:])
        pdf.save(target)
    return target


def damaged_flate(source: Path, target: Path, page: int, corrupt: bool) -> Path:
    """The source with one page's compressed content stream cut at 60% of its bytes, or with forty
    bytes zeroed half-way (`corrupt`): the text after the damage is in no engine's reach."""
    with pikepdf.open(source) as pdf:
        obj = pdf.pages[page - 1].obj
        data = b"".join(c.read_bytes() for c in obj.Contents) if isinstance(obj.Contents, pikepdf.Array) else obj.Contents.read_bytes()
        raw = bytearray(zlib.compress(data))
        if corrupt:
            raw[len(raw) // 2:len(raw) // 2 + 40] = bytes(40)
        else:
            del raw[len(raw) * 6 // 10:]
        obj.Contents = pikepdf.Stream(pdf, bytes(raw))
        obj.Contents.Filter = pikepdf.Name.FlateDecode
        pdf.save(target)
    return target


class _CodeWriter:
    """LZW codes packed most significant bit first, each at the width the table has reached."""

    def __init__(self):
        self.out, self.buffer, self.held, self.width = bytearray(), 0, 0, 9

    def emit(self, code: int) -> None:
        self.buffer, self.held = (self.buffer << self.width) | code, self.held + self.width
        while self.held >= 8:
            self.held -= 8
            self.out.append((self.buffer >> self.held) & 0xFF)
        self.buffer &= (1 << self.held) - 1

    def finish(self) -> bytes:
        self.emit(257)
        if self.held:
            self.out.append((self.buffer << (8 - self.held)) & 0xFF)
        return bytes(self.out)


def lzw_encoded(data: bytes) -> bytes:
    """PDF's LZW compression (9- to 12-bit codes, early change), for test streams."""
    writer, table, next_code = _CodeWriter(), {bytes([i]): i for i in range(256)}, 258
    writer.emit(256)
    word = b""
    for byte in data:
        extended = word + bytes([byte])
        if extended in table:
            word = extended
            continue
        writer.emit(table[word])
        table[extended], next_code = next_code, next_code + 1
        if next_code >= 4094:
            writer.emit(256)
            table, next_code, writer.width = {bytes([i]): i for i in range(256)}, 258, 9
        elif next_code >= 1 << writer.width:
            writer.width += 1
        word = bytes([byte])
    if word:
        writer.emit(table[word])
    return writer.finish()


def lzw_zeros(total: int) -> bytes:
    """What `lzw_encoded` makes of at least `total` zero bytes, built run by run (each code stands for
    one zero more than the one before: a 12-bit code for thousands of bytes), without a loop per byte."""
    writer, produced = _CodeWriter(), 0
    writer.emit(256)
    while produced < total:
        code, run, next_code = 0, 1, 258
        while produced < total:
            writer.emit(code)
            produced += run
            code, run, next_code = next_code, run + 1, next_code + 1
            if next_code >= 4094:
                writer.emit(256)
                writer.width = 9
                break
            if next_code >= 1 << writer.width:
                writer.width += 1
    return writer.finish()


def _multiply(m: list[float], n: list[float]) -> list[float]:
    """The PDF matrix product m × n (m applied first), matrices as `a b c d e f`."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


def moved_lines(source: Path, target: Path, page: int, moves: dict[float, float], tolerance: float = 0.5) -> Path:
    """One page with its text lines moved: every text object placed (`Tm`) on a baseline that
    `moves` names (points from the page top, as pdfplumber's char matrix says) is placed on the
    baseline it maps to instead; its glyphs, their order in the content stream and the document's
    tags stay as they were. ValueError when a named baseline places nothing."""
    with pikepdf.open(source) as pdf:
        each = pdf.pages[page - 1]
        height = float(each.obj.MediaBox[3])
        ctm, stack, moved = [1.0, 0, 0, 1.0, 0, 0], [], set()
        commands = []
        for operands, operator in pikepdf.parse_content_stream(each):
            name = str(operator)
            if name == "q":
                stack.append(ctm)
            elif name == "Q":
                ctm = stack.pop()
            elif name == "cm":
                ctm = _multiply([float(v) for v in operands], ctm)
            elif name == "Tm":
                m = [float(v) for v in operands]
                x, y = _multiply([1, 0, 0, 1, m[4], m[5]], ctm)[4:]
                baseline = height - y
                found = next((b for b in moves if abs(b - baseline) <= tolerance), None)
                if found is not None:
                    shift = found - moves[found]  # upwards in PDF space
                    a, b, c, d = ctm[:4]
                    det = a * d - b * c
                    m[4] += -c * shift / det
                    m[5] += a * shift / det
                    operands = [pikepdf.Object.parse(f"{v:.4f}".encode()) for v in m]
                    moved.add(found)
            commands.append((operands, operator))
        missing = set(moves) - moved
        if missing:
            raise ValueError(f"page {page}: no text placed on baselines {sorted(missing)}")
        each.obj.Contents = pikepdf.Stream(pdf, pikepdf.unparse_content_stream(commands))
        pdf.save(target)
    return target
