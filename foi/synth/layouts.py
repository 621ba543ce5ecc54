"""How a reply shows its incidents, and the gold rows that follow from it.

Each function here takes drafted facts and returns both what is shown (a
`Grid`, list items or sentences) and the `Incident` rows a careful reader
labels from exactly that, following shared/spec/gold-format.md: the date only
when a day is shown, the period of the shown month or financial year, staff type
from a staff column, a role named in the description, or a blanket statement.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from foi.synth import dates
from foi.synth.content import Composer, Draft, Scenario, capitalise
from foi.synth.model import Cell, Grid, Incident

STAFF_MODES = {
    "council": {"column": 30, "describe": 30, "blanket": 25, "withheld": 7, "none": 8},
    "police": {"column": 35, "describe": 40, "blanket": 15, "withheld": 5, "none": 5},
}


@dataclass
class ListingPlan:
    granularity: str  # day | month | fy | none
    date_style: str
    staff_mode: str  # column | describe | blanket | withheld | none
    category_column: bool = False
    ref_column: bool = False
    real_dates: bool = False  # spreadsheets store the date as a date
    article_style: str = "a"
    typographic: bool = False  # curly apostrophes and en dashes, as word processors write

    @property
    def shows_day(self) -> bool:
        return self.granularity == "day"


@dataclass
class Shown:
    """Incidents as shown, plus what the reply says around them."""

    grid: Grid | None
    incidents: list[Incident]
    items: list[str] = field(default_factory=list)
    staff_statement: str | None = None  # blanket statement or roles-withheld note
    exemptions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # labeller notes (traps)


def plan_listing(c: Composer, *, spreadsheet: bool = False, granularities: dict | None = None,
                 staff_modes: dict | None = None) -> ListingPlan:
    granularity = c.weighted(granularities or {"day": 55, "month": 25, "fy": 10, "none": 10})
    style = {
        "day": lambda: c.pick(dates.DAY_STYLES[:4] if not spreadsheet else dates.DAY_STYLES),
        "month": lambda: c.weighted({"Month yyyy": 6, "Mon yyyy": 3, "Mon-yy": 1, "mm/yyyy": 1}),
        "fy": lambda: c.pick(dates.FY_STYLES),
        "none": lambda: "",
    }[granularity]()
    return ListingPlan(
        granularity=granularity, date_style=style,
        staff_mode=c.weighted(staff_modes or STAFF_MODES[c.kind]),
        category_column=c.chance(0.25), ref_column=c.chance(0.15),
        real_dates=spreadsheet and granularity == "day" and c.chance(0.75),
        article_style=c.weighted({"a": 5, "bare": 4, "the": 1}),
    )


def typographic(text: str) -> str:
    return text.replace("'", "\u2019").replace(" - ", " \u2013 ")


def when(plan: ListingPlan, sc: Scenario, day: dt.date) -> tuple[Cell, dt.date | None, dt.date, dt.date]:
    """The date cell shown for an incident and its gold date and period."""
    if plan.granularity == "day":
        text = dates.format_day(day, plan.date_style)
        return Cell(text, day if plan.real_dates else None), day, day, day
    if plan.granularity == "month":
        start, end = dates.month_bounds(day)
        return Cell(dates.format_month(day, plan.date_style)), None, start, end
    if plan.granularity == "fy":
        fy = dates.financial_year_start(day)
        start, end = dates.financial_year_bounds(fy)
        return Cell(dates.format_fy(fy, plan.date_style)), None, start, end
    return Cell(""), None, sc.reply_start, sc.reply_end


def draft_for_plan(c: Composer, sc: Scenario, plan: ListingPlan, n: int) -> list[Draft]:
    exclude = ("cyber_or_technical",) if plan.staff_mode == "blanket" and c.kind == "council" else ()
    drafts = c.drafts(n, sc.reply_start, min(sc.reply_end, sc.reply_date),
                      exclude_causes=exclude, allow_not_stated_role=plan.staff_mode == "column",
                      article_style=plan.article_style)
    for d in drafts:  # a listing with no legend may show "-" for an outcome it does not give
        if c.chance(0.04):
            d.outcome, d.outcome_text = "not_stated", c.pick(c.p["outcomes"]["not_stated"])
    return drafts


def describe(c: Composer, plan: ListingPlan, d: Draft) -> tuple[str, str]:
    """The description shown for a draft, and the staff type a reader takes from the reply."""
    mode = plan.staff_mode
    if mode == "column":
        text = d.active if d.active and c.chance(0.2) else d.passive
        staff = d.staff_type
    elif mode == "describe":
        text, staff = (d.active, d.staff_type) if d.active else (d.passive, "not_stated")
    elif mode == "blanket" and c.kind == "council":
        # "all incidents involved Council employees": an unnamed row is an employee;
        # anyone else is named in the description
        if d.staff_type == "employee" and (not d.active or c.chance(0.7)):
            text, staff = d.passive, "employee"
        else:
            text, staff = (d.active, d.staff_type) if d.active else (d.passive, "employee")
    elif mode == "blanket":  # police: "officers and staff" together says nothing per row
        text, staff = (d.active, d.staff_type) if d.active and c.chance(0.4) else (d.passive, "not_stated")
    elif mode == "withheld":
        text, staff = d.passive, "not_stated"
    else:  # none
        text, staff = (d.active, d.staff_type) if d.active and c.chance(0.6) else (d.passive, "not_stated")
    if plan.typographic:
        text = typographic(text)
    return text, staff


HEADERS = {
    "day": ["Date", "Date of incident", "Date reported", "Date logged", "Incident date"],
    "month": ["Month", "Month reported", "Date"],
    "fy": ["Financial year", "Year", "Period"],
    "ref": ["Ref", "Incident no.", "Case ref"],
    "category": ["Breach type", "Category", "Type of breach"],
    "description": ["Description", "Nature of breach", "Summary of incident", "Details", "What happened",
                    "Incident"],
    "staff": ["Staff group", "Role", "Job role", "Staff type", "Employee type"],
    "staff_police": ["Rank/Role", "Role", "Staff group", "Officer/Staff"],
    "outcome": ["Outcome", "Action taken", "Disciplinary outcome", "Result", "Sanction"],
}


def listing(c: Composer, sc: Scenario, plan: ListingPlan, n: int) -> Shown:
    """A table with one incident per row."""
    drafts = draft_for_plan(c, sc, plan, n)
    cols = []
    if plan.granularity != "none":
        cols.append(("when", c.pick(HEADERS[plan.granularity])))
    if plan.ref_column:
        cols.append(("ref", c.pick(HEADERS["ref"])))
    if plan.category_column:
        cols.append(("category", c.pick(HEADERS["category"])))
    cols.append(("description", c.pick(HEADERS["description"])))
    if plan.staff_mode == "column":
        cols.append(("staff", c.pick(HEADERS["staff_police" if c.kind == "police" else "staff"])))
    cols.append(("outcome", c.pick(HEADERS["outcome"])))
    ref_prefix = c.pick(["IG", "DP", "INC", "SIRI"])
    rows, incidents = [], []
    for i, d in enumerate(drafts, 1):
        cell, day, start, end = when(plan, sc, d.day)
        text, staff = describe(c, plan, d)
        outcome_text = typographic(d.outcome_text) if plan.typographic else d.outcome_text
        shown = {"when": cell, "ref": Cell(f"{ref_prefix}/{d.day.year % 100:02d}/{i:03d}"),
                 "category": Cell(d.category), "description": Cell(text),
                 "staff": Cell(d.role_column), "outcome": Cell(outcome_text)}
        rows.append([shown[k] for k, _ in cols])
        incidents.append(Incident(text, day, start, end, d.cause, d.outcome, staff))
    widths = {"when": 1.3, "ref": 1.1, "category": 1.5, "description": 4.2, "staff": 1.4, "outcome": 2.2}
    grid = Grid(header=[h for _, h in cols], rows=rows, widths=[widths[k] for k, _ in cols])
    shown = Shown(grid=grid, incidents=incidents)
    staff_words(c, sc, plan, shown)
    if plan.granularity == "month":
        shown.notes.append("dates are months only: period = that month")
    if plan.granularity == "fy":
        shown.notes.append("dates are financial years only")
    if plan.ref_column:
        shown.notes.append("incident reference numbers are not counts")
    return shown


def staff_words(c: Composer, sc: Scenario, plan: ListingPlan, shown: Shown) -> None:
    if plan.staff_mode == "blanket":
        key = "council_employee" if c.kind == "council" else "police_mixed"
        shown.staff_statement = c.pick(c.p["blanket_staff"][key])
        shown.notes.append("staff type from the blanket statement" if c.kind == "council"
                           else "'officers and staff' together: unnamed rows are not_stated")
    elif plan.staff_mode == "withheld":
        shown.staff_statement = c.pick(c.p["blanket_staff"]["roles_withheld"]).format(s40=sc.s40)
        shown.exemptions.append(sc.personal_data_exemption)
        shown.notes.append("roles withheld under the personal-data exemption: partially disclosed, staff not_stated")


def items(c: Composer, sc: Scenario, plan: ListingPlan, n: int, *, numbered: bool) -> Shown:
    """One incident per bullet or numbered line: '<when> - <description>. <outcome>.'"""
    drafts = draft_for_plan(c, sc, plan, n)
    style = c.pick(["dash", "colon", "outcome_label", "paren"])
    lines, incidents = [], []
    for d in drafts:
        cell, day, start, end = when(plan, sc, d.day)
        text, staff = describe(c, plan, d)
        outcome = d.outcome_text if d.outcome != "not_stated" else "Outcome not recorded"
        lead = f"{cell.text} - " if cell.text else ""
        if style == "colon" and cell.text:
            lead = f"{cell.text}: "
        if style == "paren":
            line = f"{lead}{text} ({outcome.rstrip('.')})."
        elif style == "outcome_label":
            line = f"{lead}{text}. Outcome: {outcome.rstrip('.')}."
        else:
            line = f"{lead}{text}. {capitalise(outcome.rstrip('.'))}."
        if plan.typographic:
            line = typographic(line)
        lines.append(line)
        incidents.append(Incident(text, day, start, end, d.cause, d.outcome, staff))
    shown = Shown(grid=None, incidents=incidents, items=lines)
    staff_words(c, sc, plan, shown)
    return shown


# -- counts ------------------------------------------------------------------------------------

def group_labels(c: Composer, k: int, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """k (cause, label) pairs, causes distinct so no group spans two causes' labels."""
    weights = c.causes(exclude)
    chosen = []
    while weights and len(chosen) < k:
        cause = c.weighted(weights)
        del weights[cause]
        chosen.append((cause, c.pick(c.p["causes"][cause]["groups"])))
    return chosen


