"""Tables typed as text: columns lined up with runs of spaces, or cells between bars.

Plain-text and e-mail replies (and some PDF text) lay a table out as lines
("Date        Description            Outcome"). The lines of such a block are
table rows, not sentences: the prose reader hands them to the table reader,
and the facts reader does not read their "Total  9  5" as a sentence.
"""
from __future__ import annotations

import re

from extractors.document import Line

_PIECE = re.compile(r"\S+(?: \S+)*")  # text runs separated by two or more spaces
MIN_ROWS = 3


def _pieces(text: str) -> list[tuple[int, str]]:
    if text.count("|") >= 2:  # "Date | Description | Outcome": cells between bars, placed by order
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        return [(index * 1000, cell) for index, cell in enumerate(cells) if cell] if len(cells) >= 3 else []
    return [(m.start(), m.group(0)) for m in _PIECE.finditer(text.replace("\t", "    "))]


def aligned_blocks(lines: list[Line]) -> list[list[tuple[Line, list[str]]]]:
    """Runs of 3+ lines whose text sits in columns, as (first line of the row, cell texts).

    The columns start where the widest line's pieces start; a line whose first
    column is empty continues the row above (a wrapped cell).
    """
    blocks = []
    run: list[Line] = []
    for line in lines + [Line(text="", locator="")]:
        if len(_pieces(line.text)) >= 2 or (run and line.text.strip() and line.text[:1].isspace()):
            run.append(line)
            continue
        if sum(1 for l in run if len(_pieces(l.text)) >= 2) >= MIN_ROWS:
            blocks.append(_as_rows(run))
        run = []
    return [b for b in blocks if len(b) >= MIN_ROWS]


def table_lines(lines: list[Line]) -> set[int]:
    """ids of the Lines that belong to a text table."""
    ids: set[int] = set()
    for block in aligned_blocks(lines):
        first = lines.index(block[0][0])
        last = lines.index(block[-1][0])
        while last + 1 < len(lines) and lines[last + 1].text[:1].isspace() and lines[last + 1].text.strip():
            last += 1
        ids.update(id(line) for line in lines[first:last + 1])
    return ids


def _as_rows(run: list[Line]) -> list[tuple[Line, list[str]]]:
    widest = max(run, key=lambda l: len(_pieces(l.text)))
    starts = [start for start, _ in _pieces(widest.text)]
    rows: list[tuple[Line, list[str]]] = []
    for line in run:
        cells = [""] * len(starts)
        for start, piece in _pieces(line.text):
            column = max([i for i, s in enumerate(starts) if s <= start + 2] or [0])
            cells[column] = f"{cells[column]} {piece}".strip()
        if rows and not cells[0]:
            previous = rows[-1][1]
            for i, text in enumerate(cells):
                if text:
                    previous[i] = f"{previous[i]} {text}".strip()
            continue
        rows.append((line, cells))
    return rows


__all__ = ["aligned_blocks", "table_lines"]
