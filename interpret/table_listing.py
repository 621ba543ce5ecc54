"""Listings: one row per incident (or per group of incidents, with a count column).

Each data row gives one incident row carrying the reply's own words for what
happened, its date or period, and the raw category cells (cause, outcome,
staff) for the classifier. A cell that lists several outcomes with their counts
("Management advice (3); Written warning (2)") gives one row per part.
"""
from __future__ import annotations

import re

from extractors.document import Row
from interpret.counts import parse_count
from interpret.dates import Period, month_period, parse_period, period_from_cell
from interpret.records import IncidentRow
from interpret.table_layout import BodyRow, Layout, TableRead, cell_at, cell_count

# a count column filled on at least this share of data rows: a blank there means no incident
_COUNT_COLUMN_FILLED = 0.8
# (separator characters, splitter): a cell without any of the characters is not split by it
_PART_SPLITS = ((";\n|", re.compile(r"\s*;\s*|\s*\n\s*|\s*\|\s*")), (",", re.compile(r"\s*,\s*")))
_PART_PATTERNS = (
    # "Written warning (2)", "Written warning [<5]"
    re.compile(r"^(?P<label>.*?[^\d\s(\[])\s*[(\[]\s*(?P<n>[^()\[\]]{1,20}?)\s*[)\]]$"),
    # "Written warning: 2", "Written warning - 2", "Written warning x2"
    re.compile(r"^(?P<label>.*?[A-Za-z)])\s*(?::|-|\u2013|=|x|\u00d7)\s*(?P<n>\d{1,3}|<\s*\d{1,3}|\*)$"),
    # "2 x written warning", "2 written warnings"
    re.compile(r"^(?P<n>\d{1,3})\s*(?:x|\u00d7)?\s+(?P<label>[A-Za-z].*)$"),
)
# "12 months", "3 weeks": a duration, not a count of outcomes (counts have at most three digits,
# so "Dismissed - 2013" is no count either)
_DURATION = re.compile(r"^(?:day|week|month|year|hour|minute)s?\b", re.I)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _part(text: str) -> tuple[str, tuple[int, int]] | None:
    for pattern in _PART_PATTERNS:
        match = pattern.match(text.strip())
        if not match:
            continue
        label = match.group("label").strip(" :-")
        count = parse_count(match.group("n"))
        if label and count is not None and count[1] > 0 and not _DURATION.match(label):
            return label, count
    return None


def split_grouped_cell(text: str) -> list[tuple[str, tuple[int, int]]] | None:
    """"Management advice (3); Written warning (2)" -> [("Management advice", (3, 3)), ...]; None if not grouped."""
    for separators, splitter in _PART_SPLITS:
        if not any(c in text for c in separators):
            continue  # (most cells) the split would leave one part
        parts = [p for p in splitter.split(text.strip()) if p.strip()]
        if len(parts) < 2:
            continue
        parsed = [_part(p) for p in parts]
        if all(parsed):
            return parsed  # type: ignore[return-value]
    return None


def _text(row: Row, layout: Layout, field: str) -> str | None:
    column = layout.fields.get(field)
    if column is None:
        return None
    return _clean(cell_at(row, column.index).text) or None


def _row_period(row: Row, layout: Layout, section: Period | None, incident: IncidentRow) -> None:
    period: Period | None = None
    date_column = layout.fields.get("date")
    if date_column is not None:
        cell = cell_at(row, date_column.index)
        period = period_from_cell(cell, date_column=True)
        if period is None and cell.text.strip():
            incident.notes.append(f"date '{cell.text.strip()}' did not parse")
        if period is not None and period.kind == "day" and layout.date_is_month:
            period = month_period(period.start.year, period.start.month)
        if period is not None and period.kind == "day":
            incident.date = period.start
        if period is not None and period.end is None:
            period = None  # an open range in a date cell says nothing about this incident's window
    period_column = layout.fields.get("period")
    if period is None and period_column is not None:
        text = cell_at(row, period_column.index).text.strip()
        period = parse_period(text) if text else None
        if period is None and text:
            incident.notes.append(f"period '{text}' did not parse")
    period = period or section or layout.title_period
    if period is not None:
        incident.period_start, incident.period_end = period.start, period.end


