"""The PDF extractor on the shared samples and on PDFs generated here (tests/fixtures_pdf.py)."""
from __future__ import annotations

import difflib
import json
import re

import pdfplumber
import pytest

from extractors import layout, pdf
from extractors.document import Document, Line, Table
from extractors.errors import CorruptFile, EncryptedFile, ExtractionError, LimitExceeded
from extractors.registry import Source, read_document
from foi.settings import DEFAULT_LIMITS
from tests import fixtures_pdf
from tests.conftest import SAMPLES

FILES = SAMPLES / "files"
SCAN = "northamptonshire-cc/scan_FOI-14-00873.pdf"
DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def read(relative: str, **limits) -> Document:
    data = (FILES / relative).read_bytes()
    return pdf.extract(Source(data, relative, DEFAULT_LIMITS.with_overrides(**limits)))


def rows(table: Table) -> list[list[str]]:
    return [row.texts for row in table.rows]


@pytest.fixture(scope="module")
def scanned_sample() -> Document:
    return read(SCAN)


@pytest.fixture(scope="module")
def generated_scan() -> Document:
    scan = fixtures_pdf.as_scan(fixtures_pdf.ruled_table_pdf(), dpi=200, angle=1.5, noise=0.002)
    return pdf.extract(Source(scan, "generated/scan.pdf"))


# --- typed PDFs: ruled tables and letter text ------------------------------------------------


def test_derbyshire_ruled_table_with_wrapped_cells_and_the_letter_around_it():
    doc = read("derbyshire-cc/FOI_response_2014-1187.pdf")
    assert doc.kind == "pdf" and doc.pages == 2 and not doc.problems
    assert doc.meta["title"] == "FOI 2014/1187 response"
    [table] = doc.tables
    assert table.locator == "page=1;table=1"
    assert rows(table)[0] == ["Date", "Nature of breach", "Action taken"]
    data = rows(table)[1:]
    assert len(data) == 12 and all(DATE.match(r[0]) for r in data)
    # a wrapped cell is one string, its lines joined by a space
    assert data[0][1] == ("E-mail containing a child protection conference report sent to an external "
                          "recipient with a similar name (address auto-completed)")
    assert [r.locator for r in table.rows][:2] == ["page=1;table=1;row=1", "page=1;table=1;row=2"]
    # table text is not repeated as lines; the totals sentence comes after the table
    texts = [line.text for line in doc.lines]
    assert not any("14/06/2011" in t for t in texts)
    totals = next(i for i, e in enumerate(doc.elements)
                  if isinstance(e, Line) and e.text.startswith("In total there were 12"))
    assert totals > doc.elements.index(table)
    assert doc.lines[0].locator == "page=1;line=1"
    assert any(line.locator.startswith("page=2;line=") for line in doc.lines)


def test_kent_table_continues_on_page_two_with_its_header_repeated():
    doc = read("kent-cc/FOI 14-0562 Response.pdf")
    first, second = doc.tables
    assert (first.locator, second.locator) == ("page=1;table=1", "page=2;table=1")
    header = ["Month reported", "Directorate", "Description of incident", "Outcome"]
    assert rows(first)[0] == header and rows(second)[0] == header
    assert second.rows[-1].locator == f"page=2;table=1;row={len(second.rows)}"
    # the totals row states the count of the rows above it, across both pages
    total_row = rows(second)[-1]
    assert total_row[0] == "Total"
    stated = int(re.search(r"\d+", " ".join(total_row[1:])).group())
    incidents = [r for r in rows(first)[1:] + rows(second)[1:-1]]
    assert len(incidents) == stated == 36
    assert all(re.match(r"^[A-Z][a-z]{2} \d{4}$", r[0]) for r in incidents)


@pytest.mark.parametrize("relative, shape", [
    ("kent-police/FOI-2014-00415 Final Response.pdf", (7, 3)),
    ("police-scotland/IM-FOI-2014-1346 Response.pdf", (6, 2)),
    ("met-police/2014060001875 Final Response.pdf", (12, 3)),
])
def test_police_replies_give_their_tables(relative, shape):
    doc = read(relative)
    [table] = doc.tables
    assert (len(table.rows), len(table.rows[0].cells)) == shape
    assert all(cell for cell in rows(table)[0])  # the header row is read whole
    assert doc.lines  # the letter around the table is there too


