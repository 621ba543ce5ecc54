"""Response facts: who replied, reference, status, exemptions, period, total, blanket staff type.

Each trap has its own small fixture written here (other authorities and
wording than the samples); the shared samples are checked at the end, by
their own names and again copied flat under neutral names.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from extractors.document import Cell, Document, Row, Table
from extractors.errors import ExtractionError
from extractors.registry import Source, read_document
from extractors.txt import lines_from_text
from interpret.authority import clean_domain, identify_authority, load_register
from interpret.facts import read_facts
from interpret.request_text import answer_lines, split_request
from tests.conftest import SAMPLES


def letter(text: str, meta: dict[str, str] | None = None, source_file: str = "reply.txt",
           tables: list[Table] | None = None) -> Document:
    """A Document as the text extractor gives it: one Line per physical line."""
    elements = list(lines_from_text(text.strip("\n")))
    elements.extend(tables or [])
    return Document(source_file=source_file, kind="txt", elements=elements, meta=meta or {})


def answer_text(doc: Document) -> str:
    return "\n".join(line.text for line in answer_lines(doc))


# --- quoted and restated request -------------------------------------------------------------------

OUTLOOK_REPLY = """
Dear Ms Patel,

Further to your e-mail, Bedford Borough Council recorded 4 breaches in the period, all by Council employees.

Kind regards,
Information Governance, Bedford Borough Council

________________________________
From: Ann Patel
Sent: 02 June 2014 09:15
To: FOI Team
Subject: Data breaches

Please tell me how many staff were dismissed or prosecuted for accessing the records of a family member.
"""


def test_outlook_quote_without_markers_is_not_the_answer():
    doc = letter(OUTLOOK_REPLY)
    text = answer_text(doc)
    assert "recorded 4 breaches" in text
    assert "dismissed" not in text and "family member" not in text
    assert split_request(doc).quoted[0].text.startswith("____")


def test_original_message_marker_and_wrote_line_and_chevrons_are_cut():
    doc = letter("""
Dear Sir,
The Council holds no record of any such breach by its staff during this period.
Yours sincerely,
J Smith
On Mon, 14 Apr 2014 at 10:12, A Researcher <someone@example.org>
wrote:
> How many officers were dismissed?
> Please include prosecutions.
""")
    text = answer_text(doc)
    assert "dismissed" not in text and "prosecutions" not in text
    assert "holds no record" in text


def test_forward_with_nothing_of_its_own_keeps_the_forwarded_reply():
    doc = letter("""
FYI
-----Original Message-----
From: FOI Officer
Sent: 3 June 2014
To: Researcher
Subject: FOI 2014/55
There were 6 data protection breaches by Council staff in 2013/14.
""")
    assert "There were 6 data protection breaches" in answer_text(doc)


def test_restated_numbered_request_is_removed_and_the_answer_kept():
    doc = letter("""
Our ref: IG/1234
You requested the following information:
(a) the number of staff disciplined or dismissed for data breaches since 2011;
(b) whether any member of staff was prosecuted.
The Borough Council can confirm that it recorded 3 such breaches.
""")
    text = answer_text(doc)
    assert "disciplined" not in text and "prosecuted" not in text
    assert "recorded 3 such breaches" in text
    assert "Our ref: IG/1234" in text


def test_request_introduced_mid_line_keeps_the_replys_own_part():
    doc = letter("""
Thank you for your e-mail of 3 March 2015. Your request read as follows:
"Please provide the number of data protection breaches by staff and the disciplinary outcomes."
Response
We hold this information.
""")
    split = split_request(doc)
    assert any("Thank you for your e-mail of 3 March 2015." in line.text for line in split.answer)
    assert all("disciplinary outcomes" not in line.text for line in split.answer)
    assert any(line.text == "We hold this information." for line in split.answer)


# --- authority -----------------------------------------------------------------------------------

def test_letterhead_beats_another_body_mentioned_in_the_body():
    doc = letter("""
Wiltshire Council
Information Governance Team, County Hall, Trowbridge

