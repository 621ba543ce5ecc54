"""Incidents a reply gives only as counts in sentences, split as finely as the reply goes.

"Of the 27 incidents, 11 related to e-mails sent to the wrong recipient, 6 to
letters posted to the wrong address, 4 to paperwork that was lost ...",
followed by "Of the 4 losses, two resulted in a verbal warning and in the
other two the officer received words of advice" and "The remaining incident
concerned papers found in a skip ...": the later sentences describe the same
incidents as the first, so the groups form a tree (total -> breakdown ->
outcome split) and the rows are its leaves, each with the finest description
and outcome the reply gives.

Sentence shapes (openers and link words are data, `prose_patterns.yaml`):
- subset:  "Of the N X, a ..., b ..."     -> splits group X (or the total)
- each:    "In each of the N X cases, O"  -> outcome O for group X
- part:    "One of the X involved D; O"   -> one incident of group X
- plain:   "N X were stolen"              -> a new group under the total
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span

from extractors.document import Document, Line
from interpret.count_phrases import Count, find_counts, lexicon, stated_total
from interpret.counts import parse_count
from interpret.dates import Period, parse_period
from interpret.language import compile_patterns, nlp
from interpret.prose_words import (clean, outcome_like, outcome_start, patterns, stems, strip_lead_words,
                                   strip_trailing_connectives)
from interpret.records import IncidentRow, ResponseFacts
from interpret.request_text import is_list_item


@dataclass
class Group:
    """Incidents the reply counts together, and the finer groups it splits them into."""

    low: int | None
    high: int | None
    description: str | None = None
    outcome: str | None = None
    locator: str = ""
    keys: set[str] = field(default_factory=set)
    children: list["Group"] = field(default_factory=list)
    period: Period | None = None
    order: int = 0
    final: bool = False  # one incident a "part" sentence tells of: never split further
    open_for_parts: bool = False  # a per-period count: the plain counts that follow may be its parts
    emit: bool = True  # False for incidents read elsewhere that only take up part of the total

    def capacity(self) -> int:
        """Incidents of this group not yet covered by a finer group."""
        if self.high is None:
            return 0
        return self.high - sum(c.high or 0 for c in self.children)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class _Sentence:
    span: Span
    locate: Callable[[int], str]  # char offset in the span's doc -> the locator of its line


@functools.lru_cache(maxsize=1)
def _phrases() -> dict[str, list[list[str]]]:
    data = patterns()
    as_lists = lambda key: sorted(([w.lower() for w in p] for p in data[key]), key=len, reverse=True)  # noqa: E731
    return {key: as_lists(key) for key in ("subset_openers", "each_openers", "countless_openers", "part_openers",
                                           "part_links")}


# "theft of equipment (3)", "lost devices (<5)": a group's words then its count in brackets
_BRACKETED_COUNT = re.compile(r"(?P<desc>[^;:,()]*[A-Za-z][^;:,()]*?)\s*\(\s*(?P<n>\d[\d,]*|<\s*\d+|fewer than \w+)\s*\)",
                              re.I)


@functools.lru_cache(maxsize=1)
def _all_groups_phrases() -> list[re.Pattern[str]]:
    return compile_patterns(patterns()["all_groups_phrases"])


@functools.lru_cache(maxsize=1)
def _not_incident() -> list[re.Pattern[str]]:
    return compile_patterns(patterns()["not_incident_sentence"])


def _sentences(lines: list[Line]) -> list[_Sentence]:
    """Sentences of the reply's running text (list items are read elsewhere), with line locators."""
    sentences: list[_Sentence] = []
    run: list[Line] = []

    def flush() -> None:
        if not run:
            return
        offsets: list[tuple[int, str]] = []
        text = ""
        for line in run:
            offsets.append((len(text), line.locator))
            text += clean(line.text) + " "
        doc = nlp()(text)

        def locate(char: int, offsets=offsets) -> str:
            return [loc for start, loc in offsets if start <= char][-1]

        sentences.extend(_Sentence(s, locate) for s in doc.sents if s.text.strip())
        run.clear()

    for line in lines:
        if not line.text.strip() or is_list_item(line):
            flush()
            continue
        run.append(line)
    flush()
    return sentences


def read_count_groups(part: Document, lines: list[Line], facts: ResponseFacts, covered: int = 0,
                      with_remainder: bool = True) -> list[IncidentRow]:
    """Rows for the counted groups of the reply's sentences (the finest split given).

    `covered`: incidents of the total already read elsewhere (a list); they take up
    that much of the total, and no remainder row stands for them.
    """
    root = Group(facts.reported_total_min, facts.reported_total_max)
    if covered:
        root.children.append(Group(covered, covered, final=True, emit=False))
    builder = _Builder(root, with_remainder)
    for sentence in _sentences(lines):
        text = sentence.span.text
        if any(p.search(text) for p in _not_incident()):
            continue
        builder.read(sentence)
    return builder.rows(part.source_file)


