"""Spreadsheet-like extractors (xlsx, xls, ods, csv) and the ZIP safety checks, on real files.

The shared samples are read as a researcher receives them; the other cases are
built here (odfpy, xlwt, openpyxl, hand-made ZIP and OLE containers) so each
trap is visible in the test that uses it.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import struct
import time
import zipfile

import openpyxl
import pytest

from extractors import zipsafe
from extractors.document import Document, Table
from extractors.errors import CorruptFile, EncryptedFile, LimitExceeded
from extractors.registry import FileKind, Source, detect_kind, read_document
from foi.settings import DEFAULT_LIMITS, Limits
from tests.conftest import SAMPLES

FILES = SAMPLES / "files"
WARWICKSHIRE = "warwickshire-cc/DP_breaches_Apr11-Apr14.xlsx"
STAFFORDSHIRE = "staffordshire-cc/FOI 4410 DP incidents by year.xlsx"
LEEDS = "leeds-cc/14-0932 Data Protection Breaches 2011-2014.xlsx"
AVON = "avon-somerset-police/FOI 1405-0112 DP breaches by outcome.xlsx"
BRISTOL = "bristol-cc/CRN1402773_DP_breaches.xls"
CHESHIRE = "cheshire-east/FOI_4562_breaches.csv"


def read_sample(name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_document(Source((FILES / name).read_bytes(), name, limits))


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_document(Source(data, name, limits))


def row_texts(table: Table) -> list[list[str]]:
    return [row.texts for row in table.rows]


def find_row(table: Table, first_text: str):
    return next(row for row in table.rows if row.cells and row.cells[0].text == first_text)


def all_texts(doc: Document) -> str:
    return "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)


# ---------------------------------------------------------------- shared samples


def test_warwickshire_xlsx_keeps_both_sheets_and_real_dates():
    doc = read_sample(WARWICKSHIRE)
    assert doc.kind == "xlsx"
    assert [t.title for t in doc.tables] == ["Incidents", "Notes"]
    incidents, notes = doc.tables
    assert incidents.locator == "sheet=Incidents"
    assert incidents.rows[0].texts[:3] == ["Incident Date", "Directorate", "Description"]
    first = incidents.rows[1]
    assert first.locator == "sheet=Incidents;row=2"
    assert first.cells[0].value == dt.date(2011, 4, 19)
    assert type(first.cells[0].value) is dt.date  # no time part: a date, not a datetime
    assert first.cells[0].text == "2011-04-19"
    assert len(incidents.rows) == 16  # header + 15 incidents, nothing trimmed or invented
    assert all(len(row.cells) == 6 for row in incidents.rows)
    assert any("15 incidents" in row.texts[0] for row in notes.rows)


def test_staffordshire_merged_title_header_row_4_blank_row_and_text_date():
    doc = read_sample(STAFFORDSHIRE)
    assert [t.title for t in doc.tables] == ["2011-12", "2012-13", "2013-14"]
    sheet = doc.tables[1]
    title = sheet.rows[0]
    assert title.texts[0].startswith("Staffordshire County Council")
    assert len(set(title.texts)) == 1  # the merged title spans A1:D1, copied into each cell
    assert sheet.rows[3].texts == ["Date", "Incident", "Outcome", "Staff"]
    assert sheet.rows[3].locator == "sheet=2012-13;row=4"
    assert any(row.is_blank() for row in sheet.rows[4:])  # the blank row in the middle is kept
    typed_as_text = find_row(sheet, "14/11/2012").cells[0]
    assert typed_as_text.value == "14/11/2012"  # text stays text; the interpreter parses it
    real = sheet.rows[4].cells[0]
    assert real.value == dt.date(2012, 4, 16) and real.text == "2012-04-16"
    # footnotes under the table are rows too: the interpreter decides what they are
    assert sheet.rows[-1].texts[0].startswith("Note:")


@pytest.mark.parametrize("name", [LEEDS, AVON])
def test_cross_tabs_keep_suppressed_counts_totals_and_blank_cells(name):
    doc = read_sample(name)
    (table,) = doc.tables
    total = find_row(table, "Total")
    assert total.cells[-1].value in (165, 57)
    assert isinstance(total.cells[1].value, int) and "." not in total.cells[1].text
    header = next(row for row in table.rows if row.texts[-1] == "Total")
    assert len(header.cells) == len(total.cells)  # rows are a grid: one cell per column
    if name == LEEDS:
        loss = find_row(table, "Loss of paperwork or equipment")
        assert loss.texts == ["Loss of paperwork or equipment", "6", "<5", "<5", "12"]
        assert loss.cells[2].value == "<5"
    else:
        pnc = find_row(table, "Misuse of PNC")
        assert pnc.cells[1].text == "" and pnc.cells[1].value is None  # blank = no cases
        assert pnc.cells[2].value == 5


def test_bristol_xls_title_blank_header_at_row_3_and_date_cells():
    doc = read_sample(BRISTOL)
    assert doc.kind == "xls"
    (table,) = doc.tables
    assert table.rows[0].texts[0].startswith("Bristol City Council")
    assert table.rows[1].is_blank()
    assert table.rows[2].texts == ["Ref", "Date Reported", "Service Area", "Summary", "Outcome"]
    assert table.rows[2].locator == "sheet=Breaches;row=3"
    date = table.rows[3].cells[1]
    assert date.value == dt.date(2011, 6, 3) and date.text == "2011-06-03"


def test_cheshire_csv_cp1252_title_line_and_dates_left_as_text():
    doc = read_sample(CHESHIRE)
    assert doc.kind == "csv"
    assert doc.meta["encoding"] == "cp1252"
    (table,) = doc.tables
    assert table.locator == "table=1"
    assert table.rows[0].locator == "line=1" and "FOI 4562" in table.rows[0].texts[0]
    assert table.rows[1].texts == ["Date", "Service", "Description", "Outcome"]
    first = table.rows[2]
    assert first.locator == "line=3"
    assert first.cells[0].value == "03/05/2011"  # not a date object: day-first parsing comes later
    assert first.cells[1].text == "Children\u2019s Services"
    assert "fined \u00a3350" in all_texts(doc) and "Prosecuted \u2013 pleaded" in all_texts(doc)
    assert all(len(row.cells) == 4 for row in table.rows)


def test_every_sample_format_is_detected_by_content(gold):
    for name, entry in gold.items():
        data = (FILES / name).read_bytes()
        kind = detect_kind(data, name.rsplit(".", 1)[-1].lower())
        expected = "pdf" if entry["format"] == "pdf_scanned" else entry["format"]
        assert kind.value == expected, name


# ---------------------------------------------------------------- generated: ods, xls, xlsx


def _ods_bytes() -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table as OdsTable, TableCell, TableColumn, TableRow
    from odf.text import P

    def cell(text="", **attrs):
        c = TableCell(**attrs)
        if text:
            c.addElement(P(text=text))
        return c

    doc = OpenDocumentSpreadsheet()
    sheet = OdsTable(name="Breaches 2012")
    sheet.addElement(TableColumn(numbercolumnsrepeated=1024))
    title = TableRow()
    title.addElement(cell("Breaches by month", numbercolumnsspanned=3))
    title.addElement(CoveredTableCell(numbercolumnsrepeated=2))
    sheet.addElement(title)
    sheet.addElement(TableRow(numberrowsrepeated=2))  # two blank rows in one element
    header = TableRow()
    for text in ("Date", "Count", "Note"):
        header.addElement(cell(text))
    sheet.addElement(header)
    data = TableRow()
    data.addElement(cell("14/03/2012", valuetype="date", datevalue="2012-03-14"))
    data.addElement(cell("3", valuetype="float", value="3"))
    data.addElement(cell("x", numbercolumnsrepeated=2))  # one element, two cells
    data.addElement(cell(numbercolumnsrepeated=1000))
    sheet.addElement(data)
    timed = TableRow(visibility="collapse")
    timed.addElement(cell("14/03/2012 10:30", valuetype="date", datevalue="2012-03-14T10:30:00"))
    timed.addElement(cell("2.5", valuetype="float", value="2.5"))
    timed.addElement(cell("£350.00", valuetype="currency", currency="GBP", value="350"))
    sheet.addElement(timed)
    # what LibreOffice writes below the data: a blank row repeated to the sheet's end
    sheet.addElement(TableRow(numberrowsrepeated=1048570))
    doc.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def test_ods_dates_numbers_repeats_merges_and_hidden_rows():
    data = _ods_bytes()
    assert detect_kind(data, "ods") is FileKind.ODS
    started = time.perf_counter()
    doc = read_bytes(data, "reply.ods")
    assert time.perf_counter() - started < 5  # the million blank rows are never built
    (table,) = doc.tables
    assert table.title == "Breaches 2012" and table.locator == "sheet=Breaches 2012"
    assert len(table.rows) == 6  # title, 2 blank, header, 2 data rows; trailing blanks trimmed
    assert table.rows[0].texts == ["Breaches by month"] * 3 + [""]
    assert table.rows[1].is_blank() and table.rows[2].is_blank()
    assert table.rows[3].locator == "sheet=Breaches 2012;row=4"
    values = [c.value for c in table.rows[4].cells]
    assert values == [dt.date(2012, 3, 14), 3, "x", "x"]
    assert table.rows[4].texts == ["2012-03-14", "3", "x", "x"]
    timed = table.rows[5]
    assert timed.hidden and not table.rows[4].hidden
    assert timed.cells[0].value == dt.datetime(2012, 3, 14, 10, 30)
    assert timed.texts[:3] == ["2012-03-14 10:30", "2.5", "\u00a3350"]


def _xls_bytes(with_password_record: bool = False) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Incidents")
    sheet.write_merge(0, 0, 0, 3, "Breaches 2011-2014")
    for col, text in enumerate(["Date", "Description", "Secret", "Count"]):
        sheet.write(2, col, text)
    sheet.write(3, 0, dt.date(2012, 3, 14), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    sheet.write(3, 1, "Letter sent to wrong address")
    sheet.write(3, 2, "hidden column text")
    sheet.write(3, 3, 2.0)
    sheet.write(4, 0, dt.datetime(2012, 5, 1, 9, 15), xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM"))
    sheet.write(4, 1, "Fine paid")
    sheet.write(4, 3, 350, xlwt.easyxf(num_format_str='"\u00a3"#,##0.00'))
    sheet.row(4).hidden = True
    sheet.col(2).hidden = True
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if with_password_record:
        # turn the first record after the workbook's BOF into FILEPASS (0x002F), which is
        # exactly where Excel puts it in a password-protected file
        bof = data.index(b"\x09\x08\x10\x00")
        record = bof + 4 + 16
        data = data[:record] + struct.pack("<H", 0x002F) + data[record + 2:]
    return data


def test_xls_generated_by_xlwt_merges_hidden_rows_columns_dates():
    doc = read_bytes(_xls_bytes(), "reply.xls")
    (table,) = doc.tables
    title = "Breaches 2011-2014"
    assert table.rows[0].texts == [title, title, "", title]  # merged, but column C is hidden
    assert table.rows[1].is_blank()
    assert table.rows[2].texts == ["Date", "Description", "", "Count"]  # column C is hidden
    data = table.rows[3]
    assert [c.value for c in data.cells] == [dt.date(2012, 3, 14), "Letter sent to wrong address", None, 2]
    assert data.texts[3] == "2"
    fine = table.rows[4]
    assert fine.hidden and not data.hidden
    assert fine.cells[0].value == dt.datetime(2012, 5, 1, 9, 15)
    assert fine.texts[3] == "\u00a3350"  # a fine, shown as one, not a count of 350
    assert "hidden column text" not in all_texts(doc)


def test_xls_with_a_password_is_an_encrypted_file():
    data = _xls_bytes(with_password_record=True)
    assert detect_kind(data, "xls") is FileKind.XLS
    with pytest.raises(EncryptedFile):
        read_bytes(data, "locked.xls")


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet["A1"] = "Incidents by quarter"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Date", "Type", "Internal", "Count"])
    sheet.append([dt.datetime(2013, 6, 11), "  Lost  ", "secret", 4.0])
    sheet.append([dt.datetime(2013, 7, 1, 14, 5), "Theft", "secret", 0.1 + 0.2])
    sheet.append(["Share", None, None, 0.25])
    sheet["D6"].number_format = "0%"
    sheet.row_dimensions[5].hidden = True
    sheet.column_dimensions["C"].hidden = True
    sheet["F40"] = None  # a stored but empty cell must not widen or lengthen the table
    lookup = book.create_sheet("Lookup")
    lookup["A1"] = "list values"
    lookup.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_hidden_row_hidden_column_merged_header_and_numbers():
    doc = read_bytes(_xlsx_bytes(), "reply.xlsx")
    data, lookup = doc.tables
    assert len(data.rows) == 6 and all(len(r.cells) == 4 for r in data.rows)
    title = "Incidents by quarter"
    assert data.rows[0].texts == [title, title, "", title]  # merged A1:D1, but C is hidden
    assert data.rows[2].texts == ["Date", "Type", "", "Count"]
    assert data.rows[3].texts == ["2013-06-11", "Lost", "", "4"]
    assert data.rows[3].cells[3].value == 4 and isinstance(data.rows[3].cells[3].value, int)
    theft = data.rows[4]
    assert theft.hidden and theft.locator == "sheet=Data;row=5"
    assert theft.cells[0].value == dt.datetime(2013, 7, 1, 14, 5) and theft.texts[0] == "2013-07-01 14:05"
    assert theft.texts[3] == "0.3"
    assert data.rows[5].texts[3] == "25%" and data.rows[5].cells[3].value == 0.25
    assert "secret" not in all_texts(doc)
    assert doc.meta["hidden_sheets"] == "Lookup" and lookup.rows[0].texts == ["list values"]


def _rewrite_members(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        assert set(replace) <= set(src.namelist()), "a test must replace members that exist"
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def test_xlsm_macro_workbook_is_read_and_its_macros_are_not_kept():
    data = _xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml")
    macro_types = types.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    assert macro_types != types
    data = _rewrite_members(data, {"[Content_Types].xml": macro_types},
                            add={"xl/vbaProject.bin": b"Attribute VB_Name = \"Module1\"\nSub AutoOpen()"})
    assert detect_kind(data, "xlsm") is FileKind.XLSX
    doc = read_bytes(data, "reply.xlsm")
    assert doc.tables[0].rows[2].texts == ["Date", "Type", "", "Count"]
    assert "AutoOpen" not in all_texts(doc)


# ---------------------------------------------------------------- hostile and broken files


def _patch_central_entry(data: bytes, member: str, offset: int, value: int, fmt: str = "<I") -> bytes:
    """Change one field of `member`'s central directory entry (nothing else changes)."""
    buf = bytearray(data)
    entry = data.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", buf, entry + 28)[0]
        if bytes(buf[entry + 46: entry + 46 + name_len]).decode() == member:
            struct.pack_into(fmt, buf, entry + offset, value)
            return bytes(buf)
        entry = data.index(b"PK\x01\x02", entry + 4)


