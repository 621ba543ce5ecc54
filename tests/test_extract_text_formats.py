"""HTML, Word (.docx/.doc), plain text and e-mail (.eml/.msg) extraction, on real files.

Real replies come from the shared samples, Outlook files from the shared
fixtures, the .doc from tests/fixtures (made once with LibreOffice); e-mails
with tricky MIME are generated here.
"""
from __future__ import annotations

import importlib.util
import io
import os
import shutil
from email.message import EmailMessage
from pathlib import Path

import docx
import olefile
import pytest

from extractors import doc as doc_extractor
from extractors import docx as docx_extractor
from extractors.attachments import safe_attachment_name
from extractors.document import Document, Line, Table
from extractors.errors import CorruptFile, EncryptedFile
from extractors.html import elements_from_html
from extractors.registry import Source, read_document
from foi.settings import DEFAULT_LIMITS
from tests.conftest import FIXTURES, ROOT, SAMPLES

FILES = SAMPLES / "files"
DOC_FIXTURE = ROOT / "tests" / "fixtures" / "doc" / "letter_with_table.doc"


def read(path: Path, name: str | None = None, **limits) -> Document:
    source = Source(data=path.read_bytes(), source_file=name or path.name,
                    limits=DEFAULT_LIMITS.with_overrides(**limits) if limits else DEFAULT_LIMITS)
    return read_document(source)


def read_bytes(data: bytes, name: str, **limits) -> Document:
    limits_ = DEFAULT_LIMITS.with_overrides(**limits) if limits else DEFAULT_LIMITS
    return read_document(Source(data=data, source_file=name, limits=limits_))


def texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines]


# ---------------------------------------------------------------- HTML

def test_html_saved_as_xls_is_one_table_with_spanned_title_repeated():
    doc = read(FILES / "lewisham" / "FOI_Export_IG_Incidents.xls")
    assert doc.kind == "html"
    assert len(doc.tables) == 1 and not doc.lines and not doc.problems
    rows = doc.tables[0].rows
    assert {len(r.cells) for r in rows} == {6}  # every row on the same six columns
    title = rows[0].texts
    assert title[0].startswith("London Borough of Lewisham") and len(set(title)) == 1
    assert rows[1].texts == ["Incident No", "Date Logged", "Category", "Summary", "Staff", "Action"]
    assert rows[2].texts[:2] == ["INC0112", "11/05/2011"]
    assert rows[-1].texts[0].startswith("Report generated")
    assert [r.locator for r in rows[:2]] == ["table=1;row=1", "table=1;row=2"]
    assert "mso-number-format" not in " ".join(t for r in rows for t in r.texts)  # <style> dropped


def test_html_spans_line_up_and_text_outside_tables_becomes_lines():
    html = """<html><head><title>T</title><script>var x = "hidden";</script></head><body>
      <p>Dear <b>Requester</b>,<br>second&nbsp;line</p>
      <ul><li><p>first item</p></li><li>second item</li></ul>
      <table><tr><th>Year</th><th colspan="2">Outcome</th></tr>
             <tr><td rowspan="2">2012/13</td><td>Dismissed</td><td>2</td></tr>
             <tr><td>Warning</td><td>5</td></tr></table>
      <p>After the table</p></body></html>"""
    elements = elements_from_html(html, "attachment=a.html;")
    lines = [e for e in elements if isinstance(e, Line)]
    assert [ln.text for ln in lines] == ["Dear Requester,", "second line", "first item", "second item",
                                         "After the table"]
    assert [ln.list_item for ln in lines] == [False, False, True, True, False]
    assert lines[0].locator == "attachment=a.html;line=1"
    (table,) = [e for e in elements if isinstance(e, Table)]
    assert [r.texts for r in table.rows] == [["Year", "Outcome", "Outcome"],
                                             ["2012/13", "Dismissed", "2"],
                                             ["2012/13", "Warning", "5"]]
    assert table.rows[2].locator == "attachment=a.html;table=1;row=3"
    assert elements.index(table) < elements.index(lines[-1])  # reading order kept
    assert "hidden" not in " ".join(ln.text for ln in lines)


def test_html_layout_tables_are_text_and_their_inner_data_table_a_table():
    html = """<table><tr><td><p>Our ref: FOI 123</p>
      <table><tr><td>Date</td><td>Breach</td></tr><tr><td>01/05/2012</td><td>Lost laptop</td></tr></table>
      </td></tr></table>"""
    elements = elements_from_html(html, "")
    assert [e.text for e in elements if isinstance(e, Line)] == ["Our ref: FOI 123"]
    (table,) = [e for e in elements if isinstance(e, Table)]
    assert table.rows[1].texts == ["01/05/2012", "Lost laptop"]


