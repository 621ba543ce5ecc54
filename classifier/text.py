"""The one text preparation the trained models see, at training and at prediction time.

The bag-of-words model matches token spellings exactly, so case, curly quotes,
"e-mail"/"email" spellings, register shorthand ("w/o", "intel", "a/c") and
common misspellings would otherwise split one word into several. The
shorthand and misspellings are data: `abbreviations.yaml`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

ABBREVIATIONS_PATH = Path(__file__).with_name("abbreviations.yaml")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032`"), "'")
_SPELLINGS = [
    (re.compile(r"\be-?mail(ed|s|ing)?\b"), r"email\1"),
    (re.compile(r"\bunauthori[sz]ed\b"), "unauthorised"),
    (re.compile(r"\bauthori[sz]ation\b"), "authorisation"),
    (re.compile(r"\bmis-(\w)"), r"mis\1"),
]


@lru_cache(maxsize=None)
def _rewrites(path: Path = ABBREVIATIONS_PATH) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every key (longest first) and the replacement for each."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for section in ("shorthand", "misspellings"):
        for key, value in (raw.get(section) or {}).items():
            key = str(key).lower()
            if key in table and table[key] != value:
                raise ValueError(f"{path.name}: '{key}' is rewritten two ways")
            table[key] = str(value)
    keys = sorted(table, key=len, reverse=True)
    # a key is a whole word: no letter or digit (or "/") glued on either side
    pattern = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w/])")
    return pattern, table


def expand_shorthand(text: str) -> str:
    """Lower-case text with register shorthand and misspellings written out."""
    pattern, table = _rewrites()
    return pattern.sub(lambda m: table[m.group(0)], text)


def prepare_text(text: str) -> str:
    """Lower-cased, whitespace-normalised text with spelling variants and shorthand unified."""
    value = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).lower()
    value = " ".join(value.split())
    value = expand_shorthand(value)
    for pattern, replacement in _SPELLINGS:
        value = pattern.sub(replacement, value)
    return value
