"""The kinds of reply a campaign receives, each composed into a `Reply`.

An archetype fixes the file format and the way the answer is laid out (a letter
with a ruled table, a cross-tab spreadsheet, an e-mail quoting the request ...);
everything else is drawn by the `Composer`. `ARCHETYPES` holds their weights in
a campaign-like corpus; the builders live in replies_letters, replies_sheets and
replies_email.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from foi.synth.content import Composer
from foi.synth.model import Reply
from foi.synth.replies_broken import broken, broken_file
from foi.synth.replies_email import eml_attachment, eml_inline, eml_not_held
from foi.synth.replies_letters import (docx_bullets, docx_letter_table, pdf_crosstab_partial, pdf_letter_ruled,
                                       pdf_letter_unruled, pdf_long_table, pdf_prose_counts, pdf_refusal,
                                       pdf_scanned, txt_numbered)
from foi.synth.replies_sheets import csv_listing, html_xls, ods_listing, xls_listing, xlsx_crosstab, xlsx_listing


@dataclass(frozen=True)
class Archetype:
    name: str
    format: str
    weight: float  # share of a campaign-like corpus, in per cent
    build: Callable[[Composer], Reply]


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype("pdf_letter_ruled", "pdf", 14, pdf_letter_ruled),
    Archetype("pdf_letter_unruled", "pdf", 8, pdf_letter_unruled),
    Archetype("pdf_long_table", "pdf", 6, pdf_long_table),
    Archetype("pdf_prose_counts", "pdf", 5, pdf_prose_counts),
    Archetype("pdf_crosstab_partial", "pdf", 4, pdf_crosstab_partial),
    Archetype("pdf_refusal", "pdf", 3, pdf_refusal),
    Archetype("pdf_scanned", "pdf_scanned", 3, pdf_scanned),
    Archetype("xlsx_listing", "xlsx", 10, xlsx_listing),
    Archetype("xlsx_crosstab", "xlsx", 6, xlsx_crosstab),
    Archetype("xls_listing", "xls", 4, xls_listing),
    Archetype("html_xls", "html", 3, html_xls),
    Archetype("ods_listing", "ods", 3, ods_listing),
    Archetype("csv_listing", "csv", 4, csv_listing),
    Archetype("docx_letter_table", "docx", 7, docx_letter_table),
    Archetype("docx_bullets", "docx", 4, docx_bullets),
    Archetype("eml_inline", "eml", 6, eml_inline),
    Archetype("eml_attachment", "eml", 4, eml_attachment),
    Archetype("eml_not_held", "eml", 2, eml_not_held),
    Archetype("txt_numbered", "txt", 3, txt_numbered),
    Archetype("broken", "unknown", 2, broken),
)
BY_NAME = {a.name: a for a in ARCHETYPES}

# Fixed variants for the committed samples, where a drawn choice must come out one way.
VARIANTS: dict[str, Callable[[Composer], Reply]] = {
    "xlsx_crosstab_suppressed": lambda c: xlsx_crosstab(c, by_year=True, suppress=True, cite=True),
    "broken_empty": lambda c: broken_file(c, "empty"),
    "broken_truncated_pdf": lambda c: broken_file(c, "truncated_pdf"),
    "broken_truncated_xlsx": lambda c: broken_file(c, "truncated_xlsx"),
}


def builder(name: str) -> Callable[[Composer], Reply]:
    if name in BY_NAME:
        return BY_NAME[name].build
    if name in VARIANTS:
        return VARIANTS[name]
    raise KeyError(f"unknown archetype {name!r}; known: {', '.join([*BY_NAME, *VARIANTS])}")
