"""Reading a page that has no text layer: render, straighten, OCR, return word boxes.

One page at a time: the page is rendered with pdfium, its small skew (a sheet
fed askew into a scanner) is measured and undone, horizontal and vertical rules
are found (they tell the layout where table rows end) and wiped so tesseract
does not read them as "|" or "_", and tesseract's word boxes come back in PDF
points, ready for the same column logic as a typed PDF (extractors.layout).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from extractors.errors import ExtractionError
from extractors.layout import Word

# tesseract's own OpenMP threads fight over the cores the pipeline already shares out
os.environ["OMP_THREAD_LIMIT"] = "1"

MAX_SKEW_DEGREES = 5.0
TESSERACT_CONFIG = "--psm 6"  # one uniform block of text: keeps a table row on one line
SKEW_PREVIEW_PIXELS = 1000  # skew is measured on a copy this size, for speed
# a rule is a straight dark run at least this long (inches)
HORIZONTAL_RULE_INCHES = 1.0
VERTICAL_RULE_INCHES = 0.5
BLANK_PAGE_INK_SHARE = 0.001  # fewer dark pixels than this: nothing printed


@dataclass
class OcrPage:
    """What OCR read on one page, in PDF points."""

    words: list[Word] = field(default_factory=list)
    row_rules: list[float] = field(default_factory=list)  # y of horizontal rules
    skew_degrees: float = 0.0
    blank: bool = False  # the page carries no ink: nothing to read, nothing lost


def require_tesseract() -> None:
    """Raise ExtractionError when the OCR engine is not installed."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise ExtractionError(
            "the PDF is a scan and needs OCR, but the OCR engine (tesseract) is not installed"
        )


def render_page(pdf_page, dpi: int) -> Image.Image:
    """The page as a greyscale image at `dpi` (pdfium applies the page's /Rotate)."""
    bitmap = pdf_page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_pil().convert("L")
    finally:
        bitmap.close()


def ocr_image(image: Image.Image, dpi: int) -> OcrPage:
    """Straighten `image`, find its rules, and read its words with tesseract."""
    import pytesseract

    grey = np.asarray(image.convert("L"))
    ink = grey < _otsu_threshold(grey)
    if ink.mean() < BLANK_PAGE_INK_SHARE:
        return OcrPage(blank=True)
    angle = estimate_skew(ink)
    if abs(angle) >= 0.05:
        image = image.convert("L").rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        grey = np.asarray(image)
        ink = grey < _otsu_threshold(grey)
    horizontal = _long_runs(ink, int(HORIZONTAL_RULE_INCHES * dpi), axis=1)
    vertical = _long_runs(ink, int(VERTICAL_RULE_INCHES * dpi), axis=0)
    rules = horizontal | vertical
    cleaned = grey.copy()
    cleaned[_grow(rules)] = 255
    del ink, rules, vertical
    points_per_pixel = 72 / dpi
    page = OcrPage(
        row_rules=[y * points_per_pixel for y in _rule_positions(horizontal)],
        skew_degrees=angle,
    )
    del horizontal
    try:
        data = pytesseract.image_to_data(
            Image.fromarray(cleaned), config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise ExtractionError("the PDF is a scan and needs OCR, but the OCR engine (tesseract) "
                              "is not installed") from exc
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"]
    ):
        text = text.strip()
        if not text or float(conf) < 0:
            continue
        page.words.append(Word(
            text=text,
            x0=left * points_per_pixel,
            x1=(left + width) * points_per_pixel,
            top=top * points_per_pixel,
            bottom=(top + height) * points_per_pixel,
            confidence=round(float(conf) / 100, 3),
        ))
    return page


def estimate_skew(ink: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines horizontal.

    Text lines are straight when the row sums of ink are most uneven: dark
    rows of text alternate with empty gaps. Measured on a small copy, coarse
    then fine, within ±MAX_SKEW_DEGREES.
    """
    preview = Image.fromarray(ink.astype(np.uint8) * 255)
    preview.thumbnail((SKEW_PREVIEW_PIXELS, SKEW_PREVIEW_PIXELS), Image.BILINEAR)

    def profile_variance(angle: float) -> float:
        turned = np.asarray(preview.rotate(angle, resample=Image.BILINEAR, fillcolor=0), dtype=np.float32)
        return float(np.var(turned.sum(axis=1)))

    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5)
    best = max(coarse, key=profile_variance)
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    return round(float(max(fine, key=profile_variance)), 2)


def _otsu_threshold(grey: np.ndarray) -> int:
    histogram = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    levels = np.arange(256)
    weight_dark = np.cumsum(histogram)
    mean_dark = np.cumsum(histogram * levels)
    weight_light = total - weight_dark
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_dark[-1] * weight_dark / total - mean_dark) ** 2 / (weight_dark * weight_light)
    return int(np.nanargmax(between[:-1])) + 1


def _long_runs(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels of `mask` lying on a straight run of at least `length` along `axis`.

    A speckle-broken or slightly tilted rule still counts: each pixel is OR-ed
    with its neighbour across the run before runs are measured.
    """
    m = mask if axis == 1 else mask.T
    m = m.copy()
    m[1:] |= mask[:-1] if axis == 1 else mask.T[:-1]
    if length < 2 or m.shape[1] < length:
        return np.zeros_like(mask)
    counts = np.zeros((m.shape[0], m.shape[1] + 1), dtype=np.int32)
    np.cumsum(m, axis=1, out=counts[:, 1:])
    full = (counts[:, length:] - counts[:, :-length]) == length  # window starting at j is all ink
    starts = np.zeros((m.shape[0], full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    # pixel p is covered when some full window starts in [p - length + 1, p]
    upper = np.minimum(np.arange(m.shape[1]) + 1, full.shape[1])
    lower = np.maximum(np.arange(m.shape[1]) - length + 1, 0)
    lower = np.minimum(lower, full.shape[1])
    covered = (starts[:, upper] - starts[:, lower]) > 0
    covered &= m
    return covered if axis == 1 else covered.T


def _grow(mask: np.ndarray) -> np.ndarray:
    """`mask` widened by one pixel each way, to take the grey fringe of a rule too."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    return grown


def _rule_positions(horizontal: np.ndarray) -> list[float]:
    """The y (pixels) of each horizontal rule: the middle of each band of rule rows."""
    rows = np.flatnonzero(horizontal.any(axis=1))
    if rows.size == 0:
        return []
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    return [float(band.mean()) for band in bands]
