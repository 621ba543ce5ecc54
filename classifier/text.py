"""The one text preparation the trained models see, at training and at prediction time.

The bag-of-words model matches token spellings exactly, so case, curly quotes
and "e-mail"/"email" spellings would otherwise split one word into several.
"""
from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032`"), "'")
_SPELLINGS = [
    (re.compile(r"\be-?mail(ed|s|ing)?\b"), r"email\1"),
    (re.compile(r"\bunauthori[sz]ed\b"), "unauthorised"),
    (re.compile(r"\bauthori[sz]ation\b"), "authorisation"),
    (re.compile(r"\bmis-(\w)"), r"mis\1"),
]


def prepare_text(text: str) -> str:
    """Lower-cased, whitespace-normalised text with common spelling variants unified."""
    value = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).lower()
    for pattern, replacement in _SPELLINGS:
        value = pattern.sub(replacement, value)
    return " ".join(value.split())
