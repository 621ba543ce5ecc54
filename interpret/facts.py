"""The FOI facts of a reply: who sent it, its reference, status, exemptions, period, total.

Read from all the text of the document and its attachments (running text,
spreadsheet titles and notes rows, the e-mail's subject) through
`reply_text.text_units`, with the restated or quoted request set apart: the
request's words say what was asked, not what was answered. Phrases are data
(`facts_patterns.yaml`, `count_patterns.yaml`).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from extractors.document import Document, Table
from interpret.authority import identify_from_units
from interpret.count_phrases import parse_sentences, sentence_texts, stated_total
from interpret.dates import Period, parse_period
from interpret.language import compile_patterns, load_yaml
from interpret.records import ResponseFacts
from interpret.reply_text import TextUnit, reply_date_from_units, text_units
from interpret.request_text import answer_lines, is_list_item

OWN_ZONES = ("letterhead", "body", "signature")


@dataclass(frozen=True)
class Passage:
    """Consecutive units of one zone joined, so a sentence wrapped over lines reads whole."""

    text: str
    zone: str  # "own" (letterhead, body, signature), "request", "quoted", "caption", "table", "subject"
    document: int


def read_facts(doc: Document) -> ResponseFacts:
    """Everything the reply states about itself, as ResponseFacts."""
    units = text_units(doc)
    day = reply_date_from_units(doc, units)
    authority, authority_type = identify_from_units(doc, units, day)
    passages = _passages(units, doc)
    facts = ResponseFacts(authority=authority, authority_type=authority_type)
    facts.request_ref = read_reference(units, doc)
    facts.exemptions = read_exemptions(passages)
    total = read_total(passages) or _text_table_total(doc)
    if total is not None:
        facts.reported_total_min, facts.reported_total_max = total
    period = read_period(passages, day)
    if period is not None:
        facts.period_start, facts.period_end = period
    facts.foi_status = read_status(passages, facts.exemptions, _gives_data(doc, total))
    facts.default_staff_type = read_default_staff(passages, authority_type)
    return facts


def _passages(units: list[TextUnit], doc: Document) -> list[Passage]:
    passages: list[Passage] = []
    current: list[str] = []
    current_key: tuple[int, str] | None = None

    def flush() -> None:
        if current and current_key is not None:
            passages.append(Passage(" ".join(current), current_key[1], current_key[0]))
        current.clear()

    list_start = re.compile(_patterns()["passages"]["list_item_after_colon"], re.I)
    for unit in units:
        if current and current[-1].rstrip().endswith(":") and list_start.match(unit.text):
            flush()  # a lead-in ("... recorded 9 breaches:") ends before the list it introduces
        zone = "own" if unit.zone in OWN_ZONES else unit.zone
        if unit.from_table and zone == "own":
            zone = "caption"  # a title row read as the letterhead is still a cell of its own
        key = (unit.document, zone)
        if unit.from_table or key != current_key:
            flush()
            current_key = key
        current.append(unit.text)
        if unit.from_table:
            flush()
            current_key = None
    flush()
    subject = doc.meta.get("subject")
    if subject:
        passages.insert(0, Passage(subject, "subject", 0))
    return passages


@functools.lru_cache(maxsize=1)
def _patterns() -> dict:
    return load_yaml("facts_patterns.yaml")


# --- reference ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _reference_regexes() -> dict[str, object]:
    ref = _patterns()["reference"]
    token = ref["token"]
    label_tail = r"\s*(?:[:#.]|-(?=\s))?\s*"
    strong = "|".join(f"(?:{p})" for p in ref["strong_labels"])
    subject = "|".join(f"(?:{p})" for p in ref["subject_labels"])
    return {
        "strong": re.compile(rf"(?i:\b(?P<label>{strong}))(?![\w]){label_tail}{token}"),
        "subject": re.compile(rf"(?i:\b(?P<label>{subject}))(?![\w]){label_tail}{token}"),
        "bare": re.compile(ref["bare_token"]),
        "excluded": re.compile(r"(?i:\b(?:" + "|".join(ref["excluded_labels"]) + r"))\W*$"),
        "earlier": re.compile(ref["earlier_context"], re.I),
        "min_digits": int(ref["min_digits"]),
        "scores": ref["scores"],
    }


def read_reference(units: list[TextUnit], doc: Document) -> str | None:
    """The authority's own FOI reference as written ("FOI 2014/1187", "IM-FOI-2014-1346")."""
    rx = _reference_regexes()
    scores = rx["scores"]
    candidates: list[tuple[float, int, str]] = []  # (score, order, ref)
    texts = [(doc.meta.get("subject", ""), "subject", -1)] + [
        (u.text, u.zone, order) for order, u in enumerate(units) if u.zone not in ("request", "quoted")]
    for text, zone, order in texts:
        if not text:
            continue
        taken: list[tuple[int, int]] = []
        for kind in ("strong", "subject"):
            for match in rx[kind].finditer(text):
                ref = _clean_reference(match.group("ref"))
                before = text[:match.start()]
                if ref is None or rx["excluded"].search(before + match.group("label")) or \
                        rx["excluded"].search(before):
                    continue
                if rx["earlier"].search(before[-100:]):
                    continue
                if kind == "strong":
                    at_start = not before.strip(" [(|/-") or before.rstrip().endswith(("|", "/"))
                    score = scores["strong_at_start"] if at_start else scores["strong"]
                else:
                    score = scores["subject"]
                taken.append(match.span("ref"))
                candidates.append((score, order, ref))
        for match in rx["bare"].finditer(text if zone != "table" else ""):  # a data row's ids are no reference
            if any(s <= match.start() < e for s, e in taken):
                continue
            ref = _clean_reference(match.group("ref"))
            if ref is None or rx["earlier"].search(text[:match.start()][-100:]):
                continue
            # "FOI F2015186", "FOI IR27951": the word FOI before a reference with its own prefix
            ref = re.sub(r"^FOI\s+(?=[A-Z]{1,5}\d)", "", ref)
            title = zone in ("letterhead", "caption", "subject")
            candidates.append((scores["bare_title"] if title else scores["bare"], order, ref))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c[0], -c[1]))[2]
    # a reference cut short (an OCR space inside it) is completed by a fuller copy elsewhere
    squeezed = re.sub(r"\s+", "", best)
    longer = [c[2] for c in candidates if re.sub(r"\s+", "", c[2]).startswith(squeezed)
              and len(re.sub(r"\s+", "", c[2])) > len(squeezed) and re.search(r"\d$", squeezed)
              and not re.search(r"[-/.]$", squeezed)]
    return max(longer, key=len) if longer else best


