"""Decoding text of undeclared encoding: BOMs, UTF-8, then Windows-1252, explicitly."""
from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> DecodedText:
    """Decode bytes whose encoding nobody declared.

    Order: a BOM; strict UTF-8 (a truncated final character is tolerated);
    Windows-1252, the encoding UK office software writes; then charset
    detection; finally UTF-8 with replacement characters, so nothing is lost
    silently (the replacement characters show where).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return DecodedText(data.decode(enc, errors="replace"), enc)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return DecodedText(data[: exc.start].decode("utf-8"), "utf-8")
    try:
        text = data.decode("cp1252")
        return DecodedText(text, "cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return DecodedText(str(best), best.encoding)
    return DecodedText(data.decode("utf-8", errors="replace"), "utf-8 (with replacements)")
