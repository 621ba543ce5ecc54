"""Which lines of a reply are the authority's own, and which repeat the request.

Replies quote the original request in two ways: an e-mail quotes the earlier
message below the answer ("-----Original Message-----", an Outlook "From: /
Sent: / To: / Subject:" block, "On ... wrote:", lines prefixed ">"), and a
letter restates it ("You asked:", "Your request was as follows:", "Request:")
often as a numbered list, before the answer resumes ("Response", "Our
response", "I can confirm ..."). The request's words ("dismissed",
"prosecuted", "accessing the records of a family member", items 1-3) are never
incidents, so every interpreter of running text reads `answer_lines(doc)`.
The markers are data: `request_markers.yaml`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from extractors.document import Document, Line
from interpret.language import compile_patterns, load_yaml, normalise_quotes, normalise_space


@dataclass(frozen=True)
class _Markers:
    quote_start: list[re.Pattern[str]]
    forward_start: list[re.Pattern[str]]
    forward_min_above: int
    forward_note_max_lines: int
    wrapped_wrote: re.Pattern[str]
    wrapped_on: re.Pattern[str]
    header_first: re.Pattern[str]
    header_others: list[re.Pattern[str]]
    header_within: int
    header_needs: int
    quote_prefix: re.Pattern[str]
    request_intro: list[re.Pattern[str]]
    question_line: re.Pattern[str]
    answer_start: list[re.Pattern[str]]
    list_item: re.Pattern[str]
    max_block_lines: int


@functools.lru_cache(maxsize=1)
def _markers() -> _Markers:
    data = load_yaml("request_markers.yaml")
    header = data["header_block"]
    return _Markers(
        quote_start=compile_patterns(data["quote_start"]),
        forward_start=compile_patterns(data["forward_start"]),
        forward_min_above=int(data["forward_min_above"]),
        forward_note_max_lines=int(data["forward_note_max_lines"]),
        wrapped_wrote=re.compile(data["wrapped_wrote"], re.I),
        wrapped_on=re.compile(data["wrapped_on"], re.I),
        header_first=re.compile(header["first"], re.I),
        header_others=compile_patterns(header["others"]),
        header_within=int(header["within_lines"]),
        header_needs=int(header["needs_others"]),
        quote_prefix=re.compile(data["quote_prefix"]),
        request_intro=compile_patterns(data["request_intro"]),
        question_line=re.compile(data["question_line"], re.I),
        answer_start=compile_patterns(data["answer_start"]),
        list_item=re.compile(data["list_item"], re.I),
        max_block_lines=int(data["max_block_lines"]),
    )


@dataclass
class RequestSplit:
    """A document's lines sorted into the reply's own and the request's.

    `answer`: the reply's lines (a line holding both keeps only its own part).
    `request`: restated request lines inside the reply, in order.
    `quoted`: lines of an earlier e-mail quoted below the reply.
    `quote_start`: index in `doc.elements` where quoted correspondence starts (None: none).
    `parts`: for each original Line (by id), its pieces in order as (Line, "answer" |
    "request" | "quoted"): a line holding both the reply's words and the request's has two.
    """

    answer: list[Line] = field(default_factory=list)
    request: list[Line] = field(default_factory=list)
    quoted: list[Line] = field(default_factory=list)
    quote_start: int | None = None
    parts: dict[int, list[tuple[Line, str]]] = field(default_factory=dict)


def answer_lines(doc: Document) -> list[Line]:
    """The reply's own lines, with quoted e-mails and the restated request removed."""
    return split_request(doc).answer


def is_list_item(line: Line) -> bool:
    """A bullet or numbered item, as the format marks it or as its text starts."""
    return line.list_item or bool(_markers().list_item.match(normalise_quotes(line.text)))


