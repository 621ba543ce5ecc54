"""Reading a page from positioned words: lines, and tables found by their columns.

Both a PDF's text layer and an OCR'd scan end up as words with boxes; this
module turns either into text lines and whitespace-aligned ("unruled") tables,
so a scanned table and a typed one are read by the same rules.

A table is a run of consecutive lines crossed by the same vertical channels of
white space: the gaps between its columns. Prose fills those channels within a
line or two (words run across the whole width), and a letterhead's address and
reference blocks make only two columns of text, which is not enough (two
columns pass only as "label | count"), so neither becomes a table. Wrapped cells are
continuation lines that sit inside one column; they join the row above. When
the page has horizontal rules (a ruled table on a scan), the rules say where a
row ends instead.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, fields

_COUNT_CELL = re.compile(r"^(?:[<>≤≥]\s*)?\d[\d,]*\*?$|^[*-]$|^nil$", re.I)


@dataclass(frozen=True)
class Word:
    """One word and its box, in page units with the origin at the top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None = None  # 0..1, for words read by OCR

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x_middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class TextLine:
    """Words sharing a baseline, left to right."""

    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def height(self) -> float:
        """The line's body height, ascenders to descenders, robust to one stray box.

        OCR boxes hug the ink, so a single word's box is shorter than the
        font size ("was" has neither ascender nor descender); the line's
        extent is close to the font size for typed and scanned text alike.
        """
        tops = sorted(w.top for w in self.words)
        bottoms = sorted(w.bottom for w in self.words)
        trim = len(self.words) // 10
        return bottoms[len(bottoms) - 1 - trim] - tops[trim]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def confidence(self) -> float | None:
        return mean_confidence(self.words)

    def gaps(self, min_gap: float) -> list[tuple[float, float]]:
        """The white spaces between consecutive words at least `min_gap` wide."""
        return [(a.x1, b.x0) for a, b in zip(self.words, self.words[1:]) if b.x0 - a.x1 >= min_gap]


@dataclass(frozen=True)
class ColumnSettings:
    """How far apart columns must be, and how big a run of lines makes a table.

    Distances are multiples of the text height of the lines involved, so the
    same settings serve a PDF in points and a scan in pixels.
    """

    column_gap: float = 0.8  # a gap this many text heights wide can separate columns
    min_rows: int = 3  # lines that must show the columns
    min_columns: int = 3
    # a two-column run is a table only when it looks like "label | count" over this many lines
    min_rows_two_columns: int = 4
    max_row_gap: float = 3.0  # vertical white space (in text heights) that ends a table
    max_continuation_gap: float = 1.2  # a wrapped line sits this close under the line above
    same_line_overlap: float = 0.5  # share of the smaller height two words must overlap

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"ColumnSettings.{f.name} must be a positive number, got {value!r}")
        if self.min_columns < 2:
            raise ValueError(f"ColumnSettings.min_columns must be at least 2, got {self.min_columns}")


DEFAULT_SETTINGS = ColumnSettings()


@dataclass
class LaidOutRow:
    cells: list[str]
    confidence: float | None


@dataclass
class LaidOutTable:
    rows: list[LaidOutRow]
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass
class PageLayout:
    """What a page says: tables and the lines outside them, each with its position."""

    tables: list[LaidOutTable] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)


def mean_confidence(words: list[Word]) -> float | None:
    scores = [w.confidence for w in words if w.confidence is not None]
    return round(sum(scores) / len(scores), 3) if scores else None


