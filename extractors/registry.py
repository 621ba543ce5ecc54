"""One registry of file kinds, detected by content; one `extract()` per kind.

Detection looks at the bytes first (signatures, ZIP members, OLE streams, an
HTML or RFC 822 sniff, CSV structure); the file name's extension only breaks
ties (an encrypted OOXML package looks the same whether it was .xlsx or .docx).
Adding a format is adding a module with `extract(source) -> Document` and a
line in `EXTRACTORS`.
"""
from __future__ import annotations

import csv
import enum
import importlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from extractors.document import Document
from extractors.errors import EmptyFile, ExtractionError, LimitExceeded, UnknownFormat
from extractors.text_decoding import decode_text
from foi.settings import DEFAULT_LIMITS, Limits


class FileKind(str, enum.Enum):
    """The contract's `format` vocabulary."""

    PDF = "pdf"
    PDF_SCANNED = "pdf_scanned"
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    HTML = "html"
    CSV = "csv"
    DOCX = "docx"
    DOC = "doc"
    EML = "eml"
    MSG = "msg"
    TXT = "txt"
    UNKNOWN = "unknown"


# kind -> module under extractors/ exposing extract(source) -> Document
EXTRACTORS: dict[FileKind, str] = {
    FileKind.PDF: "extractors.pdf",
    FileKind.PDF_SCANNED: "extractors.pdf",
    FileKind.XLSX: "extractors.xlsx",
    FileKind.XLS: "extractors.xls",
    FileKind.ODS: "extractors.ods",
    FileKind.HTML: "extractors.html",
    FileKind.CSV: "extractors.csv_text",
    FileKind.DOCX: "extractors.docx",
    FileKind.DOC: "extractors.doc",
    FileKind.EML: "extractors.eml",
    FileKind.MSG: "extractors.msg",
    FileKind.TXT: "extractors.txt",
}


@dataclass(frozen=True)
class Source:
    """The bytes of one file (or attachment) and what the dataset calls it.

    Extractors read from `data`, never from a path built out of a name found in
    the input, so an attachment called `../../x` cannot touch the disk.
    """

    data: bytes
    source_file: str
    limits: Limits = field(default=DEFAULT_LIMITS)
    depth: int = 0  # e-mail attachment nesting
    locator_prefix: str = ""

    @property
    def extension(self) -> str:
        name = self.source_file.rsplit("#", 1)[-1]
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:([ \t]|\r?$)", re.M)
_MAIL_HEADERS = (b"from", b"to", b"subject", b"date", b"received", b"mime-version",
                 b"message-id", b"return-path", b"cc", b"sent", b"content-type", b"x-")


def detect_kind(data: bytes, extension: str = "") -> FileKind:
    """The kind of a file from its bytes; the extension only breaks ties."""
    if not data.strip():
        return FileKind.UNKNOWN
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return FileKind.PDF
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, extension)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, extension)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return FileKind.UNKNOWN
    text = decode_text(data[:65536]).text
    lead = text.lstrip("\ufeff \t\r\n").lower()
    if lead.startswith(("<!doctype html", "<html", "<?xml")) and ("<html" in lead[:4096] or "<table" in lead):
        return FileKind.HTML
    if _looks_like_email(data[:8192]):
        return FileKind.EML
    if re.match(r"<(table|body|head|meta|div|p)\b", lead) or ("<table" in lead and "</td>" in lead):
        return FileKind.HTML
    # a two-column table looks like prose with one comma a line; a .csv name breaks that tie
    if _looks_like_csv(text, min_fields=2 if extension in ("csv", "tsv") else 3):
        return FileKind.CSV
    return FileKind.TXT


