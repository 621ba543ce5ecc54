"""Exact (or nearly exact) mapping of short category values to labels.

A table cell such as "Final Written Warning", "NFA" or "Police Staff", or a
cross-tab header such as "Misuse of PNC", names its label outright; this module
recognises such values and nothing else. It is deliberately conservative: the
table interpreter uses it to decide what a whole axis means, so a value that is
only *about* a label (a sentence describing an incident) returns None and is
left to the trained classifier.

The phrases live in `lexicon.yaml`; this module only normalises and looks up.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from classifier.vocab import LABEL_FIELDS

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032`"), "'")
# leading list markers ("1.", "a)", "(ii)", "-", "•") and trailing footnote marks / counts
_LEADING_MARKER = re.compile(r"^\s*(?:[\u2022\u25aa\u25cf*\-]+|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+")
_TRAILING_NOISE = re.compile(r"(?:\s*(?:\*+|\(\s*\d+\s*\)|\(\s*[a-z]\s*\)|\[\s*\d+\s*\]|:))+\s*$")
_NON_WORD = re.compile(r"[^a-z0-9/]+")


def _singular(token: str) -> str:
    """A light plural strip, applied alike to the lexicon and to the value."""
    if len(token) <= 3 or not token.endswith("s") or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    return token[:-1]


@dataclass(frozen=True)
class Lexicon:
    # field -> normalised phrase -> label
    phrases: dict[str, dict[str, str]]
    # field -> normalised phrase -> authority_type -> label
    by_authority: dict[str, dict[str, dict[str, str]]]
    # normalised phrases that belong to no field in particular ("Other", "N/A")
    generic: dict[str, str]
    weak_cues: frozenset[str]
    rewrites: dict[str, list[tuple[str, re.Pattern[str], str]]]  # scope -> (key, \bkey\b, replacement)
    filler: frozenset[str]

    def normalise(self, field: str | None, text: str) -> str:
        """Lower-case, strip punctuation, apply rewrites and plural stripping."""
        value = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
        value = value.lower().strip()
        if value and set(value) <= set("-. "):
            return "-"  # a dash (or dots) standing for nothing stated
        value = _LEADING_MARKER.sub("", value)
        value = _TRAILING_NOISE.sub("", value)
        value = value.replace("&", " and ").replace("n/a", "na").replace("/", " ")
        value = value.replace(".", "").replace("'", "")
        value = " ".join(_NON_WORD.sub(" ", value).split())
        for scope in ("all", field):
            for key, pattern, replacement in self.rewrites.get(scope or "", []):
                if key in value:  # a whole-word match needs the key as a substring: skip the regex
                    value = pattern.sub(replacement, value)
        tokens = [_singular(t) for t in value.split() if t not in self.filler]
        return " ".join(tokens)


def _compile_rewrites(raw: dict[str, dict[str, str]]) -> dict[str, list[tuple[str, re.Pattern[str], str]]]:
    compiled: dict[str, list[tuple[str, re.Pattern[str], str]]] = {}
    for scope, mapping in (raw or {}).items():
        ordered = sorted(mapping.items(), key=lambda kv: -len(kv[0]))  # longest first
        compiled[scope] = [(k, re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in ordered]
    return compiled


@lru_cache(maxsize=None)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    shell = Lexicon({}, {}, {}, frozenset(), _compile_rewrites(raw.get("rewrites")),
                    frozenset(raw.get("filler") or ()))
    phrases: dict[str, dict[str, str]] = {}
    for field, vocabulary in LABEL_FIELDS.items():
        table: dict[str, str] = {}
        for label, values in (raw.get(field) or {}).items():
            if label not in vocabulary:
                raise ValueError(f"{path.name}: '{label}' is not a {field} label (known: {', '.join(vocabulary)})")
            for value in values:
                key = shell.normalise(field, str(value))
                if table.get(key, label) != label:
                    raise ValueError(f"{path.name}: '{value}' is listed under both {table[key]} and {label} for {field}")
                table[key] = label
        phrases[field] = table
    generic: dict[str, str] = {}
    for label, values in (raw.get("generic") or {}).items():
        for value in values:
            generic[shell.normalise(None, str(value))] = label
    by_authority: dict[str, dict[str, dict[str, str]]] = {}
    for field, entries in (raw.get("by_authority_type") or {}).items():
        by_authority[field] = {shell.normalise(field, k): dict(v) for k, v in entries.items()}
    weak = frozenset(shell.normalise(None, str(v)) for v in raw.get("weak_dimension_cues") or ())
    return Lexicon(phrases, by_authority, generic, weak, shell.rewrites, shell.filler)


def _check_field(field: str) -> None:
    if field not in LABEL_FIELDS:
        raise ValueError(f"unknown label field '{field}'; expected one of {', '.join(LABEL_FIELDS)}")


def match_label(field: str, text: str | None, authority_type: str | None = None) -> str | None:
    """The label a short category value names outright, or None.

    `field` is "cause", "outcome" or "staff_type". "Officer" or "Staff" depend
    on who replied: pass `authority_type` ("police"/"council"/...) to resolve
    them; without it they return None.
    """
    _check_field(field)
    if text is None or not str(text).strip():
        return None
    return _match_label(field, str(text), authority_type)


# Both lookups are pure functions of the text (the lexicon is loaded once), and the same header
# and category cells are looked up row after row and reply after reply (a header is scored as
# a header and again as a category name): each distinct text is normalised once.
_LOOKUP_CACHE_SIZE = 1 << 14


@lru_cache(maxsize=_LOOKUP_CACHE_SIZE)
def _match_label(field: str, text: str, authority_type: str | None) -> str | None:
    lexicon = load_lexicon()
    key = lexicon.normalise(field, text)
    if not key:
        return None
    if key in lexicon.phrases[field]:
        return lexicon.phrases[field][key]
    if key in lexicon.generic:
        return lexicon.generic[key]
    depends = lexicon.by_authority.get(field, {}).get(key)
    if depends and authority_type:
        return depends.get(authority_type)
    return None


def label_dimension(text: str | None) -> str | None:
    """Which field ("cause", "outcome", "staff_type") a short header value belongs to.

    None when the value names no label, or could belong to more than one field
    ("Other", "N/A", "None").
    """
    if text is None or not str(text).strip():
        return None
    return _label_dimension(str(text))


@lru_cache(maxsize=_LOOKUP_CACHE_SIZE)
def _label_dimension(text: str) -> str | None:
    lexicon = load_lexicon()
    fields = set()
    for field in LABEL_FIELDS:
        key = lexicon.normalise(field, text)
        if key in lexicon.generic or key in lexicon.weak_cues:
            return None
        if key in lexicon.phrases[field] or key in lexicon.by_authority.get(field, {}):
            fields.add(field)
    return fields.pop() if len(fields) == 1 else None
