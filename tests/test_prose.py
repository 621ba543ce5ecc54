"""Incidents read from running text: lists, record blocks, text tables, counts in sentences.

Each trap has its own fixture, written in other words than the samples; the
four prose samples (a PDF letter of counts, a Word list, a numbered plain-text
reply, an e-mail quoting the request) are checked against gold at the end.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from extractors.document import Document
from extractors.registry import Source, read_document
from extractors.txt import lines_from_text
from interpret import interpret_document
from interpret.facts import read_facts
from interpret.prose import read_prose, split_description_outcome
from interpret.records import IncidentRow
from tests.conftest import SAMPLES


def reply(text: str, meta: dict[str, str] | None = None) -> Document:
    return Document(source_file="reply.txt", kind="txt", elements=list(lines_from_text(text.strip("\n"))),
                    meta=meta or {})


def prose_rows(text: str, meta: dict[str, str] | None = None) -> list[IncidentRow]:
    doc = reply(text, meta)
    return read_prose(doc, read_facts(doc))


def summary(rows: list[IncidentRow]) -> list[tuple[int, int, str | None, str | None]]:
    return [(r.count_min, r.count_max, r.description, r.outcome_text) for r in rows]


# --- counts in sentences, split as finely as the reply goes -----------------------------------------

FINEST_SPLIT = """
Swindon Borough Council
Dear Sir,
The Council recorded 15 breaches between 1 April 2012 and 31 March 2014.
Of the 15 breaches, 8 involved letters sent to the wrong address, 4 involved files that were lost and
3 involved staff looking at records without a business reason.
In each of the 8 letter cases the officer was given management advice.
Of the 4 losses, three resulted in words of advice and one in a written warning.
Of the 3 members of staff who looked at records without a business reason, two were dismissed
and one resigned.
Yours faithfully,
Information Governance
"""


def test_finest_split_of_grouped_counts():
    rows = prose_rows(FINEST_SPLIT)
    assert sum(r.count_min for r in rows) == 15
    got = summary(rows)
    assert got[0] == (8, 8, "letters sent to the wrong address", "the officer was given management advice")
    assert got[1][:3] == (3, 3, "files that were lost") and "words of advice" in got[1][3]
    assert got[2][:3] == (1, 1, "files that were lost") and "written warning" in got[2][3]
    assert [r[0] for r in got[3:]] == [2, 1]
    assert all("looked at records" in r[2] for r in got[3:])
    assert "dismissed" in got[3][3] and "resigned" in got[4][3]


def test_one_of_the_group_and_the_remaining_one():
    rows = prose_rows("""
There were 5 incidents: 3 were thefts of equipment and 2 were letters misdirected to another address.
Both letter cases resulted in no further action.
One of the thefts involved a tablet taken from a locked car; the officer received a verbal warning.
The other two thefts were of mobile phones stolen from an office; no action was taken.
""")
    got = summary(rows)
    assert sum(r.count_min for r in rows) == 5
    assert (1, 1, "a tablet taken from a locked car", "the officer received a verbal warning") in got
    assert (2, 2, "mobile phones stolen from an office", "no action was taken") in got
    assert (2, 2, "letters misdirected to another address", "resulted in no further action") in got


def test_counts_in_words_and_coordinated_items():
    rows = prose_rows("""
Two laptops and a mobile phone were stolen from staff vehicles.
Eleven e-mails were sent to the wrong recipient.
""")
    assert summary(rows) == [(3, 3, "laptops and a mobile phone were stolen from staff vehicles", None),
                             (11, 11, "e-mails were sent to the wrong recipient", None)]


def test_range_of_outcomes_is_not_an_incident():
    rows = prose_rows("""
Details of the 2 cases are:
- March 2012: an officer looked at the custody record of a friend. Outcome: written warning.
- May 2013: a member of staff lost a bag of case papers. Outcome: management advice.
Sanctions under the conduct regulations can range from management advice to dismissal.
Outcomes ranged from words of advice to dismissal in 2 cases.
""")
    assert len(rows) == 2
    assert not any("range" in (r.description or "") for r in rows)


def test_costs_hours_and_case_files_are_never_incidents():
    rows = prose_rows("""
The cost of complying would exceed the appropriate limit of £450, which equates to 18 hours.
We hold approximately 1,400 case files and reading each would take 116 hours in total.
I am therefore refusing your request under section 12.
""")
    assert rows == []


def test_non_breaches_are_not_incidents():
    rows = prose_rows("""
In 2013/14 the Council recorded 4 breaches: 3 e-mails sent to the wrong recipient and 1 lost diary.
A further 6 reported incidents were found not to be breaches of the Act.
""")
    assert sum(r.count_min for r in rows) == 4
    assert all("found not" not in (r.description or "") for r in rows)


def test_total_only_gives_one_row():
    rows = prose_rows("Dear Sir,\nThe Council recorded 5 breaches in this period.\nYours faithfully,\n")
    assert summary(rows) == [(5, 5, None, None)]


# --- lists, period-led lines and the restated request ----------------------------------------------

def test_restated_numbered_request_is_never_incidents():
    rows = prose_rows("""
