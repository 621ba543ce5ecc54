"""Excel 2007+ workbooks (.xlsx, .xlsm): one Table per worksheet.

openpyxl is used in its normal (not read-only) mode because only that mode
knows merged ranges and hidden rows and columns; so the package's size and
the number of cells it stores are checked first, without building anything.
Formulas are read as the values Excel last calculated (`data_only=True`);
macros are neither kept nor run (`keep_vba=False`). With defusedxml installed
openpyxl parses XML without entities, and `zipsafe.check_no_dtd` refuses a
DTD before openpyxl sees a byte.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import struct
import warnings
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import openpyxl
from lxml.etree import XMLSyntaxError
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.exceptions import InvalidFileException

from extractors import zipsafe
from extractors.document import Cell, Document
from extractors.errors import CorruptFile, EncryptedFile, LimitExceeded
from extractors.registry import OLE_MAGIC, FileKind, Source
from extractors.sheet_cells import (CellBudget, SheetGrid, bool_cell, build_table, datetime_cell,
                                    number_cell, text_cell, time_cell)

# a <c> (cell) or <row> element, whatever namespace prefix the writer chose
_STORED_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:c|row)[\s>/]")
_WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.I)
_CHUNK = 1 << 20

# what openpyxl raises on a package that is a ZIP but not a sound workbook
_BROKEN_WORKBOOK = (KeyError, ValueError, TypeError, IndexError, OSError, EOFError, NotImplementedError,
                    zipfile.BadZipFile, zlib.error, InvalidFileException, ParseError, XMLSyntaxError)


def extract(source: Source) -> Document:
    """Read every worksheet of an xlsx/xlsm file into a Table."""
    data = source.data
    if data.startswith(OLE_MAGIC):
        _refuse_ole_container(data)
    zipsafe.check_zip(data, source.limits)
    zipsafe.check_no_dtd(data)
    _check_stored_cells(data, source.limits.max_sheet_cells)
    workbook = _load(data)
    doc = Document(source_file=source.source_file, kind=FileKind.XLSX.value,
                   locator_prefix=source.locator_prefix)
    budget = CellBudget(source.limits.max_sheet_cells)
    hidden_sheets = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            hidden_sheets.append(sheet.title)
        doc.elements.append(build_table(_read_grid(sheet), budget))
    if hidden_sheets:
        doc.meta["hidden_sheets"] = ", ".join(hidden_sheets)
    return doc


def _refuse_ole_container(data: bytes) -> None:
    """An xlsx inside an OLE file is a password-protected package (EncryptedPackage stream)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            encrypted = ole.exists("EncryptedPackage")
    except (OSError, struct.error, IndexError, ValueError) as exc:  # olefile's errors on damaged files
        raise CorruptFile(f"the file is damaged: its OLE container cannot be read ({exc})") from exc
    if encrypted:
        raise EncryptedFile("the workbook is password-protected (encrypted Office package); "
                            "it cannot be read without the password")
    raise CorruptFile("the file is an OLE container without a workbook in it, not an xlsx file")


def _check_stored_cells(data: bytes, limit: int) -> None:
    """Count the cells the worksheets store before openpyxl builds an object for each."""
    stored = 0
    with zipsafe.open_zip(data) as zf:
        for member in zf.infolist():
            if not _WORKSHEET_PART.match(member.filename):
                continue
            with zf.open(member) as stream:
                tail = b""
                while chunk := stream.read(_CHUNK):
                    window = tail + chunk
                    # count only matches that end inside this chunk, so none is counted twice
                    stored += sum(1 for m in _STORED_CELL.finditer(window) if m.end() > len(tail))
                    tail = window[-64:]
            if stored > limit:
                raise LimitExceeded("max_sheet_cells",
                                    f"the worksheets store more than {limit:,} cells and rows "
                                    f"(counted {stored:,} by {member.filename!r})")


def _load(data: bytes) -> openpyxl.Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, slicers); they hold no data
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True,
                                          keep_vba=False, keep_links=False, rich_text=False)
    except _BROKEN_WORKBOOK as exc:
        raise CorruptFile(f"the file is damaged: it is a ZIP package but not a readable "
                          f"workbook ({type(exc).__name__}: {exc})") from exc


def _read_grid(sheet) -> SheetGrid:
    grid = SheetGrid(name=sheet.title)
    # `_cells` holds only the cells the file stores; iter_rows() would create every
    # cell of the bounding box, which a sheet formatted down to row 1,048,576 makes huge
    for (row, col), cell in sheet._cells.items():
        if not isinstance(cell, MergedCell) and cell.value is not None:
            grid.put(row, col, _cell(cell.value, cell.number_format))
    grid.merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    grid.hidden_rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
    for dim in sheet.column_dimensions.values():
        if dim.hidden and dim.min:
            grid.hidden_cols.update(range(dim.min, (dim.max or dim.min) + 1))
    return grid


def _cell(value, number_format: str) -> Cell:
    if isinstance(value, bool):
        return bool_cell(value)
    if isinstance(value, (int, float)):
        return number_cell(value, number_format)
    if isinstance(value, (dt.datetime, dt.date)):
        return datetime_cell(value, number_format)
    if isinstance(value, dt.time):
        return time_cell(value)
    return text_cell(str(value))  # text, error codes (#N/A), durations
