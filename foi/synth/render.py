"""One renderer per archetype's file format."""
from __future__ import annotations

from typing import Callable

from foi.synth.model import Reply


def renderer(reply: Reply) -> Callable[[Reply], bytes]:
    from foi.synth import (render_broken, render_csv, render_docx, render_eml, render_html, render_ods, render_pdf,
                           render_scan, render_text, render_xls, render_xlsx)

    if reply.broken:
        return render_broken.render_broken
    return {
        "pdf": render_pdf.render_pdf,
        "pdf_scanned": render_scan.render_scan,
        "xlsx": render_xlsx.render_reply_xlsx,
        "xls": render_xls.render_xls,
        "ods": render_ods.render_ods,
        "html": render_html.render_html,
        "csv": render_csv.render_csv,
        "docx": render_docx.render_docx,
        "eml": render_eml.render_eml,
        "txt": render_text.render_txt,
    }[reply.format]


def render(reply: Reply) -> bytes:
    return renderer(reply)(reply)
