"""CSV as office software saves it in the UK: Windows-1252, CRLF, a title line above the header."""
from __future__ import annotations

import csv
import io

from foi.synth.model import Reply


def render_csv(reply: Reply) -> bytes:
    sheet = reply.sheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for title in sheet.title_rows:
        writer.writerow([title])
    for _ in range(sheet.blank_rows_before_header):
        writer.writerow([])
    writer.writerow(sheet.grid.header)
    for row in sheet.grid.all_rows():
        writer.writerow([c.text for c in row])
    for note in sheet.grid.footnotes:
        writer.writerow([note])
    return out.getvalue().encode(reply.csv_encoding)
