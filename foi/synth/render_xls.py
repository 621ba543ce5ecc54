"""Legacy BIFF8 .xls workbooks with xlwt, as older council systems export them."""
from __future__ import annotations

import datetime as dt
import io

from foi.synth.model import Reply


def render_xls(reply: Reply) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    title_style = xlwt.easyxf("font: bold on, height 240")
    head_style = xlwt.easyxf("font: bold on; pattern: pattern solid, fore_colour gray25; "
                             "borders: left thin, right thin, top thin, bottom thin")
    text_style = xlwt.easyxf("alignment: wrap on, vert top")
    date_style = xlwt.easyxf("alignment: vert top", num_format_str="dd/mm/yyyy")
    bold = xlwt.easyxf("font: bold on")
    for sheet in reply.sheets:
        ws = wb.add_sheet(sheet.name[:31])
        width = len(sheet.grid.header) if sheet.grid else 1
        r = 0
        for title in sheet.title_rows:
            ws.write_merge(r, r, 0, max(width - 1, 0), title, title_style)
            r += 1
        for line in sheet.text_rows:
            ws.write(r, 0, line)
            r += 1
        if sheet.grid is None:
            continue
        r += sheet.blank_rows_before_header if sheet.title_rows else 0
        grid = sheet.grid
        for j, h in enumerate(grid.header):
            ws.write(r, j, h, head_style)
        r += 1
        for row in grid.rows:
            for j, cell in enumerate(row):
                if isinstance(cell.value, dt.date):
                    ws.write(r, j, dt.datetime(cell.value.year, cell.value.month, cell.value.day), date_style)
                elif isinstance(cell.value, (int, float)):
                    ws.write(r, j, cell.value)
                else:
                    ws.write(r, j, cell.text, text_style)
            r += 1
        if grid.total_row:
            for j, cell in enumerate(grid.total_row):
                ws.write(r, j, cell.value if isinstance(cell.value, int) else cell.text, bold)
            r += 1
        for note in grid.footnotes:
            ws.write(r, 0, note)
            r += 1
        for j, w in enumerate(grid.widths or [1.0] * width):
            ws.col(j).width = int(max(10, min(70, w * 14)) * 256)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