def blanket_staff_type(c: Composer) -> str:
    return "employee" if c.kind == "council" else "not_stated"


def suppressed(count: int, suppress: bool) -> tuple[str, int, int]:
    if suppress and 1 <= count <= 4:
        return "<5", 1, 4
    return str(count), count, count


def crosstab_by_year(c: Composer, sc: Scenario, *, suppress: bool, staff_type: str) -> tuple[Grid, list[Incident], int]:
    """Breach type x financial year with a Total column and row."""
    years = list(range(dates.financial_year_start(sc.reply_start), dates.financial_year_start(sc.reply_end) + 1))
    fy_style = c.pick(dates.FY_STYLES[:3])
    groups = group_labels(c, c.rng.randint(4, 8))
    zero = c.pick(["0", "-", ""])
    header = [c.pick(["Type of breach", "Breach type", "Category", ""])] + \
        [dates.format_fy(y, fy_style) for y in years] + ["Total"]
    rows, incidents, col_totals = [], [], [0] * len(years)
    for cause, label in groups:
        scale = c.rng.choice([2, 4, 8, 15])
        counts = [0 if c.chance(0.15) else c.rng.randint(1, scale) for _ in years]
        if not any(counts):
            counts[0] = 1
        row = [Cell(label)]
        for j, (y, v) in enumerate(zip(years, counts)):
            col_totals[j] += v
            if v == 0:
                row.append(Cell(zero, 0 if zero == "0" else None))
                continue
            text, lo, hi = suppressed(v, suppress)
            row.append(Cell(text, v if text != "<5" else None))
            start, end = dates.financial_year_bounds(y)
            incidents.append(Incident(label, None, start, end, cause, "not_stated", staff_type, lo, hi))
        row.append(Cell(str(sum(counts)), sum(counts)))
        rows.append(row)
    grand = sum(col_totals)
    total = [Cell("Total")] + [Cell(str(v), v) for v in col_totals] + [Cell(str(grand), grand)]
    footnotes = []
    if zero == "-":
        footnotes.append(c.pick(c.l["dash_legend"]))
    grid = Grid(header=header, rows=rows, total_row=total, footnotes=footnotes,
                widths=[3.2] + [1.0] * (len(years) + 1))
    return grid, incidents, grand


