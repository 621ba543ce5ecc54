"""Tables whose field names run down the first column instead of across the top.

Two layouts from letters and forms:

* transposed listing - one column per incident:
      | Date        | 03/05/2011   | 14/06/2011 |
      | Description | Letter to... | Files lost |
      | Outcome     | Advice       | Dismissed  |
* stacked records - two columns, the field names repeating for each incident:
      | Date        | 03/05/2011   |
      | Description | Letter to... |
      | Date        | 14/06/2011   |
      | Description | Files lost   |

Both are turned into an ordinary listing (a header row, one row per incident)
so the listing reader handles them; each incident's locator names where it
starts (`...;col=3` for a column, the first row of a stacked record).
"""
from __future__ import annotations

from extractors.document import Cell, Row, Table
from interpret.table_aliases import normalise_header, role_of

# field-name share of the first column's filled cells
_FIELD_SHARE = 0.6
# roles a record must name, at least one of them, to be incidents
_INCIDENT_ROLES = frozenset({"description", "cause_or_description", "cause", "date"})
_MIN_ROLES = 3
# a field name is short and names its field outright
_FIELD_NAME_LEN = 40
_FIELD_NAME_SCORE = 0.75


def _first_column(table: Table) -> list[tuple[Row, str, str | None]]:
    """(row, label, role) for the non-blank, visible rows."""
    out = []
    for row in table.rows:
        if row.hidden or row.is_blank():
            continue
        label = row.cells[0].text.strip() if row.cells else ""
        match = role_of(label) if label and len(label) <= _FIELD_NAME_LEN else None
        if match is not None and (match.score < _FIELD_NAME_SCORE or not _has_plain_value(row, label)):
            match = None
        out.append((row, label, match.role if match else None))
    return out


def _has_plain_value(row: Row, label: str) -> bool:
    """The row carries a value beside its field name, and that value is not another field name
    (which would make the row a header across the top)."""
    values = [c.text.strip() for c in row.cells[1:] if c.text.strip() and c.text.strip() != label]
    return bool(values) and not any((m := role_of(v)) and m.score >= _FIELD_NAME_SCORE for v in values)


def _looks_like_records(entries: list[tuple[Row, str, str | None]]) -> bool:
    roles = [role for _, _, role in entries if role and role != "ignore"]
    distinct = set(roles)
    return (len(entries) >= _MIN_ROLES and len(roles) >= _FIELD_SHARE * len(entries)
            and len(distinct) >= _MIN_ROLES and bool(distinct & _INCIDENT_ROLES))


def records_as_listing(table: Table) -> Table | None:
    """The same incidents as a listing with a header row, or None when the table is not a record layout."""
    entries = _first_column(table)
    if not entries or not _looks_like_records(entries):
        return None
    labels = [normalise_header(label) for _, label, _ in entries if label]
    if len(labels) == len(set(labels)):
        return _transposed(table, entries)
    return _stacked(table, entries)


def _transposed(table: Table, entries: list[tuple[Row, str, str | None]]) -> Table | None:
    width = max(len(row.cells) for row, _, _ in entries)
    if width < 2:
        return None
    header = Row([Cell(label, label) for _, label, _ in entries], f"{table.locator};col=1")
    rows = [header]
    for column in range(1, width):
        cells = [row.cells[column] if column < len(row.cells) else Cell("", None) for row, _, _ in entries]
        rows.append(Row(cells, f"{table.locator};col={column + 1}"))
    return Table(rows, table.locator, table.title)


def _stacked(table: Table, entries: list[tuple[Row, str, str | None]]) -> Table | None:
    if max(len(row.cells) for row, _, _ in entries) < 2:
        return None
    order: list[str] = []  # field names in first-seen order
    records: list[tuple[str, dict[str, Cell]]] = []
    current: dict[str, Cell] | None = None
    previous_row: Row | None = None
    for row, label, _role in entries:
        key = normalise_header(label)
        if not key:
            continue
        blank_between = previous_row is not None and _blank_between(table, previous_row, row)
        if current is None or key in current or blank_between:
            current = {}
            records.append((row.locator, current))
        current[key] = row.cells[1] if len(row.cells) > 1 else Cell("", None)
        if key not in order:
            order.append(key)
        previous_row = row
    labels = {normalise_header(label): label for _, label, _ in entries if label}
    header = Row([Cell(labels[k], labels[k]) for k in order], f"{table.locator};fields")
    rows = [header] + [Row([fields.get(k, Cell("", None)) for k in order], locator) for locator, fields in records]
    return Table(rows, table.locator, table.title)


def _blank_between(table: Table, earlier: Row, later: Row) -> bool:
    rows = table.rows
    position = {id(r): i for i, r in enumerate(rows)}
    return any(r.is_blank() for r in rows[position[id(earlier)] + 1:position[id(later)]])


__all__ = ["records_as_listing"]
