"""UK dates and periods, parsed explicitly and never guessed.

Replies write dates day-first (03/05/2011 is 3 May 2011), months as "Apr-11"
or "April 2011", and periods as financial years ("2012/13" = 1 April 2012 to
31 March 2013), quarters and ranges. Every parser here returns None for text it
cannot read with certainty; the caller records that (IncidentRow.notes) and
keeps the original words. Nothing is coerced.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.document import Cell

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?)?"

# Excel's 1900 date system counts days from 1899-12-30 (it keeps Lotus's 1900 leap-year bug).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# serials this range map to 1954..2064: anything outside is a count or an id, not a date
_EXCEL_SERIAL_RANGE = (20_000, 60_000)


@dataclass(frozen=True)
class Period:
    """A window of days, both ends inclusive; `end` None means open ("to date").

    kind: "day", "month", "quarter", "year", "financial_year",
    "financial_quarter" or "range".
    """

    start: dt.date
    end: dt.date | None
    kind: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def label(self) -> str:
        """A short human label ("2012/13", "June 2011", "2011-04-01..2014-04-30")."""
        if self.kind == "financial_year":
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if self.kind == "month":
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "day":
            return self.start.isoformat()
        end = self.end.isoformat() if self.end else "present"
        return f"{self.start.isoformat()}..{end}"


def financial_year(start_year: int) -> Period:
    """The UK financial year that starts on 1 April of `start_year`."""
    return Period(dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31), "financial_year")


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), "month")


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def day_period(day: dt.date) -> Period:
    return Period(day, day, "day")


def financial_quarter(start_year: int, quarter: int) -> Period:
    """Quarter 1..4 of the financial year starting April `start_year` (Q1 = Apr-Jun)."""
    first_month = 4 + 3 * (quarter - 1)
    year = start_year + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    end = month_period(year + (month + 1) // 12, (month + 1) % 12 + 1)
    return Period(dt.date(year, month, 1), end.end, "financial_quarter")


def calendar_quarter(year: int, quarter: int) -> Period:
    first_month = 1 + 3 * (quarter - 1)
    end = month_period(year, first_month + 2)
    return Period(dt.date(year, first_month, 1), end.end, "quarter")


def _year(text: str) -> int | None:
    """A four-digit year as written, or a two-digit one (pivot: 70..99 -> 19xx)."""
    if len(text) == 4:
        value = int(text)
        return value if 1900 <= value <= 2099 else None
    if len(text) == 2:
        value = int(text)
        return 1900 + value if value >= 70 else 2000 + value
    return None


def _make_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip().lower()


# Cells and labels repeat across the rows and tables of a reply (and across replies: "Total",
# "2012/13"), and the table readers ask of one cell several times whether it is a date or a
# period. The parsers are pure functions of the text and return immutable values, so each
# distinct text is parsed once. The bound keeps a long run's memory flat.
_PARSE_CACHE_SIZE = 1 << 14


# --- single days -----------------------------------------------------------------------------

_DATE_PATTERNS: list[re.Pattern[str]] = [
    # ISO: 2011-05-03 (time allowed)
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME),
    # UK numeric, day first: 03/05/2011, 3/5/11, 03.05.11, 03-05-2011 (one separator kind)
    re.compile(r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})" + _TIME),
    # 3 May 2011, 3rd May 2011, 03-May-11, 3 May, 2011, Tuesday 3 May 2011
    re.compile(_WEEKDAY + r"(?P<d>\d{1,2})" + _ORDINAL + r"(?:\s+of)?[\s\-/]*" + _MONTH.format(name="mon")
               + r"[\s\-/,]*(?P<y>\d{4}|\d{2})" + _TIME),
    # May 3, 2011 / May 3rd 2011: month first, but with the month named it is unambiguous
    re.compile(_WEEKDAY + _MONTH.format(name="mon") + r"\s+(?P<d>\d{1,2})" + _ORDINAL + r",?\s+(?P<y>\d{4})"
               + _TIME),
]


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    month = MONTHS[groups["mon"]] if groups.get("mon") else int(groups["m"])
    if not 1 <= month <= 12:
        return None
    return _make_date(_year(groups["y"]), month, int(groups["d"]))


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def parse_date(text: str) -> dt.date | None:
    """The day `text` names, read day-first; None unless the whole text is one date."""
    if not text:
        return None
    norm = _norm(text)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(norm)
        if match:
            return _date_from_match(match)
    return None


# the same forms inside running text, not glued to other digits ("ref 12/3456", "2012-13")
_DATES_IN_TEXT = [re.compile(r"(?<![\w/.\-])(?:" + p.pattern + r")(?![\w/]|\.\d|-\d)") for p in _DATE_PATTERNS]


def find_dates(text: str) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every date written in running text, with its (start, end) span in the normalised text."""
    norm = _norm(text)
    found: list[tuple[dt.date, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATES_IN_TEXT:
        for match in pattern.finditer(norm):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            day = _date_from_match(match)
            if day is not None:
                found.append((day, span))
                taken.append(span)
    return sorted(found, key=lambda item: item[1])


# --- periods -----------------------------------------------------------------------------------

# "June 2011", "June, 2011", "Jun-11", "Jun '11", "Jun/11": a two-digit year only after a hyphen,
# slash or apostrophe, since "June 11" reads as a day
_MONTH_YEAR = re.compile(_MONTH.format(name="mon")
                         + r"(?:(?:\s*,\s*|\s+|\s*[\-/]\s*)(?P<y>\d{4})|(?:\s*[\-/']\s*|\s+')(?P<y2>\d{2}))")
_NUMERIC_MONTH = re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{2})")
_YEAR = re.compile(r"(?:calendar year |year |cy ?)?(?P<y>\d{4})")
_FY_PREFIX = r"(?:(?:the )?(?:financial|fiscal) year |fy ?|f/y ?|year )?"
# 2012/13, 2012-13, 2012/2013, 2012-2013, 2012 / 13, FY 2012/13, FY12/13
_FINANCIAL_YEAR = re.compile(_FY_PREFIX + r"(?P<a>\d{4}|(?<=fy)\d{2}|(?<=fy )\d{2})\s*[/\-]\s*(?P<b>\d{4}|\d{2})")
_QUARTER = re.compile(r"(?:q(?P<q>[1-4])|(?P<word>first|second|third|fourth) quarter(?: of)?|quarter (?P<q2>[1-4])(?: of)?)"
                      r"\s*,?\s*(?P<rest>.+)")
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_OPEN_END = re.compile(r"(?:the )?(?:present(?: day)?|date|now|today|current(?: date)?|the date of (?:this )?"
                       r"(?:request|reply|response|letter))")
_RANGE_SPLIT = re.compile(r"\s+(?:to|until|till|through|thru|and)\s+|\s*-\s*")
_RANGE_LEAD = re.compile(r"^(?:the period |period |for the period |in the period |covering )?"
                         r"(?:from |between |since )?")


def _financial_year_from(match: re.Match[str]) -> Period | None:
    a, b = match.group("a"), match.group("b")
    start = _year(a) if len(a) == 4 else 2000 + int(a)
    if start is None:
        return None
    end_year = _year(b) if len(b) == 4 else (start // 100) * 100 + int(b)
    if len(b) == 2 and end_year is not None and end_year < start:
        end_year += 100  # 1999/00
    if end_year != start + 1:
        return None
    return financial_year(start)


def _single_period(norm: str) -> Period | None:
    """A period written as one unit: a day, month, year, financial year or quarter."""
    day = parse_date(norm)
    if day is not None:
        return day_period(day)
    match = _MONTH_YEAR.fullmatch(norm)
    if match:
        year = _year(match.group("y") or match.group("y2"))
        return month_period(year, MONTHS[match.group("mon")]) if year else None
    match = _FINANCIAL_YEAR.fullmatch(norm)
    # "2011-12" is the financial year 2011/12 (replies use that far more than ISO months)
    if match and (fy := _financial_year_from(match)):
        return fy
    match = _NUMERIC_MONTH.fullmatch(norm)
    if match:
        month = int(match.group("m") or match.group("m2"))
        year = _year(match.group("y") or match.group("y2"))
        return month_period(year, month) if year and 1 <= month <= 12 else None
    match = _YEAR.fullmatch(norm)
    if match:
        year = _year(match.group("y"))
        return year_period(year) if year else None
    match = _QUARTER.fullmatch(norm)
    if match:
        quarter = int(match.group("q") or match.group("q2") or _QUARTER_WORDS[match.group("word")])
        rest = re.sub(r"^(?:of |in )", "", match.group("rest"))
        fy = _FINANCIAL_YEAR.fullmatch(rest)
        if fy:
            year_period_ = _financial_year_from(fy)
            return financial_quarter(year_period_.start.year, quarter) if year_period_ else None
        year_match = _YEAR.fullmatch(rest)
        if year_match and (year := _year(year_match.group("y"))):
            return calendar_quarter(year, quarter)
    return None


_FY_AS_RANGE = re.compile(r"(?:(?:financial|fiscal) year|fy)\s*")


def _strip_decorations(norm: str) -> str:
    norm = norm.strip(" .,:;()[]*\u2020\u2021")  # footnote marks too: "2011/12*"
    norm = re.sub(r"^(?:in|during|for|covering|over)\s+", "", norm)
    return norm


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def parse_period(text: str) -> Period | None:
    """The period `text` names: a day, month, year, financial year, quarter or explicit range.

    A range's open end ("1 April 2011 to date", "since April 2011") gives end None;
    the caller decides what "to date" means (gold convention: the date of the reply).
    Returns None for anything not read with certainty ("2011-2014" could be
    calendar or financial years).
    """
    if not text:
        return None
    norm = _strip_decorations(_norm(text))
    if not norm:
        return None
    single = _single_period(norm)
    if single is not None or _FINANCIAL_YEAR.fullmatch(norm):
        # "2011-2014" has the shape of a financial year but spans three: not read as a range
        return single
    return _range_period(norm)


def _range_period(norm: str) -> Period | None:
    lead = _RANGE_LEAD.match(norm)
    opened_with = lead.group(0) if lead else ""
    body = norm[len(opened_with):]
    if "since" in opened_with:
        start = _single_period(body)
        return Period(start.start, None, "range") if start else None
    for split in _RANGE_SPLIT.finditer(body):
        left, right = body[:split.start()].strip(), body[split.end():].strip()
        if not left or not right:
            continue
        # "and" only joins a range after "between"
        if split.group(0).strip() == "and" and "between" not in opened_with:
            continue
        period = _join_range(left, right)
        if period is not None:
            return period
    return None


def _join_range(left: str, right: str) -> Period | None:
    right = _strip_decorations(right)
    right_period = None if _OPEN_END.fullmatch(right) else _single_period(right)
    if right_period is None and not _OPEN_END.fullmatch(right):
        return None
    left_period = _single_period(left)
    if left_period is None and right_period is not None:
        left_period = _borrow_year(left, right_period)
    if left_period is None:
        return None
    end = right_period.end if right_period else None
    if end is not None and end < left_period.start:
        return None
    start = left_period.start
    if end is not None and start.month == 4 and start.day == 1 and end == dt.date(start.year + 1, 3, 31):
        return financial_year(start.year)
    return Period(start, end, "range")


def _borrow_year(left: str, right: Period) -> Period | None:
    """"April - June 2012", "1 April - 30 June 2012": the left end takes the right end's year."""
    year = right.start.year
    month_only = re.fullmatch(_MONTH.format(name="mon"), left)
    if month_only:
        candidate = month_period(year, MONTHS[month_only.group("mon")])
        return candidate if candidate.start <= right.start else month_period(year - 1, candidate.start.month)
    day_month = re.fullmatch(r"(?P<d>\d{1,2})" + _ORDINAL + r"(?:\s+of)?\s+" + _MONTH.format(name="mon"), left)
    if day_month:
        day = _make_date(year, MONTHS[day_month.group("mon")], int(day_month.group("d")))
        if day is not None and day > right.start:
            day = _make_date(year - 1, day.month, day.day)
        return day_period(day) if day else None
    return None


# --- periods inside running text -----------------------------------------------------------------

_UNIT_IN_TEXT = (
    r"(?:\d{1,2}" + _ORDINAL + r"(?:\s+of)?\s+" + _MONTH.format(name="m1") + r",?\s+\d{4}"  # 1 April 2011
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 01/04/2011
    r"|" + _MONTH.format(name="m2") + r",?\s+\d{4}"  # April 2011
    r"|(?:(?:financial|fiscal) year\s+|fy\s?)?\d{4}\s*/\s*(?:\d{4}|\d{2})"  # 2012/13
    r"|(?:(?:financial|fiscal) year\s+|fy\s?)\d{4}\s*-\s*(?:\d{4}|\d{2})"  # financial year 2012-13
    r"|\d{4}-\d{2}(?!-|\d))"  # 2012-13
)
_OPEN_IN_TEXT = r"(?:the )?(?:present(?: day)?|date|now|today)"
_RANGE_IN_TEXT = re.compile(
    r"(?<![\w/])(?:(?:from|between|since)\s+)?(?P<a>" + _UNIT_IN_TEXT.replace("?P<m1>", "?:").replace("?P<m2>", "?:")
    + r")(?:\s*(?:-|to|until|and|through)\s*(?P<b>" + _UNIT_IN_TEXT.replace("?P<m1>", "?:").replace("?P<m2>", "?:")
    + r"|" + _OPEN_IN_TEXT + r"))?(?![\w/]|[-/]\d)")


def find_periods(text: str) -> list[tuple[Period, tuple[int, int]]]:
    """Periods written in running text ("1 April 2011 to 31 March 2014", "2012/13",
    "April 2011", "since April 2011"), each with its span in the normalised text.

    Bare years are left out ("the Data Protection Act 1998" is no period).
    """
    norm = _norm(text)
    found: list[tuple[Period, tuple[int, int]]] = []
    for match in _RANGE_IN_TEXT.finditer(norm):
        period = parse_period(match.group(0))
        if period is None and match.group("b"):
            period = parse_period(match.group("a"))
            if period is not None:
                found.append((period, match.span("a")))
            period = parse_period(match.group("b"))
            if period is not None:
                found.append((period, match.span("b")))
            continue
        if period is not None:
            found.append((period, match.span()))
    return found


# --- cells -------------------------------------------------------------------------------------

def excel_serial_to_date(serial: float) -> dt.date | None:
    """An Excel (1900 system) serial day number as a date, if it is a plausible one."""
    if not _EXCEL_SERIAL_RANGE[0] <= serial <= _EXCEL_SERIAL_RANGE[1]:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def period_from_cell(cell: Cell, date_column: bool = False) -> Period | None:
    """The period a cell gives: its text first when it names a month or year
    (an Excel date cell formatted "mmm-yy" stores the 1st of the month but means
    the month), then a real date value, an Excel serial in a date column, else text.
    """
    text_period = parse_period(cell.text) if cell.text else None
    if text_period is not None:
        return text_period
    value = cell.value
    if isinstance(value, dt.datetime):
        return day_period(value.date())
    if isinstance(value, dt.date):
        return day_period(value)
    if date_column and isinstance(value, (int, float)) and not isinstance(value, bool):
        day = excel_serial_to_date(float(value))
        return day_period(day) if day else None
    if date_column and re.fullmatch(r"\d{5}(?:\.0+)?", cell.text.strip()):
        day = excel_serial_to_date(float(cell.text.strip()))
        return day_period(day) if day else None
    return None


def date_from_cell(cell: Cell, date_column: bool = False) -> dt.date | None:
    """The day a cell gives, or None (a month-only cell gives no day: see period_from_cell).

    Order: a real date value; an Excel serial number only when `date_column`
    says the column holds dates; else the text, day-first.
    """
    period = period_from_cell(cell, date_column)
    if period is not None and period.kind == "day":
        return period.start
    return None


__all__ = [
    "Period", "financial_year", "financial_quarter", "calendar_quarter", "month_period", "year_period",
    "day_period", "parse_date", "parse_period", "find_dates", "find_periods", "excel_serial_to_date", "date_from_cell",
    "period_from_cell", "MONTHS",
]
