"""OpenDocument spreadsheets (.ods): one Table per sheet, read from content.xml.

content.xml is streamed with defusedxml (no DTD, no entities, nothing
fetched), one row at a time. ODF compresses runs of identical rows and cells
into one element with a repeat count, and writers routinely end a sheet with
a blank row repeated a million times; blank runs only move the row or column
counter, so nothing is built for them.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zipfile
import zlib

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from extractors import zipsafe
from extractors.document import Cell, Document
from extractors.errors import CorruptFile, EncryptedFile, LimitExceeded
from extractors.registry import FileKind, Source
from extractors.sheet_cells import (EMPTY, CellBudget, SheetGrid, bool_cell, build_table,
                                    datetime_cell, number_cell, text_cell)

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

SHEET = f"{{{_TABLE}}}table"
ROW = f"{{{_TABLE}}}table-row"
COLUMN = f"{{{_TABLE}}}table-column"
CELL = f"{{{_TABLE}}}table-cell"
COVERED_CELL = f"{{{_TABLE}}}covered-table-cell"
_PARAGRAPHS = (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h")
_SPACE, _TAB, _BREAK = f"{{{_TEXT}}}s", f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break"
# columns past this are never content anyone meant (LibreOffice's own maximum)
_MAX_COLUMNS = 16384
_CURRENCY_SIGN_BY_CODE = {"GBP": "£", "EUR": "€", "USD": "$"}


def _attr(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def extract(source: Source) -> Document:
    """Read every sheet of an .ods file into a Table."""
    zipsafe.check_zip(source.data, source.limits)
    zipsafe.check_no_dtd(source.data)  # also unpacks every XML part once: damaged ones fail here
    with zipsafe.open_zip(source.data) as zf:
        _refuse_encrypted(zf)
        if "content.xml" not in zf.namelist():
            raise CorruptFile("the file is damaged: it has no content.xml, so it is not a "
                              "readable OpenDocument spreadsheet")
    doc = Document(source_file=source.source_file, kind=FileKind.ODS.value,
                   locator_prefix=source.locator_prefix)
    with zipsafe.open_zip(source.data) as zf, zf.open("content.xml") as content:
        try:
            grids = _read_sheets(content, source.limits.max_sheet_cells, doc.problems)
        except (ET.ParseError, DefusedXmlException, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise CorruptFile(f"the file is damaged: its content.xml cannot be parsed ({exc})") from exc
    budget = CellBudget(source.limits.max_sheet_cells)
    doc.elements.extend(build_table(grid, budget) for grid in grids)
    return doc


def _refuse_encrypted(zf: zipfile.ZipFile) -> None:
    """ODF encrypts parts itself and says so in the manifest (the ZIP entries look normal)."""
    if "META-INF/manifest.xml" not in zf.namelist():
        return
    with zf.open("META-INF/manifest.xml") as stream:
        manifest = stream.read()  # its size is bounded by check_zip
    if b"encryption-data" in manifest:
        raise EncryptedFile("the spreadsheet is password-protected; it cannot be read "
                            "without the password")


def _read_sheets(content, max_cells: int, problems: list[str]) -> list[SheetGrid]:
    grids: list[SheetGrid] = []
    stack: list[ET.Element] = []
    grid: SheetGrid | None = None
    next_row = next_col = 1
    stored = 0
    for event, element in DET.iterparse(content, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            stack.append(element)
            if element.tag == SHEET and grid is None:
                grid = SheetGrid(name=element.get(_attr(_TABLE, "name"), f"Sheet{len(grids) + 1}"))
                next_row = next_col = 1
            continue
        stack.pop()
        # a table nested inside a cell is part of that cell, not rows of the sheet
        in_sheet = grid is not None and sum(1 for e in stack if e.tag == SHEET) == 1
        if element.tag == COLUMN and in_sheet:
            repeat = _repeat(element, "number-columns-repeated")
            if element.get(_attr(_TABLE, "visibility"), "visible") != "visible":
                grid.hidden_cols.update(range(next_col, min(next_col + repeat, _MAX_COLUMNS + 1)))
            next_col += repeat
        elif element.tag == ROW and in_sheet:
            stored += _read_row(element, grid, next_row, max_cells - stored, problems)
            next_row += _repeat(element, "number-rows-repeated")
            stack[-1].remove(element)  # rows already read are not kept in memory
        elif element.tag == SHEET and grid is not None and not any(e.tag == SHEET for e in stack):
            grids.append(grid)
            grid = None
            element.clear()
    return grids


def _read_row(row: ET.Element, grid: SheetGrid, row_number: int, allowance: int,
              problems: list[str]) -> int:
    """Put the row's non-empty cells (every repeat of them) in `grid`; return how many."""
    cells: list[tuple[int, Cell]] = []
    col = 1
    for element in row:
        if element.tag not in (CELL, COVERED_CELL):
            continue
        repeat = _repeat(element, "number-columns-repeated")
        # a covered cell's own content is hidden under the merge; the merge fill replaces it
        cell = _cell(element, f"sheet={grid.name};row={row_number};col={col}", problems) \
            if element.tag == CELL else EMPTY
        if cell is not EMPTY and (cell.text or cell.value is not None):
            cells.extend((c, cell) for c in range(col, min(col + repeat, _MAX_COLUMNS + 1)))
            if len(cells) > allowance:
                _too_many(grid, allowance)
            rows_spanned = _repeat(element, "number-rows-spanned")
            cols_spanned = _repeat(element, "number-columns-spanned")
            if rows_spanned > 1 or cols_spanned > 1:
                grid.merges.append((row_number, col, row_number + rows_spanned - 1,
                                    col + cols_spanned - 1))
        col += repeat
    if not cells:
        return 0
    rows_repeated = _repeat(row, "number-rows-repeated")
    if len(cells) * rows_repeated > allowance:
        _too_many(grid, allowance)
    hidden = row.get(_attr(_TABLE, "visibility"), "visible") != "visible"
    for r in range(row_number, row_number + rows_repeated):
        for c, cell in cells:
            grid.put(r, c, cell)
        if hidden:
            grid.hidden_rows.add(r)
    return len(cells) * rows_repeated


