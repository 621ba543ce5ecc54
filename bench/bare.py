"""The same files read by the parsing libraries alone: the floor the pipeline is measured against.

Each reader makes the library calls the pipeline's extractor makes for that
format, and nothing of the pipeline's own work (no layout rules, no header
detection, no interpretation, no classification, no validation):

- PDF: pdfplumber open; per page `chars` (the text-layer test), `images` and
  `curves`, ruled-table finding (`find_tables` with line strategies, then
  `extract` of each table), `extract_words(extra_attrs=["upright"])`,
  `horizontal_edges`, `close()`. A page with no text layer is rendered with
  pdfium at the dpi the pipeline uses (the scan's own resolution within
  200..ocr_dpi) and read by tesseract (`image_to_data`, same config, the
  image passed as BMP as the pipeline passes it).
- xlsx: openpyxl `load_workbook` in the same (normal, data-only) mode, every
  stored cell's value and number format, merged ranges, row/column dimensions.
- xls: xlrd with formatting info, every cell, one sheet at a time.
- ods: content.xml streamed with defusedxml's iterparse (the pipeline's reader).
- csv / txt: decode, then `csv.reader` over every record / split the lines.
- html (also HTML saved as .xls): lxml's HTML parser and every text node.
- docx: python-docx, every paragraph's text and every table cell's text.
- doc: antiword (the same command line).
- eml: the email package (policy.default), every part decoded; msg:
  extract-msg, body and attachments; attachments read by these same readers.
"""
from __future__ import annotations

import csv
import email
import io
import os
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from email import policy

from extractors.registry import FileKind, detect_kind
from foi.settings import DEFAULT_LIMITS

# pipeline settings the bare readers must match to make the same calls
RULED_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
TESSERACT_CONFIG = "--psm 6 -c tessedit_char_blacklist=|"
MIN_TEXT_CHARS = 25
MIN_OUTLINE_CURVES = 20
MIN_OCR_DPI = 200


@dataclass
class BareCount:
    """What one bare read went through."""

    pages: int = 0
    ocr_pages: int = 0
    units: int = 0  # cells, words, lines or parts touched: proof the work was done
    ocr_seconds: float = 0.0  # wall time of rendering + tesseract
    error: str | None = None  # the library rejected the file (broken input, or a reader bug to look at)


def warm_up() -> None:
    """Import every library the readers use, so the first file of a kind does not pay for it."""
    import defusedxml.ElementTree  # noqa: F401
    import docx  # noqa: F401
    import extract_msg  # noqa: F401
    import lxml.etree  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    import pytesseract  # noqa: F401
    import xlrd  # noqa: F401


def read_bare(data: bytes, name: str, kind: FileKind | None = None) -> BareCount:
    """Read `data` with the bare library calls for its kind; a file the library rejects counts as read."""
    kind = kind or detect_kind(data, name.rsplit(".", 1)[-1].lower() if "." in name else "")
    reader = _READERS.get(kind)
    count = BareCount()
    if reader is None or not data:
        return count
    try:
        reader(data, count)
    except Exception as exc:  # noqa: BLE001 - a broken file costs what the library spent before failing
        count.error = f"{type(exc).__name__}: {exc}"[:200]
    return count


def _pdf(data: bytes, count: BareCount) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        count.pages += len(pages)
        pdfium_doc = None
        try:
            for number, page in enumerate(pages):
                try:
                    readable = sum(1 for c in page.chars if c.get("upright", True) and c["text"].strip()
                                   and not c["text"].startswith("(cid:"))
                    if readable >= MIN_TEXT_CHARS or not (page.images or len(page.curves) > MIN_OUTLINE_CURVES):
                        tables = page.find_tables(table_settings=RULED_TABLE_SETTINGS)
                        count.units += sum(len(t.extract()) for t in tables)
                        count.units += len(page.extract_words(extra_attrs=["upright"]))
                        count.units += len(page.horizontal_edges)
                    else:
                        if pdfium_doc is None:
                            import pypdfium2 as pdfium

                            pdfium_doc = pdfium.PdfDocument(data)
                        started = time.perf_counter()
                        count.units += _ocr_page(pdfium_doc, number, _scan_dpi(page))
                        count.ocr_pages += 1
                        count.ocr_seconds += time.perf_counter() - started
                finally:
                    page.close()
        finally:
            if pdfium_doc is not None:
                pdfium_doc.close()


