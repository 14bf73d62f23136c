"""`workplan review PDF --out DIR`: page images with what was detected drawn on them, each box
labelled with its role and parsed value, lines set aside drawn with their reason; an HTML index.

Colours: narrative section headings brown, priority labels blue (with kind, GCM objectives and
thematic area), activities green, deadlines orange, organisation lists purple (a list that runs
onto the next page is named again at the top of that page), lines set aside (running headers,
page numbers, footnotes, table headers) grey.
"""
from __future__ import annotations

import html
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable

import regex

from workplan.extract.ocr import render_dpi
from workplan.extract.settings import DEFAULT_SETTINGS
from workplan.pipeline import EditionTables

RESOLUTION = 100
# Labels in 13-pixel type: about 9.5 points on a page image shown at 100 %.
LABEL_PIXELS = 13
LABEL_TRIES = 8  # lines a label may move down to clear the labels drawn before it
# Where the label of a list continued from the page before is drawn: a strip at the top of the page.
CONTINUED_AT = (20.0, 4.0, 400.0, 14.0)
NOT_LATIN = regex.compile(r"[^\x20-\x7e]+")
LAYERS = (
    ("sections", "page_start", (140, 86, 75), "section heading"),
    ("priorities", "page_start", (31, 119, 180), "priority block"),
    ("activities", "page", (44, 160, 44), "activity"),
    ("deadlines", "page", (255, 127, 14), "deadline"),
    ("participants", "page", (148, 103, 189), "organisation list"),
    ("set_aside", "page", (127, 127, 127), "set aside"),
)


def _present(value) -> bool:
    return value is not None and str(value) not in ("NaT", "None", "nan", "")


def _day(value) -> str:
    return str(value)[:10] if _present(value) else "open"


def describe(table: str, row) -> str:
    """The label drawn on a box: what was read there, as the tables hold it."""
    if table == "sections":
        return f"section {row.section_id}"
    if table == "priorities":
        objectives = {"listed": f"GCM {','.join(str(n) for n in row.gcm_objectives)}", "all": "GCM all",
                      "cross_cutting": "GCM cross-cutting"}.get(row.gcm_scope, "no GCM")
        area = f" area {int(row.thematic_area)}" if _present(row.thematic_area) else ""
        return f"{row.priority_id} {row.kind} {objectives}{area}"
    if table == "activities":
        return f"{row.activity_id} #{row.number_printed if _present(row.number_printed) else '-'}"
    if table == "deadlines":
        qualifier = f" {row.qualifier}" if _present(row.qualifier) else ""
        return f"{row.activity_id}.{row.part}{qualifier} {_day(row.start)}..{_day(row.end)}"
    return f"{row.role} ({row.evidence})"  # a line set aside


def boxes_by_page(result: EditionTables) -> dict[int, list[tuple[tuple[float, float, float, float], tuple[int, int, int], str]]]:
    """Every detected box, grouped by page, with its colour and its label; the mentions of one
    organisation list share its box and one label."""
    pages: dict[int, list] = defaultdict(list)
    for table, page_column, colour, _ in LAYERS:
        if table not in result.tables:
            continue
        frame = result.tables[table].to_pandas()
        rows_at: dict[tuple, list] = {}
        for row in frame.itertuples():
            key = (int(getattr(row, page_column)), (row.x0, row.top, row.x1, row.bottom))
            rows_at.setdefault(key, []).append(row)
        for (page, box), rows in rows_at.items():
            if any(not _present(value) for value in box):
                continue  # printed nowhere that can be drawn
            if table == "participants":  # one list: its role once, then every organisation read from it
                label = f"{rows[0].role}: {', '.join(r.org_id for r in rows)}"
                if _present(rows[0].page_end) and int(rows[0].page_end) > page:
                    label += f" (continues on page {int(rows[0].page_end)})"
                    pages[int(rows[0].page_end)].append((CONTINUED_AT, colour, f"continued from page {page}: {label}"))
            else:
                label = describe(table, rows[0]) + (f" +{len(rows) - 1}" if len(rows) > 1 else "")
            pages[page].append((box, colour, label))
    return pages


