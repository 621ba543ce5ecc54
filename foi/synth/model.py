"""The content model of a synthetic FOI reply, independent of any file format.

A `Reply` holds two things that are built together so they cannot drift apart:
what a careful reader takes out of the reply (the gold facts and `Incident`
rows) and what the reply shows (a `Letter` of blocks, or `Sheet`s of cells).
Renderers only lay out what is shown; they make no choices of their own, so a
reply renders to the same bytes every time.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

CellValue = Union[str, int, float, dt.date, None]


@dataclass(frozen=True)
class Authority:
    name: str  # canonical name from the register
    type: str  # council | police
    nation: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]

    @property
    def scottish(self) -> bool:
        return self.nation == "Scotland"

    @property
    def domain(self) -> str:
        return self.domains[0] if self.domains else "example.gov.uk"


@dataclass
class Incident:
    """One gold incident row (shared/spec/gold-format.md)."""

    description: str | None
    date: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    cause: str
    outcome: str
    staff_type: str
    count_min: int = 1
    count_max: int = 1

    def to_gold(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "date": iso(self.date), "period_start": iso(self.period_start),
            "period_end": iso(self.period_end), "description": self.description,
            "cause": self.cause, "outcome": self.outcome, "staff_type": self.staff_type,
            "count_min": self.count_min, "count_max": self.count_max,
        }


@dataclass(frozen=True)
class Cell:
    """A table cell: the text shown, and a typed value spreadsheets store natively."""

    text: str
    value: CellValue = None  # a real date or number, when a spreadsheet would hold one


@dataclass
class Grid:
    """A table as shown: header, body rows, an optional totals row, notes under it."""

    header: list[str]
    rows: list[list[Cell]]
    total_row: list[Cell] | None = None
    footnotes: list[str] = field(default_factory=list)
    widths: list[float] | None = None  # relative column widths for page layouts

    def all_rows(self) -> list[list[Cell]]:
        return self.rows + ([self.total_row] if self.total_row else [])


@dataclass
class Para:
    text: str
    style: str = "body"  # body | heading | quote | small


@dataclass
class Items:
    items: list[str]
    numbered: bool = False


@dataclass
class TableBlock:
    grid: Grid
    ruled: bool = True


Block = Union[Para, Items, TableBlock]


@dataclass
class Letter:
    """A reply letter (also the body of an e-mail or a plain-text reply)."""

    letterhead: list[str]  # first line is the authority's name as shown
    date_text: str
    refs: list[str]  # "Our ref: FOI 1234"
    salutation: str
    title: str
    body: list[Block]
    sign_off: str
    signature: list[str]


@dataclass
class Sheet:
    name: str
    title_rows: list[str]  # text rows above the header (title, reference, notes)
    grid: Grid | None = None
    blank_rows_before_header: int = 1
    text_rows: list[str] = field(default_factory=list)  # a notes sheet: text only


@dataclass
class Email:
    sender_name: str
    sender_addr: str
    to_addr: str
    subject: str
    date: dt.datetime
    message_id: str
    body: Letter | None  # the reply text
    body_lines: list[str] = field(default_factory=list)  # used when body is None
    quoted_request: list[str] = field(default_factory=list)
    quote_style: str = "outlook"  # outlook (-----Original Message-----) | chevron (> prefix)
    request_from: str = ""
    request_subject: str = ""
    request_date_text: str = ""
    html_alternative: bool = False
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)  # name, bytes, mime type


@dataclass
class Reply:
    """One synthetic reply: gold facts plus what the file shows."""

    archetype: str
    format: str  # the contract's format vocabulary, as the gold labels it
    authority: Authority | None
    request_ref: str | None
    foi_status: str
    exemptions: list[str]
    period_start: dt.date | None
    period_end: dt.date | None
    reported_total: tuple[int, int] | None
    incidents: list[Incident]
    filename: str
    notes: str = ""
    parse_status: str = "ok"
    reply_date: dt.date | None = None
    letter: Letter | None = None
    sheets: list[Sheet] = field(default_factory=list)
    email: Email | None = None
    csv_encoding: str = "cp1252"
    broken: str | None = None  # empty | truncated_pdf | truncated_xlsx
    scan_angle: float = 0.0  # degrees a scanned page is skewed by
    noise_seed: int = 0  # seeds a scanned page's noise

    def to_gold(self) -> dict:
        failed = self.parse_status == "failed"
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        total = self.reported_total
        return {
            "authority": None if failed or not self.authority else self.authority.name,
            "authority_type": "not_stated" if failed or not self.authority else self.authority.type,
            "request_ref": None if failed else self.request_ref,
            "foi_status": "not_stated" if failed else self.foi_status,
            "exemptions": [] if failed else list(self.exemptions),
            "format": self.format,
            "period_start": None if failed else iso(self.period_start),
            "period_end": None if failed else iso(self.period_end),
            "reported_total_min": total[0] if total and not failed else None,
            "reported_total_max": total[1] if total and not failed else None,
            "parse_status": self.parse_status,
            "incidents": [] if failed else [i.to_gold() for i in self.incidents],
            "notes": self.notes,
        }