def crosstab_by_outcome(c: Composer, sc: Scenario, *, staff_type: str) -> tuple[Grid, list[Incident], int]:
    """Breach type x outcome with Total column and row; a blank cell means none."""
    outcome_cols = list(c.p["outcome_columns"])
    c.rng.shuffle(outcome_cols)
    outcome_cols = sorted(outcome_cols[: c.rng.randint(4, 6)], key=list(c.p["outcome_columns"]).index)
    labels = [c.pick(c.p["outcome_columns"][o]) for o in outcome_cols]
    groups = group_labels(c, c.rng.randint(4, 7))
    header = [c.pick(["Breach type", "Nature of breach", ""])] + labels + ["Total"]
    rows, incidents, col_totals = [], [], [0] * len(outcome_cols)
    for cause, label in groups:
        likelihood = c.p["crosstab_outcome_likelihood"]["serious" if cause in c.p["serious_causes"] else "careless"]
        row, row_total = [Cell(label)], 0
        for j, o in enumerate(outcome_cols):
            v = c.rng.randint(1, 12) if c.chance(likelihood[o]) else 0
            col_totals[j] += v
            row_total += v
            row.append(Cell(str(v) if v else "", v or None))
            if v:
                incidents.append(Incident(label, None, sc.reply_start, sc.reply_end, cause, o, staff_type, v, v))
        if row_total == 0:  # every listed type had at least one case: put it in its likeliest outcome
            j = max(range(len(outcome_cols)), key=lambda k: likelihood[outcome_cols[k]])
            row[j + 1] = Cell("1", 1)
            col_totals[j] += 1
            row_total = 1
            incidents.append(Incident(label, None, sc.reply_start, sc.reply_end, cause, outcome_cols[j],
                                      staff_type, 1, 1))
        row.append(Cell(str(row_total), row_total))
        rows.append(row)
    grand = sum(col_totals)
    total = [Cell("Total")] + [Cell(str(v), v) for v in col_totals] + [Cell(str(grand), grand)]
    grid = Grid(header=header, rows=rows, total_row=total, widths=[3.0] + [1.1] * (len(labels) + 1))
    return grid, incidents, grand