def render(pdf: Path, result: EditionTables, out_dir: Path, on_page: Callable[[int, int], None] | None = None,
           password: str = "") -> Path:
    """One PNG per page, drawn as the tables measure it (the page before any /Rotate), within the
    pixel budget, with every box and its label; then the index."""
    from PIL import Image, ImageDraw

    from workplan.extract.engines import pdfium_document

    out_dir.mkdir(parents=True, exist_ok=True)
    boxes = boxes_by_page(result)
    images = []
    document = pdfium_document(pdf, password)
    try:
        total = len(document)
        for index in range(total):
            number = index + 1
            page = document[index]
            left, bottom, right, top = page.get_mediabox()
            scale = render_dpi(right - left, top - bottom, RESOLUTION, DEFAULT_SETTINGS.ocr.max_pixels) / 72
            image = page.render(scale=scale, rotation=(360 - page.get_rotation()) % 360).to_pil().convert("RGBA")
            page.close()
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(overlay)
            placed: list[tuple[float, float, float, float]] = []
            for box, colour, label in boxes.get(number, []):
                x0, y0, x1, y1 = (value * scale for value in box)
                draw.rectangle((x0, y0, max(x0, x1), max(y0, y1)), fill=colour + (40,), outline=colour + (255,), width=2)
            for box, colour, label in boxes.get(number, []):  # labels over every box, none over another label
                _draw_label(draw, box[0] * scale, box[1] * scale, colour, label, placed, image.size)
            name = f"page-{number:03d}.png"
            Image.alpha_composite(image, overlay).convert("RGB").save(out_dir / name)
            images.append((number, name, len(boxes.get(number, []))))
            if on_page:
                on_page(number, total)
    finally:
        document.close()
    index = out_dir / "index.html"
    index.write_text(_index_html(pdf, result, images), encoding="utf-8")
    return index


@lru_cache(maxsize=1)
def _label_font():
    from PIL import ImageFont

    return ImageFont.load_default(size=LABEL_PIXELS)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_label(draw, x: float, y: float, colour, label: str, placed: list, size: tuple[int, int]) -> None:
    """The label just above the box's top left corner, readable at 100 % zoom; moved down a line at
    a time where it would cover a label already drawn (Latin only: ids, roles, dates)."""
    text = NOT_LATIN.sub("…", label)[:90]
    font = _label_font()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    width, height = right - left + 4, bottom - top + 4
    x = min(max(0.0, x), max(0.0, size[0] - width))
    spot = (x, max(0.0, y - height), x + width, max(0.0, y - height) + height)
    for _ in range(LABEL_TRIES):
        if not any(_overlaps(spot, other) for other in placed):
            break
        spot = (x, spot[1] + height, x + width, spot[3] + height)
    placed.append(spot)
    draw.rectangle(spot, fill=(255, 255, 255, 235), outline=colour + (255,))
    draw.text((spot[0] + 2 - left, spot[1] + 2 - top), text, fill=colour + (255,), font=font)


def _index_html(pdf: Path, result: EditionTables, images: list[tuple[int, str, int]]) -> str:
    warnings = result.tables["warnings"].to_pandas()
    legend = "".join(
        f'<span style="border:2px solid rgb{colour};padding:0 6px;margin-right:8px">{label}</span>' for _, _, colour, label in LAYERS
    )
    rows = "".join(
        f"<tr><td>{html.escape(str(w.code))}</td><td>{_page_link(w.page)}</td><td>{html.escape(str(w.message))}</td>"
        f"<td>{html.escape(str(w.context or ''))[:300]}</td></tr>"
        for w in warnings.itertuples()
    ) or '<tr><td colspan="4">no warnings</td></tr>'
    pages = "".join(
        f'<li id="page-{n}"><a href="{name}">page {n}</a>: {count} boxes<br><a href="{name}"><img src="{name}" width="300"></a></li>'
        for n, name, count in images
    )
    return f"""<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Review: {html.escape(pdf.name)}</title>
<body style="font-family:sans-serif">
<h1>{html.escape(pdf.name)} — edition {html.escape(result.edition)}</h1>
<p>{legend}</p>
<h2>Warnings ({len(warnings)})</h2>
<table border="1" cellpadding="4"><tr><th>code</th><th>page</th><th>message</th><th>printed text</th></tr>{rows}</table>
<h2>Pages</h2><ul style="list-style:none;display:flex;flex-wrap:wrap;gap:12px">{pages}</ul>
</body></html>
"""


def _page_link(page) -> str:
    try:
        number = int(page)
    except (TypeError, ValueError):
        return ""
    return f'<a href="page-{number:03d}.png">{number}</a>'
