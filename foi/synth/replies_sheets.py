"""Spreadsheet archetypes: listings (xlsx, xls, ods, csv, HTML saved as .xls) and cross-tabulations."""
from __future__ import annotations

from foi.synth.content import Composer, Scenario
from foi.synth.layouts import Shown, crosstab_by_outcome, crosstab_by_year, listing, plan_listing
from foi.synth.model import Reply, Sheet
from foi.synth.reply_parts import file_name, ref_label, reply_period_words, status_of

SHEET_NAMES = ["Data", "Breaches", "DP incidents", "Sheet1", "Incidents", "Response"]


def sheet_titles(c: Composer, sc: Scenario, *, ref: bool) -> list[str]:
    period = reply_period_words(c, sc)
    titles = [c.pick([f"{sc.shown_name} - data protection breaches {period}",
                      f"{sc.shown_name}: staff breaches of the Data Protection Act, {period}",
                      f"{sc.shown_name}"])]
    if titles[0] == sc.shown_name:
        titles.append(f"Data protection incidents {period}")
    if ref:
        titles.append(c.pick(["FOI ref: {}", "Request {}", "Our reference {}"]).format(sc.ref))
    return titles


def spreadsheet_listing(c: Composer, sc: Scenario, *, notes_sheet: bool, n_range=(5, 20),
                        staff_modes: dict | None = None) -> tuple[list[Sheet], Shown, int | None, list[str]]:
    """A listing sheet with title rows above the header, and perhaps a Notes sheet."""
    plan = plan_listing(c, spreadsheet=True, staff_modes=staff_modes or
                        {"column": 50, "describe": 25, "blanket": 15, "none": 5, "withheld": 5})
    shown = listing(c, sc, plan, c.rng.randint(*n_range))
    n = len(shown.incidents)
    notes = list(shown.notes)
    titles = sheet_titles(c, sc, ref=not notes_sheet or c.chance(0.5))
    blank = c.rng.randint(1, 2)
    notes.append(f"header at row {len(titles) + blank + 1}, title rows above it")
    footnotes = []
    if c.chance(0.4):
        excluded = c.rng.randint(2, 5)
        footnotes.append(f"Note: {excluded} further incidents were reported but found not to be breaches "
                         "and are not listed.")
        notes.append("footnote under the table is not an incident")
    shown.grid.footnotes = footnotes
    sheet = Sheet(name=c.pick(SHEET_NAMES), title_rows=titles, grid=shown.grid, blank_rows_before_header=blank)
    sheets, total = [sheet], None
    if notes_sheet:
        lines = [f"Authority: {sc.shown_name}", f"Request reference: {sc.ref}",
                 f"Period covered: {reply_period_words(c, sc)}"]
        if sc.own_period_note:
            lines.append(sc.own_period_note)
        if c.chance(0.7):
            lines.append(f"Total number of incidents: {n}")
            total = n
        if shown.staff_statement:
            lines.append(shown.staff_statement)
        lines.append(c.pick(["Dates are the date the incident was reported.",
                             "Source: information governance incident log."]))
        sheets.append(Sheet(name=c.pick(["Notes", "Read me", "Notes and definitions"]), title_rows=[],
                            text_rows=lines))
        notes.append("second sheet is notes, not incidents")
    elif shown.staff_statement:
        sheet.title_rows.append(shown.staff_statement)
    return sheets, shown, total, notes


def sheet_reply(archetype: str, fmt: str, sc: Scenario, sheets: list[Sheet], shown: Shown,
                total: int | None, notes: list[str], filename: str) -> Reply:
    return Reply(archetype=archetype, format=fmt, authority=sc.authority, request_ref=sc.ref if any(
        sc.ref in t for s in sheets for t in s.title_rows + s.text_rows) else None,
        foi_status=status_of(shown.exemptions), exemptions=shown.exemptions,
        period_start=sc.reply_start, period_end=sc.reply_end,
        reported_total=(total, total) if total is not None else None, incidents=shown.incidents,
        filename=filename, notes="; ".join(notes), reply_date=sc.reply_date, sheets=sheets)


SHEET_FILE_NAMES = ["DP breaches {year}", "{foiref} data", "{refslug} Data Protection Breaches",
                    "Data_protection_incidents", "{foiref} DP incidents"]


# A bare spreadsheet shows no reply date, so its period cannot run "to date".
SHEET_PERIODS = ("fixed", "financial_years")


def xlsx_listing(c: Composer) -> Reply:
    sc = c.scenario(request_kinds=SHEET_PERIODS)
    sheets, shown, total, notes = spreadsheet_listing(c, sc, notes_sheet=True)
    return sheet_reply("xlsx_listing", "xlsx", sc, sheets, shown, total, notes,
                       file_name(c, sc, SHEET_FILE_NAMES, "xlsx"))


def xls_listing(c: Composer) -> Reply:
    sc = c.scenario(request_kinds=SHEET_PERIODS)
    sheets, shown, total, notes = spreadsheet_listing(c, sc, notes_sheet=False)
    return sheet_reply("xls_listing", "xls", sc, sheets, shown, total, notes,
                       file_name(c, sc, SHEET_FILE_NAMES, "xls"))


