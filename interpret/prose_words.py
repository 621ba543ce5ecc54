"""Word lists and small text tests shared by the prose readers (`prose_patterns.yaml`)."""
from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher

from interpret.language import load_yaml, nlp, normalise_quotes, normalise_space


@functools.lru_cache(maxsize=1)
def patterns() -> dict:
    return load_yaml("prose_patterns.yaml")


def clean(text: str) -> str:
    """Whitespace normalised, typographic quotes and dashes as ASCII."""
    return normalise_space(normalise_quotes(text))


@functools.lru_cache(maxsize=1)
def _outcome_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
    matcher.add("OUTCOME", [nlp().make_doc(p) for p in patterns()["outcome_phrases"]])
    return matcher


def outcome_like(text: str) -> bool:
    """Whether `text` says what was done about an incident ("written warning", "no action")."""
    return bool(_outcome_matcher()(nlp().make_doc(text)))


def outcome_start(text: str) -> int | None:
    """Char offset of the first outcome phrase in `text`, or None."""
    doc = nlp().make_doc(text)
    matches = _outcome_matcher()(doc)
    if not matches:
        return None
    return doc[min(start for _, start, _ in matches)].idx


@functools.lru_cache(maxsize=1)
def _lead_words() -> list[list[str]]:
    phrases = [p.lower().split() for p in patterns()["description_lead_words"]]
    return sorted(phrases, key=len, reverse=True)


def strip_lead_words(text: str) -> str:
    """A group's words without the linking words after its count ("related to e-mails" -> "e-mails")."""
    words = clean(text).split()
    changed = True
    while words and changed:
        changed = False
        for phrase in _lead_words():
            if [w.lower().strip(",;:") for w in words[:len(phrase)]] == phrase and len(words) > len(phrase):
                words = words[len(phrase):]
                changed = True
                break
    return " ".join(words).strip(" ,;:.-")


@functools.lru_cache(maxsize=1)
def _trailing() -> frozenset[str]:
    return frozenset(patterns()["trailing_connectives"])


def strip_trailing_connectives(text: str) -> str:
    """"resulted in a verbal warning and in the other" -> "resulted in a verbal warning"."""
    words = clean(text).split()
    while words and (words[-1].lower().strip(",;:") in _trailing() or not words[-1].strip(",;:-")):
        words.pop()
    return " ".join(words).strip(" ,;:-")


def stems(text: str) -> set[str]:
    """Content-word stems of `text`, for recognising a group named twice ("losses" / "lost")."""
    synonyms = patterns()["stem_synonyms"]
    generic = set(patterns()["generic_nouns"])
    found = set()
    for token in nlp().make_doc(clean(text).lower()):
        word = token.text
        if not token.is_alpha or word in STOP_WORDS or word in generic or len(word) < 3:
            continue
        word = synonyms.get(word, word)
        word = re.sub(r"(?:ies|es|s|ed|ing)$", "", word) if len(word) > 5 else word
        found.add(synonyms.get(word, word)[:5])
    return found


__all__ = ["patterns", "clean", "outcome_like", "outcome_start", "strip_lead_words", "strip_trailing_connectives",
           "stems"]
