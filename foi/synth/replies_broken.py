"""Files nobody can read: an empty file, or a real reply cut short in transfer."""
from __future__ import annotations

from foi.synth.content import Composer
from foi.synth.model import Reply
from foi.synth.replies_letters import pdf_letter_ruled
from foi.synth.replies_sheets import xlsx_listing

BROKEN_KINDS = {
    "empty": ("unknown", ["FOI reply attachment.docx", "Response.pdf", "breaches.xlsx"],
              "zero-byte file; format cannot be detected"),
    "truncated_pdf": ("pdf", ["Response_letter.pdf", "FOI response.pdf", "Letter.pdf"],
                      "truncated inside the first page's content stream; nothing can be read"),
    "truncated_xlsx": ("xlsx", ["breaches data.xlsx", "FOI data.xlsx"],
                       "truncated ZIP package (no central directory); nothing can be read"),
}


def broken_file(c: Composer, kind: str) -> Reply:
    fmt, names, note = BROKEN_KINDS[kind]
    r = Reply(archetype="broken", format=fmt, authority=None, request_ref=None, foi_status="not_stated",
              exemptions=[], period_start=None, period_end=None, reported_total=None, incidents=[],
              filename=c.pick(names), parse_status="failed", broken=kind, notes=note)
    if kind != "empty":  # render a real reply first, then cut it
        inner = (pdf_letter_ruled if kind == "truncated_pdf" else xlsx_listing)(c)
        r.letter, r.sheets, r.reply_date = inner.letter, inner.sheets, inner.reply_date
    return r


def broken(c: Composer) -> Reply:
    return broken_file(c, c.pick(list(BROKEN_KINDS)))
