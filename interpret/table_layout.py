"""The shape of one table: its header, what each column holds, and what each body row is.

A table is read as either a *listing* (one row per incident, or per group of
incidents with a count column) or a *cross-tab* (row labels by column labels,
counts in the cells). The column roles start from the header words
(`header_aliases.yaml`) and are corrected by what the columns actually hold: a
column of dates is a date column whatever its header says, a "No." column that
counts 1, 2, 3 down the table is a row number, and of two text columns the one
with the longer text is the description.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.document import Cell, Row, Table
from interpret.counts import parse_count
from interpret.dates import Period, find_periods, parse_period
from interpret.records import IncidentRow
from interpret.table_aliases import TotalLabel, load_aliases, match_total, normalise_header
from interpret.table_headers import (
    Column, HeaderBlock, cell_is_day, cell_is_period_label, distinct_texts, find_header, same_header,
)
from interpret.table_wraps import merge_wrapped_rows

# a text column whose values average at most this many characters, or repeat, is a category
CATEGORY_MAX_LEN = 40
# share of a column's filled cells that must agree before its content decides its role
CONTENT_SHARE = 0.6
# a column whose cells are this share count-like holds counts
COUNT_SHARE = 0.8

# a text column this long on average holds descriptions: the table is a listing, not a cross-tab
LISTING_TEXT_LEN = 60
# roles whose numeric columns are never the counts of a cross-tab
_NOT_VALUE_ROLES = frozenset({"reference", "date", "period", "ignore", "location"})
# header roles and the cross-tab axis they name
ROLE_AXIS = {"cause": "cause", "cause_or_description": "cause", "outcome": "outcome",
             "staff": "staff_type", "period": "period", "date": "period"}
_NUMBERED_NOTE = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+\S")
_OCCURRED_WORDS = re.compile(r"\b(incident|occur|occurred|breach|happened)\b")


@dataclass
class BodyRow:
    row: Row
    # "data", "total", "section", "note", "header" (repeated), "blank", "hidden", "wrapped" (joined
    # into the row above), "single" (one text; settled into data/section/note once roles are known)
    kind: str
    total: TotalLabel | None = None
    section: Period | None = None  # for "section" rows: the period heading the rows below


@dataclass
class ColumnStats:
    filled: int = 0
    days: int = 0
    periods: int = 0  # months, years, financial years (not days)
    counts: int = 0  # count-like cells, nil included
    positive: int = 0
    total_len: int = 0
    distinct: int = 0
    sequence: bool = False  # 1, 2, 3 ... down the rows

    @property
    def avg_len(self) -> float:
        return self.total_len / self.filled if self.filled else 0.0

    def share(self, part: int) -> float:
        return part / self.filled if self.filled else 0.0

    @property
    def categorical(self) -> bool:
        return self.filled > 0 and (self.avg_len <= CATEGORY_MAX_LEN or self.distinct <= 0.6 * self.filled)


@dataclass
class Layout:
    table: Table
    header: HeaderBlock
    body: list[BodyRow]
    columns: list[Column]
    stats: list[ColumnStats]
    kind: str  # "listing" or "crosstab"
    title_period: Period | None = None
    # listing: the column chosen for each field
    fields: dict[str, Column] = field(default_factory=dict)
    # cross-tab
    label_columns: list[Column] = field(default_factory=list)
    value_columns: list[Column] = field(default_factory=list)
    total_columns: list[Column] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # the date column holds months stored as the 1st of the month (an Excel "mmm-yy" cell)
    date_is_month: bool = False


@dataclass
class TableRead:
    """What one table gives: its incident rows, its grand total, and remarks for the operator."""

    rows: list[IncidentRow] = field(default_factory=list)
    grand_total: int | None = None
    notes: list[str] = field(default_factory=list)


def cell_count(cell: Cell) -> tuple[int, int] | None:
    """A cell's count: a numeric value as stored, else its text."""
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return parse_count(cell.value)
    return parse_count(cell.text)


def cell_at(row: Row, index: int) -> Cell:
    return row.cells[index] if index < len(row.cells) else Cell("", None)