def _zip_kind(data: bytes, extension: str) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            # read only the head: detection runs before the extractor's ZIP-bomb checks
            mimetype = _read_head(zf, "mimetype", 100) if "mimetype" in names else b""
    # RuntimeError: a ZIP-encrypted member; zlib.error: a damaged one
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError, zlib.error):
        # a broken central directory still leaves member names in the local headers
        names = [m.decode("latin-1") for m in re.findall(rb"PK\x03\x04.{26}([ -~]{1,200}?\.xml)", data[:1_000_000], re.S)]
        mimetype = b"opendocument.spreadsheet" if b"opendocument.spreadsheet" in data[:200] else b""
    if b"opendocument.spreadsheet" in mimetype:
        return FileKind.ODS
    if any(n.startswith("xl/") for n in names):
        return FileKind.XLSX
    if any(n.startswith("word/") for n in names):
        return FileKind.DOCX
    return {"xlsx": FileKind.XLSX, "xlsm": FileKind.XLSX, "docx": FileKind.DOCX,
            "ods": FileKind.ODS}.get(extension, FileKind.UNKNOWN)


def _read_head(zf: zipfile.ZipFile, member: str, size: int) -> bytes:
    with zf.open(member) as stream:
        return stream.read(size)


def _ole_kind(data: bytes, extension: str) -> FileKind:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir(streams=True, storages=True)}
    except Exception:  # olefile raises bare OSError/struct errors on broken files
        streams = set()
    tops = {s.split("/")[0] for s in streams}
    if tops & {"workbook", "book"}:
        return FileKind.XLS
    if "worddocument" in tops:
        return FileKind.DOC
    if any(s.startswith("__substg1.0_") for s in tops):
        return FileKind.MSG
    # a password-protected OOXML package is an OLE file holding EncryptedPackage
    by_ext = {"xls": FileKind.XLS, "xlsx": FileKind.XLSX, "xlsm": FileKind.XLSX, "doc": FileKind.DOC,
              "docx": FileKind.DOCX, "msg": FileKind.MSG}
    return by_ext.get(extension, FileKind.UNKNOWN)


def _looks_like_email(head: bytes) -> bool:
    block = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    lines = [ln for ln in block.split(b"\n") if ln and not ln[:1].isspace()]
    if len(lines) < 2 or not _HEADER_LINE.match(lines[0]) and not lines[0].startswith(b"From "):
        return False
    names = [ln.split(b":", 1)[0].strip().lower() for ln in lines if _HEADER_LINE.match(ln)]
    known = sum(1 for n in names if n in _MAIL_HEADERS or n.startswith(b"x-"))
    return known >= 2 and known >= len(lines) * 0.6


def _looks_like_csv(text: str, min_fields: int = 3) -> bool:
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    if len(lines) < 2:
        return False
    best = 0.0
    for delim in (",", ";", "\t", "|"):
        rows = list(csv.reader(lines, delimiter=delim))
        widths = [len(r) for r in rows]
        multi = [w for w in widths if w >= min_fields]
        if not multi:
            continue
        common = max(set(multi), key=multi.count)
        share = widths.count(common) / len(widths)
        best = max(best, share)
    # prose has commas too, but not the same number of fields on most lines
    return best >= 0.6


def read_document(source: Source, kind: FileKind | None = None) -> Document:
    """Detect the kind of `source` (unless the caller already did) and run its extractor.

    Raises ExtractionError (or a subclass) when the file cannot be read.
    """
    if len(source.data) > source.limits.max_file_bytes:
        raise LimitExceeded("max_file_bytes", f"the file is {len(source.data):,} bytes, more than allowed")
    if not source.data:
        raise EmptyFile("the file is empty (0 bytes)")
    kind = kind or detect_kind(source.data, source.extension)
    if kind is FileKind.UNKNOWN:
        raise UnknownFormat("the file's content is not a format the pipeline reads "
                            "(no PDF, Office, OpenDocument, e-mail, HTML or text signature found)")
    module = importlib.import_module(EXTRACTORS[kind])
    doc = module.extract(source)
    if not isinstance(doc, Document):  # a programming error, not bad input
        raise TypeError(f"{EXTRACTORS[kind]}.extract returned {type(doc).__name__}")
    return doc


__all__ = ["FileKind", "Source", "detect_kind", "read_document", "EXTRACTORS", "ExtractionError"]
