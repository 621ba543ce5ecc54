"""Counts as replies write them: "12", "1,234", "<5", "*", "fewer than five", "a dozen".

`parse_count` returns a (min, max) range so a suppressed value keeps what is
known ("<5" is 1..4, never a guessed 2), and (0, 0) for an explicit nil ("0",
"-", "nil", "none") so a caller can tell "no incidents" from "no value". Money,
percentages, durations and references are not counts and give None.
"""
from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_FIXED_PHRASES = {"a dozen": 12, "one dozen": 12, "a couple of": 2, "a couple": 2, "a single": 1,
                  "a hundred": 100, "half a dozen": 6}

# nouns a count may carry in a cell ("36 breaches"); anything else after a number
# ("12 months", "18 hours", "40 foster carers") makes it something other than a count
INCIDENT_NOUNS = frozenset({
    "breach", "breaches", "incident", "incidents", "case", "cases", "report", "reports",
    "instance", "instances", "occasion", "occasions", "occurrence", "occurrences", "offence",
    "offences", "complaint", "complaints", "investigation", "investigations", "matter", "matters",
    "referral", "referrals", "event", "events", "record", "records", "in total", "total",
})

# explicit nil: an empty incident count
_NIL = frozenset({"0", "-", "--", "\u2013", "\u2014", "nil", "none", "no", "zero", "n/a nil", "0.0"})

# a suppressed cell with no stated bound: the gold convention is 1..4 (disclosure control under 5)
SUPPRESSED_DEFAULT = (1, 4)
_SUPPRESSION_MARKS = re.compile(r"\*{1,3}|x|~|\[?(?:suppressed|redacted)\]?|s\.?\s?40(?:\(2\))?")

_BELOW = re.compile(
    r"(?:<|fewer\s+than|less\s+than|under|below|lower\s+than)\s*(?P<n>[\w\-]+)"
    r"(?:\s+(?P<noun>[a-z ]+))?")
_AT_MOST = re.compile(r"(?:<=|\u2264|=<|no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to)\s*(?P<n>[\w\-]+)"
                      r"(?:\s+(?P<noun>[a-z ]+))?")
_BETWEEN = re.compile(r"(?:between\s+)?(?P<a>\d{1,4})\s*(?:-|to|and|\u2013)\s*(?P<b>\d{1,4})(?:\s+(?P<noun>[a-z ]+))?")
_NUMBER = re.compile(r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*(?:\*+|\(\w\)|\[\w\]|\u2020)?(?:\s+(?P<noun>[a-z ]+))?")


_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(sorted(_TENS, key=len, reverse=True))
_NUMBER_WORDS = re.compile(
    rf"(?:(?P<h>{_UNIT_WORDS}|a) hundred(?: and)? ?)?"
    rf"(?:(?P<t>{_TEN_WORDS})(?: (?P<tu>{_UNIT_WORDS}))?|(?P<u>{_UNIT_WORDS}))?")


_SPACES = re.compile(r"\s+")
# number words, optionally followed by an incident noun ("twelve", "three breaches")
_WORDS_COUNT = re.compile(r"(?P<w>[a-z][a-z\- ]*?)(?:\s+(?P<noun>" + "|".join(sorted(INCIDENT_NOUNS)) + r"))?")


@lru_cache(maxsize=1 << 14)  # called for every word token of running text: the same few words recur
def words_to_int(text: str) -> int | None:
    """"two" -> 2, "twenty-three" -> 23, "a dozen" -> 12, "one hundred and five" -> 105; else None."""
    norm = _SPACES.sub(" ", text.strip().lower().replace("-", " ")).strip()
    if not norm:
        return None
    if norm in _FIXED_PHRASES:
        return _FIXED_PHRASES[norm]
    if norm.isdigit():
        return int(norm)
    match = _NUMBER_WORDS.fullmatch(norm)
    if not match or not any(match.groupdict().values()):
        return None
    hundreds, tens, tens_unit, unit = match.group("h", "t", "tu", "u")
    if tens_unit and _UNITS[tens_unit] > 9 or tens_unit in ("zero", "nil"):
        return None  # "twenty twelve"
    value = 0
    if hundreds:
        value += 100 * (1 if hundreds == "a" else _UNITS[hundreds])
    if tens:
        value += _TENS[tens] + (_UNITS[tens_unit] if tens_unit else 0)
    if unit:
        value += _UNITS[unit]
    return value


def _number(text: str) -> int | None:
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    return words_to_int(text)


def _noun_ok(noun: str | None) -> bool:
    return noun is None or noun.strip() in INCIDENT_NOUNS


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-")
    return _SPACES.sub(" ", text).strip().lower().rstrip(".")


def parse_count(text: str | int | float | None) -> tuple[int, int] | None:
    """A count cell or phrase as (min, max); (0, 0) for an explicit nil; None when it is no count.

    "12" -> (12, 12); "1,234" -> (1234, 1234); "<5", "fewer than five", "*" -> (1, 4);
    "<10" -> (1, 9); "36 breaches" -> (36, 36); "0", "-", "nil" -> (0, 0);
    "", "£350", "25%", "12 months", "FOI 1234", "2012/13" -> None.
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        if text < 0 or text != int(text):
            return None
        return (int(text), int(text))
    return _parse_count_text(text)


# Only text is cached: 1, 1.0 and True are equal as cache keys but not as counts. The same cell
# texts ("1", "-", "<5") recur in every table, and the table readers ask about a cell repeatedly.
@lru_cache(maxsize=1 << 14)
def _parse_count_text(text: str) -> tuple[int, int] | None:
    norm = _normalise(text)
    if not norm:
        return None
    if norm in _NIL:
        return (0, 0)
    if _SUPPRESSION_MARKS.fullmatch(norm):
        return SUPPRESSED_DEFAULT
    if re.search(r"[£$€%]|\bper ?cent\b", norm):
        return None
    for pattern, inclusive in ((_AT_MOST, True), (_BELOW, False)):
        match = pattern.fullmatch(norm)
        if match and _noun_ok(match.group("noun")):
            bound = _number(match.group("n"))
            if bound is None:
                return None
            top = bound if inclusive else bound - 1
            return (1, top) if top >= 1 else None
    match = _NUMBER.fullmatch(norm)
    if match and _noun_ok(match.group("noun")):
        value = int(match.group("n").replace(",", ""))
        return (value, value)
    match = _BETWEEN.fullmatch(norm)
    if match and _noun_ok(match.group("noun")):
        low, high = int(match.group("a")), int(match.group("b"))
        # "2012-13" is a year, "1-4" a range of counts
        if low < high < 1000 and low < 1900:
            return (low, high)
        return None
    words = _WORDS_COUNT.fullmatch(norm)
    if words:
        value = words_to_int(words.group("w"))
        if value is not None:
            return (value, value)
    return None


def is_suppressed(count: tuple[int, int] | None) -> bool:
    """A range rather than an exact count."""
    return count is not None and count[0] != count[1]


__all__ = ["parse_count", "words_to_int", "is_suppressed", "SUPPRESSED_DEFAULT", "INCIDENT_NOUNS"]