def is_note_text(text: str) -> bool:
    """A remark about the table ("* Laptop was encrypted", "Note: 2 further incidents ...")."""
    lowered = " ".join(text.lower().split())
    if not lowered:
        return False
    aliases = load_aliases()
    for prefix in aliases.note_prefixes:
        if lowered.startswith(prefix) and (not prefix[-1].isalpha() or not lowered[len(prefix):len(prefix) + 1].isalpha()):
            return True
    if _NUMBERED_NOTE.match(lowered):
        return True
    return len(lowered) > 30 and any(re.search(rf"\b{re.escape(p)}\b", lowered) for p in aliases.note_phrases)


def title_period(texts: list[str]) -> Period | None:
    """The period a table is titled by: a sheet or caption that is only a period ("2012-13",
    "2013"), or one financial year named in a title ("... - 2012/13 (1 April to 31 March)").

    A title naming a longer range says what the reply covers, which the caller
    knows from the letter: it gives no period here.
    """
    years = set()
    for text in texts:
        # a sheet or caption that is nothing but a period: "FY12-13", "2013", "Q1 2013/14"
        whole = parse_period(text) if len(text) <= 20 else None
        if whole is not None and whole.kind not in ("day", "range"):
            years.add(whole)
            continue
        for period, _span in find_periods(text):
            if period.kind == "financial_year":
                years.add(period)
            elif period.kind == "range":
                return None
    return years.pop() if len(years) == 1 else None


def _first_label(row: Row) -> tuple[int, str] | None:
    texts = distinct_texts(row)
    return texts[0] if texts else None


def _classify_rows(rows: list[Row], header: HeaderBlock) -> list[BodyRow]:
    body = []
    for row in rows[header.last + 1:]:
        if row.hidden:
            body.append(BodyRow(row, "hidden"))
            continue
        if row.is_blank():
            body.append(BodyRow(row, "blank"))
            continue
        if same_header(row, header):
            body.append(BodyRow(row, "header"))
            continue
        first = _first_label(row)
        # a totals label leads the row, or stands alone beside its number ("| | Total | 36")
        leads = first is not None and (first[0] <= 1 or len(distinct_texts(row)) <= 2)
        total = match_total(first[1]) if leads else None
        if total is not None:
            body.append(BodyRow(row, "total", total=total))
            continue
        texts = distinct_texts(row)
        body.append(BodyRow(row, "single" if len({t for _, t in texts}) == 1 else "data"))
    return body


def _count_like(cell: Cell) -> tuple[int, int] | None:
    """The count a cell holds as a figure ("12", "<5", "-", "nil"); a word that merely reads as a
    number ("No", "two") in a text column does not make the column a column of counts."""
    count = cell_count(cell)
    text = cell.text.strip().lower()
    if count is None or (_WORDS_ONLY.fullmatch(text) and text not in _NIL_WORDS):
        return None
    return count


_NIL_WORDS = frozenset({"nil", "none", "-", "x"})
_WORDS_ONLY = re.compile(r"[a-z -]+")


def _column_stats(body: list[BodyRow], width: int) -> list[ColumnStats]:
    stats = [ColumnStats() for _ in range(width)]
    values: list[list[str]] = [[] for _ in range(width)]
    numbers: list[list[int]] = [[] for _ in range(width)]
    for body_row in body:
        if body_row.kind != "data":
            continue
        for index in range(width):
            cell = cell_at(body_row.row, index)
            text = cell.text.strip()
            if not text:
                continue
            column = stats[index]
            column.filled += 1
            column.total_len += len(text)
            values[index].append(text.lower())
            if cell_is_day(cell):
                column.days += 1
            elif cell_is_period_label(cell):
                column.periods += 1
            count = _count_like(cell)
            if count is not None:
                column.counts += 1
                if count[1] > 0:
                    column.positive += 1
                    numbers[index].append(count[0] if count[0] == count[1] else -1)
    for index, column in enumerate(stats):
        column.distinct = len(set(values[index]))
        seq = numbers[index]
        column.sequence = len(seq) >= 2 and seq == list(range(seq[0], seq[0] + len(seq))) and seq[0] in (0, 1)
    return stats


