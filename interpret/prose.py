"""Incidents told in running text, for replies with no incident table.

Over the reply's own lines (`request_text.answer_lines`: the quoted or
restated request is gone, so its numbered questions never become incidents),
in order of preference:

1. record blocks: "Date: ... / Breach: ... / Outcome: ..." -> one row per block;
2. fixed-width text tables (columns lined up with spaces) -> the table reader;
3. list items and lines led by a date or period ("June 2011 - A police
   constable ...") -> one row per item, or one row per count for an item that
   is a count ("11 e-mails sent to the wrong recipient");
4. counts in sentences -> `prose_groups` (grouped counts, split to the finest
   level the reply gives).

A reply that gives only its total gives one row for that total. Words are
data: `prose_patterns.yaml`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from extractors.document import Cell, Document, Line, Row, Table
from interpret.count_phrases import find_counts, parse_sentences, stated_total
from interpret.counts import parse_count
from interpret.dates import Period, parse_period
from interpret.language import compile_patterns, load_yaml, nlp
from interpret.prose_groups import read_count_groups
from interpret.prose_words import clean, outcome_like, patterns, strip_lead_words
from interpret.records import IncidentRow, ResponseFacts
from interpret.request_text import answer_lines, is_list_item
from interpret.text_tables import aligned_blocks


def read_prose(doc: Document, facts: ResponseFacts) -> list[IncidentRow]:
    """Incident rows from the running text of `doc` and its attachments."""
    if facts.foi_status in ("refused", "not_held"):
        return []  # a refusal's or a not-held reply's numbers (costs, hours, files) are no incidents
    rows: list[IncidentRow] = []
    seen: set[tuple] = set()
    for part in doc.walk():
        found = _read_document(part, answer_lines(part), facts)
        source = "\n".join(line.text for line in part.lines)
        for row in found:
            row.description = original_wording(row.description, source)
        # an e-mail body that repeats its attached letter tells the same incidents once
        keys = [_same_incident(r) for r in found]
        rows.extend(r for r, key in zip(found, keys) if key not in seen)
        seen.update(keys)
    if not rows:
        rows = _total_only(doc, facts)
    return number_parts(rows)


_TYPOGRAPHIC = {"'": "['\u2018\u2019]", '"': '["\u201c\u201d]', "-": "[-\u2013\u2014]"}


def original_wording(description: str | None, source: str) -> str | None:
    """`description` as the reply wrote it: the matching is done on text with ASCII quotes and
    dashes, but the description keeps the reply's own typographic apostrophes and dashes."""
    if not description or not any(c in description for c in _TYPOGRAPHIC):
        return description
    pattern = "".join(_TYPOGRAPHIC.get(c, r"\s+" if c == " " else re.escape(c)) for c in description)
    found = re.search(pattern, source)
    return " ".join(found.group(0).split()) if found else description


def _read_document(part: Document, lines: list[Line], facts: ResponseFacts) -> list[IncidentRow]:
    for reader in (read_record_blocks, read_text_tables):
        rows = reader(part, lines)
        if rows:
            return rows
    rows = read_items(part, lines)
    if not rows:
        return read_count_groups(part, lines, facts)
    # a list of some incidents and a sentence counting the rest ("The remaining 5 cases involved ...")
    listed = sum(r.count_max for r in rows)
    if facts.reported_total_max is not None and listed < facts.reported_total_min:
        rest = read_count_groups(part, lines, facts, covered=listed, with_remainder=False)
        if sum(r.count_max for r in rest) <= facts.reported_total_min - listed:
            rows.extend(rest)
    return rows


def _same_incident(row: IncidentRow) -> tuple:
    words = re.sub(r"\W+", " ", (row.description or "").lower()).strip()
    return (words, row.count_min, row.count_max, row.date, row.period_start, row.period_end)


def number_parts(rows: list[IncidentRow]) -> list[IncidentRow]:
    """Rows read from one line get ";part=N" so that no two rows share a locator."""
    per_line = Counter((r.source_file, r.source_locator) for r in rows)
    seen: Counter = Counter()
    for row in rows:
        key = (row.source_file, row.source_locator)
        if per_line[key] > 1 and ";part=" not in row.source_locator:
            seen[key] += 1
            row.source_locator = f"{row.source_locator};part={seen[key]}"
    return rows


# --- the whole reply as one count ---------------------------------------------------------------

