"""Who caused the breach, from role words in a staff cell or a description.

Roles live in `staff_rules.yaml`. A role word counts only when it names the
person responsible: at the start ("Social worker lost ..."), after "by"
("left on a bus by a social worker"), or owning what was lost or stolen
("stolen from an officer's car"). A role after "to", "of", "about" ... is the
victim or the recipient ("payslip sent to the wrong employee") and never sets
the staff type. "Officer" depends on who replied: a police officer in a
force's reply, one of the council's own staff in a council's.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from classifier.phrases import Match, build_matcher, find, longest_first, make_doc
from classifier.vocab import STAFF_TYPES

RULES_PATH = Path(__file__).with_name("staff_rules.yaml")
_MIXED = "__mixed__"
_DEPENDS = "__by_authority__:"
# abbreviations that only mean a police role in a police force's reply ("a PC" is a computer elsewhere)
_POLICE_ONLY = {"police_officer", "special_constable", "pcso"}


@dataclass(frozen=True)
class StaffRules:
    roles: PhraseMatcher  # lower-case phrases, roles + authority-dependent words + mixed phrases
    abbreviations: PhraseMatcher  # exact spelling
    by_authority: dict[str, dict[str, str]]
    employer_modifiers: dict[str, str]
    victim_before: frozenset[str]
    actor_before: frozenset[str]
    bystander_verbs: frozenset[str]
    look_back: int
    belongings: frozenset[str]
    police_employee_is: str


@lru_cache(maxsize=None)
def load_staff_rules(path: Path = RULES_PATH) -> StaffRules:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = (set(raw["roles"]) | set(raw["abbreviations"]) | set(raw["employer_modifiers"].values())) - set(STAFF_TYPES)
    if unknown:
        raise ValueError(f"{path.name}: unknown staff_type label(s): {', '.join(sorted(unknown))}")
    phrases = {label: list(values) for label, values in raw["roles"].items()}
    phrases[_MIXED] = list(raw["mixed_roles"])
    for word in raw["by_authority_type"]:
        phrases[_DEPENDS + word] = [word]
    return StaffRules(
        roles=build_matcher(phrases),
        abbreviations=build_matcher(raw["abbreviations"], attr="ORTH"),
        by_authority={make_doc(k).text.lower(): v for k, v in raw["by_authority_type"].items()},
        employer_modifiers=dict(raw["employer_modifiers"]),
        victim_before=frozenset(raw["victim_before"]),
        actor_before=frozenset(raw["actor_before"]),
        bystander_verbs=frozenset(raw["bystander_verbs_before_by"]),
        look_back=int(raw["look_back_tokens"]),
        belongings=frozenset(raw["belongings"]),
        police_employee_is=raw["police_employee_is"],
    )


def _names_actor(doc: Doc, match: Match, rules: StaffRules) -> bool:
    """Is the role at this match the person who caused the breach?"""
    following = [t.lower_ for t in doc[match.end:match.end + 5]]
    # "an officer's car" (the owner lost it) vs "an officer's payslip" (the victim);
    # also through one more word: "a volunteer driver's car"
    for owner_end in (0, 1):
        if following[owner_end:owner_end + 1] == ["'s"] and (owner_end == 0 or following[0].isalpha()):
            return any(word in rules.belongings for word in following[owner_end + 1:])
    for token in reversed(doc[max(0, match.start - rules.look_back):match.start]):
        if token.is_punct:
            break
        if token.lower_ in rules.actor_before:
            return token.i == 0 or doc[token.i - 1].lower_ not in rules.bystander_verbs
        if token.lower_ in rules.victim_before:
            return False
    return True


def _label(match: Match, doc: Doc, rules: StaffRules, authority_type: str | None) -> str | None:
    label = match.label
    if label.startswith(_DEPENDS):
        label = rules.by_authority.get(label[len(_DEPENDS):], {}).get(authority_type or "")
        if label is None:
            return None
    if match.start > 0:
        modifier = rules.employer_modifiers.get(doc[match.start - 1].lower_)
        if modifier and label != "councillor":
            return modifier
    if label == "employee" and authority_type == "police":
        return rules.police_employee_is
    return label


def staff_from_text(text: str | None, authority_type: str | None) -> str | None:
    """The staff type of the person the text says caused the breach.

    "not_stated" when the text lumps officers and staff together; None when it
    names nobody responsible (the caller then falls back to the reply's
    blanket statement, if any).
    """
    if not text or not text.strip():
        return None
    rules = load_staff_rules()
    doc = make_doc(text)
    worded = find(rules.roles, doc)
    abbreviated = [Match("abbr:" + m.label, m.start, m.end) for m in find(rules.abbreviations, doc)]
    for match in longest_first(worded + abbreviated):
        if match.label == _MIXED:
            return "not_stated"
        if not _names_actor(doc, match, rules):
            continue
        if match.label.startswith("abbr:"):
            label: str | None = match.label[len("abbr:"):]
            if label in _POLICE_ONLY and authority_type != "police":
                continue
        else:
            label = _label(match, doc, rules, authority_type)
        if label is not None:
            return label
    return None
