"""Finding a table's header and what each column means.

The header is not always the first row: titles, references and notes sit above
it, merged cells repeat a title across the row, and a group header may sit over
sub-headers. Candidate rows are scored by how many cells read as known headers
(aliases in `header_aliases.yaml`, period labels, category names) against how
much they look like data (dates, numbers, long sentences).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from extractors.document import Cell, Row
from interpret.dates import parse_date, parse_period

ALIASES_PATH = Path(__file__).with_name("header_aliases.yaml")

# how far down a table the header may start (non-blank rows)
HEADER_SEARCH_ROWS = 20
# a row needs at least this much header evidence to be taken as the header
HEADER_MIN_SCORE = 1.5
# an earlier header row is preferred to the best one when it scores at least this share of it
HEADER_EARLY_SHARE = 0.6
# text longer than this reads as data (a description), not a header
LONG_TEXT = 60

_FOOTNOTE_MARKS = re.compile(r"(?:\s*(?:\*+|\(\s*\d\s*\)|\[\s*\d\s*\]|\u2020|\u2021))+$")
_PUNCT = re.compile(r"[^\w/#<]+")


def normalise_header(text: str) -> str:
    """Lower case, "&" -> "and", footnote marks and punctuation (but "/" and "#") dropped."""
    value = text.replace("\u00a0", " ").strip().lower()
    value = _FOOTNOTE_MARKS.sub("", value).rstrip(":").strip()
    value = value.replace("&", " and ").replace("_", " ")
    value = _PUNCT.sub(" ", value)
    value = re.sub(r"\s*/\s*", "/", value)
    return " ".join(value.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(re.split(r"[ /]", text)) - {""}


@dataclass(frozen=True)
class RoleMatch:
    role: str
    score: float  # 1.0 exact; lower for partial matches


@dataclass(frozen=True)
class HeaderAliases:
    roles: tuple[tuple[str, tuple[str, ...]], ...]  # in priority order
    sequence_or_count: frozenset[str]
    total_grand: tuple[str, ...]
    total_plain: tuple[str, ...]
    total_sub: tuple[str, ...]
    note_prefixes: tuple[str, ...]
    note_phrases: tuple[str, ...]


@lru_cache(maxsize=None)
def load_aliases(path: Path = ALIASES_PATH) -> HeaderAliases:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles = tuple((role, tuple(normalise_header(str(a)) for a in aliases))
                  for role, aliases in raw["roles"].items())
    totals = raw.get("total_labels") or {}
    return HeaderAliases(
        roles=roles,
        sequence_or_count=frozenset(normalise_header(str(a)) for a in raw.get("sequence_or_count") or ()),
        total_grand=tuple(normalise_header(str(a)) for a in totals.get("grand") or ()),
        total_plain=tuple(normalise_header(str(a)) for a in totals.get("plain") or ()),
        total_sub=tuple(normalise_header(str(a)) for a in totals.get("sub") or ()),
        note_prefixes=tuple(str(a).lower() for a in raw.get("note_prefixes") or ()),
        note_phrases=tuple(str(a).lower() for a in raw.get("note_phrases") or ()),
    )


def _alias_score(header: str, alias: str) -> float:
    if not alias:
        return 0.0
    if header == alias:
        return 1.0
    if len(alias) <= 3:
        return 0.0  # "no", "id", "ref", "fy": only as the whole header
    coverage = len(alias) / max(len(header), 1)
    if re.search(rf"(?<![\w]){re.escape(alias)}(?![\w])", header):
        return 0.5 + 0.4 * coverage
    alias_words = _words(alias)
    if len(alias_words) > 1 and alias_words <= _words(header):
        return 0.4 + 0.3 * coverage
    return 0.0


@lru_cache(maxsize=4096)
def role_of(text: str) -> RoleMatch | None:
    """The column meaning a header names, or None."""
    header = normalise_header(text)
    if not header:
        return None
    best: RoleMatch | None = None
    for role, aliases in load_aliases().roles:
        score = max((_alias_score(header, alias) for alias in aliases), default=0.0)
        if score > 0 and (best is None or score > best.score):
            best = RoleMatch(role, score)
    return best


@dataclass(frozen=True)
class TotalLabel:
    kind: str  # "grand", "plain" or "sub"
    rest: str  # what follows the label in the same cell ("36 breaches" in "Total: 36 breaches")


# what may follow "Total" in a totals label; "Total loss of a laptop" is a description, not a total
_TOTAL_REST = re.compile(r"^(?:$|[:\-=(]|for\b|of\b|in\b|number\b|no\b|breach|incident|case|report|\d|<|\*|all\b)")


_SECTION_TOTAL = re.compile(r"[\w/\- ]{1,25}?\s+(?:sub[- ]?)?totals?\s*[:=]?\s*(?P<rest>\d[\d,]*)?")


@lru_cache(maxsize=4096)
def match_total(text: str) -> TotalLabel | None:
    """The kind of totals label a cell holds ("Total", "Grand total", "Sub-total", "Total: 36"), or None."""
    raw = " ".join(text.replace("\u00a0", " ").split())
    if not raw:
        return None
    lowered = raw.lower()
    aliases = load_aliases()
    phrases = [(k, p) for k, group in (("sub", aliases.total_sub), ("grand", aliases.total_grand),
                                       ("plain", aliases.total_plain)) for p in group]
    for kind, phrase in sorted(phrases, key=lambda kp: -len(kp[1])):
        pattern = r"\W*".join(re.escape(w) for w in phrase.split())
        match = re.match(rf"{pattern}s?(?![\w])\s*", lowered)
        if match is None:
            continue
        rest = raw[match.end():].strip()
        if _TOTAL_REST.match(rest.lower()):
            return TotalLabel(kind, rest.lstrip(":-= ").strip())
    # "2011/12 total", "Year total: 14": the total of a section
    section = _SECTION_TOTAL.fullmatch(lowered)
    if section:
        return TotalLabel("sub", section.group("rest") or "")
    return None


def total_kind(text: str) -> str | None:
    """"grand", "plain" or "sub" when a label names a totals row or column."""
    label = match_total(text)
    return label.kind if label else None


# --- cell shapes ---------------------------------------------------------------------------

def cell_is_day(cell: Cell) -> bool:
    if isinstance(cell.value, (dt.date, dt.datetime)):
        return True
    return parse_date(cell.text) is not None


_NUMBER_TEXT = re.compile(r"^(?:[<>\u2264]=?\s*)?\d[\d,]*(?:\.\d+)?\s*\*?$|^\*$")


def cell_is_number(cell: Cell) -> bool:
    """A plain count-like number ("12", "<5", "*"); a year label such as 2012 does not count."""
    text = cell.text.strip()
    if not text:
        return False
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return False
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return True
    return bool(_NUMBER_TEXT.match(text))


def cell_is_period_label(cell: Cell) -> bool:
    period = parse_period(cell.text) if cell.text.strip() else None
    return period is not None and period.kind != "day"


def distinct_texts(row: Row) -> list[tuple[int, str]]:
    """(column, text) of the non-empty cells, merged copies (same text in adjacent cells) once."""
    out: list[tuple[int, str]] = []
    previous = None
    for index, cell in enumerate(row.cells):
        text = cell.text.strip()
        if text and text != previous:
            out.append((index, text))
        previous = text if text else None
    return out


def is_title_row(row: Row) -> bool:
    """One text across the row (a merged title), or text in the first cell only."""
    texts = distinct_texts(row)
    return len({t for _, t in texts}) == 1 and bool(texts) and texts[0][0] == 0


def _dimension(text: str) -> str | None:
    try:
        from classifier.lexicon import label_dimension
    except ImportError:  # the classifier package is optional for reading tables
        return None
    return label_dimension(text)


def header_score(row: Row) -> float:
    """How much a row reads as a header (aliases, period labels, category names) rather than data."""
    texts = distinct_texts(row)
    if len({t for _, t in texts}) < 2:
        return 0.0
    score = 0.0
    periods = 0
    dimensions = 0
    for index, text in texts:
        cell = row.cells[index]
        if cell_is_day(cell):
            score -= 2.0
            continue
        if cell_is_period_label(cell):
            periods += 1
            continue
        if cell_is_number(cell):
            score -= 1.0
            continue
        if len(text) > LONG_TEXT:
            score -= 1.0
            continue
        match = role_of(text)
        if match:
            score += match.score
        elif _dimension(text):
            dimensions += 1
        if len(text) > 40:
            score -= 0.3
    if periods >= 2:
        score += 0.6 * periods
    if dimensions >= 2:
        score += 0.3 * dimensions
    return score


def _has_data_shape(row: Row) -> bool:
    for cell in row.cells:
        text = cell.text.strip()
        if not text:
            continue
        if cell_is_day(cell) or (cell_is_number(cell) and not cell_is_period_label(cell)) or len(text) > LONG_TEXT:
            return True
    return False


@dataclass
class Column:
    index: int  # 0-based position in the row
    header: str  # the header text over this column (sub-header when there are two levels)
    group: str | None = None  # a group header spanning this column, when there is one
    role: str | None = None
    role_score: float = 0.0

    @property
    def number(self) -> int:
        """1-based column number, as locators write it."""
        return self.index + 1


@dataclass
class HeaderBlock:
    first: int  # index (into the table's rows) of the first header row
    last: int  # index of the last header row
    columns: list[Column]
    score: float

    def texts(self) -> list[str]:
        return [c.header for c in self.columns]


def _group_row_above(row: Row, header: Row) -> bool:
    """A row of group labels (merged across several columns) sitting over the header."""
    if row.hidden or row.is_blank() or is_title_row(row) or _has_data_shape(row):
        return False
    texts = distinct_texts(row)
    spans_columns = any(
        i + 1 < len(row.cells) and row.cells[i].text.strip() and row.cells[i].text == row.cells[i + 1].text
        for i in range(len(row.cells)))
    named = sum(1 for _, t in texts if role_of(t) or _dimension(t) or cell_is_period_label(Cell(t)))
    header_filled = sum(1 for c in header.cells if c.text.strip())
    return (spans_columns or named >= 1) and len(texts) < header_filled and any(i > 0 for i, _ in texts)


def _sub_header_below(row: Row, header: Row) -> str | None:
    """"sub" for a row of sub-headers under a group header, "wrap" for a header's wrapped words."""
    if row.hidden or row.is_blank() or _has_data_shape(row):
        return None
    texts = distinct_texts(row)
    if all(len(t.split()) <= 3 and t[:1].islower() for _, t in texts) and all(
            i < len(header.cells) and header.cells[i].text.strip() for i, _ in texts):
        return "wrap"
    first = row.cells[0].text.strip() if row.cells else ""
    header_first = header.cells[0].text.strip() if header.cells else ""
    if first and first != header_first:
        return None
    named = sum(1 for _, t in texts if cell_is_period_label(Cell(t)) or _dimension(t) or role_of(t))
    under_group = sum(
        1 for i, _ in texts
        if i < len(header.cells) and header.cells[i].text.strip()
        and ((i > 0 and header.cells[i - 1].text == header.cells[i].text)
             or (i + 1 < len(header.cells) and header.cells[i + 1].text == header.cells[i].text)))
    return "sub" if len(texts) >= 2 and (named >= 2 or under_group >= 2) else None