def _tokens(span: Span, start: int, end: int) -> str:
    return clean(span[start:end].text) if end > start else ""


def _starts_with(span: Span, at: int, phrases: list[list[str]]) -> int | None:
    """Length of the first phrase found at token `at`, or None."""
    # the words at `at` are read once, for the longest phrase, not once per phrase
    words = [t.lower_ for t in span[at:at + max(map(len, phrases), default=0)]]
    for phrase in phrases:
        if words[:len(phrase)] == phrase:
            return len(phrase)
    return None


def _depths(span: Span) -> list[int]:
    """Bracket depth of each token (a parenthetical list of items is not a breakdown)."""
    depth, out = 0, []
    for token in span:
        if token.text in ("(", "["):
            depth += 1
        out.append(depth)
        if token.text in (")", "]"):
            depth = max(0, depth - 1)
    return out


def _without_brackets(text: str) -> str:
    return clean(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text))


def _split_outcome(text: str) -> tuple[str | None, str | None]:
    """(description, outcome) of a group's words: "e-mails sent ... and the officers were given advice"."""
    text = clean(text).strip(" .;,")
    if not text:
        return None, None
    position = outcome_start(text)
    if position is None:
        return strip_lead_words(text) or None, None
    before = strip_trailing_connectives(strip_lead_words(text[:position]))
    if _descriptive(before):
        return before, text[position:].strip(" .;,")
    return None, text.strip(" .;,")


def _descriptive(text: str) -> bool:
    words = text.lower().split()
    incident_words = set(patterns()["incident_words"])
    return len(words) >= 3 or bool(set(w.strip(",;.") for w in words) & incident_words)


def _tells_incident(text: str) -> bool:
    words = {t.lower_ for t in nlp().make_doc(text)}
    return bool(words & set(patterns()["incident_words"]))


def _split_final_outcome(text: str) -> tuple[str | None, str | None]:
    """An incident's words and the outcome clauses that end them.

    "an agency worker took files home; the files were stolen from her car and her
    placement was terminated" -> ("an agency worker took files home; the files were
    stolen from her car", "her placement was terminated").
    """
    pieces = re.split(r"(;\s*|,\s*(?:and\s+)?|\s+and\s+|\s+but\s+)", clean(text).strip(" ."))
    clauses, separators = pieces[0::2], pieces[1::2] + [""]
    cut = len(clauses)
    while cut > 1 and outcome_like(clauses[cut - 1]):
        cut -= 1
    if cut == len(clauses):  # no outcome clause at the end: all one description, or all outcome
        whole = clauses[0] if len(clauses) == 1 else "".join(c + sep for c, sep in zip(clauses, separators))
        description, outcome = _split_outcome(whole)
        return (None, whole.strip(" ;,.")) if description is None and outcome else (whole.strip(" ;,") or None, None)
    description = "".join(c + sep for c, sep in zip(clauses[:cut], separators[:cut - 1] + [""]))
    outcome = "".join(c + sep for c, sep in zip(clauses[cut:], separators[cut:]))
    return description.strip(" ;,") or None, outcome.strip(" ;,.") or None


