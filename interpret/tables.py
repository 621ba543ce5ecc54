"""Turning the tables of a reply into incident rows.

`read_tables(doc)` walks the document and its e-mail attachments, joins tables
that continue one another (a PDF table over two pages, a Word table split in
two), finds each table's header, reads listings and cross-tabs alike into
`IncidentRow`s, and keeps only the tables that hold incidents: a cover or Notes
sheet of text has no header; a summary table that restates the counts of a
listing elsewhere in the reply gives way to the listing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.document import Cell, Document, Line, Row, Table
from interpret.dates import period_from_cell
from interpret.records import IncidentRow
from interpret.table_crosstab import read_crosstab
from interpret.table_headers import (
    HEADER_MIN_SCORE, HeaderBlock, build_header, distinct_texts, find_header, has_data_shape, header_from_line,
    header_score,
    same_header,
)
from interpret.table_layout import Layout, TableRead, analyse_with_header, cell_at, cell_count, title_period
from interpret.table_listing import read_listing
from interpret.table_records import records_as_listing

# a short line just above a table may be its caption ("Table 2: breaches in 2012/13")
_CAPTION_MAX_LEN = 120
_CAPTION_LINES = 2
# how far above a header-less table its header may have been left as a line of text
_LOST_HEADER_LINES = 15


@dataclass
class TableReading:
    rows: list[IncidentRow]
    stated_totals: list[int]  # grand totals found in total rows/columns of the incident table(s)
    notes: list[str] = field(default_factory=list)
    # the text of tables that are not incident tables (a Notes or cover sheet, a letter laid out
    # in a table), one Line per row with the row's locator, for the prose and facts readers
    text_lines: list[Line] = field(default_factory=list)


@dataclass(eq=False)
class _ReadTable:
    layout: Layout
    read: TableRead
    source_file: str

    @property
    def is_listing(self) -> bool:
        """One row per incident (no counts), rather than counts of groups."""
        return self.layout.kind == "listing" and "count" not in self.layout.fields

    def count_range(self) -> tuple[int, int]:
        return (sum(r.count_min for r in self.read.rows), sum(r.count_max for r in self.read.rows))


def read_tables(doc: Document) -> TableReading:
    """Incident rows from every table of `doc` and its attachments, with the totals the tables state."""
    reading = TableReading(rows=[], stated_totals=[], notes=[])
    read_tables_found: list[_ReadTable] = []
    for document in doc.walk():
        for layout in _layouts(document, reading.notes, reading.text_lines):
            if layout.kind == "crosstab":
                read = read_crosstab(layout, document.source_file)
            else:
                read = read_listing(layout, document.source_file)
            reading.notes.extend(layout.notes + read.notes)
            if read.rows:
                read_tables_found.append(_ReadTable(layout, read, document.source_file))
            else:
                reading.notes.append(f"{_where(document, layout.table)}: a table with a header but no incident rows")
    kept, restating = _drop_restatements(read_tables_found, reading.notes)
    for table in kept:
        reading.rows.extend(table.read.rows)
        if table.read.grand_total is not None:
            reading.stated_totals.append(table.read.grand_total)
    listed = sum(r.count_min for t in kept if t.is_listing for r in t.read.rows)
    for table in restating:
        # a summary's total of the listed incidents is still a total the reply states
        if table.read.grand_total is not None and table.read.grand_total == listed \
                and listed not in reading.stated_totals:
            reading.stated_totals.append(listed)
    return reading


def _where(document: Document, table: Table) -> str:
    return f"{document.source_file} {table.locator}"


def _lines_before(document: Document) -> dict[int, list[Line]]:
    """For each table (by id), the non-empty lines between it and the element before the last table."""
    before: dict[int, list[Line]] = {}
    recent: list[Line] = []
    for element in document.elements:
        if isinstance(element, Line):
            if element.text.strip():
                recent.append(element)
        else:
            before[id(element)] = recent[-_LOST_HEADER_LINES:]
            recent = []
    return before


def _captions(lines: list[Line]) -> list[str]:
    """The short lines just above a table, which may name its period."""
    return [line.text.strip() for line in lines[-_CAPTION_LINES:] if len(line.text.strip()) <= _CAPTION_MAX_LEN]


def _recover_header(table: Table, lines: list[Line], notes: list[str], where: str) -> Table | None:
    """A table that arrived without its header row, with the header found among the lines above it
    (an OCR'd page whose table was detected only from its later rows)."""
    width = max((len(r.cells) for r in table.rows), default=0)
    for back, line in enumerate(reversed(lines)):
        headers = header_from_line(line.text, width)
        if headers is None:
            continue
        if back:
            notes.append(f"{where}: {back} line(s) between the header ({line.locator}) and the table were "
                         "not read as table rows")
        header = Row([Cell(text, text) for text in headers], line.locator)
        return Table([header] + table.rows, table.locator, table.title)
    return None


def _table_above(rows: list[Row], header: HeaderBlock) -> bool:
    """Rows above `header` that are a table of their own: a header row with data rows under it,
    set apart from `header` by a blank row."""
    if header.first < 3 or not rows[header.first - 1].is_blank():
        return False
    above = find_header(rows[:header.first])
    if above is None or above.score < HEADER_MIN_SCORE:
        return False
    return any(has_data_shape(r) for r in rows[above.last + 1:header.first])


def split_blocks(table: Table) -> list[Table]:
    """Tables stacked in one sheet (a summary, a blank row, then a listing with its own header) apart."""
    header = find_header(table.rows)
    if header is None:
        return [table]
    rows = table.rows
    starts = [0]
    if _table_above(rows, header):
        # a summary (own header, counts, a blank row) above the richer header that was found
        starts.append(header.first)
    current = header
    index = header.last + 1
    while index < len(rows):
        row = rows[index]
        if rows[index - 1].is_blank() and not row.is_blank() and not row.hidden \
                and header_score(row) >= HEADER_MIN_SCORE and not same_header(row, current):
            starts.append(index)
            current = build_header(rows, index)
            index = current.last + 1
            continue
        index += 1
    if len(starts) == 1:
        return [table]
    bounds = starts + [len(rows)]
    return [Table(rows[a:b], table.locator, table.title) for a, b in zip(bounds, bounds[1:])]


def _table_text(table: Table) -> list[Line]:
    lines = []
    for row in table.rows:
        texts = distinct_texts(row)
        if texts and not row.hidden:
            lines.append(Line(" ".join(t for _, t in texts), row.locator))
    return lines


def _layouts(document: Document, notes: list[str], text_lines: list[Line]) -> list[Layout]:
    """The layout of each table, continuation tables joined to the table they continue."""
    before = _lines_before(document)
    layouts: list[Layout] = []
    previous: Layout | None = None
    tables = []
    for table in document.tables:
        lines = before.get(id(table), [])
        records = records_as_listing(table)
        if records is not None:
            notes.append(f"{_where(document, table)}: field names down the first column; read one incident "
                         "per record")
            table = records
        blocks = split_blocks(table)
        for block in blocks:
            before[id(block)] = lines
        tables.extend(blocks)
    captions = {key: _captions(lines) for key, lines in before.items()}
    for table in tables:
        header = find_header(table.rows)
        if header is None and not (previous is not None and _continues(previous, table, None)):
            recovered = _recover_header(table, before.get(id(table), []), notes, _where(document, table))
            if recovered is not None:
                before[id(recovered)] = before.get(id(table), [])
                captions[id(recovered)] = captions.get(id(table), [])
                table, header = recovered, find_header(recovered.rows)
        own_caption_period = title_period(captions.get(id(table)) or [])
        if previous is not None and _continues(previous, table, header) and (
                header is None or own_caption_period is None):
            joined = Table(rows=previous.table.rows + table.rows, locator=previous.table.locator,
                           title=previous.table.title)
            layout = analyse_with_header(joined, previous.header, captions.get(id(previous.table)))
            layouts[-1] = layout
            previous = layout
            notes.append(f"{_where(document, table)}: read as the continuation of {previous.table.locator}")
            continue
        if header is None:
            if any(not r.is_blank() for r in table.rows):
                notes.append(f"{_where(document, table)}: no header row found; not read as incidents")
                text_lines.extend(_table_text(table))
            previous = None
            continue
        layout = analyse_with_header(table, header, captions.get(id(table)))
        layouts.append(layout)
        previous = layout
    return layouts


def _continues(previous: Layout, table: Table, header: HeaderBlock | None) -> bool:
    """`table` carries on `previous`: same header repeated, or no header and the same columns."""
    if (previous.table.title or None) != (table.title or None):
        return False  # separate sheets (one per year) stay separate tables
    width = len(previous.header.columns)
    if header is not None:
        return same_header(table.rows[header.last], previous.header) or (
            [c.header for c in header.columns] == previous.header.texts())
    rows = [r for r in table.rows if not r.is_blank()]
    if not rows or max(len(r.cells) for r in rows) != width or width < 2:
        return False
    date_column = previous.fields.get("date")
    if date_column is not None:
        # the date column must still hold dates (or months) for the rows to be the same listing
        filled = [cell_at(r, date_column.index) for r in rows if cell_at(r, date_column.index).text.strip()]
        return bool(filled) and sum(1 for c in filled if period_from_cell(c, True)) >= 0.6 * len(filled)
    if previous.kind == "crosstab":
        value = previous.value_columns[0].index
        filled = [cell_at(r, value) for r in rows if cell_at(r, value).text.strip()]
        return bool(filled) and all(cell_count(c) is not None for c in filled)
    return width >= 3


def _drop_restatements(tables: list[_ReadTable], notes: list[str]) -> tuple[list[_ReadTable], list[_ReadTable]]:
    """(kept, left out): count tables that restate the incidents a listing gives one by one are
    left out, and so is a listing repeated word for word (a table in an e-mail body and in its
    attachment).

    Two count tables (by type, by outcome) are both kept: the gold convention for
    answers that overlap is that each stated count is a row as given.
    """
    listings: list[_ReadTable] = []
    seen: dict[tuple, _ReadTable] = {}
    for table in tables:
        if not table.is_listing:
            continue
        key = tuple((r.description, r.date, r.period_start, r.period_end, r.outcome_text, r.count_min, r.count_max)
                    for r in table.read.rows)
        if key in seen:
            notes.append(f"{table.source_file} {table.layout.table.locator}: repeats the listing in "
                         f"{seen[key].source_file} {seen[key].layout.table.locator}; read once")
            continue
        seen[key] = table
        listings.append(table)
    listed = sum(r.count_min for t in listings for r in t.read.rows)
    kept, restating = [], []
    for table in tables:
        if table.is_listing:
            if any(table is listing for listing in listings):
                kept.append(table)
            continue
        low, high = table.count_range()
        if listings and (low <= listed <= high or table.read.grand_total == listed):
            notes.append(f"{table.source_file} {table.layout.table.locator}: counts restate the listing "
                         f"({listed} incidents); the listing is kept")
            restating.append(table)
            continue
        kept.append(table)
    return kept, restating


__all__ = ["TableReading", "read_tables"]