def test_kent_police_suppressed_counts_are_read_as_written():
    [table] = read("kent-police/FOI-2014-00415 Final Response.pdf").tables
    assert rows(table)[1] == ["No further action", "6", "<5"]


@pytest.mark.parametrize("relative, phrase", [
    ("oxfordshire-cc/FOI 6114 - response letter.pdf", "Of the 27 incidents, 11 related to e-mails"),
    ("met-police/2014040001234 - Refusal Notice.pdf", "I am therefore refusing your request under section 12"),
])
def test_prose_letters_give_lines_and_no_table(relative, phrase):
    doc = read(relative)
    assert doc.tables == [] and not doc.problems
    assert any(line.text.startswith(phrase) for line in doc.lines)
    # the letterhead stays lines, one per printed line, in order
    assert doc.lines[0].locator == "page=1;line=1"
    assert any(line.text.startswith("Our ref") for line in doc.lines[:6])


def test_encrypted_pdf_raises_encrypted_file():
    with pytest.raises(EncryptedFile, match="password-protected"):
        read("unsorted/FOI Response - Data Protection Breaches.pdf")


def test_truncated_pdf_raises_corrupt_file():
    with pytest.raises(CorruptFile, match="damaged or truncated"):
        read("unsorted/Response_letter.pdf")


@pytest.mark.parametrize("good, mangled", [
    (b"/MediaBox [ 0 0", b"/MediaBox \x01 0 0"),  # found by fuzzing: a byte flipped in the page box
    (b"/Rotate 0", b"/Rotate x"),
])
def test_mangled_page_dictionary_is_a_corrupt_file_not_a_crash(good, mangled):
    data = (FILES / "derbyshire-cc/FOI_response_2014-1187.pdf").read_bytes()
    assert len(good) == len(mangled) and good in data  # same length: the xref offsets stay right
    with pytest.raises(CorruptFile, match="damaged or truncated"):
        pdf.extract(Source(data.replace(good, mangled), "mangled.pdf"))


def test_registry_sends_pdfs_here():
    relative = "police-scotland/IM-FOI-2014-1346 Response.pdf"
    doc = read_document(Source((FILES / relative).read_bytes(), relative))
    assert doc.kind == "pdf" and len(doc.tables) == 1


def test_page_limit():
    with pytest.raises(LimitExceeded, match="2 pages") as caught:
        read("derbyshire-cc/FOI_response_2014-1187.pdf", max_pages=1)
    assert caught.value.limit == "max_pages"


def test_time_limit_leaves_a_partial_document():
    doc = read("derbyshire-cc/FOI_response_2014-1187.pdf", per_file_seconds=1e-9)
    assert doc.problems and "per_file_seconds" in doc.problems[0]


def test_every_page_is_closed_after_reading(monkeypatch):
    closed: list[int] = []
    original = pdfplumber.page.Page.close

    def close(self):
        closed.append(self.page_number)
        original(self)

    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    read("kent-cc/FOI 14-0562 Response.pdf")
    assert sorted(set(closed)) == [1, 2, 3]


# --- generated typed PDFs --------------------------------------------------------------------


def test_unruled_whitespace_table_is_read_as_a_table():
    doc = pdf.extract(Source(fixtures_pdf.unruled_table_pdf(), "generated/unruled.pdf"))
    [table] = doc.tables
    assert rows(table) == [list(fixtures_pdf.HEADER)] + [list(r) for r in fixtures_pdf.LISTING]
    texts = [line.text for line in doc.lines]
    # the two-block letterhead and the justified prose are not tables
    assert "Information Governance Team Our ref: FOI/2014/0456" in texts
    assert any(t.startswith("Thank you for your request") for t in texts)
    assert texts[-1] == fixtures_pdf.AFTER_TABLE
    assert doc.elements[-1].text == fixtures_pdf.AFTER_TABLE  # the sentence after the table comes after it