Dear Sir,
One incident was reported to Wiltshire Police and another referred to the Information Commissioner.
Wiltshire Police investigated the matter.
Yours faithfully,
Information Governance Team
""")
    assert identify_authority(doc) == ("Wiltshire Council", "council")


def test_joint_reply_is_the_body_that_sent_it():
    body = """
Norfolk & Suffolk Constabularies
Joint Information Management Department

Both Norfolk Constabulary and Suffolk Constabulary hold information. Suffolk Constabulary recorded 4 breaches.
"""
    by_mail = letter(body, meta={"from": "FOI <foi@suffolk.pnn.police.uk>", "sender_domain": "suffolk.pnn.police.uk"})
    assert identify_authority(by_mail) == ("Suffolk Constabulary", "police")
    signed = letter(body + "\nYours sincerely,\nInformation Manager, Norfolk Constabulary\n")
    assert identify_authority(signed) == ("Norfolk Constabulary", "police")


def test_welsh_names_and_initialisms_name_the_register_body():
    assert identify_authority(letter("Heddlu Gwent\nSwyddfa Rhyddid Gwybodaeth\n\nAnnwyl Syr,"))[0] == "Gwent Police"
    assert identify_authority(letter("Cyngor Sir Ynys Môn\n\nDear Sir,"))[0] == "Isle of Anglesey County Council"
    kcc = letter("Dear Requester,\nAll the incidents involved KCC employees.\nYours faithfully,\nKCC Information Team")
    assert identify_authority(kcc) == ("Kent County Council", "council")


def test_short_aliases_match_only_in_their_own_case():
    register = load_register()
    assert register.find_names("Questions from MPs were forwarded") == []
    assert [n for n, _, _ in register.find_names("Requests to the MPS")] == ["Metropolitan Police Service"]
    assert register.find_names("we had to shut down council offices") == []
    assert [n for n, _, _ in register.find_names("READING BOROUGH COUNCIL")] == ["Reading Borough Council"]


def test_longest_name_wins():
    names = [n for n, _, _ in load_register().find_names("City of London Police Information Access")]
    assert names == ["City of London Police"]


def test_sender_domain_matches_subdomains_and_strips_gcsx():
    register = load_register()
    assert register.bodies_for_domain("mail01.cleveland.pnn.police.uk") == ["Cleveland Police"]
    assert register.bodies_for_domain(clean_domain("foi.kent.gcsx.gov.uk")) == ["Kent County Council"]
    assert clean_domain("kent.police.uk.cjsm.net") is None
    mail = letter("Dear Sir,\nPlease see the attached response.\nRegards,\nDisclosure Team",
                  meta={"from": "Disclosure <disclosure@wiltshire.pnn.police.uk>"})
    assert identify_authority(mail) == ("Wiltshire Police", "police")


def test_shared_domain_is_settled_by_the_date_of_the_reply():
    doc = letter("Dear Sir,\nWe hold no information.\n",
                 meta={"from": "foi@northyorks.gov.uk", "date": "Tue, 13 May 2014 10:00:00 +0100"})
    assert identify_authority(doc) == ("North Yorkshire County Council", "council")


def test_public_body_outside_the_register_is_typed_other():
    doc = letter("Devon & Somerset Fire and Rescue Service\nService Headquarters\n\nDear Sir,\n"
                 "The Service recorded 2 breaches.\n")
    name, kind = identify_authority(doc)
    assert kind == "other" and "Fire and Rescue Service" in name


def test_file_name_never_names_the_authority():
    doc = letter("Derbyshire Constabulary\n\nDear Sir,\n", source_file="kent-police/FOI reply.txt")
    assert identify_authority(doc) == ("Derbyshire Constabulary", "police")
    assert identify_authority(letter("Dear Sir,\nNo data.\n", source_file="kent-cc/reply.txt")) == (None, "not_stated")


# --- reference -------------------------------------------------------------------------------------

def test_our_reference_beats_an_earlier_requests_reference():
    doc = letter("""