def test_zip_bomb_by_declared_size_is_refused_before_inflating():
    # the central directory's uncompressed-size field (offset 24) claims nearly 4 GB
    data = _patch_central_entry(_xlsx_bytes(), "xl/worksheets/sheet1.xml", 24, 0xFFFF0000)
    with pytest.raises(LimitExceeded) as exc:
        read_bytes(data, "bomb.xlsx")
    assert exc.value.limit == "max_inflated_bytes" and "max_inflated_bytes" in str(exc.value)


def test_zip_encrypted_member_is_an_encrypted_file():
    # general-purpose flag bit 0 (offset 8) marks a member encrypted with a ZIP password
    data = _patch_central_entry(_xlsx_bytes(), "xl/worksheets/sheet1.xml", 8, 0x1, "<H")
    with pytest.raises(EncryptedFile):
        read_bytes(data, "zip-locked.xlsx")


def test_ods_encrypted_by_its_manifest_is_an_encrypted_file():
    data = _ods_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = zf.read("META-INF/manifest.xml")
    entry = re.search(rb'<manifest:file-entry manifest:full-path="content.xml"[^>]*/>', manifest).group()
    locked = manifest.replace(entry, entry[:-2] + b'><manifest:encryption-data manifest:checksum-type='
                              b'"SHA1/1K"/></manifest:file-entry>')
    assert locked != manifest
    with pytest.raises(EncryptedFile):
        read_bytes(_rewrite_members(data, {"META-INF/manifest.xml": locked}), "locked.ods")


