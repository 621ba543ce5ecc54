"""Scanned letters end to end: a refusal printed, signed and scanned is still a refusal."""
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from foi.pipeline import process_bytes
from tests.fixtures_pdf import as_scan

REFUSAL = [
    "Rother District Council",
    "Town Hall, Bexhill-on-Sea",
    "",
    "Our ref: FOI/2015/0418",
    "12 March 2015",
    "",
    "Dear Requester,",
    "",
    "Freedom of Information Act 2000 - request for information",
    "",
    "You asked for the number of data protection breaches by council staff since",
    "1 April 2011 and the disciplinary action taken in each case.",
    "",
    "We estimate that locating and extracting this information would take more than",
    "the 18 hours allowed. I am therefore refusing your request under section 12 of",
    "the Act (cost of compliance). Under section 16 we suggest narrowing the request",
    "to a single financial year.",
    "",
    "Yours sincerely,",
    "Information Governance Officer",
    "Rother District Council",
]


def _letter(lines) -> bytes:
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = A4[1] - 72
    for i, text in enumerate(lines):
        page.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 14 if i == 0 else 11)
        page.drawString(72, y, text)
        y -= 17
    page.save()
    return buf.getvalue()


def test_a_scanned_refusal_letter_is_read_as_a_refusal():
    scan = as_scan(_letter(REFUSAL), angle=-1.2)
    result = process_bytes(scan, "scan_refusal.pdf")
    r = result.response
    assert r["format"] == "pdf_scanned"
    assert r["parse_status"] == "ok", r["error"]
    assert r["authority"] == "Rother District Council" and r["authority_type"] == "council"
    assert r["foi_status"] == "refused" and r["exemptions"] == ["s12"]
    assert r["request_ref"] == "FOI/2015/0418"
    assert result.incidents == []  # "18 hours" is not a count of breaches
