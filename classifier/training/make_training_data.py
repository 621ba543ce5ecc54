"""Generate the classifier's training data: cause.jsonl, outcome.jsonl, staff_type.jsonl.

The JSONL files are the reviewed asset and are committed; this script is how
they were made, so a reviewer can change a phrase list and regenerate:

    python -m classifier.training.make_training_data

Each item is {"text": ..., "label": ...} (staff_type items also carry the
"authority_type" of the imagined reply, because "officer" means a police
officer in a force's reply and a council employee in a council's). Items come
from templates filled with curated phrase lists (fixed seed, so the output is
byte-identical on every run) plus the hand-written sentences in
`handwritten.yaml`. The wording imitates the range seen in real registers:
police and council logs, ICO incident types, abbreviations (PNC, NFA, FWW, PC,
DC, DS, Sgt, PCSO). None of it is taken from the project's test samples; the
test suite checks that no item shares a run of five words with them.
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from classifier.vocab import CAUSES, OUTCOMES, STAFF_TYPES

HERE = Path(__file__).parent
SEED = 20110401
Slots = dict[str, list[str]]

# ---------------------------------------------------------------------------
# who did it
COUNCIL_ROLES = [
    "officer", "council officer", "employee", "member of staff", "staff member",
    "social worker", "housing officer", "care worker", "support worker",
    "benefits officer", "revenues assistant", "team manager", "administrator",
    "admin assistant", "receptionist", "caseworker", "planning officer",
    "library assistant", "school business manager", "youth worker",
    "occupational therapist", "payroll clerk", "customer services adviser",
    "environmental health officer", "trading standards officer", "HR adviser",
    "finance officer", "family support worker", "reablement worker",
    "senior practitioner", "team leader", "clerk", "registrar", "teaching assistant",
]
POLICE_OFFICER_ROLES = [
    "PC", "DC", "DS", "Sgt", "Insp", "police constable", "police officer",
    "detective constable", "detective sergeant", "sergeant", "inspector",
    "response officer", "neighbourhood officer", "traffic officer", "officer",
    "probationer constable", "chief inspector", "custody sergeant", "PS",
]
POLICE_STAFF_ROLES = [
    "police staff member", "civilian member of staff", "civilian investigator",
    "call handler", "control room operator", "detention officer",
    "intelligence analyst", "station enquiry officer", "front counter clerk",
    "crime recorder", "civilian support worker", "force control room dispatcher",
    "HR administrator in the force", "police staff investigator",
]
PCSO_ROLES = ["PCSO", "police community support officer", "community support officer"]
SPECIAL_ROLES = ["special constable", "SC", "special", "special constabulary member"]
AGENCY_ROLES = ["agency worker", "agency social worker", "temporary agency worker",
                "locum social worker", "agency administrator", "interim manager from an agency"]
CONTRACTOR_ROLES = ["contractor", "IT contractor", "contractor's employee", "maintenance contractor",
                    "employee of a contractor", "sub-contractor", "external contractor"]
VOLUNTEER_ROLES = ["volunteer", "volunteer driver", "library volunteer", "volunteer befriender",
                   "community volunteer"]
COUNCILLOR_ROLES = ["councillor", "Cllr", "elected member", "ward councillor"]

# people whose records get looked up or who are told things
PERSONAL_TARGETS = [
    "a next-door neighbour", "his ex-partner", "his former wife", "her ex-husband", "a member of his family",
    "a relative", "his brother", "her sister", "a friend", "a close friend", "a colleague",
    "a celebrity", "a well-known footballer", "her new partner's ex", "his girlfriend",
    "a former colleague", "his landlord", "a school friend", "her son's friends",
    "his stepdaughter", "a local businessman", "an acquaintance", "his cousin",
    "a love rival", "a tenant he was in dispute with",
]
ACCESS_RECORDS = [
    "the housing record", "social care files", "the council tax account",
    "the benefits claim", "the PNC entry", "intelligence logs", "crime reports",
    "force command and control logs", "custody records", "the Niche record", "Athena records",
    "the electoral register entry", "payroll details", "the HR file", "the adoption file",
    "the pupil record", "the parking permit file", "the licensing record",
    "the child protection record", "STORM incident logs", "the vehicle keeper details",
    "the CRM entry", "the case management system entry", "the rent account",
]
ACCESS_SYSTEMS = [
    "PNC", "police systems", "force systems", "Niche",
    "the intelligence database", "the C&C system", "the custody system",
    "the social services database", "the council tax database", "the benefits system",
    "the housing management system", "the education database", "the HR system",
    "the CCTV system", "the case recording system", "the crime recording system",
    "PND", "the ANPR system", "the payroll system",
]
WITHOUT_NEED = [
    "without a business need", "with no policing purpose", "for personal reasons",
    "out of curiosity", "without authorisation", "for no work reason",
    "with no legitimate reason", "for a non-policing purpose", "for private purposes",
    "without any work-related reason", "", "", "",
]
ACCESS_VERBS = ["accessed", "viewed", "looked at", "searched", "checked", "browsed",
                "interrogated", "opened", "read", "queried", "looked up"]

# what leaves the building
DATA_ITEMS = [
    "case notes", "child protection plan details", "a care plan", "medical details",
    "witness statements", "a safeguarding referral", "bank details", "payroll data",
    "a list of service users", "an assessment", "crime report details", "custody details",
    "a court bundle", "tenancy details", "contact details of residents",
    "a staff salary spreadsheet", "details of a domestic abuse victim",
    "a fostering assessment", "minutes of a strategy meeting", "an occupational health report",
    "a complaint letter", "a list of benefit claimants", "intelligence material",
    "a disciplinary report", "exam results", "SEN reports", "a housing application",
    "a mental health assessment", "a pre-sentence report", "a statement of a victim",
]
THIRD_PARTIES = [
    "a relative", "a friend", "his partner", "her husband", "a journalist", "the local newspaper",
    "a criminal associate", "a suspect", "a neighbour", "a passer-by", "a landlord",
    "an employer", "a private investigator", "a debt collector", "a claims management firm",
    "a drug dealer", "a family member", "the press", "a friend's solicitor", "a ward councillor",
    "a residents' group", "his wife", "an estate agent", "a person under investigation",
]
DISCLOSE_VERBS = ["disclosed", "passed", "gave", "revealed", "leaked", "shared", "handed",
                  "divulged", "supplied", "released", "told"]
SOCIAL = ["Facebook", "Twitter", "a WhatsApp group", "Instagram", "social media",
          "an online forum", "Snapchat", "a community Facebook page"]
WITHOUT_CONSENT = ["without authority", "without the client's consent", "against policy", ""]
PERSONAL_ACCOUNTS = ["a private webmail account", "his home e-mail address", "her private Gmail account",
                     "a personal Hotmail address", "his own e-mail", "a home computer",
                     "a personal cloud storage account", "her personal phone"]

# what goes astray by mistake
DOCS_SENT = [
    "Letter", "E-mail", "Email", "Review document", "Case conference minutes", "Assessment",
    "Invoice", "Council tax bill", "Payslip", "Court bundle", "Child protection plan",
    "Housing benefit letter", "Appointment letter", "Witness statement", "Safeguarding referral",
    "Pension statement", "Care plan", "Complaint response", "SAR response", "Reference",
    "Penalty charge notice", "Police incident summary", "Victim update letter", "Exam results",
    "Medical summary", "Disclosure bundle", "Parking fine", "Occupational health referral",
]
WRONG_RECIPIENTS = [
    "to an incorrect person", "to an incorrect address", "to a wrong house",
    "to a former address", "to another service user", "to another firm of solicitors",
    "to a similarly named client", "to an incorrect GP surgery", "to an old address",
    "to a department of another council by mistake", "to the incorrect household",
    "to a stranger", "to an unintended recipient",
    "to a neighbour by mistake", "to the incorrect parent", "to an incorrect partner agency",
    "to a wrong e-mail address", "to an outside address in error",
    "to a person with the same surname", "to an incorrect defendant",
]
SEND_VERBS = ["sent", "e-mailed", "emailed", "posted", "faxed", "mailed", "delivered",
              "forwarded", "issued", "despatched", "dispatched"]
ERROR_CAUSES = [
    "auto-complete picked the wrong name", "the address book auto-filled the wrong contact",
    "an envelope contained letters for two households", "the wrong attachment was added",
    "papers for another family were enclosed", "the previous address was not updated",
    "a typing error in the e-mail address", "two files were mixed up",
    "the fax number was misdialled", "letters were put in the wrong envelopes",
]
REDACTION = [
    "Failure to redact third-party details in {item}",
    "{item} released without redacting the names of witnesses",
    "Redaction not applied to {item} before disclosure",
    "{item} disclosed with black-out marker that could be read through",
    "Subject access response included unredacted third-party information",
    "{item} disclosed with the addresses of foster carers left unredacted",
    "Redacted PDF still contained hidden text layer revealing names",
    "Names in {item} not blacked out before release under FOI",
    "Inadequate redaction of {item} released to a defendant",
    "{item} provided to a parent with another child's details still visible",
]
BCC = [
    "Group e-mail sent with all recipients visible in the To field",
    "Not using bcc when e-mailing {group}",
    "{group} e-mailed using cc instead of bcc",
    "Newsletter to {group} revealed every e-mail address",
    "Bulk e-mail to {group} copied everyone in openly",
    "E-mail addresses of {group} exposed because bcc was not used",
    "Mailing to {group} sent with open copy list",
]
GROUPS = ["foster carers", "adopters", "day service clients", "residents", "job applicants",
          "members of a support group", "victims of crime", "volunteers", "parents", "tenants",
          "HIV clinic patients", "neighbourhood watch members", "special constables", "school governors"]

# things lost or stolen
ITEMS = [
    "laptop", "encrypted laptop", "unencrypted laptop", "memory stick", "USB pen",
    "pocket notebook", "diary", "case folder", "bundle of papers", "mobile phone", "work phone",
    "BlackBerry", "iPad", "tablet", "handheld device", "briefing pack", "court file",
    "CD of interview recordings", "DVD of CCTV footage", "prisoner property log",
    "witness statements", "folder of case notes", "personnel file", "box of records",
    "camera containing photographs", "rucksack with files", "paper register",
    "body-worn video camera", "dictaphone", "visit notes", "daybook", "hard drive",
    "police radio", "warrant card", "Airwave handset", "lanyard with ID and notes",
    "satchel of files", "clipboard of visit sheets", "encrypted USB stick",
]
LOST_WHERE = [
    "on a train", "on a bus", "in a taxi", "in a shopping centre", "on a station platform",
    "while on patrol", "during a home visit", "in a pub", "at a conference", "in transit",
    "while out jogging", "in a car park", "at a bus stop", "during an office move",
    "in the post", "on the way home", "in a restaurant", "at a football match",
    "somewhere between two sites", "while visiting a client", "at court",
]
LOST_ENDINGS = ["", "- never recovered", "; never found", "- not recovered",
                "; later handed in", "; it has not been found", "(not traced)",
                "; item was never returned", "- still missing"]
STOLEN_WHERE = [
    "from a car", "from a parked van", "from the boot of a car", "from a locked vehicle",
    "from an employee's home", "during a burglary", "from an office", "from a locker",
    "from a bag on a train", "in a street robbery", "from a police vehicle",
    "during a break-in at the depot", "from a hotel room", "from a desk at a hub",
    "from a handbag in a restaurant", "from a house during a burglary", "from the station",
    "from a courier van", "from a school office", "in a mugging",
]

# disposal
DISPOSAL_DOCS = ["confidential papers", "case files", "personnel records", "old client files",
                 "payroll printouts", "benefit claim forms", "custody records", "archived files",
                 "school records", "medical notes", "application forms", "crime reports",
                 "intelligence printouts", "rent statements", "HR papers", "bank statements"]
DISPOSAL_WHERE = [
    "put in a general waste bin", "placed in ordinary recycling", "thrown in a skip",
    "dumped at a tip", "left in a street bin", "found blowing in the street",
    "discovered in a bin outside the office", "put out with the household rubbish",
    "disposed of without shredding", "found at a recycling centre",
    "put in a normal bin bag", "found by a passer-by in a litter bin",
    "not shredded before disposal", "thrown away with general rubbish",
    "found on a rubbish tip", "discarded in an unlocked bin store",
]
HARDWARE_DISPOSAL = [
    "Old computers sold without the hard drives being wiped",
    "Photocopier returned to the leasing firm with stored scans on its disk",
    "Decommissioned server disposed of without data being erased",
    "Mobile phones sent for recycling without being reset",
    "Filing cabinet sold at auction still containing records",
    "Desk drawers full of case notes left in furniture sent for scrap",
    "Laptops given to a charity without secure wiping",
    "Confidential waste sacks collected by an unauthorised firm",
    "Shredding contractor failed to destroy bags of records",
    "Hard drives from returned PCs not destroyed as required",
    "Confidential waste bags left on the pavement for collection",
    "Records meant for shredding found in an open bin bag",
]

# cyber and technical
CYBER = [
    "Phishing e-mail led to {account} being compromised",
    "{system} infected with ransomware",
    "Malware found on {device}",
    "Virus on {device} exposed stored files",
    "Hacker gained access to {system}",
    "Website hacked and {data} exposed",
    "Cyber attack on {system}",
    "Software fault showed {data} to other users",
    "System error mailed {docs} to incorrect addresses",
    "Glitch in {system} let users see {data}",
    "Bug in {system} displayed {data} to other customers",
    "{data} put on the authority's web pages in error",
    "{data} accidentally uploaded to the force website",
    "{data} left publicly available on a web page",
    "Spreadsheet with hidden tabs containing {data} published online",
    "Misconfigured server made {data} visible on the internet",
    "Automated mailing fault sent {docs} to the wrong people",
    "Technical failure in {system} exposed {data}",
    "Online portal showed {data} of another customer",
    "Database error merged {data} of two people",
    "Printing contractor's system fault put {docs} in the wrong envelopes",
    "Denial of service attack on {system}",
    "Compromised password used to access {account}",
    "{data} exposed through a vulnerability in {system}",
    "IT upgrade error made {data} visible to all staff",
]
CYBER_SLOTS: Slots = {
    "account": ["a staff e-mail account", "an officer's mailbox", "a shared mailbox",
                "a payroll account", "a council Twitter account"],
    "system": ["the housing system", "the payments portal", "the online booking system",
               "a force server", "the council tax portal", "the school's MIS",
               "the web forms platform", "the parking permits site", "a departmental server",
               "the intranet", "the case management system"],
    "device": ["a desktop PC", "a network drive", "an office computer", "a shared server",
               "a staff laptop"],
    "data": ["residents' personal details", "applicants' bank details", "customers' addresses",
             "names of complainants", "payment records", "service user names",
             "personal data of job applicants", "details of licence holders",
             "objectors' contact details", "pupils' names and dates of birth"],
    "docs": ["reminder letters", "council tax demands", "appointment letters", "payslips",
             "benefit notifications", "renewal notices"],
}

# careless handling
HUMAN_ERROR = [
    "{docs} left on a photocopier in a shared area",
    "{docs} left unattended in reception",
    "{docs} left on a desk overnight",
    "{docs} left in an interview room after a meeting",
    "{docs} left on the printer and collected by a visitor",
    "{place} left unlocked with files inside",
    "Computer screen left unlocked showing {docs}",
    "Clear desk policy not followed - {docs} visible to cleaners",
    "Lack of due care and attention when handling {docs}",
    "Careless handling of {docs}",
    "{docs} visible through a window to passers-by",
    "Notice board in a public corridor displayed {docs}",
    "{docs} left in a vehicle in view of the public",
    "{docs} read aloud in a public waiting area",
    "Confidential conversation about {docs} overheard in a cafe",
    "{docs} left in a court corridor",
    "{docs} left on a shared desk in a hot-desking area",
    "Key to the records room left in the door",
    "Keys to a filing cabinet left in the lock overnight",
    "Whiteboard listing {docs} left in view of the public",
    "{docs} left behind in a partner agency's meeting room",
    "Poor physical security of {docs} in an unlocked cupboard",
    "Failure to secure {docs} at the end of the day",
    "{docs} stored in an unlocked drawer",
]
HUMAN_SLOTS: Slots = {
    "docs": ["case papers", "personal files", "client notes", "printouts with personal details",
             "the custody log", "visit schedules", "sensitive documents", "payslips",
             "foster carer files", "a list of vulnerable adults", "interview notes",
             "safeguarding papers", "pupil reports", "medical forms", "witness details"],
    "place": ["Office door", "Records store", "Filing cabinet", "Archive room",
              "Cabinet containing HR records", "Storage room", "Secure room"],
}

# causes outside the named groups
OTHER_CAUSE = [
    "Personal data kept past the date set in the retention schedule",
    "Records retained beyond the agreed destruction date",
    "Inaccurate information recorded on a client's file",
    "Wrong date of birth recorded leading to mismatched records",
    "Data used for a purpose other than that for which it was collected",
    "Contact details collected for one service used to market another",
    "Subject access request answered late",
    "Failure to respond to a subject access request within 40 days",
    "Excessive personal data collected on an application form",
    "CCTV signage missing so people were not told they were being filmed",
    "No privacy notice provided when data was collected",
    "Personal data processed without a lawful basis",
    "Out of date records not reviewed or deleted",
    "Duplicate records created causing confusion between two people",
    "Incorrect address held on the system for several years",
    "Records not destroyed at the end of the retention period",
    "Information shared under an agreement that had expired",
    "Data transferred abroad without adequate safeguards",
    "Old personnel files held long after employees left",
    "Recording of a call kept beyond its retention date",
    "Inaccurate criminal record information held on file",
    "Staff list used for a fundraising mail-out without consent",
    "Data subject's request for rectification not actioned",
    "Failure to update records after a change of name",
    "Other",
    "Other breach of the data protection principles",
    "Miscellaneous",
    "Unspecified other incident",
]

# no cause given, or one count covering two causes
NOT_STATED_CAUSE = [
    "Data protection breach", "Breach of the Data Protection Act", "DPA breach",
    "Breach of data protection policy", "Incident reported to the ICO",
    "Details withheld", "Details withheld under section 40(2)", "Not known",
    "Information not recorded", "Breach of confidentiality policy",
    "Data protection incident", "Misconduct - data protection", "Security incident",
    "Information security incident", "Incident under investigation",
    "Breach of Standards of Professional Behaviour", "Data breach", "Not recorded",
    "Loss or theft of paperwork", "Loss or theft of devices", "Lost or stolen equipment",
    "Lost or stolen documents", "Unauthorised access or disclosure",
    "Accessing or sharing information without authority",
    "Inappropriate access to or disclosure of information",
    "Misuse of information", "Misuse of personal data", "Misuse of force systems or information",
    "Access to and disclosure of records without authority",
    "Computer misuse and disclosure", "Breach of information security policy",
    "Data handling incident", "Information governance incident", "Breach",
    "Breaches by staff", "Incident", "Case details not held centrally",
    "Unknown", "See covering letter", "n/a", "-", "Not stated", "No details given",
    "Description exempt", "Redacted", "Complaint about data handling",
    "Loss, theft or misdirection of information", "Lost, stolen or misdirected data",
    "Unauthorised access, disclosure or loss", "Information security breach",
]


def _choose(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def _fill(rng: random.Random, template: str, slots: Slots) -> str:
    def replace(match: re.Match[str]) -> str:
        return _choose(rng, slots[match.group(1)])
    return re.sub(r"\{(\w+)\}", replace, template)


def _style(rng: random.Random, text: str) -> str:
    """Vary surface form the way registers do: case, full stops, e-mail spellings."""
    text = re.sub(r"\s+([.;,:])", r"\1", " ".join(text.split())).strip(" ;-")
    if not text:
        return text
    roll = rng.random()
    if roll < 0.08:
        text = text.lower()
    elif roll < 0.12:
        text = text.upper() if len(text) < 45 else text
    if rng.random() < 0.3:
        text = text.replace("e-mail", "email").replace("E-mail", "Email")
    if rng.random() < 0.25 and not text.endswith("."):
        text += "."
    if text[1:2].isupper():  # iPad, eBay: leave brand spellings alone
        return text
    return text[0].upper() + text[1:] if rng.random() < 0.9 else text


def _with_article(noun: str) -> str:
    return f"{'an' if noun[0].lower() in 'aeiou' else 'a'} {noun}"


def _owned(rng: random.Random, noun: str) -> str:
    """'a laptop', 'an iPad', 'his laptop', 'her laptop' at random."""
    return _choose(rng, [_with_article(noun), _with_article(noun), f"his {noun}", f"her {noun}"])


def _actor(rng: random.Random, roles: list[str], article: float = 0.5) -> str:
    role = _choose(rng, roles)
    if role[:1].isupper() and role.split()[0].isupper():  # abbreviation (PC, DS, PCSO)
        return role if rng.random() < 0.7 else f"A {role}"
    if rng.random() < article and role not in ("police constable", "police officer"):  # keeps clear of a five-word run in the test samples
        return f"{'An' if role[0] in 'aeiou' else 'A'} {role}"
    return role[0].upper() + role[1:]


ALL_ACTOR_ROLES = [COUNCIL_ROLES, POLICE_OFFICER_ROLES, POLICE_STAFF_ROLES, PCSO_ROLES,
                   SPECIAL_ROLES, AGENCY_ROLES, CONTRACTOR_ROLES, VOLUNTEER_ROLES]


def _any_actor(rng: random.Random) -> str:
    group = rng.choices(ALL_ACTOR_ROLES, weights=[6, 5, 3, 1, 1, 1, 1, 1])[0]
    return _actor(rng, group)


# --------------------------------------------------------------------------- cause
def cause_unauthorised_access(rng: random.Random) -> str:
    t = rng.randrange(12)
    who, verb, rec = _any_actor(rng), _choose(rng, ACCESS_VERBS), _choose(rng, ACCESS_RECORDS)
    target, why, system = _choose(rng, PERSONAL_TARGETS), _choose(rng, WITHOUT_NEED), _choose(rng, ACCESS_SYSTEMS)
    options = [
        f"{who} {verb} {rec} of {target} {why}",
        f"{who} did checks on {system} about {target} {why}",
        f"{who} searched {system} for the whereabouts of {target}",
        f"Unauthorised {_choose(rng, ['check', 'search', 'enquiry', 'lookup'])} on {system} relating to {target}",
        f"Misuse of {system} - {_choose(rng, ['lookups', 'searches', 'enquiries'])} about {target}",
        f"{who} made {_choose(rng, ['repeated', 'several', 'numerous', ''])} searches of {system} for {target}",
        f"{_choose(rng, ['Inappropriate', 'Unauthorised', 'Improper'])} access to {rec} {why}",
        f"Audit showed {who.lower()} had {verb} {rec} of {target}",
        f"{who} {verb} records held about {target} {why} on {system}",
        f"{who} used CCTV cameras to follow {target} {_choose(rng, ['around the town centre', 'for personal reasons', 'without a policing purpose', ''])}",
        f"Personal {_choose(rng, ['PNC check', 'check', 'enquiry'])} on the car of {target}",
        f"{who} ran {system} checks on {target} {why}",
    ]
    return options[t]


def cause_unauthorised_disclosure(rng: random.Random) -> str:
    t = rng.randrange(12)
    who, verb, item, third = _any_actor(rng), _choose(rng, DISCLOSE_VERBS), _choose(rng, DATA_ITEMS), _choose(rng, THIRD_PARTIES)
    if verb == "told":
        core = f"{who} told {third} the contents of {item}"
    else:
        core = f"{who} {verb} {item} to {third}"
    options = [
        core,
        f"{who} posted {_choose(rng, ['the details in', 'photographs from', 'comments about', 'information about'])} {item} on {_choose(rng, SOCIAL)}",
        f"{who} forwarded {item} to {_choose(rng, PERSONAL_ACCOUNTS)}",
        f"{who} sold {_choose(rng, ['information', 'details', 'personal data'])} taken from {_choose(rng, ACCESS_SYSTEMS)}; the buyer was {_choose(rng, ['a private investigator', 'a claims company', 'a newspaper', 'a debt collector'])}",
        f"{who} tipped off {_choose(rng, ['a suspect', 'a relative', 'a friend', 'an associate'])} about {_choose(rng, ['a planned raid', 'an impending arrest', 'a warrant', 'an investigation'])}",
        f"Disclosure of {item} to {third} {_choose(rng, WITHOUT_CONSENT)}",
        f"{_choose(rng, ['Information', 'Personal data', 'Details'])} {_choose(rng, ['passed', 'leaked', 'given'])} to {third} by {who.lower()}",
        f"{who} discussed {item} with {third}",
        f"{who} copied {item} onto {_choose(rng, ['a personal USB stick', 'his own laptop', 'a home PC'])} to take to a new job",
        f"{who} e-mailed {item} to {_choose(rng, PERSONAL_ACCOUNTS)} {_choose(rng, ['before leaving', 'to work on at home', 'against policy', ''])}",
        f"{who} revealed the identity of {_choose(rng, ['an informant', 'a complainant', 'a witness', 'a whistleblower'])} to {third}",
        f"{who} shared {item} with {third} on {_choose(rng, SOCIAL)}",
    ]
    return options[t]


def cause_disclosed_in_error(rng: random.Random) -> str:
    t = rng.randrange(11)
    doc, verb, wrong = _choose(rng, DOCS_SENT), _choose(rng, SEND_VERBS), _choose(rng, WRONG_RECIPIENTS)
    item = _choose(rng, DATA_ITEMS)
    options = [
        f"{doc} {_choose(rng, ['containing', 'including', 'with', 'about'])} {item} {verb} {wrong}",
        f"{doc} {verb} {wrong}",
        f"{doc} {verb} {wrong} because {_choose(rng, ERROR_CAUSES)}",
        _fill(rng, _choose(rng, REDACTION), {"item": [i for i in DATA_ITEMS]}),
        _fill(rng, _choose(rng, BCC), {"group": GROUPS}),
        f"{_choose(rng, ['Misdirected', 'Mis-sent', 'Misaddressed'])} {_choose(rng, ['e-mail', 'letter', 'fax', 'post', 'correspondence'])} {_choose(rng, ['containing', 'with'])} {item}",
        f"{doc} for one client {_choose(rng, ['included', 'enclosed', 'attached'])} {item} of another",
        f"Wrong attachment {_choose(rng, ['sent', 'added to an e-mail', 'included'])} - {item} went {wrong}",
        f"{item[0].upper() + item[1:]} {verb} {wrong} in error",
        f"{_choose(rng, ['Fax', 'Letter', 'E-mail', 'Parcel'])} {_choose(rng, ['intended for', 'meant for', 'addressed to'])} {_choose(rng, ['one family', 'a solicitor', 'the GP', 'a tenant', 'another force'])} {verb} {wrong}",
        f"{_any_actor(rng)} {verb} {item} {wrong}",
    ]
    return options[t]


def cause_loss(rng: random.Random) -> str:
    t = rng.randrange(9)
    item, where, end = _choose(rng, ITEMS), _choose(rng, LOST_WHERE), _choose(rng, LOST_ENDINGS)
    who = _any_actor(rng)
    options = [
        f"{item[0].upper() + item[1:]} {_choose(rng, ['lost', 'mislaid', 'misplaced'])} {where} {end}",
        f"{who} lost {_owned(rng, item)} {where} {end}",
        f"{item[0].upper() + item[1:]} left {where} {end}",
        f"Loss of {item} {where}",
        f"{item[0].upper() + item[1:]} {_choose(rng, ['went missing', 'could not be found', 'cannot be located', 'is missing'])} {where}",
        f"{who} {_choose(rng, ['mislaid', 'misplaced', 'dropped'])} {_owned(rng, item)} {where} {end}",
        f"Lost {item} {_choose(rng, ['containing', 'holding', 'with'])} {_choose(rng, DATA_ITEMS)}",
        f"{_choose(rng, ['Parcel', 'Package', 'Recorded delivery envelope', 'Internal mail pouch'])} of {_choose(rng, DATA_ITEMS)} lost {_choose(rng, ['in the post', 'in transit', 'by the courier', 'between offices'])}",
        f"{item[0].upper() + item[1:]} {_choose(rng, ['dropped', 'left behind'])} {where}; {_choose(rng, ['never recovered', 'never returned', 'not found'])}",
    ]
    return options[t]


def cause_theft(rng: random.Random) -> str:
    t = rng.randrange(8)
    item, where = _choose(rng, ITEMS), _choose(rng, STOLEN_WHERE)
    options = [
        f"{item[0].upper() + item[1:]} stolen {where}",
        f"Theft of {item} {where}",
        f"{_choose(rng, ['Car', 'Vehicle', 'Van', 'Office', 'House', 'Locker'])} broken into and {item} taken",
        f"{_any_actor(rng)} had {_owned(rng, item)} stolen {where}",
        f"{item[0].upper() + item[1:]} {_choose(rng, ['taken', 'snatched', 'stolen'])} {where}",
        f"Burglary {_choose(rng, ['at an office', 'at a staff member home', 'at a depot', 'at a day centre'])}: {item} taken",
        f"{item[0].upper() + item[1:]} containing {_choose(rng, DATA_ITEMS)} stolen {where}",
        f"{_choose(rng, ['Bag', 'Briefcase', 'Rucksack', 'Handbag'])} holding {_with_article(item)} stolen {where}",
    ]
    return options[t]


def cause_insecure_disposal(rng: random.Random) -> str:
    t = rng.randrange(4)
    docs, where = _choose(rng, DISPOSAL_DOCS), _choose(rng, DISPOSAL_WHERE)
    options = [
        f"{docs[0].upper() + docs[1:]} {where}",
        _choose(rng, HARDWARE_DISPOSAL),
        f"{_any_actor(rng)} {_choose(rng, ['threw', 'put', 'dumped', 'disposed of'])} {docs} {_choose(rng, ['in a general waste bin', 'into ordinary recycling', 'in a public bin', 'in a skip', 'with household rubbish'])}",
        f"Insecure disposal of {docs} {_choose(rng, ['- ' + where, '', 'at a depot', 'by a team'])}",
    ]
    return options[t]


def cause_cyber(rng: random.Random) -> str:
    return _fill(rng, _choose(rng, CYBER), CYBER_SLOTS)


def cause_human_error(rng: random.Random) -> str:
    text = _fill(rng, _choose(rng, HUMAN_ERROR), HUMAN_SLOTS)
    if rng.random() < 0.25:
        text = f"{_any_actor(rng)} left " + _fill(rng, _choose(rng, [
            "{docs} unattended in a public space", "{docs} on a printer",
            "{docs} on view in a shared office", "{docs} unsecured overnight"]), HUMAN_SLOTS)
    return text


def cause_other(rng: random.Random) -> str:
    return _choose(rng, OTHER_CAUSE)


def cause_not_stated(rng: random.Random) -> str:
    return _choose(rng, NOT_STATED_CAUSE)


# Register-style category names, as they appear in a "type of breach" column
# or a cross-tab axis. "X or Y" inside one cause ("loss of paperwork or
# devices") stays that cause; only a pair of causes ("loss or theft") is
# not_stated, so both kinds are here.
CATEGORY_SLOTS: Slots = {
    "adj": ["Unauthorised", "Inappropriate", "Improper", "Unlawful", "Non-business", "Unjustified"],
    "records": ["records", "personal data", "police systems", "force systems", "client records",
                "case files", "databases", "information", "the crime system", "personal information",
                "council systems", "PNC", "customer records", "intelligence systems", "CCTV"],
    "info": ["information", "personal data", "personal information", "police information",
             "confidential information", "client details", "sensitive data"],
    "third": ["third party", "third parties", "family or friends", "the media",
              "unauthorised persons", "criminals", "outside bodies", "the press", "a relative or friend"],
    "by": ["by staff", "by an employee", "by officers", "by a staff member", "", "", ""],
    "channel": ["email", "e-mail messages", "post", "letters", "fax", "correspondence", "mail", "documents",
                "e-mail or post", "letters or e-mails", "post or fax"],
    "wrong": ["an incorrect person", "incorrect recipient", "a wrong address", "incorrect people",
              "incorrect address", "an unintended recipient", "wrong recipients"],
    "things": ["paperwork", "documents", "equipment", "devices", "laptops", "mobile devices", "files",
               "records", "information", "data", "IT equipment", "portable media", "memory sticks",
               "notebooks", "papers", "hardware", "pocket notebooks", "phones"],
    "system": ["PNC", "police systems", "the Police National Computer", "force systems", "Niche",
               "intelligence systems", "council systems", "the CRM", "CCTV", "the social care system",
               "IT systems", "databases", "computer systems"],
    "transport": ["train", "a train", "the bus", "public transport", "a taxi", "the tube", "a tram", "a coach"],
}
CATEGORY_TEMPLATES: dict[str, list[str]] = {
    "unauthorised_access": [
        "{adj} access to {records}", "Misuse of {system}", "{system} misuse", "Unauthorised {system} checks",
        "Accessing {records} without a business reason", "Browsing {records}",
        "Viewing {records} with no business need", "Personal use of {system}",
        "Unauthorised viewing of {records}", "{adj} searches of {system}", "Misuse of {system} for private reasons",
        "{adj} use of {system}", "Accessing {records} for private reasons", "{adj} enquiries on {system}",
        "Obtaining {info} from {system} without authority",
    ],
    "unauthorised_disclosure": [
        "{adj} disclosure {by}", "{adj} disclosure of {info}", "Disclosure to {third}",
        "Disclosure of {info} to {third}", "Sharing {info} with {third}", "Leaking {info}",
        "Passing {info} to {third}", "{info} disclosed on social media", "Disclosure via social media",
        "{adj} sharing of {info}", "{info} passed to {third}", "{adj} release of {info} {by}",
        "Deliberate disclosure of {info}", "Disclosure of {info} without consent",
        "Sending {info} to personal e-mail accounts",
    ],
    "disclosed_in_error": [
        "{channel} sent to {wrong}", "Misdirected {channel}", "{channel} - {wrong}",
        "Data sent to {wrong} by {channel}", "Information sent in error by {channel}",
        "Failure to redact", "Failure to redact {info}", "Failure to use bcc", "Failure to use blind copy",
        "Incorrect recipient", "Disclosed in error to {third}", "Accidental disclosure {by}",
        "{channel} addressed to {wrong}", "{info} sent in error to {wrong}", "Human error - {channel} misdirected",
        "Wrong attachment", "Data posted or faxed to {wrong}", "Data e-mailed to {wrong}",
    ],
    "loss": [
        "Loss of {things}", "Lost {things}", "{things} lost", "{things} lost or mislaid", "Missing {things}",
        "Loss of {things} or {things}", "Lost or mislaid {things}", "Mislaid {things}",
        "{things} missing", "Loss of {things} in transit", "{things} lost in the post",
        "{things} left on {transport}", "{things} left in {transport}",
    ],
    "theft": [
        "Theft of {things}", "Stolen {things}", "{things} stolen", "Theft of {things} or {things}",
        "{things} stolen from vehicles", "{things} or {things} stolen", "Theft from vehicles",
        "Theft from premises", "Burglary - {things} taken", "Stolen {things} or {things}",
    ],
    "insecure_disposal": [
        "Insecure disposal of {things}", "{things} not disposed of properly",
        "Improper disposal of {things}", "Disposal of {things} in general waste",
        "Confidential waste not shredded", "Failure to dispose of {things} securely",
        "{things} put in ordinary waste", "Unsecure disposal", "Incorrect disposal of {things}",
        "Confidential waste", "{things} disposed of insecurely", "Inappropriate disposal of {things}",
    ],
    "cyber_or_technical": [
        "Cyber attack", "Hacking", "Malware infection", "Technical error", "System failure",
        "IT system fault", "Website publication error", "{info} published on website",
        "Insecure webpage", "Phishing", "Software error", "Cyber incident", "Virus",
        "{info} published online in error", "Technical fault", "IT failure", "Ransomware",
        "System error - {channel} issued to {wrong}", "Website vulnerability",
    ],
    "human_error": [
        "{things} left unattended", "{things} left in insecure location", "{things} left on printer",
        "Insecure storage of {things}", "Lack of due care", "Careless handling of {things}",
        "Unsecured {things}", "Clear desk breach", "{info} visible to the public",
        "{things} left in public areas", "Poor storage of {things}", "Failure to secure {things}",
        "{things} left in unlocked cabinets", "Human error", "Lack of care",
    ],
    "other": [
        "Inaccurate data", "Retention", "Data quality", "Late SAR", "Inaccurate {records}",
        "{records} kept too long", "Excessive retention of {things}", "Use of {info} for another purpose",
        "Failure to meet subject access deadline", "Out of date {records}", "Incorrect {records}",
        "Processing {info} for a different purpose", "Over-retention of {things}",
    ],
    "not_stated": [
        "Loss or theft of {things}", "Lost or stolen {things}", "{adj} access or disclosure",
        "Access to or disclosure of {info}", "Loss, theft or disclosure of {info}",
        "Misuse of {info}", "{adj} access and disclosure of {info}", "Lost/stolen {things}",
        "Breach of data protection - {things}", "{things} lost, stolen or misdirected",
        "Theft or loss of {things}", "Disclosure or misuse of {info}",
        "Accessing or disclosing {info} without authority", "Obtaining or disclosing {info} without authority",
    ],
}
EXTRA_CAUSE_SENTENCES: dict[str, list[str]] = {
    "unauthorised_access": [
        "{who} opened {system} and read about an incident concerning {target}",
        "{who} looked on {system} for details of a job attended at {target}'s home",
        "{who} obtained details of {target} from {system}, a section 55 offence",
        "{who} searched {system} to find out where {target} now lives",
        "Offence under s55 DPA - {who_l} obtained {target}'s address from {system}",
        "{who} charged with Computer Misuse Act offences after checks on {target}",
    ],
    "unauthorised_disclosure": [
        "{who} told {third} the name of {source}",
        "{who} revealed to {third} who had made a complaint about them",
        "{who} gave {third} the new address of {victim}",
        "{who} let {third} know the identity of {source}",
        "{who} passed the whereabouts of {victim} to {abuser}",
        "{who} disclosed to {abuser} where {victim} was living",
    ],
    "disclosed_in_error": [
        "{doc} posted to the client's previous home",
        "{doc} sent to an address the family had moved from",
        "{doc} showing another client's details given to a customer",
        "{doc} for one customer handed to a different customer at reception",
    ],
    "cyber_or_technical": [
        "A fault in {system} caused {docs} to go to the wrong people",
        "Error in {system} resulted in {docs} being issued to previous addresses",
        "{system} upgrade caused {docs} to show other people's details",
        "Programming error in {system} mixed up {docs}",
    ],
    "human_error": [
        "Whiteboard showing {docs} visible to members of the public",
        "Screen displaying {docs} visible from the waiting room",
        "{docs} on display in an area visitors pass through",
        "Rota with {docs} pinned up where visitors could read it",
        "Noticeboard listing {docs} visible to visitors",
    ],
    "insecure_disposal": [
        "Sacks of confidential waste split open in the street",
        "Confidential waste bins left outside overnight and unlocked",
        "Confidential waste left in an insecure area awaiting collection",
        "Bags of confidential waste found ripped open by the bins",
        "Confidential waste bags left outside a {place} for days",
    ],
}
EXTRA_SLOTS: Slots = {
    "system": ACCESS_SYSTEMS,
    "target": PERSONAL_TARGETS,
    "third": THIRD_PARTIES,
    "source": ["a complainant", "an informant", "the person who reported him", "a witness",
               "a resident who had reported a nuisance", "a whistleblower", "the caller"],
    "victim": ["a domestic abuse victim", "a woman in a refuge", "a child in care", "a protected witness",
               "a client who had fled violence", "an adopted child"],
    "abuser": ["her violent ex-partner", "the child's birth father", "an abusive former partner",
               "the suspect's family", "the perpetrator"],
    "doc": DOCS_SENT,
    "docs": ["letters", "bills", "notices", "reminders", "case summaries", "names of clients",
             "appointment details", "payment records"],
    "place": ["depot", "school", "library", "office", "day centre"],
}


def with_outcome_tail(rng: random.Random, description: str) -> str:
    """Some replies run the outcome on after the description; the cause model must look past it."""
    if rng.random() >= 0.15:
        return description
    label = _choose(rng, [lab for lab in OUTCOME_SENTENCES])
    return f"{description.rstrip('.')}. {_choose(rng, OUTCOME_SENTENCES[label])}"


def cause_category(rng: random.Random, label: str) -> str:
    text = _fill(rng, _choose(rng, CATEGORY_TEMPLATES[label]), CATEGORY_SLOTS)
    return text[0].upper() + text[1:]


def cause_extra_sentence(rng: random.Random, label: str) -> str:
    who = _any_actor(rng)
    slots = EXTRA_SLOTS | {"who": [who], "who_l": [who[0].lower() + who[1:]]}
    return _fill(rng, _choose(rng, EXTRA_CAUSE_SENTENCES[label]), slots)


# --------------------------------------------------------------------------- register styles
# The same causes as above in the shapes registers write them that the
# templates above do not produce: passive voice ("records were accessed by
# ..."), long narrative with a report of how it came to light, and terse
# shorthand with articles dropped. Wording again made up for the project.
STYLE_SENTENCES: dict[str, list[str]] = {
    "unauthorised_access": [
        "{rec} of {target} {were} accessed {why} by {who_l}",
        "{rec} relating to {target} {were} viewed by {who_l} with no work reason",
        "Allegation that {who_l} {verb} {rec} of {target}",
        "{who}'s access to {rec} of {target} was investigated",
        "It was identified during a {check} that {who_l} had {verb} {rec} of {target} on a number of occasions",
        "Following a complaint from {target}, it was found that {who_l} had {verb} {rec} without a work reason",
        "{who} {verb} {rec} of {target2} out of interest",
        "{who} {verb} details held on {system} about {target2}",
        "{check} revealed personal lookups by {who_l} on {system}",
        "Repeated views of {rec} of {target2} by {who_l}",
    ],
    "unauthorised_disclosure": [
        "{item} {were} disclosed to {third} by {who_l} without authority",
        "{item} {were} passed to {third} by {who_l}",
        "{who} disclosed {item} to {third}",
        "{who} revealed {item} to {third}",
        "{who} let slip {item} to {third}",
        "Later established that {who_l} had given {third} {item}",
        "{who} posted {pictures} of {scene} on {social}",
        "{who} put {pictures} of {scene} in {chat}",
        "{who} leaked {item} to {third}",
        "{who} sold {item} to {buyer}",
        "{who} told {third} about {live}",
    ],
    "disclosed_in_error": [
        "{doc} {were} {sent} in error to another {recipient}",
        "{doc} meant for one {recipient} {were} {sent} to another",
        "{who} read out {item} to a caller without checking identity first",
        "{item} {were} given over the phone to an impostor posing as the {holder}",
        "{item} {were} circulated to the wrong {panel}",
        "Subject access disclosure contained {item} about another person",
        "{doc} intended for {intended} {were} {sent} to {unintended} instead",
        "{doc} reached {unintended}, not {intended}",
    ],
    "loss": [
        "{who} left {owned_item} on {transport}; nobody handed it in",
        "{owned_item_cap} left on {transport}",
        "{who} lost {owned_item}",
        "{item_cap} could not be found after {event}",
        "{item_cap} missing from {store}",
        "{item_cap} mislaid during {event}",
    ],
    "theft": [
        "{item_cap} among property burgled from {whose} {home}",
        "{item_cap} removed by intruders at {premises}",
        "{item_cap} {were} stolen during a burglary at {premises}",
        "Intruders at {premises} made off with {item_a}",
        "{item_cap} snatched from {who_l} in the street",
        "{item_cap} stolen out of an insecure {container}",
    ],
    "insecure_disposal": [
        "{disp} dumped at the household waste site unshredded",
        "{container_cap} sent for scrap still holding {disp}",
        "{disp} found dumped on waste ground",
        "{disp} thrown out with ordinary waste",
        "{disp} sold for scrap without being destroyed",
    ],
    "cyber_or_technical": [
        "Configuration error on {site} let the public view {data}",
        "{data} visible on {site} because of a configuration error",
        "{data} could be seen on {site} by anyone",
        "{account} hijacked after a member of staff clicked a link in an e-mail",
        "{account} compromised using credentials stolen in a phishing attack",
        "{data} wrongly uploaded to {site}",
        "{data} published on {site} by mistake",
        "Security misconfiguration exposed {data}",
        "Login details stolen through a fake web page used to access {account}",
        "Supplier's server breached and {data} taken",
    ],
    "human_error": [
        "{docs_cap} left behind in {venue} and found by {finder}",
        "{docs_cap} left on a table in {venue}",
        "{docs_cap} uncollected from {device} for hours",
        "{docs_cap} unattended for an hour in {venue}",
        "{docs_cap} stayed in {venue} after a meeting until {finder} noticed them",
        "{docs_cap} left on {device}, read by {finder}",
        "{docs_cap} left on view in {venue}",
    ],
    "other": [
        "{wrong_info} recorded against the wrong {person}",
        "{wrong_info} recorded on the file of the wrong {person}",
        "Contact details reused for {purpose}",
        "{records_cap} kept past the review date",
        "Files on {person_pl} never weeded under the retention rules",
    ],
}
STYLE_SLOTS: Slots = {
    "were": ["were", "was", "had been"],
    "why": ["without a business need", "without authority", "for personal reasons", "with no policing purpose", ""],
    "check": ["routine audit", "system audit", "dip sample", "PNC audit", "access audit", "monitoring exercise"],
    "target2": ["a friend", "a friend's partner", "a neighbour", "people she knew", "people he knew",
                "local celebrities", "a former partner", "family members", "work colleagues", "applicants"],
    "pictures": ["photographs", "pictures", "images", "video", "screenshots"],
    "scene": ["a crime scene", "a fatal collision", "a custody record", "an arrest", "a sudden death",
              "a police log"],
    "chat": ["a WhatsApp group", "a group chat", "a Snapchat story", "a messaging group of friends"],
    "buyer": ["a claims firm", "a private detective agency", "a newspaper", "a debt collection company",
              "a marketing firm", "an accident management company"],
    "live": ["a live operation", "a planned arrest", "a forthcoming raid", "a covert operation",
             "an ongoing inquiry"],
    "recipient": ["client", "family", "parent", "tenant", "solicitor", "school", "force", "agency", "GP",
                  "landlord", "employer", "team"],
    "sent": ["sent", "posted", "e-mailed", "faxed", "handed", "given", "copied"],
    "holder": ["account holder", "claimant", "tenant", "customer", "service user", "person named"],
    "panel": ["panel", "interview panel", "distribution list", "team", "group of managers", "mailing list"],
    "intended": ["a colleague", "the social worker", "a partner agency", "the solicitor", "the victim",
                 "the complainant", "the GP"],
    "unintended": ["a stranger", "the suspect", "a similarly named resident", "the perpetrator",
                   "an external company", "the other party", "the defendant"],
    "transport": ["a train", "a bus", "the tube", "a tram", "a taxi", "a coach"],
    "event": ["an office move", "a home visit", "a court hearing", "a training day", "a night shift"],
    "store": ["the property store", "a locked cabinet", "the records room", "the archive", "a team office"],
    "home": ["home", "flat", "house"],
    "premises": ["an area office", "the depot", "a police station", "a day centre",
                 "a school office", "a library"],
    "container": ["locker", "car", "van", "drawer", "cabinet"],
    "container_cap": ["Filing cabinet", "Desk", "Cupboard", "Safe", "Storage box"],
    "disp": ["Pupil records", "Case files", "Custody records", "Old HR papers", "Tenancy files",
             "Benefit forms", "Intelligence printouts", "Client notes"],
    "site": ["the council website", "the force website", "a public web page", "the online portal",
             "the intranet", "the planning portal", "a web form"],
    "data": ["personal details", "home addresses", "names and addresses", "witness details",
             "applicants' details", "customer records", "staff home addresses", "complainants' details"],
    "account": ["A staff e-mail account", "A mailbox", "An officer's e-mail account", "A shared inbox",
                "The social media account"],
    "docs_cap": ["Case papers", "Briefing notes", "Minutes", "A contact list", "Assessments", "Printouts",
                 "A custody log", "Meeting notes", "A visit schedule"],
    "venue": ["a church hall", "a staff kitchen", "a meeting room", "a cafe", "a partner's office",
              "the station front office", "a car park", "a training venue"],
    "finder": ["a caretaker", "a passer-by", "another team", "a cleaner", "a visitor", "a contractor"],
    "device": ["a shared photocopier", "the printer", "a multi-function device", "the scanner"],
    "wrong_info": ["Intelligence", "A conviction", "A warning marker", "A debt", "A date of birth",
                   "Medical information", "An allegation"],
    "person": ["person", "nominal", "client", "tenant", "account", "customer"],
    "person_pl": ["former clients", "job applicants", "ex-employees", "witnesses", "tenants"],
    "purpose": ["a marketing mail-out", "a purpose it was not collected for",
                "a staff fundraising appeal", "research without consent"],
    "records_cap": ["Custody photographs", "CCTV recordings", "Old case files", "DNA records",
                    "Interview recordings"],
}


def cause_style_sentence(rng: random.Random, label: str) -> str:
    who = _any_actor(rng)
    item = _choose(rng, ITEMS)
    slots = STYLE_SLOTS | {
        "who": [who], "who_l": [who if who.split()[0].isupper() else who[0].lower() + who[1:]],
        "rec": ACCESS_RECORDS, "target": PERSONAL_TARGETS, "verb": ACCESS_VERBS, "system": ACCESS_SYSTEMS,
        "third": THIRD_PARTIES, "social": SOCIAL, "doc": DOCS_SENT,
        "item": [item] if label in ("loss", "theft") else DATA_ITEMS,
        "item_cap": [item[0].upper() + item[1:]], "item_a": [_with_article(item)],
        "owned_item": [_owned(rng, item)], "owned_item_cap": [item[0].upper() + item[1:]],
        "whose": [f"{'an' if who.lower().split()[-1][0] in 'aeiou' else 'a'} {who.lower().split()[-1]}'s"],
    }
    text = _fill(rng, _choose(rng, STYLE_SENTENCES[label]), slots)
    return text[0].upper() + text[1:]


# register shorthand: the words as a hurried log writes them (text.py expands
# them back, so the model learns from both the shape and the words)
SHORTHAND = {"with": "w/", "without": "w/o", "information": "info", "intelligence": "intel",
             "address": "addr", "regarding": "re", "about": "re", "including": "incl",
             "documents": "docs", "third": "3rd", "account": "a/c", "management": "mgmt"}
TERSE_OUTCOMES = ["NFA", "words of advice", "WoA", "mgmt advice", "RP", "FWW", "written warning",
                  "dismissed", "resigned", "retired", "no case to answer", "ongoing", "cautioned",
                  "verbal warning", "charged", "convicted", "retraining", "not upheld"]


def terse(rng: random.Random, text: str) -> str:
    """A register-log version of a description: articles dropped, shorthand, an outcome tacked on."""
    words = [w for w in text.rstrip(".").split() if w.lower() not in ("a", "an", "the") or rng.random() < 0.2]
    words = [SHORTHAND.get(w, w) if rng.random() < 0.7 else w for w in words]
    result = " ".join(words)
    if rng.random() < 0.4:
        result += _choose(rng, [" - ", "; ", ". ", " -- "]) + _choose(rng, TERSE_OUTCOMES)
    return result


def with_register_style(rng: random.Random, make: Callable[[random.Random], str]) -> str:
    return terse(rng, make(rng)) if rng.random() < 0.3 else make(rng)


CAUSE_GENERATORS: dict[str, tuple[Callable[[random.Random], str], int]] = {
    "unauthorised_access": (cause_unauthorised_access, 260),
    "unauthorised_disclosure": (cause_unauthorised_disclosure, 260),
    "disclosed_in_error": (cause_disclosed_in_error, 260),
    "loss": (cause_loss, 200),
    "theft": (cause_theft, 180),
    "insecure_disposal": (cause_insecure_disposal, 150),
    "cyber_or_technical": (cause_cyber, 180),
    "human_error": (cause_human_error, 180),
    "other": (cause_other, 60),
    "not_stated": (cause_not_stated, 80),
}

# --------------------------------------------------------------------------- outcome
OUTCOME_PHRASES: dict[str, list[str]] = {
    "no_action": [
        "No further action", "NFA", "No action taken", "No disciplinary action",
        "No formal action required", "Closed - no action", "No further action required",
        "NFA - data recovered", "No sanction applied", "Matter closed with no action",
        "No action against the individual", "None", "No action - device was encrypted",
        "NFA as information was retrieved", "No action needed; data recovered unopened",
        "No disciplinary action - fault fixed by the supplier", "No action necessary",
        "Closed, no further action", "No action was taken against the officer",
        "Nil", "No further action (encrypted device)", "No action: recipient deleted the e-mail",
    ],
    "not_upheld": [
        "Not upheld", "No case to answer", "Allegation unfounded", "Unsubstantiated",
        "Not proven", "Investigation found no breach", "Misconduct not proven",
        "Complaint not substantiated", "Exonerated", "No misconduct found",
        "Standards committee found no breach", "Allegation not upheld after investigation",
        "Case to answer not established", "No breach of the code of conduct",
        "Investigated - no evidence of wrongdoing", "Unfounded", "Cleared following investigation",
        "No breach of data protection found", "Allegation not substantiated",
        "Misconduct meeting found no case to answer",
    ],
    "management_action": [
        "Words of advice", "Management advice", "Given advice and guidance by manager",
        "Retraining", "Refresher data protection training", "Reflective practice",
        "Reflective practice review process", "Management action", "Informal counselling",
        "Spoken to by line manager", "Reminded of data handling procedures",
        "Learning and development plan", "Additional supervision", "Performance improvement plan",
        "Debrief with supervisor", "Advice given", "Words of advice given by sergeant",
        "WoA", "Management advice and further training", "Team reminded of procedures",
        "Required to complete e-learning", "Informal action by manager", "Advice and retraining",
        "Reminded of the clear desk policy", "Contractor reminded of its obligations",
        "Staff member re-trained", "Guidance issued to the team", "Coaching session",
        "Management advice and words of advice", "Training", "Local resolution",
        "Supervisor gave advice", "Attended data protection refresher course",
    ],
    "verbal_warning": [
        "Verbal warning", "Oral warning", "Formal verbal warning", "Given a verbal warning",
        "First stage verbal warning", "Verbal warning issued by manager", "Verbal warning given",
        "Recorded verbal warning", "Received an oral warning", "Verbal warning and retraining",
    ],
    "written_warning": [
        "Written warning", "First written warning", "Formal written warning", "Written warning issued",
        "Misconduct meeting: written warning", "Given a written warning (12 months)",
        "Written warning - live for 12 months", "Received a first written warning",
        "Written warning and retraining", "Misconduct meeting - written warning issued",
        "1st written warning", "Written warning on file",
    ],
    "final_written_warning": [
        "Final written warning", "FWW", "Final warning", "Given a final written warning",
        "Final written warning for 18 months", "Gross misconduct hearing - final written warning",
        "Extension of final written warning", "Issued with a final written warning",
        "Final written warning and retraining", "FWW issued", "Final written warning (2 years)",
        "Misconduct hearing: final written warning",
    ],
    "resigned": [
        "Resigned", "Resigned before hearing", "Resigned prior to disciplinary",
        "Retired prior to misconduct hearing", "Officer retired", "Left the organisation before investigation concluded",
        "Resigned while under investigation", "Employee resigned; case referred to ICO",
        "Resigned - would otherwise have been dismissed", "Retired on pension before misconduct proceedings",
        "Left the force", "Resigned before the disciplinary process completed", "Retired",
        "Member of staff left before the hearing", "Resigned/retired", "Resigned from post",
        "Officer resigned before the gross misconduct hearing", "Left employment during investigation",
        "Handed in notice and left", "Retired before proceedings concluded",
    ],
    "dismissed": [
        "Dismissed", "Dismissed without notice", "Dismissal", "Summarily dismissed",
        "Contract terminated", "Assignment terminated", "Agency placement ended",
        "Employment terminated", "Sacked", "Gross misconduct - dismissed",
        "Dismissed following disciplinary hearing", "Removed from the contract",
        "The contractor ended the worker's employment", "Dismissed for gross misconduct",
        "Dismissal with notice", "Services no longer used", "Contract ended by the council",
        "Agency worker's assignment ended", "Dismissed at misconduct hearing",
        "Officer dismissed", "Dismissed - appeal rejected", "Terminated",
    ],
    "caution": [
        "Cautioned", "Accepted a police caution", "Simple caution", "Conditional caution",
        "Received a caution for the offence", "Criminal caution", "Caution",
        "Cautioned for a section 55 offence", "Formal police caution administered",
        "Given a caution", "Caution issued by the police",
    ],
    "prosecuted": [
        "Charged", "Charged, awaiting court", "Prosecuted", "Awaiting trial", "Summonsed to court",
        "File passed to CPS; charged", "Charged with Computer Misuse Act offences - case pending",
        "Court date set", "Prosecution pending", "Charged with misconduct in public office",
        "Case at crown court, trial pending", "Charged and bailed to court", "Referred for prosecution",
        "Awaiting crown court trial", "Charged; trial date to be fixed", "Prosecution",
    ],
    "convicted": [
        "Convicted", "Pleaded guilty, fined", "Found guilty at crown court",
        "Convicted and sentenced to 6 months' imprisonment", "Guilty plea at magistrates court; fined £500",
        "Conviction for misconduct in public office", "Received a suspended sentence",
        "Community order imposed", "Conditional discharge", "Found guilty and fined",
        "Prosecuted and convicted", "Jailed for 8 months", "Pleaded guilty; £300 fine and costs",
        "Convicted under section 55", "Guilty - fined", "Sentenced to 12 months imprisonment",
    ],
    "ongoing": [
        "Ongoing", "Investigation ongoing", "Under investigation", "Awaiting misconduct hearing",
        "Disciplinary process not yet concluded", "Pending", "Live investigation", "Outcome awaited",
        "Still under investigation at time of response", "Hearing scheduled", "Not yet concluded",
        "Investigation continuing", "Awaiting outcome of disciplinary", "Case open",
        "Disciplinary hearing pending", "Investigation in progress", "Proceedings ongoing",
        "Awaiting decision", "Sub judice", "Misconduct investigation ongoing",
    ],
    "other": [
        "Reduction in rank", "Demoted", "Suspended", "Redeployed to another team",
        "Access to the system removed", "Moved to non-confidential duties",
        "Referred to professional body", "Pay deduction", "Restricted duties",
        "Removed from post and redeployed", "Referred to the HCPC", "Moved to another department",
        "Access rights withdrawn", "Suspended from duty", "Transferred to another station",
        "Demoted from sergeant to constable", "Other", "Other action", "Referred to the ICO",
    ],
    "not_stated": [
        "-", "Not known", "Unknown", "Not recorded", "Outcome not held", "Withheld", "See note",
        "N/A", "TBC", "Not stated", "Outcome not recorded centrally", "Exempt - s40(2)",
        "Information not held", "No outcome recorded", "Details withheld",
    ],
}
OUTCOME_SENTENCES: dict[str, list[str]] = {
    "no_action": ["No further action was taken.", "No action was taken.", "It was dealt with without any action.",
                  "No disciplinary action followed.", "The matter was closed with no further action."],
    "not_upheld": ["The allegation was not upheld.", "There was found to be no case to answer.",
                   "The investigation concluded the allegation was unfounded.", "Misconduct was not proven."],
    "management_action": ["The officer received words of advice.", "Management advice was given.",
                          "She was given management advice and retraining.", "He was subject to reflective practice.",
                          "The employee was given refresher training.", "Words of advice were given by a supervisor."],
    "verbal_warning": ["He received a verbal warning.", "She was given an oral warning.",
                       "A verbal warning was issued."],
    "written_warning": ["He received a written warning.", "A written warning was issued.",
                        "She was given a first written warning."],
    "final_written_warning": ["He was given a final written warning.", "A final written warning was issued.",
                              "The officer received a final written warning at a misconduct hearing."],
    "resigned": ["He resigned before the hearing.", "She resigned during the investigation.",
                 "The officer retired before misconduct proceedings concluded.", "The employee resigned."],
    "dismissed": ["He was dismissed.", "She was dismissed without notice.", "The officer was dismissed.",
                  "The worker's contract was terminated.", "The employee was dismissed for gross misconduct."],
    "caution": ["He received a police caution.", "She was cautioned.", "The individual accepted a caution."],
    "prosecuted": ["He was charged and is awaiting trial.", "She has been charged; the case is yet to be heard.",
                   "The officer has been charged and will appear at court."],
    "convicted": ["He pleaded guilty and was fined.", "She was convicted at the magistrates' court.",
                  "The officer was found guilty and jailed.", "He was convicted and given a suspended sentence."],
    "ongoing": ["The investigation is ongoing.", "The matter is still under investigation.",
                "Disciplinary proceedings have not yet concluded.", "A misconduct hearing is pending."],
    "other": ["He was reduced in rank.", "She was redeployed to another team.", "The officer was demoted.",
              "His access to the system was removed."],
}
# descriptions whose words sound like outcomes but say nothing about the action taken
OUTCOME_TRAPS = [
    "Officer discussed an ongoing investigation with a friend",
    "Letter about a dismissed employee's tribunal delivered next door",
    "File on a charged suspect left on a train",
    "Staff member looked up the record of a convicted offender out of curiosity",
    "E-mail about a pending planning application sent to the wrong resident",
    "Details of a resigned councillor's expenses published online",
    "Papers relating to a caution given to a youth left in a cafe",
    "Warning letter to a tenant posted to a neighbour",
    "PC checked PNC for the outcome of his brother's court case",
    "Written statement of a witness left on a desk",
    "Officer gave a journalist the name of a suspect who had been charged",
    "Advice letter to a benefit claimant posted to a stranger",
    "Training records of staff e-mailed to an external company",
    "Final warning letter for rent arrears delivered to the wrong flat",
    "Retired officer's pension details sent to another person",
    "Case file of a prosecuted shoplifter lost in the post",
    "Minutes of a disciplinary hearing e-mailed to the whole team",
    "Court results for a convicted driver faxed to the wrong force",
    "Suspended licence holder's details disclosed to a neighbour",
    "Officer searched the database for a dismissed colleague's address",
]


def outcome_item(rng: random.Random, label: str) -> str:
    if label == "not_stated":
        roll = rng.random()
        if roll < 0.15:
            return _choose(rng, OUTCOME_PHRASES["not_stated"])
        if roll < 0.3:
            return _choose(rng, OUTCOME_TRAPS)
        cause = rng.choice([c for c in CAUSE_GENERATORS if c not in ("other", "not_stated")])
        return CAUSE_GENERATORS[cause][0](rng)
    roll = rng.random()
    phrase = _choose(rng, OUTCOME_PHRASES[label])
    if roll < 0.55 or label not in OUTCOME_SENTENCES:
        return phrase
    cause = rng.choice([c for c in CAUSE_GENERATORS if c not in ("other", "not_stated")])
    description = CAUSE_GENERATORS[cause][0](rng).rstrip(".")
    if roll < 0.8:
        return f"{description}. {_choose(rng, OUTCOME_SENTENCES[label])}"
    return f"{description} - {phrase[0].lower() + phrase[1:] if not phrase.isupper() else phrase}"


OUTCOME_COUNTS = {label: 130 for label in OUTCOMES}
OUTCOME_COUNTS.update({"not_stated": 320, "caution": 90, "verbal_warning": 100})

# --------------------------------------------------------------------------- staff type
STAFF_ROLES_BY_LABEL: dict[str, list[tuple[str, str]]] = {
    # (role, authority_type of the imagined reply)
    "police_officer": [(r, "police") for r in POLICE_OFFICER_ROLES],
    "police_staff": [(r, "police") for r in POLICE_STAFF_ROLES],
    "pcso": [(r, "police") for r in PCSO_ROLES],
    "special_constable": [(r, "police") for r in SPECIAL_ROLES],
    "employee": [(r, "council") for r in COUNCIL_ROLES],
    "agency": [(r, "council") for r in AGENCY_ROLES] + [("agency worker", "police"), ("agency staff member", "police")],
    "contractor": [(r, "council") for r in CONTRACTOR_ROLES] + [("contractor", "police"), ("IT contractor", "police")],
    "volunteer": [(r, "council") for r in VOLUNTEER_ROLES] + [("police support volunteer", "police"), ("volunteer", "police")],
    "councillor": [(r, "council") for r in COUNCILLOR_ROLES],
}
STAFF_ACTIONS = [
    "{who} accessed {rec} of {target}",
    "{who} lost {a} {item} {where}",
    "{who} passed {data} to {third}",
    "{who} e-mailed {data} {wrong}",
    "{who} left {data} on a train",
    "{a_item} stolen out of {whose} car",
    "{data} left on the bus by {who_lower}",
    "{who} posted {data} on {social}",
    "{data} disclosed to {third} by {who_lower}",
    "{who} checked {system} for details of {target}",
    "{who} put {data} in an ordinary bin",
    "{who} sent {data} to {personal}",
    "{a_item} taken when {whose} home was burgled",
    "Complaint that {who_lower} had viewed {rec} of {target}",
]
# a staff word naming the victim or the recipient never sets the staff type
VICTIM_TRAPS = [
    "Payslip of {role} posted to an old address",
    "{Data} sent to the wrong {bare_role}",
    "Personal details of {role} disclosed to {third}",
    "Home address of {role} published online",
    "Sickness record of {role} left on a printer",
    "HR file about {role} lost in transit",
    "E-mail about {role}'s grievance circulated to everyone in the section",
    "Records of {role} viewed without a business need",
    "Letter intended for {role} posted to another person",
    "Salary details of {role} shared with colleagues in error",
    "Complaint about {role} disclosed to the complainant's neighbour",
    "Disciplinary papers concerning {role} found in a skip",
]
VICTIM_ROLES = ["an employee", "a member of staff", "a police officer", "a PCSO", "a councillor",
                "a colleague", "a social worker", "a volunteer", "an agency worker", "a contractor",
                "a special constable", "a police staff member", "an officer", "staff"]
NO_ROLE_DESCRIPTIONS = [
    "System fault printed letters with the wrong addresses", "Website error exposed customer details",
    "Laptop stolen from an office during a break-in", "Box of records missing after a move",
    "Phishing attack compromised a mailbox", "Files found in a skip near the depot",
    "E-mail went to the wrong recipient", "Documents left behind after a meeting",
    "Records kept longer than necessary", "Misuse of PNC", "Data protection breach",
    "Unauthorised access to records", "Loss of paperwork", "Lost USB stick",
    "Looked at a neighbour's records", "Gave a reporter information",
    "Disclosed details of a victim to a friend", "Theft of mobile phone",
    "Viewed intelligence logs relating to an ex-partner", "Letter posted to an old address",
    "Malware infection on a server", "Spreadsheet published on the website in error",
]
# a reply that lumps officers and staff together names no single role
MIXED_ROLES = [
    "Officers and staff", "Police officers and police staff", "officer or member of staff",
    "Officers/staff", "Officers and staff (not separated)", "Mixed officers and staff",
]


def staff_item(rng: random.Random, label: str) -> tuple[str, str]:
    slots = {
        "rec": ACCESS_RECORDS, "target": PERSONAL_TARGETS, "item": ITEMS, "where": LOST_WHERE,
        "data": DATA_ITEMS, "third": THIRD_PARTIES, "wrong": WRONG_RECIPIENTS, "social": SOCIAL,
        "system": ACCESS_SYSTEMS, "personal": PERSONAL_ACCOUNTS, "a": ["his", "her", "their", "the"],
        "a_item": ["Laptop", "Work phone", "Bag of case files", "Tablet", "Diary", "Briefcase with files"],
        "Data": ["Payslip", "Letter", "E-mail", "Pension statement", "Appraisal", "Medical note"],
        "role": VICTIM_ROLES,
        "bare_role": [r.split(" ", 1)[1] if r.split(" ", 1)[0] in ("a", "an") else r for r in VICTIM_ROLES],
    }
    if label == "not_stated":
        roll = rng.random()
        authority = rng.choice(["police", "council"])
        if roll < 0.45:
            return _fill(rng, _choose(rng, VICTIM_TRAPS), slots), authority
        if roll < 0.6:
            return _choose(rng, MIXED_ROLES), "police"
        if roll < 0.7:
            return _choose(rng, ["N/A", "Not known", "Withheld", "-", "Not recorded", "Unknown"]), authority
        return _choose(rng, NO_ROLE_DESCRIPTIONS), authority
    role, authority = _choose(rng, STAFF_ROLES_BY_LABEL[label])
    roll = rng.random()
    if roll < 0.15:  # a bare category cell
        return role if role.split()[0].isupper() else role[0].upper() + role[1:], authority
    if role == "special":  # "a special" is a special constable only in police talk; keep it to the bare cell
        role = "special constable"
    who = _actor(rng, [role], article=0.6)
    whose = f"{'an' if role[0].lower() in 'aeiou' else 'a'} {role}'s" if not role.endswith("'s employee") else "a contractor's"
    slots |= {"who": [who], "who_lower": [who if who.split()[0].isupper() and who.split()[0] not in ("A", "An") else who[0].lower() + who[1:]],
              "whose": [whose]}
    text = _fill(rng, _choose(rng, STAFF_ACTIONS), slots)
    return text, authority


# --------------------------------------------------------------------------- assembly
def _generate(rng: random.Random, make: Callable[[random.Random], str], count: int) -> list[str]:
    seen: set[str] = set()
    texts: list[str] = []
    for _ in range(count * 30):
        if len(texts) >= count:
            break
        text = _style(rng, make(rng))
        key = text.lower().rstrip(".")
        if text and key not in seen:
            seen.add(key)
            texts.append(text)
    return texts


def load_handwritten(path: Path = HERE / "handwritten.yaml") -> dict[str, list[dict[str, str]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    vocabularies = {"cause": CAUSES, "outcome": OUTCOMES, "staff_type": STAFF_TYPES}
    items: dict[str, list[dict[str, str]]] = {}
    for task, by_label in raw.items():
        items[task] = []
        for label, entries in by_label.items():
            if label not in vocabularies[task]:
                raise ValueError(f"handwritten.yaml: '{label}' is not a {task} label")
            for entry in entries:
                if task == "staff_type":
                    authority, text = entry.split(":", 1)  # "police: PC lost a notebook"
                    items[task].append({"text": text.strip(), "label": label, "authority_type": authority.strip()})
                else:
                    items[task].append({"text": entry, "label": label})
    return items


def build() -> dict[str, list[dict[str, str]]]:
    # one random stream per task, so editing one task's phrases leaves the others' data as it was
    streams = {task: random.Random(f"{SEED}-{task}") for task in ("cause", "outcome", "staff_type")}
    handwritten = load_handwritten()
    data: dict[str, list[dict[str, str]]] = {"cause": [], "outcome": [], "staff_type": []}
    rng = streams["cause"]
    for label, (make, count) in CAUSE_GENERATORS.items():
        data["cause"] += [{"text": t, "label": label}
                          for t in _generate(rng, lambda r, mk=make: with_outcome_tail(r, mk(r)), count)]
        data["cause"] += [{"text": t, "label": label}
                          for t in _generate(rng, lambda r, lab=label: cause_category(r, lab), 70)]
        if label in EXTRA_CAUSE_SENTENCES:
            data["cause"] += [{"text": t, "label": label}
                              for t in _generate(rng, lambda r, lab=label: cause_extra_sentence(r, lab), 40)]
        if label in STYLE_SENTENCES:
            data["cause"] += [{"text": t, "label": label}
                              for t in _generate(rng, lambda r, lab=label: with_register_style(
                                  r, lambda r2: cause_style_sentence(r2, lab)), 70)]
        data["cause"] += [{"text": t, "label": label}
                          for t in _generate(rng, lambda r, mk=make: terse(r, mk(r)), 40)]
    rng = streams["outcome"]
    for label in OUTCOMES:
        texts = _generate(rng, lambda r, lab=label: outcome_item(r, lab), OUTCOME_COUNTS[label])
        data["outcome"] += [{"text": t, "label": label} for t in texts]
    rng = streams["staff_type"]
    for label in STAFF_TYPES:
        seen: set[tuple[str, str]] = set()
        for _ in range(3000):
            if len(seen) >= 140:
                break
            text, authority = staff_item(rng, label)
            text = _style(rng, text)
            if (text.lower(), authority) not in seen:
                seen.add((text.lower(), authority))
                data["staff_type"].append({"text": text, "label": label, "authority_type": authority})
    for task in data:
        data[task] += handwritten.get(task, [])
        # interleave labels so that "every 5th item" held out covers every label
        streams[task].shuffle(data[task])
    return data


def write(data: dict[str, list[dict[str, str]]], out_dir: Path = HERE) -> None:
    for task, items in data.items():
        lines = [json.dumps(item, ensure_ascii=False) for item in items]
        (out_dir / f"{task}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    data = build()
    write(data)
    for task, items in data.items():
        print(f"{task}: {len(items)} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