def test_zip_bomb_by_ratio_is_refused():
    # 20 MB of zeros in one member compresses to about 20 KB: a ratio near 1000
    data = _rewrite_members(_xlsx_bytes(), {}, add={"xl/media/padding.bin": bytes(20_000_000)})
    assert detect_kind(data, "xlsx") is FileKind.XLSX
    with pytest.raises(LimitExceeded) as exc:
        read_bytes(data, "bomb.xlsx")
    assert exc.value.limit == "max_inflation_ratio"
    # the same file passes a looser limit: the ratio, not something else, refused it
    zipsafe.check_zip(data, DEFAULT_LIMITS.with_overrides(max_inflation_ratio=5000))


def _entity_payload(root: bytes, body: bytes) -> bytes:
    """An XML part whose DTD declares a billion-laughs entity and an external one."""
    laughs = b"".join(b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    return (b'<?xml version="1.0"?>\n<!DOCTYPE ' + root + b' [\n<!ENTITY lol0 "lol">\n' + laughs
            + b'<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n' + body)


MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HOSTILE_SHARED_STRINGS = _entity_payload(
    b"sst", b"<sst " + MAIN_NS + b' count="2" uniqueCount="2">'
    b"<si><t>&lol9;</t></si><si><t>&xxe;</t></si></sst>")
HOSTILE_SHEET = _entity_payload(
    b"worksheet", b"<worksheet " + MAIN_NS + b'><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c><c r="B1" t="inlineStr"><is><t>&xxe;</t></is></c>'
    b"</row></sheetData></worksheet>")


SHARED_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _xlsx_with_shared_strings(shared_strings: bytes) -> bytes:
    """A workbook whose A1 and B1 are shared strings 0 and 1, as Excel writes them."""
    book = openpyxl.Workbook()
    book.active["A1"] = "placeholder"
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        types = zf.read("[Content_Types].xml")
    sheet = (b"<worksheet " + MAIN_NS + b'><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
             b'<c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>')
    types = types.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
                          + SHARED_STRINGS_TYPE + b'"/></Types>')
    return _rewrite_members(out.getvalue(), {"xl/worksheets/sheet1.xml": sheet, "[Content_Types].xml": types},
                            add={"xl/sharedStrings.xml": shared_strings})


