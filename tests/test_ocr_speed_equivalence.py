"""The quick (vectorised) image clean-up in extractors.ocr gives the same answers as the plain way.

Each helper is checked against a slow, obviously right version on small random
images; the skew estimate against pages turned by a known angle.
"""
import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter

from extractors import ocr
from tests import fixtures_pdf

SHAPES = [(1, 1), (1, 9), (9, 1), (3, 40), (40, 3), (37, 53)]


def _masks():
    rng = np.random.default_rng(4)
    for shape in SHAPES:
        for density in (0.0, 0.1, 0.6, 0.95, 1.0):
            yield rng.random(shape) < density


def _slow_long_runs(mask, length, axis):
    lines = mask if axis == 1 else mask.T
    bridged = lines.copy()
    bridged[1:] |= lines[:-1]
    covered = np.zeros_like(bridged)
    if length >= 2:
        for r, line in enumerate(bridged):
            start = None
            for c, value in enumerate(list(line) + [False]):
                if value and start is None:
                    start = c
                elif not value and start is not None:
                    if c - start >= length:
                        covered[r, start:c] = True
                    start = None
    return covered if axis == 1 else covered.T


def _slow_specks(ink):
    padded = np.pad(ink, 2)
    counts = np.array([[padded[r:r + 5, c:c + 5].sum() for c in range(ink.shape[1])] for r in range(ink.shape[0])])
    return ink & (counts <= ocr.SPECK_PIXELS)


@pytest.mark.parametrize("length", [1, 2, 3, 7, 30])
def test_long_runs_match_a_plain_scan_of_each_line(length):
    for mask in _masks():
        for axis in (0, 1):
            assert np.array_equal(ocr._long_runs(mask, length, axis), _slow_long_runs(mask, length, axis))


def test_specks_match_a_plain_count_of_each_window():
    for mask in _masks():
        assert np.array_equal(ocr._specks(mask), _slow_specks(mask))


def test_median_matches_pils_median_filter():
    rng = np.random.default_rng(5)
    for shape in SHAPES:
        grey = rng.integers(0, 256, shape, dtype=np.uint8)
        expected = np.asarray(Image.fromarray(grey).filter(ImageFilter.MedianFilter(3)))
        assert np.array_equal(ocr._median3(grey), expected)


def test_otsu_threshold_splits_print_from_paper():
    grey = np.full((20, 20), 230, dtype=np.uint8)
    grey[5:8, 2:18] = 40
    assert 40 < ocr._otsu_threshold(Image.fromarray(grey).histogram()) <= 230


@pytest.fixture(scope="module")
def letter_page() -> Image.Image:
    scan = fixtures_pdf.as_scan(fixtures_pdf.unruled_table_pdf(), dpi=200, angle=0, noise=0)
    document = pdfium.PdfDocument(scan)
    try:
        return ocr.render_page(document[0], 200)
    finally:
        document.close()


@pytest.mark.parametrize("angle", [-3.2, -0.8, 0.0, 0.3, 1.7, 4.4])
def test_skew_estimate_undoes_a_known_turn(letter_page, angle):
    turned = letter_page.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    ink = np.asarray(turned) < 128
    assert ocr.estimate_skew(ink) == pytest.approx(-angle, abs=0.11)


def test_skew_of_an_empty_page_is_zero():
    assert ocr.estimate_skew(np.zeros((50, 80), dtype=bool)) == 0.0
