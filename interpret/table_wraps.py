"""Rows of a listing that are only the wrapped second lines of the row above.

A PDF table read from its text (no ruling lines) gives one row per printed
line, so a description, a role or even a date ("24th" / "November" / "2011")
that wraps inside its cell comes out as extra rows. They are joined back into
the row they continue when the table itself shows it:

* the listing has a reference column ("Incident no.") that every record fills
  and the extra row leaves empty;
* or the row above ends in an unfinished date ("24th November") that the extra
  row's date cell completes;
* or the extra row leaves the date empty and every text it holds starts in lower
  case ("parent", "procedures"): a record of its own starts with a capital.
"""
from __future__ import annotations

import re

from extractors.document import Cell, Row
from interpret.dates import MONTHS, period_from_cell
from interpret.table_headers import Column, cell_is_number

# body-row kinds that may start or continue a record
_RECORD_KINDS = ("data", "single")


def _text(row: Row, column: Column | None) -> str:
    if column is None or column.index >= len(row.cells):
        return ""
    return row.cells[column.index].text.strip()


def _complete(cell: Cell) -> bool:
    """A date cell that says all it is going to: a day, a month, a year or a range."""
    return bool(cell.text.strip()) and period_from_cell(cell, date_column=True) is not None


def _starts_record(cell: Cell) -> bool:
    """A date cell that names a day or a month on its own (a year alone may be a wrapped date's end)."""
    period = period_from_cell(cell, date_column=True) if cell.text.strip() else None
    return period is not None and period.kind in ("day", "month")


_DATE_WORDS = re.compile(
    r"(?:\s|,|/|-|\.|of|\d{1,2}(?:st|nd|rd|th)?|\d{4}|" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")+",
    re.I)


def _continues(record: Row, row: Row, date: Column | None, reference: Column | None) -> bool:
    if any(cell_is_number(c) for c in row.cells):
        return False  # a wrapped line carries words, never a count of its own
    texts = [c.text.strip() for c in row.cells if c.text.strip()]
    lower_case = bool(texts) and all(t[0].islower() or t[0] in "(&-" for t in texts)
    date_cell = row.cells[date.index] if date is not None and date.index < len(row.cells) else Cell("")
    record_date = record.cells[date.index] if date is not None and date.index < len(record.cells) else Cell("")
    if date_cell.text.strip():
        # only the rest of an unfinished date ("24th" / "November" / "2011") continues a record
        return (not _starts_record(date_cell) and bool(record_date.text.strip()) and not _complete(record_date)
                and bool(_DATE_WORDS.fullmatch(date_cell.text.strip())))
    if reference is not None and _text(record, reference) and not _text(row, reference):
        # without a date column to say otherwise, a record missing its reference is still a record
        # unless it looks like a wrapped line
        return date is not None or lower_case or len(texts) < sum(1 for c in record.cells if c.text.strip()) / 2
    return date is not None and lower_case


def _join(record: Row, row: Row) -> Row:
    width = max(len(record.cells), len(row.cells))
    cells = []
    for index in range(width):
        upper = record.cells[index] if index < len(record.cells) else Cell("")
        lower = row.cells[index] if index < len(row.cells) else Cell("")
        if not lower.text.strip():
            cells.append(upper)
        elif not upper.text.strip():
            cells.append(Cell(lower.text.strip(), lower.value))
        else:
            joined = f"{upper.text.strip()} {lower.text.strip()}"
            cells.append(Cell(joined, joined))
    confidences = [c for c in (record.ocr_confidence, row.ocr_confidence) if c is not None]
    return Row(cells, record.locator, record.hidden, min(confidences) if confidences else None)


def merge_wrapped_rows(body, columns: list[Column]) -> int:
    """Join wrapped lines into the records they continue, in place; returns how many were joined.

    `body` is the layout's list of BodyRow; joined lines become kind "wrapped".
    """
    date = next((c for c in columns if c.role == "date"), None)
    reference = next((c for c in columns if c.role == "reference"), None)
    if date is None and reference is None:
        return 0
    joined = 0
    record = None
    for body_row in body:
        if body_row.kind not in _RECORD_KINDS:
            record = None
            continue
        if record is not None and _continues(record.row, body_row.row, date, reference):
            record.row = _join(record.row, body_row.row)
            record.kind = "data"
            body_row.kind = "wrapped"
            joined += 1
            continue
        record = body_row
    return joined


__all__ = ["merge_wrapped_rows"]
