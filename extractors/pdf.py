"""PDF replies: letters with ruled or whitespace-aligned tables, and scans.

Each page is read in reading order (top to bottom): its tables as `Table`s and
the rest of its text as `Line`s, text inside a table never repeated as a line.
Ruled tables come from pdfplumber's ruling-line finder; a page without one is
searched for columns of aligned words (extractors.layout). A page with no usable
text layer is rendered and OCR'd (extractors.ocr), and its word boxes go through
the same layout rules, so a scanned table reads like a typed one.

Pages are closed as soon as they are read and scans are rendered one page at a
time, so memory stays flat on long documents.
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extractors import ocr
from extractors.document import Cell, Document, Element, Line, Row, Table
from extractors.errors import CorruptFile, EncryptedFile, LimitExceeded
from extractors.layout import LaidOutRow, LaidOutTable, TextLine, Word, group_lines, lay_out_words
from extractors.registry import FileKind, Source

# a page with fewer readable characters than this has no usable text layer (a scan
# with a scanner's stamp, or a font without a Unicode map that reads as "(cid:12)")
MIN_TEXT_CHARS = 25
# a page with little text and no image is read as it is: an OCR pass could find nothing more
MIN_OUTLINE_CURVES = 20
# pdfplumber's ruling-line table finder; its cell text is re-joined by us
RULED_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# a horizontal rule at least this long (points) may separate the rows of an unruled table
MIN_ROW_RULE_POINTS = 72
META_KEYS = ("Title", "Author", "Subject", "Creator", "Producer")
_PDF_ERRORS = (PdfminerException, MalformedPDFException)
# pdfplumber builds each page from its dictionary unguarded: a mangled /MediaBox or
# /Rotate (None, a keyword where a number belongs) surfaces as one of these
_PAGE_TREE_ERRORS = (TypeError, ValueError, KeyError, AttributeError)


@dataclass
class _PageResult:
    elements: list[Element]
    from_text_layer: bool
    scanned: bool = False  # OCR was tried (whether or not it read anything)


@dataclass
class _Tally:
    text_pages: int = 0
    scanned_pages: int = 0
    broken_pages: int = 0


def extract(source: Source) -> Document:
    """Read a PDF's tables and text, page by page; OCR the pages that are scans."""
    started = time.monotonic()
    pdf = _open(source.data)
    with pdf:
        page_count = _page_count(pdf, source)
        doc = Document(
            source_file=source.source_file,
            kind=FileKind.PDF.value,
            pages=page_count,
            meta=_metadata(pdf),
            locator_prefix=source.locator_prefix,
        )
        tally = _read_pages(pdf, source, doc, started)
    if tally.broken_pages == page_count:
        raise CorruptFile("the PDF is damaged or truncated (no readable pages)")
    if tally.text_pages == 0 and tally.scanned_pages > 0:
        doc.kind = FileKind.PDF_SCANNED.value
    return doc


def _read_pages(pdf: pdfplumber.PDF, source: Source, doc: Document, started: float) -> _Tally:
    """Each page into `doc`, one at a time, closing it straight after; problems recorded, not raised."""
    tally = _Tally()
    with _ScanReader(source) as scans:
        for number, page in enumerate(pdf.pages, start=1):
            if time.monotonic() - started > source.limits.per_file_seconds:
                doc.problems.append(
                    f"pages {number}-{doc.pages}: not read, the file took longer than the "
                    f"{source.limits.per_file_seconds:g} s allowed (limit per_file_seconds)"
                )
                break
            try:
                result = _read_page(page, number, scans, doc.problems)
            except _PDF_ERRORS as exc:
                doc.problems.append(f"page {number}: could not be read ({_describe(exc)})")
                tally.broken_pages += 1
                continue
            finally:
                page.close()
            tally.text_pages += result.from_text_layer
            tally.scanned_pages += result.scanned
            doc.elements.extend(result.elements)
    return tally