Our reference: 2015030004512
Date: 2 April 2015
Following our refusal of 4 March 2015 (reference 2015020001777) you refined your request.
""")
    assert read_facts(doc).request_ref == "2015030004512"


def test_your_reference_is_the_requesters():
    doc = letter("Your ref: WDTK-1234\nOur ref: EIR/FOI 15/220\nDear Sir,\n")
    assert read_facts(doc).request_ref == "EIR/FOI 15/220"


def test_reference_from_the_subject_line_as_written():
    doc = letter("Dear Sir,\nPlease find our response below.\n",
                 meta={"subject": "RE: Freedom of Information Request 2015-0871 - staff breaches"})
    assert read_facts(doc).request_ref == "2015-0871"


def test_reference_in_a_sheet_title():
    table = Table(rows=[Row([Cell("Somerset County Council - FOI request FOI/SCC/2015/77")], "sheet=Data;row=1"),
                        Row([Cell("Date"), Cell("Incident")], "sheet=Data;row=2")], locator="sheet=Data")
    doc = Document(source_file="x.xlsx", kind="xlsx", elements=[table])
    assert read_facts(doc).request_ref == "FOI/SCC/2015/77"


# --- exemptions and status -------------------------------------------------------------------------

def test_exemption_forms_are_normalised_and_other_acts_are_not_exemptions():
    doc = letter("""
Some information is withheld under s.40(2) and Section 38(1)(b) of FOISA, and sections 30 and 31 of the Act.
One officer was cautioned for an offence under section 55 of the Data Protection Act 1998.
Under section 16 we offer advice; this letter is a refusal notice under section 17 for the withheld part.
The table below lists the breaches.
""")
    facts = read_facts(doc)
    assert facts.exemptions == ["s40(2)", "s38(1)(b)", "s30", "s31"]


def test_cost_limit_refusal_has_no_totals_from_costs_or_hours():
    doc = letter("""
Dear Sir,
Section 12 of the Freedom of Information Act 2000 allows us to refuse a request where the cost exceeds the
appropriate limit, which is £450 or 18 hours of work. We hold around 1,400 case files, and reading them would
take 116 hours. I am therefore refusing your request under section 12 of the Act.
""")
    facts = read_facts(doc)
    assert facts.foi_status == "refused"
    assert facts.exemptions == ["s12"]
    assert facts.reported_total_min is None and facts.reported_total_max is None


def test_not_held():
    doc = letter("Dear Sir,\nI can confirm that the Council does not hold the information requested.\n")
    assert read_facts(doc).foi_status == "not_held"


def test_partial_needs_a_cited_exemption():
    data = Table(rows=[Row([Cell("Outcome"), Cell("Officers")], "table=1;row=1"),
                       Row([Cell("Dismissed"), Cell("<5")], "table=1;row=2"),
                       Row([Cell("Written warning"), Cell("7")], "table=1;row=3")], locator="table=1")
    with_section = letter("Names are withheld under section 40(2) of the Act.\n", tables=[data])
    assert read_facts(with_section).foi_status == "partially_disclosed"
    without_section = letter("We have not included the names of the staff involved.\n", tables=[data])
    assert read_facts(without_section).foi_status == "disclosed"


# --- total -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,total", [
    ("Between those dates there were 97 breaches recorded.", (97, 97)),
    ("The Trust logged a total of thirty-six incidents.", (36, 36)),
    ("We identified fewer than five breaches.", (1, 4)),
    ("There were no breaches recorded in this period.", (0, 0)),
])
def test_total_sentences(sentence, total):
    facts = read_facts(letter(f"Dear Sir,\n{sentence}\n"))
    assert (facts.reported_total_min, facts.reported_total_max) == total


def test_non_breaches_and_per_year_counts_are_not_the_total():
    doc = letter("""