def split_request(doc: Document) -> RequestSplit:
    """Sort the Lines of one document (not its attachments) into answer, request and quoted."""
    originals = doc.lines
    unquoted = _unquote_forwarded_reply(originals)
    lines = list(unquoted)
    split = RequestSplit()
    cut = _quote_cut(lines)
    if cut is not None:
        split.quoted = lines[cut:]
        split.quote_start = doc.elements.index(originals[cut])
        lines = lines[:cut]
    own: list[Line] = []
    for line in lines:
        if _markers().quote_prefix.match(line.text):
            split.quoted.append(line)
        else:
            own.append(line)
    split.answer, split.request = _remove_restated_request(own, split.parts)
    for line in split.quoted:
        split.parts[id(line)] = [(line, "quoted")]
    for original, read in zip(originals, unquoted):
        if read is not original and id(read) in split.parts:
            split.parts[id(original)] = split.parts.pop(id(read))
    return split


def _unquote_forwarded_reply(lines: list[Line]) -> list[Line]:
    """The lines with one level of ">" taken off when the ">"-quoted text is a forwarded reply.

    A requester (or an FOI officer) forwarding a reply with a client that quotes
    forwards leaves only a covering note unquoted; the authority's own words are
    then one ">" deep and the request it answers two deep.
    """
    markers = _markers()
    prefix = markers.quote_prefix
    plain = [line for line in lines if not prefix.match(line.text)]
    quoted = [line for line in lines if prefix.match(line.text)]
    forwarded = any(p.search(_clean(line.text)) for line in plain for p in markers.forward_start)
    note = sum(1 for line in plain if _substantial(line))
    if not forwarded or note > markers.forward_note_max_lines or sum(map(_substantial, quoted)) <= note:
        return lines
    return [replace(line, text=re.sub(r"^\s*>\s?", "", line.text, count=1)) if prefix.match(line.text) else line
            for line in lines]


# each line is cleaned by every test the splitter makes of it (forward, quote, intro, question,
# block end), and split_request runs once per reader of the same document
@functools.lru_cache(maxsize=1 << 14)
def _clean(text: str) -> str:
    return normalise_space(normalise_quotes(text))


def _substantial(line: Line) -> bool:
    return len(_clean(line.text).split()) >= 4


def _quote_cut(lines: list[Line]) -> int | None:
    """Index of the first line of quoted earlier correspondence, or None.

    A marker only counts after some reply text: a forward whose own part is
    "see below" has the reply itself below the marker.
    """
    markers = _markers()
    substantial_before = 0
    forwarded_headers_end = -1
    for index, line in enumerate(lines):
        text = _clean(line.text)
        if any(p.search(text) for p in markers.forward_start):
            if substantial_before >= markers.forward_min_above:
                return index
            # a covering note above, the forwarded message (and its header block) below
            substantial_before = 0
            forwarded_headers_end = index + 1 + markers.header_within
            continue
        if index <= forwarded_headers_end:
            if not text or markers.header_first.search(text) or any(p.search(text) for p in markers.header_others):
                continue  # the forwarded message's own header block
            forwarded_headers_end = -1
        starts_quote = any(p.search(text) for p in markers.quote_start)
        if not starts_quote and markers.wrapped_wrote.search(text) and index > 0:
            starts_quote = bool(markers.wrapped_on.search(_clean(lines[index - 1].text)))
            if starts_quote and substantial_before >= 2:
                return index - 1
        if not starts_quote and markers.header_first.search(text):
            following = [_clean(n.text) for n in lines[index + 1:index + 1 + markers.header_within]]
            hits = sum(1 for p in markers.header_others if any(p.search(t) for t in following))
            starts_quote = hits >= markers.header_needs
            if starts_quote and substantial_before >= 2:
                return _with_separator_above(lines, index)
        if starts_quote and substantial_before >= 2:
            return index
        if _substantial(line):
            substantial_before += 1
    return None


def _with_separator_above(lines: list[Line], index: int) -> int:
    """A header block often sits under a rule of underscores or dashes: cut from the rule."""
    above = index - 1
    while above >= 0 and not lines[above].text.strip():
        above -= 1
    if above >= 0 and re.fullmatch(r"[_\-=\s]{5,}", lines[above].text):
        return above
    return index


