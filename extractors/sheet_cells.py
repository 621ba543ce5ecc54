"""What every spreadsheet reader shares: typed cells as a person sees them, and the grid.

xlsx, xls and ods each find cells, merges and hidden rows their own way; they
all hand a sparse grid to `build_table`, so the rules (merged values copied
across the range, hidden columns blanked in place, trailing empty rows and
columns trimmed, the cell limit) are written once.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.document import Cell, Row, Table
from extractors.errors import LimitExceeded

EMPTY = Cell("", None)
# shown before the number when a cell's number format carries one, so a fine of
# £350 is not read as a count of 350
_CURRENCY_SYMBOLS = ("£", "€", "$")
_QUOTED_OR_ESCAPED = re.compile(r'"[^"]*"|\\.')
_LOCALE_TAG = re.compile(r"\[\$-[0-9A-Fa-f]+\]")  # [$-809] names a locale, not a currency


def number_text(value: float | int) -> str:
    """A number as shown: 12 not 12.0, 0.3 not 0.30000000000000004."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value)


def number_cell(value: float | int, number_format: str = "") -> Cell:
    """A numeric cell: integral floats become int; currency and percent formats show in the text."""
    typed: float | int = value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        typed = int(value)
    text = number_text(typed)
    bare_format = _QUOTED_OR_ESCAPED.sub("", number_format or "")
    if "%" in bare_format:
        text = number_text(round(value * 100, 10)) + "%"
    else:
        without_locale = _LOCALE_TAG.sub("", number_format or "")
        symbol = next((s for s in _CURRENCY_SYMBOLS if s in without_locale), None)
        if symbol:
            text = ("-" if typed < 0 else "") + symbol + number_text(abs(typed))
    return Cell(text, typed)


def shows_month_only(number_format: str) -> bool:
    """True for display formats such as `mmm-yy` or `mmmm yyyy`: a month, not a day."""
    bare = _QUOTED_OR_ESCAPED.sub("", number_format or "").lower()
    bare = _LOCALE_TAG.sub("", bare)
    return "m" in bare and "y" in bare and "d" not in bare and "h" not in bare and "s" not in bare


def datetime_cell(value: dt.datetime | dt.date, number_format: str = "") -> Cell:
    """A date cell: a datetime.date unless the file stores a time of day too.

    A date shown as a month (`Apr-11`) is a month in the author's eyes, so it
    becomes the text "April 2011" (a month period for the interpreter), not a day.
    """
    if shows_month_only(number_format):
        shown = value.strftime("%B %Y")
        return Cell(shown, shown)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            day = value.date()
            return Cell(day.isoformat(), day)
        shown = "%Y-%m-%d %H:%M:%S" if value.second or value.microsecond else "%Y-%m-%d %H:%M"
        return Cell(value.strftime(shown), value)
    return Cell(value.isoformat(), value)


def time_cell(value: dt.time) -> Cell:
    """A time of day without a date: kept as text, which the contract's types allow."""
    text = value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return Cell(text, text)


def text_cell(value: str) -> Cell:
    text = value.strip()
    return Cell(text, text or None)


def bool_cell(value: bool) -> Cell:
    text = "TRUE" if value else "FALSE"
    return Cell(text, text)


@dataclass
class CellBudget:
    """Counts grid cells across all sheets of one file against `max_sheet_cells`."""

    limit: int
    used: int = 0

    def charge(self, cells: int, where: str) -> None:
        self.used += cells
        if self.used > self.limit:
            raise LimitExceeded("max_sheet_cells",
                                f"{where} brings the file to {self.used:,} cells, "
                                f"more than the {self.limit:,} allowed")


@dataclass
class SheetGrid:
    """One sheet as read: sparse cells (1-based row, col), merges and hidden rows/columns."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    # each merged range as (min_row, min_col, max_row, max_col)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    def put(self, row: int, col: int, cell: Cell) -> None:
        if cell.text or cell.value is not None:
            self.cells[(row, col)] = cell


def build_table(grid: SheetGrid, budget: CellBudget) -> Table:
    """The sheet as a Table: every row up to the last non-empty one, all rows the same width.

    A merged range repeats its top-left value in every cell it covers (so a
    merged header spans its columns); a hidden column keeps its position but
    its cells are emptied; a hidden row is kept and flagged.
    """
    visible = {pos: c for pos, c in grid.cells.items() if pos[1] not in grid.hidden_cols}
    n_rows = max((r for r, _ in visible), default=0)
    n_cols = max((c for _, c in visible), default=0)
    budget.charge(n_rows * n_cols, f"sheet {grid.name!r} ({n_rows:,} rows x {n_cols:,} columns)")
    for min_row, min_col, max_row, max_col in grid.merges:
        top_left = visible.get((min_row, min_col))
        if top_left is None:
            continue
        for r in range(min_row, min(max_row, n_rows) + 1):
            for c in range(min_col, min(max_col, n_cols) + 1):
                if c not in grid.hidden_cols:
                    visible[(r, c)] = top_left
    rows = [
        Row(cells=[visible.get((r, c), EMPTY) for c in range(1, n_cols + 1)],
            locator=f"sheet={grid.name};row={r}",
            hidden=r in grid.hidden_rows)
        for r in range(1, n_rows + 1)
    ]
    return Table(rows=rows, locator=f"sheet={grid.name}", title=grid.name)
