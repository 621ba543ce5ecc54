"""E-mail attachments, read by the same registry as top-level files.

An attachment's name comes from the sender and is only ever displayed (in
`source_file` and locators), never used as a path: the bytes go to the
registry in memory. Nesting depth and the number of attachments are limited;
an attachment that cannot be read is a problem of its parent e-mail (the
e-mail becomes partial), not a failure of the whole file.
"""
from __future__ import annotations

import re
import unicodedata

from extractors.document import Document, Table
from extractors.errors import ExtractionError
from extractors.registry import Source

_MAX_NAME = 100
_IMAGE_EXTENSIONS = frozenset({"tif", "tiff", "png", "jpg", "jpeg", "jpe", "gif", "bmp", "emf",
                               "wmf", "ico", "heic", "webp"})
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_DOCUMENT_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# characters with a meaning in source_file ("#") and locators (";")
_RESERVED = re.compile(r"[#;]")


def safe_attachment_name(name: str | None, index: int) -> str:
    """A display name for an attachment: no directories, controls, leading dots or '..'.

    Falls back to "attachment-K" (K = the attachment's 1-based position) when
    nothing printable is left.
    """
    text = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    while ".." in text:
        text = text.replace("..", ".")
    text = _RESERVED.sub("_", text).strip().lstrip(".").strip()
    if len(text) > _MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        keep = f".{ext}" if dot and 0 < len(ext) <= 10 else ""
        text = text[: _MAX_NAME - len(keep)].rstrip() + keep
    return text or f"attachment-{index}"


def is_image(name: str, data: bytes) -> bool:
    """Pictures (logos, scanned signatures) are not replies and are not read.

    A picture is known by its bytes, or by its name when the bytes are not a
    document format under a wrong name.
    """
    if data.startswith(_IMAGE_MAGIC):
        return True
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext in _IMAGE_EXTENSIONS and not data.startswith(_DOCUMENT_MAGIC)


def read_attachment(parent: Source, name: str | None, data: bytes, *, into: Document,
                    index: int) -> Document | None:
    """Read one attachment of `parent` and add it to `into.attachments`.

    `index` is the attachment's 1-based position among the parent's
    attachments (it names unnamed ones and counts against max_attachments).
    Returns the child Document, or None when the attachment was skipped (an
    image) or could not be read (recorded in `into.problems`).
    """
    safe = safe_attachment_name(name, index)
    limits = parent.limits
    if index > limits.max_attachments:
        if index == limits.max_attachments + 1:
            into.problems.append(f"more than {limits.max_attachments} attachments: attachment "
                                 f"{safe} and those after it were not read (limit max_attachments)")
        return None
    if is_image(safe, data):
        return None
    depth = parent.depth + 1
    if depth > limits.max_attachment_depth:
        into.problems.append(f"attachment {safe}: nested {depth} levels deep, more than the "
                             f"{limits.max_attachment_depth} allowed; not read "
                             "(limit max_attachment_depth)")
        return None
    prefix = f"{parent.locator_prefix}attachment={safe};"
    child_source = Source(data=data, source_file=f"{parent.source_file}#{safe}", limits=limits,
                          depth=depth, locator_prefix=prefix)
    from extractors.registry import read_document  # the registry imports the extractors

    try:
        child = read_document(child_source)
    except ExtractionError as exc:
        into.problems.append(f"attachment {safe}: {exc}")
        return None
    prefix_locators(child, prefix)
    into.attachments.append(child)
    return child


def prefix_locators(doc: Document, prefix: str) -> None:
    """Make every locator in `doc` (and its attachments) start with `prefix`.

    Extractors may or may not apply `source.locator_prefix` themselves; doing it
    here, idempotently, gives every format the same locators in one place.
    """
    for part in doc.walk():
        if not part.locator_prefix.startswith(prefix):
            part.locator_prefix = prefix + part.locator_prefix
        for element in part.elements:
            element.locator = _prefixed(element.locator, prefix)
            if isinstance(element, Table):
                for row in element.rows:
                    row.locator = _prefixed(row.locator, prefix)


def _prefixed(locator: str, prefix: str) -> str:
    return locator if locator.startswith(prefix) else prefix + locator
