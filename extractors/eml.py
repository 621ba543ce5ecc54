"""E-mails saved as RFC 822 / MIME files (.eml).

The body is read once: of a multipart/alternative, the HTML version when it
holds a table (tables survive only there), else the plain-text version. A
forwarded or attached message (message/rfc822) is part of the chain: its
headers and body follow the reply's own lines, and the interpreter cuts the
quoted request. Attachments go back through the registry as child documents.
"""
from __future__ import annotations

import base64
import codecs
import email
import email.errors
import email.utils
import quopri
import re
from dataclasses import dataclass
from email import policy
from email.header import decode_header, make_header
from email.message import Message

from extractors.attachments import read_attachment
from extractors.document import Document, Line
from extractors.mail_body import MailBody
from extractors.registry import FileKind, Source
from extractors.text_decoding import decode_text
from extractors.txt import lines_from_text

# header name in the file -> key in Document.meta
META_HEADERS = {"From": "from", "To": "to", "Cc": "cc", "Subject": "subject", "Date": "date"}
# headers shown above a forwarded message's body, as a mail program shows them
_FORWARDED_HEADERS = ("From", "Sent", "Date", "To", "Cc", "Subject")
# parts that carry no content a researcher reads (signatures of a signed e-mail)
_SIGNATURE_TYPES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature",
                              "application/pgp-signature"})
_MAX_MIME_NESTING = 40  # real mail nests a handful of levels; deeper is broken or hostile
_TABLE_TAG = re.compile(r"<table\b", re.I)
# the one base64 defect after which the email package gives up and returns the encoded text
_BASE64_DEFECTS = (email.errors.InvalidBase64LengthDefect,)
# the email package raises these on malformed headers and parameters
_HEADER_ERRORS = (email.errors.HeaderParseError, ValueError, IndexError, TypeError,
                  AttributeError, LookupError)


def extract(source: Source) -> Document:
    """Read an .eml file: headers into meta, the body into Lines/Tables, attachments as children."""
    message = email.message_from_bytes(source.data, policy=policy.default)
    doc = Document(source_file=source.source_file, kind=FileKind.EML.value,
                   locator_prefix=source.locator_prefix)
    doc.meta = message_meta(message)
    reader = _BodyReader(source=source, doc=doc)
    reader.read(message, nesting=0)
    doc.elements = reader.elements
    return doc


def message_meta(message: Message) -> dict[str, str]:
    """From/To/Cc/Subject/Date as text, plus the sender's domain (lower case)."""
    meta = {}
    for header, key in META_HEADERS.items():
        value = header_text(message, header)
        if value:
            meta[key] = value
    domain = sender_domain(meta.get("from", ""))
    if domain:
        meta["sender_domain"] = domain
    return meta


