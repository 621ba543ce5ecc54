"""Outcome words in an outcome cell or a description -> outcome label.

Phrases live in `outcome_rules.yaml`. An outcome cell ("Advice given",
"Dismissed for gross misconduct") is read with every phrase; a description is
read only with the phrases that are about the action taken wherever they
appear, so "disclosed details of an ongoing investigation" is not `ongoing`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from classifier.phrases import Match, build_matcher, find, longest_first, make_doc
from classifier.vocab import OUTCOMES

RULES_PATH = Path(__file__).with_name("outcome_rules.yaml")
# a match right after one of these is denied or hypothetical ("not dismissed",
# "would otherwise have been dismissed") and says nothing about what happened
_NEGATORS = {"not", "no", "never", "without", "nor"}
_HYPOTHETICAL = {"would", "could", "might", "may", "if"}


@dataclass(frozen=True)
class OutcomeRules:
    anywhere: PhraseMatcher
    cell_only: PhraseMatcher
    rank: dict[str, int]  # lower = wins
    description_model_min_score: float


@lru_cache(maxsize=None)
def load_outcome_rules(path: Path = RULES_PATH) -> OutcomeRules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("anywhere", "cell_only"):
        unknown = set(raw[section]) - set(OUTCOMES)
        if unknown:
            raise ValueError(f"{path.name}: unknown outcome label(s) in {section}: {', '.join(sorted(unknown))}")
    priority = raw["priority"]
    if sorted(priority) != sorted(OUTCOMES):
        raise ValueError(f"{path.name}: priority must list every outcome label once")
    return OutcomeRules(build_matcher(raw["anywhere"]), build_matcher(raw["cell_only"]),
                        {label: i for i, label in enumerate(priority)},
                        float(raw["description_model_min_score"]))


def _is_asserted(match: Match, lowered: list[str]) -> bool:
    before = lowered[max(0, match.start - 4):match.start]
    if before and before[-1] in _NEGATORS and lowered[match.start] not in _NEGATORS:
        return False
    return not any(word in _HYPOTHETICAL for word in before)


def outcome_from_text(text: str | None, *, is_outcome_cell: bool) -> str | None:
    """The outcome the text states, or None when it states none the rules know."""
    if not text or not text.strip():
        return None
    return outcome_from_doc(make_doc(text), is_outcome_cell=is_outcome_cell)


def outcome_from_doc(doc: Doc, *, is_outcome_cell: bool) -> str | None:
    """As outcome_from_text, for text already tokenised (matching ignores case)."""
    rules = load_outcome_rules()
    matches = find(rules.anywhere, doc)
    if is_outcome_cell:
        matches += find(rules.cell_only, doc)
    lowered = [t.lower_ for t in doc]
    kept = [m for m in longest_first(matches) if _is_asserted(m, lowered)]
    if not kept:
        return None
    return min(kept, key=lambda m: rules.rank[m.label]).label