def ods_listing(c: Composer) -> Reply:
    sc = c.scenario(request_kinds=SHEET_PERIODS)
    sheets, shown, total, notes = spreadsheet_listing(c, sc, notes_sheet=c.chance(0.5))
    return sheet_reply("ods_listing", "ods", sc, sheets, shown, total, notes,
                       file_name(c, sc, SHEET_FILE_NAMES, "ods"))


def html_xls(c: Composer) -> Reply:
    sc = c.scenario(request_kinds=SHEET_PERIODS)
    plan = plan_listing(c, spreadsheet=False, granularities={"day": 80, "month": 20},
                        staff_modes={"column": 60, "describe": 30, "none": 10})
    plan.date_style = "dd/mm/yyyy" if plan.granularity == "day" else plan.date_style
    shown = listing(c, sc, plan, c.rng.randint(5, 18))
    titles = [f"{sc.shown_name} - {c.pick(['Information governance incidents', 'Data protection incident log'])}"
              f" - {reply_period_words(c, sc)}"]
    if c.chance(0.6):
        titles.append(ref_label(sc.ref))
    shown.grid.footnotes = [c.pick(["Report generated from the incident management system.",
                                    "End of report", "Exported from the IG case log"])]
    sheet = Sheet(name="Export", title_rows=titles, grid=shown.grid, blank_rows_before_header=0)
    notes = shown.notes + ["HTML table saved with an .xls name", "title row and footer row are not incidents"]
    return sheet_reply("html_xls", "html", sc, [sheet], shown, None, notes,
                       file_name(c, sc, ["FOI_Export_{refslug}", "IG_incidents_export", "Report {refslug}"], "xls"))


def can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def csv_listing(c: Composer) -> Reply:
    sc = c.scenario(request_kinds=SHEET_PERIODS)
    plan = plan_listing(c, granularities={"day": 80, "month": 20},
                        staff_modes={"column": 50, "describe": 40, "none": 10})
    plan.date_style = "dd/mm/yyyy" if plan.granularity == "day" else plan.date_style
    plan.typographic = True
    shown = listing(c, sc, plan, c.rng.randint(5, 16))
    if not can_encode(sc.shown_name, "cp1252"):
        sc.shown_name = sc.authority.name
    title = f"{sc.shown_name} \u2013 {ref_label(sc.ref)} \u2013 data protection breaches {reply_period_words(c, sc)}"
    sheet = Sheet(name="csv", title_rows=[title], grid=shown.grid, blank_rows_before_header=c.rng.randint(0, 1))
    notes = shown.notes + ["Windows-1252 text with a title line before the header; dates day-first",
                           "amounts in pounds are fines, not counts"]
    return sheet_reply("csv_listing", "csv", sc, [sheet], shown, None, notes,
                       file_name(c, sc, ["FOI_{refslug}_breaches", "{refslug}_data", "breaches_{year}"], "csv"))


def xlsx_crosstab(c: Composer, *, by_year: bool | None = None, suppress: bool | None = None,
                  cite: bool | None = None) -> Reply:
    """Counts by type and year (perhaps '<5'), or by type and outcome; None draws the choice."""
    sc = c.scenario(request_kinds=("fixed", "financial_years"), fy_aligned=True)
    council_blanket = c.kind == "council" and c.chance(0.5)
    staff_type = "employee" if council_blanket else "not_stated"
    by_year = c.chance(0.7) if by_year is None else by_year
    suppress = (by_year and c.chance(0.6)) if suppress is None else suppress
    cite = (suppress and c.chance(0.7)) if cite is None else cite
    if by_year:
        grid, incidents, grand = crosstab_by_year(c, sc, suppress=suppress, staff_type=staff_type)
        notes = ["cross-tab breach type x financial year: one row per non-empty cell with that year's period",
                 "Total row and column are not incidents; grand total is the reported total"]
    else:
        grid, incidents, grand = crosstab_by_outcome(c, sc, staff_type=staff_type)
        notes = ["cross-tab breach type x outcome; blank = none", "Total row and column are not incidents"]
    exemptions: list[str] = []
    if suppress:
        key = "suppression_note" if cite else "suppression_note_no_section"
        grid.footnotes.append(c.line(key, s40=sc.s40, act=sc.act))
        notes.append("'<5' -> 1..4" + ("; exemption cited: partially disclosed" if cite
                                       else "; no section cited: disclosed"))
        if cite:
            exemptions.append(sc.personal_data_exemption)
    if by_year:
        grid.footnotes.append(c.pick(["The outcome of each incident is not recorded in this return.",
                                      "Outcomes are not held in a reportable form."]))
    if council_blanket:
        grid.footnotes.append(c.pick(["All incidents involved Council employees.",
                                      "Figures relate to breaches by Council staff."]))
    elif c.kind == "police":
        grid.footnotes.append("Figures include police officers and police staff.")
    titles = sheet_titles(c, sc, ref=True)
    sheet = Sheet(name=c.pick(["Summary", "Breaches by year", "Data", "Table 1"]), title_rows=titles, grid=grid,
                  blank_rows_before_header=1)
    shown = Shown(grid=grid, incidents=incidents, exemptions=exemptions)
    return sheet_reply("xlsx_crosstab", "xlsx", sc, [sheet], shown, grand, notes,
                       file_name(c, sc, ["{ref} Data Protection Breaches by year", "DP breaches summary {year}",
                                         "{foiref} breaches by type"], "xlsx"))
