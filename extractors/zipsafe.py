"""Safety checks for ZIP-based formats (xlsx, docx, ods) before any member is inflated.

`check_zip` reads only the central directory: the sizes each member declares.
Python's `zipfile` never inflates a member past its declared `file_size` (a
member that lies fails its CRC check instead), so limiting the declared sizes
limits what reading the members can ever produce.

`check_no_dtd` is run once the sizes are known to be safe: office software
never writes a DTD into OOXML or ODF parts, and a DTD is the only way an XML
part can declare entities (billion laughs, external entities). Refusing it
up front protects every XML parser used afterwards, whichever it is.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

from extractors.errors import CorruptFile, EncryptedFile, LimitExceeded
from foi.settings import Limits

_ENCRYPTED_FLAG = 0x1
# members that hold XML a reader may parse; media and binary parts are skipped
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_CHUNK = 1 << 16


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The ZIP archive in `data`; CorruptFile when its central directory cannot be read."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            struct.error, NotImplementedError) as exc:
        raise CorruptFile(f"the file is damaged: its ZIP directory cannot be read ({exc})") from exc


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a ZIP whose members declare too much content, or are encrypted.

    Nothing is inflated: only the central directory is read.
    Raises CorruptFile, EncryptedFile or LimitExceeded.
    """
    with open_zip(data) as zf:
        members = zf.infolist()
    encrypted = [m.filename for m in members if m.flag_bits & _ENCRYPTED_FLAG]
    if encrypted:
        raise EncryptedFile(f"the file is password-protected: {len(encrypted)} of its parts are "
                            f"encrypted (e.g. {encrypted[0]!r})")
    total = sum(m.file_size for m in members)
    if total > limits.max_inflated_bytes:
        raise LimitExceeded("max_inflated_bytes",
                            f"the file's parts would unpack to {total:,} bytes, more than the "
                            f"{limits.max_inflated_bytes:,} allowed")
    ratio = total / max(len(data), 1)
    if ratio > limits.max_inflation_ratio:
        raise LimitExceeded("max_inflation_ratio",
                            f"the file's parts would unpack to {ratio:,.0f} times its own size "
                            f"(at most {limits.max_inflation_ratio:g} allowed): a likely ZIP bomb")


def check_no_dtd(data: bytes) -> None:
    """Refuse a package whose XML parts carry a DTD (<!DOCTYPE or <!ENTITY).

    Call after `check_zip`, which bounds what this reads. Raises CorruptFile.
    """
    overlap = max(len(m) for m in _DTD_MARKERS) - 1
    with open_zip(data) as zf:
        for member in zf.infolist():
            if not member.filename.lower().endswith(_XML_SUFFIXES):
                continue
            try:
                with zf.open(member) as stream:
                    tail = b""
                    while chunk := stream.read(_CHUNK):
                        window = tail + chunk
                        if any(marker in window for marker in _DTD_MARKERS):
                            raise CorruptFile(
                                f"the file's part {member.filename!r} declares a DTD or entities, "
                                "which office software never writes; refused because it could "
                                "expand or fetch content")
                        tail = window[-overlap:]
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
                    NotImplementedError) as exc:
                raise CorruptFile(f"the file is damaged: its part {member.filename!r} "
                                  f"cannot be unpacked ({exc})") from exc