def crosstab_outcome_by_staff(c: Composer, sc: Scenario) -> tuple[Grid, list[Incident], int]:
    """Outcome x staff group counts, no descriptions, small numbers suppressed."""
    staff_cols = c.p["staff_columns"] if c.kind == "police" else c.p["staff_columns_council"]
    staff_keys = list(staff_cols)[: c.rng.randint(2, len(staff_cols))]
    outcome_keys = [o for o in c.p["outcome_columns"] if c.chance(0.7)] or ["no_action", "management_action"]
    size = c.rng.uniform(0.5, 2.0)  # forces and councils differ in size
    counts = {}
    for o in outcome_keys:
        for s in staff_keys:
            expected = c.p["outcome_expected"][o] * c.p["staff_share"][s] * size
            counts[o, s] = int(expected * c.rng.uniform(0.3, 1.7) + c.rng.random())
    outcome_keys = [o for o in outcome_keys if any(counts[o, s] for s in staff_keys)]
    header = [c.pick(["Outcome", "Action taken", ""])] + [c.pick(staff_cols[s]) for s in staff_keys] + ["Total"]
    rows, incidents, grand = [], [], 0
    for o in outcome_keys:
        row, row_total = [Cell(c.pick(c.p["outcome_columns"][o]))], 0
        for s in staff_keys:
            v = counts[o, s]
            row_total += v
            text, lo, hi = suppressed(v, True)
            row.append(Cell(text, None if text == "<5" else v))
            if v:
                incidents.append(Incident(None, None, sc.reply_start, sc.reply_end, "not_stated", o, s, lo, hi))
        shown_total = suppressed(row_total, True)[0]
        row.append(Cell(shown_total, None if shown_total == "<5" else row_total))
        rows.append(row)
        grand += row_total
    grid = Grid(header=header, rows=rows, widths=[2.6] + [1.3] * (len(staff_keys) + 1))
    return grid, incidents, grand


def count_groups(c: Composer, sc: Scenario, *, outcome: str,
                 staff_type: str) -> tuple[list[tuple[str, int]], list[Incident]]:
    """Grouped counts for a prose answer: ('e-mails sent to the wrong recipient', 11), ..."""
    groups, incidents = [], []
    for cause, label in group_labels(c, c.rng.randint(3, 6)):
        n = c.rng.randint(1, 14)
        first = label.split()[0]
        acronym = len(first) > 1 and first.isalpha() and first.isupper()
        words = label if acronym else label[0].lower() + label[1:]
        groups.append((words, n))
        incidents.append(Incident(words, None, sc.reply_start, sc.reply_end, cause, outcome, staff_type, n, n))
    return groups, incidents
