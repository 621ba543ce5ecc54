"""E-mail archetypes: inline answer quoting the request, short note with a spreadsheet, 'not held'."""
from __future__ import annotations

import datetime as dt

from foi.synth.content import Composer, Scenario, safe_name
from foi.synth.layouts import items, plan_listing
from foi.synth.model import Email, Letter, Para, Reply
from foi.synth.replies_sheets import spreadsheet_listing
from foi.synth.reply_parts import (file_name, letter, listing_answer, opening, reply_from_letter,
                                   reply_period_words, request_items, status_of)


def quoted_request(c: Composer, sc: Scenario) -> list[str]:
    lines = [f"Dear {sc.shown_name},", "",
             f"Under the {sc.act} I would like to request the following information:", ""]
    for i, item in enumerate(request_items(c, sc), 1):
        lines += [f"{i}. {item}", ""]
    lines += ["Yours faithfully,", "", "A Researcher"]
    return lines


def email_frame(c: Composer, sc: Scenario, body: Letter | None, body_lines: list[str] | None = None,
                subject: str | None = None) -> Email:
    hour, minute = c.rng.randint(8, 17), c.rng.randint(0, 59)
    sent = dt.datetime(sc.reply_date.year, sc.reply_date.month, sc.reply_date.day, hour, minute,
                       c.rng.randint(0, 59))
    request_subject = c.pick(c.l["subjects"])
    return Email(
        sender_name=c.pick(["Freedom of Information", "FOI Team", sc.team, f"{sc.shown_name} FOI"]),
        sender_addr=c.mailbox(), to_addr="foi.research@example.org",
        subject=subject or f"RE: {request_subject} [{sc.ref}]", date=sent, request_subject=request_subject,
        message_id=c.message_id(), body=body, body_lines=body_lines or [],
        quoted_request=quoted_request(c, sc), quote_style=c.pick(["outlook", "chevron"]),
        request_from="A Researcher <foi.research@example.org>",
        request_date_text=c.date_words(sc.received),
    )


def eml_inline(c: Composer) -> Reply:
    sc = c.scenario()
    plan = plan_listing(c, granularities={"fy": 35, "month": 35, "day": 20, "none": 10},
                        staff_modes={"describe": 60, "blanket": 30, "none": 10})
    shown = items(c, sc, plan, c.rng.randint(3, 9), numbered=False)
    ans = listing_answer(c, sc, shown, table=False)
    ref_line = Para(f"{sc.act} - Request Reference {sc.ref}")
    lt = letter(c, sc, [ref_line, opening(c, sc), *ans.blocks], letterhead=False)
    em = email_frame(c, sc, lt)
    em.html_alternative = c.chance(0.3)
    notes = ["answer inline; the original request is quoted below the reply and is not incidents"] + ans.notes
    ans.notes = notes
    r = reply_from_letter("eml_inline", "eml", sc, shown.incidents, ans, shown.exemptions, None,
                          file_name(c, sc, ["RE Freedom of Information Request {ref}", "{foiref} - Response",
                                            "RE FOI request {refslug}"], "eml"))
    r.email = em
    return r


def eml_attachment(c: Composer) -> Reply:
    from foi.synth.render_xlsx import render_xlsx

    sc = c.scenario()
    sheets, shown, _, notes = spreadsheet_listing(c, sc, notes_sheet=False, staff_modes={"column": 70, "describe": 30})
    n = len(shown.incidents)
    attach_name = f"FOI {safe_name(sc.ref)} {c.pick(['DP Breaches', 'data', 'response'])}.xlsx"
    sheets_bytes = render_xlsx(sheets, sc.reply_date)
    body = [c.pick(["Dear Sir/Madam,", "Dear Requester,"]), "",
            f"Re: {sc.act} request {sc.ref}", "",
            f"Please find attached our response to your request. The spreadsheet lists the {n} incidents "
            f"recorded {reply_period_words(c, sc)}.", ""]
    if c.chance(0.5):
        body += ["Where a member of staff was prosecuted this was for an offence under section 55 of the Data "
                 "Protection Act 1998.", ""]
        notes.append("'section 55 of the Data Protection Act' is not an FOI exemption")
    name, title = c.signatory()
    body += [c.pick(c.l["sign_offs"]) + ",", "", name, title, sc.team, sc.shown_name]
    em = email_frame(c, sc, None, body)
    em.attachments.append((attach_name, sheets_bytes,
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    notes.insert(0, f"incidents are in the attachment '{attach_name}'; body states the total")
    r = Reply(archetype="eml_attachment", format="eml", authority=sc.authority, request_ref=sc.ref,
              foi_status=status_of(shown.exemptions), exemptions=shown.exemptions, period_start=sc.reply_start,
              period_end=sc.reply_end, reported_total=(n, n), incidents=shown.incidents,
              filename=file_name(c, sc, ["{foiref} Response", "RE {ref} your FOI request"], "eml"),
              notes="; ".join(notes), reply_date=sc.reply_date, email=em)
    return r


def eml_not_held(c: Composer) -> Reply:
    sc = c.scenario(own_period_chance=0.0)
    period = reply_period_words(c, sc)
    key = "not_held_scotland" if sc.authority.scottish and c.chance(0.6) else "not_held"
    name, title = c.signatory()
    body = [c.pick(["Dear Sir/Madam,", "Dear Requester,", "Dear A Researcher,"]), "",
            f"Your request for information, reference {sc.ref}", "",
            c.line("openings", received=c.date_words(sc.received), authority=sc.shown_name, act=sc.act), "",
            c.line(key, authority=sc.shown_name, period=period, act=sc.act), "",
            c.pick(c.l["complaint_rights_scotland" if sc.authority.scottish else "complaint_rights"]).format(
                team=sc.team), "",
            c.pick(c.l["sign_offs"]) + ",", "", name, title, sc.shown_name]
    em = email_frame(c, sc, None, body)
    return Reply(archetype="eml_not_held", format="eml", authority=sc.authority, request_ref=sc.ref,
                 foi_status="not_held", exemptions=[], period_start=sc.reply_start, period_end=sc.reply_end,
                 reported_total=None, incidents=[],
                 filename=file_name(c, sc, ["FOI response - data protection breaches", "RE {ref}"], "eml"),
                 notes="information not held: no incidents, no exemption (s17 FOISA / s1 notices are not "
                       "exemptions); period = the request's, quoted below",
                 reply_date=sc.reply_date, email=em)