def _open(data: bytes) -> pdfplumber.PDF:
    # nothing to close on failure: the stream is an in-memory copy, and pdfplumber's
    # close() would walk the broken page tree again
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except _PDF_ERRORS as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedFile("the PDF is password-protected and no password was supplied") from exc
        raise CorruptFile(f"the PDF is damaged or truncated ({_describe(exc)})") from exc
    try:
        pdf.pages  # parses the page tree: a truncated file fails here, not half-way through
    except (*_PDF_ERRORS, *_PAGE_TREE_ERRORS) as exc:
        raise CorruptFile(f"the PDF is damaged or truncated ({_describe(exc)})") from exc
    return pdf


def _describe(exc: Exception) -> str:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    detail = str(cause).strip()
    return f"{type(cause).__name__}: {detail}" if detail else type(cause).__name__


def _page_count(pdf: pdfplumber.PDF, source: Source) -> int:
    count = len(pdf.pages)
    if count == 0:
        raise CorruptFile("the PDF is damaged or truncated (no readable pages)")
    if count > source.limits.max_pages:
        raise LimitExceeded("max_pages", f"the PDF has {count} pages, more than the {source.limits.max_pages} allowed")
    return count


def _metadata(pdf: pdfplumber.PDF) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key in META_KEYS:
        value = resolve1(pdf.metadata.get(key))
        if isinstance(value, bytes):
            continue  # undecodable: pdfplumber returns raw bytes only when no text encoding fits
        if value is not None and str(value).strip():
            meta[key.lower()] = " ".join(str(value).split())
    return meta


def _read_page(page, number: int, scans: "_ScanReader", problems: list[str]) -> _PageResult:
    has_text = _has_text_layer(page)
    if has_text or not _has_drawn_content(page):
        return _PageResult(_read_text_page(page, number), from_text_layer=has_text)
    words, rules = scans.read(page, number, problems)
    if words is None:
        return _PageResult([], from_text_layer=False, scanned=True)
    layout = lay_out_words(words, rules)
    return _PageResult(_page_elements(number, layout.tables, layout.lines), from_text_layer=False, scanned=True)


def _has_text_layer(page) -> bool:
    readable = sum(
        1 for c in page.chars
        if c.get("upright", True) and c["text"].strip() and not c["text"].startswith("(cid:")
    )
    return readable >= MIN_TEXT_CHARS


def _has_drawn_content(page) -> bool:
    """An image, or enough vector paths to be text drawn as outlines: something OCR could read."""
    return bool(page.images) or len(page.curves) > MIN_OUTLINE_CURVES


def _read_text_page(page, number: int) -> list[Element]:
    ruled = _ruled_tables(page)
    words = [
        Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words(extra_attrs=["upright"])
        if w["upright"] and not any(_inside(w, t.top, t.bottom, t.x0, t.x1) for t in ruled)
    ]
    if ruled:
        return _page_elements(number, ruled, group_lines(words))
    layout = lay_out_words(words, _horizontal_rules(page))
    return _page_elements(number, layout.tables, layout.lines)


def _ruled_tables(page) -> list[LaidOutTable]:
    """Tables drawn with ruling lines, each cell's wrapped lines joined with a space."""
    tables = []
    for found in page.find_tables(table_settings=RULED_TABLE_SETTINGS):
        rows = [[" ".join((cell or "").split()) for cell in row] for row in found.extract()]
        rows = [row for row in rows if any(row)]
        # a single boxed paragraph or a one-column frame is text in a box, not a table
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        x0, top, x1, bottom = found.bbox
        tables.append(LaidOutTable([LaidOutRow(r, None) for r in rows], top, bottom, x0, x1))
    return tables


