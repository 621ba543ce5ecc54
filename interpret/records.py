"""What interpretation produces: incident rows and response facts, format-free.

Rows still carry the raw category cells (cause / outcome / staff) as read, so
classification happens in one place (`classifier`), for tables and prose alike.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class IncidentRow:
    source_file: str  # the file, or "reply.eml#attachment.xlsx" for an attachment
    source_locator: str  # "sheet=Data;row=14", "page=1;table=1;row=3;col=4", "line=23;part=2"
    description: str | None = None
    date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    count_min: int = 1
    count_max: int = 1
    # raw text of explicit category cells / cross-tab headers, when the reply has them
    cause_text: str | None = None
    outcome_text: str | None = None
    staff_text: str | None = None
    ocr_confidence: float | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "date '31/02/2012' did not parse"


@dataclass
class ResponseFacts:
    authority: str | None = None
    authority_type: str = "not_stated"
    request_ref: str | None = None
    foi_status: str = "not_stated"
    exemptions: list[str] = field(default_factory=list)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reported_total_min: int | None = None
    reported_total_max: int | None = None
    # a blanket statement of who the incidents were by ("all by council employees"):
    # the staff_type label for rows that name no role, or None
    default_staff_type: str | None = None
