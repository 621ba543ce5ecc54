"""OpenDocument spreadsheets with odfpy."""
from __future__ import annotations

import datetime as dt
import io

from foi.synth.model import Cell, Reply
from foi.synth.zipfix import fixed_zip


def render_ods(reply: Reply) -> bytes:
    from odf.element import Element

    # odfpy collects every namespace any element in the process has used in one class-level
    # dict and declares them all; a fresh dict per file keeps the bytes independent of history
    saved, Element.namespaces = Element.namespaces, {}
    try:
        return _render_ods(reply)
    finally:
        Element.namespaces = saved


def _render_ods(reply: Reply) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()

    def cell(c: Cell, span: int = 1) -> TableCell:
        kw = {"numbercolumnsspanned": span} if span > 1 else {}
        if isinstance(c.value, dt.date):
            tc = TableCell(valuetype="date", datevalue=c.value.isoformat(), **kw)
        elif isinstance(c.value, (int, float)):
            tc = TableCell(valuetype="float", value=c.value, **kw)
        else:
            tc = TableCell(valuetype="string", **kw) if c.text else TableCell(**kw)
        if c.text:
            tc.addElement(P(text=c.text))
        return tc

    def text_row(text: str, span: int) -> TableRow:
        tr = TableRow()
        tr.addElement(cell(Cell(text), span))
        return tr

    for sheet in reply.sheets:
        table = Table(name=sheet.name[:31])
        width = len(sheet.grid.header) if sheet.grid else 1
        for title in sheet.title_rows:
            table.addElement(text_row(title, width))
        for line in sheet.text_rows:
            table.addElement(text_row(line, 1))
        if sheet.grid is not None:
            for _ in range(sheet.blank_rows_before_header if sheet.title_rows else 0):
                table.addElement(TableRow())
            grid = sheet.grid
            for row in [[Cell(h) for h in grid.header], *grid.all_rows()]:
                tr = TableRow()
                for c in row:
                    tr.addElement(cell(c))
                table.addElement(tr)
            for note in grid.footnotes:
                table.addElement(text_row(note, 1))
        doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    return fixed_zip(buf.getvalue(), reply.reply_date)
