"""Plain-text replies: one Line per physical line, numbered as an editor shows them."""
from __future__ import annotations

import re

from extractors.document import Document, Line
from extractors.registry import FileKind, Source
from extractors.text_decoding import decode_text

# a bullet glyph, or an item number: "1." "1)" "(a)" "a)" "iv." followed by a space
_LIST_MARKER = re.compile(
    r"""^\s*(?:
        [\u2022\u2023\u2043\u2219\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u00b7\u27a2\u2713\u2714*\-\u2013\u2014]\s+
      | \(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s+
    )\S""",
    re.X,
)


def looks_like_list_item(text: str) -> bool:
    """True when a line of text starts with a bullet or an item number ("1.", "1)", "(a)")."""
    return bool(_LIST_MARKER.match(text))


def lines_from_text(text: str, prefix: str = "", first_line: int = 1) -> list[Line]:
    """One Line per physical line (blank lines kept, so paragraphs stay visible).

    Trailing whitespace is stripped; leading indentation is kept because it
    shows continuation lines of a wrapped item.
    """
    lines = []
    for number, raw in enumerate(text.splitlines(), start=first_line):
        content = raw.rstrip()
        lines.append(Line(text=content, locator=f"{prefix}line={number}",
                          list_item=looks_like_list_item(content)))
    return lines


def extract(source: Source) -> Document:
    """Read a plain-text file of undeclared encoding."""
    decoded = decode_text(source.data)
    doc = Document(source_file=source.source_file, kind=FileKind.TXT.value,
                   locator_prefix=source.locator_prefix)
    doc.elements = list(lines_from_text(decoded.text, source.locator_prefix))
    if "replacements" in decoded.encoding:
        doc.problems.append("some characters could not be decoded and were replaced by \ufffd")
    return doc