def _clean_reference(ref: str) -> str | None:
    ref = ref.strip().rstrip(".,;:)]-/")
    if sum(c.isdigit() for c in ref) < _reference_regexes()["min_digits"]:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", ref):
        return None  # a year ("Act 2000"), not a reference
    if parse_period(ref) is not None and not re.search(r"[A-Za-z]", ref) and re.fullmatch(
            r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", ref):
        return None  # a date
    return ref


# --- exemptions -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _exemption_regexes() -> dict[str, object]:
    ex = _patterns()["exemptions"]
    return {
        "citation": re.compile(ex["citation"], re.I),
        "sections": set(ex["sections"]),
        "keep": set(ex["keep_subsections"]),
        "act_after": re.compile(ex["act_after"]),
        "foi": re.compile(ex["foi_acts"], re.I),
        "earlier": re.compile(ex["earlier_context"], re.I),
    }


def read_exemptions(passages: list[Passage]) -> list[str]:
    """FOI Act / FOISA exemptions the reply cites, normalised ("s12", "s40(2)", "s38(1)(b)")."""
    rx = _exemption_regexes()
    found: list[str] = []
    for passage in passages:
        if passage.zone in ("request", "quoted", "subject"):
            continue
        for text in sentence_texts(passage.text):
            if rx["earlier"].search(text):
                continue
            for match in rx["citation"].finditer(text):
                act = rx["act_after"].match(text[match.end():])
                if act and not rx["foi"].match(act.group("act")):
                    continue  # "section 55 Data Protection Act 1998"
                for section in _sections(match.group("list")):
                    if section not in found:
                        found.append(section)
    return found


def _sections(listed: str) -> list[str]:
    rx = _exemption_regexes()
    out = []
    for number, subsections in re.findall(r"(\d{1,2}[A-Z]?)((?:\s*\(\s*\w{1,4}\s*\))*)", listed):
        if number.upper() not in rx["sections"]:
            continue
        label = f"s{number.upper()}"
        if number in rx["keep"] and subsections:
            label += re.sub(r"\s+", "", subsections).lower()
        out.append(label)
    return out


# --- total ----------------------------------------------------------------------------------------

def read_total(passages: list[Passage]) -> tuple[int, int] | None:
    """A total the reply itself states in a sentence ("there were 97 breaches"), as (min, max).

    A count for one year ("In 2012 there were 3 incidents") is the reply's total only
    when it is the only count stated; several such counts are parts, and their sum is
    not a total the reply states.
    """
    per_period: list[tuple[int, int]] = []
    for passage in passages:
        if passage.zone not in ("own", "caption"):
            continue
        for sentence in parse_sentences(passage.text):
            if _about_request(sentence.text):
                continue
            total = stated_total(sentence)
            if total is None:
                continue
            if _ONE_PERIOD.search(sentence.text) and not _SPAN_OF_TIME.search(sentence.text):
                per_period.append(total)
                continue
            return total
    return per_period[0] if len(per_period) == 1 else None


# a sentence about one year, financial year or month, rather than the whole period
_ONE_PERIOD = re.compile(r"\b(?:in|during|for)\s+(?:the\s+)?(?:(?:financial|calendar)\s+year\s+)?"
                         r"(?:\d{4}\s*/\s*\d{2,4}|(?:19|20)\d\d\b|[A-Z][a-z]+\s+(?:19|20)\d\d)", re.I)
_SPAN_OF_TIME = re.compile(r"\b(?:between|from|since|to|until)\b[^.]{0,40}?\d{4}", re.I)


def _about_request(text: str) -> bool:
    return any(p.search(text) for p in _skip_sentence())


@functools.lru_cache(maxsize=1)
def _skip_sentence() -> list[re.Pattern[str]]:
    return compile_patterns(_patterns()["staff"]["skip_sentence"])


def _text_table_total(doc: Document) -> tuple[int, int] | None:
    """The grand total of a table typed as text ("Total   9   5   14"), read by the table reader."""
    from interpret.prose import read_text_table_reading  # prose reads text tables for their rows too

    totals = []
    for part in doc.walk():
        reading = read_text_table_reading(part, answer_lines(part))
        if reading is not None:
            totals.extend(reading.stated_totals)
    return (totals[0], totals[0]) if len(totals) == 1 else None


# --- period ---------------------------------------------------------------------------------------

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY_MONTH_YEAR = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
_MONTH_YEAR = rf"{_MONTH},?\s+\d{{4}}"
_NUMERIC = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
_DAY_MONTH = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
_FY = r"\d{4}\s*/\s*\d{2}(?:\d{2})?"
_END = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_YEAR}|{_NUMERIC}|{_FY}|(?:the\s+)?(?:present(?:\s+day)?|date|today|now))"
_START = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_YEAR}|{_NUMERIC}|{_FY}|{_DAY_MONTH}|{_MONTH})"
_RANGE = re.compile(rf"(?P<start>{_START})\s*(?P<join>to|and|until|till|through|-|–)\s*(?P<end>{_END})(?!\s*\d)", re.I)
_SINCE = re.compile(rf"\bsince\s+(?P<start>{_DAY_MONTH_YEAR}|{_MONTH_YEAR}|{_NUMERIC})", re.I)
_CALENDAR_YEARS = re.compile(r"\b(?:calendar\s+)?years\s+(?P<years>(?:19|20)\d\d(?:\s*(?:,|and|&)\s*(?:19|20)\d\d)+)\b",
                             re.I)
