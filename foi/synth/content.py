"""Composing the facts and wording of one synthetic reply from the phrase lists.

A `Composer` wraps one file's seeded random generator, its authority and the
phrase books. It draws the scenario (dates, reference, periods) and incident
drafts; `archetypes.py` then decides how a reply shows them.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import random
import re
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from foi.synth import dates
from foi.synth.model import Authority

HERE = Path(__file__).parent

# Requests in the synthetic campaign are made between these dates; the
# authority pool holds bodies that existed throughout (no body abolished or
# created in the window replies).
CAMPAIGN_FIRST = dt.date(2014, 2, 3)
CAMPAIGN_LAST = dt.date(2016, 2, 26)
CAMPAIGN_START = dt.date(2011, 4, 1)  # "since April 2011"


@functools.lru_cache(maxsize=None)
def phrases() -> dict:
    return yaml.safe_load((HERE / "phrases.yaml").read_text(encoding="utf-8"))


REGISTER = HERE.parent.parent / "interpret" / "data" / "authorities.csv"


@functools.lru_cache(maxsize=None)
def letters() -> dict:
    return yaml.safe_load((HERE / "letters.yaml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def authority_pool() -> tuple[Authority, ...]:
    """Bodies from the bundled excerpt of the register that existed throughout the campaign.

    The register is the project's own (interpret/data/authorities.csv), less
    the authorities of the shared sample corpus (`excluded_authorities` in
    phrases.yaml), so synthetic corpora never reuse them. A successor body came
    into being when its predecessors were abolished.
    """
    excluded = set(phrases()["excluded_authorities"])
    with open(REGISTER, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["name"] not in excluded]
    created: dict[str, int] = {}
    for r in rows:
        if r["status"].startswith("abolished") and r["successor"]:
            year = int(r["status"].split()[1])
            for succ in r["successor"].split(";"):
                created[succ] = min(created.get(succ, year), year)
    pool = []
    for r in rows:
        abolished = int(r["status"].split()[1]) if r["status"].startswith("abolished") else None
        if abolished is not None and dt.date(abolished, 4, 1) <= CAMPAIGN_LAST:
            continue
        if r["name"] in created and dt.date(created[r["name"]], 4, 1) > CAMPAIGN_FIRST:
            continue
        pool.append(Authority(
            name=r["name"], type=r["type"], nation=r["nation"],
            aliases=tuple(a for a in r["aliases"].split(";") if a),
            domains=tuple(d for d in r["domains"].split(";") if d),
        ))
    return tuple(pool)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def with_article(noun: str) -> str:
    vowel = noun[:1].lower() in "aeiou" or noun.startswith(("HR ", "IT "))
    return ("an " if vowel else "a ") + noun


def slug(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "reply"


def safe_name(text: str) -> str:
    """A reference made safe for a file name, as office staff do it."""
    return re.sub(r"[\\/:*?\"<>|]+", "-", text).strip()


@dataclass
class Draft:
    """One incident before a layout decides how it is shown."""

    cause: str
    staff_type: str
    role: str | None  # the role as a description names it ("housing officer")
    role_column: str  # the role as a staff column shows it
    outcome: str
    outcome_text: str
    day: dt.date
    active: str | None  # description naming the role, when the cause has such wording
    passive: str  # description naming nobody
    category: str  # an explicit category cell that maps exactly to the cause


@dataclass
class Scenario:
    """The facts every archetype shares: who, which request, which period."""

    authority: Authority
    shown_name: str  # letterhead name: canonical or a brand-form alias
    ref: str
    received: dt.date
    reply_date: dt.date
    request_start: dt.date
    request_end: dt.date
    request_kind: str  # fixed | to_date | financial_years
    request_period_words: str
    reply_start: dt.date
    reply_end: dt.date
    own_period_note: str | None  # the reply's statement of its own, different, period
    act: str
    s40: str  # "40(2)" or, under FOISA, "38(1)(b)"
    team: str

    @property
    def personal_data_exemption(self) -> str:
        return "s" + self.s40


class Composer:
    """Draws everything random about one reply from one seeded generator."""

    def __init__(self, rng: random.Random, authority: Authority):
        self.rng = rng
        self.authority = authority
        self.kind = authority.type
        self.p = phrases()
        self.l = letters()
        # one letter writes its dates one way
        self.letter_date_style = self.pick(["d Month yyyy", "d Month yyyy", "dth Month yyyy", "dd/mm/yyyy"])

    # -- generic draws -------------------------------------------------------------
    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def weighted(self, weights: dict):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]

    def line(self, key: str, **slots) -> str:
        """A random wording from letters.yaml, with slots filled."""
        return self.pick(self.l[key]).format(**slots)

    # -- the scenario --------------------------------------------------------------
    def scenario(self, *, request_kinds=("fixed", "to_date", "financial_years"),
                 own_period_chance: float = 0.1, fy_aligned: bool = False) -> Scenario:
        """Who replies to which request, when, and for which period.

        fy_aligned: the period ends on 31 March (answers given by financial year).
        """
        a = self.authority
        span = (CAMPAIGN_LAST - CAMPAIGN_FIRST).days
        received = CAMPAIGN_FIRST + dt.timedelta(days=self.rng.randrange(span))
        while received.weekday() >= 5:
            received += dt.timedelta(days=1)
        reply_date = dates.add_working_days(received, self.rng.randint(8, 24))
        last_fy_end = dt.date(dates.financial_year_start(received), 3, 31)  # the last complete financial year
        kind = self.pick(list(request_kinds))
        start = CAMPAIGN_START
        if kind == "to_date":
            end = reply_date  # "from ... to date" ends on the date of the reply
            words = self.pick(self.l["period_words"]["to_date"]).format(start=self.date_words(start))
        elif kind == "fixed":
            end = last_fy_end if fy_aligned or self.chance(0.6) else \
                dates.month_bounds(received.replace(day=1) - dt.timedelta(days=1))[1]
            words = self.pick(self.l["period_words"]["fixed"]).format(
                start=self.date_words(start), end=self.date_words(end))
        else:
            end = last_fy_end
            years = [dates.format_fy(y, "yyyy/yy") for y in range(start.year, end.year)]
            words = self.pick(self.l["period_words"]["financial_years"]).format(
                fy_list=", ".join(years[:-1]) + " and " + years[-1])
        reply_start, reply_end, note = start, end, None
        if self.chance(own_period_chance):
            reply_start = dt.date(2012, 4, 1) if fy_aligned else \
                self.pick([dt.date(2011, 7, 1), dt.date(2012, 1, 1), dt.date(2012, 4, 1)])
            note = self.line("own_period_note", start=dates.long_date(reply_start), end=dates.long_date(reply_end))
        shown = a.name
        brand = [al for al in a.aliases if not re.search(r"\b[A-Z]{2,}\b", al) or al.endswith((" Council", " Police"))]
        if brand and self.chance(0.3):
            shown = self.pick(brand)
        return Scenario(
            authority=a, shown_name=shown, ref=self.request_ref(received), received=received,
            reply_date=reply_date, request_start=start, request_end=end, request_kind=kind,
            request_period_words=words, reply_start=reply_start, reply_end=reply_end,
            own_period_note=note,
            act="Freedom of Information (Scotland) Act 2002" if a.scottish else "Freedom of Information Act 2000",
            s40="38(1)(b)" if a.scottish else "40(2)",
            team=self.pick(self.p["team_names"][self.kind]),
        )

    def date_words(self, d: dt.date) -> str:
        return dates.format_day(d, self.letter_date_style)

    def request_ref(self, received: dt.date) -> str:
        yy, yyyy = f"{received.year % 100:02d}", str(received.year)
        n = self.rng.randint
        styles = [
            lambda: f"FOI {n(1000, 9999)}",
            lambda: f"FOI/{yy}/{n(100, 9999):04d}",
            lambda: f"FOI-{yyyy}-{n(1, 99999):05d}",
            lambda: f"{n(100, 2999)}/{yy}",
            lambda: f"{yyyy}/{n(1, 9999):04d}",
            lambda: f"RFI{n(100000, 999999)}",
            lambda: f"IR{n(10000, 99999)}",
            lambda: f"FOI {n(100, 999)}-{yy}",
            lambda: f"FOI{n(10000, 99999)}",
            lambda: f"FOIA/{yyyy}/{n(1, 2999):04d}",
            lambda: f"{yy}-{n(1000, 9999)}",
            lambda: f"F{yyyy}{n(1, 999):03d}",
        ]
        return self.pick(styles)()

    # -- incidents -------------------------------------------------------------------
    def causes(self, exclude: tuple[str, ...] = ()) -> dict:
        return {k: v for k, v in self.p["cause_weights"][self.kind].items() if k not in exclude}

    def roles(self, *, allow_not_stated: bool) -> dict:
        return {k: v["weight"] for k, v in self.p["roles"][self.kind].items()
                if allow_not_stated or k != "not_stated"}

    def fill(self, template: str, actor: str | None = None) -> str:
        pools = {**self.p["slots"]["any"], **self.p["slots"][self.kind]}
        slots = {name: self.pick(values) for name, values in pools.items()}
        slots["n"] = str(self.rng.randint(12, 60))
        slots.update({k.capitalize(): capitalise(v) for k, v in list(slots.items())})
        if actor is not None:
            slots["actor"] = actor
        return capitalise(template.format(**slots))

    def actor_words(self, role: str, article_style: str) -> str:
        if article_style == "a":
            return capitalise(with_article(role))
        if article_style == "the":
            return "The " + role
        return capitalise(role)

    def pick_outcome(self, cause: str, staff_type: str) -> str:
        table = "serious" if cause in self.p["serious_causes"] else "careless"
        weights = dict(self.p["outcome_weights"][table])
        allowed = {
            "councillor": {"no_action", "not_upheld", "management_action"},
            "volunteer": {"no_action", "management_action", "not_upheld"},
            "contractor": {"no_action", "management_action", "dismissed", "not_upheld", "prosecuted", "convicted"},
            "agency": {"no_action", "management_action", "dismissed", "not_upheld", "ongoing"},
        }.get(staff_type)
        if staff_type in ("not_stated",):
            allowed = {"no_action", "management_action", "not_upheld", "ongoing"}
        if allowed:
            weights = {k: v for k, v in weights.items() if k in allowed} or {"no_action": 1}
        return self.weighted(weights)

    def outcome_words(self, outcome: str, staff_type: str) -> str:
        special = self.p["outcomes_by_staff"].get(staff_type, {}).get(outcome)
        pool = special if special and self.chance(0.7) else self.p["outcomes"][outcome]
        return self.pick(pool).format(fine=self.rng.randrange(150, 1550, 50))

    def draft(self, start: dt.date, end: dt.date, *, exclude_causes: tuple[str, ...] = (),
              allow_not_stated_role: bool = False, article_style: str = "a",
              outcome: str | None = None) -> Draft:
        cause = self.weighted(self.causes(exclude_causes))
        texts = self.p["causes"][cause]
        if cause == "cyber_or_technical":
            staff_type, role = "not_stated", None
        else:
            staff_type = self.weighted(self.roles(allow_not_stated=allow_not_stated_role))
            role_pool = self.p["roles"][self.kind][staff_type]["describe"]
            role = self.pick(role_pool) if role_pool else None
        column_pool = self.p["roles"][self.kind][staff_type]["column"]
        outcome = outcome or self.pick_outcome(cause, staff_type)
        active = None
        if role and texts["active"]:
            active = self.fill(self.pick(texts["active"]), self.actor_words(role, article_style))
        days = (end - start).days
        day = start + dt.timedelta(days=self.rng.randrange(max(days, 1)))
        return Draft(
            cause=cause, staff_type=staff_type, role=role, role_column=self.pick(column_pool),
            outcome=outcome, outcome_text=self.outcome_words(outcome, staff_type), day=day,
            active=active, passive=self.fill(self.pick(texts["passive"])),
            category=self.pick(texts["category"]),
        )

    def drafts(self, n: int, start: dt.date, end: dt.date, **kw) -> list[Draft]:
        out = [self.draft(start, end, **kw) for _ in range(n)]
        out.sort(key=lambda d: d.day)
        return out

    # -- people and addresses -----------------------------------------------------------
    def signatory(self) -> tuple[str, str]:
        return self.pick(self.l["signatories"]), self.pick(self.l["signatory_titles"])

    def mailbox(self) -> str:
        local = self.pick(["foi", "freedomofinformation", "information.governance", "foi.requests", "disclosure"])
        domain = self.authority.domain
        if self.kind == "police" and self.chance(0.5):
            pnn = [d for d in self.authority.domains if "pnn" in d]
            domain = pnn[0] if pnn else domain
        return f"{local}@{domain}"

    def message_id(self) -> str:
        token = "".join(self.pick(string.ascii_uppercase + string.digits) for _ in range(16))
        return f"<{token}@{self.authority.domain}>"