def _refine_roles(columns: list[Column], stats: list[ColumnStats]) -> None:
    """Correct header-word roles by what the columns hold."""
    sequence_headers = load_aliases().sequence_or_count
    for column, stat in zip(columns, stats):
        if stat.filled == 0:
            continue
        if normalise_header(column.header) in sequence_headers and column.role in ("count", "reference", None):
            column.role = "reference" if stat.sequence else "count"
        if column.role is None:
            if stat.share(stat.days) >= CONTENT_SHARE:
                column.role = "date"
            elif stat.share(stat.periods) >= CONTENT_SHARE and not cell_is_period_label(Cell(column.header)):
                column.role = "period"
            elif stat.avg_len >= 25 and stat.share(stat.counts) < 0.5:
                column.role = "description"
        elif column.role == "count" and stat.share(stat.counts) < 0.5 and stat.avg_len > 15:
            column.role = "description" if stat.avg_len >= 25 else "cause"
        elif column.role == "description" and stat.share(stat.days) >= CONTENT_SHARE:
            column.role = "date"


def _choose_fields(columns: list[Column], stats: list[ColumnStats]) -> dict[str, Column]:
    """One column per field of an incident row."""
    fields: dict[str, Column] = {}
    by_role: dict[str, list[Column]] = {}
    for column in columns:
        if column.role:
            by_role.setdefault(column.role, []).append(column)

    def best(role: str, key) -> Column | None:
        candidates = by_role.get(role) or []
        return max(candidates, key=key) if candidates else None

    dates = by_role.get("date") or []
    if dates:
        fields["date"] = max(dates, key=lambda c: (stats[c.index].share(stats[c.index].days + stats[c.index].periods) >= 0.5,
                                                   bool(_OCCURRED_WORDS.search(c.header.lower())), c.role_score, -c.index))
    period = best("period", lambda c: (c.role_score, -c.index))
    if period:
        fields["period"] = period
    text_columns = (by_role.get("description") or []) + (by_role.get("cause_or_description") or [])
    causes = by_role.get("cause") or []
    if text_columns:
        description = max(text_columns, key=lambda c: (stats[c.index].avg_len, c.role == "description", -c.index))
        fields["description"] = description
        others = [c for c in text_columns if c is not description and stats[c.index].categorical]
        if not causes and others:
            causes = others
    if causes:
        fields["cause"] = max(causes, key=lambda c: (c.role_score, stats[c.index].filled, -c.index))
    elif "description" in fields and fields["description"].role == "cause_or_description" \
            and stats[fields["description"].index].categorical:
        fields["cause"] = fields["description"]  # "Type of breach | Number": the category is the description
    if "description" not in fields and "cause" in fields:
        fields["description"] = fields["cause"]
    for role in ("outcome", "staff", "count", "location", "reference"):
        chosen = best(role, lambda c: (c.role_score, stats[c.index].filled, -c.index))
        if chosen:
            fields[role] = chosen
    if "description" not in fields:
        # counts by some other grouping ("Directorate | Number"): the group's words describe the row
        label = fields.get("location") or next(
            (c for c in columns if c.role is None and stats[c.index].filled and stats[c.index].share(stats[c.index].counts) < 0.5),
            None)
        if label is not None and "count" in fields:
            fields["description"] = label
    return fields


def _value_columns(layout_columns: list[Column], stats: list[ColumnStats]) -> list[Column]:
    """Columns of counts (not the first column: a cross-tab's labels come first)."""
    values = []
    for column in layout_columns[1:]:
        stat = stats[column.index]
        if stat.filled == 0 or (column.role in _NOT_VALUE_ROLES and not _is_axis_header(column)):
            continue
        if stat.share(stat.counts) >= COUNT_SHARE and stat.positive >= 1 and stat.share(stat.days) < 0.5:
            values.append(column)
    return values


def _is_axis_header(column: Column) -> bool:
    from interpret.table_crosstab import header_axes  # the cross-tab reader owns axis naming

    return bool(header_axes(column))


def analyse_table(table: Table, context: list[str] | None = None) -> Layout | None:
    """The layout of a table, or None when no header row is found."""
    header = find_header(table.rows)
    if header is None:
        return None
    return analyse_with_header(table, header, context)


