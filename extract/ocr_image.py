"""A scanned page image made ready for tesseract: turned level and lit evenly.

Pure functions of a greyscale PIL image. tesseract finds lines on an image it binarises with one
global threshold: a page darker toward one corner loses its dark half to the threshold, and a skew
of one degree breaks long lines into pieces (a label split from its number, a deadline joined to the
next column). The image stays grey: tesseract's recogniser reads the grey edges of glyphs, and a
page binarised here reads worse (measured on clean and degraded scans of the sample).
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

# Skews searched, in degrees either way, and the step: a scanner turns a page by a degree or two.
MAX_SKEW = 4.0
SKEW_STEP = 0.1
# The skew is measured on a copy this many pixels wide at most (fast; text lines stay distinct).
SKEW_WIDTH = 900
# Below this many degrees a page is not turned (resampling blurs glyphs more than it helps).
MIN_SKEW = 0.15
# Paper brightness is estimated on a copy reduced by this factor, where a max filter of this many
# pixels is wider than any stroke: it leaves the paper and drops the ink.
LIGHT_REDUCTION = 8
LIGHT_WINDOW = 7


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's text lines: the turn whose
    row profile of ink changes most sharply from row to row (level lines give sharp edges)."""
    small = image if image.width <= SKEW_WIDTH else image.resize(
        (SKEW_WIDTH, round(image.height * SKEW_WIDTH / image.width)), Image.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((pixels < otsu_threshold(pixels)) * 255).astype(np.uint8))
    if not np.asarray(ink).any():
        return 0.0
    best_angle, best_sharpness = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + SKEW_STEP / 2, SKEW_STEP):
        profile = np.asarray(ink.rotate(float(angle), resample=Image.NEAREST), dtype=np.float32).sum(axis=1)
        sharpness = float(np.square(np.diff(profile)).sum())
        if sharpness > best_sharpness:
            best_angle, best_sharpness = float(angle), sharpness
    return round(best_angle, 2)


def level(image: Image.Image, angle: float) -> Image.Image:
    if abs(angle) < MIN_SKEW:
        return image
    return image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)


def even_light(image: Image.Image) -> Image.Image:
    """Each pixel divided by the paper's brightness around it: a lid left open or light falling
    off toward a corner no longer darkens whole lines below the threshold."""
    paper = (image.reduce(LIGHT_REDUCTION).filter(ImageFilter.MaxFilter(LIGHT_WINDOW))
             .filter(ImageFilter.GaussianBlur(LIGHT_WINDOW)).resize(image.size, Image.BILINEAR))
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


def prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """The page levelled and evenly lit; and the skew it was turned by."""
    angle = skew_angle(image)
    return even_light(level(image, angle)), angle