def group_lines(words: list[Word], settings: ColumnSettings = DEFAULT_SETTINGS) -> list[TextLine]:
    """Words clustered into lines by vertical overlap, top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if lines and _overlaps_line(word, lines[-1], settings.same_line_overlap):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [TextLine(sorted(ws, key=lambda w: w.x0)) for ws in lines]


def _overlaps_line(word: Word, line: list[Word], share: float) -> bool:
    top = statistics.median(w.top for w in line)
    bottom = statistics.median(w.bottom for w in line)
    overlap = min(bottom, word.bottom) - max(top, word.top)
    return overlap >= share * min(bottom - top, word.height)


def lay_out_words(
    words: list[Word],
    row_rules: list[float] | tuple[float, ...] = (),
    settings: ColumnSettings = DEFAULT_SETTINGS,
) -> PageLayout:
    """Tables found by column alignment, and the lines outside them.

    `row_rules` are the vertical positions of horizontal rules on the page;
    inside a table they, rather than the first column, mark where rows begin.
    """
    lines = group_lines([w for w in words if w.text.strip()], settings)
    rules = sorted(row_rules)
    layout = PageLayout()
    i = 0
    while i < len(lines):
        block = _column_block(lines, i, settings)
        found = _as_table(block, rules, settings) if block else None
        if found is None:
            layout.lines.append(lines[i])
            i += 1
            continue
        table, used = found
        layout.tables.append(table)
        i += used
    return layout


@dataclass
class _Channel:
    """A vertical strip of white space crossing every line of a block."""

    x0: float
    x1: float
    support: int = 0  # lines with words on both sides of it

    def straddled_by(self, line: TextLine) -> bool:
        return any(w.x1 <= self.x0 for w in line.words) and any(w.x0 >= self.x1 for w in line.words)


@dataclass
class _Block:
    lines: list[TextLine]
    channels: list[_Channel]
    min_gap: float


def _column_block(lines: list[TextLine], start: int, settings: ColumnSettings) -> _Block | None:
    """The longest run of lines from `start` that keeps at least one white channel open."""
    first = lines[start]
    min_gap = settings.column_gap * first.height
    if not first.gaps(min_gap):
        return None
    block = _Block([first], [_Channel(a, b, 1) for a, b in first.gaps(min_gap)], min_gap)
    for line in lines[start + 1:]:
        previous = block.lines[-1]
        height = max(previous.height, line.height)
        vertical_gap = line.top - previous.bottom
        if vertical_gap > settings.max_row_gap * height:
            break
        remaining = _carve(block.channels, line, block.min_gap)
        if not remaining or _kills_established(block.channels, remaining):
            break
        own_gaps = line.gaps(block.min_gap)
        if own_gaps:
            # a line with columns of its own must break where the block does; a gap
            # elsewhere is tolerated only when narrow (uneven spacing, an OCR split)
            unexplained = [(a, b) for a, b in own_gaps if not any(c.x0 < b and a < c.x1 for c in remaining)]
            if any(b - a >= 2 * block.min_gap for a, b in unexplained):
                break
        else:
            # a single run of words continues a cell: it must fit in one column, right under
            if len(remaining) < len(block.channels) or vertical_gap > settings.max_continuation_gap * height:
                break
        for channel in remaining:
            if channel.straddled_by(line):
                channel.support += 1
        block.lines.append(line)
        block.channels = remaining
    return block


def _carve(channels: list[_Channel], line: TextLine, min_gap: float) -> list[_Channel]:
    """The channels left open once `line`'s words are laid across them."""
    carved: list[_Channel] = []
    for channel in channels:
        pieces = [(channel.x0, channel.x1)]
        for word in line.words:
            next_pieces = []
            for a, b in pieces:
                if word.x1 <= a or word.x0 >= b:
                    next_pieces.append((a, b))
                    continue
                if word.x0 - a >= min_gap:
                    next_pieces.append((a, word.x0))
                if b - word.x1 >= min_gap:
                    next_pieces.append((word.x1, b))
            pieces = next_pieces
        if pieces:
            # a word poking into a channel narrows it; keep the widest part
            a, b = max(pieces, key=lambda p: p[1] - p[0])
            carved.append(_Channel(a, b, channel.support))
    return carved


def _kills_established(before: list[_Channel], after: list[_Channel]) -> bool:
    """True when a channel already confirmed by two lines would be closed."""
    return any(
        channel.support >= 2 and not any(c.x0 < channel.x1 and channel.x0 < c.x1 for c in after)
        for channel in before
    )


