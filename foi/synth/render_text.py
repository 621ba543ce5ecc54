"""Plain-text layout of a letter: the .txt reply and the body of an e-mail reply."""
from __future__ import annotations

import textwrap

from foi.synth.model import Items, Letter, Para, Reply, TableBlock


def letter_lines(lt: Letter, *, width: int | None, bullet: str = "-", item_gap: bool = False,
                 upper_letterhead: bool = True) -> list[str]:
    """The letter as lines; `width` wraps paragraphs (None: one line per paragraph, as e-mail clients send)."""

    def wrap(text: str, indent: str = "", first: str = "") -> list[str]:
        if width is None:
            return [first + text]
        return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=indent) or [""]

    lines: list[str] = []
    if lt.letterhead:
        head = [lt.letterhead[0].upper() if upper_letterhead else lt.letterhead[0], *lt.letterhead[1:2]]
        lines += head + [""]
        lines += [*lt.refs, f"Date: {lt.date_text}", ""]
        lines += [lt.salutation, "", lt.title, ""]
    for block in lt.body:
        if isinstance(block, Para):
            lines += wrap(block.text) + [""]
        elif isinstance(block, Items):
            for i, item in enumerate(block.items, 1):
                first = f"{i}. " if block.numbered else f"{bullet} " if bullet else ""
                lines += wrap(item, indent=" " * len(first), first=first)
                if item_gap:
                    lines.append("")
            if not item_gap:
                lines.append("")
        elif isinstance(block, TableBlock):  # not used by plain-text archetypes; keep it readable anyway
            grid = block.grid
            lines.append(" | ".join(grid.header))
            lines += [" | ".join(c.text for c in row) for row in grid.all_rows()]
            lines += grid.footnotes + [""]
    lines += [lt.sign_off + ("," if not lt.letterhead else ""), "", *lt.signature]
    return lines


def render_txt(reply: Reply) -> bytes:
    lines = letter_lines(reply.letter, width=100, bullet="-")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
