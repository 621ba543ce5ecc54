"""Interpretation: a format-free Document in, response facts and incident rows out.

Knows nothing of file formats. Tables are read first; a reply whose tables hold
no incidents is read as prose. Rows that give no period of their own take the
reply's period.
"""
from __future__ import annotations

from extractors.document import Document
from interpret.records import IncidentRow, ResponseFacts


def interpret_document(doc: Document) -> tuple[ResponseFacts, list[IncidentRow]]:
    from interpret.facts import read_facts
    from interpret.prose import read_prose
    from interpret.tables import read_tables

    facts = read_facts(doc)
    tables = read_tables(doc)
    rows = tables.rows if tables.rows else read_prose(doc, facts)
    if facts.reported_total_min is None and len(tables.stated_totals) == 1:
        facts.reported_total_min = facts.reported_total_max = tables.stated_totals[0]
    for row in rows:
        if row.period_start is None and row.period_end is None and row.date is None:
            row.period_start, row.period_end = facts.period_start, facts.period_end
    return facts, _unique_locators(rows)


def _unique_locators(rows: list[IncidentRow]) -> list[IncidentRow]:
    """Guarantee the contract's rule that no two rows of a response share a locator."""
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.source_file, row.source_locator)
        if key in seen:
            seen[key] += 1
            row.source_locator = f"{row.source_locator};part={seen[key]}"
        else:
            seen[key] = 1
    return rows


__all__ = ["interpret_document", "IncidentRow", "ResponseFacts"]
