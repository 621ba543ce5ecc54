"""The one intermediate type every extractor produces.

A `Document` is what a reply says, with no trace of the format it came in:
tables made of rows of cells, and text lines, in reading order, each carrying a
locator that says where in the file it was read (`page=2;table=1;row=5`,
`sheet=Data;row=14`, `line=23`, `paragraph=7`). Attachments of an e-mail are
child documents produced by the same registry.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

CellValue = Union[str, int, float, dt.date, dt.datetime, None]


@dataclass(frozen=True)
class Cell:
    """One cell as read: its text as shown, and a typed value where the format has one.

    `value` is a real date or number only when the file stores one (an Excel
    date cell, a numeric cell); text that merely looks like a date stays text so
    the interpreter parses it explicitly, day-first.
    """

    text: str
    value: CellValue = None


@dataclass
class Row:
    cells: list[Cell]
    locator: str  # e.g. "sheet=Breaches;row=14" or "page=1;table=1;row=3"
    hidden: bool = False
    ocr_confidence: float | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def is_blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


@dataclass
class Table:
    rows: list[Row]
    locator: str  # e.g. "sheet=Breaches" or "page=1;table=1"
    title: str | None = None  # sheet name or caption, when the format has one


@dataclass
class Line:
    """A line or paragraph of running text."""

    text: str
    locator: str  # e.g. "page=1;line=12", "paragraph=7", "line=23"
    ocr_confidence: float | None = None
    list_item: bool = False  # a bullet or numbered item, when the format says so


Element = Union[Table, Line]


@dataclass
class Document:
    """Everything read out of one file (or one e-mail attachment)."""

    source_file: str  # path relative to the input folder; attachments: "reply.eml#name.xlsx"
    kind: str  # a FileKind value
    elements: list[Element] = field(default_factory=list)
    attachments: list["Document"] = field(default_factory=list)
    # header-like facts the format itself carries: e-mail From/Subject/Date, PDF metadata
    meta: dict[str, str] = field(default_factory=dict)
    # parts that could not be read ("page 3: OCR found no text"); non-empty makes the file partial
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    locator_prefix: str = ""  # "attachment=NAME;" for attachments

    @property
    def tables(self) -> list[Table]:
        return [e for e in self.elements if isinstance(e, Table)]

    @property
    def lines(self) -> list[Line]:
        return [e for e in self.elements if isinstance(e, Line)]

    def text(self) -> str:
        """All running text, one line per Line, in reading order (tables left out)."""
        return "\n".join(e.text for e in self.elements if isinstance(e, Line))

    def walk(self):
        """This document and every attachment below it, depth first."""
        yield self
        for child in self.attachments:
            yield from child.walk()
