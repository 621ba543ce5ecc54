"""All the text of a reply as units with a place: letterhead, body, signature, request, table.

The facts of a reply (who sent it, its reference, period, total, exemptions)
may sit in running text, in a spreadsheet's title or notes rows, or in an
attachment, so the facts readers look at every document of the tree through
this one view. A unit's `zone` says how much its words count: the letterhead
and signature name the sender, the restated request names the requester's
period, a table row is data.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from dataclasses import dataclass

from extractors.document import Document, Line, Table
from interpret.dates import find_dates
from interpret.language import load_yaml, normalise_quotes, normalise_space
from interpret.request_text import split_request
from interpret.text_tables import table_lines

LETTERHEAD_UNITS = 6  # the first non-empty units of a document are its letterhead / title
SIGNATURE_TAIL = 3    # without a closing phrase, the last units stand in for the signature
LETTERHEAD_MAX_WORDS = 16  # a longer line is the letter's text, not its heading


@dataclass(frozen=True)
class TextUnit:
    text: str         # whitespace-normalised, typographic quotes as ASCII
    locator: str
    source_file: str
    zone: str         # "letterhead", "body", "signature", "request", "quoted", "table", "caption"
    position: int     # reading order within its document (0-based)
    document: int     # index of its document in doc.walk() order (0 = the file itself)
    from_table: bool = False  # a table's title or row (a cell is read on its own, never joined to the next)


@functools.lru_cache(maxsize=1)
def _closings() -> list[re.Pattern[str]]:
    return [re.compile(p, re.I) for p in load_yaml("authority.yaml")["closing_phrases"]]


def _distinct_cells(cells: list[str]) -> list[str]:
    """A row's filled cells, a merged cell (repeated across the cells it spans) once."""
    out: list[str] = []
    for text in (normalise_space(normalise_quotes(t)) for t in cells):
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


def text_units(doc: Document) -> list[TextUnit]:
    """Every piece of text in the document and its attachments, with its zone."""
    units: list[TextUnit] = []
    for number, part in enumerate(doc.walk()):
        units.extend(_document_units(part, number))
    return units


def _document_units(doc: Document, number: int) -> list[TextUnit]:
    split = split_request(doc)
    zone_of = {"answer": "body", "request": "request", "quoted": "quoted"}
    in_text_tables = table_lines(split.answer)
    raw: list[tuple[str, str, str]] = []  # (text, locator, zone)
    for index, element in enumerate(doc.elements):
        if isinstance(element, Table):
            quoted = split.quote_start is not None and index > split.quote_start
            if element.title:
                raw.append((element.title, element.locator, "quoted" if quoted else "caption"))
            for row in element.rows:
                filled = _distinct_cells(row.texts)
                if filled:
                    zone = "quoted" if quoted else "caption" if len(filled) == 1 else "table"
                    raw.append((" | ".join(filled), row.locator, zone))
        elif isinstance(element, Line):
            if id(element) in in_text_tables:
                raw.append((element.text, element.locator, "table"))
                continue
            for piece, kind in split.parts.get(id(element), [(element, "answer")]):
                raw.append((piece.text, piece.locator, zone_of[kind]))
    units = []
    for text, locator, zone in raw:
        for piece in text.split("\n"):
            clean = normalise_space(normalise_quotes(piece))
            if clean:
                units.append(TextUnit(clean, locator, doc.source_file, zone, len(units), number,
                                      from_table=zone in ("caption", "table")))
    return _mark_letterhead_and_signature(units)


def _mark_letterhead_and_signature(units: list[TextUnit]) -> list[TextUnit]:
    marked = list(units)
    for index in range(min(LETTERHEAD_UNITS, len(marked))):
        unit = marked[index]
        words = len(unit.text.split())
        if _SALUTATION.match(unit.text) or words > LETTERHEAD_MAX_WORDS or (
                words >= 8 and unit.text.endswith((".", "?", "!")) and not unit.from_table):
            break  # the letter proper has begun
        if unit.zone in ("body", "caption"):  # a data row is never the letterhead
            marked[index] = _with_zone(unit, "letterhead")
    own = [i for i, u in enumerate(marked) if u.zone == "body"]
    if not own:
        return marked
    closings = _closings()
    closing_at = next((i for i in own if any(p.search(marked[i].text) for p in closings)), None)
    if closing_at is not None:
        tail = [i for i in own if i > closing_at]
    else:  # no "Yours faithfully": the last short lines that read as a sign-off, not sentences
        tail = [i for i in own[-SIGNATURE_TAIL:] if len(marked[i].text.split()) <= 8
                and not marked[i].text.endswith((".", "?", "!"))]
    for index in tail:
        marked[index] = _with_zone(marked[index], "signature")
    return marked


def _with_zone(unit: TextUnit, zone: str) -> TextUnit:
    return TextUnit(unit.text, unit.locator, unit.source_file, zone, unit.position, unit.document, unit.from_table)


_SALUTATION = re.compile(r"^(?:dear|annwyl|to whom it may concern|hello|good (?:morning|afternoon))\b", re.I)


_DATE_LABEL = re.compile(r"^(?:date(?:d)?|dyddiad|date sent|date of (?:response|reply|letter))\b[\s/:a-z]*?[:]?\s*(?P<rest>.+)$",
                         re.I)
_DATED = re.compile(r"\b(?:response|reply|letter) dated (?P<rest>.+)$", re.I)


def reply_date(doc: Document) -> dt.date | None:
    """The date the reply was sent: the e-mail's Date header, else the letter's date line."""
    return reply_date_from_units(doc, text_units(doc))


def reply_date_from_units(doc: Document, units: list[TextUnit]) -> dt.date | None:
    """As reply_date, over text units already read."""
    for part in doc.walk():
        header = part.meta.get("date")
        if header:
            try:
                return email.utils.parsedate_to_datetime(header).date()
            except (TypeError, ValueError, IndexError):
                pass
    for unit in units:
        if unit.zone in ("request", "quoted") or unit.position > 30:
            continue
        for pattern in (_DATE_LABEL, _DATED):
            match = pattern.search(unit.text)
            if match:
                found = find_dates(match.group("rest"))
                if found:
                    return found[0][0]
    for unit in units:  # a letter's date often stands alone on a line near the top
        if unit.zone in ("request", "quoted") or unit.position > 15:
            continue
        found = find_dates(unit.text)
        if len(found) == 1 and found[0][1][1] - found[0][1][0] >= len(unit.text) - 2:
            return found[0][0]
    return None


__all__ = ["TextUnit", "text_units", "reply_date", "reply_date_from_units"]