A further 3 reported incidents were investigated and found not to be breaches; they are not included.
In 2011/12 there were 14 breaches, in 2012/13 there were 12.
""")
    facts = read_facts(doc)
    assert facts.reported_total_min is None


def test_total_stated_on_a_notes_sheet():
    notes = Table(rows=[Row([Cell("Torbay Council - Freedom of Information request 9921")], "sheet=Notes;row=1"),
                        Row([Cell("The Council recorded 23 incidents between 1 April 2011 and 31 March 2014.")],
                            "sheet=Notes;row=2")], locator="sheet=Notes", title="Notes")
    facts = read_facts(Document(source_file="x.xlsx", kind="xlsx", elements=[notes]))
    assert (facts.reported_total_min, facts.reported_total_max) == (23, 23)
    assert (facts.period_start, facts.period_end) == (dt.date(2011, 4, 1), dt.date(2014, 3, 31))
    assert facts.authority == "Torbay Council" and facts.request_ref == "9921"


# --- period ----------------------------------------------------------------------------------------

def test_replys_own_period_beats_the_requests():
    doc = letter("""
Date: 4 June 2014
I refer to your request for the number of breaches between April 2011 and April 2014.
The force was formed in 2013, so the figures below cover 1 April 2013 - 31 March 2014 only.
""")
    facts = read_facts(doc)
    assert (facts.period_start, facts.period_end) == (dt.date(2013, 4, 1), dt.date(2014, 3, 31))


def test_to_date_ends_on_the_date_of_the_reply():
    doc = letter("Dear Sir,\nThe list covers the period from April 2011 to date.\n",
                 meta={"date": "Wed, 21 May 2014 09:47:31 +0100"})
    facts = read_facts(doc)
    assert (facts.period_start, facts.period_end) == (dt.date(2011, 4, 1), dt.date(2014, 5, 21))


def test_only_the_requests_period_is_used_when_the_reply_states_none():
    doc = letter("""