class _Builder:
    def __init__(self, root: Group, with_remainder: bool = True):
        self.root = root
        self.order = 0
        self.with_remainder = with_remainder

    # -- group lookup ------------------------------------------------------------------------

    def _groups(self) -> list[Group]:
        return [g for g in self.root.walk() if g is not self.root and not g.final]

    def find(self, count: Count | None, words: str, need: int = 1) -> Group | None:
        keys = stems(_without_brackets(words))
        candidates = self._groups()
        if count is not None:
            candidates = [g for g in candidates if (g.low, g.high) == (count.low, count.high)]
        if keys:
            named = [g for g in candidates if g.keys & keys]
            if named:
                candidates = named
            elif count is None:
                return None
        if count is None:
            candidates = [g for g in candidates if g.capacity() >= need]
        if not candidates:
            return None
        return max(candidates, key=lambda g: (len(g.keys & keys), g.capacity() > 0, not g.children, g.order))

    def new_group(self, parent: Group, low: int, high: int, description: str | None, outcome: str | None,
                  locator: str, period: Period | None = None, final: bool = False) -> Group:
        self.order += 1
        group = Group(low, high, description, outcome, locator, stems(description or ""), period=period,
                      order=self.order, final=final)
        parent.children.append(group)
        return group

    # -- sentences ---------------------------------------------------------------------------

    def read(self, sentence: _Sentence) -> None:
        span = sentence.span
        depth = _depths(span)
        counts = [c for c in find_counts(span) if depth[c.start] == 0]
        total = stated_total(span)
        if total is not None and len(counts) <= 1:
            period = _period_in(span.text)
            if period is not None and not _is_range(span.text):
                self._period_group(sentence, counts, total, period)
            elif self.root.high is None:
                self.root.low, self.root.high = total
            return
        for reader in (self._bracketed, self._subset, self._each, self._part, self._plain, self._all_groups):
            if reader(sentence, counts, depth):
                return

    def _locator(self, sentence: _Sentence, token: int) -> str:
        return sentence.locate(sentence.span[token].idx)

    def _subset(self, sentence: _Sentence, counts: list[Count], depth: list[int]) -> bool:
        """"Of the N X, a ..., b ..." or "... N breaches: a ..., b ...": parts of a group or the total."""
        span = sentence.span
        opener = _starts_with(span, 0, _phrases()["subset_openers"])
        if opener is not None:
            anchor = counts[0] if counts and counts[0].start == opener else None
            words_start = anchor.end if anchor else opener
        else:
            anchor = next((c for c in counts[:1] if c.noun_end is not None and c.noun_end < len(span)
                           and span[c.noun_end].text in (":", "-") and len(counts) > 1), None)
            if anchor is None:
                return False
            words_start = anchor.end
        rest_counts = [c for c in counts if c is not anchor and c.start >= words_start]
        if not rest_counts:
            return False
        commas = [t.i - span.start for t in span if t.text in (",", ":") and depth[t.i - span.start] == 0]
        anchor_end = min([c for c in commas if c >= words_start] + [rest_counts[0].start])
        words = _tokens(span, words_start, anchor_end)
        parent = self._subset_parent(anchor, words, sentence)
        own_words = _without_brackets(words)
        inherited = own_words if len(own_words.split()) >= 3 else parent.description
        for k, count in enumerate(rest_counts):
            end = rest_counts[k + 1].start if k + 1 < len(rest_counts) else len(span)
            description, outcome = _split_outcome(strip_trailing_connectives(_tokens(span, count.end, end)))
            self.new_group(parent, count.low, count.high,
                           description or (inherited if parent is not self.root else None),
                           outcome, self._locator(sentence, count.start))
        return True

    def _subset_parent(self, anchor: Count | None, words: str, sentence: _Sentence) -> Group:
        generic = not stems(_without_brackets(words))
        if anchor is None:
            named = None if generic else self.find(None, words)
            return named or self._latest() or self.root
        if generic and (self.root.high is None or (anchor.low, anchor.high) == (self.root.low, self.root.high)):
            if self.root.high is None:
                self.root.low, self.root.high = anchor.low, anchor.high
            return self.root
        found = self.find(anchor, words)
        if found is not None:
            return found
        return self.new_group(self.root, anchor.low, anchor.high, _without_brackets(words) or None, None,
                              self._locator(sentence, anchor.start))

    def _latest(self) -> Group | None:
        groups = self._groups()
        return max(groups, key=lambda g: g.order) if groups else None

    def _each(self, sentence: _Sentence, counts: list[Count], depth: list[int]) -> bool:
        """"In each of the 11 e-mail cases, O" / "Both letter cases resulted in O": one outcome for a group."""
        span = sentence.span
        for at in range(len(span)):
            size = _starts_with(span, at, _phrases()["each_openers"])
            if size is None:
                continue
            count = next((c for c in counts if c.start == at + size), None)
            if count is None and not _starts_with(span, at, _phrases()["countless_openers"]):
                continue
            words_start = count.end if count else at + size
            end = self._group_words_end(span, words_start, depth)
            words = _tokens(span, words_start, end)
            outcome = clean(f"{_tokens(span, 0, at)} {_tokens(span, end, len(span))}").strip(" ,.;")
            if not outcome_like(outcome) or (count is None and not stems(words)):
                continue
            group = self.find(count, words)
            if group is None:
                if count is None:
                    continue
                self.new_group(self.root, count.low, count.high, strip_lead_words(words) or None,
                               outcome, self._locator(sentence, count.start))
                return True
            targets = [c for c in group.walk() if not c.children] if group.children else [group]
            for target in targets:
                target.outcome = target.outcome or outcome
            return True
        return False

    def _group_words_end(self, span: Span, start: int, depth: list[int]) -> int:
        """Where the words naming a group end: after its noun and any "involving ..." clause."""
        nouns = lexicon().incident_nouns
        end = start
        for j in range(start, min(len(span), start + 5)):
            if span[j].lower_ in nouns:
                end = j + 1
                break
        else:
            stop = outcome_start(span[start:].text)
            return start if stop is None else start + len(nlp().make_doc(span[start:].text[:stop]))
        if end < len(span) and span[end].lower_ in ("involving", "where", "concerning", "relating", "in", "of",
                                                    "which", "that", "about", "with"):
            while end < len(span) and not (span[end].text in (",", ";", ".") and depth[end] == 0):
                end += 1
        return end

    def _part(self, sentence: _Sentence, counts: list[Count], depth: list[int]) -> bool:
        span = sentence.span
        opener = _starts_with(span, 0, _phrases()["part_openers"])
        if opener is None:
            return False
        count = counts[0] if counts and counts[0].start == opener else None
        start = count.end if count else opener
        if any(c.start >= start for c in counts):
            return False  # "One was a letter ... and two were e-mails ...": a list of counts, read as plain
        for at in range(start, min(len(span), start + 8)):
            link = _starts_with(span, at, _phrases()["part_links"])
            if link is None:
                continue
            words = _tokens(span, start, at)
            low, high = (count.low, count.high) if count else (1, 1)
            description, outcome = _split_final_outcome(_tokens(span, at + link, len(span)))
            if description is None and outcome is None:
                return False
            parent = self._part_parent(words, high)
            self.new_group(parent, low, high, description or (parent.description if parent is not self.root
                                                                    else None),
                           outcome, self._locator(sentence, count.start if count else 0), final=True)
            return True
        return False

    def _part_parent(self, words: str, need: int) -> Group:
        if stems(words):
            found = self.find(None, words, need)
            if found is not None:
                return found
        open_groups = [g for g in self._groups() if g.capacity() >= need and not g.outcome
                       and not any(c.outcome is None for c in g.children)]
        unsplit = [g for g in open_groups if not g.children]
        pool = unsplit or open_groups
        if pool:
            return max(pool, key=lambda g: g.order)
        return self.root

    def _period_group(self, sentence: _Sentence, counts: list[Count], total: tuple[int, int],
                      period: Period) -> None:
        """"In 2012 there were 3 incidents[, both of which involved ...]": a group for that period."""
        span = sentence.span
        count = counts[0] if counts else None
        after = _tokens(span, count.noun_end or count.end, len(span)) if count else ""
        description, outcome = _split_outcome(_WHICH.sub("", after)) if _WHICH.match(after) else (None, None)
        locator = self._locator(sentence, count.start if count else 0)
        group = self.new_group(self.root, total[0], total[1], description, outcome, locator, period)
        group.open_for_parts = True

    def _bracketed(self, sentence: _Sentence, counts: list[Count], depth: list[int]) -> bool:
        """"The breaches fall into these groups: theft of equipment (3); failure to use bcc (6)"."""
        text = sentence.span.text
        # each match holds its own "(", and the pattern is slow on long sentences: count them first
        if text.count("(") < 2:
            return False
        found = list(_BRACKETED_COUNT.finditer(text))
        if len(found) < 2:
            return False
        for match in found:
            count = parse_count(match.group("n"))
            description = strip_lead_words(match.group("desc"))
            if count is None or count == (0, 0) or not description:
                continue
            locator = sentence.locate(sentence.span.start_char + match.start("n"))
            self.new_group(self.root, count[0], count[1], description, None, locator)
        return True

    def _all_groups(self, sentence: _Sentence, counts: list[Count], depth: list[int]) -> bool:
        """"In each case the member of staff received management advice": every group's outcome."""
        text = clean(sentence.span.text)
        if counts or not self.root.children or not outcome_like(text):
            return False
        if not any(p.search(text) for p in _all_groups_phrases()):
            return False
        for group in self.root.walk():
            if group is not self.root and not group.children and group.outcome is None:
                group.outcome = text.strip(" .")
        return True

    def _plain(self, sentence: _Sentence, counts: list[Count], depth: list[int]) -> bool:
        span = sentence.span
        if not counts:
            return False
        lead = _tokens(span, 0, counts[0].start)
        period = _period_in(lead)
        parent = self.root
        latest = self._latest()
        if period is None and latest is not None and latest.open_for_parts and not latest.children \
                and sum(c.high for c in counts) <= (latest.high or 0):
            parent = latest
        made = False
        for k, count in enumerate(counts):
            if count.counts_other:
                continue
            end = counts[k + 1].start if k + 1 < len(counts) else len(span)
            words = strip_trailing_connectives(_tokens(span, count.end, end))
            words = _shared_predicate(words, span, counts, k)
            low, high = count.low, count.high
            extra = _coordinated_singles(words)
            low, high = low + extra, high + extra
            description, outcome = _split_outcome(words)
            if description is None and outcome is None:
                continue
            if not (count.noun or outcome or _tells_incident(description or "")):
                continue
            existing = self.find(count, words)
            if existing is not None and existing.outcome is None and outcome and not existing.children:
                existing.outcome = outcome
                made = True
                continue
            self.new_group(parent, low, high, description, outcome,
                           self._locator(sentence, count.start), period)
            made = True
        return made

    # -- rows --------------------------------------------------------------------------------

    def rows(self, source_file: str) -> list[IncidentRow]:
        rows: list[IncidentRow] = []
        if not any(c.emit for c in self.root.children):
            return rows
        for leaf in _leaves(self.root, inherited=None, with_remainder=self.with_remainder):
            if not leaf.emit:
                continue
            row = IncidentRow(source_file=source_file, source_locator=leaf.locator, description=leaf.description,
                              outcome_text=leaf.outcome, count_min=leaf.low or 1, count_max=leaf.high or 1)
            if leaf.period is not None:
                row.period_start, row.period_end = leaf.period.start, leaf.period.end
            rows.append(row)
        return rows