def _total_only(doc: Document, facts: ResponseFacts) -> list[IncidentRow]:
    """One row for a stated total when the reply gives nothing finer."""
    if facts.reported_total_min is None or facts.reported_total_max in (None, 0):
        return []
    if facts.foi_status not in ("disclosed", "partially_disclosed"):
        return []
    for part in doc.walk():
        for line in answer_lines(part):
            for sentence in parse_sentences(clean(line.text)):
                counts = find_counts(sentence)
                if any(c.low == facts.reported_total_min and c.high == facts.reported_total_max for c in counts):
                    return [IncidentRow(source_file=part.source_file, source_locator=line.locator,
                                        count_min=facts.reported_total_min, count_max=facts.reported_total_max,
                                        period_start=facts.period_start, period_end=facts.period_end)]
    first = doc.lines[0].locator if doc.lines else "line=1"
    return [IncidentRow(source_file=doc.source_file, source_locator=first, count_min=facts.reported_total_min,
                        count_max=facts.reported_total_max, period_start=facts.period_start,
                        period_end=facts.period_end)]


# --- periods at the start of an item ------------------------------------------------------------

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_LABEL = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|{_MONTH}\s*[-/']\s*\d{{2}}"
          r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:FY\s*)?\d{4}\s*[/-]\s*\d{2,4}"
          r"|(?:Q[1-4]|quarter\s+[1-4])\s+\d{4}(?:\s*/\s*\d{2,4})?|\d{4})")
_LEADING_LABEL = re.compile(rf"^(?P<label>{_LABEL})\s*(?:[-:|)]|\s-\s|\t)\s*(?P<rest>\S.*)$", re.I)
_LEADING_WHEN = re.compile(rf"^(?:on|in|during)\s+(?P<label>{_LABEL}),?\s+(?P<rest>\S.*)$", re.I)
_MARKER = re.compile(r"^\s*(?:[\u2022\u2023\u2043\u2219\u25aa\u25cf\u25cb\u25e6\u25a0\u00b7\u27a2\u2713\u2714"
                     r"\u25ba\u25b8\uf0b7\uf0a7\uf076\uf0d8*\-]|o(?=\s+[A-Z])|"
                     r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]|\(\d{1,3}\))\s+", re.I)
# "Incident 3: ...", "Case 2 - ...", "Breach no. 4)": a numbered incident written out
_NUMBERED = re.compile(r"^\s*(?:incident|case|breach|matter|record|item)\s*(?:no\.?|number|ref\.?)?\s*#?\d{1,3}"
                       r"\s*[:.)\-]\s+(?=\S)", re.I)


def leading_period(text: str, strict: bool = True) -> tuple[Period, str] | None:
    """The period a text starts with ("June 2011 - ...", "2011/12: ...") and the text after it."""
    match = _LEADING_LABEL.match(text) or (None if strict else _LEADING_WHEN.match(text))
    if not match:
        return None
    period = parse_period(match.group("label"))
    if period is None:
        return None
    return period, match.group("rest").strip()


def strip_marker(text: str) -> str:
    if _NUMBERED.match(text):
        return _NUMBERED.sub("", text, count=1).strip()
    return _MARKER.sub("", text, count=1).strip()


def _apply_period(row: IncidentRow, period: Period | None) -> None:
    if period is None:
        return
    row.period_start, row.period_end = period.start, period.end
    if period.kind == "day":
        row.date = period.start


# --- list items and lines led by a period -------------------------------------------------------

@dataclass
class _Item:
    lines: list[Line]
    text: str  # marker removed, continuation lines joined


def _collect_items(lines: list[Line]) -> list[_Item]:
    items: list[_Item] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = clean(line.text)
        listed = bool(text) and (is_list_item(line) or bool(_NUMBERED.match(text)))
        if not text or not (listed or leading_period(text) or _labelled_outcome(text)):
            index += 1
            continue
        parts = [strip_marker(text) if listed else text]
        end = index + 1
        while end < len(lines):
            following = lines[end]
            more = clean(following.text)
            if not more or is_list_item(following) or _NUMBERED.match(more) or leading_period(more):
                break
            indented = following.text[:1].isspace() and not line.text[:1].isspace()
            if not (more[:1].islower() or not _ends_sentence(parts[-1]) or indented
                    or _outcome_label().match(more)):
                break
            parts.append(more)
            end += 1
        items.append(_Item(lines[index:end], " ".join(parts)))
        index = end
    return items


@functools.lru_cache(maxsize=1)
def _closing() -> list[re.Pattern[str]]:
    return compile_patterns(load_yaml("authority.yaml")["closing_phrases"])


def before_signature(lines: list[Line]) -> list[Line]:
    """The lines before "Yours sincerely" / "Regards": a signature's "J. Smith" is no list item."""
    for index, line in enumerate(lines):
        if index > 0 and any(p.search(clean(line.text)) for p in _closing()):
            return lines[:index]
    return lines


