"""Cross-tabulations: row labels by column labels, counts in the cells.

Each non-empty, non-zero cell is one incident row with the cell's count; the
row label and the column header say what the cell counts. Each axis is a period
(financial years, months, quarters), a category of one field (cause, outcome,
staff type) or, failing both, plain words that describe the group. Totals rows
and columns are not incidents; their grand total is the table's stated total.
"""
from __future__ import annotations

import re
from collections import Counter

from classifier.lexicon import label_dimension
from extractors.document import Row
from interpret.dates import MONTHS, Period, month_period, parse_period
from interpret.records import IncidentRow
from interpret.table_aliases import role_of
from interpret.table_headers import Column
from interpret.table_layout import ROLE_AXIS, Layout, TableRead, cell_at, cell_count

# an axis is read from the labels' content when this share of them agree
AXIS_SHARE = 0.5


_FOOTNOTE_MARK = re.compile(r"(?:\s*(?:\*+|\(\s*[0-9a-z]\s*\)|\[\s*\d\s*\]|\u2020|\u2021))+$")


def label_period(text: str) -> Period | None:
    """The period a header or label names, footnote marks ("2011/12*", "2012 (1)") ignored."""
    return parse_period(_FOOTNOTE_MARK.sub("", text))


def _bare_month(text: str) -> int | None:
    """"April", "Apr", "Sept": a month named without its year."""
    return MONTHS.get(_FOOTNOTE_MARK.sub("", text).strip().strip(".").lower())


def _text_axis(text: str) -> str | None:
    period = label_period(text)
    if period is not None and period.kind != "day":
        return "period"
    if _bare_month(text):
        return "month"
    return label_dimension(text)


def _month_within(month: int, period: Period | None) -> Period | None:
    """April of the year 2012 is April 2012; January of the financial year 2012/13 is January 2013."""
    if period is None or period.kind not in ("year", "financial_year"):
        return None
    year = period.start.year if month >= period.start.month else period.start.year + 1
    return month_period(year, month)


_COUNT_WORDS = re.compile(r"^(?:total\s+)?(?:number|no\.?|count)\s+(?:of\s+)?(?:cases\s+|breaches\s+|incidents\s+)?"
                          r"(?:resulting in\s+|leading to\s+|with\s+)?", re.I)


def header_axes(column: Column) -> dict[str, str]:
    """What a value column's header (and the group header over it) say: axis -> words.

    "Number dismissed" says "dismissed": the count words in front are dropped before
    the category is looked up.
    """
    axes: dict[str, str] = {}
    for text in (column.header, column.group):
        if not text:
            continue
        axis = _text_axis(text)
        if axis is None and (bare := _COUNT_WORDS.sub("", text).strip()) and bare != text.strip():
            axis, text = _text_axis(bare), bare
        if axis:
            axes.setdefault(axis, text)
    if column.group and column.header and column.header not in axes.values():
        # a group header naming the dimension ("Outcome" over "Words of advice", "Reflective practice")
        match = role_of(column.group)
        axis = ROLE_AXIS.get(match.role) if match else None
        if axis and axis not in axes:
            axes[axis] = column.header
    return axes


def _majority(values: list[str | None], share: float = AXIS_SHARE) -> str | None:
    named = [v for v in values if v]
    if not named:
        return None
    axis, votes = Counter(named).most_common(1)[0]
    return axis if votes >= share * len(values) and votes > len(named) / 2 else None


def label_axis(layout: Layout, column: Column, labels: list[str]) -> str:
    """The axis of a row-label column: from its header word, else from what the labels name."""
    if labels and sum(1 for label in labels if _bare_month(label)) >= AXIS_SHARE * len(labels):
        return "month"  # "Month" over April, May ...: the year comes from the other axis
    match = role_of(column.header) if column.header else None
    if match and match.role in ROLE_AXIS:
        return ROLE_AXIS[match.role]
    if match and match.role == "description":
        return "unknown"
    content = _majority([_text_axis(label) for label in labels])
    return content or "unknown"


def _labels(layout: Layout, row: Row) -> dict[int, str]:
    return {c.index: " ".join(cell_at(row, c.index).text.split()) for c in layout.label_columns}


