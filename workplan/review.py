"""`workplan review PDF --out DIR`: page images with what was detected drawn on them, and an HTML index.

Colours: priority labels blue, activities green, deadlines orange, organisation lists purple.
"""
from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path
from typing import Callable

from workplan.pipeline import EditionTables

RESOLUTION = 100
LAYERS = (
    ("priorities", "page_start", (31, 119, 180), "priority block"),
    ("activities", "page", (44, 160, 44), "activity"),
    ("deadlines", "page", (255, 127, 14), "deadline"),
    ("participants", "page", (148, 103, 189), "organisation list"),
)


def boxes_by_page(result: EditionTables) -> dict[int, list[tuple[tuple[float, float, float, float], tuple[int, int, int], str]]]:
    """Every detected box, grouped by page, with its colour and a short label."""
    pages: dict[int, list] = defaultdict(list)
    for table, page_column, colour, _ in LAYERS:
        frame = result.tables[table].to_pandas()
        seen = set()
        for row in frame.itertuples():
            box = (row.x0, row.top, row.x1, row.bottom)
            key = (getattr(row, page_column), box)
            if key in seen:  # one organisation list holds many mentions
                continue
            seen.add(key)
            label = getattr(row, "priority_id", "") if table == "priorities" else getattr(row, "activity_id", "") or ""
            pages[int(getattr(row, page_column))].append((box, colour, str(label or "")))
    return pages


def render(pdf: Path, result: EditionTables, out_dir: Path, on_page: Callable[[int, int], None] | None = None) -> Path:
    import pdfplumber

    out_dir.mkdir(parents=True, exist_ok=True)
    boxes = boxes_by_page(result)
    images = []
    with pdfplumber.open(pdf) as document:
        total = len(document.pages)
        for number, page in enumerate(document.pages, start=1):
            image = page.to_image(resolution=RESOLUTION)
            for box, colour, _ in boxes.get(number, []):
                image.draw_rect(box, fill=colour + (40,), stroke=colour + (255,), stroke_width=2)
            name = f"page-{number:03d}.png"
            image.save(out_dir / name)
            images.append((number, name, len(boxes.get(number, []))))
            page.close()
            if on_page:
                on_page(number, total)
    index = out_dir / "index.html"
    index.write_text(_index_html(pdf, result, images), encoding="utf-8")
    return index


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
