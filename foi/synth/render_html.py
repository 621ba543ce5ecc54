"""An HTML table saved with an .xls name, as case-management systems export 'Excel' reports."""
from __future__ import annotations

from html import escape

from foi.synth.model import Reply


def render_html(reply: Reply) -> bytes:
    sheet = reply.sheets[0]
    grid = sheet.grid
    span = len(grid.header)
    out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel">',
           '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
           "<style>td { mso-number-format:\\@; } th { background:#ccc; }</style></head>",
           "<body>", '<table border="1" cellspacing="0">']
    for title in sheet.title_rows:
        out.append(f'<tr><td colspan="{span}"><b>{escape(title)}</b></td></tr>')
    out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in grid.header) + "</tr>")
    for row in grid.all_rows():
        out.append("<tr>" + "".join(f"<td>{escape(c.text)}</td>" for c in row) + "</tr>")
    for note in grid.footnotes:
        out.append(f'<tr><td colspan="{span}"><i>{escape(note)}</i></td></tr>')
    out += ["</table>", "</body>", "</html>"]
    return ("\r\n".join(out) + "\r\n").encode("utf-8")