def test_html_meta_charset_is_honoured():
    data = ('<html><head><meta charset="windows-1252"></head><body>'
            "<p>Fine of \u00a3350 \u2013 paid</p></body></html>").encode("cp1252")
    doc = read_bytes(data, "page.html")
    assert texts(doc) == ["Fine of \u00a3350 \u2013 paid"]


# ---------------------------------------------------------------- Word

def test_docx_letter_with_table_in_document_order():
    doc = read(FILES / "cardiff" / "FOI08842 Response.docx")
    assert doc.kind == "docx" and not doc.problems
    (table,) = doc.tables
    assert table.rows[0].texts == ["Date", "Nature of breach", "Action taken"]
    assert len(table.rows) == 9 and table.rows[1].texts[0] == "09/06/2011"
    assert table.rows[1].locator == "table=1;row=2"
    lines = texts(doc)
    assert "Our ref / Ein cyf: FOI08842" in lines  # a soft line break splits the paragraph
    assert "The Council recorded 8 breaches in this period." in lines
    # the letter's text before the table comes before it, the closing text after it
    position = doc.elements.index(table)
    assert any("table below" in e.text for e in doc.elements[:position] if isinstance(e, Line))
    assert any("recorded 8 breaches" in e.text for e in doc.elements[position:] if isinstance(e, Line))
    request = [ln for ln in doc.lines if ln.text.startswith(("1. How many", "2. For each"))]
    assert len(request) == 2 and all(ln.list_item for ln in request)
    assert all(ln.locator.startswith("paragraph=") for ln in doc.lines)


def test_docx_bullets_are_list_items():
    doc = read(FILES / "dyfed-powys-police" / "FOI 482-14 reply.docx")
    bullets = [ln for ln in doc.lines if ln.list_item]
    assert len(bullets) == 9
    assert bullets[0].text.startswith("June 2011:") and bullets[-1].text.startswith("February 2014:")
    assert not any(ln.list_item for ln in doc.lines if ln.text.startswith("Outcomes for police officers"))
    assert not doc.tables


def _generated_docx() -> bytes:
    word = docx.Document()
    section = word.sections[0]
    section.header.paragraphs[0].text = "Example Council, Civic Centre"
    section.footer.paragraphs[0].text = "Registered office footer"
    word.add_paragraph("Dear Requester,")
    word.add_paragraph("")
    word.add_paragraph("First numbered point", style="List Number")
    table = word.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Breaches 2011-2014"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "2012/13"
    for (r, c), value in {(1, 1): "Lost file", (1, 2): "Warning", (2, 1): "Wrong address",
                          (2, 2): "Advice"}.items():
        table.cell(r, c).text = value
    word.add_paragraph("Yours sincerely,")
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def test_docx_merged_cells_keep_columns_and_header_footer_come_first_and_last():
    doc = read_bytes(_generated_docx(), "letter.docx")
    assert doc.elements[0].locator == "header=1" and doc.elements[0].text == "Example Council, Civic Centre"
    assert doc.elements[-1].locator == "footer=1" and doc.elements[-1].text == "Registered office footer"
    assert [r.texts for r in doc.tables[0].rows] == [
        ["Breaches 2011-2014"] * 3,
        ["2012/13", "Lost file", "Warning"],
        ["2012/13", "Wrong address", "Advice"],
    ]
    numbered = next(ln for ln in doc.lines if ln.text == "First numbered point")
    assert numbered.list_item and numbered.locator == "paragraph=3"  # the empty paragraph counts
    assert "Yours sincerely," in texts(doc)


def test_docx_damaged_or_not_word_is_a_clear_error():
    data = (FILES / "cardiff" / "FOI08842 Response.docx").read_bytes()
    with pytest.raises(CorruptFile):
        docx_extractor.extract(Source(data=data[:5000], source_file="cut.docx"))
    # an OLE file that is not an encrypted package
    msg = (FIXTURES / "msg" / "unicode.msg").read_bytes()
    with pytest.raises(CorruptFile, match="older Office file"):
        docx_extractor.extract(Source(data=msg, source_file="odd.docx"))


