"""Writes the input files of the tests/cases/table-* golden cases (run once; inputs are committed).

    .venv/bin/python tests/cases/make_table_cases.py

Each reply is invented, in a layout the samples and foi/synth do not produce.
expected.json beside each input is labelled by hand, not generated here.
"""
import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import xlwt
from docx import Document as Docx
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle

HERE = Path(__file__).parent


def _dir(name: str) -> Path:
    path = HERE / name
    path.mkdir(exist_ok=True)
    return path


def month_year_grid() -> None:
    """Months down, calendar years across, zeros and '-' for none, Total row and column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Monthly"
    ws.append(["Information security incidents, reported per month"])
    ws.append(["Period covered: 1 January 2012 to 31 December 2013"])
    ws.append([])
    ws.append(["Month reported", 2012, 2013, "Total"])
    grid = {"January": (2, 0), "February": (0, "-"), "March": (1, 3), "April": ("-", "-"), "May": (4, 1),
            "June": (0, 0), "July": (0, 2), "August": ("-", "-"), "September": (1, 0), "October": (0, 0),
            "November": (0, 1), "December": (2, "-")}
    for month, (a, b) in grid.items():
        total = sum(v for v in (a, b) if isinstance(v, int))
        ws.append([month, a, b, total])
    ws.append(["Total", 10, 7, 17])
    ws.append([])
    ws.append(["'-' = no incidents recorded that month"])
    wb.save(_dir("table-month-year-grid") / "input.xlsx")


def _ods_row(table, values):
    row = TableRow()
    for v in values:
        if isinstance(v, int):
            cell = TableCell(valuetype="float", value=v)
            cell.addElement(P(text=str(v)))
        else:
            cell = TableCell(valuetype="string")
            if v:
                cell.addElement(P(text=v))
        row.addElement(cell)
    table.addElement(row)


def outcome_rows_crosstab() -> None:
    """Outcomes down, breach types across, the Total column on the LEFT, 'nil' for none."""
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Outcomes")
    _ods_row(table, ["Breaches of data protection, 1 April 2011 to 31 March 2014"])
    _ods_row(table, [])
    _ods_row(table, ["Sanction", "All breaches", "Documents mislaid", "Correspondence to wrong address",
                     "Viewing records without a business reason"])
    _ods_row(table, ["No further action", 5, 3, 2, "nil"])
    _ods_row(table, ["Advice and guidance", 7, 2, 4, 1])
    _ods_row(table, ["First written warning", 2, "nil", "nil", 2])
    _ods_row(table, ["Dismissal", 1, "nil", "nil", 1])
    _ods_row(table, ["All sanctions", 15, 5, 6, 4])
    doc.spreadsheet.addElement(table)
    doc.save(str(_dir("table-outcome-rows-totals-left") / "input.ods"))


def stacked_summary_listing() -> None:
    """A count summary above, a blank row, then the listing it summarises with its own header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Breaches"
    ws.append(["Summary by category"])
    ws.append(["Category", "Number"])
    ws.append(["Lost paperwork", 2])
    ws.append(["Misdirected e-mail", 2])
    ws.append(["Total", 4])
    ws.append([])
    ws.append(["Ref", "Date reported", "Directorate", "Nature of incident", "Sanction imposed", "Grade"])
    rows = [
        ["IG/12/004", dt.datetime(2012, 5, 9), "Children's Services",
         "Case notes left on a bus by a family support worker and never recovered", "Verbal warning", "Scale 6"],
        ["IG/12/019", dt.datetime(2012, 11, 21), "Resources",
         "Payroll spreadsheet e-mailed to the wrong external recipient", "Management advice", "SO1"],
        ["IG/13/002", dt.datetime(2013, 2, 4), "Adult Social Care",
         "Care plan folder lost after a home visit", "No formal action", "Grade 5"],
        ["IG/13/027", dt.datetime(2013, 9, 30), "Place",
         "Planning objection forwarded by e-mail to the applicant in error, names not removed",
         "First written warning", "PO2"],
    ]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=8, max_row=11, min_col=2, max_col=2):
        row[0].number_format = "dd/mm/yyyy"
    wb.save(_dir("table-stacked-summary-listing") / "input.xlsx")


