"""What header words mean: the aliases of `header_aliases.yaml`, and totals labels.

A header is normalised (lower case, "&" -> "and", punctuation and footnote
marks dropped) and compared with every alias of every column role; the best
match names the column's role. The same file lists the words of totals rows and
of remarks written under a table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ALIASES_PATH = Path(__file__).with_name("header_aliases.yaml")

_FOOTNOTE_MARKS = re.compile(r"(?:\s*(?:\*+|\(\s*\d\s*\)|\[\s*\d\s*\]|\u2020|\u2021))+$")
_PUNCT = re.compile(r"[^\w/#<]+")
_SLASH = re.compile(r"\s*/\s*")


# cached: a continued table's rows are each compared with the header (`same_header`), so the
# same header texts are normalised once per row otherwise
@lru_cache(maxsize=1 << 14)
def normalise_header(text: str) -> str:
    """Lower case, "&" -> "and", footnote marks and punctuation (but "/" and "#") dropped."""
    value = text.replace("\u00a0", " ").strip().lower()
    value = _FOOTNOTE_MARKS.sub("", value).rstrip(":").strip()
    value = value.replace("&", " and ").replace("_", " ")
    value = _PUNCT.sub(" ", value)
    value = _SLASH.sub("/", value)
    return " ".join(value.split())


@dataclass(frozen=True)
class RoleMatch:
    role: str
    score: float  # 1.0 exact; lower for partial matches


@dataclass(frozen=True)
class HeaderAliases:
    roles: tuple[tuple[str, tuple[str, ...]], ...]  # in priority order
    sequence_or_count: frozenset[str]
    total_grand: tuple[str, ...]
    total_plain: tuple[str, ...]
    total_sub: tuple[str, ...]
    note_prefixes: tuple[str, ...]
    note_phrases: tuple[str, ...]


@lru_cache(maxsize=None)
def load_aliases(path: Path = ALIASES_PATH) -> HeaderAliases:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles = tuple((role, tuple(normalise_header(str(a)) for a in aliases))
                  for role, aliases in raw["roles"].items())
    totals = raw.get("total_labels") or {}
    return HeaderAliases(
        roles=roles,
        sequence_or_count=frozenset(normalise_header(str(a)) for a in raw.get("sequence_or_count") or ()),
        total_grand=tuple(normalise_header(str(a)) for a in totals.get("grand") or ()),
        total_plain=tuple(normalise_header(str(a)) for a in totals.get("plain") or ()),
        total_sub=tuple(normalise_header(str(a)) for a in totals.get("sub") or ()),
        note_prefixes=tuple(str(a).lower() for a in raw.get("note_prefixes") or ()),
        note_phrases=tuple(str(a).lower() for a in raw.get("note_phrases") or ()),
    )


def _alias_score(header: str, alias: str) -> float:
    if not alias:
        return 0.0
    if header == alias:
        return 1.0
    if len(alias) <= 3:
        return 0.0  # "no", "id", "ref", "fy": only as the whole header
    coverage = len(alias) / max(len(header), 1)
    if _boundary_pattern(alias).search(header):
        return 0.5 + 0.4 * coverage
    alias_words = alias.split()
    if len(alias_words) > 1 and _in_order(alias_words, re.split(r"[ /]", header)):
        return 0.4 + 0.3 * coverage
    return 0.0


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=None)
def _words(alias: str) -> frozenset[str]:
    return frozenset(_WORD.findall(alias))


@lru_cache(maxsize=None)
def _boundary_pattern(alias: str) -> re.Pattern:
    return re.compile(rf"(?<![\w]){re.escape(alias)}(?![\w])")


def _in_order(words: list[str], within: list[str]) -> bool:
    """Every word of `words` occurs in `within`, in the same order ("date ... reported")."""
    position = 0
    for word in words:
        try:
            position = within.index(word, position) + 1
        except ValueError:
            return False
    return True


_Entry = tuple[int, str, frozenset[str]]  # (position of the role in priority order, alias, the alias's words)


@lru_cache(maxsize=1)
def _aliases_by_word() -> tuple[dict[str, list[_Entry]], list[_Entry]]:
    """Every alias filed under one of its words, and apart the aliases with no word ("#").

    An alias can only match a header holding all its words, so the aliases worth
    scoring are found under the header's own words: most headers (and the data
    cells that are scored as possible headers) share a word with few aliases.
    """
    by_word: dict[str, list[_Entry]] = {}
    wordless: list[_Entry] = []
    for position, (_role, aliases) in enumerate(load_aliases().roles):
        for alias in aliases:
            words = _words(alias)
            if words:
                by_word.setdefault(min(words), []).append((position, alias, words))
            else:
                wordless.append((position, alias, words))
    return by_word, wordless


@lru_cache(maxsize=4096)
def role_of(text: str) -> RoleMatch | None:
    """The column meaning a header names, or None."""
    header = normalise_header(text)
    if not header:
        return None
    words = set(_WORD.findall(header))
    roles = load_aliases().roles
    by_word, wordless = _aliases_by_word()
    # each role's best alias score; each alias is filed under one word, so it is scored once
    scores = [0.0] * len(roles)
    for entries in (wordless, *(by_word.get(word, ()) for word in words)):
        for position, alias, alias_words in entries:
            if alias_words <= words:
                scores[position] = max(scores[position], _alias_score(header, alias))
    best: RoleMatch | None = None
    for (role, _aliases), score in zip(roles, scores):  # priority order: an earlier role wins a tie
        if score > 0 and (best is None or score > best.score):
            best = RoleMatch(role, score)
    return best


@dataclass(frozen=True)
class TotalLabel:
    kind: str  # "grand", "plain" or "sub"
    rest: str  # what follows the label in the same cell ("36 breaches" in "Total: 36 breaches")


# what may follow "Total" in a totals label; "Total loss of a laptop" is a description, not a total
_TOTAL_REST = re.compile(r"^(?:$|[:\-=(]|for\b|of\b|in\b|number\b|no\b|breach|incident|case|report|\d|<|\*|all\b)")


_SECTION_TOTAL = re.compile(r"[\w/\- ]{1,25}?\s+(?:sub[- ]?)?totals?\s*[:=]?\s*(?P<rest>\d[\d,]*)?")


@lru_cache(maxsize=1)
def _total_label_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(kind, pattern) of every totals label, longest label first, built once."""
    aliases = load_aliases()
    phrases = [(k, p) for k, group in (("sub", aliases.total_sub), ("grand", aliases.total_grand),
                                       ("plain", aliases.total_plain)) for p in group]
    patterns = []
    for kind, phrase in sorted(phrases, key=lambda kp: -len(kp[1])):
        pattern = r"\W*".join(re.escape(w) for w in phrase.split())
        patterns.append((kind, re.compile(rf"{pattern}s?(?![\w])\s*")))
    return patterns


@lru_cache(maxsize=4096)
def match_total(text: str) -> TotalLabel | None:
    """The kind of totals label a cell holds ("Total", "Grand total", "Sub-total", "Total: 36"), or None."""
    raw = " ".join(text.replace("\u00a0", " ").split())
    if not raw:
        return None
    lowered = raw.lower()
    for kind, label in _total_label_patterns():
        match = label.match(lowered)
        if match is None:
            continue
        rest = raw[match.end():].strip()
        if _TOTAL_REST.match(rest.lower()):
            return TotalLabel(kind, rest.lstrip(":-= ").strip())
    # "2011/12 total", "Year total: 14": the total of a section
    section = _SECTION_TOTAL.fullmatch(lowered)
    if section:
        return TotalLabel("sub", section.group("rest") or "")
    return None


def total_kind(text: str) -> str | None:
    """"grand", "plain" or "sub" when a label names a totals row or column."""
    label = match_total(text)
    return label.kind if label else None


__all__ = ["ALIASES_PATH", "HeaderAliases", "RoleMatch", "TotalLabel", "load_aliases", "match_total",
           "normalise_header", "role_of", "total_kind"]
