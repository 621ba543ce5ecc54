"""UK day-first dates, periods (financial years, quarters, ranges) and counts as replies write them."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.document import Cell
from interpret.counts import is_suppressed, parse_count, words_to_int
from interpret.dates import (
    Period, date_from_cell, excel_serial_to_date, financial_quarter, financial_year, find_dates, find_periods,
    parse_date, parse_period, period_from_cell,
)

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("03/05/2011", D(2011, 5, 3)),  # day first: 3 May, never 5 March
    ("3/5/11", D(2011, 5, 3)),
    ("03.05.11", D(2011, 5, 3)),
    ("03-05-2011", D(2011, 5, 3)),
    ("03-May-11", D(2011, 5, 3)),
    ("3 May 2011", D(2011, 5, 3)),
    ("3rd May 2011", D(2011, 5, 3)),
    ("Tuesday 3rd May 2011", D(2011, 5, 3)),
    ("3 Sept 2011", D(2011, 9, 3)),
    ("May 3, 2011", D(2011, 5, 3)),
    ("2011-05-03", D(2011, 5, 3)),
    ("2011-05-03 00:00:00", D(2011, 5, 3)),
    ("14/11/2012", D(2012, 11, 14)),
    (" 31 March 2014 ", D(2014, 3, 31)),
])
def test_parse_date_reads_uk_day_first(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "31/02/2012",  # no such day: not coerced to 2 March
    "13/13/2012", "3 May", "05/03", "May 2011", "2012/13", "", "next Tuesday", "FOI 2011-05",
    "03/05-2011",  # mixed separators
])
def test_parse_date_refuses_what_it_cannot_read_with_certainty(text):
    assert parse_date(text) is None


def test_find_dates_in_running_text():
    found = find_dates("Reported on 3 May 2011 and again on 14/11/2012; ref 12/3456 and 2012-13.")
    assert [d for d, _ in found] == [D(2011, 5, 3), D(2012, 11, 14)]


def P(start, end, kind):
    return Period(start, end, kind)


@pytest.mark.parametrize("text, expected", [
    ("June 2011", P(D(2011, 6, 1), D(2011, 6, 30), "month")),
    ("Jun-11", P(D(2011, 6, 1), D(2011, 6, 30), "month")),
    ("Feb 2012", P(D(2012, 2, 1), D(2012, 2, 29), "month")),
    ("06/2011", P(D(2011, 6, 1), D(2011, 6, 30), "month")),
    ("2012", P(D(2012, 1, 1), D(2012, 12, 31), "year")),
    ("2012/13", financial_year(2012)),
    ("2012-13", financial_year(2012)),
    ("2012-2013", financial_year(2012)),
    ("2012/2013", financial_year(2012)),
    ("FY 2012/13", financial_year(2012)),
    ("FY12/13", financial_year(2012)),
    ("Financial year 2012/13", financial_year(2012)),
    ("1999/00", financial_year(1999)),
    ("April 2012 - March 2013", financial_year(2012)),
    ("Q2 2012/13", P(D(2012, 7, 1), D(2012, 9, 30), "financial_quarter")),
    ("Q4 2012/13", P(D(2013, 1, 1), D(2013, 3, 31), "financial_quarter")),
    ("Q1 2012", P(D(2012, 1, 1), D(2012, 3, 31), "quarter")),
    ("1 April 2011 to 31 March 2014", P(D(2011, 4, 1), D(2014, 3, 31), "range")),
    ("April 2011 - April 2014", P(D(2011, 4, 1), D(2014, 4, 30), "range")),
    ("Apr 2011 \u2013 Mar 2014", P(D(2011, 4, 1), D(2014, 3, 31), "range")),
    ("April - June 2012", P(D(2012, 4, 1), D(2012, 6, 30), "range")),
    ("2011/12 to 2013/14", P(D(2011, 4, 1), D(2014, 3, 31), "range")),
    ("between 1 April 2011 and the present", P(D(2011, 4, 1), None, "range")),
    ("from 1 April 2011 to date", P(D(2011, 4, 1), None, "range")),
    ("since April 2011", P(D(2011, 4, 1), None, "range")),
    ("3 May 2011", P(D(2011, 5, 3), D(2011, 5, 3), "day")),
])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", [
    "2011-2014",  # calendar or financial years? not guessed
    "June 11",  # June 2011 or 11 June?
    "2012/14", "Q5 2012", "", "sometime in 2012", "31 March 2014 to 1 April 2011",
])
def test_parse_period_refuses_ambiguous_text(text):
    assert parse_period(text) is None


def test_financial_year_is_a_type_with_a_label():
    fy = financial_year(2013)
    assert (fy.start, fy.end, fy.kind, fy.label) == (D(2013, 4, 1), D(2014, 3, 31), "financial_year", "2013/14")
    assert fy.contains(D(2014, 3, 31)) and not fy.contains(D(2014, 4, 1))


@given(st.integers(min_value=1990, max_value=2060), st.integers(min_value=1, max_value=4))
def test_financial_quarters_tile_the_financial_year(year, quarter):
    q = financial_quarter(year, quarter)
    fy = financial_year(year)
    assert fy.contains(q.start) and fy.contains(q.end)
    if quarter < 4:
        assert financial_quarter(year, quarter + 1).start == q.end + dt.timedelta(days=1)
    else:
        assert q.end == fy.end


@given(st.dates(min_value=D(1970, 1, 1), max_value=D(2069, 12, 31)))
def test_every_written_form_of_a_day_reads_back(day):
    for text in (day.strftime("%d/%m/%Y"), day.strftime("%d.%m.%y"), day.strftime("%d-%b-%Y"),
                 f"{day.day} {day.strftime('%B %Y')}", day.isoformat()):
        assert parse_date(text) == day, text


def test_find_periods_in_titles():
    kinds = [(p.kind, p.start) for p, _ in find_periods(
        "Incidents involving staff - 2011/12 (1 April to 31 March); response dated 9 May 2014")]
    assert kinds == [("financial_year", D(2011, 4, 1)), ("day", D(2014, 5, 9))]
    assert [p for p, _ in find_periods("the Data Protection Act 1998")] == []


def test_date_from_cell_prefers_real_dates_then_serials_in_date_columns_then_text():
    assert date_from_cell(Cell("2012-03-14", D(2012, 3, 14))) == D(2012, 3, 14)
    assert date_from_cell(Cell("2012-03-14 10:30", dt.datetime(2012, 3, 14, 10, 30))) == D(2012, 3, 14)
    assert date_from_cell(Cell("40982", 40982), date_column=True) == D(2012, 3, 14)
    assert date_from_cell(Cell("40982", 40982)) is None  # a number outside a date column is no date
    assert date_from_cell(Cell("14/03/2012", "14/03/2012")) == D(2012, 3, 14)
    assert date_from_cell(Cell("not known", "not known"), date_column=True) is None
    assert date_from_cell(Cell("12", 12), date_column=True) is None  # too small to be a serial date


def test_month_formatted_date_cell_is_a_month_not_a_day():
    # an Excel cell formatted mmm-yy stores the 1st of the month
    cell = Cell("Apr-11", dt.datetime(2011, 4, 1))
    assert date_from_cell(cell) is None
    assert period_from_cell(cell) == P(D(2011, 4, 1), D(2011, 4, 30), "month")


def test_excel_serial_bounds():
    assert excel_serial_to_date(40982) == D(2012, 3, 14)
    assert excel_serial_to_date(365) is None


# --- counts ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12", (12, 12)), ("1,234", (1234, 1234)), (" 7 ", (7, 7)), ("12.0", (12, 12)),
    ("<5", (1, 4)), ("< 5", (1, 4)), ("fewer than five", (1, 4)), ("less than 5", (1, 4)),
    ("Fewer than 5 cases", (1, 4)), ("under 5 incidents", (1, 4)),
    ("*", (1, 4)), ("<10", (1, 9)), ("<=5", (1, 5)), ("1-4", (1, 4)),
    ("0", (0, 0)), ("-", (0, 0)), ("\u2013", (0, 0)), ("nil", (0, 0)), ("None", (0, 0)),
    ("two", (2, 2)), ("Twenty-three", (23, 23)), ("ninety-nine", (99, 99)), ("a dozen", (12, 12)),
    ("36 breaches", (36, 36)), ("five incidents", (5, 5)), ("3*", (3, 3)),
    (12, (12, 12)), (4.0, (4, 4)),
])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", None, "\u00a3350", "\u00a3 1,200", "25%", "12 months", "18 hours", "FOI 1234", "2012/13",
    "2012-13", "40 foster carers", "Total", "n/a", "12.5", -3, 2.5,
])
def test_parse_count_refuses_what_is_no_count(text):
    assert parse_count(text) is None


def test_words_to_int():
    assert [words_to_int(w) for w in ("one", "eleven", "forty two", "one hundred and five", "a dozen")] == \
        [1, 11, 42, 105, 12]
    assert words_to_int("twenty twelve") is None
    assert words_to_int("several") is None


def test_is_suppressed():
    assert is_suppressed(parse_count("<5")) and not is_suppressed(parse_count("5"))