def _intro_match(text: str) -> re.Match[str] | None:
    found = [m for p in _markers().request_intro if (m := p.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


def _is_answer_start(text: str) -> bool:
    return any(p.search(text) for p in _markers().answer_start)


def _remove_restated_request(lines: list[Line], parts: dict[int, list[tuple[Line, str]]]
                             ) -> tuple[list[Line], list[Line]]:
    answer: list[Line] = []
    request: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = _clean(line.text)
        match = _intro_match(text)
        if match is not None and _names_a_reference(text[match.end():]):
            match = None  # "Request: FOI 1234" labels the reference, it restates nothing
        if match is None and _is_question(lines, index):
            end = _block_end(lines, index + 1, seen_content=True, question=True)
            for restated in lines[index:end]:
                request.append(restated)
                parts[id(restated)] = [(restated, "request")]
            index = end
            continue
        if match is None:
            answer.append(line)
            parts[id(line)] = [(line, "answer")]
            index += 1
            continue
        pieces: list[tuple[Line, str]] = []
        before = text[:match.start()].strip()
        if len(before.split()) >= 2:
            own = Line(text=before, locator=line.locator, ocr_confidence=line.ocr_confidence)
            answer.append(own)
            pieces.append((own, "answer"))
        asked = Line(text=text[match.start():], locator=line.locator,
                     ocr_confidence=line.ocr_confidence, list_item=line.list_item)
        request.append(asked)
        pieces.append((asked, "request"))
        parts[id(line)] = pieces
        inline = len(text[match.end():].split()) >= 3
        end = _block_end(lines, index + 1, seen_content=inline)
        for restated in lines[index + 1:end]:
            request.append(restated)
            parts[id(restated)] = [(restated, "request")]
        index = end
    return answer, request


def _names_a_reference(rest: str) -> bool:
    words = rest.split()
    return 0 < len(words) <= 3 and any(ch.isdigit() for ch in rest)


def _is_question(lines: list[Line], index: int) -> bool:
    """A restated question of a question-and-answer reply: "Q1 ..." or a numbered item whose
    next line (after its wrapped continuation) is an answer marker ("Response: 27")."""
    text = _clean(lines[index].text)
    if _markers().question_line.match(text):
        return True
    if not is_list_item(lines[index]):
        return False
    previous = text
    for following in lines[index + 1:index + 8]:
        more = _clean(following.text)
        if not more:
            continue
        if _is_answer_start(more):
            return True
        if is_list_item(following) or not _continues(previous, more, following):
            return False
        previous = more
    return False


def _block_end(lines: list[Line], start: int, seen_content: bool, question: bool = False) -> int:
    """Index of the first line after a restated request that starts at `start`.

    A question of a question-and-answer reply runs to its answer marker, or to
    the next question when the answer is not marked.
    """
    markers = _markers()
    if question:
        previous = _clean(lines[start - 1].text)
        for index in range(start, min(len(lines), start + markers.max_block_lines)):
            text = _clean(lines[index].text)
            if not text:
                continue
            if (_is_answer_start(text) or markers.question_line.match(text) or is_list_item(lines[index])
                    or (_ends_sentence(previous) and text[:1].isupper())):
                return index
            previous = text
        return min(len(lines), start + markers.max_block_lines)
    in_list = False
    previous = ""
    for index in range(start, min(len(lines), start + markers.max_block_lines)):
        line = lines[index]
        text = _clean(line.text)
        if not text:
            if seen_content and not in_list:
                return index
            continue
        if _is_answer_start(text):
            return index
        if is_list_item(line):
            in_list = seen_content = True
        elif in_list:
            if not _continues(previous, text, line):
                return index
        elif seen_content and _ends_sentence(previous) and text[:1].isupper():
            return index
        else:
            seen_content = True
        previous = text
    return min(len(lines), start + markers.max_block_lines)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!", '."', "?\"", ".)", "?)"))


def _continues(previous: str, text: str, line: Line) -> bool:
    """A wrapped continuation of the previous list item rather than new text."""
    indented = line.text[:1].isspace() and len(line.text) - len(line.text.lstrip()) >= 2
    return indented or text[:1].islower() or not _ends_sentence(previous)


__all__ = ["answer_lines", "split_request", "RequestSplit", "is_list_item"]
