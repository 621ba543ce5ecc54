"""Outlook messages (.msg, OLE compound files), read with extract-msg from memory.

Read the same way as an .eml: headers into meta (same keys), one body (the
HTML version when it holds a table, else the plain text; extract-msg derives
plain text from an RTF-only body), an embedded message as part of the chain
(its headers and body follow), file attachments through the registry.
Nothing is ever saved: extract-msg's save() is not called.
"""
from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass

import extract_msg
import olefile
from extract_msg.enums import AttachmentType, ErrorBehavior
from extract_msg.exceptions import ExMsgBaseException
from extract_msg.msg_classes.message_base import MessageBase

from extractors.attachments import read_attachment
from extractors.document import Document, Line
from extractors.mail_body import MailBody
from extractors.eml import sender_domain
from extractors.errors import CorruptFile, UnknownFormat
from extractors.html import decode_html
from extractors.registry import FileKind, Source
from extractors.txt import lines_from_text

_TABLE_TAG = re.compile(rb"<table\b", re.I)
# a damaged attachment or RTF body should cost that part, not the whole message;
# damaged attachments still appear (as BROKEN/UNSUPPORTED) and are recorded
_TOLERANCE = (ErrorBehavior.ATTACH_SUPPRESS_ALL | ErrorBehavior.RTFDE
              | ErrorBehavior.STANDARDS_VIOLATION | ErrorBehavior.NAMED_NAME_STREAM)
_FORWARDED_FIELDS = (("From", "sender"), ("Sent", "date"), ("To", "to"), ("Cc", "cc"),
                     ("Subject", "subject"))


def extract(source: Source) -> Document:
    """Read an .msg: headers into meta, body into Lines/Tables, attachments as children."""
    # olefile takes bytes shorter than a minimal OLE file for a *file name*: never let it
    if len(source.data) < olefile.MINIMAL_OLEFILE_SIZE:
        raise CorruptFile(f"the Outlook message is damaged: only {len(source.data)} bytes, "
                          "too short for an Outlook file")
    try:
        message = extract_msg.openMsg(source.data, errorBehavior=_TOLERANCE, delayAttachments=False)
    except ExMsgBaseException as exc:
        raise CorruptFile(f"the Outlook message is damaged or not an e-mail ({exc})") from exc
    except OSError as exc:  # olefile: not a compound file, or a truncated one
        raise CorruptFile(f"the Outlook message is damaged and cannot be opened ({exc})") from exc
    with message:
        if not isinstance(message, MessageBase):
            raise UnknownFormat(f"the Outlook file is a {type(message).__name__}, not an e-mail")
        doc = Document(source_file=source.source_file, kind=FileKind.MSG.value,
                       locator_prefix=source.locator_prefix)
        doc.meta = message_meta(message)
        reader = _MsgReader(source=source, doc=doc)
        reader.read(message, nesting=0)
        doc.elements = reader.elements
    return doc


def _field(message: MessageBase, name: str) -> str | None:
    value = getattr(message, name, None)
    if name == "date":
        if value is None:
            value = message.headerDict.get("Date") if message.headerDict else None
        elif hasattr(value, "tzinfo"):
            value = email.utils.format_datetime(value)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def message_meta(message: MessageBase) -> dict[str, str]:
    """from/to/cc/subject/date (same keys as an .eml) and sender_domain."""
    meta = {}
    for key, attribute in (("from", "sender"), ("to", "to"), ("cc", "cc"), ("subject", "subject"),
                           ("date", "date")):
        value = _field(message, attribute)
        if value:
            meta[key] = value
    domain = sender_domain(meta.get("from", ""))
    if domain:
        meta["sender_domain"] = domain
    return meta


@dataclass
class _MsgReader(MailBody):

    def read(self, message: MessageBase, nesting: int) -> None:
        """`nesting` counts the embedded messages around `message` (0 for the file itself)."""
        self.read_body(message)
        for attachment in message.attachments:
            self.read_attached(attachment, nesting)

    def read_body(self, message: MessageBase) -> None:
        html = message.htmlBody if _has_own_html(message) else None
        plain = message.body
        if html and (not plain or _TABLE_TAG.search(html)):
            text, problem = decode_html(html)
            if problem:
                self.doc.problems.append(f"e-mail body: {problem}")
            self.add_html(text)
        elif plain:
            self.add_lines(lines_from_text(plain))

    def read_attached(self, attachment, nesting: int) -> None:
        kind = attachment.type
        name = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None) \
            or getattr(attachment, "displayName", None)
        if kind is AttachmentType.MSG:
            self.read_forwarded(attachment.data, nesting + 1)
            return
        if kind in (AttachmentType.SIGNED, AttachmentType.SIGNED_EMBEDDED):
            return  # the signature of a signed message: no content
        self.attachments_seen += 1
        if kind is AttachmentType.DATA and isinstance(attachment.data, bytes):
            read_attachment(self.source, name, attachment.data, into=self.doc,
                            index=self.attachments_seen)
        elif kind is AttachmentType.WEB:
            self.doc.problems.append(f"attachment {name or self.attachments_seen}: a link to an "
                                     "online file, not included in the message")
        else:
            self.doc.problems.append(f"attachment {name or self.attachments_seen}: could not be "
                                     "read from the Outlook message (damaged or unsupported)")

    def read_forwarded(self, inner: MessageBase, nesting: int) -> None:
        """An attached message is part of the chain: its headers as lines, then its body.

        Each level counts against max_attachment_depth, like an attached file would.
        """
        if not isinstance(inner, MessageBase):
            return
        depth = self.source.depth + nesting
        if depth > self.source.limits.max_attachment_depth:
            self.doc.problems.append(
                f"a forwarded message nested {depth} levels deep was not read (more than the "
                f"{self.source.limits.max_attachment_depth} allowed; limit max_attachment_depth)")
            return
        for label, attribute in _FORWARDED_FIELDS:
            value = _field(inner, attribute)
            if value:
                self.add_lines([Line(text=f"{label}: {value}", locator="")])
        self.read(inner, nesting)



def _has_own_html(message: MessageBase) -> bool:
    """True when the message stores HTML (directly or in its RTF), not HTML made from the plain text."""
    return message.exists("__substg1.0_10130102") or message.rtfBody is not None
