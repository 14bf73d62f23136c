"""A scanned page image made ready for tesseract: turned level and lit evenly.

Pure functions of a greyscale PIL image. tesseract finds lines on an image it binarises with one
global threshold: a page darker toward one corner loses its dark half to the threshold, and a skew
of one degree breaks long lines into pieces (a label split from its number, a deadline joined to the
next column). The image stays grey: tesseract's recogniser reads the grey edges of glyphs, and a
page binarised here reads worse (measured on clean and degraded scans of the sample).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from workplan.extract.settings import DEFAULT_SETTINGS, ImageSettings


def skew_angle(image: Image.Image, settings: ImageSettings = DEFAULT_SETTINGS.image) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's text lines: the turn whose
    row profile of ink changes most sharply from row to row (level lines give sharp edges)."""
    small = image if image.width <= settings.skew_width_pixels else image.resize(
        (settings.skew_width_pixels, round(image.height * settings.skew_width_pixels / image.width)), Image.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((pixels < otsu_threshold(pixels)) * 255).astype(np.uint8))
    if not np.asarray(ink).any():
        return 0.0
    best_angle, best_sharpness = 0.0, -1.0
    for angle in np.arange(-settings.max_skew, settings.max_skew + settings.skew_step / 2, settings.skew_step):
        profile = np.asarray(ink.rotate(float(angle), resample=Image.NEAREST), dtype=np.float32).sum(axis=1)
        sharpness = float(np.square(np.diff(profile)).sum())
        if sharpness > best_sharpness:
            best_angle, best_sharpness = float(angle), sharpness
    return round(best_angle, 2)


def level(image: Image.Image, angle: float) -> Image.Image:
    if not angle:
        return image
    return image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)


def even_light(image: Image.Image, settings: ImageSettings = DEFAULT_SETTINGS.image) -> Image.Image:
    """Each pixel divided by the paper's brightness around it: a lid left open or light falling
    off toward a corner no longer darkens whole lines below the threshold."""
    paper = (image.reduce(settings.light_reduction).filter(ImageFilter.MaxFilter(settings.light_window_pixels))
             .filter(ImageFilter.GaussianBlur(settings.light_window_pixels)).resize(image.size, Image.BILINEAR))
    pixels = np.asarray(image, dtype=np.float32)
    light = np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(pixels / light * 255.0, 0, 255).astype(np.uint8))


def otsu_threshold(pixels: np.ndarray) -> float:
    """The grey level that best separates ink from paper (Otsu: most variance between the two)."""
    counts = np.bincount(np.clip(pixels, 0, 255).astype(np.uint8).ravel(), minlength=256).astype(np.float64)
    below = counts.cumsum()
    above = below[-1] - below
    weighted = (counts * np.arange(256)).cumsum()
    valid = (below > 0) & (above > 0)
    between = np.zeros(256)
    between[valid] = (weighted[-1] * below[valid] / below[-1] - weighted[valid]) ** 2 / (below[valid] * above[valid])
    return float(between.argmax())


@dataclass(frozen=True)
class Prepared:
    """A page image made ready for tesseract, and what was done to it: the sheet found in a photo
    and seen square on (`sheet`: "flattened"; "not_found" for a photo of no four-cornered sheet;
    None for a scan, whose sheet is the image), the skew it was levelled by, the dark fills."""
    image: Image.Image
    skew: float
    fills: list[tuple[int, int, int, int]]
    sheet: str | None = None


def prepare(image: Image.Image, dpi: float = 300.0, settings: ImageSettings = DEFAULT_SETTINGS.image) -> Prepared:
    """The page seen square on (a photographed sheet), levelled, evenly lit, its dark fills turned
    light."""
    corners, photographed = find_sheet(image, settings)
    sheet = None
    if corners is not None:
        image, sheet = square_on(image, corners), "flattened"
    elif photographed:
        sheet = "not_found"
    angle = skew_angle(image, settings)
    # Below `min_skew` the page is not turned, and its warning reports no turn.
    angle = angle if abs(angle) >= settings.min_skew else 0.0
    # Fills first: the paper's brightness is then estimated on a page with no dark areas.
    lightened, fills = lighten_dark_fills(level(image, angle), dpi, settings)
    return Prepared(even_light(lightened, settings), angle, fills, sheet)