def read_crosstab(layout: Layout, source_file: str) -> TableRead:
    result = TableRead()
    data_rows = [b for b in layout.body if b.kind == "data"]
    column_axes = {c.index: header_axes(c) for c in layout.value_columns}
    fallback = _majority([next(iter(a)) if len(a) == 1 else None for a in column_axes.values()], share=0.0)
    for column in layout.value_columns:
        if not column_axes[column.index]:
            column_axes[column.index] = {fallback or "unknown": column.header}
            if not fallback:
                result.notes.append(f"{layout.table.locator}: column '{column.header}' names no known category")
    row_axes = {c.index: label_axis(layout, c, [_labels(layout, b.row)[c.index] for b in data_rows
                                                 if _labels(layout, b.row)[c.index]])
                for c in layout.label_columns}
    section: Period | None = None
    totals_rows = []
    for body_row in layout.body:
        if body_row.kind == "section":
            section = body_row.section
        elif body_row.kind == "total":
            totals_rows.append(body_row)
        elif body_row.kind == "data":
            result.rows.extend(_cells_of_row(layout, body_row.row, row_axes, column_axes, section, source_file,
                                             result.notes))
    result.grand_total = _grand_total(layout, totals_rows)
    return result


def _cells_of_row(layout: Layout, row: Row, row_axes: dict[int, str], column_axes: dict[int, dict[str, str]],
                  section: Period | None, source_file: str, notes: list[str]) -> list[IncidentRow]:
    labels = _labels(layout, row)
    row_fields: dict[str, str] = {}
    row_notes: list[str] = []
    for index, text in labels.items():
        if text:
            axis = row_axes[index]
            row_fields[axis] = f"{row_fields[axis]} - {text}" if axis in row_fields else text
    out = []
    for column in layout.value_columns:
        cell = cell_at(row, column.index)
        count = cell_count(cell)
        if count is None:
            if cell.text.strip():
                notes.append(f"{row.locator};col={column.number}: '{cell.text.strip()}' is not a count")
            continue
        if count[1] == 0:
            continue  # "-", 0, nil: no incident
        if not any(labels.values()):
            notes.append(f"{row.locator}: counts without a row label")
            break
        fields = dict(column_axes[column.index])
        for axis, text in row_fields.items():
            if axis == "unknown" and "unknown" in fields:
                # neither axis is a known category: the row's words, then the column's
                fields["unknown"] = f"{text} - {fields['unknown']}"
            else:
                fields.setdefault(axis, text)
        incident = IncidentRow(
            source_file=source_file, source_locator=f"{row.locator};col={column.number}",
            count_min=count[0], count_max=count[1], ocr_confidence=row.ocr_confidence, notes=list(row_notes))
        period = None
        if "period" in fields:
            period = label_period(fields["period"])
            if period is None:
                incident.notes.append(f"period '{fields['period']}' did not parse")
        period = period or section or layout.title_period
        if "month" in fields:
            # months down, years across: the cell is that month of that year
            period = _month_within(_bare_month(fields["month"]) or 0, period)
            if period is None:
                incident.notes.append(f"month '{fields['month']}' has no year")
        if period is not None:
            incident.period_start, incident.period_end = period.start, period.end
        incident.cause_text = fields.get("cause")
        incident.outcome_text = fields.get("outcome")
        incident.staff_text = fields.get("staff_type")
        # the group's own words: its breach type, else the unrecognised label; an outcome x staff
        # table has no description
        incident.description = fields.get("cause") or fields.get("unknown")
        out.append(incident)
    return out


def _grand_total(layout: Layout, totals_rows) -> int | None:
    rows = [b for b in totals_rows if b.total and b.total.kind == "grand"] or \
           [b for b in totals_rows if b.total and b.total.kind == "plain"]
    if not rows:
        return None
    row = rows[-1].row
    columns = layout.total_columns or (layout.value_columns if len(layout.value_columns) == 1 else [])
    for column in columns:
        count = cell_count(cell_at(row, column.index))
        if count is not None and count[0] == count[1]:
            return count[0]
    return None


__all__ = ["read_crosstab", "header_axes", "label_axis", "TableRead"]
