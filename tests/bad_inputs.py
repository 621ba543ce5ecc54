"""A corpus of bad and hostile inputs, generated on demand (nothing binary committed).

Each builder writes one file into a folder and says what it is; the tests run
the whole pipeline over the folder and check every file is accounted for.
"""
from __future__ import annotations

import io
import random
import zipfile
from email.message import EmailMessage
from pathlib import Path

from tests.conftest import SAMPLES

SECRET = "XXE-SECRET-7f3a91"  # content of a local file an XXE payload tries to read


def _sample(name: str) -> bytes:
    return (SAMPLES / "files" / name).read_bytes()


PDF = "derbyshire-cc/FOI_response_2014-1187.pdf"
XLSX = "warwickshire-cc/DP_breaches_Apr11-Apr14.xlsx"
DOCX = "cardiff/FOI08842 Response.docx"


def _rezip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, replace.get(item.filename, src.read(item.filename)))
        for name, payload in (add or {}).items():
            out.writestr(name, payload)
    return buf.getvalue()


def _body(xml: str) -> str:
    """An XML part without its declaration, so a DOCTYPE can be put in front."""
    return xml.split("?>", 1)[1] if xml.lstrip().startswith("<?xml") else xml


def _xxe(secret_path: Path, inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret_path}">]>\n'
            + inner).encode()


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + ']>\n')


def _zip_bomb(kind: str) -> bytes:
    """A small archive whose members declare gigabytes once inflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        member = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
        with zf.open(member, "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MB of zeros -> ~300 KB compressed
                fh.write(chunk)
    return buf.getvalue()


def _email(body: str, attachments: list[tuple[str, bytes]] = ()) -> bytes:
    msg = EmailMessage()
    msg["From"] = "foi@example.gov.uk"
    msg["To"] = "requester@example.org"
    msg["Subject"] = "FOI response"
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(msg)


def _nested_email(depth: int) -> bytes:
    inner = _email("innermost reply: 3 breaches were recorded")
    for level in range(depth):
        msg = EmailMessage()
        msg["From"] = "foi@example.gov.uk"
        msg["Subject"] = f"Fwd level {level}"
        msg.set_content("forwarded")
        msg.add_attachment(inner, maintype="message", subtype="rfc822", filename=f"level{level}.eml")
        inner = bytes(msg)
    return inner


def _pdf_pages(n: int, size=(595, 842)) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for i in range(n):
        c.drawString(72, 72, f"page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def build_corpus(folder: Path, secret_path: Path) -> dict[str, str]:
    """Write the corpus; returns {file name: what it is}."""
    rnd = random.Random(20141187)
    pdf, xlsx, docx = _sample(PDF), _sample(XLSX), _sample(DOCX)
    sheet = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    notes = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet2.xml").decode()
    document = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    files: dict[str, tuple[bytes, str]] = {
        "truncated.pdf": (pdf[: len(pdf) // 2], "a PDF cut in half"),
        "encrypted.pdf": (_sample("unsorted/FOI Response - Data Protection Breaches.pdf"), "a password-protected PDF"),
        "empty.pdf": (b"", "a zero-byte file"),
        "noise.pdf": (rnd.randbytes(4096), "random bytes named .pdf"),
        "noise.xlsx": (rnd.randbytes(4096), "random bytes named .xlsx"),
        "really-a-pdf.docx": (pdf, "a PDF with a .docx name"),
        "really-html.xls": (_sample("lewisham/FOI_Export_IG_Incidents.xls"), "HTML saved as .xls"),
        "truncated.xlsx": (xlsx[: len(xlsx) * 2 // 3], "an xlsx cut short"),
        "broken-directory.xlsx": (xlsx[:-22] + b"PK\x05\x06" + b"\xff" * 18, "an xlsx with a broken central directory"),
        "bomb.xlsx": (_zip_bomb("xlsx"), "an xlsx zip bomb"),
        "bomb.docx": (_zip_bomb("docx"), "a docx zip bomb"),
        "xxe.xlsx": (_rezip(xlsx, {"xl/worksheets/sheet1.xml": _xxe(secret_path, _body(sheet).replace(
            "<t>", "<t>&xxe;", 1))}), "an XXE payload in an xlsx"),
        "laughs.docx": (_rezip(docx, {"word/document.xml": (LAUGHS + _body(document).replace(
            "<w:t>", "<w:t>&lol9;", 1)).encode()}), "a billion-laughs payload in a docx"),
        "laughs.xlsx": (_rezip(xlsx, {"xl/worksheets/sheet2.xml": (LAUGHS + _body(notes).replace(
            "<t>", "<t>&lol9;", 1)).encode()}),
                        "a billion-laughs payload in an xlsx"),
        "macros.xlsm": (_rezip(xlsx, {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"Sub AutoOpen()" * 10}),
                        "a macro-enabled workbook (data still read, macro never run)"),
        "truncated.docx": (docx[:4000], "a docx cut short"),
        "traversal.eml": (_email("Please find attached.", [("../../escaped.xlsx", xlsx), ("/etc/passwd", b"x")]),
                          "an e-mail whose attachment names try to escape"),
        "nested.eml": (_nested_email(12), "an e-mail nested twelve deep"),
        "zero-attachment.eml": (_email("See attached.", [("empty.pdf", b"")]), "an e-mail with a zero-byte attachment"),
        "malformed.eml": (b"From: a@b.gov.uk\nSubject: x\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n"
                          b"--zz\nContent-Type: text/plain\n\nbody without end\n--z", "malformed MIME"),
        "many-pages.pdf": (_pdf_pages(600), "a PDF with more pages than the limit"),
        "huge-page.pdf": (_pdf_pages(1, size=(14400 * 20, 14400 * 20)), "a PDF with an enormous page"),
        "mixed-encoding.txt": ("Breaches: caf\u00e9 ".encode() + "\u2013 \u00a3350 fine".encode("cp1252")
                               + b"\n3 incidents were recorded.\n", "mixed UTF-8 and Windows-1252 text"),
        "utf16.txt": ("\ufeffIn total 4 breaches were reported.\n".encode("utf-16-le"), "UTF-16 text with a BOM"),
        "ole-garbage.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rnd.randbytes(2048), "an OLE signature then noise"),
        "copy-a.xlsx": (xlsx, "a file that appears twice"),
        "copy-b.xlsx": (xlsx, "the same bytes under another name"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: what for name, (_, what) in files.items()}
