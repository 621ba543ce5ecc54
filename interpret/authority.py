"""Who sent a reply, read from its content, never from its file name.

Evidence, weighted by where it is found (`authority.yaml`): the e-mail sender's
domain and display name, names in the letterhead and the signature, "on behalf
of ...", e-mail and web addresses, and mentions in the running text (weak, and
weaker still in "referred to X"). Names and aliases come from the register
`data/authorities.csv`: matched case-insensitively on token boundaries,
longest match first; short aliases and initialisms ("KCC", "MPS", "Bury
Council") only in their own case or in capitals. A domain matches itself and
its subdomains; a domain several bodies share is settled by the reply's date
and by the names in the text.
"""
from __future__ import annotations

import csv
import datetime as dt
import email.utils
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from extractors.document import Document
from interpret.language import PACKAGE_DIR, load_yaml, nlp, normalise_quotes, normalise_space
from interpret.reply_text import LETTERHEAD_UNITS, TextUnit, reply_date_from_units, text_units

REGISTER_PATH = PACKAGE_DIR / "data" / "authorities.csv"


@dataclass(frozen=True)
class Body:
    name: str
    type: str  # "council" or "police"
    status: str  # "current" or "abolished YYYY"
    successors: tuple[str, ...]
    aliases: tuple[str, ...]
    domains: tuple[str, ...]

    @property
    def abolished(self) -> dt.date | None:
        """The day the body ceased (reorganisations take effect on 1 April)."""
        match = re.fullmatch(r"abolished (\d{4})", self.status)
        return dt.date(int(match.group(1)), 4, 1) if match else None


class Register:
    """The authority register with a name matcher and a domain index, built once."""

    def __init__(self, bodies: list[Body]):
        self.bodies = {b.name: b for b in bodies}
        # letterheads, signatures and boilerplate lines recur from reply to reply: each distinct
        # line is tokenised and matched once (the register is built once per process)
        self._names_in = functools.lru_cache(maxsize=1 << 14)(self._scan_names)
        self._domains: dict[str, list[str]] = defaultdict(list)
        for body in bodies:
            for domain in body.domains:
                self._domains[domain].append(body.name)
        pipeline = nlp()
        self._any_case = PhraseMatcher(pipeline.vocab, attr="LOWER")
        self._own_case = PhraseMatcher(pipeline.vocab, attr="ORTH")
        variants = {body.name: _variants(body) for body in bodies}
        _add_generated(bodies, variants)
        for body in bodies:
            long_forms, short_forms = [], []
            for variant in variants[body.name]:
                if len(variant.split()) <= 2:
                    short_forms.extend(_case_forms(variant))
                else:
                    long_forms.append(variant)
            if long_forms:
                self._any_case.add(body.name, [pipeline.make_doc(v) for v in sorted(set(long_forms))])
            if short_forms:
                self._own_case.add(body.name, [pipeline.make_doc(v) for v in sorted(set(short_forms))])

    def find_names(self, text: str) -> list[tuple[str, int, int]]:
        """Register bodies named in `text`: (canonical name, start char, end char), longest first."""
        return list(self._names_in(text))

    def _scan_names(self, text: str) -> tuple[tuple[str, int, int], ...]:
        doc = nlp().make_doc(normalise_quotes(text))
        spans = [*self._any_case(doc, as_spans=True), *self._own_case(doc, as_spans=True)]
        return tuple((s.label_, s.start_char, s.end_char) for s in sorted(filter_spans(spans), key=lambda s: s.start))

    def bodies_for_domain(self, domain: str) -> list[str]:
        """Bodies whose listed domain is `domain` or a parent of it (the longest listed suffix)."""
        labels = domain.lower().strip(".").split(".")
        for start in range(0, len(labels) - 1):
            names = self._domains.get(".".join(labels[start:]))
            if names:
                return list(names)
        return []


def _variants(body: Body) -> list[str]:
    """The body's name and aliases with their &/and, dash and leading-"The" variants."""
    forms = set()
    for written in (body.name, *body.aliases):
        base = normalise_space(normalise_quotes(written))
        candidates = {base}
        if " & " in base:
            candidates.add(base.replace(" & ", " and "))
        if " and " in base:
            candidates.add(base.replace(" and ", " & "))
        for form in list(candidates):
            if form.lower().startswith("the ") and len(form.split()) > 3:
                candidates.add(form[4:])
        forms |= candidates
    return sorted(forms)