def sender_domain(from_value: str) -> str | None:
    """The domain of the first address in a From value, lower case; None if there is none."""
    _, address = email.utils.parseaddr(from_value)
    if "@" not in address:
        found = re.search(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", from_value)
        return found.group(1).lower() if found else None
    return address.rsplit("@", 1)[1].strip().strip(">").lower() or None


def header_text(message: Message, name: str) -> str | None:
    """A header's decoded value on one line, tolerating headers the parser chokes on."""
    try:
        value = message.get(name)
        text = None if value is None else str(value)
    except _HEADER_ERRORS:
        text = _raw_header(message, name)
    if text is None:
        return None
    return " ".join(text.split()) or None


def _raw_header(message: Message, name: str) -> str | None:
    for key, raw in message.raw_items():
        if key.lower() == name.lower():
            try:
                return str(make_header(decode_header(raw)))
            except _HEADER_ERRORS:
                return str(raw)
    return None


def part_text(part: Message) -> tuple[str, str | None]:
    """The decoded text of a leaf part, and a problem when text was lost decoding it.

    Transfer encodings (quoted-printable, base64) are undone leniently. The
    declared charset is tried strictly first; a wrong or unknown declaration
    falls back to undeclared-text decoding rather than losing characters.
    """
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = b""
    if any(isinstance(d, _BASE64_DEFECTS) for d in part.defects):
        return "", "a body part's base64 encoding is damaged; its text was not read"
    charset = _charset(part)
    if charset:
        try:
            return payload.decode(charset), None
        except UnicodeDecodeError:
            pass
    decoded = decode_text(payload)
    if "replacements" in decoded.encoding:
        return decoded.text, ("some characters of the e-mail body could not be decoded "
                              "and were replaced by \ufffd")
    return decoded.text, None


def _charset(part: Message) -> str | None:
    try:
        declared = part.get_content_charset()
    except _HEADER_ERRORS:
        return None
    if not declared:
        return None
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


def _unflow(text: str, delsp: bool) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676)."""
    out: list[str] = []
    carry = ""
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line != "-- ":
            carry += line[:-1] if delsp else line
            continue
        out.append(carry + line)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


def embedded_messages(part: Message) -> list[Message]:
    """The message(s) inside a message/rfc822 part.

    RFC 2046 forbids encoding such a part, but some mailers (and Python's own
    EmailMessage) base64 it anyway; the parser then sees the encoded text as a
    header-less message, which is decoded and parsed here.
    """
    subparts = part.get_payload()
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding not in ("base64", "quoted-printable") or len(subparts) != 1 or subparts[0].keys():
        return subparts
    encoded = subparts[0].get_payload()
    if not isinstance(encoded, str):
        return subparts
    if encoding == "base64":
        digits = re.sub(r"[^A-Za-z0-9+/]", "", encoded)  # lenient, as the email package is
        digits = digits[: len(digits) - len(digits) % 4]
        raw = base64.b64decode(digits)
    else:
        raw = quopri.decodestring(encoded.encode("ascii", errors="replace"))
    return [email.message_from_bytes(raw, policy=policy.default)]


def _filename(part: Message) -> str | None:
    try:
        return part.get_filename()
    except _HEADER_ERRORS:
        return None


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except _HEADER_ERRORS:
        return None


def _find_html(part: Message) -> Message | None:
    """The text/html part of an alternative (it may sit inside multipart/related)."""
    if part.get_content_type() == "text/html":
        return part
    if part.get_content_maintype() == "multipart" and part.is_multipart():
        for sub in part.get_payload():
            found = _find_html(sub)
            if found is not None:
                return found
    return None


def choose_alternative(parts: list[Message]) -> Message | None:
    """The one version of a multipart/alternative to read.

    HTML when it holds a table or there is no plain text; otherwise the plain text.
    """
    html = next((p for p in parts if _find_html(p) is not None), None)
    plain = next((p for p in parts if p.get_content_type() == "text/plain"), None)
    if html is not None and (plain is None or _TABLE_TAG.search(part_text(_find_html(html))[0])):
        return html
    if plain is not None:
        return plain
    return parts[-1] if parts else None  # RFC 2046: the last alternative is the richest


@dataclass
class _BodyReader(MailBody):
    forwarded_depth: int = 0  # message/rfc822 levels around the part being read

    def read(self, part: Message, nesting: int) -> None:
        if nesting > _MAX_MIME_NESTING:
            self.doc.problems.append(f"MIME parts nested more than {_MAX_MIME_NESTING} levels "
                                     "deep were not read")
            return
        ctype = part.get_content_type()
        if part.is_multipart():
            subparts = part.get_payload()
            if part.get_content_maintype() == "message":
                if ctype in ("message/rfc822", "message/global"):
                    for inner in embedded_messages(part):
                        self.read_forwarded(inner, nesting + 1)
                # other message/* parts are delivery reports: not the reply
            elif ctype == "multipart/alternative":
                chosen = choose_alternative(subparts)
                if chosen is not None:
                    self.read(chosen, nesting + 1)
            else:
                for sub in subparts:
                    self.read(sub, nesting + 1)
            return
        self.read_leaf(part, ctype)

    def read_leaf(self, part: Message, ctype: str) -> None:
        filename = _filename(part)
        attached = _disposition(part) == "attachment" or filename is not None
        maintype = part.get_content_maintype()
        if maintype == "multipart":
            # a multipart without a usable boundary: its raw text is all there is
            self.doc.problems.append(f"a {ctype} part has no usable boundary; read as plain text")
            self.add_text(*part_text(part), html=False, flowed=None)
        elif ctype in ("text/plain", "text/html") and not attached:
            flowed = None
            if ctype == "text/plain" and (part.get_param("format") or "").lower() == "flowed":
                flowed = (part.get_param("delsp") or "").lower() == "yes"
            self.add_text(*part_text(part), html=ctype == "text/html", flowed=flowed)
        elif maintype == "image" or ctype in _SIGNATURE_TYPES:
            return
        elif not attached and maintype in ("text", "message"):
            return  # calendar entries, delivery reports: not the reply
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            self.attachments_seen += 1
            read_attachment(self.source, filename, data, into=self.doc, index=self.attachments_seen)

    def read_forwarded(self, inner: Message, nesting: int) -> None:
        """A message inside the message: its headers as lines, then its body and attachments.

        Each level of forwarding counts against max_attachment_depth, like an
        attached file would.
        """
        self.forwarded_depth += 1
        try:
            if self.source.depth + self.forwarded_depth > self.source.limits.max_attachment_depth:
                self.doc.problems.append(
                    f"a forwarded message nested {self.source.depth + self.forwarded_depth} levels "
                    f"deep was not read (more than the {self.source.limits.max_attachment_depth} "
                    "allowed; limit max_attachment_depth)")
                return
            self._read_forwarded(inner, nesting)
        finally:
            self.forwarded_depth -= 1

    def _read_forwarded(self, inner: Message, nesting: int) -> None:
        for name in _FORWARDED_HEADERS:
            value = header_text(inner, name)
            if value:
                self.add_lines([Line(text=f"{name}: {value}", locator="")])
        self.read(inner, nesting)

    def add_text(self, text: str, problem: str | None, *, html: bool, flowed: bool | None) -> None:
        if problem:
            self.doc.problems.append(problem)
        if html:
            self.add_html(text)
            return
        if flowed is not None:
            text = _unflow(text, flowed)
        self.add_lines(lines_from_text(text))