def _leaves(group: Group, inherited: Group | None, with_remainder: bool = True) -> list[Group]:
    """The finest groups: a group split into parts gives its parts (and any remainder)."""
    if not group.children:
        return [group]
    covered_low = sum(c.low or 0 for c in group.children)
    covered_high = sum(c.high or 0 for c in group.children)
    if group.high is not None and covered_low > group.high and inherited is not None:
        # a group's parts count more than the group: they overlap, so the group itself is the finest safe split
        return [group]
    out: list[Group] = []
    for child in group.children:
        if child.description is None and group.description:
            child.description = group.description
        if child.outcome is None and group.outcome:
            child.outcome = group.outcome
        child.period = child.period or group.period
        child.locator = child.locator or group.locator
        out.extend(_leaves(child, group))
    if with_remainder and group.high is not None and covered_high < group.high and group.low is not None:
        remainder_low = max(group.low - covered_high, 0)
        remainder_high = group.high - covered_high
        if remainder_high > 0:
            first = group.children[0]
            out.append(Group(max(remainder_low, 1), remainder_high, group.description, group.outcome,
                             group.locator or first.locator, period=group.period))
    return out


_WHICH = re.compile(r"^\W*(?:both|all|each|none|most|two|three|several) of (?:which|these|them|those)\s+", re.I)
_RANGE_WORDS = re.compile(r"\b(?:between|from|to|until|since)\b.{0,40}\d{4}", re.I)


