"""Reading a page that has no text layer: render, straighten, OCR, return word boxes.

One page at a time: the page is rendered with pdfium, its small skew (a sheet
fed askew into a scanner) is measured and undone, horizontal and vertical rules
are found (they tell the layout where table rows end) and wiped so tesseract
does not read them as "|" or "_", and tesseract's word boxes come back in PDF
points, ready for the same column logic as a typed PDF (extractors.layout).
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter

from extractors.errors import ExtractionError
from extractors.layout import Word

# tesseract's own OpenMP threads fight over the cores the pipeline already shares out
os.environ["OMP_THREAD_LIMIT"] = "1"

ENGINE_MISSING = "the PDF is a scan and needs OCR, but the OCR engine (tesseract) is not installed"
# one uniform block of text: a table row stays one line; "|" is never print once rules are wiped,
# and without it tesseract reads a serif "1" as "|"
TESSERACT_CONFIG = "--psm 6 -c tessedit_char_blacklist=|"
MAX_SKEW_DEGREES = 5.0
SKEW_PREVIEW_PIXELS = 1000  # skew is measured on a copy this size, for speed
HORIZONTAL_RULE_INCHES = 1.0  # a rule is a straight dark run at least this long
VERTICAL_RULE_INCHES = 0.5
BLANK_PAGE_INK_SHARE = 0.001  # fewer dark pixels than this: nothing printed
PAPER_GREY = 200  # anything lighter is paper, whatever the histogram says
SPECK_PIXELS = 3  # at most this much ink in a 5x5 window is dust, not print
NOISY_PAGE_SPECK_SHARE = 0.01  # more specks than this share of the ink: median-filter too
JUNK_CONFIDENCE = 0.5  # below this, a "word" with no letter or digit is noise
SPECK_WORD_SHARE = 0.35  # a word box under this share of the usual height both ways is dust
MIN_MEDIAN_CONFIDENCE = 0.5  # a page read with less is not text (a photo, a drawing)


class OcrFailed(Exception):
    """Tesseract ran but failed on this page (the page is skipped, not the file)."""


@dataclass
class OcrPage:
    """What OCR read on one page, in PDF points."""

    words: list[Word] = field(default_factory=list)
    row_rules: list[float] = field(default_factory=list)  # y of horizontal rules
    skew_degrees: float = 0.0
    turned_degrees: int = 0  # clockwise quarter turns applied to a sideways or upside-down scan
    blank: bool = False  # the page carries no ink: nothing to read, nothing lost


def require_tesseract() -> None:
    """Raise ExtractionError when the OCR engine is not installed."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise ExtractionError(ENGINE_MISSING)


def render_page(pdf_page, dpi: int) -> Image.Image:
    """The page as a greyscale image at `dpi` (pdfium applies the page's /Rotate)."""
    bitmap = pdf_page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_pil().convert("L")
    finally:
        bitmap.close()


def ocr_image(image: Image.Image, dpi: int) -> OcrPage:
    """Straighten `image`, find its rules, and read its words with tesseract.

    A page that reads as gibberish may be a sheet scanned sideways or upside
    down: tesseract's orientation detector is asked, and the page read again
    turned upright. (Only then, as it costs about a second.)
    """
    page = _read(image, dpi)
    if page.blank or is_readable(page.words):
        return page
    turn = _clockwise_turn_to_upright(image)
    if turn == 0:
        return page
    with image.rotate(-turn, expand=True, fillcolor=255) as upright:
        again = _read(upright, dpi)
    again.turned_degrees = turn
    return again if _median_confidence(again.words) > _median_confidence(page.words) else page


def _read(image: Image.Image, dpi: int) -> OcrPage:
    prepared = prepare_image(image, dpi)
    if prepared is None:
        return OcrPage(blank=True)
    cleaned, page = prepared
    try:
        page.words = read_words(cleaned, dpi)
    finally:
        cleaned.close()
    return page


def _clockwise_turn_to_upright(image: Image.Image) -> int:
    """0, 90, 180 or 270 from tesseract's orientation detection; 0 when it cannot tell."""
    import pytesseract

    try:
        report = pytesseract.image_to_osd(_uncompressed(image), config="--psm 0")
    except pytesseract.TesseractError:
        return 0  # too little text to tell the orientation
    match = re.search(r"Rotate:\s*(\d+)", report)
    return int(match.group(1)) % 360 if match else 0