_FY_ITEM = r"\d{4}\s*[/-]\s*\d{2}(?:\d{2})?"
_FINANCIAL_YEAR = re.compile(rf"\b(?:financial|fiscal)\s+years?\s+(?P<fys>{_FY_ITEM}(?:\s*(?:,|and|to|-|&)\s*{_FY_ITEM})*)",
                             re.I)


_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def read_period(passages: list[Passage], day: dt.date | None) -> tuple[dt.date, dt.date | None] | None:
    """(start, end) of the period the reply covers; the reply's own period beats the request's."""
    scores = _patterns()["period"]["scores"]
    own_cues, request_cues = _period_cues()
    candidates: list[tuple[float, int, tuple[dt.date, dt.date | None]]] = []
    order = 0
    caption_years: list[Period] = []
    for passage in passages:
        if passage.zone in ("table", "subject"):
            continue
        if not _DIGIT.search(passage.text):
            continue  # a period (or a caption's year) is never written without a digit
        for text in sentence_texts(passage.text):
            for period in _periods_in(text, day):
                order += 1
                if passage.zone in ("request", "quoted"):
                    score = scores["request_zone"]
                elif any(p.search(text) for p in request_cues):
                    score = scores["request_sentence"]
                elif passage.zone == "caption":
                    score = scores["caption"]
                elif any(p.search(text) for p in own_cues):
                    score = scores["own_cue"]
                else:
                    score = scores["own"]
                candidates.append((score, -order, period))
            if passage.zone == "caption":
                caption_years.extend(_years_in_caption(text))
    if caption_years:
        start = min(p.start for p in caption_years)
        end = max(p.end for p in caption_years if p.end)
        candidates.append((scores["captions_union"], 0, (start, end)))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