def find_header(rows: list[Row], search_rows: int = HEADER_SEARCH_ROWS) -> HeaderBlock | None:
    """The header block of a table, or None when no row reads as a header."""
    candidates: list[int] = []
    for index, row in enumerate(rows):
        if row.is_blank() or row.hidden:
            continue
        candidates.append(index)
        if len(candidates) >= search_rows:
            break
    scores = {index: header_score(rows[index]) for index in candidates}
    best = max(scores.values(), default=0.0)
    if best < HEADER_MIN_SCORE:
        return _header_by_content(rows, candidates)
    index = next(i for i in candidates if scores[i] == best)
    # an earlier header with data under it: a second table further down the same sheet may
    # have a richer header, but the rows above it are a table too
    for earlier in candidates:
        if earlier >= index:
            break
        if scores[earlier] >= max(HEADER_MIN_SCORE, HEADER_EARLY_SHARE * best) and any(
                _has_data_shape(rows[i]) for i in range(earlier + 1, index)):
            index = earlier
            break
    return build_header(rows, index, scores[index])


def _header_by_content(rows: list[Row], candidates: list[int]) -> HeaderBlock | None:
    """Headers in words no alias knows: a row of short labels over rows that mostly hold a day's date.

    Only a date column is strong enough evidence on its own; a table of long text
    under short labels is as likely a question-and-answer layout as a listing.
    """
    for position, index in enumerate(candidates):
        row = rows[index]
        texts = distinct_texts(row)
        if len({t for _, t in texts}) < 2 or _has_data_shape(row) or any(len(t) > 40 for _, t in texts):
            continue
        below = [rows[i] for i in candidates[position + 1:position + 11]]
        if len(below) < 2:
            return None
        for column, _ in texts:
            dated = sum(1 for r in below if column < len(r.cells) and cell_is_day(r.cells[column]))
            if dated >= max(2, 0.6 * len(below)):
                return build_header(rows, index, 0.0)
        return None
    return None