Reference: 2015/0042
Your request:
1. How many officers were dismissed for accessing the records of a family member?
2. How many were prosecuted?
3. What other action was taken?
Our response:
1. 14/07/2012 - Police constable disclosed the address of a witness to a relative. Dismissed.
2. 03/03/2013 - Police staff member e-mailed a custody record to the wrong solicitor. Words of advice.
""")
    assert len(rows) == 2
    assert rows[0].date == dt.date(2012, 7, 14) and rows[0].outcome_text == "Dismissed."
    assert rows[0].description == "Police constable disclosed the address of a witness to a relative."
    assert all("family member" not in (r.description or "") for r in rows)


def test_quoted_request_words_in_an_email_are_never_incidents():
    rows = prose_rows("""
Dear Mr Jones,
There were 2 recorded breaches:
2012/13 - An officer passed details of a crime report to a local journalist. Outcome: dismissed.
2013/14 - A laptop holding witness statements was stolen from a police vehicle. Outcome: no action.
Regards,
Disclosure Unit
-----Original Message-----
From: M Jones
Sent: 01 May 2014 11:00
To: FOI
Subject: request
1. Please list each breach, for example an officer accessing the records of a family member.
2. Was anyone dismissed or prosecuted?
""")
    assert len(rows) == 2
    assert (rows[0].period_start, rows[0].period_end) == (dt.date(2012, 4, 1), dt.date(2013, 3, 31))
    assert rows[1].outcome_text == "no action."
    assert not any("family" in (r.description or "") for r in rows)


def test_item_that_is_a_count():
    rows = prose_rows("""
The breaches were:
- 12 e-mails sent to the wrong recipient
- Lost or stolen laptops: 3
""")
    assert summary(rows) == [(12, 12, "e-mails sent to the wrong recipient", None),
                             (3, 3, "Lost or stolen laptops", None)]


def test_several_rows_from_one_line_get_parts():
    rows = prose_rows("Of the 6 breaches, 4 were e-mails to the wrong person and 2 were lost files.\n")
    assert [r.source_locator for r in rows] == ["line=1;part=1", "line=1;part=2"]


@pytest.mark.parametrize("text,description,outcome", [
    ("A PC checked the PNC for a friend. Outcome: final written warning.", "A PC checked the PNC for a friend.",
     "final written warning."),
    ("Files left on a train; not recovered. Verbal warning.", "Files left on a train; not recovered.",
     "Verbal warning."),
    ("Letter sent to the wrong address - words of advice", "Letter sent to the wrong address", "words of advice"),
    ("Officer looked at the records of a neighbour.", "Officer looked at the records of a neighbour.", None),
])
def test_description_and_outcome_of_an_item(text, description, outcome):
    assert split_description_outcome(text) == (description, outcome)


# --- record blocks and text tables -----------------------------------------------------------------

def test_record_per_block_layout():
    rows = prose_rows("""
Incident 1
Date: 12/05/2012
Breach: Social worker left case notes on a bus
Staff: Social worker
Outcome: Written warning

Incident 2
Date: June 2013
Breach: Payroll report e-mailed to the wrong manager
Outcome: Management advice
""")
    assert [(r.date, r.period_start, r.description, r.staff_text, r.outcome_text) for r in rows] == [
        (dt.date(2012, 5, 12), dt.date(2012, 5, 12), "Social worker left case notes on a bus", "Social worker",
         "Written warning"),
        (None, dt.date(2013, 6, 1), "Payroll report e-mailed to the wrong manager", None, "Management advice")]


def test_fixed_width_text_table():
    rows = prose_rows("""
Dear Sir,
The breaches recorded are listed below.

Date        Description of breach                      Outcome
12/05/2011  Letter sent to the wrong address           Words of advice
03/09/2012  Laptop stolen from an officer's car,       No action
            laptop was encrypted
17/01/2013  Officer viewed a neighbour's records       Final written warning
""")
    assert [r.description for r in rows] == ["Letter sent to the wrong address",
                                             "Laptop stolen from an officer's car, laptop was encrypted",
                                             "Officer viewed a neighbour's records"]
    assert rows[2].outcome_text == "Final written warning" and rows[0].date == dt.date(2011, 5, 12)


# --- the shared prose samples ----------------------------------------------------------------------

GOLD = json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))["files"]
PROSE_SAMPLES = ["oxfordshire-cc/FOI 6114 - response letter.pdf", "dyfed-powys-police/FOI 482-14 reply.docx",
                 "thames-valley-police/0912-2014 response.txt",
                 "cleveland-police/RE Freedom of Information Request 2014-0633.eml"]


def _tokens(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _similar(a: str | None, b: str | None) -> bool:
    x, y = _tokens(a), _tokens(b)
    return bool(x | y) and len(x & y) / len(x | y) >= 0.5


@pytest.mark.parametrize("path", PROSE_SAMPLES)
def test_prose_samples_give_the_gold_rows(path):
    data = (SAMPLES / "files" / path).read_bytes()
    facts, rows = interpret_document(read_document(Source(data=data, source_file=path)))
    gold_rows = GOLD[path]["incidents"]
    assert len(rows) == len(gold_rows)
    unmatched = list(rows)
    for want in gold_rows:
        match = next((r for r in unmatched if r.count_min == want["count_min"] and r.count_max == want["count_max"]
                      and _similar(r.description, want["description"])
                      and r.period_start.isoformat() == want["period_start"]
                      and r.period_end.isoformat() == want["period_end"]), None)
        assert match is not None, want["description"]
        unmatched.remove(match)
    assert len({r.source_locator for r in rows}) == len(rows)


def test_groups_with_counts_in_brackets_and_one_outcome_for_all():
    rows = prose_rows("""