@functools.lru_cache(maxsize=1)
def _period_cues() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(own cues, request cues) of the period patterns."""
    cfg = _patterns()["period"]
    return compile_patterns(cfg["own_cues"]), compile_patterns(cfg["request_cues"])


def _periods_in(text: str, day: dt.date | None) -> list[tuple[dt.date, dt.date | None]]:
    found = []
    # every period read below needs a digit (a year at least; "April to date" gives none), and
    # most sentences have none: skip the long patterns for them
    if not _DIGIT.search(text):
        return found
    flat = _SPACES.sub(" ", text)
    for match in _RANGE.finditer(flat):
        if match.group("join").lower() == "and" and not re.search(r"\bbetween\s+$", flat[:match.start()], re.I):
            continue
        period = parse_period(f"{match.group('start')} to {match.group('end')}")
        if period is None:
            continue
        found.append((period.start, period.end if period.end is not None else day))
    for match in _SINCE.finditer(flat):
        period = parse_period(match.group("start"))
        if period is not None:
            found.append((period.start, day))
    for match in _FINANCIAL_YEAR.finditer(flat):
        years = [parse_period(fy) for fy in re.findall(_FY_ITEM, match.group("fys"))]
        years = [p for p in years if p is not None and p.kind == "financial_year"]
        if years:  # "the financial years 2011/12, 2012/13 and 2013/14": the span of them all
            found.append((min(p.start for p in years), max(p.end for p in years)))
    for match in _CALENDAR_YEARS.finditer(flat):
        years = sorted(int(y) for y in re.findall(r"(?:19|20)\d\d", match.group("years")))
        found.append((dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)))
    return found


def _years_in_caption(text: str) -> list[Period]:
    """Financial or calendar years a sheet name or title names ("2011-12", "2012/13")."""
    periods = []
    for token in re.findall(r"(?<![\d/])\d{4}\s*[/-]\s*\d{2,4}(?![\d/])", text):
        period = parse_period(token)
        if period is not None and period.kind == "financial_year":
            periods.append(period)
    return periods


# --- status ---------------------------------------------------------------------------------------

def _gives_data(doc: Document, total: tuple[int, int] | None) -> bool:
    """Whether the reply gives any information: a total, a data table, or a list of cases."""
    if total is not None:
        return True
    for part in doc.walk():
        for element in part.elements:
            if isinstance(element, Table) and sum(
                    1 for r in element.rows if sum(1 for t in r.texts if t.strip()) >= 2) >= 2:
                return True
        if sum(1 for line in answer_lines(part) if is_list_item(line) and len(line.text.split()) >= 4) >= 2:
            return True
    return False


def read_status(passages: list[Passage], exemptions: list[str], gives_data: bool) -> str:
    """disclosed, partially_disclosed, refused, not_held or not_stated (see gold-format.md)."""
    own = [p.text for p in passages if p.zone in ("own", "caption", "table")]
    text = "\n".join(own)

    @functools.cache
    def said(kind: str) -> bool:
        # each kind's phrases are searched for over the whole text, and only when the answer
        # still depends on them: a reply that gives data needs only the "partial" phrases
        return any(_affirmed(p, text) for p in _status_patterns()[kind])

    whole_refusal = any(e in ("s12", "s14") for e in exemptions)
    withholding = [e for e in exemptions if e not in ("s12", "s14")]
    gives_data = gives_data or said("held")
    if not gives_data and (whole_refusal or said("refused")):
        return "refused"
    if withholding or said("partial") or whole_refusal:
        return "partially_disclosed" if gives_data else "refused"
    if gives_data:
        return "disclosed"
    if said("not_held"):
        return "not_held"
    if said("refused"):
        return "refused"
    return "not_stated"


@functools.lru_cache(maxsize=1)
def _status_patterns() -> dict[str, list[re.Pattern[str]]]:
    cfg = _patterns()["status"]
    return {kind: compile_patterns(cfg[kind]) for kind in ("not_held", "refused", "partial", "held")}


_NEGATION = re.compile(r"\b(?:not|no|never|cannot)\s+(?:\w+\s+)?$|n't\s+(?:\w+\s+)?$|\bnor deny (?:that |whether )?(?:it|we|the \w+)?\s*$",
                       re.I)


def _affirmed(pattern: re.Pattern[str], text: str) -> bool:
    """`pattern` occurs in `text` at least once without a negation just before it."""
    return any(not _NEGATION.search(text[max(0, m.start() - 25):m.start()]) for m in pattern.finditer(text))


# --- blanket staff statement ----------------------------------------------------------------------

def read_default_staff(passages: list[Passage], authority_type: str) -> str | None:
    """The staff_type for rows naming no role, from a blanket statement ("all by Council employees")."""
    if authority_type == "police":
        return None  # "officers and staff" together is not_stated; a lone word is no blanket role
    blanket, not_blanket = _blanket_patterns()
    verdict = None
    for passage in passages:
        if passage.zone not in ("own", "caption"):
            continue
        for sentence in sentence_texts(passage.text):
            text = _SPACES.sub(" ", sentence)
            if _about_request(text):
                continue
            if any(p.search(text) for p in not_blanket):
                return None
            if any(p.search(text) for p in blanket):
                verdict = "employee"
    return verdict


@functools.lru_cache(maxsize=1)
def _blanket_patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(blanket statements, statements that are not blanket) of council staff."""
    cfg = _patterns()["staff"]
    return [re.compile(p) for p in cfg["council_blanket"]], compile_patterns(cfg["council_not_blanket"])


__all__ = ["read_facts", "read_reference", "read_exemptions", "read_total", "read_period", "read_status",
           "read_default_staff"]