def two_row_header() -> None:
    """Header in two rows, 'Incident' and 'Employee' each merged over two columns; mixed date forms."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(["Case", "Incident", None, "Employee", None])
    ws.append([None, "Date", "What happened", "Job title", "Disciplinary result"])
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws.merge_cells("A1:A2")
    rows = [
        ["C1", "3rd March 2012", "Medical report posted to the wrong address", "Occupational therapist",
         "Reflective practice"],
        ["C2", "03.07.12", "Benefits officer looked up a neighbour's claim without a business need",
         "Benefits officer", "Final written warning"],
        ["C3", "41289", "Encrypted laptop stolen from a locked car", "Housing officer", "No action"],
        ["C4", "March-13", "Unshredded tenancy files put in a public recycling bin", "Caretaker",
         "Written warning"],
        ["C5", dt.datetime(2013, 10, 15), "Court bundle faxed to the wrong solicitor", "Legal assistant",
         "Resigned before hearing"],
    ]
    for r in rows:
        ws.append(r)
    ws["B7"].number_format = "d mmmm yyyy"
    wb.save(_dir("table-two-row-header") / "input.xlsx")


def semicolon_csv() -> None:
    """Semicolon CSV, a preamble line and a 'Source:' trailer; dd.mm.yyyy dates; employment types."""
    out = io.StringIO()
    out.write("Data protection incidents involving staff 2012-2013\n")
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(["Incident No", "Date logged", "Category", "Summary", "Outcome", "Employment type"])
    w.writerow(["2012-031", "14.05.2012", "Disclosed in error", "Tenant's rent statement sent to another tenant",
                "Retraining", "Permanent"])
    w.writerow(["2012-077", "02.10.2012", "Loss", "USB stick with school admissions list lost",
                "No action", "Agency"])
    w.writerow(["2013-005", "28.01.2013", "Unauthorised access",
                "Looked at the council tax account of an ex-partner", "Dismissed", "Permanent"])
    w.writerow(["2013-040", "11.06.2013", "Theft", "Bag with visit notes stolen from a car", "None",
                "Contractor"])
    out.write("\n")
    out.write("Source: Information Governance incident log, extracted 12/06/2014\n")
    (_dir("table-semicolon-csv") / "input.csv").write_text(out.getvalue(), encoding="utf-8")


def html_rowspan() -> None:
    """HTML table grouped by outcome: the outcome cell spans its rows."""
    html = """<html><head><title>Breaches</title></head><body>
<h2>Personal data breaches 2011/12 to 2013/14</h2>
<table border="1">
<tr><th>Action taken</th><th>Date</th><th>Description</th></tr>
<tr><td rowspan="3">Words of advice</td><td>12/06/2011</td><td>Copy of a tenancy agreement handed to the wrong tenant</td></tr>
<tr><td>05/01/2012</td><td>Diary with clients' addresses lost in town centre</td></tr>
<tr><td>19/09/2012</td><td>Emails sent to residents without using bcc</td></tr>
<tr><td rowspan="2">Written warning</td><td>23/04/2013</td><td>Checked a relative's housing file without authority</td></tr>
<tr><td>30/10/2013</td><td>Disclosed a client's address to her former partner</td></tr>
<tr><td>Dismissed</td><td>14/02/2014</td><td>Copied customer records to a personal email account</td></tr>
</table>
<p>Total: 6 incidents</p>
</body></html>"""
    (_dir("table-html-rowspan") / "input.html").write_text(html, encoding="utf-8")


def landscape_pdf_wrapped() -> None:
    """Landscape PDF, ruled table, descriptions wrapping over three lines."""
    path = _dir("table-pdf-landscape-wrapped") / "input.pdf"
    styles = getSampleStyleSheet()
    small = styles["BodyText"]
    docpdf = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    head = ["Date of breach", "Description of breach", "Employee category", "Outcome"]
    data = [
        ["17/08/2011",
         "A member of staff in the contact centre sent a letter containing details of a council tax "
         "debt to a previous occupier of the property instead of the current resident, who complained",
         "Customer adviser", "Management advice"],
        ["02/02/2012",
         "Paper files containing social care assessments for several families were left in a meeting "
         "room at a partner's premises overnight and found by cleaning staff the next morning",
         "Social worker", "Verbal warning"],
        ["26/11/2013",
         "An officer used the housing system to look up the address of a person with whom they were in "
         "a personal dispute; this was identified by an audit of system access logs",
         "Housing officer", "Dismissed"],
    ]
    table = PdfTable([head] + [[Paragraph(c, small) if i == 1 else c for i, c in enumerate(r)] for r in data],
                     colWidths=[80, 380, 120, 140])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    docpdf.build([Paragraph("Data protection breaches, April 2011 to March 2014", styles["Heading2"]),
                  Spacer(1, 12), table])


def year_columns_grand_total() -> None:
    """Legacy .xls: breach types by financial year, a 'Total' row and a 'Grand Total' column,
    '*' with a legend and 'nil' cells."""
    wb = xlwt.Workbook()
    ws = wb.add_sheet("By year")
    rows = [
        ["Personal data incidents by type"],
        [],
        ["Type of incident", "2011/12", "2012/13", "2013/14", "Grand Total"],
        ["Unauthorised disclosure", 6, "*", 5, 14],
        ["Loss of documents", "nil", 2, "*", 5],
        ["Inappropriate access to records", 3, 4, "nil", 7],
        ["Total", 11, 8, 7, 26],
        [],
        ["* = 1 to 4 incidents (suppressed to protect the individuals concerned)"],
    ]
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            ws.write(r, c, v)
    wb.save(str(_dir("table-year-columns-grand-total") / "input.xls"))


def police_ranks() -> None:
    """Police listing with a 'Rank' column of abbreviations."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Misconduct"
    ws.append(["Professional Standards - data misuse cases"])
    ws.append(["Rank", "Date", "Circumstances", "Result"])
    rows = [
        ["PC", "04/07/2011", "Checked PNC for a friend's vehicle", "Final written warning"],
        ["DS", "19/12/2011", "Passed details of an investigation to a journalist", "Dismissed"],
        ["Insp", "08/03/2012", "Left a briefing document on a train", "Management action"],
        ["PCSO", "22/08/2012", "Searched force systems for information about a neighbour", "Written warning"],
        ["SC", "15/01/2013", "Posted a photograph of a custody record on Facebook", "Resigned"],
        ["Police Staff", "06/06/2013", "Viewed incident logs about a family member", "Words of advice"],
    ]
    for r in rows:
        ws.append(r)
    wb.save(_dir("table-police-ranks") / "input.xlsx")