def prepare_image(image: Image.Image, dpi: int) -> tuple[Image.Image, OcrPage] | None:
    """The page straightened, despeckled and with its rules wiped, plus the rules' positions.

    None when the page carries no ink at all.
    """
    grey = np.asarray(image.convert("L"))
    ink = grey < _otsu_threshold(grey)
    if ink.mean() < BLANK_PAGE_INK_SHARE:
        return None
    angle = estimate_skew(ink)
    if abs(angle) >= 0.05:
        grey = np.asarray(image.convert("L").rotate(angle, resample=Image.BICUBIC, fillcolor=255))
        ink = grey < _otsu_threshold(grey)
    specks = _specks(ink)
    noisy = specks.sum() > NOISY_PAGE_SPECK_SHARE * ink.sum()
    horizontal = _long_runs(ink, int(HORIZONTAL_RULE_INCHES * dpi), axis=1)
    rules = horizontal | _long_runs(ink, int(VERTICAL_RULE_INCHES * dpi), axis=0)
    cleaned = grey.copy()
    cleaned[_grow(rules) | specks] = 255
    page = OcrPage(
        row_rules=[y * 72 / dpi for y in _rule_positions(horizontal)],
        skew_degrees=angle,
    )
    cleaned_image = Image.fromarray(cleaned)
    if noisy:
        # dust touching the print survives the speck filter and reads as "." or ","
        cleaned_image = cleaned_image.filter(ImageFilter.MedianFilter(3))
    return cleaned_image, page


def read_words(image: Image.Image, dpi: int) -> list[Word]:
    """Tesseract's words with their boxes in points and confidences 0..1."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(_uncompressed(image), config=TESSERACT_CONFIG,
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as exc:
        raise ExtractionError(ENGINE_MISSING) from exc
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"tesseract: {exc.message or exc.status}") from exc
    points_per_pixel = 72 / dpi
    words = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"]
    ):
        text = text.strip()
        if not text or float(conf) < 0:
            continue
        if float(conf) < JUNK_CONFIDENCE * 100 and not any(ch.isalnum() for ch in text):
            continue  # a speck or the stub of a wiped rule read as "©" or "~"
        words.append(Word(
            text=text,
            x0=left * points_per_pixel,
            x1=(left + width) * points_per_pixel,
            top=top * points_per_pixel,
            bottom=(top + height) * points_per_pixel,
            confidence=round(float(conf) / 100, 3),
        ))
    return _without_specks(words)


def _uncompressed(image: Image.Image) -> Image.Image:
    """The image marked to reach tesseract as BMP.

    pytesseract hands tesseract a temporary file in the image's own format, PNG
    when it has none; compressing a noisy 200-dpi page costs ~0.5 s, about half
    of what tesseract itself spends on it. BMP is written in milliseconds, and
    being lossless gives tesseract the same pixels (the same words and boxes).
    """
    image.format = "BMP"
    return image


def is_readable(words: list[Word]) -> bool:
    """False when OCR found nothing, or only shapes guessed at as letters (a photo, a logo)."""
    return _median_confidence(words) >= MIN_MEDIAN_CONFIDENCE


def _median_confidence(words: list[Word]) -> float:
    scores = [w.confidence for w in words if w.confidence is not None]
    return float(np.median(scores)) if scores else 0.0


def _without_specks(words: list[Word]) -> list[Word]:
    """Drop "words" whose box is a dot next to the page's print: dust read as "ee" or ":"."""
    if not words:
        return words
    typical = float(np.median([w.height for w in words]))
    small = SPECK_WORD_SHARE * typical
    return [w for w in words if w.height >= small or (w.x1 - w.x0) >= small]


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
    """The grey level that best splits print from paper, never lighter than PAPER_GREY.

    The cap keeps a blank but grubby page (all paper, no print) from having its
    paper texture split in two and read as ink.
    """
    histogram = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight_dark = np.cumsum(histogram)[:-1]
    weight_light = histogram.sum() - weight_dark
    mean_dark = np.cumsum(histogram * levels)[:-1]
    total_mean = float((histogram * levels).sum())
    valid = (weight_dark > 0) & (weight_light > 0)
    if not valid.any():
        return 0  # a single grey level: nothing is darker than anything else
    between = np.zeros_like(weight_dark)
    share = weight_dark[valid] / histogram.sum()
    between[valid] = (total_mean * share - mean_dark[valid]) ** 2 / (weight_dark[valid] * weight_light[valid])
    return min(int(np.argmax(between)) + 1, PAPER_GREY)


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


def _specks(ink: np.ndarray) -> np.ndarray:
    """Ink pixels in a blob too small to be print: scanner dust that tesseract reads as "." or "'".

    A pixel is a speck when its 5x5 neighbourhood holds at most SPECK_PIXELS
    ink pixels; the smallest print mark (a full stop) is bigger than that.
    """
    padded = np.pad(ink, 2).astype(np.int32)
    integral = padded.cumsum(axis=0).cumsum(axis=1)
    integral = np.pad(integral, ((1, 0), (1, 0)))
    window = (integral[5:, 5:] - integral[:-5, 5:] - integral[5:, :-5] + integral[:-5, :-5])
    return ink & (window <= SPECK_PIXELS)


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
