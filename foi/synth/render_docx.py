"""Word letters with python-docx: letterhead, restated request, table or bullets, signature."""
from __future__ import annotations

import datetime as dt
import io

from foi.synth.model import Items, Para, Reply, TableBlock
from foi.synth.zipfix import fixed_zip


def render_docx(reply: Reply) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lt = reply.letter
    doc = Document()
    stamp = dt.datetime(reply.reply_date.year, reply.reply_date.month, reply.reply_date.day, 9, 0, 0)
    props = doc.core_properties
    props.author = props.last_modified_by = lt.signature[0]
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.title = lt.title
    head = doc.add_paragraph()
    run = head.add_run(lt.letterhead[0])
    run.bold, run.font.size = True, Pt(16)
    for line in lt.letterhead[1:]:
        doc.add_paragraph(line).runs[0].font.size = Pt(9)
    for line in [*lt.refs, lt.date_text]:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(lt.salutation)
    doc.add_paragraph().add_run(lt.title).bold = True
    for block in lt.body:
        if isinstance(block, Para):
            p = doc.add_paragraph()
            p.add_run(block.text).bold = block.style == "heading"
        elif isinstance(block, Items):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                doc.add_paragraph(item, style=style)
        elif isinstance(block, TableBlock):
            grid = block.grid
            table = doc.add_table(rows=1, cols=len(grid.header))
            table.style = "Table Grid" if block.ruled else None
            for cell, h in zip(table.rows[0].cells, grid.header):
                cell.paragraphs[0].add_run(h).bold = True
            for row in grid.all_rows():
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    cell.text = value.text
            for note in grid.footnotes:
                doc.add_paragraph(note).runs[0].italic = True
    doc.add_paragraph(lt.sign_off)
    for line in lt.signature:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue(), reply.reply_date)