def analyse_with_header(table: Table, header: HeaderBlock, context: list[str] | None = None) -> Layout:
    width = len(header.columns)
    body = _classify_rows(table.rows, header)
    stats = _column_stats(body, width)
    columns = header.columns
    _refine_roles(columns, stats)
    if merge_wrapped_rows(body, columns):
        stats = _column_stats(body, width)
        _refine_roles(columns, stats)
    titles = [table.title or ""] + list(context or [])
    titles += [" ".join(t for _, t in distinct_texts(r)) for r in table.rows[:header.first]]
    layout = Layout(table, header, body, columns, stats, "listing", title_period(titles))

    values = _value_columns(columns, stats)
    totals = [c for c in values if match_total(c.header)]
    # "Number of breaches | Number disciplined": counts of one thing (or nested counts), not a
    # category axis; a cross-tab's columns name periods or categories
    plain_counts = [c for c in values if c.role == "count" and not _is_axis_header(c) and c not in totals]
    values = [c for c in values if c not in totals and c not in plain_counts]
    listing_shape = any(
        c.role == "date" and stats[c.index].share(stats[c.index].days) >= 0.5 for c in columns) or any(
        c.role in ("description", "cause_or_description") and stats[c.index].avg_len >= LISTING_TEXT_LEN
        for c in columns)
    crosstab = not listing_shape and (len(values) >= 2 or (len(values) == 1 and _is_axis_header(values[0])))
    if crosstab and plain_counts:
        layout.notes.append(f"{table.locator}: count columns beside the cross-tab not read: "
                            + ", ".join(f"'{c.header}'" for c in plain_counts))
    if crosstab:
        layout.kind = "crosstab"
        layout.value_columns = values
        layout.total_columns = totals
        first_value = min(c.index for c in values)
        layout.label_columns = [c for c in columns[:first_value]
                                if stats[c.index].filled and c not in totals and c.role not in ("reference", "ignore")]
        if not layout.label_columns:
            layout.kind = "listing"
    if layout.kind == "listing":
        if totals and not any(c.role == "count" for c in columns):
            totals[0].role = "count"  # "Type of breach | Total": the only numbers are the counts
        layout.fields = _choose_fields(columns, stats)
        layout.date_is_month = _dates_are_months(layout)
    _settle_single_rows(layout)
    return layout


# at least this many dates, all on the 1st, before a date column is read as months
_MONTH_EVIDENCE = 3


def _dates_are_months(layout: Layout) -> bool:
    """A date column whose header says "month", or whose stored dates all fall on the 1st."""
    column = layout.fields.get("date")
    if column is None:
        return False
    if "month" in normalise_header(column.header).split():
        return True
    days = [cell_at(b.row, column.index).value for b in layout.body if b.kind == "data"]
    days = [d for d in days if isinstance(d, (dt.date, dt.datetime))]
    return len(days) >= _MONTH_EVIDENCE and all(d.day == 1 for d in days)


def _always_filled_elsewhere(layout: Layout) -> bool:
    """Every multi-cell row fills some other field (a date, an outcome): a row holding only a
    sentence in the description column is then a remark under the table, not an incident."""
    data = [b for b in layout.body if b.kind == "data"]
    if len(data) < 2:
        return False
    description = layout.fields.get("description")
    for name in ("date", "outcome", "staff", "cause", "count"):
        column = layout.fields.get(name)
        if column is None or column is description:
            continue
        if layout.stats[column.index].filled >= len(data):
            return True
    return False


def _settle_single_rows(layout: Layout) -> None:
    """A row with one text is a section heading (a period), a note, or (in the description column) an incident."""
    description = layout.fields.get("description") if layout.kind == "listing" else None
    for body_row in layout.body:
        if body_row.kind != "single":
            continue
        texts = distinct_texts(body_row.row)
        index, text = texts[0]
        merged = sum(1 for c in body_row.row.cells if c.text.strip() == text) >= 2
        period = parse_period(text)
        if period is not None and period.kind != "day" and len(text) <= 40:
            body_row.kind, body_row.section = "section", period
        elif is_note_text(text) or merged:
            body_row.kind = "note"
        elif description is not None and index == description.index and not _always_filled_elsewhere(layout):
            body_row.kind = "data"
        elif layout.kind == "crosstab" and layout.label_columns and index == layout.label_columns[0].index \
                and len(text) <= 60:
            body_row.kind = "data"  # a label whose cells are all empty: no incidents, read for completeness
        else:
            body_row.kind = "note"


__all__ = ["Layout", "BodyRow", "TableRead", "ColumnStats", "analyse_table", "analyse_with_header", "cell_count", "cell_at",
           "is_note_text", "title_period", "ROLE_AXIS"]