def _labelled_outcome(text: str) -> bool:
    """A line telling one incident and its labelled outcome: "A laptop was stolen. Outcome: no action."."""
    match = _outcome_label().search(text)
    return match is not None and len(text[:match.start()].split()) >= 3


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", '"', ")"))


@functools.lru_cache(maxsize=1)
def _item_filters() -> tuple[list[re.Pattern[str]], frozenset[str]]:
    return compile_patterns(patterns()["not_incident_item"]), frozenset(patterns()["incident_words"])


def read_items(part: Document, lines: list[Line]) -> list[IncidentRow]:
    """One row per incident item (or per count item) of the reply's lists."""
    rows: list[IncidentRow] = []
    for item in _collect_items(before_signature(lines)):
        rows.extend(_item_rows(part, item))
    return rows


def _item_rows(part: Document, item: _Item) -> list[IncidentRow]:
    not_item, incident_words = _item_filters()
    text = item.text
    found = leading_period(text, strict=False)
    period, rest = (found if found else (None, text))
    if any(p.search(rest) for p in not_item) or len(rest.split()) < 2:
        return []
    locator = item.lines[0].locator
    counted = _count_item(rest, dated=period is not None)
    if counted is not None:
        (low, high), description = counted
        row = IncidentRow(source_file=part.source_file, source_locator=locator, description=description,
                          count_min=low, count_max=high)
        _apply_period(row, period)
        return [row]
    words = {w.lower_ for w in nlp().make_doc(rest)}
    told = period is not None or _labelled_outcome(rest)  # a date or an "Outcome:" label marks an incident
    if not told and (len(rest.split()) < 4 or not words & incident_words):
        return []
    if _states_total(rest):
        return []
    description, outcome = split_description_outcome(rest)
    row = IncidentRow(source_file=part.source_file, source_locator=locator, description=description,
                      outcome_text=outcome)
    _apply_period(row, period)
    return [row]


_TRAILING_COUNT = re.compile(r"^(?P<desc>.*?[A-Za-z].*?)\s*(?:[:=\-]|\bx)\s*(?P<n>(?:<|fewer than |less than )?\s*\d[\d,]*|<\s*\d+)"
                             r"(?:\s+(?:cases|incidents|breaches))?\s*\.?$", re.I)
# how every text _TRAILING_COUNT matches ends; that pattern backtracks at length over the
# many items that do not end so, and this one fails on them quickly
_ENDS_WITH_COUNT = re.compile(r"\d[\d,]*(?:\s+(?:cases|incidents|breaches))?\s*\.?$", re.I)


def _count_item(text: str, dated: bool) -> tuple[tuple[int, int], str] | None:
    """An item that is a count: "11 e-mails sent to the wrong recipient", "Lost laptops - 3".

    An item led by a date tells of one incident unless its count is of incidents
    ("2013/14 - 14 breaches"): "03/07/2013 - Two letters placed in one envelope" is one.
    """
    sentence = parse_sentences(text)[0]
    counts = find_counts(sentence)
    if counts and counts[0].start == 0 and (counts[0].noun or not dated):
        after = sentence[counts[0].end:].text
        description = strip_lead_words(after)
        if description:
            return (counts[0].low, counts[0].high), description
    match = _TRAILING_COUNT.match(text) if _ENDS_WITH_COUNT.search(text) else None
    if match:
        count = parse_count(match.group("n"))
        if count is not None and count != (0, 0):
            return count, match.group("desc").strip(" -:")
    return None


def _states_total(text: str) -> bool:
    return any(stated_total(s) is not None for s in parse_sentences(text))


@functools.lru_cache(maxsize=1)
def _outcome_label() -> re.Pattern[str]:
    labels = "|".join(re.escape(l) for l in sorted(patterns()["outcome_labels"], key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[.;,])\s*|\s+[-]\s+|\s)(?P<label>{labels})\s*[:\-]\s*(?P<outcome>\S.*)$", re.I)


_FINAL_BRACKET = re.compile(r"^(?P<description>.*\S)\s*\((?P<outcome>[^()]+)\)\s*\.?$")
_NIL = re.compile(r"\s*(?:none|nil|n/?a|no action|-)\s*", re.I)


def split_description_outcome(text: str) -> tuple[str, str | None]:
    """An item's own words for the incident, and the action taken when the item states it."""
    text = clean(text)
    labelled = _outcome_label().search(text)
    if labelled and labelled.start() > 0:
        return text[:labelled.start()].strip(" -;,"), labelled.group("outcome").strip()
    bracketed = _FINAL_BRACKET.match(text)
    if bracketed and (outcome_like(bracketed.group("outcome")) or _NIL.fullmatch(bracketed.group("outcome"))):
        return bracketed.group("description").strip(), bracketed.group("outcome").strip()
    sentences = [s.text.strip() for s in parse_sentences(text)]
    if len(sentences) > 1:
        later = " ".join(sentences[1:])
        if outcome_like(later):
            return sentences[0], later
        return text, None
    for separator in (" - ", "; "):
        pieces = text.split(separator)
        if len(pieces) > 1 and outcome_like(pieces[-1]) and not outcome_like(separator.join(pieces[:-1])):
            return separator.join(pieces[:-1]).strip(), pieces[-1].strip()
    return text, None