def _is_range(text: str) -> bool:
    """The sentence names a span of time ("between April 2011 and March 2014"), not one period."""
    return bool(_RANGE_WORDS.search(text))


def _period_in(text: str) -> Period | None:
    """A period named before a sentence's first count ("In 2012/13, 5 laptops ...")."""
    match = re.search(r"(?:\d{4}\s*/\s*\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}"
                      r"|(?<![\d/])(?<!act )(?<!regulations )(?:19|20)\d\d(?![\d/]))", text, re.I)
    return parse_period(match.group(0)) if match else None


def _coordinated_singles(words: str) -> int:
    """Items added with "and a"/"and an" before the shared verb: "laptops and a mobile phone were stolen" -> 1."""
    verbs = set(patterns()["predicate_starts"])
    tokens = words.lower().split()
    cut = next((i for i, t in enumerate(tokens) if t in verbs), len(tokens))
    phrase = tokens[:cut]
    return sum(1 for i in range(len(phrase) - 1) if phrase[i] in ("and", ",") and phrase[i + 1] in ("a", "an", "one"))


def _shared_predicate(words: str, span: Span, counts: list[Count], k: int) -> str:
    """"two laptops and three phones were stolen": the bare "laptops" borrows "were stolen"."""
    verbs = set(patterns()["predicate_starts"])
    if any(w.lower() in verbs for w in words.split()) or k + 1 >= len(counts) or len(words.split()) > 3:
        return words
    last = counts[-1]
    tail = _tokens(span, last.end, len(span)).split()
    at = next((i for i, w in enumerate(tail) if w.lower() in verbs), None)
    return f"{words} {' '.join(tail[at:])}".strip(" .") if at is not None else words


__all__ = ["read_count_groups", "Group"]