def _too_many(grid: SheetGrid, allowance: int) -> None:
    raise LimitExceeded("max_sheet_cells",
                        f"sheet {grid.name!r} holds more cells than the {allowance:,} still allowed")


def _repeat(element: ET.Element, name: str) -> int:
    raw = element.get(_attr(_TABLE, name), "1")
    try:
        return max(1, int(raw))
    except ValueError as exc:
        raise CorruptFile(f"the file is damaged: table:{name}={raw!r} is not a number") from exc


def _cell(element: ET.Element, where: str, problems: list[str]) -> Cell:
    shown = "\n".join(_paragraph_text(p) for p in element if p.tag in _PARAGRAPHS).strip()
    value_type = element.get(_attr(_OFFICE, "value-type"))
    if value_type in ("float", "percentage", "currency"):
        raw = element.get(_attr(_OFFICE, "value"), "")
        try:
            number = float(raw)
        except ValueError:
            problems.append(f"{where}: number {raw!r} cannot be read; kept as shown")
            return text_cell(shown)
        if value_type == "percentage":
            return number_cell(number, "0%")
        currency = element.get(_attr(_OFFICE, "currency"), "")
        return number_cell(number, _CURRENCY_SIGN_BY_CODE.get(currency, ""))
    if value_type == "date":
        raw = element.get(_attr(_OFFICE, "date-value"), "")
        try:
            return datetime_cell(dt.datetime.fromisoformat(raw))
        except ValueError:
            problems.append(f"{where}: date {raw!r} cannot be read; kept as shown")
            return text_cell(shown)
    if value_type == "boolean":
        return bool_cell(element.get(_attr(_OFFICE, "boolean-value")) == "true")
    return text_cell(shown)  # strings, and times (PT10H30M) as the sheet shows them


def _paragraph_text(element: ET.Element) -> str:
    """Text of a text:p, with ODF's encoded runs of spaces, tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _SPACE:
            parts.append(" " * _repeat_text_spaces(child))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        else:  # spans, links: their text is the cell's text
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _repeat_text_spaces(element: ET.Element) -> int:
    try:
        return max(1, min(int(element.get(f"{{{_TEXT}}}c", "1")), 1000))
    except ValueError:
        return 1