You asked:
1. How many breaches were there between 1 January 2012 and 31 December 2013?
Decision
We do not hold this information.
""")
    facts = read_facts(doc)
    assert (facts.period_start, facts.period_end) == (dt.date(2012, 1, 1), dt.date(2013, 12, 31))


def test_financial_year_range():
    facts = read_facts(letter("The figures cover the financial years 2011/12 to 2013/14.\n"))
    assert (facts.period_start, facts.period_end) == (dt.date(2011, 4, 1), dt.date(2014, 3, 31))


# --- blanket staff type ----------------------------------------------------------------------------

def test_council_employees_blanket():
    doc = letter("Bolton Council\n\nAll of the breaches involved Council employees.\n")
    assert read_facts(doc).default_staff_type == "employee"


def test_council_blanket_covering_contractors_is_not_employee():
    doc = letter("Bolton Council\n\nThe breaches were by staff, including contractors and agency workers.\n")
    assert read_facts(doc).default_staff_type is None


def test_police_officers_and_staff_is_not_stated():
    doc = letter("Durham Constabulary\n\nThere were 9 breaches by officers and staff.\n")
    assert read_facts(doc).default_staff_type is None


def test_request_words_do_not_set_staff_type():
    doc = letter("Bolton Council\n\nYou asked how many breaches were committed by Council employees.\n"
                 "We do not hold this information.\n")
    assert read_facts(doc).default_staff_type is None


# --- the shared samples ----------------------------------------------------------------------------

GOLD = json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))["files"]
FIELDS = ["authority", "authority_type", "request_ref", "foi_status", "exemptions", "period_start", "period_end"]
# totals stated only in a table's Total row are the table reader's (interpret.tables), not these facts
TABLE_TOTAL_FILES = {"kent-cc/FOI 14-0562 Response.pdf", "leeds-cc/14-0932 Data Protection Breaches 2011-2014.xlsx",
                     "avon-somerset-police/FOI 1405-0112 DP breaches by outcome.xlsx"}


def _facts(path: str, name: str | None = None):
    data = (SAMPLES / "files" / path).read_bytes()
    try:
        doc = read_document(Source(data=data, source_file=name or path))
    except ExtractionError:
        return None
    return read_facts(doc)


def _as_gold(facts, field):
    value = getattr(facts, field)
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.fixture(scope="module")
def sample_facts():
    return {path: _facts(path) for path in sorted(GOLD)}


@pytest.mark.parametrize("path", sorted(GOLD))
def test_sample_facts_match_gold(sample_facts, path):
    facts = sample_facts[path]
    want = GOLD[path]
    if facts is None:
        assert want["parse_status"] == "failed" and want["authority"] is None
        return
    for field in FIELDS:
        assert _as_gold(facts, field) == want[field], field
    if path not in TABLE_TOTAL_FILES:
        assert (facts.reported_total_min, facts.reported_total_max) == (want["reported_total_min"],
                                                                      want["reported_total_max"])


def test_samples_renamed_to_neutral_names_keep_their_authority(tmp_path):
    for number, path in enumerate(sorted(GOLD), 1):
        suffix = (SAMPLES / "files" / path).suffix
        neutral = tmp_path / f"reply_{number:02d}{suffix}"
        shutil.copyfile(SAMPLES / "files" / path, neutral)
        data = neutral.read_bytes()
        try:
            doc = read_document(Source(data=data, source_file=neutral.name))
        except ExtractionError:
            assert GOLD[path]["authority"] is None
            continue
        assert identify_authority(doc)[0] == GOLD[path]["authority"], path


def test_force_called_police_or_constabulary():
    assert identify_authority(letter("Cumbria Police\nPolice Headquarters\n\nDear Sir,\n"))[0] == "Cumbria Constabulary"


def test_details_of_the_n_breaches_is_a_total_but_of_the_n_is_not():
    told = read_facts(letter("Details of the 16 breaches recorded since April 2011 are set out below.\n"))
    assert (told.reported_total_min, told.reported_total_max) == (16, 16)
    split = read_facts(letter("Of the 16 breaches, 4 were thefts.\n"))
    assert split.reported_total_min is None


def test_period_of_a_list_of_financial_years():
    facts = read_facts(letter("You asked:\n1. The number of incidents in the financial years 2011/12, 2012/13 and "
                              "2013/14.\nResponse\nWe do not hold this information.\n"))
    assert (facts.period_start, facts.period_end) == (dt.date(2011, 4, 1), dt.date(2014, 3, 31))


def test_reference_with_its_own_prefix_and_one_split_by_ocr():
    titled = Table(rows=[Row([Cell("Medway Council - FOI F2015186 - breaches")], "sheet=A;row=1")], locator="sheet=A")
    assert read_facts(Document(source_file="x.csv", kind="csv", elements=[titled])).request_ref == "F2015186"
    scanned = letter("Reference: FOIA/201 4/2299\n12 June 2014\nDear Sir\nRequest for information - FOIA/2014/2299\n")
    assert read_facts(scanned).request_ref == "FOIA/2014/2299"


def test_request_label_with_a_reference_restates_nothing():
    doc = letter("Request: FOI 1234\nDate: 3 May 2014\nDear Sir,\nWe recorded 4 breaches in 2013/14.\n")
    assert "We recorded 4 breaches in 2013/14." in answer_text(doc)


def test_neither_confirm_nor_deny_is_a_refusal():
    doc = letter("Durham Constabulary\n\nDurham Constabulary can neither confirm nor deny that it holds the "
                 "information you have requested, by virtue of section 40(5) of the Act.\n")
    facts = read_facts(doc)
    assert (facts.foi_status, facts.exemptions) == ("refused", ["s40(5)"])


def test_text_table_lines_are_not_sentences():
    doc = letter("""
Northumbria Police can confirm that it holds information relevant to your request.

Misconduct outcome            Officers    Staff
Dismissed                     3           1
Final written warning         4           2
Total                         7           3

Total: 10
""")
    facts = read_facts(doc)
    assert (facts.reported_total_min, facts.reported_total_max) == (10, 10)


def test_letterhead_laid_out_as_a_table():
    head = Table(rows=[Row([Cell("Swale Borough Council"), Cell("Our ref: FOI/2014/77")], "table=1;row=1"),
                       Row([Cell("Swale House, Sittingbourne"), Cell("Date: 2 June 2014")], "table=1;row=2")],
                 locator="table=1")
    body = list(lines_from_text("Dear Sir,\nOne incident was reported to Kent Police.\nKent Police took no action.\n"))
    doc = Document(source_file="x.docx", kind="docx", elements=[head, *body])
    facts = read_facts(doc)
    assert (facts.authority, facts.request_ref) == ("Swale Borough Council", "FOI/2014/77")