def find_sheet(image: Image.Image, settings: ImageSettings = DEFAULT_SETTINGS.image) -> tuple[np.ndarray | None, bool]:
    """The corners of a sheet photographed on a darker ground (pixels, float32, clockwise from the
    top left), and whether the image is a photo at all (ground shows around its edges). None for
    the corners of a scan, or of a photo where no four-cornered sheet stands out."""
    import cv2

    pixels = np.asarray(image)
    height, width = pixels.shape
    band = max(1, round(settings.band_share * min(height, width)))
    edges = np.concatenate([pixels[:band].ravel(), pixels[-band:].ravel(), pixels[:, :band].ravel(), pixels[:, -band:].ravel()])
    photographed = float(np.median(edges)) < settings.ground_ratio * float(np.percentile(pixels, settings.paper_percentile))
    if not photographed:
        return None, False
    scale = min(1.0, settings.sheet_width_pixels / width)
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    _, bright = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((settings.sheet_closing_pixels, settings.sheet_closing_pixels), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None, True
    outline = cv2.convexHull(max(contours, key=cv2.contourArea))
    if cv2.contourArea(outline) < settings.min_sheet_share * small.shape[0] * small.shape[1]:
        return None, True
    corners = cv2.approxPolyDP(outline, settings.outline_tolerance_share * cv2.arcLength(outline, True), True).reshape(-1, 2)
    if len(corners) != 4:
        return None, True
    corners = _clockwise(corners.astype(np.float32) / scale)
    frame = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    if np.all(np.abs(corners - frame) <= settings.frame_share * np.array([width, height], dtype=np.float32)):
        return None, True
    return corners, True


def _clockwise(corners: np.ndarray) -> np.ndarray:
    """Four points ordered top left, top right, bottom right, bottom left."""
    sums, differences = corners.sum(axis=1), np.diff(corners, axis=1).ravel()
    return np.array([corners[sums.argmin()], corners[differences.argmin()], corners[sums.argmax()],
                     corners[differences.argmax()]], dtype=np.float32)


def square_on(image: Image.Image, corners: np.ndarray) -> Image.Image:
    """The sheet seen square on: its corners mapped to the image's, so that whatever was printed
    at one place on the sheet stands at one place on every page (a running header at one height)."""
    import cv2

    width, height = image.size
    frame = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    warped = cv2.warpPerspective(np.asarray(image), cv2.getPerspectiveTransform(corners, frame), image.size,
                                 flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(warped)


def _runs(dark: np.ndarray, length: int) -> list[tuple[int, int, int]]:
    """Runs of at least `length` dark pixels along each row: (row, first, last) in pixels."""
    if dark.shape[1] < length:
        return []
    sums = np.cumsum(dark, axis=1, dtype=np.int32)
    window = sums[:, length - 1:] - np.concatenate([np.zeros((dark.shape[0], 1), np.int32), sums[:, :-length]], axis=1)
    starts = window == length  # a full run of `length` begins here
    rows, columns = np.nonzero(starts)
    if not len(rows):
        return []
    # Every pixel of a long run: the union of the windows that start inside it.
    spread = np.zeros((dark.shape[0], dark.shape[1] + 1), dtype=np.int32)
    np.add.at(spread, (rows, columns), 1)
    np.add.at(spread, (rows, columns + length), -1)
    covered = np.cumsum(spread, axis=1)[:, :-1] > 0
    edges = np.diff(covered.astype(np.int8), axis=1, prepend=0, append=0)
    found = []
    for row in np.unique(rows):
        begins, ends = np.nonzero(edges[row] == 1)[0], np.nonzero(edges[row] == -1)[0]
        found += [(int(row), int(b), int(e) - 1) for b, e in zip(begins, ends)]
    return found


def _merge(runs: list[tuple[int, int, int]], settings: ImageSettings) -> list[tuple[int, int, int, int]]:
    """Runs in neighbouring rows with about the same extent → one rule: (first, last, row0, row1).
    A run joins a rule only in a row next to the rule's rows: two rules of one extent far apart (a
    table's left and right borders) stay two, in whatever order their runs come."""
    merged: list[list[int]] = []
    thickness = settings.rule_thickness_pixels
    for row, first, last in sorted(runs, key=lambda r: (r[1] // thickness, r[0])):
        for rule in reversed(merged[-8:]):
            if rule[2] - 1 <= row <= rule[3] + 1 and abs(first - rule[0]) <= thickness and abs(last - rule[1]) <= thickness:
                rule[2], rule[3] = min(rule[2], row), max(rule[3], row)
                break
        else:
            merged.append([first, last, row, row])
    return [tuple(rule) for rule in merged if rule[3] - rule[2] < thickness * 2]


def dark_pixels(image: Image.Image, settings: ImageSettings = DEFAULT_SETTINGS.image) -> np.ndarray:
    """The pixels darker than the paper (the page's 90th-percentile grey) by a rule's contrast:
    rules and ink."""
    pixels = np.asarray(image, dtype=np.int16)
    return pixels < float(np.percentile(pixels, 90)) - settings.rule_contrast


def ruling_lines(image: Image.Image, dpi: float, settings: ImageSettings = DEFAULT_SETTINGS.image) -> list[tuple[float, float, float, float]]:
    """The straight rules drawn on a page image (table borders), as (x0, top, x1, bottom) in pixels:
    what a text engine reports as a page's lines, so a scanned table is found as a drawn one."""
    return rules_among(dark_pixels(image, settings), dpi, settings)


def rules_among(dark: np.ndarray, dpi: float, settings: ImageSettings = DEFAULT_SETTINGS.image) -> list[tuple[float, float, float, float]]:
    """`ruling_lines` of a page whose dark pixels are already known."""
    length = max(8, round(settings.rule_min_inches * dpi))
    rules = []
    for first, last, row0, row1 in _merge(_runs(dark, length), settings):
        rules.append((float(first), float(row0), float(last + 1), float(row1 + 1)))
    for first, last, column0, column1 in _merge(_runs(dark.T, length), settings):
        rules.append((float(column0), float(first), float(column1 + 1), float(last + 1)))
    return rules


def lighten_dark_fills(image: Image.Image, dpi: float = 300.0,
                       settings: ImageSettings = DEFAULT_SETTINGS.image) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """The page with each dark filled area turned dark-on-light, its ground made paper white (an
    inverted grey ground would read as a stack of rules); and the areas' boxes (x0, top, x1, bottom
    in pixels), which bound a cell as a filled rectangle of a text layer does."""
    block = settings.fill_block_pixels
    small = np.asarray(image.reduce(block), dtype=np.float32) < settings.dark_fill
    if not small.any():
        return image, []
    seen = np.zeros(small.shape, dtype=bool)
    pixels = np.asarray(image).copy()
    boxes = []
    for start in zip(*np.nonzero(small)):
        if seen[start]:
            continue
        stack, cells = [start], []
        seen[start] = True
        while stack:
            row, column = stack.pop()
            cells.append((row, column))
            for r, c in ((row + 1, column), (row - 1, column), (row, column + 1), (row, column - 1)):
                if 0 <= r < small.shape[0] and 0 <= c < small.shape[1] and small[r, c] and not seen[r, c]:
                    seen[r, c] = True
                    stack.append((r, c))
        if len(cells) < settings.min_fill_blocks:
            continue
        rows, columns = zip(*cells)
        # Filled, not a thick stroke: most of its bounding box is dark.
        if len(cells) < 0.6 * (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1):
            continue
        box = _fill_extent(pixels, max(0, (min(rows) - 1) * block), (max(rows) + 2) * block,
                           max(0, (min(columns) - 1) * block), (max(columns) + 2) * block, settings)
        if box is None or box[3] - box[1] < settings.min_fill_inches * dpi:
            continue
        if any(b[0] <= box[0] and b[1] <= box[1] and box[2] <= b[2] and box[3] <= b[3] for b in boxes):
            continue  # dark between the letters of a fill already turned: part of that fill
        left, top, right, bottom = box
        inverted = 255.0 - pixels[top:bottom, left:right].astype(np.float32)
        ground = max(float(np.percentile(inverted, settings.fill_ground_percentile)), 1.0)
        pixels[top:bottom, left:right] = np.clip(inverted * (255.0 / ground), 0, 255).astype(np.uint8)
        boxes.append(box)
    return Image.fromarray(pixels), boxes


def _fill_extent(pixels: np.ndarray, top: int, bottom: int, left: int, right: int,
                 settings: ImageSettings) -> tuple[int, int, int, int] | None:
    """The exact extent of the fill found in blocks around this box: the rows and columns mostly dark."""
    dark = pixels[top:bottom, left:right] < settings.dark_fill
    rows = np.nonzero(dark.mean(axis=1) > settings.fill_line_share)[0]
    columns = np.nonzero(dark.mean(axis=0) > settings.fill_line_share)[0]
    if not len(rows) or not len(columns):
        return None
    return int(left + columns[0]), int(top + rows[0]), int(left + columns[-1]) + 1, int(top + rows[-1]) + 1
