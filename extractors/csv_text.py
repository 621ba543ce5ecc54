"""Delimited text (.csv and friends): one Table, one Row per record.

The encoding is nobody's declaration, so the bytes go through `decode_text`
(BOM, UTF-8, then Windows-1252). The delimiter is the one of , ; tab | that
gives the most records the same number of fields, so a title line above the
header, which has one field, does not sway it. Every value stays text: a
date in a CSV is only characters, parsed later, day-first, by the interpreter.
"""
from __future__ import annotations

import csv
import io

from extractors.document import Cell, Document, Row, Table
from extractors.errors import CorruptFile, LimitExceeded
from extractors.registry import FileKind, Source
from extractors.text_decoding import decode_text

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 200


def extract(source: Source) -> Document:
    """Read a delimited text file into one Table whose rows are located by line number."""
    decoded = decode_text(source.data)
    text = decoded.text.lstrip("\ufeff")
    delimiter = sniff_delimiter(text)
    records = _read_records(text, delimiter, source.limits.max_sheet_cells)
    width = max((_content_width(fields) for _, fields in records), default=0)
    while records and _content_width(records[-1][1]) == 0:
        records.pop()
    if len(records) * width > source.limits.max_sheet_cells:
        raise LimitExceeded("max_sheet_cells", f"the table spans {len(records):,} lines x "
                            f"{width:,} fields, more cells than allowed")
    rows = [
        Row(cells=[_cell(fields[i]) if i < len(fields) else Cell("", None) for i in range(width)],
            locator=f"line={line}")
        for line, fields in records
    ]
    doc = Document(source_file=source.source_file, kind=FileKind.CSV.value,
                   locator_prefix=source.locator_prefix,
                   meta={"encoding": decoded.encoding, "delimiter": delimiter})
    doc.elements.append(Table(rows=rows, locator="table=1"))
    return doc


def sniff_delimiter(text: str) -> str:
    """The delimiter giving the most records one same field count (2 fields or more), then the widest."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        sample = sample.rsplit("\n", 1)[0]  # a record cut in half would count as a stray width
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r, _ in zip(csv.reader(io.StringIO(sample, newline=""),
                                                        delimiter=delimiter), range(_SNIFF_RECORDS))
                      if any(field.strip() for field in r)]
        except csv.Error:
            continue
        multi = [w for w in widths if w >= 2]
        if not multi:
            continue
        common = max(set(multi), key=lambda w: (multi.count(w), w))
        # more records agreeing wins; then more fields (a comma inside "1,5" or a title
        # gives fewer); full ties keep the earlier, more common delimiter
        score = (multi.count(common), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_records(text: str, delimiter: str, max_cells: int) -> list[tuple[int, list[str]]]:
    """(line where the record starts, fields) for every record, blank lines included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    cells = 0
    start = 1
    try:
        for fields in reader:
            records.append((start, fields))
            start = reader.line_num + 1
            cells += len(fields)
            if cells > max_cells:
                raise LimitExceeded("max_sheet_cells",
                                    f"the file has more than {max_cells:,} fields (by line {start - 1:,})")
    except csv.Error as exc:
        raise CorruptFile(f"the file cannot be read as delimited text near line {start} ({exc})") from exc
    return records


def _content_width(fields: list[str]) -> int:
    """Number of fields up to the last non-empty one."""
    for i in range(len(fields), 0, -1):
        if fields[i - 1].strip():
            return i
    return 0


def _cell(field: str) -> Cell:
    text = field.strip()
    return Cell(text, text or None)
