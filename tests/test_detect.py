"""Detection by content, not extension, on real files."""
import io
import zipfile

import pytest

from extractors.registry import FileKind, detect_kind
from tests.conftest import FIXTURES, SAMPLES


def _gold_formats():
    import json

    files = json.loads((SAMPLES / "gold.json").read_text())["files"]
    return sorted((name, entry["format"]) for name, entry in files.items())


@pytest.mark.parametrize("name,fmt", _gold_formats())
def test_every_sample_is_detected_by_content(name, fmt):
    data = (SAMPLES / "files" / name).read_bytes()
    expected = "pdf" if fmt == "pdf_scanned" else fmt  # scans are told apart while extracting
    assert detect_kind(data).value == expected  # no extension given: content alone


@pytest.mark.parametrize("name", ["strangeDate.msg", "unicode.msg"])
def test_outlook_msg_is_an_ole_email_not_a_spreadsheet(name):
    assert detect_kind((FIXTURES / "msg" / name).read_bytes()) is FileKind.MSG


def test_wrong_extension_does_not_fool_detection():
    pdf = (SAMPLES / "files" / "derbyshire-cc" / "FOI_response_2014-1187.pdf").read_bytes()
    assert detect_kind(pdf, "docx") is FileKind.PDF
    html = (SAMPLES / "files" / "lewisham" / "FOI_Export_IG_Incidents.xls").read_bytes()
    assert detect_kind(html, "xls") is FileKind.HTML


def test_zip_members_tell_xlsx_docx_and_ods_apart():
    def zipped(members: dict) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        return buf.getvalue()

    assert detect_kind(zipped({"[Content_Types].xml": "", "xl/workbook.xml": ""})) is FileKind.XLSX
    assert detect_kind(zipped({"[Content_Types].xml": "", "word/document.xml": ""})) is FileKind.DOCX
    assert detect_kind(zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                "content.xml": ""})) is FileKind.ODS


def test_csv_versus_prose_text():
    assert detect_kind(b"Date,Breach,Outcome\n01/02/2012,Lost laptop,NFA\n03/04/2012,Email, sent,x\n") is FileKind.CSV
    prose = (b"Dear Sir,\nThank you for your request, which we received on 1 May.\n"
             b"We hold the information, and it is given below.\nYours faithfully,\n")
    assert detect_kind(prose) is FileKind.TXT


def test_empty_and_binary_noise_are_unknown():
    assert detect_kind(b"") is FileKind.UNKNOWN
    assert detect_kind(bytes(range(256)) * 8) is FileKind.UNKNOWN
