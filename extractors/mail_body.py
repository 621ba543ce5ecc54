"""The body of an e-mail (.eml or .msg) as elements, numbered across parts and forwards."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors.document import Document, Element, Line, Table
from extractors.errors import CorruptFile
from extractors.html import elements_from_html

if TYPE_CHECKING:
    from extractors.registry import Source


@dataclass
class MailBody:
    source: Source
    doc: Document
    elements: list[Element] = field(default_factory=list)
    next_line: int = 1
    next_table: int = 1
    attachments_seen: int = 0

    def add_html(self, text: str) -> None:
        """An HTML body: its tables stay tables, its text becomes lines."""
        try:
            found = elements_from_html(text, self.source.locator_prefix, first_line=self.next_line,
                                       first_table=self.next_table, max_cells=self.source.limits.max_sheet_cells)
        except CorruptFile as exc:
            self.doc.problems.append(f"e-mail HTML body: {exc}")
            return
        self.elements.extend(found)
        self.next_line += sum(1 for e in found if isinstance(e, Line))
        self.next_table += sum(1 for e in found if isinstance(e, Table))

    def add_lines(self, lines: list[Line]) -> None:
        """Append lines, numbering them on from the e-mail's earlier lines."""
        for line in lines:
            line.locator = f"{self.source.locator_prefix}line={self.next_line}"
            self.next_line += 1
            self.elements.append(line)