# --- record blocks ------------------------------------------------------------------------------

_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z /&()'-]{0,40}?)\s*(?::|\t|\s-\s)\s*(?P<value>.*)$")
_BLOCK_HEADER = re.compile(r"^\s*(?:incident|case|breach|record|item)\s*(?:no\.?|number|ref\.?)?\s*#?\d+\s*[:.\-]?\s*$", re.I)


@functools.lru_cache(maxsize=1)
def _field_roles() -> dict[str, str]:
    roles = {}
    for role, names in patterns()["record_fields"].items():
        for name in names:
            roles[name.lower()] = role
    return roles


def _fields_in(text: str) -> list[tuple[str, str]]:
    """(role, value) pairs of a line: "Date: 12/05/2011" or "Date: ...; Breach: ...; Outcome: ..."."""
    pieces = re.split(r"\s*(?:;|\|)\s*", text) if re.search(r"[;|]", text) else [text]
    found = []
    for piece in pieces:
        match = _FIELD.match(piece)
        role = _field_roles().get(re.sub(r"\s+", " ", match.group("key").strip().lower())) if match else None
        if role is None and match and found and len(match.group("key").split()) <= 4 and match.group("value"):
            found.append(("other", match.group("value").strip()))  # a field this reader has no use for
            continue
        if role is None:
            if found:
                found[-1] = (found[-1][0], f"{found[-1][1]}; {piece}")  # a ";" inside a value
                continue
            return []
        found.append((role, match.group("value").strip()))
    return found


def read_record_blocks(part: Document, lines: list[Line]) -> list[IncidentRow]:
    """One row per "Date: / Breach: / Outcome:" block."""
    blocks: list[tuple[str, dict[str, str]]] = []
    current: dict[str, str] | None = None
    last_role: str | None = None
    for line in lines:
        text = clean(line.text)
        if not text:
            last_role = None
            continue
        if _BLOCK_HEADER.match(text):
            current, last_role = None, None
            continue
        fields = _fields_in(text)
        if not fields and current is not None and _FIELD.match(text) and len(_FIELD.match(text).group("key").split()) <= 4:
            last_role = None  # "Staff involved: ...": a field of the block this reader does not use
            continue
        if not fields:
            if current is not None and last_role is not None:
                current[last_role] = f"{current[last_role]} {text}".strip()
            continue
        for role, value in fields:
            if current is None or role in current:
                current = {}
                blocks.append((line.locator, current))
            current[role] = value
            last_role = role
    rows = []
    for locator, fields in blocks:
        if not (fields.get("description") or fields.get("cause")) or len(fields) < 2:
            continue
        row = IncidentRow(source_file=part.source_file, source_locator=locator,
                          description=fields.get("description") or fields.get("cause"),
                          outcome_text=fields.get("outcome") or None, staff_text=fields.get("staff") or None,
                          cause_text=fields.get("cause") or None)
        if fields.get("date"):
            _apply_period(row, parse_period(fields["date"]))
        rows.append(row)
    return rows if len(rows) >= 2 or (rows and len(blocks) == 1) else []


# --- fixed-width text tables --------------------------------------------------------------------

def read_text_tables(part: Document, lines: list[Line]) -> list[IncidentRow]:
    """Columns lined up with spaces or bars (a plain-text table), read by the table reader."""
    reading = read_text_table_reading(part, lines)
    return reading.rows if reading is not None else []


def read_text_table_reading(part: Document, lines: list[Line]):
    """The table reader's reading (rows and stated totals) of the text tables among `lines`."""
    blocks = aligned_blocks(lines)
    if not blocks:
        return None
    from interpret.tables import read_tables  # the table reader is the one place tables are read

    tables = [Table(rows=[Row(cells=[Cell(text=t) for t in texts], locator=line.locator) for line, texts in block],
                    locator=f"{part.locator_prefix}text_table={number}")
              for number, block in enumerate(blocks, 1)]
    small = Document(source_file=part.source_file, kind=part.kind, elements=list(tables),
                     locator_prefix=part.locator_prefix)
    return read_tables(small)


__all__ = ["read_prose", "read_items", "read_record_blocks", "read_text_tables", "split_description_outcome",
           "outcome_like", "leading_period", "number_parts"]
