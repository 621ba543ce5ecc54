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
from PIL import Image

from extractors.errors import ExtractionError
from extractors.layout import Word

# tesseract's own OpenMP threads fight over the cores the pipeline already shares out
os.environ["OMP_THREAD_LIMIT"] = "1"

ENGINE_MISSING = "the PDF is a scan and needs OCR, but the OCR engine (tesseract) is not installed"
# one uniform block of text: a table row stays one line; "|" is never print once rules are wiped,
# and without it tesseract reads a serif "1" as "|"
TESSERACT_CONFIG = "--psm 6 -c tessedit_char_blacklist=|"
MAX_SKEW_DEGREES = 5.0
SKEW_PREVIEW_PIXELS = 1000  # skew is first measured on a copy this size, for speed
# a smaller skew is left alone: a text line drifts by a few pixels, which tesseract takes in
# its stride, while resampling softens every letter (turning by 0.1 degree read slightly worse)
MIN_TURN_DEGREES = 0.15
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
    grey_image = image if image.mode == "L" else image.convert("L")
    ink = _ink(grey_image)
    if np.count_nonzero(ink) < BLANK_PAGE_INK_SHARE * ink.size:
        return None
    angle = estimate_skew(ink)
    if abs(angle) >= MIN_TURN_DEGREES:
        grey_image = grey_image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        ink = _ink(grey_image)
    specks = _specks(ink)
    noisy = np.count_nonzero(specks) > NOISY_PAGE_SPECK_SHARE * np.count_nonzero(ink)
    horizontal = _long_runs(ink, int(HORIZONTAL_RULE_INCHES * dpi), axis=1)
    rules = horizontal | _long_runs(ink, int(VERTICAL_RULE_INCHES * dpi), axis=0)
    cleaned = np.array(grey_image)
    np.putmask(cleaned, _grow(rules) | specks, 255)
    if noisy:
        # dust touching the print survives the speck filter and reads as "." or ","
        cleaned = _median3(cleaned)
    page = OcrPage(
        row_rules=[y * 72 / dpi for y in _rule_positions(horizontal)],
        skew_degrees=angle,
    )
    return Image.fromarray(cleaned), page


def _ink(grey_image: Image.Image) -> np.ndarray:
    """The dark pixels of an "L" image. (PIL's histogram is several times quicker than numpy's bincount.)"""
    threshold = _otsu_threshold(grey_image.histogram())
    return np.asarray(grey_image) < threshold


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
    rows of text alternate with empty gaps. Measured coarse then fine within
    ±MAX_SKEW_DEGREES, on the ink pixels of a small copy rather than by
    turning an image at each angle (~20 ms a page instead of ~200).
    """
    factor = max(1, -(-max(ink.shape) // SKEW_PREVIEW_PIXELS))  # ceiling division
    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5)
    best = _straightest(coarse, _ink_points(ink, factor, factor))
    if best is None:
        return 0.0
    # 0.1 degree moves the end of a line by only a pixel or so: the fine search keeps every
    # pixel row (on the copy shrunk both ways, 5 of 121 test pages came out 0.2 degrees off)
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    return round(_straightest(fine, _ink_points(ink, factor, 1)), 2)


def _ink_points(ink: np.ndarray, across: int, down: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ink of a copy shrunk `across` times in width and `down` times in height:
    each inked pixel's row and column (counted in rows, from the middle) and its
    share of ink (1..255)."""
    # PIL's box reduction, in C: each copy pixel is the share of ink in its block
    preview = np.asarray(Image.fromarray(ink * np.uint8(255)).reduce((across, down)))
    rows, columns = np.nonzero(preview)
    weights = preview[rows, columns].astype(np.float64)
    rows = rows - preview.shape[0] / 2
    columns = (columns - preview.shape[1] / 2) * (across / down)
    return rows, columns, weights


def _straightest(angles: np.ndarray, points: tuple[np.ndarray, np.ndarray, np.ndarray]) -> float | None:
    """The angle in `angles` that turns `points` into the most uneven row sums (None: no ink)."""
    rows, columns, weights = points
    if weights.size == 0:
        return None
    offset = float(np.hypot(np.abs(rows).max(), np.abs(columns).max())) + 1  # no row lands below 0

    def unevenness(angle: float) -> float:
        # The row each point lands on once the page is turned by `angle` (PIL's rotate: y
        # points down): two multiplications per point instead of resampling a whole image.
        # A point falling between two rows is shared between them, as in bilinear resampling.
        radians = np.deg2rad(angle)
        turned = rows * np.cos(radians) - columns * np.sin(radians) + offset
        row = turned.astype(np.intp)
        share_below = turned - row
        sums = np.bincount(row, weights * (1 - share_below), minlength=row.max() + 2)
        sums[1:] += np.bincount(row, weights * share_below, minlength=row.max() + 1)
        # the total is the same at every angle, so the sum of squares ranks the angles
        # as the variance of the row sums does
        return float(sums @ sums)

    return float(max(angles, key=unevenness))


