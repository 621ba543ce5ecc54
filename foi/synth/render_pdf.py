"""PDF letters with reportlab: letterhead, request, answer table or list, signature.

`invariant=1` fixes reportlab's creation date and document ID so the same reply
gives the same bytes.
"""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from foi.synth.model import Grid, Items, Letter, Para, Reply, TableBlock


def render_pdf(reply: Reply) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    lt: Letter = reply.letter
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["Normal"], fontName="Helvetica", fontSize=10, leading=13,
                          spaceAfter=6)
    styles = {
        "body": body,
        "heading": ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=11),
        "head": ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20,
                               spaceAfter=2),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5, spaceAfter=2),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName="Helvetica-Bold", fontSize=8.5, leading=10,
                                   spaceAfter=0),
    }
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=20 * mm, invariant=1, title=lt.title, author=lt.letterhead[0],
                            creator="Microsoft Word", subject="")
    story = [Paragraph(escape(lt.letterhead[0]), styles["head"])]
    story += [Paragraph(escape(line), styles["small"]) for line in lt.letterhead[1:]]
    story.append(Spacer(1, 6 * mm))
    story += [Paragraph(escape(line), styles["right"]) for line in [*lt.refs, lt.date_text]]
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(escape(lt.salutation), body))
    story.append(Paragraph(escape(lt.title), styles["heading"]))
    for block in lt.body:
        if isinstance(block, Para):
            story.append(Paragraph(escape(block.text), styles.get(block.style, body)))
        elif isinstance(block, Items):
            for i, item in enumerate(block.items, 1):
                style = ParagraphStyle("item", parent=body, leftIndent=8 * mm, bulletIndent=2 * mm)
                story.append(Paragraph(escape(item), style, bulletText=f"{i}." if block.numbered else "\u2022"))
        elif isinstance(block, TableBlock):
            story.append(_table(block.grid, block.ruled, doc.width, styles, colors))
            story += [Paragraph(escape(note), styles["small"]) for note in block.grid.footnotes]
            story.append(Spacer(1, 4 * mm))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(escape(lt.sign_off), body))
    story.append(Spacer(1, 8 * mm))
    story += [Paragraph(escape(line), body) for line in lt.signature]

    def footer(canvas, doc_):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"Page {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _table(grid: Grid, ruled: bool, width: float, styles: dict, colors):
    from reportlab.platypus import Paragraph, Table, TableStyle

    weights = grid.widths or [1.0] * len(grid.header)
    scale = width / sum(weights)
    data = [[Paragraph(escape(h), styles["cellhead"]) for h in grid.header]]
    for row in grid.all_rows():
        data.append([Paragraph(escape(cell.text), styles["cell"]) for cell in row])
    table = Table(data, colWidths=[w * scale for w in weights], repeatRows=1)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if ruled:
        commands += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85))]
    else:
        commands += [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]
    if grid.total_row:
        commands.append(("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"))
    table.setStyle(TableStyle(commands))
    return table
