"""XLSX workbooks with openpyxl: title rows above the header, real date cells, notes sheets."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from foi.synth.model import Cell, Reply, Sheet
from foi.synth.zipfix import fixed_zip


def cell_value(cell: Cell):
    if isinstance(cell.value, dt.date) and not isinstance(cell.value, dt.datetime):
        return dt.datetime(cell.value.year, cell.value.month, cell.value.day)
    if cell.value is not None:
        return cell.value
    return cell.text if cell.text != "" else None


def render_xlsx(sheets: list[Sheet], when: dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    wb.remove(wb.active)
    stamp = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
    wb.properties.creator = "Information Governance"
    wb.properties.lastModifiedBy = "Information Governance"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name[:31])
        width = len(sheet.grid.header) if sheet.grid else 1
        r = 1
        for i, title in enumerate(sheet.title_rows):
            ws.cell(row=r, column=1, value=title).font = Font(bold=True, size=12 if i == 0 else 11)
            if width > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        for line in sheet.text_rows:
            ws.cell(row=r, column=1, value=line)
            r += 1
        if sheet.grid is None:
            ws.column_dimensions["A"].width = 90
            continue
        r += sheet.blank_rows_before_header if sheet.title_rows else 0
        grid = sheet.grid
        for j, h in enumerate(grid.header, 1):
            c = ws.cell(row=r, column=j, value=h)
            c.font = bold
            c.fill = PatternFill("solid", fgColor="D9D9D9")
        r += 1
        for row in grid.rows:
            for j, cell in enumerate(row, 1):
                c = ws.cell(row=r, column=j, value=cell_value(cell))
                if isinstance(cell.value, dt.date):
                    c.number_format = "dd/mm/yyyy"
                c.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
        if grid.total_row:
            for j, cell in enumerate(grid.total_row, 1):
                ws.cell(row=r, column=j, value=cell_value(cell)).font = bold
            r += 1
        for note in grid.footnotes:
            ws.cell(row=r, column=1, value=note).font = Font(italic=True)
            r += 1
        for j, w in enumerate(grid.widths or [1.0] * width, 1):
            ws.column_dimensions[get_column_letter(j)].width = max(10, min(70, w * 14))
    buf = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time as "modified"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return fixed_zip(buf.getvalue(), when)


def render_reply_xlsx(reply: Reply) -> bytes:
    return render_xlsx(reply.sheets, reply.reply_date)
