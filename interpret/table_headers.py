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

from classifier.lexicon import label_dimension
from extractors.document import Cell, Row
from interpret.counts import parse_count
from interpret.dates import parse_date, parse_period
from interpret.table_aliases import load_aliases, normalise_header, role_of

# how far down a table the header may start (non-blank rows)
HEADER_SEARCH_ROWS = 20
# a row needs at least this much header evidence to be taken as the header
HEADER_MIN_SCORE = 1.5
# an earlier header row is preferred to the best one when it scores at least this share of it
HEADER_EARLY_SHARE = 0.6
# text longer than this reads as data (a description), not a header
LONG_TEXT = 60


# --- cell shapes ---------------------------------------------------------------------------

def cell_is_day(cell: Cell) -> bool:
    if isinstance(cell.value, (dt.date, dt.datetime)):
        return True
    return parse_date(cell.text) is not None


_NUMBER_TEXT = re.compile(r"^(?:[<>\u2264]=?\s*)?\d[\d,]*(?:\.\d+)?\s*\*?$|^\*$")
_YEAR_TEXT = re.compile(r"(?:19|20)\d\d")


def cell_is_number(cell: Cell) -> bool:
    """A plain count-like number ("12", "<5", "*"); a year label such as 2012 does not count."""
    text = cell.text.strip()
    if not text:
        return False
    if _YEAR_TEXT.fullmatch(text):
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
        elif label_dimension(text):
            dimensions += 1
        if len(text) > 40:
            score -= 0.3
    if periods >= 2:
        score += 0.6 * periods
    if dimensions >= 2:
        score += 0.3 * dimensions
    return score


def has_data_shape(row: Row) -> bool:
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
    if row.hidden or row.is_blank() or is_title_row(row) or has_data_shape(row):
        return False
    texts = distinct_texts(row)
    spans_columns = any(
        i + 1 < len(row.cells) and row.cells[i].text.strip() and row.cells[i].text == row.cells[i + 1].text
        for i in range(len(row.cells)))
    named = sum(1 for _, t in texts if role_of(t) or label_dimension(t) or cell_is_period_label(Cell(t)))
    header_filled = sum(1 for c in header.cells if c.text.strip())
    over_header = all(len(t) <= 40 and i < len(header.cells) and header.cells[i].text.strip() for i, t in texts)
    return ((spans_columns or named >= 1) and over_header and len(texts) < header_filled
            and any(i > 0 for i, _ in texts))


def _sub_header_below(row: Row, header: Row) -> str | None:
    """"sub" for a row of sub-headers under a group header, "wrap" for a header's wrapped words."""
    if row.hidden or row.is_blank() or has_data_shape(row):
        return None
    texts = distinct_texts(row)
    if all(len(t.split()) <= 3 and t[:1].islower() for _, t in texts) and all(
            i < len(header.cells) and header.cells[i].text.strip() for i, _ in texts):
        return "wrap"
    first = row.cells[0].text.strip() if row.cells else ""
    header_first = header.cells[0].text.strip() if header.cells else ""
    if first and first != header_first:
        return None
    # sub-headers sit under a group: a header cell repeated across them (a merge) or left empty
    subs = [(i, t) for i, t in texts if i > 0 and i < len(header.cells)]
    spanned = sum(1 for i, _ in subs if not header.cells[i].text.strip() or _repeated(header, i))
    named = sum(1 for _, t in subs if cell_is_period_label(Cell(t)) or label_dimension(t) or role_of(t))
    return "sub" if len(subs) >= 2 and spanned >= 2 and (named >= 2 or spanned == len(subs)) else None


def _repeated(row: Row, i: int) -> bool:
    text = row.cells[i].text
    return bool(text.strip()) and ((i > 0 and row.cells[i - 1].text == text)
                                   or (i + 1 < len(row.cells) and row.cells[i + 1].text == text))


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
                has_data_shape(rows[i]) for i in range(earlier + 1, index)):
            index = earlier
            break
    return build_header(rows, index, scores[index])


def _count_cell(cell: Cell) -> bool:
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return True
    return parse_count(cell.text) is not None


def _is_grid_row(row: Row, width: int) -> bool:
    """A cross-tab body row: a text label first, then only counts ("3", "nil", "-", "<5", "*")."""
    texts = distinct_texts(row)
    if not texts or texts[0][0] != 0 or _count_cell(row.cells[0]) or cell_is_day(row.cells[0]):
        return False
    values = [row.cells[i] for i in range(1, min(len(row.cells), width)) if row.cells[i].text.strip()]
    return len(values) >= 2 and all(_count_cell(c) for c in values)


def _grid_header(rows: list[Row], candidates: list[int]) -> HeaderBlock | None:
    """Cross-tab headers in words no alias knows ("Documents mislaid | Correspondence to wrong
    address"): a row of at least three text labels, no numbers or dates among them, directly over
    at least two rows that are a label and then nothing but counts."""
    for position, index in enumerate(candidates):
        row = rows[index]
        texts = distinct_texts(row)
        if len({t for _, t in texts}) < 3 or has_data_shape(row):
            continue
        width = max(i for i, _ in texts) + 1
        below = [rows[i] for i in candidates[position + 1:position + 11]]
        grid = 0
        for body in below:
            if not _is_grid_row(body, width):
                break
            grid += 1
        if grid >= 2:
            return build_header(rows, index, 0.0)
    return None


def _header_by_content(rows: list[Row], candidates: list[int]) -> HeaderBlock | None:
    """Headers in words no alias knows: a row of short labels over rows that mostly hold a day's
    date, or over rows of counts (a cross-tab).

    Only a date column or a grid of counts is strong enough evidence on its own; a table of long
    text under short labels is as likely a question-and-answer layout as a listing.
    """
    grid = _grid_header(rows, candidates)
    if grid is not None:
        return grid
    for position, index in enumerate(candidates):
        row = rows[index]
        texts = distinct_texts(row)
        if len({t for _, t in texts}) < 2 or has_data_shape(row) or any(len(t) > 40 for _, t in texts):
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




def header_from_line(text: str, width: int) -> list[str] | None:
    """A header the extractor left as a line of text ("Date Summary of incident Action taken"),
    split into `width` column headers, each a known alias, or None.

    Used when a table arrives without its header row (an OCR'd page whose table
    was found only below its first rows): the words must split exactly into as
    many aliases as the table has columns.
    """
    words = normalise_header(text).replace("/", " / ").split()
    if not words or width < 2 or len(words) > 12 * width:
        return None
    aliases = {alias for _role, group in load_aliases().roles for alias in group}
    longest = max(len(a.split()) for a in aliases)
    # ways[i][k]: the start of the last alias when words[:i] splits into k aliases
    ways: list[dict[int, int]] = [{} for _ in range(len(words) + 1)]
    ways[0][0] = 0
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - longest), end):
            phrase = " ".join(words[start:end]).replace(" / ", "/")
            if phrase not in aliases:
                continue
            for count in ways[start]:
                ways[end].setdefault(count + 1, start)
    if width not in ways[len(words)]:
        return None
    headers: list[str] = []
    end, count = len(words), width
    while count:
        start = ways[end][count]
        headers.append(" ".join(words[start:end]).replace(" / ", "/"))
        end, count = start, count - 1
    return headers[::-1]


__all__ = [
    "Column", "HeaderBlock", "find_header", "build_header", "header_score", "same_header", "distinct_texts",
    "is_title_row", "cell_is_day", "cell_is_number", "cell_is_period_label", "HEADER_MIN_SCORE", "header_from_line",
]