def test_rotated_landscape_page_reads_upright():
    doc = pdf.extract(Source(fixtures_pdf.ruled_table_pdf(rotated=True), "generated/rotated.pdf"))
    [table] = doc.tables
    assert rows(table)[1:] == [list(r) for r in fixtures_pdf.LISTING]
    assert doc.lines[0].text == "Borsetshire County Council"


def test_a_boxed_paragraph_is_not_a_table():
    doc = pdf.extract(Source(fixtures_pdf.boxed_note_pdf(), "generated/boxed.pdf"))
    assert doc.tables == []
    assert doc.lines[-1].text.startswith("Please note that the figures above exclude")


# --- scans -----------------------------------------------------------------------------------


def test_scanned_sample_gives_the_gold_rows(scanned_sample):
    doc = scanned_sample
    assert doc.kind == "pdf_scanned" and doc.pages == 1 and not doc.problems
    [table] = doc.tables
    assert rows(table)[0] == ["Date", "Details of breach", "Outcome"]
    gold = json.loads((SAMPLES / "gold.json").read_text())["files"][SCAN]["incidents"]
    matched = 0
    for incident in gold:
        day = "/".join(reversed(incident["date"].split("-")))
        row = next((r for r in rows(table) if r[0] == day), None)
        if row and difflib.SequenceMatcher(None, row[1], incident["description"]).ratio() >= 0.9:
            matched += 1
    assert matched / len(gold) >= 0.85
    assert all(0 < row.ocr_confidence <= 1 for row in table.rows)
    assert all(line.ocr_confidence is not None for line in doc.lines)
    assert any("1 April 2011 and 31 March 2014" in line.text for line in doc.lines)


def test_scanned_rows_keep_wrapped_outcomes_whole(scanned_sample):
    [table] = scanned_sample.tables
    outcomes = {r[0]: r[2] for r in rows(table)}
    assert outcomes["16/04/2012"] == "Words of advice given to the volunteer"
    assert outcomes["22/08/2011"] == "Contract terminated"


def test_generated_skewed_noisy_scan_reads_back_its_rows(generated_scan):
    doc = generated_scan
    assert doc.kind == "pdf_scanned"
    [table] = doc.tables
    got = rows(table)[1:]
    assert [r[0] for r in got] == [r[0] for r in fixtures_pdf.LISTING]
    assert [r[2] for r in got] == [r[2] for r in fixtures_pdf.LISTING]
    for read_row, written in zip(got, fixtures_pdf.LISTING):
        assert difflib.SequenceMatcher(None, read_row[1], written[1]).ratio() >= 0.9
    assert doc.elements[-1].text.startswith("In total there were 4 incidents")