Between 1 April 2012 and 31 March 2015 the Council recorded 19 breaches by its staff.
They fall into these groups: misdirected post (7); loss of paperwork (<5); unauthorised access to records (9).
In each case the member of staff concerned received words of advice.
""")
    assert [(r.count_min, r.count_max, r.description) for r in rows] == [
        (7, 7, "misdirected post"), (1, 4, "loss of paperwork"), (9, 9, "unauthorised access to records")]
    assert all("words of advice" in r.outcome_text for r in rows)


def test_unmarked_lines_with_an_outcome_label_are_incidents():
    rows = prose_rows("""
Details of the 2 breaches recorded are set out below.
A housing officer had a bag of case files stolen from a parked car. Outcome: final written warning.
Phishing e-mail led to a compromised mailbox. Outcome: additional training given.
You have the right to request a review. If you remain unhappy you may complain to the Information Commissioner.
""")
    assert [(r.description, r.outcome_text) for r in rows] == [
        ("A housing officer had a bag of case files stolen from a parked car.", "final written warning."),
        ("Phishing e-mail led to a compromised mailbox.", "additional training given.")]


def test_question_and_answer_reply_keeps_only_answers():
    rows = prose_rows("""
Q1. How many staff were dismissed for breaching data protection rules?
A1. One.
Q2. For each breach, describe what happened, e.g. records of a family member accessed.
A2. The breaches were:
- May 2013 - a revenues officer looked up a neighbour's council tax account. Outcome: dismissed.
""")
    assert [r.description for r in rows] == ["a revenues officer looked up a neighbour's council tax account."]


def test_signature_initials_are_not_a_list():
    rows = prose_rows("""
The incidents were:
- Jan 2013 - a letter was sent to the wrong address. Outcome: words of advice.
Yours sincerely
J. Harrington
Information Compliance Manager
Data Protection Office
""")
    assert len(rows) == 1


def test_date_led_item_with_a_number_word_is_one_incident():
    rows = prose_rows("1. 23/07/2013 - Two letters placed in one envelope; a referral went to the wrong person.\n")
    assert [(r.count_min, r.date) for r in rows] == [(1, dt.date(2013, 7, 23))]


def test_listed_incidents_and_a_sentence_counting_the_rest():
    rows = prose_rows("""
1) How many breaches were committed by staff?
Answer: 7 breaches were recorded.
2) For each breach please describe it.
Answer:
- 14/03/2012: Payroll file e-mailed to an external contact in error. Outcome: retraining.
- 02/11/2012: Officer accessed a relative's housing benefit claim. Outcome: dismissed.
The remaining 5 cases involved letters sent to old addresses; no formal action was taken.
""")
    assert [(r.count_min, r.description) for r in rows] == [
        (1, "Payroll file e-mailed to an external contact in error."),
        (1, "Officer accessed a relative's housing benefit claim."),
        (5, "letters sent to old addresses")]
    assert rows[2].outcome_text == "no formal action was taken"


def test_counts_per_year_are_groups_of_that_year():
    rows = prose_rows("""
In 2012 there were 3 incidents. One was a letter sent to the wrong address and two were e-mails sent to the
wrong person. In 2013 there were 2 incidents, both of which involved files being lost.
""")
    assert [(r.count_min, r.description, r.period_start) for r in rows] == [
        (1, "a letter sent to the wrong address", dt.date(2012, 1, 1)),
        (2, "e-mails sent to the wrong person", dt.date(2012, 1, 1)),
        (2, "files being lost", dt.date(2013, 1, 1))]


def test_record_block_field_this_reader_does_not_use_is_not_description():
    rows = prose_rows("""
Date of incident: 19 October 2013
Summary: Social worker posted a case file to the wrong address
Reference: IG/13/2
Action taken: Written warning
""")
    assert [(r.description, r.outcome_text) for r in rows] == [
        ("Social worker posted a case file to the wrong address", "Written warning")]


def test_email_body_repeating_its_attached_letter_gives_each_incident_once():
    text = """
The incidents were:
- June 2012 - a laptop holding client records was stolen from a car. Outcome: no action.
- May 2013 - a letter was sent to the wrong address. Outcome: words of advice.
"""
    body = reply(text)
    letter = Document(source_file="reply.eml#letter.txt", kind="txt",
                      elements=list(lines_from_text(text.strip("\n"), prefix="attachment=letter.txt;")),
                      locator_prefix="attachment=letter.txt;")
    body.attachments.append(letter)
    rows = read_prose(body, read_facts(body))
    assert len(rows) == 2
