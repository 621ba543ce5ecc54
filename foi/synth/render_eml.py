"""E-mail replies (RFC 822 .eml): inline answers quoting the request, or a short note with an attachment."""
from __future__ import annotations

import datetime as dt
from email import charset as email_charset
from email.generator import BytesGenerator
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from html import escape
import io

from foi.synth.model import Email, Reply
from foi.synth.render_text import letter_lines


def london_offset(when: dt.datetime) -> dt.timezone:
    """GMT or BST: summer time runs from the last Sunday of March to the last Sunday of October."""

    def last_sunday(year: int, month: int) -> dt.date:
        d = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)

    summer = last_sunday(when.year, 3) <= when.date() < last_sunday(when.year, 10)
    return dt.timezone(dt.timedelta(hours=1 if summer else 0))


def body_text(em: Email) -> str:
    lines = letter_lines(em.body, width=None, bullet="", item_gap=True) if em.body else list(em.body_lines)
    if em.quoted_request:
        lines += ["", ""]
        if em.quote_style == "outlook":
            lines += ["-----Original Message-----", f"From: {em.request_from}",
                      f"Sent: {em.request_date_text}", f"To: {em.sender_name}",
                      f"Subject: {em.request_subject}", "", *em.quoted_request]
        else:
            lines += [f"On {em.request_date_text}, {em.request_from} wrote:"]
            lines += [f"> {q}" if q else ">" for q in em.quoted_request]
    return "\r\n".join(lines) + "\r\n"


def text_part(text: str, subtype: str) -> MIMEText:
    if text.isascii():
        return MIMEText(text, subtype, "us-ascii")
    cs = email_charset.Charset("utf-8")
    cs.body_encoding = email_charset.QP
    return MIMEText(text, subtype, cs)


def render_eml(reply: Reply) -> bytes:
    em = reply.email
    text = body_text(em)
    body = text_part(text, "plain")
    if em.html_alternative:
        html = "<html><body>" + "".join(f"<p>{escape(p)}</p>" if p else "" for p in text.split("\r\n")) + \
               "</body></html>"
        alt = MIMEMultipart("alternative", _subparts=[body, text_part(html, "html")])
        alt.set_boundary(f"----=_alt_{em.message_id.strip('<>').split('@')[0]}")
        body = alt
    if em.attachments:
        msg = MIMEMultipart("mixed", _subparts=[body])
        for name, data, mime in em.attachments:
            part = MIMEApplication(data, _subtype=mime.split("/", 1)[1])
            part.add_header("Content-Disposition", "attachment", filename=name)
            msg.attach(part)
        msg.set_boundary(f"----=_mixed_{em.message_id.strip('<>').split('@')[0]}")
    else:
        msg = body
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]
    # the MIME classes write their headers first; mailers put the envelope headers on top
    mime_headers = [(k, v) for k, v in msg.items()]
    for k, _ in mime_headers:
        del msg[k]
    sent = em.date.replace(tzinfo=london_offset(em.date))
    msg["From"] = formataddr((em.sender_name, em.sender_addr))
    msg["To"] = em.to_addr
    msg["Subject"] = em.subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = em.message_id
    msg["X-Mailer"] = "Microsoft Outlook 14.0"
    for k, v in mime_headers:
        msg[k] = v
    out = io.BytesIO()
    # no folding of long headers: the registry's e-mail sniff expects "Name: value" on the first line
    BytesGenerator(out, policy=SMTP.clone(max_line_length=998)).flatten(msg)
    return out.getvalue()