def _count_column_filled(layout: Layout) -> bool:
    column = layout.fields.get("count")
    if column is None:
        return False
    data_rows = sum(1 for b in layout.body if b.kind == "data")
    return data_rows > 0 and layout.stats[column.index].filled >= _COUNT_COLUMN_FILLED * data_rows


def _data_row(layout: Layout, body_row: BodyRow, section: Period | None, source_file: str,
              notes: list[str]) -> list[IncidentRow]:
    row = body_row.row
    description = _text(row, layout, "description")
    cause = _text(row, layout, "cause")
    outcome = _text(row, layout, "outcome")
    staff = _text(row, layout, "staff")
    count_column = layout.fields.get("count")
    counted = count_column is not None and bool(cell_at(row, count_column.index).text.strip())
    if not any((description, cause, outcome, staff)) and not counted:
        notes.append(f"{row.locator}: no description, category or outcome; not read as an incident")
        return []
    incident = IncidentRow(source_file=source_file, source_locator=row.locator, description=description,
                           outcome_text=outcome, staff_text=staff, ocr_confidence=row.ocr_confidence)
    cause_column = layout.fields.get("cause")
    if cause_column is not None and layout.stats[cause_column.index].categorical:
        incident.cause_text = cause
    _row_period(row, layout, section, incident)
    if count_column is not None:
        cell = cell_at(row, count_column.index)
        count = cell_count(cell)
        if count is None and cell.text.strip():
            incident.notes.append(f"count '{cell.text.strip()}' did not parse")
        elif count is None and _count_column_filled(layout):
            return []  # a blank in a filled count column: no incidents of this kind
        elif count is not None and count[1] == 0:
            return []  # "0", "-", "nil"
        elif count is not None:
            incident.count_min, incident.count_max = count
    for field_name in ("outcome", "staff"):
        text = getattr(incident, f"{field_name}_text")
        parts = split_grouped_cell(text) if text else None
        # a row's own count, when it has one, must be the parts' sum ("5 | 2 dismissed, 3 warned")
        if parts and (not counted or (
                sum(c[0] for _, c in parts) == incident.count_min == incident.count_max
                and all(c[0] == c[1] for _, c in parts))):
            return [_part_row(incident, field_name, number, label, count)
                    for number, (label, count) in enumerate(parts, start=1)]
    return [incident]


def _part_row(base: IncidentRow, field_name: str, number: int, label: str, count: tuple[int, int]) -> IncidentRow:
    part = IncidentRow(**{**base.__dict__, "notes": list(base.notes)})
    part.source_locator = f"{base.source_locator};part={number}"
    setattr(part, f"{field_name}_text", label)
    part.count_min, part.count_max = count
    return part


def _total_value(layout: Layout, body_row: BodyRow) -> int | None:
    """The number a totals row states: in the count column, after the label, or in any other cell."""
    row = body_row.row
    candidates = []
    count_column = layout.fields.get("count")
    if count_column is not None:
        candidates.append(cell_at(row, count_column.index))
    if body_row.total and body_row.total.rest:
        count = parse_count(body_row.total.rest)
        if count is not None and count[0] == count[1]:
            return count[0]
    candidates.extend(row.cells)
    for cell in candidates:
        count = cell_count(cell)
        if count is not None and count[0] == count[1] and count[0] > 0 and not cell.text.strip().lower().startswith("total"):
            return count[0]
    return None


def read_listing(layout: Layout, source_file: str) -> TableRead:
    result = TableRead()
    section: Period | None = None
    totals: list[tuple[str, int]] = []
    for body_row in layout.body:
        if body_row.kind == "section":
            section = body_row.section
        elif body_row.kind == "total":
            value = _total_value(layout, body_row)
            if value is not None and body_row.total is not None:
                totals.append((body_row.total.kind, value))
        elif body_row.kind == "data":
            result.rows.extend(_data_row(layout, body_row, section, source_file, result.notes))
    grand = [v for k, v in totals if k == "grand"]
    plain = [v for k, v in totals if k == "plain"]
    if grand:
        result.grand_total = grand[-1]
    elif len(plain) == 1:
        result.grand_total = plain[0]
    elif len(plain) > 1:
        # one total per section, and maybe an overall one last
        if plain[-1] == sum(plain[:-1]):
            result.grand_total = plain[-1]
        else:
            result.notes.append(f"{layout.table.locator}: {len(plain)} totals rows, none of them overall")
    return result


__all__ = ["read_listing", "split_grouped_cell"]