def test_scan_without_tesseract_says_the_ocr_engine_is_missing(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    scan = fixtures_pdf.as_scan(fixtures_pdf.boxed_note_pdf(), dpi=100, angle=0, noise=0)
    with pytest.raises(ExtractionError, match="OCR engine .* not installed"):
        pdf.extract(Source(scan, "generated/scan.pdf"))


def test_huge_scanned_page_is_skipped_with_a_problem():
    scan = fixtures_pdf.as_scan(fixtures_pdf.boxed_note_pdf(), dpi=100, angle=0, noise=0)
    doc = pdf.extract(Source(scan, "generated/scan.pdf", DEFAULT_LIMITS.with_overrides(max_page_area_pt2=1000)))
    assert doc.kind == "pdf_scanned" and doc.elements == []
    assert doc.problems == [doc.problems[0]] and "too large" in doc.problems[0]


def test_picture_without_text_is_reported_as_unreadable():
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("L", (225, 300), 255)  # a 3 x 4 inch photo: shapes, no print
    ImageDraw.Draw(picture).ellipse((40, 50, 160, 170), fill=0)
    ImageDraw.Draw(picture).rectangle((20, 200, 200, 260), fill=40)
    data = io.BytesIO()
    picture.save(data, format="PDF", resolution=75)
    doc = pdf.extract(Source(data.getvalue(), "generated/picture.pdf"))
    assert doc.problems == ["page 1: OCR could not read any text"]
    assert doc.elements == []


# --- the column logic on its own -------------------------------------------------------------


def words_at(top: float, *cells: tuple[str, float]) -> list[layout.Word]:
    """Words of one printed line: each cell's text starting at x, 5 units per character."""
    out = []
    for text, x in cells:
        for word in text.split():
            out.append(layout.Word(word, x, x + 5 * len(word), top, top + 10))
            x += 5 * len(word) + 3
    return out


def test_label_and_count_columns_make_a_table():
    words = words_at(0, ("Type of breach", 0), ("Cases", 300))
    for i, (label, count) in enumerate([("Loss", "4"), ("Theft of equipment", "<5"), ("Misuse of systems", "12")]):
        words += words_at(14 * (i + 1), (label, 0), (count, 300))
    result = layout.lay_out_words(words)
    [table] = result.tables
    assert [r.cells for r in table.rows] == [
        ["Type of breach", "Cases"], ["Loss", "4"], ["Theft of equipment", "<5"], ["Misuse of systems", "12"]]


def test_two_blocks_of_address_lines_are_not_a_table():
    words = []
    for i, (left, right) in enumerate([("County Hall", "Our ref: FOI 123"), ("Market Street", "Your ref: none"),
                                       ("Borchester", "Date: 2 June 2014"), ("BC1 2AB", "Tel: 01234 567890")]):
        words += words_at(14 * i, (left, 0), (right, 300))
    result = layout.lay_out_words(words)
    assert result.tables == [] and len(result.lines) == 4


def staff_table(row_gap: float) -> list[layout.Word]:
    """A three-column table whose second row wraps in every column, lines 2 apart, rows `row_gap` apart."""
    lines = [
        [("Rank", 0), ("Summary", 100), ("Outcome", 300)],
        [("Police Staff", 0), ("Lost a USB stick", 100), ("Words of", 300)],
        [("(Band E)", 0), ("with witness details", 100), ("advice", 300)],
        [("PC", 0), ("Looked up a neighbour", 100), ("Dismissed", 300)],
        [("PCSO", 0), ("Checked PNC records", 100), ("Resigned", 300)],
    ]
    words, top = [], 0.0
    for i, cells in enumerate(lines):
        words += words_at(top, *cells)
        top += 10 + (2 if i == 1 else row_gap)
    return words


def test_a_wrapped_first_cell_joins_its_row_when_rows_are_spaced_wider_than_lines():
    [table] = layout.lay_out_words(staff_table(row_gap=6)).tables
    assert [r.cells for r in table.rows][1] == [
        "Police Staff (Band E)", "Lost a USB stick with witness details", "Words of advice"]
    assert len(table.rows) == 4


def test_rules_say_where_rows_end_when_spacing_cannot():
    evenly_spaced = staff_table(row_gap=2)
    [table] = layout.lay_out_words(evenly_spaced).tables
    assert [r.cells[0] for r in table.rows] == ["Rank", "Police Staff", "(Band E)", "PC", "PCSO"]
    [ruled] = layout.lay_out_words(evenly_spaced, row_rules=[11, 35, 47]).tables
    assert [r.cells[0] for r in ruled.rows] == ["Rank", "Police Staff (Band E)", "PC", "PCSO"]


@pytest.mark.parametrize("relative", [
    "derbyshire-cc/FOI_response_2014-1187.pdf",
    "kent-cc/FOI 14-0562 Response.pdf",
    "kent-police/FOI-2014-00415 Final Response.pdf",
    "met-police/2014060001875 Final Response.pdf",
    "police-scotland/IM-FOI-2014-1346 Response.pdf",
])
def test_column_logic_alone_reads_each_ruled_sample_table_as_the_ruling_does(relative):
    """Ignoring the rules, white space alone gives the same rows: the unruled reader is general."""
    ruled = read(relative)
    with pdfplumber.open(FILES / relative) as document:
        for page in document.pages:
            words = [layout.Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                     for w in page.extract_words()]
            by_columns = layout.lay_out_words(words).tables
            expected = [t for t in ruled.tables if t.locator.startswith(f"page={page.page_number};")]
            assert [[r.cells for r in t.rows] for t in by_columns] == [rows(t) for t in expected]


def test_column_settings_name_a_bad_setting():
    with pytest.raises(ValueError, match="column_gap"):
        layout.ColumnSettings(column_gap=0)
