"""PDF fixtures built at test time (reportlab, pdfium, PIL): nothing generated is checked in.

Each builder returns the bytes of a PDF whose content the tests know exactly.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.pdfgen import canvas

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
JUSTIFIED = ParagraphStyle("justified", parent=BODY, alignment=4)

# invented rows: (date, what happened, what action followed)
LISTING = [
    ("03/05/2012", "Minutes of a case conference posted to a former address of the family", "Management advice"),
    ("17/08/2012", "Laptop left in a hire car and never recovered", "Written warning"),
    ("29/11/2012", "Officer looked at the housing file of a neighbour without any business reason", "Dismissed"),
    ("08/02/2013", "Report shared with a parent without third-party details being removed", "No further action"),
]
HEADER = ("Date", "What happened", "Action taken")

PROSE = (
    "Thank you for your request for information about breaches of the Data Protection Act by "
    "members of staff. The Council has searched its records of information security incidents "
    "and the incidents that involved a member of staff are listed below, with the action that "
    "followed each of them. Some incidents were reported by members of the public and others by "
    "the staff concerned, and all of them were investigated by the Information Governance Team."
)
AFTER_TABLE = "In total there were 4 incidents involving staff in this period."


def unruled_table_pdf() -> bytes:
    """A letter: letterhead in two blocks side by side, justified prose, a table with no lines."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    _letterhead(page, height)
    y = _paragraph(page, PROSE, height - 190, width)
    table = Table(
        [[Paragraph(h, BODY) for h in HEADER]] + [[Paragraph(c, BODY) for c in row] for row in LISTING],
        colWidths=[80, 260, 130],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _, table_height = table.wrapOn(page, width, height)
    y -= 16
    table.drawOn(page, 62, y - table_height)
    _paragraph(page, AFTER_TABLE, y - table_height - 16, width)
    page.showPage()
    page.save()
    return buffer.getvalue()


def ruled_table_pdf(rotated: bool = False) -> bytes:
    """A letter with the LISTING in a ruled grid; `rotated` puts it on a landscape page turned by /Rotate."""
    buffer = io.BytesIO()
    size = landscape(A4) if rotated else A4
    page = canvas.Canvas(buffer, pagesize=size)
    width, height = size
    if rotated:
        # /Rotate 90 shows the portrait sheet turned clockwise; draw in the shown frame
        page.setPageRotation(90)
        page.translate(height, 0)
        page.rotate(90)
    _letterhead(page, height)
    y = _paragraph(page, PROSE, height - 190, width)
    table = Table(
        [[Paragraph(h, BODY) for h in HEADER]] + [[Paragraph(c, BODY) for c in row] for row in LISTING],
        colWidths=[80, 260, 130],
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _, table_height = table.wrapOn(page, width, height)
    table.drawOn(page, 62, y - 16 - table_height)
    _paragraph(page, AFTER_TABLE, y - 32 - table_height, width)
    page.showPage()
    page.save()
    return buffer.getvalue()


def boxed_note_pdf() -> bytes:
    """Prose with one paragraph inside a drawn box: a frame, not a table."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    y = _paragraph(page, PROSE, height - 100, width)
    page.rect(60, y - 60, width - 120, 50)
    page.setFont("Helvetica", 10)
    page.drawString(70, y - 30, "Please note that the figures above exclude incidents still under investigation.")
    page.showPage()
    page.save()
    return buffer.getvalue()


def as_scan(pdf_bytes: bytes, dpi: int = 200, angle: float = 1.5, noise: float = 0.004, seed: int = 7) -> bytes:
    """The PDF's first page as an image-only PDF: rendered, turned by `angle`, speckled."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(image).copy()
    rng = np.random.default_rng(seed)
    specks = rng.random(pixels.shape) < noise
    pixels[specks] = rng.integers(0, 120, size=int(specks.sum()), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def _letterhead(page: canvas.Canvas, height: float) -> None:
    """Address on the left and reference block on the right, on the same lines."""
    page.setFont("Helvetica-Bold", 14)
    page.drawString(62, height - 60, "Borsetshire County Council")
    page.setFont("Helvetica", 10)
    left = ["Information Governance Team", "County Hall, Market Street", "Borchester BC1 2AB"]
    right = ["Our ref: FOI/2014/0456", "Your ref: none given", "Date: 2 June 2014"]
    for i, (a, b) in enumerate(zip(left, right)):
        page.drawString(62, height - 80 - 13 * i, a)
        page.drawString(400, height - 80 - 13 * i, b)
    page.drawString(62, height - 150, "Dear Sir or Madam,")


def _paragraph(page: canvas.Canvas, text: str, top: float, width: float) -> float:
    """Draw justified text from `top` down; return the y under it."""
    paragraph = Paragraph(text, JUSTIFIED)
    _, used = paragraph.wrapOn(page, width - 124, 800)
    paragraph.drawOn(page, 62, top - used)
    return top - used