def _as_table(
    block: _Block, row_rules: list[float], settings: ColumnSettings
) -> tuple[LaidOutTable, int] | None:
    """The block as a table and the number of lines it takes, or None when it is not one."""
    channels = sorted((c for c in block.channels if c.support >= settings.min_rows), key=lambda c: c.x0)
    if not channels:
        return None
    lines = block.lines
    ruled = sum(1 for a, b in zip(lines, lines[1:]) if _rule_between(a, b, row_rules)) >= 2
    bounds = [(c.x0 + c.x1) / 2 for c in channels]
    cells = [_cut(line, bounds) for line in lines]
    if ruled:
        starts = [i == 0 or _rule_between(lines[i - 1], lines[i], row_rules) for i in range(len(lines))]
    else:
        starts = _row_starts_by_first_column(lines, cells)
    # a trailing line that shows no columns and would open a row of its own follows the table
    end = len(lines)
    while end > 1 and starts[end - 1] and not any(c.straddled_by(lines[end - 1]) for c in channels):
        end -= 1
    row_lines = [ln for ln in lines[:end] if any(c.straddled_by(ln) for c in channels)]
    if len(row_lines) < settings.min_rows:
        return None
    grid = _join_wrapped(cells[:end], starts[:end])
    if len(channels) + 1 < settings.min_columns and not _looks_like_counts(grid, settings):
        return None
    used = lines[:end]
    table = LaidOutTable(
        rows=grid,
        top=min(ln.top for ln in used),
        bottom=max(ln.bottom for ln in used),
        x0=min(ln.x0 for ln in used),
        x1=max(ln.x1 for ln in used),
    )
    return table, end


def _row_starts_by_first_column(lines: list[TextLine], cells: list[list[list[Word]]]) -> list[bool]:
    """Without rules, a row starts where the first column has text.

    Except inside a wrapped first cell ("Month / reported", "Police Staff (Band
    / E)"): when the table spaces its rows wider than the lines of a wrapped
    cell, a line at wrapped-line spacing continues the row above.
    """
    gaps = [0.0] + [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    keyed = [i for i in range(1, len(lines)) if cells[i][0]]
    wrap_gap = min(gaps[1:], default=0.0)
    slack = 0.1 * statistics.median(line.height for line in lines)
    spaced_rows = bool(keyed) and statistics.median(gaps[i] for i in keyed) > 1.5 * wrap_gap + slack
    return [
        i == 0 or (bool(cells[i][0]) and not (spaced_rows and gaps[i] <= 1.25 * wrap_gap + slack))
        for i in range(len(lines))
    ]


def _looks_like_counts(grid: list[LaidOutRow], settings: ColumnSettings) -> bool:
    """A two-column run is a table when its second column holds counts ("Theft | 4", "Loss | <5")."""
    counted = sum(1 for row in grid if _COUNT_CELL.match(row.cells[-1].strip()))
    return len(grid) >= settings.min_rows_two_columns and counted >= len(grid) - 1


def _cut(line: TextLine, bounds: list[float]) -> list[list[Word]]:
    """The line's words in columns, split at the channel middles."""
    cells: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for word in line.words:
        cells[sum(1 for b in bounds if word.x_middle > b)].append(word)
    return cells


def _join_wrapped(cells: list[list[list[Word]]], starts: list[bool]) -> list[LaidOutRow]:
    """Lines that continue a row add their words to its cells, in reading order."""
    grouped: list[list[list[Word]]] = []
    for line_cells, starts_row in zip(cells, starts):
        if starts_row or not grouped:
            grouped.append([list(cell) for cell in line_cells])
        else:
            for target, extra in zip(grouped[-1], line_cells):
                target.extend(extra)
    return [
        LaidOutRow(
            cells=[" ".join(w.text for w in cell) for cell in row],
            confidence=mean_confidence([w for cell in row for w in cell]),
        )
        for row in grouped
    ]


def _rule_between(upper: TextLine, lower: TextLine, row_rules: list[float]) -> bool:
    # centres, not edges: an OCR box may reach a little past the rule under its line
    upper_middle = (upper.top + upper.bottom) / 2
    lower_middle = (lower.top + lower.bottom) / 2
    return any(upper_middle < y < lower_middle for y in row_rules)