def _otsu_threshold(histogram) -> int:
    """The grey level that best splits print from paper, never lighter than PAPER_GREY.

    `histogram` counts the pixels at each of the 256 grey levels. The cap keeps
    a blank but grubby page (all paper, no print) from having its paper texture
    split in two and read as ink.
    """
    histogram = np.asarray(histogram, dtype=np.float64)
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
    lines = mask if axis == 1 else mask.T  # each row of `lines` runs along `axis`
    if length < 2 or lines.shape[1] < length:
        return np.zeros_like(mask)
    # Runs are read off the places where ink starts and stops (a few per line), not by
    # sliding a window over every pixel. One flat array, each line followed by a gap so
    # that no run carries on into the next.
    bridged = np.zeros((lines.shape[0], lines.shape[1] + 1), dtype=bool)
    bridged[:, :-1] = lines
    bridged[1:, :-1] |= lines[:-1]
    starts, ends = _runs(bridged.ravel())
    long = ends - starts >= length
    covered = np.zeros(bridged.size, dtype=bool)
    covered[_spans(starts[long], ends[long])] = True
    covered = covered.reshape(bridged.shape)[:, :-1]
    return covered if axis == 1 else covered.T


def _runs(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of each run of True in a 1-D array that ends on False."""
    edges = np.flatnonzero(flat[1:] != flat[:-1]) + 1  # where a run starts or stops
    if flat[0]:
        edges = np.concatenate(([0], edges))
    return edges[0::2], edges[1::2]


def _spans(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every index in [start, end) for each pair: [2, 5) and [8, 10) give 2 3 4 8 9."""
    lengths = ends - starts
    # counting up from each start: each run's indices follow on from the last run's
    jumps = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.arange(lengths.sum()) + jumps


def _specks(ink: np.ndarray) -> np.ndarray:
    """Ink pixels in a blob too small to be print: scanner dust that tesseract reads as "." or "'".

    A pixel is a speck when its 5x5 neighbourhood holds at most SPECK_PIXELS
    ink pixels; the smallest print mark (a full stop) is bigger than that.
    """
    return ink & (_box_sums(ink, 2) <= SPECK_PIXELS)


def _box_sums(mask: np.ndarray, radius: int) -> np.ndarray:
    """For each pixel, how many of `mask` lie in the square of side 2 * radius + 1 around it.

    Summed in uint8 (the counts stay below 256 for a radius up to 7), a row of
    shifted additions then a column of them: a few milliseconds per page.
    """
    side = 2 * radius + 1
    padded = np.pad(mask.view(np.uint8), radius)
    rows = padded[:-side + 1 or None].copy()
    for shift in range(1, side):
        rows += padded[shift:padded.shape[0] - side + 1 + shift]
    sums = rows[:, :-side + 1 or None].copy()
    for shift in range(1, side):
        sums += rows[:, shift:rows.shape[1] - side + 1 + shift]
    return sums


def _median3(grey: np.ndarray) -> np.ndarray:
    """The 3x3 median of each pixel, edges repeated: the same as PIL's MedianFilter(3), ~5x quicker.

    Each column of three is sorted once (low <= middle <= high), and shared by
    the three pixels that use it; the median of the nine is then the median of
    (the largest low, the median middle, the smallest high).
    """
    padded = np.pad(grey, 1, mode="edge")
    above, centre, below = padded[:-2], padded[1:-1], padded[2:]
    low, high = np.minimum(above, centre), np.maximum(above, centre)
    middle, high = np.minimum(high, below), np.maximum(high, below)
    low, middle = np.minimum(low, middle), np.maximum(low, middle)
    largest_low = np.maximum(np.maximum(low[:, :-2], low[:, 1:-1]), low[:, 2:])
    smallest_high = np.minimum(np.minimum(high[:, :-2], high[:, 1:-1]), high[:, 2:])
    median_middle = _median_of_three(middle[:, :-2], middle[:, 1:-1], middle[:, 2:])
    return _median_of_three(largest_low, median_middle, smallest_high)


def _median_of_three(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    return np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))


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