def quarter_counts() -> None:
    """Grouped counts per financial quarter, suppressed as 'fewer than 5' and '<3', 'nil'."""
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Quarters")
    _ods_row(table, ["Quarter", "Breach type", "Cases"])
    _ods_row(table, ["Q1 2012/13", "Information sent to the wrong person", 6])
    _ods_row(table, ["Q2 2012/13", "Information sent to the wrong person", "fewer than 5"])
    _ods_row(table, ["Q3 2012/13", "Lost files", "<3"])
    _ods_row(table, ["Q4 2012/13", "Lost files", "nil"])
    _ods_row(table, ["Q1 2013/14", "Stolen equipment", 1])
    doc.spreadsheet.addElement(table)
    doc.save(str(_dir("table-quarter-counts") / "input.ods"))


def docx_unusual_headers() -> None:
    """Word table: Ref | Date reported | Department | Category | Summary | Disciplinary outcome | Employee type."""
    d = Docx()
    d.add_paragraph("Annex A - incidents")
    head = ["Ref", "Date reported", "Department", "Category", "Summary", "Disciplinary outcome", "Employee type"]
    rows = [
        ["A/01", "7 Sept 2011", "Revenues", "Misdirected post", "Council tax bill sent to the wrong address",
         "Informal advice", "Agency"],
        ["A/02", "30-Jan-12", "Education", "Lost data", "Pupil list dropped in a car park", "-", "Permanent"],
        ["A/03", "1st August 2013", "Housing", "Unauthorised access",
         "Tenancy records browsed out of curiosity", "Gross misconduct - dismissed", "Permanent"],
    ]
    t = d.add_table(rows=1 + len(rows), cols=len(head))
    for i, h in enumerate(head):
        t.rows[0].cells[i].text = h
    for r, values in enumerate(rows, start=1):
        for i, v in enumerate(values):
            t.rows[r].cells[i].text = v
    d.save(str(_dir("table-docx-unusual-headers") / "input.docx"))


if __name__ == "__main__":
    month_year_grid()
    outcome_rows_crosstab()
    stacked_summary_listing()
    two_row_header()
    semicolon_csv()
    html_rowspan()
    landscape_pdf_wrapped()
    year_columns_grand_total()
    police_ranks()
    quarter_counts()
    docx_unusual_headers()
