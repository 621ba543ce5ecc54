"""Numbers in running text that count incidents, read over spaCy tokens.

"there were 97 breaches", "a total of thirty-six", "fewer than five cases",
"11 related to e-mails": a count is a number in digits or words that is not a
year, a date, a sum of money, a duration, a section or a reference; its
incident noun (if any) follows after a few modifiers ("9 data protection
breaches") and is not the first half of another noun ("1,400 case files").
Word lists are data: `count_patterns.yaml`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from interpret.counts import words_to_int
from interpret.dates import MONTHS
from interpret.language import load_yaml, nlp


@dataclass(frozen=True)
class Count:
    """A count in a token sequence: its range, token span [start, end), and incident noun."""

    low: int
    high: int
    start: int  # first token of the number (or of its bound words, "fewer than")
    end: int    # token after the number
    noun: str | None = None  # the incident noun ("cases"), lower case
    noun_end: int | None = None  # token after the noun
    counts_other: bool = False  # "1,400 case files": an incident noun that is part of another noun


@dataclass(frozen=True)
class _Lexicon:
    incident_nouns: frozenset[str]
    modifiers: frozenset[str]
    compound_blockers: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    below: list[list[str]]
    at_most: list[list[str]]
    total_cues: PhraseMatcher
    not_total_before: list[list[str]]
    not_total_sentence: PhraseMatcher
    zero_total: Matcher


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = load_yaml("count_patterns.yaml")
    vocab = nlp().vocab
    totals = PhraseMatcher(vocab, attr="LOWER")
    totals.add("TOTAL", [nlp().make_doc(p) for p in data["total_cues"]])
    not_totals = PhraseMatcher(vocab, attr="LOWER")
    not_totals.add("NOT_TOTAL", [nlp().make_doc(p) for p in data["not_total_sentence"]])
    zero = Matcher(vocab)
    zero.add("ZERO", data["zero_total"])
    lower = lambda items: frozenset(str(i).lower() for i in items)  # noqa: E731
    return _Lexicon(
        incident_nouns=lower(data["incident_nouns"]),
        modifiers=lower(data["noun_modifiers"]),
        compound_blockers=lower(data["compound_blockers"]),
        not_after=lower(data["not_count_after"]),
        not_before=lower(data["not_count_before"]),
        below=[[w.lower() for w in p] for p in data["below_words"]],
        at_most=[[w.lower() for w in p] for p in data["at_most_words"]],
        total_cues=totals,
        not_total_before=[p.lower().split() for p in data["not_total_before"]],
        not_total_sentence=not_totals,
        zero_total=zero,
    )


_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,6}")


# words that make a number of a phrase ("a dozen", "half a dozen")
_GROUP_WORDS = frozenset({"dozen"})


def _number_at(doc: Doc | Span, i: int) -> tuple[int, int] | None:
    """(value, tokens used) of a number written at token i: "12", "1,400", "eleven", "thirty-six"."""
    token = doc[i]
    if _DIGITS.fullmatch(token.text):
        return int(token.text.replace(",", "")), 1
    if not token.is_alpha:
        return None
    for size in (3, 2):  # "half a dozen", "a dozen", "a couple of"
        # the group word that must end the phrase is tested first: it rules out almost every token
        if i + size <= len(doc) and doc[i + size - 1].lower_ in _GROUP_WORDS \
                and all(t.is_alpha for t in doc[i:i + size]):
            phrase = words_to_int(" ".join(t.lower_ for t in doc[i:i + size]))
            if phrase is not None:
                return phrase, size
    if token.lower_ in _GROUP_WORDS and i > 0 and doc[i - 1].lower_ in ("the", "this", "that"):
        return words_to_int(f"a {token.lower_}"), 1  # "the dozen misdirected items" names a count again
    if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].is_alpha:
        joined = words_to_int(f"{token.lower_}-{doc[i + 2].lower_}")
        if joined is not None and token.lower_ not in ("one", "a"):
            return joined, 3
    value = words_to_int(token.lower_)
    if value is None or token.lower_ in ("nil", "zero", "a"):
        return None
    return value, 1


def _is_month(token: Token) -> bool:
    return token.lower_.rstrip(".") in MONTHS


def _phrase_before(doc: Doc | Span, i: int, phrases: list[list[str]]) -> int | None:
    """Start index of one of `phrases` ending right before token i, or None."""
    for phrase in phrases:
        start = i - len(phrase)
        if start >= 0 and [t.lower_ for t in doc[start:i]] == phrase:
            return start
    return None


def find_counts(doc: Doc | Span) -> list[Count]:
    """Every count in `doc`, in order."""
    lex = lexicon()
    counts: list[Count] = []
    i = 0
    while i < len(doc):
        found = _number_at(doc, i)
        if found is None:
            i += 1
            continue
        value, used = found
        end = i + used
        if _excluded(doc, i, end, value, lex):
            i = end
            continue
        low = high = value
        start = i
        bound = _phrase_before(doc, i, lex.below)
        if bound is not None:
            low, high, start = 1, value - 1, bound
        else:
            bound = _phrase_before(doc, i, lex.at_most)
            if bound is not None:
                low, high, start = 1, value, bound
        if high < low:
            i = end
            continue
        noun, noun_end, other = _incident_noun(doc, end, lex)
        counts.append(Count(low, high, start, end, noun, noun_end, other))
        i = end
    return counts


def _excluded(doc: Doc | Span, i: int, end: int, value: int, lex: _Lexicon) -> bool:
    token = doc[i]
    before = doc[i - 1] if i > 0 else None
    after = doc[end] if end < len(doc) else None
    if token.is_digit and len(token.text) == 4 and 1900 <= value <= 2099:
        return True  # a year
    if before is not None and (before.lower_ in lex.not_before or _is_month(before)):
        return True
    if before is not None and before.text == ":" and i > 1 and doc[i - 2].lower_ in lex.not_before:
        return True  # "Ref: 1234", "No: 12"
    if after is not None and (after.lower_ in lex.not_after or _is_month(after)):
        return True
    if after is not None and after.text in ("/", ":", ".") and end + 1 < len(doc) and doc[end + 1].is_digit:
        return True  # 12/05, 10:30, 3.5
    if before is not None and before.text == "(" and after is not None and after.text == ")":
        return True  # "(2)" a subsection or an item label
    if token.lower_ == "one" and after is not None and after.lower_ in ("another", "off", "-"):
        return True
    return False


def _incident_noun(doc: Doc | Span, end: int, lex: _Lexicon) -> tuple[str | None, int | None, bool]:
    """(noun, token after it, whether the noun is part of another noun such as "case files")."""
    j = end
    skipped = 0
    while j < len(doc) and skipped <= 4:
        if doc[j].is_space:
            j += 1
            continue
        if doc[j].text == "(" and j + 2 < len(doc) and doc[j + 1].like_num and doc[j + 2].text == ")":
            j += 3  # "five (5) breaches"
            continue
        word = doc[j].lower_
        if word in lex.incident_nouns:
            following = doc[j + 1].lower_ if j + 1 < len(doc) else ""
            if following in lex.compound_blockers:
                return None, None, True
            return word, j + 1, False
        if word in lex.modifiers:
            j += 1
            skipped += 1
            continue
        break
    return None, None, False


def stated_total(sentence: Span) -> tuple[int, int] | None:
    """The reply's own total when `sentence` states one ("In total there were 12 breaches")."""
    lex = lexicon()
    if lex.zero_total(sentence):
        return (0, 0)
    if not lex.total_cues(sentence) or lex.not_total_sentence(sentence):
        return None
    counts = [c for c in find_counts(sentence) if not c.counts_other]
    if len(counts) > 1:
        # a sentence of several counts is a breakdown: only "a total of N" / "N in total" is the total
        counts = [c for c in counts if _marked_as_total(sentence, c)]
    for count in counts:
        if _phrase_before(sentence, count.start, lex.not_total_before) is not None or any(
                _phrase_before(sentence, count.start - back, lex.not_total_before) is not None
                for back in (1, 2) if count.start - back > 0):
            continue
        if _part_of_a_whole(sentence, count) or _extra(sentence, count):
            continue
        if count.noun is not None or _after_total_word(sentence, count.start):
            return (count.low, count.high)
    return None


