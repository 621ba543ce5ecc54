"""Legacy Excel 97-2003 workbooks (BIFF .xls): one Table per worksheet.

xlrd is asked for formatting information, which is what tells merged ranges,
hidden rows and columns and currency formats apart; some writers produce
files xlrd cannot read that way, and those are read again without it (data
only). Sheets are loaded one at a time so the cell limit is checked before the
next one is built. An .xls that is really HTML never reaches this module: the
registry detects it by content.
"""
from __future__ import annotations

import io
import struct

import xlrd
from xlrd.compdoc import CompDocError

from extractors.document import Cell, Document
from extractors.errors import CorruptFile, EncryptedFile, LimitExceeded
from extractors.registry import FileKind, Source
from extractors.sheet_cells import (CellBudget, SheetGrid, bool_cell, build_table, datetime_cell,
                                    number_cell, text_cell, time_cell)

# what xlrd raises on a file that is not a sound BIFF workbook
# (xlrd checks structure with assert statements, hence AssertionError)
_BROKEN_BOOK = (xlrd.XLRDError, CompDocError, struct.error, IndexError, KeyError, ValueError,
                AssertionError, UnicodeDecodeError, EOFError, OverflowError)


def extract(source: Source) -> Document:
    """Read every worksheet of a BIFF .xls file into a Table."""
    log = io.StringIO()  # xlrd writes its warnings to a log file, by default stdout
    book = _open(source.data, log)
    doc = Document(source_file=source.source_file, kind=FileKind.XLS.value,
                   locator_prefix=source.locator_prefix)
    budget = CellBudget(source.limits.max_sheet_cells)
    hidden_sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            area = sheet.nrows * sheet.ncols
            if area > source.limits.max_sheet_cells:
                raise LimitExceeded("max_sheet_cells",
                                    f"sheet {sheet.name!r} spans {sheet.nrows:,} rows x "
                                    f"{sheet.ncols:,} columns, more than allowed")
            if sheet.visibility:
                hidden_sheets.append(sheet.name)
            doc.elements.append(build_table(_read_grid(book, sheet, doc.problems), budget))
            book.unload_sheet(index)
    except _BROKEN_BOOK as exc:
        raise CorruptFile(f"the file is damaged: a worksheet cannot be read ({exc})") from exc
    finally:
        book.release_resources()
    # "File is truncated, or OLE2 MSAT is corrupt": what could be read is kept, the file is
    # marked partial; xlrd's other warnings (odd padding, unknown colours) are harmless
    doc.problems.extend(dict.fromkeys(
        f"the workbook is damaged; some of it may be missing ({line.strip(' *WARNING')})"
        for line in log.getvalue().splitlines()
        if line.startswith("WARNING") and ("truncated" in line.lower() or "corrupt" in line.lower())))
    if hidden_sheets:
        doc.meta["hidden_sheets"] = ", ".join(hidden_sheets)
    return doc


def _open(data: bytes, log: io.StringIO) -> xlrd.book.Book:
    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=log)
    except _BROKEN_BOOK as exc:
        _raise_if_encrypted(exc)
        first_error = exc
    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=False, on_demand=True,
                                  logfile=log)
    except _BROKEN_BOOK as exc:
        _raise_if_encrypted(exc)
        raise CorruptFile(f"the file is damaged: it is not a readable Excel 97-2003 workbook "
                          f"({first_error})") from exc


def _raise_if_encrypted(exc: Exception) -> None:
    if "encrypted" in str(exc).lower():
        raise EncryptedFile("the workbook is password-protected; it cannot be read without "
                            "the password") from exc


def _read_grid(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, problems: list[str]) -> SheetGrid:
    grid = SheetGrid(name=sheet.name)
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            where = f"sheet={sheet.name};row={r + 1};col={c + 1}"
            grid.put(r + 1, c + 1, _cell(book, sheet, r, c, cell, where, problems))
    if book.formatting_info:
        # xlrd ranges are 0-based with exclusive ends
        grid.merges = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
        grid.hidden_rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
        grid.hidden_cols = {c + 1 for c, info in sheet.colinfo_map.items() if info.hidden}
    return grid


def _cell(book, sheet, r: int, c: int, cell: xlrd.sheet.Cell, where: str, problems: list[str]) -> Cell:
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return text_cell(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool_cell(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return text_cell(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError) as exc:
            problems.append(f"{where}: date serial {cell.value!r} cannot be read as a date ({exc})")
            return number_cell(cell.value)
        # a serial below 1 is a time of day with no date (Excel's day 0 is not a real date)
        return time_cell(moment.time()) if cell.value < 1 else datetime_cell(moment)
    return number_cell(cell.value, _number_format(book, sheet, r, c))


def _number_format(book, sheet, r: int, c: int) -> str:
    if not book.formatting_info:
        return ""
    xf = book.xf_list[sheet.cell_xf_index(r, c)]
    fmt = book.format_map.get(xf.format_key)
    return fmt.format_str if fmt else ""
