"""Parts every reply archetype shares: letter frame, restated request, answer wording, file names."""
from __future__ import annotations

from dataclasses import dataclass

from foi.synth.content import Composer, Scenario, capitalise, safe_name
from foi.synth.layouts import Shown
from foi.synth.model import Block, Items, Letter, Para, Reply, TableBlock


def reply_period_words(c: Composer, sc: Scenario) -> str:
    if sc.own_period_note is None and sc.request_kind == "to_date":
        return sc.request_period_words  # "since 1 April 2011": ends on the date of the reply
    return f"between {c.date_words(sc.reply_start)} and {c.date_words(sc.reply_end)}"


def request_items(c: Composer, sc: Scenario) -> list[str]:
    workers = c.pick(c.l["request_workers"][c.kind])
    return [t.format(workers=workers, period=sc.request_period_words) for t in c.pick(c.l["request_items"])]


def request_block(c: Composer, sc: Scenario) -> list[Block]:
    return [Para(c.pick(c.l["request_lead"])), Items(request_items(c, sc), numbered=True)]


def letter(c: Composer, sc: Scenario, body: list[Block], *, letterhead: bool = True) -> Letter:
    building = c.pick(["County Hall", "Civic Centre", "Town Hall", "Council Offices"] if c.kind == "council"
                      else ["Police Headquarters", "Force Headquarters"])
    name, title = c.signatory()
    act_title = c.pick([f"{sc.act} - request for information", f"Request for information - {sc.ref}",
                        "Your request for information: data protection breaches",
                        "FREEDOM OF INFORMATION REQUEST"])
    if sc.authority.nation == "Wales" and c.chance(0.6):
        act_title = "Cais am Wybodaeth / Request for Information"
    complaint = c.pick(c.l["complaint_rights_scotland" if sc.authority.scottish else "complaint_rights"])
    return Letter(
        letterhead=[sc.shown_name, sc.team, building, f"Email: {c.mailbox()}"] if letterhead else [],
        date_text=c.date_words(sc.reply_date),
        refs=[c.pick(["Our ref: {}", "Our reference: {}", "Reference: {}", "FOI reference: {}",
                      "Request number: {}"]).format(sc.ref)],
        salutation=c.pick(["Dear Sir/Madam", "Dear Sir or Madam", "Dear Requester", "Dear Ms Taylor",
                           "Dear Mr Ahmed"]),
        title=act_title,
        body=body + [Para(complaint.format(team=sc.team))],
        sign_off=c.pick(c.l["sign_offs"]),
        signature=[name, title, sc.team, sc.shown_name],
    )


def opening(c: Composer, sc: Scenario) -> Para:
    return Para(c.line("openings", received=c.date_words(sc.received), authority=sc.shown_name, act=sc.act))


@dataclass
class Answer:
    """The answer part of a letter and the totals it states."""

    blocks: list[Block]
    total: int | None
    notes: list[str]


def listing_answer(c: Composer, sc: Scenario, shown: Shown, *, table: bool, ruled: bool = True,
                   numbered: bool = False, total_chance: float = 0.65) -> Answer:
    n = len(shown.incidents)
    period = reply_period_words(c, sc)
    blocks: list[Block] = [Para(c.line("answer_lead", authority=sc.shown_name))]
    notes = list(shown.notes)
    if sc.own_period_note:
        blocks.append(Para(sc.own_period_note))
        notes.append("the reply's own period differs from the request's")
    total = None
    states_total = c.chance(total_chance)
    intro_pool = c.l["listing_intro"] if states_total else c.l["listing_intro_no_total"]
    intro = c.pick(intro_pool)
    blocks.append(Para(intro.format(n=n, period=period, period_cap=capitalise(period))))
    if "{n}" in intro:
        total = n
    if shown.staff_statement:
        blocks.append(Para(shown.staff_statement))
    if table:
        blocks.append(TableBlock(shown.grid, ruled=ruled))
    else:
        blocks.append(Items(shown.items, numbered=numbered))
    if states_total and total is None:
        blocks.append(Para(c.line("totals_sentence", n=n)))
        total = n
    if c.chance(0.15):
        excluded = c.rng.randint(2, 6)
        blocks.append(Para(c.line("excluded_note", excluded=excluded)))
        notes.append(f"'{excluded}' reports found not to be breaches are not incidents and not in the total")
    return Answer(blocks, total, notes)


def ref_label(ref: str) -> str:
    return ref if ref.upper().startswith("FOI") else f"FOI {ref}"


def status_of(exemptions: list[str]) -> str:
    return "partially_disclosed" if exemptions else "disclosed"


def file_name(c: Composer, sc: Scenario, patterns: list[str], ext: str) -> str:
    ref = safe_name(sc.ref)
    stem = c.pick(patterns).format(ref=ref, foiref=ref_label(ref), refslug=ref.replace(" ", "_"),
                                   year=sc.reply_date.year)
    return f"{stem}.{ext}"


LETTER_NAMES = ["{foiref} Response", "{ref} response letter", "Response_{refslug}", "Final response {ref}",
                "{foiref} - data protection breaches", "{refslug}_reply", "Response to FOI request {ref}"]


def reply_from_letter(archetype: str, fmt: str, sc: Scenario, shown_incidents, ans: Answer,
                      exemptions: list[str], lt: Letter, filename: str) -> Reply:
    total = (ans.total, ans.total) if ans.total is not None else None
    return Reply(
        archetype=archetype, format=fmt, authority=sc.authority, request_ref=sc.ref,
        foi_status=status_of(exemptions), exemptions=exemptions,
        period_start=sc.reply_start, period_end=sc.reply_end, reported_total=total,
        incidents=shown_incidents, filename=filename, notes="; ".join(ans.notes),
        reply_date=sc.reply_date, letter=lt,
    )
