"""Dates as FOI replies write them, and the windows the gold labels give them."""
from __future__ import annotations

import calendar
import datetime as dt

MONTHS = [calendar.month_name[i] for i in range(1, 13)]
MONTHS_SHORT = [calendar.month_abbr[i] for i in range(1, 13)]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# day styles: how a reply writes a full date
DAY_STYLES = ("dd/mm/yyyy", "d Month yyyy", "dth Month yyyy", "dd.mm.yy", "yyyy-mm-dd", "d Mon yyyy",
              "dd/mm/yy")


def format_day(d: dt.date, style: str) -> str:
    if style == "dd/mm/yyyy":
        return d.strftime("%d/%m/%Y")
    if style == "dd/mm/yy":
        return d.strftime("%d/%m/%y")
    if style == "d Month yyyy":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "dth Month yyyy":
        return f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"
    if style == "dd.mm.yy":
        return d.strftime("%d.%m.%y")
    if style == "yyyy-mm-dd":
        return d.isoformat()
    if style == "d Mon yyyy":
        return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"
    raise ValueError(f"unknown day style {style!r}")


MONTH_STYLES = ("Month yyyy", "Mon yyyy", "Mon-yy", "mm/yyyy")


def format_month(d: dt.date, style: str) -> str:
    if style == "Month yyyy":
        return f"{MONTHS[d.month - 1]} {d.year}"
    if style == "Mon yyyy":
        return f"{MONTHS_SHORT[d.month - 1]} {d.year}"
    if style == "Mon-yy":
        return f"{MONTHS_SHORT[d.month - 1]}-{d.year % 100:02d}"
    if style == "mm/yyyy":
        return f"{d.month:02d}/{d.year}"
    raise ValueError(f"unknown month style {style!r}")


FY_STYLES = ("yyyy/yy", "yyyy-yy", "yyyy/yyyy", "FY yyyy/yy")


def financial_year_start(d: dt.date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def financial_year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def format_fy(start_year: int, style: str) -> str:
    short = f"{start_year}/{(start_year + 1) % 100:02d}"
    if style == "yyyy/yy":
        return short
    if style == "yyyy-yy":
        return short.replace("/", "-")
    if style == "yyyy/yyyy":
        return f"{start_year}/{start_year + 1}"
    if style == "FY yyyy/yy":
        return f"FY {short}"
    raise ValueError(f"unknown financial-year style {style!r}")


def month_bounds(d: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(d.year, d.month)[1]
    return d.replace(day=1), d.replace(day=last)


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def add_working_days(d: dt.date, days: int) -> dt.date:
    while days > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d