def test_shared_strings_fixture_is_read_when_harmless():
    benign = (b'<?xml version="1.0"?>\n<sst ' + MAIN_NS + b' count="2" uniqueCount="2">'
              b"<si><t>Date</t></si><si><t>Outcome</t></si></sst>")
    (table,) = read_bytes(_xlsx_with_shared_strings(benign), "ok.xlsx").tables
    assert table.rows[0].texts == ["Date", "Outcome"]


@pytest.mark.parametrize("member,encoding", [
    ("xl/sharedStrings.xml", "utf-8"),
    ("xl/sharedStrings.xml", "utf-16"),
    ("xl/worksheets/sheet1.xml", "utf-8"),
])
def test_xlsx_with_entities_is_refused_never_expanded_or_resolved(member, encoding):
    payload = HOSTILE_SHARED_STRINGS if member == "xl/sharedStrings.xml" else HOSTILE_SHEET
    if encoding != "utf-8":
        declared = payload.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"')
        payload = declared.decode().encode(encoding)
    benign = (b'<?xml version="1.0"?>\n<sst ' + MAIN_NS + b' count="2" uniqueCount="2">'
              b"<si><t>a</t></si><si><t>b</t></si></sst>")
    data = _rewrite_members(_xlsx_with_shared_strings(benign), {member: payload})
    with pytest.raises(CorruptFile, match="DTD"):
        read_bytes(data, "xxe.xlsx")


