"""Files nobody can read: empty, or a real reply cut short in transfer."""
from __future__ import annotations

import re

from foi.synth.model import Reply
from foi.synth.render_pdf import render_pdf
from foi.synth.render_xlsx import render_reply_xlsx


def render_broken(reply: Reply) -> bytes:
    if reply.broken == "empty":
        return b""
    if reply.broken == "truncated_pdf":
        data = render_pdf(reply)
        # cut inside the first page's content stream: no page can be drawn, and no xref or trailer
        first_stream = re.search(rb"stream\r?\n", data)
        return data[: first_stream.end() + 40]
    if reply.broken == "truncated_xlsx":
        data = render_reply_xlsx(reply)
        return data[: len(data) * 55 // 100]
    raise ValueError(f"unknown broken kind {reply.broken!r}")