_QUANTIFIERS = frozenset({"each", "any", "all", "none", "one", "some", "both", "most", "many", "several",
                          "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "either",
                          "neither", "in", "out", "majority", "half", "few"})


def _part_of_a_whole(sentence: Span, count: Count) -> bool:
    """"Of the 27 incidents, ..." / "in each of the 11 cases": the count is a whole being split,
    named again, not stated as the total ("Details of the 16 breaches ... are set out below" is)."""
    i = count.start
    if i >= 2 and sentence[i - 2].lower_ == "of" and sentence[i - 1].lower_ in ("the", "these", "those"):
        before = sentence[i - 3] if i >= 3 else None
        return before is None or before.is_punct or before.lower_ in _QUANTIFIERS or before.like_num
    return False


def _extra(sentence: Span, count: Count) -> bool:
    """"2 other incidents", "3 more cases": counts beside the total, not the total."""
    end = count.noun_end if count.noun_end is not None else count.end
    return any(t.lower_ in ("other", "further", "more", "additional") for t in sentence[count.end:end])


def _after_total_word(sentence: Span, start: int) -> bool:
    """"Total cases: 11", "The number of breaches was 27": the count comes just after its label."""
    window = [t.lower_ for t in sentence[max(0, start - 6):start]]
    return "total" in window[-4:] or ("number" in window and bool(set(window) & lexicon().incident_nouns))