def test_ods_with_entities_is_refused():
    data = _ods_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = zf.read("content.xml")
    root_start = content.index(b"<office:document-content")
    hostile = (b'<?xml version="1.0"?>\n<!DOCTYPE office:document-content '
               b'[<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' + content[root_start:])
    hostile = hostile.replace(b"Breaches by month", b"&xxe;")
    with pytest.raises(CorruptFile, match="DTD"):
        read_bytes(_rewrite_members(data, {"content.xml": hostile}), "xxe.ods")


def test_xlsx_with_a_broken_central_directory_is_corrupt():
    data = bytearray(_xlsx_bytes())
    directory = data.index(b"PK\x01\x02")
    data[directory:] = b"\x00" * (len(data) - directory)  # local entries intact, directory gone
    assert detect_kind(bytes(data), "xlsx") is FileKind.XLSX  # still told apart by local headers
    with pytest.raises(CorruptFile, match="ZIP directory cannot be read"):
        read_bytes(bytes(data), "broken.xlsx")


@pytest.mark.parametrize("member,junk", [
    ("xl/workbook.xml", b"<workbook><unclosed>"),
    ("xl/worksheets/sheet1.xml", b"not xml at all"),
    ("[Content_Types].xml", b"garbage"),
])
def test_xlsx_with_a_damaged_part_is_corrupt_not_a_crash(member, junk):
    with pytest.raises(CorruptFile, match="damaged"):
        read_bytes(_rewrite_members(_xlsx_bytes(), {member: junk}), "damaged.xlsx")