def build_header(rows: list[Row], index: int, score: float = 0.0) -> HeaderBlock:
    """The header block around row `index`: a group row above and sub-header rows below joined in."""
    header = rows[index]
    width = max(len(r.cells) for r in rows)
    texts = [header.cells[i].text.strip() if i < len(header.cells) else "" for i in range(width)]
    groups: list[str | None] = [None] * width
    first = last = index
    if index > 0 and _group_row_above(rows[index - 1], header):
        above = rows[index - 1]
        for i in range(width):
            text = above.cells[i].text.strip() if i < len(above.cells) else ""
            if text and text != texts[i]:
                groups[i] = text
        first = index - 1
    while last + 1 < len(rows):
        below = rows[last + 1]
        kind = _sub_header_below(below, rows[last])
        if kind is None:
            break
        for i in range(width):
            text = below.cells[i].text.strip() if i < len(below.cells) else ""
            if not text or text == texts[i]:
                continue
            if kind == "wrap":
                texts[i] = f"{texts[i]} {text}".strip()
            else:
                if texts[i]:
                    groups[i] = texts[i]
                texts[i] = text
        last += 1
    columns = []
    for i in range(width):
        match = role_of(texts[i]) if texts[i] else None
        columns.append(Column(i, texts[i], groups[i], match.role if match else None, match.score if match else 0.0))
    return HeaderBlock(first, last, columns, score)


def same_header(row: Row, block: HeaderBlock) -> bool:
    """A row that repeats the header (a table continued on the next page)."""
    cells = [normalise_header(c.text) for c in row.cells]
    header = [normalise_header(c.header) for c in block.columns]
    filled = [(a, b) for a, b in zip(cells, header) if a or b]
    if len(filled) < 2:
        return False
    same = sum(1 for a, b in filled if a == b)
    # the first header cell may have wrapped differently ("Month" vs "Month reported")
    close = sum(1 for a, b in filled if a != b and a and b and (a.startswith(b) or b.startswith(a)))
    return same + close >= max(2, round(0.75 * len(filled)))


__all__ = [
    "Column", "HeaderBlock", "RoleMatch", "find_header", "build_header", "header_score", "role_of",
    "total_kind", "match_total", "TotalLabel", "normalise_header", "same_header", "distinct_texts", "is_title_row", "load_aliases",
    "cell_is_day", "cell_is_number", "cell_is_period_label",
]