# other styles of the same name, as (pattern on a name or alias, replacement); kept only where
# no other body answers to the result
_STYLES = [
    (re.compile(r"^(?P<x>.+) Constabulary$"), r"\g<x> Police"),            # "Cumbria Police"
    (re.compile(r"^(?P<x>.+) Police$"), r"\g<x> Constabulary"),
    (re.compile(r"^(?P<x>.+) Metropolitan Borough Council$"), r"Metropolitan Borough of \g<x>"),
    (re.compile(r"^(?P<x>.+) Borough Council$"), r"Borough of \g<x>"),
    (re.compile(r"^(?P<x>.+) City Council$"), r"City of \g<x> Council"),
    (re.compile(r"^City of (?P<x>.+) Council$"), r"\g<x> City Council"),
    (re.compile(r"^(?P<x>.+) County Council$"), r"County of \g<x> Council"),
]


def _add_generated(bodies: list[Body], variants: dict[str, list[str]]) -> None:
    """Forces are called "X Police" and "X Constabulary" alike; councils "X Borough Council" and
    "Borough of X": add the other style where no other body already answers to it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name, forms in variants.items():
        for form in forms:
            owners[form.lower()].add(name)
    generated: dict[str, set[str]] = defaultdict(set)
    for body in bodies:
        for form in variants[body.name]:
            for pattern, replacement in _STYLES:
                if (body.type == "police") != ("Police" in pattern.pattern or "Constabulary" in pattern.pattern):
                    continue
                if pattern.match(form) and len(form.split()) >= 2:
                    generated[pattern.sub(replacement, form).lower()].add(body.name)
    for form, names in generated.items():
        if len(names) == 1 and form not in owners:
            name = next(iter(names))
            original = next(f for f in _styled(variants[name]) if f.lower() == form)
            variants[name].append(original)


def _styled(forms: list[str]) -> list[str]:
    return [pattern.sub(replacement, form) for form in forms for pattern, replacement in _STYLES
            if pattern.match(form)]


def _case_forms(variant: str) -> list[str]:
    """A short alias in its own case, and in capitals unless it is a mixed-case initialism."""
    if " " not in variant and any(c.islower() for c in variant[1:]) and any(c.isupper() for c in variant[1:]):
        return [variant]  # "CWaC", "LBRuT": only as written
    return [variant, variant.upper()]


@functools.lru_cache(maxsize=1)
def load_register(path: Path = REGISTER_PATH) -> Register:
    """The register from `path`, parsed and indexed once per process."""
    bodies = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            split = lambda cell: tuple(p.strip() for p in (cell or "").split(";") if p.strip())  # noqa: E731
            bodies.append(Body(name=row["name"].strip(), type=row["type"].strip(), status=row["status"].strip(),
                               successors=split(row["successor"]), aliases=split(row["aliases"]),
                               domains=tuple(d.lower() for d in split(row["domains"]))))
    return Register(bodies)


@dataclass(frozen=True)
class _Config:
    weights: dict[str, float]
    other_context: list[re.Pattern[str]]
    other_weight: float
    on_behalf: re.Pattern[str]
    repeat_cap: int
    min_score: float
    secure_labels: frozenset[str]
    anonymous: tuple[str, ...]
    public_bodies: list[re.Pattern[str]]


@functools.lru_cache(maxsize=1)
def _config() -> _Config:
    data = load_yaml("authority.yaml")
    return _Config(
        weights={k: float(v) for k, v in data["zone_weights"].items()},
        other_context=[re.compile(p, re.I) for p in data["other_body_context"]],
        other_weight=float(data["other_body_weight"]),
        on_behalf=re.compile(data["on_behalf_context"], re.I),
        repeat_cap=int(data["repeat_cap"]),
        min_score=float(data["min_score"]),
        secure_labels=frozenset(data["secure_mail_labels"]),
        anonymous=tuple(data["anonymous_domains"]),
        public_bodies=[re.compile(p) for p in data["public_body_patterns"]],
    )


def clean_domain(domain: str) -> str | None:
    """A mail domain ready to match: lower case, secure-mail labels dropped; None if anonymous."""
    domain = domain.lower().strip().strip(".>")
    config = _config()
    if not domain or any(domain == a or domain.endswith("." + a) for a in config.anonymous):
        return None
    return ".".join(label for label in domain.split(".") if label not in config.secure_labels)


_ADDRESS = re.compile(r"[\w.+'-]+@(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)
_WEB = re.compile(r"\b(?:https?://)?www\.(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)


def identify_authority(doc: Document) -> tuple[str | None, str]:
    """(canonical name, authority_type) of the body that sent the reply.

    authority_type is "council" or "police" for a register body, "other" for a
    public body outside the register, "not_stated" when nobody is identified.
    """
    units = text_units(doc)
    return identify_from_units(doc, units, reply_date_from_units(doc, units))


def identify_from_units(doc: Document, units: list[TextUnit], day: dt.date | None) -> tuple[str | None, str]:
    """As identify_authority, over text units already read (facts reads them once)."""
    register = load_register()
    config = _config()
    scores: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    body_mentions: dict[str, int] = defaultdict(int)

    def add(names: list[str], weight: float, order: int) -> None:
        names = _plausible_at(register, names, day)
        for name in names:
            scores[name] += weight / len(names)
            first_seen.setdefault(name, order)

    # the e-mail's own sender (an attached message's headers are the earlier correspondence)
    display, address = email.utils.parseaddr(doc.meta.get("from", ""))
    domain = doc.meta.get("sender_domain") or (address.rsplit("@", 1)[1] if "@" in address else None)
    cleaned = clean_domain(domain) if domain else None
    if cleaned:
        add(register.bodies_for_domain(cleaned), config.weights["sender_domain"], -2)
    for name, _, _ in register.find_names(display or ""):
        add([name], config.weights["sender_name"], -1)

    for order, unit in enumerate(units):
        weight = config.weights.get(unit.zone, config.weights["body"])
        if unit.zone == "table" and unit.position < LETTERHEAD_UNITS and unit.text.count(" | ") <= 1:
            weight = config.weights["letterhead"]  # a letterhead laid out as a two-column table
        for name, start, _ in register.find_names(unit.text):
            before = unit.text[max(0, start - 60):start]
            mention_weight = weight
            if config.on_behalf.search(before):
                mention_weight = max(weight, config.weights["on_behalf"])
            elif unit.zone in ("body", "table", "signature") and any(p.search(before) for p in config.other_context):
                mention_weight = config.other_weight
            elif unit.zone == "body":
                body_mentions[name] += 1
                if body_mentions[name] > config.repeat_cap:
                    continue
            add([name], mention_weight, order)
        domain_weight = config.weights["text_domain" if unit.zone in ("letterhead", "signature", "caption")
                                       else "text_domain_body"]
        if unit.zone in ("quoted", "request"):
            continue
        for pattern in (_ADDRESS, _WEB):
            for match in pattern.finditer(unit.text):
                cleaned = clean_domain(match.group("domain"))
                if cleaned:
                    add(register.bodies_for_domain(cleaned), domain_weight, order)

    if scores:
        best = max(scores, key=lambda n: (scores[n], -first_seen.get(n, 0), n))
        if scores[best] >= config.min_score:
            return best, register.bodies[best].type
    other = _public_body_outside_register(doc, units)
    if other:
        return other, "other"
    return None, "not_stated"


def _plausible_at(register: Register, names: list[str], day: dt.date | None) -> list[str]:
    """Of several bodies sharing a domain, those that existed on the reply's date."""
    if len(names) < 2 or day is None:
        return names
    kept = [n for n in names if (register.bodies[n].abolished is None or day < register.bodies[n].abolished)]
    # a successor did not exist before its predecessor was abolished
    kept = [n for n in kept if not any(
        n in register.bodies[o].successors and register.bodies[o].abolished and day < register.bodies[o].abolished
        for o in names)]
    return kept or names


def _public_body_outside_register(doc: Document, units: list[TextUnit]) -> str | None:
    candidates = [u.text for u in units if u.zone in ("letterhead", "signature", "caption")]
    display, _ = email.utils.parseaddr(doc.meta.get("from", ""))
    if display:
        candidates.insert(0, display)
    for text in candidates:
        for pattern in _config().public_bodies:
            match = pattern.search(text)
            if match:
                return normalise_space(match.group("name")).strip(" ,;:-")
    return None


__all__ = ["identify_authority", "identify_from_units", "load_register", "Register", "Body", "clean_domain"]