def test_truncated_xls_and_damaged_ods_are_corrupt():
    with pytest.raises(CorruptFile, match="damaged"):
        read_bytes(_xls_bytes()[:3000], "truncated.xls")
    ods = _ods_bytes()
    with pytest.raises(CorruptFile, match="content.xml"):
        read_bytes(_rewrite_members(ods, {"content.xml": b"<office:document-content"}), "damaged.ods")


def _encrypted_ooxml_bytes() -> bytes:
    """A minimal OLE compound file holding EncryptionInfo and EncryptedPackage streams,
    the shape Office gives a password-protected .xlsx."""
    sector = 512
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    stream_sectors = 8  # 4096 bytes each: at the mini-stream cutoff, so stored in normal sectors
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)
    header[80:] = b"\xff" * (sector - 80)
    fat = [fat_sector, end]
    for first in (2, 2 + stream_sectors):
        fat += [first + i + 1 for i in range(stream_sectors - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(name, kind, left, right, child, start, size):
        raw = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le") if name else b""
        raw[0:len(encoded)] = encoded
        struct.pack_into("<HBBIII", raw, 64, len(encoded), kind, 1, left, right, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = (entry("Root Entry", 5, no_stream, no_stream, 1, end, 0)
                 + entry("EncryptionInfo", 2, no_stream, 2, no_stream, 2, 4096)
                 + entry("EncryptedPackage", 2, no_stream, no_stream, no_stream, 2 + stream_sectors, 4096)
                 + entry("", 0, no_stream, no_stream, no_stream, 0, 0))
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"\x01" * (2 * stream_sectors * sector)
    return bytes(header) + body


def test_password_protected_xlsx_is_an_encrypted_file():
    data = _encrypted_ooxml_bytes()
    assert detect_kind(data, "xlsx") is FileKind.XLSX
    with pytest.raises(EncryptedFile):
        read_bytes(data, "locked.xlsx")


@pytest.mark.parametrize("name,builder", [
    (WARWICKSHIRE, None), (BRISTOL, None), (CHESHIRE, None), ("generated.ods", _ods_bytes),
])
def test_cell_limit_applies_to_every_spreadsheet_format(name, builder):
    data = builder() if builder else (FILES / name).read_bytes()
    with pytest.raises(LimitExceeded) as exc:
        read_bytes(data, name, DEFAULT_LIMITS.with_overrides(max_sheet_cells=20))
    assert exc.value.limit == "max_sheet_cells"
    assert read_bytes(data, name).tables  # the default limit reads the same file


def test_xlsx_storing_too_many_cells_is_refused_before_loading():
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Big")
    for r in range(300):
        sheet.append([0] * 10)  # 300 rows x 10 columns = 3,000 stored cells
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(LimitExceeded, match="store more than"):
        read_bytes(out.getvalue(), "big.xlsx", DEFAULT_LIMITS.with_overrides(max_sheet_cells=1000))


# ---------------------------------------------------------------- csv details


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_csv_delimiter_is_sniffed_despite_a_title_line_and_decimal_commas(delimiter):
    lines = ["Breaches reported, 2011-2014", "",
             delimiter.join(["Date", "Type", "Rate"]),
             delimiter.join(["01/04/2011", "Lost", "1,5"]),
             delimiter.join(["02/04/2011", "Stolen", "2,5"])]
    if delimiter == ",":
        lines[3:] = ['01/04/2011,Lost,"1,5"', '02/04/2011,Stolen,"2,5"']
    doc = read_bytes(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"), "x.csv")
    (table,) = doc.tables
    assert doc.meta["delimiter"] == delimiter
    assert [r.locator for r in table.rows] == ["line=1", "line=2", "line=3", "line=4", "line=5"]
    assert table.rows[3].texts == ["01/04/2011", "Lost", "1,5"]
    assert table.rows[1].is_blank()


def test_csv_record_spanning_lines_is_located_where_it_starts():
    data = 'Date,Description\n01/04/2011,"Letter sent\nto wrong address"\n02/04/2011,Lost file\n'.encode()
    (table,) = read_bytes(data, "x.csv").tables
    assert [r.locator for r in table.rows] == ["line=1", "line=2", "line=4"]
    assert table.rows[1].texts[1] == "Letter sent\nto wrong address"


def test_utf8_bom_csv_is_decoded_without_the_bom():
    data = "\ufeffDate,Outcome\n03/05/2011,Fined \u00a3350\n".encode("utf-8")
    doc = read_bytes(data, "x.csv")
    assert doc.tables[0].rows[0].texts == ["Date", "Outcome"]
    assert doc.tables[0].rows[1].texts[1] == "Fined \u00a3350"


def test_a_date_shown_as_a_month_is_read_as_that_month(tmp_path):
    """`mmm-yy` cells mean a month; the interpreter must not take them for the 1st of it."""
    import datetime as dt
    import io

    import openpyxl

    from extractors.registry import Source, read_document
    from interpret.dates import parse_period

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Month", "Breach"])
    ws.append([dt.datetime(2011, 4, 1), "Laptop left on a bus"])
    ws["A2"].number_format = "mmm-yy"
    ws.append([dt.datetime(2011, 5, 17), "Letter misaddressed"])
    ws["A3"].number_format = "dd/mm/yyyy"
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_document(Source(buf.getvalue(), "months.xlsx"))
    month_cell, day_cell = doc.tables[0].rows[1].cells[0], doc.tables[0].rows[2].cells[0]
    assert month_cell.text == "April 2011"
    period = parse_period(month_cell.text)
    assert (period.start, period.end) == (dt.date(2011, 4, 1), dt.date(2011, 4, 30))
    assert day_cell.value == dt.date(2011, 5, 17)
