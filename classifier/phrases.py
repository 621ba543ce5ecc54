"""Shared machinery for the rule files: one blank tokenizer and phrase matching.

Rules match on spaCy tokens, so "e-mail", "officer's" and "£350" split the
same way in the rule phrases and in the text they are matched against.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032`"), "'")


@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    return spacy.blank("en")


def make_doc(text: str) -> Doc:
    """Tokens of text with Unicode dashes and quotes made plain (case kept)."""
    plain = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return blank_nlp().make_doc(" ".join(plain.split()))


@dataclass(frozen=True)
class Match:
    label: str
    start: int  # token offsets, end exclusive
    end: int


def build_matcher(phrases_by_label: dict[str, list[str]], attr: str = "LOWER") -> PhraseMatcher:
    matcher = PhraseMatcher(blank_nlp().vocab, attr=attr)
    for label, phrases in phrases_by_label.items():
        matcher.add(label, [make_doc(str(p)) for p in phrases])
    return matcher


def find(matcher: PhraseMatcher, doc: Doc) -> list[Match]:
    strings = blank_nlp().vocab.strings
    return [Match(strings[key], start, end) for key, start, end in matcher(doc)]


def longest_first(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, longer ones winning, returned in text order."""
    kept: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        span = set(range(m.start, m.end))
        if not span & taken:
            kept.append(m)
            taken |= span
    return sorted(kept, key=lambda m: m.start)