def _marked_as_total(sentence: Span, count: Count) -> bool:
    before = [t.lower_ for t in sentence[max(0, count.start - 3):count.start]]
    after_at = count.noun_end if count.noun_end is not None else count.end
    after = [t.lower_ for t in sentence[after_at:after_at + 2]]
    if count.noun is not None and after[:1] and after[0] in (":", "-", "("):
        return True  # "4 breaches: 3 e-mails ... and 1 lost diary" (a total, then its breakdown)
    return "total" in before or "totalling" in before or after[:2] == ["in", "total"] or \
        (after[:1] and after[0] in ("altogether", "overall", "total"))


def parse_sentences(text: str) -> list[Span]:
    """The sentences of `text` as spaCy spans."""
    return list(_parsed(text))


# The facts readers (exemptions, total, period, blanket staff) each walk the same passages
# sentence by sentence, and prose reads an item for its count and again for a total: tokenise
# a text once. The spans are read, never changed; a small bound is enough, since the repeats
# are within one reply.
@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> tuple[Span, ...]:
    return tuple(nlp()(text).sents)


def sentence_texts(text: str) -> list[str]:
    """The text of each sentence of `text`, as `parse_sentences` gives them.

    The sentencizer starts a sentence only after a token that is one of its
    punctuation marks, so a text holding none of them (a table row, a title) is
    one sentence, and needs no tokenising; without spaces at its ends (a span
    leaves out its last token's trailing space) that sentence is the text itself.
    """
    if text and not text[0].isspace() and not text[-1].isspace() and not _has_sentence_mark(text):
        return [text]
    return list(_parsed_texts(text))


@functools.lru_cache(maxsize=256)
def _parsed_texts(text: str) -> tuple[str, ...]:
    return tuple(sentence.text for sentence in _parsed(text))  # a span's text is joined from its tokens


def _has_sentence_mark(text: str) -> bool:
    characters, longer = _sentence_marks()
    return not characters.isdisjoint(text) or any(mark in text for mark in longer)


@functools.lru_cache(maxsize=1)
def _sentence_marks() -> tuple[frozenset[str], tuple[str, ...]]:
    """The sentencizer's punctuation marks: (those of one character, any longer ones)."""
    marks = nlp().get_pipe("sentencizer").punct_chars
    return frozenset(m for m in marks if len(m) == 1), tuple(m for m in marks if len(m) != 1)


__all__ = ["Count", "find_counts", "stated_total", "parse_sentences", "sentence_texts", "lexicon"]