def _inside(word: dict, top: float, bottom: float, x0: float, x1: float) -> bool:
    middle_x = (word["x0"] + word["x1"]) / 2
    middle_y = (word["top"] + word["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _horizontal_rules(page) -> list[float]:
    return [
        float(edge["top"])
        for edge in page.horizontal_edges
        if float(edge["x1"]) - float(edge["x0"]) >= MIN_ROW_RULE_POINTS
    ]


def _page_elements(number: int, tables: list[LaidOutTable], lines: list[TextLine]) -> list[Element]:
    """Tables and lines in reading order (top to bottom), with their locators."""
    placed: list[tuple[float, float, object]] = [(t.top, t.x0, t) for t in tables]
    placed += [(ln.top, ln.x0, ln) for ln in lines]
    placed.sort(key=lambda item: (round(item[0], 1), item[1]))
    elements: list[Element] = []
    table_number = line_number = 0
    for _, _, item in placed:
        if isinstance(item, LaidOutTable):
            table_number += 1
            locator = f"page={number};table={table_number}"
            rows = [
                Row([Cell(text) for text in row.cells], f"{locator};row={r}", ocr_confidence=row.confidence)
                for r, row in enumerate(item.rows, start=1)
            ]
            elements.append(Table(rows, locator))
        else:
            line_number += 1
            elements.append(Line(item.text, f"page={number};line={line_number}", ocr_confidence=item.confidence))
    return elements


class _ScanReader:
    """Renders and OCRs scanned pages, opening the PDF in pdfium only if one turns up."""

    def __init__(self, source: Source):
        self._source = source
        self._pdf: pdfium.PdfDocument | None = None

    def __enter__(self) -> "_ScanReader":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def read(self, page, number: int, problems: list[str]) -> tuple[list[Word] | None, list[float]]:
        """The page's words and rules, or (None, []) with a problem recorded when unreadable."""
        limits = self._source.limits
        if float(page.width) * float(page.height) > limits.max_page_area_pt2:
            problems.append(
                f"page {number}: not OCR'd, the page is too large to render "
                f"({float(page.width):.0f} x {float(page.height):.0f} pt; limit max_page_area_pt2)"
            )
            return None, []
        ocr.require_tesseract()
        try:
            pdf_page = self._document()[number - 1]
            try:
                dpi = _render_dpi(pdf_page, limits.ocr_dpi)
                image = ocr.render_page(pdf_page, dpi)
            finally:
                pdf_page.close()
        except pdfium.PdfiumError as exc:
            problems.append(f"page {number}: OCR could not read any text (the page could not be rendered: {exc})")
            return None, []
        try:
            result = ocr.ocr_image(image, dpi)
        except ocr.OcrFailed as exc:
            problems.append(f"page {number}: OCR could not read any text ({exc})")
            return None, []
        finally:
            image.close()
        if result.blank:
            return [], []
        if not ocr.is_readable(result.words):
            problems.append(f"page {number}: OCR could not read any text")
            return None, []
        return result.words, result.row_rules

    def _document(self) -> pdfium.PdfDocument:
        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self._source.data)
        return self._pdf

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


# OCR gains nothing from rendering a scan finer than it was scanned, and tesseract
# reads small print poorly below about this resolution
MIN_OCR_DPI = 200


def _render_dpi(pdf_page, max_dpi: int) -> int:
    """The scan's own resolution, within [MIN_OCR_DPI, max_dpi]."""
    native = _scan_resolution(pdf_page)
    if native is None:
        return max_dpi
    return int(min(max_dpi, max(native, min(MIN_OCR_DPI, max_dpi))))


def _scan_resolution(pdf_page) -> float | None:
    """Pixels per inch of the largest image on the page, if one covers most of it."""
    width, height = pdf_page.get_size()
    best = None
    for obj in pdf_page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) < 0.5 * width * height:
            continue
        # long side over long side: an image placed turned by 90 degrees still measures right
        dpi = max(obj.get_px_size()) / (max(right - left, top - bottom) / 72)
        best = dpi if best is None else max(best, dpi)
    return best


__all__ = ["extract"]