@pytest.mark.skipif(shutil.which("antiword") is None, reason="Debian antiword is not installed")
def test_doc_letter_table_rows_with_wrapped_cells():
    doc = read(DOC_FIXTURE)
    assert doc.kind == "doc" and not doc.problems
    (table,) = doc.tables
    rows = [r.texts for r in table.rows]
    assert rows[0] == ["Date", "What happened", "Action taken"]
    assert rows[1] == ["12/05/2011", "Letter containing a tenant's rent arrears and housing benefit "
                       "details sent to the wrong address by a housing officer", "Advice given"]
    # a row whose first cell is empty is a new row, not the wrap of the one above
    assert rows[3] == ["", "Date not recorded: papers left on a train", "No action"]
    assert len(rows) == 5 and table.rows[4].locator == "table=1;row=5"
    lines = [ln for ln in doc.lines if ln.text]
    assert lines[0].text == "Example Borough Council"
    assert "Café caseworker’s note – 4 breaches in total." in texts(doc)
    assert all(ln.locator.startswith("line=") for ln in doc.lines)


def test_doc_password_flag_is_encrypted_file(tmp_path):
    copy = tmp_path / "copy.doc"
    copy.write_bytes(DOC_FIXTURE.read_bytes())
    with olefile.OleFileIO(str(copy), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        stream[11] |= 0x01  # FIB fEncrypted
        ole.write_stream("WordDocument", bytes(stream))
    with pytest.raises(EncryptedFile):
        doc_extractor.extract(Source(data=copy.read_bytes(), source_file="locked.doc"))
    with pytest.raises(CorruptFile):
        doc_extractor.extract(Source(data=(FIXTURES / "msg" / "unicode.msg").read_bytes(),
                                     source_file="not-word.doc"))


# ---------------------------------------------------------------- plain text

def test_txt_lines_keep_physical_numbers_and_numbered_items():
    path = FILES / "thames-valley-police" / "0912-2014 response.txt"
    doc = read(path)
    assert doc.kind == "txt"
    raw = path.read_bytes().decode("utf-8").splitlines()
    assert [ln.text for ln in doc.lines] == [r.rstrip() for r in raw]
    assert [ln.locator for ln in doc.lines] == [f"line={n}" for n in range(1, len(raw) + 1)]
    items = [ln.text.strip() for ln in doc.lines if ln.list_item]
    assert len(items) == 13  # 3 restated request items + 10 answers
    assert items[3].startswith("1. June 2011") and items[-1].startswith("10. April 2014")
    continuation = next(ln for ln in doc.lines if ln.text.strip().startswith("resigned, and whether"))
    assert not continuation.list_item


# ---------------------------------------------------------------- e-mail (.eml)

def test_eml_outlook_reply_keeps_the_quoted_request_as_lines():
    doc = read(FILES / "cleveland-police" / "RE Freedom of Information Request 2014-0633.eml")
    assert doc.kind == "eml" and not doc.problems and not doc.attachments
    assert doc.meta["subject"].startswith("RE: Freedom of Information Request")
    assert doc.meta["sender_domain"] == "cleveland.pnn.police.uk"
    assert doc.meta["date"] == "Tue, 13 May 2014 14:22:05 +0100"
    lines = texts(doc)
    marker = lines.index("-----Original Message-----")
    assert any(t.startswith("2013/14 - A police officer's bag") for t in lines[:marker])
    assert lines[marker + 1].startswith("From: A Researcher")
    assert "Yours faithfully," in lines[marker:]
    confirm = next(t for t in lines if t.startswith("Cleveland Police can confirm"))
    assert confirm.endswith("Details are as follows:")  # quoted-printable soft breaks undone
    assert [ln.locator for ln in doc.lines[:2]] == ["line=1", "line=2"]


def test_eml_information_not_held_reply():
    doc = read(FILES / "glasgow-cc" / "FOI response - data protection breaches.eml")
    assert doc.meta["sender_domain"] == "glasgow.gov.uk"
    assert "does not hold the information you have requested" in doc.text()
    assert not doc.tables and not doc.attachments and not doc.problems


def test_eml_spreadsheet_attachment_is_a_child_document_with_prefixed_locators():
    doc = read(FILES / "west-yorkshire-police" / "FOI 1407-14 Response.eml",
               name="west-yorkshire-police/FOI 1407-14 Response.eml")
    assert "14 cases" in doc.text()
    (child,) = doc.attachments
    assert child.source_file.endswith("#FOI 1407-14 DP Breaches.xlsx")
    assert child.source_file.startswith("west-yorkshire-police/FOI 1407-14 Response.eml#")
    assert child.locator_prefix == "attachment=FOI 1407-14 DP Breaches.xlsx;"
    if importlib.util.find_spec("extractors.xlsx") is not None:
        assert child.kind == "xlsx" and child.tables
        for table in child.tables:
            assert table.locator.startswith(child.locator_prefix)
            assert all(r.locator.startswith(child.locator_prefix) for r in table.rows)


def _mail(**headers) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = headers.get("sender", '"FOI Team" <FOI@Example.GOV.uk>')
    msg["To"] = "requester@example.org"
    msg["Subject"] = headers.get("subject", "FOI 123 response")
    msg["Date"] = "Wed, 21 May 2014 09:47:31 +0100"
    return msg


def test_eml_alternative_is_read_once_plain_unless_html_has_a_table():
    plain_wins = _mail()
    plain_wins.set_content("We hold 4 records ONCE-ONLY-PHRASE.\n")
    plain_wins.add_alternative("<p>We hold 4 records ONCE-ONLY-PHRASE.</p>", subtype="html")
    doc = read_bytes(bytes(plain_wins), "a.eml")
    assert doc.text().count("ONCE-ONLY-PHRASE") == 1 and not doc.tables
    assert doc.meta["sender_domain"] == "example.gov.uk"

    html_wins = _mail()
    html_wins.set_content("Date Breach\n01/05/2012 Lost laptop ONCE-ONLY-PHRASE\n")
    html_wins.add_alternative("<p>Details below</p><table><tr><td>Date</td><td>Breach</td></tr>"
                              "<tr><td>01/05/2012</td><td>Lost laptop ONCE-ONLY-PHRASE</td></tr></table>",
                              subtype="html")
    doc = read_bytes(bytes(html_wins), "b.eml")
    (table,) = doc.tables
    assert table.rows[1].texts == ["01/05/2012", "Lost laptop ONCE-ONLY-PHRASE"]
    assert "ONCE-ONLY-PHRASE" not in doc.text()  # not read a second time from the plain part


def test_eml_base64_and_quoted_printable_bodies_are_decoded():
    body = "A fine of \u00a3350 \u2013 paid by the officer.\n" + ("long line " * 20) + "\n"
    for cte in ("base64", "quoted-printable"):
        msg = _mail()
        msg.set_content(body, cte=cte)
        raw = bytes(msg)
        assert b"\xc2\xa3350" not in raw  # really encoded
        doc = read_bytes(raw, f"{cte}.eml")
        assert texts(doc)[:2] == [body.splitlines()[0], ("long line " * 20).rstrip()], cte


def test_eml_html_only_body_with_a_table_gives_a_table():
    msg = _mail()
    msg.set_content("<html><body><p>Please see the table.</p><table border=1>"
                    "<tr><th colspan=2>Breaches</th></tr><tr><td>2011/12</td><td>3</td></tr>"
                    "</table><p>Regards</p></body></html>", subtype="html")
    doc = read_bytes(bytes(msg), "html-only.eml")
    assert [r.texts for r in doc.tables[0].rows] == [["Breaches", "Breaches"], ["2011/12", "3"]]
    assert texts(doc) == ["Please see the table.", "Regards"]
    assert [ln.locator for ln in doc.lines] == ["line=1", "line=2"]


def test_eml_wrong_or_unknown_charset_is_tolerated():
    raw = (b"From: a@b.gov.uk\nTo: c@d.org\nSubject: x\nMIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 8bit\n\n"
           b"Fine \xa3350 \x96 paid\n")  # declared UTF-8, written in Windows-1252
    doc = read_bytes(raw, "cp1252.eml")
    assert texts(doc) == ["Fine \u00a3350 \u2013 paid"] and not doc.problems
    unknown = raw.replace(b'charset="utf-8"', b"charset=x-no-such-charset")
    assert texts(read_bytes(unknown, "unknown.eml")) == ["Fine \u00a3350 \u2013 paid"]


def test_eml_traversal_attachment_name_never_becomes_a_path(tmp_path, monkeypatch):
    xlsx = (FILES / "warwickshire-cc" / "DP_breaches_Apr11-Apr14.xlsx").read_bytes()
    msg = _mail()
    msg.set_content("Please find attached.")
    msg.add_attachment(xlsx, maintype="application", subtype="octet-stream",
                       filename="../../evil.xlsx")
    msg.add_attachment(b"x", maintype="application", subtype="octet-stream",
                       filename="..\\..\\Windows\\\x07.hidden")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    before = set(tmp_path.rglob("*"))
    doc = read_bytes(bytes(msg), "reply.eml")
    assert set(tmp_path.rglob("*")) == before  # nothing written anywhere near
    assert not (tmp_path / "evil.xlsx").exists()
    names = [child.source_file for child in doc.attachments]
    assert "reply.eml#evil.xlsx" in names
    assert all("/" not in n and "\\" not in n and ".." not in n for n in names)
    assert all(".." not in p and "\\" not in p for p in doc.problems)


def _nested_attachment(depth: int) -> bytes:
    """An e-mail with an .eml attached, with an .eml attached, ... `depth` levels."""
    inner = bytes(_mail(subject="innermost"))
    for level in range(depth):
        msg = _mail(subject=f"level {level}")
        msg.set_content(f"level {level}")
        msg.add_attachment(inner, maintype="application", subtype="octet-stream",
                           filename=f"level{level}.eml")
        inner = bytes(msg)
    return inner


def test_eml_nesting_deeper_than_the_limit_is_a_problem_not_a_crash():
    doc = read_bytes(_nested_attachment(4), "nested.eml", max_attachment_depth=2)
    chain = list(doc.walk())
    assert len(chain) == 3  # the file and two levels of attachments
    assert chain[2].source_file == "nested.eml#level3.eml#level2.eml"
    assert chain[2].locator_prefix == "attachment=level3.eml;attachment=level2.eml;"
    assert any("max_attachment_depth" in p for p in chain[2].problems)

    forwarded = _mail()
    forwarded.set_content("top")
    inner = bytes(_mail(subject="innermost"))
    for level in range(6):  # message/rfc822 inside message/rfc822 ...
        wrapper = _mail(subject=f"Fwd {level}")
        wrapper.set_content(f"forwarded text {level}")
        wrapper.add_attachment(inner, maintype="message", subtype="rfc822", filename=f"fwd{level}.eml")
        inner = bytes(wrapper)
    forwarded.add_attachment(inner, maintype="message", subtype="rfc822", filename="fwd.eml")
    doc = read_bytes(bytes(forwarded), "forwarded.eml", max_attachment_depth=3)
    assert any("max_attachment_depth" in p for p in doc.problems)
    assert "forwarded text 5" in doc.text()  # the first forwarded level is part of the chain
    assert "Subject: Fwd 5" in texts(doc)


def test_eml_zero_byte_image_and_excess_attachments():
    msg = _mail()
    msg.set_content("See attached.")
    msg.add_attachment(b"", maintype="application", subtype="pdf", filename="empty.pdf")
    msg.add_attachment(b"\x89PNG\r\n\x1a\n" + b"\0" * 20, maintype="image", subtype="png",
                       filename="logo.png")
    for k in range(3):
        msg.add_attachment(f"note {k}\n".encode(), maintype="text", subtype="plain",
                           filename=f"note{k}.txt")
    doc = read_bytes(bytes(msg), "many.eml", max_attachments=2)  # pictures are not counted
    assert [p for p in doc.problems if "empty.pdf" in p and "empty" in p.lower()]
    assert not [p for p in doc.problems if "logo.png" in p]
    assert [c.source_file for c in doc.attachments] == ["many.eml#note0.txt"]
    assert sum("max_attachments" in p for p in doc.problems) == 1
    assert doc.attachments[0].lines[0].locator == "attachment=note0.txt;line=1"


@pytest.mark.parametrize("raw", [
    b"From: a@b.gov.uk\nSubject: x\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n"
    b"--zz\nContent-Type: text/plain\n\nbody text\n--zz\nContent-Type: application/pdf\n"
    b"Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"a.pdf\"\n\nJVBERi0x!!!",
    b"From: a@b.gov.uk\nSubject: x\nContent-Type: multipart/mixed\n\nbody text without a boundary\n",
    b"From: =?utf-8?q?broken?=  <<<>>> \nSubject: =?x-bad?b?!!!?=\nContent-Type: text/plain; charset=\"\n\n"
    b"body text\n",
    b"From: a@b.gov.uk\nSubject: x\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
    b"Ym9keSB0ZXh0===\n!!not base64",
])
def test_eml_malformed_mime_does_not_crash(raw):
    doc = read_bytes(raw, "malformed.eml")
    assert isinstance(doc, Document) and doc.kind == "eml"
    assert "body text" in doc.text() or doc.problems


def test_attachment_names_are_sanitised_for_display():
    assert safe_attachment_name("../../evil.xlsx", 1) == "evil.xlsx"
    assert safe_attachment_name("C:\\Users\\x\\..\\reply.docx", 1) == "reply.docx"
    assert safe_attachment_name("\x00\x1b..hidden..name.pdf", 2) == "hidden.name.pdf"
    assert safe_attachment_name("a#b;c.csv", 1) == "a_b_c.csv"
    assert safe_attachment_name("...", 4) == "attachment-4"
    assert safe_attachment_name(None, 5) == "attachment-5"
    long = safe_attachment_name("x" * 300 + ".xlsx", 1)
    assert len(long) == 100 and long.endswith(".xlsx")


# ---------------------------------------------------------------- Outlook (.msg)

def test_msg_plain_body_and_subject():
    doc = read(FIXTURES / "msg" / "strangeDate.msg")
    assert doc.kind == "msg" and doc.meta["subject"] == "MSG Test File"
    assert texts(doc)[0] == "MSG test file"
    assert all(ln.locator.startswith("line=") for ln in doc.lines)


def test_msg_unicode_body_and_tif_attachments_skipped():
    doc = read(FIXTURES / "msg" / "unicode.msg")
    assert doc.meta["sender_domain"] == "gmail.com"
    assert doc.meta["subject"] == "Test for TIF files"
    assert texts(doc)[0] == "This is a test email to experiment with the MS Outlook MSG Extractor"
    assert doc.attachments == [] and doc.problems == []  # two .tif pictures: not replies


def test_msg_is_read_from_memory_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    read(FIXTURES / "msg" / "unicode.msg")
    assert not os.listdir(tmp_path)


def test_eml_base64_attachment_roundtrip_reads_a_docx_child():
    msg = _mail()
    msg.set_content("Reply attached.")
    msg.add_attachment(_generated_docx(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                       filename="Response letter.docx")
    doc = read_bytes(bytes(msg), "with-docx.eml")
    (child,) = doc.attachments
    assert child.kind == "docx"
    assert child.tables[0].rows[1].locator == "attachment=Response letter.docx;table=1;row=2"
    assert all(ln.locator.startswith("attachment=Response letter.docx;") for ln in child.lines)


def test_html_nested_past_the_parser_limit_is_an_error_or_a_problem_never_silent():
    deep = b"<html><body>" + b"<div>" * 1000 + b"deep text" + b"</div>" * 1000 + b"</body></html>"
    with pytest.raises(CorruptFile, match="Excessive depth"):
        read_bytes(deep, "deep.html")
    msg = _mail()
    msg.set_content(deep.decode(), subtype="html")
    doc = read_bytes(bytes(msg), "deep.eml")
    assert any("HTML body" in p for p in doc.problems)


def test_doc_text_parser_reads_catdoc_tab_rows_and_keeps_line_numbers():
    text = "Dear Requester,\n\nDate\tBreach\tAction\n\n01/05/2012\tLost laptop\tWarning\n\nYours,\n"
    elements = doc_extractor.elements_from_text(text, "attachment=x.doc;")
    (table,) = [e for e in elements if isinstance(e, Table)]
    assert [r.texts for r in table.rows] == [["Date", "Breach", "Action"],
                                             ["01/05/2012", "Lost laptop", "Warning"]]
    lines = [e for e in elements if isinstance(e, Line) and e.text]
    assert [(ln.text, ln.locator) for ln in lines] == [("Dear Requester,", "attachment=x.doc;line=1"),
                                                       ("Yours,", "attachment=x.doc;line=7")]


def test_msg_short_or_damaged_bytes_are_corrupt_and_never_taken_for_a_path(tmp_path):
    from extractors import msg as msg_extractor

    target = tmp_path / "target.msg"
    target.write_bytes((FIXTURES / "msg" / "unicode.msg").read_bytes())
    # olefile would open bytes this short as a file name
    with pytest.raises(CorruptFile, match="too short"):
        msg_extractor.extract(Source(data=str(target).encode(), source_file="tiny.msg"))
    data = target.read_bytes()
    with pytest.raises(CorruptFile):
        msg_extractor.extract(Source(data=data[: len(data) // 2], source_file="cut.msg"))