def _scan_dpi(page) -> int:
    """The scan's own resolution within [MIN_OCR_DPI, ocr_dpi], as the pipeline renders it."""
    best = None
    area = float(page.width) * float(page.height)
    for image in page.images:
        width, height = float(image["width"]), float(image["height"])
        if width * height < 0.5 * area:
            continue
        dpi = max(image["srcsize"]) / (max(width, height) / 72)
        best = dpi if best is None else max(best, dpi)
    top = DEFAULT_LIMITS.ocr_dpi
    return top if best is None else int(min(top, max(best, min(MIN_OCR_DPI, top))))


def _ocr_page(pdfium_doc, index: int, dpi: int) -> int:
    import pytesseract

    page = pdfium_doc[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
        bitmap.close()
    finally:
        page.close()
    image.format = "BMP"  # as extractors.ocr hands pages to tesseract (no PNG compression)
    try:
        data = pytesseract.image_to_data(image, config=TESSERACT_CONFIG, output_type=pytesseract.Output.DICT)
    finally:
        image.close()
    return sum(1 for t in data["text"] if t.strip())


def _xlsx(data: bytes, count: BareCount) -> None:
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True,
                                      keep_vba=False, keep_links=False, rich_text=False)
    for sheet in book.worksheets:
        for cell in sheet._cells.values():  # the stored cells, as the pipeline reads them
            if cell.value is not None:
                count.units += 1
                _ = cell.number_format
        count.units += len(sheet.merged_cells.ranges)
        count.units += sum(1 for d in sheet.row_dimensions.values() if d.hidden)
        count.units += sum(1 for d in sheet.column_dimensions.values() if d.hidden)


def _xls(data: bytes, count: BareCount) -> None:
    import xlrd

    log = io.StringIO()
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=log)
    except xlrd.XLRDError:
        book = xlrd.open_workbook(file_contents=data, formatting_info=False, on_demand=True, logfile=log)
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            for r in range(sheet.nrows):
                for cell in sheet.row(r):
                    if cell.ctype not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        count.units += 1
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _ods(data: bytes, count: BareCount) -> None:
    import defusedxml.ElementTree as DET

    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as content:
        for _, element in DET.iterparse(content, events=("end",), forbid_dtd=True):
            count.units += 1
            if element.tag.endswith("}table-row"):
                element.clear()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv(data: bytes, count: BareCount) -> None:
    for record in csv.reader(io.StringIO(_decode(data), newline="")):
        count.units += len(record)


def _txt(data: bytes, count: BareCount) -> None:
    count.units += len(_decode(data).splitlines())


def _html_text(html: str | bytes) -> int:
    import lxml.etree

    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    root = lxml.etree.fromstring(html, parser=parser)
    return 0 if root is None else sum(1 for t in root.itertext() if t.strip())


def _html(data: bytes, count: BareCount) -> None:
    count.units += _html_text(data)


def _docx(data: bytes, count: BareCount) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    count.units += sum(1 for p in document.paragraphs if p.text)
    for table in document.tables:
        for row in table.rows:
            count.units += sum(1 for cell in row.cells if cell.text)


def _doc(data: bytes, count: BareCount) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-doc-") as workdir:
        path = os.path.join(workdir, "input.doc")
        with open(path, "wb") as handle:
            handle.write(data)
        out = subprocess.run(["antiword", "-w", "0", "-m", "UTF-8.txt", path], capture_output=True,
                             check=False, env={"HOME": workdir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                                               "PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        count.units += out.stdout.count(b"\n")


def _eml(data: bytes, count: BareCount) -> None:
    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        count.units += 1
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            if part.get_content_maintype() != "image":
                _attachment(payload, filename or "attachment", count)
        elif part.get_content_type() == "text/html":
            count.units += _html_text(payload)


def _msg(data: bytes, count: BareCount) -> None:
    import extract_msg

    with extract_msg.openMsg(data, delayAttachments=False) as message:
        count.units += len(message.body or "")
        if message.htmlBody:
            count.units += _html_text(message.htmlBody)
        for attachment in message.attachments:
            if isinstance(attachment.data, bytes):
                _attachment(attachment.data, attachment.longFilename or "attachment", count)


def _attachment(data: bytes, name: str, count: BareCount) -> None:
    inner = read_bare(data, name)
    count.pages += inner.pages
    count.ocr_pages += inner.ocr_pages
    count.ocr_seconds += inner.ocr_seconds
    count.units += inner.units


_READERS = {
    FileKind.PDF: _pdf, FileKind.PDF_SCANNED: _pdf, FileKind.XLSX: _xlsx, FileKind.XLS: _xls,
    FileKind.ODS: _ods, FileKind.CSV: _csv, FileKind.TXT: _txt, FileKind.HTML: _html,
    FileKind.DOCX: _docx, FileKind.DOC: _doc, FileKind.EML: _eml, FileKind.MSG: _msg,
}
