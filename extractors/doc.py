"""Word 97-2003 documents (.doc), read with Debian's antiword (catdoc as fallback).

antiword prints each paragraph on one line (`-w 0`) and draws tables as rows
of `|`-separated cells padded to fixed column widths; a cell whose text does
not fit wraps onto continuation lines below its row. Runs of such lines
become a Table; everything else becomes Lines (`line=N`, N = the line of
antiword's output, blank lines counted). catdoc, used when antiword cannot
read the file, separates cells with tabs instead.

The bytes are written to a temporary file named here, never after the input.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import tempfile

import olefile

from extractors.document import Cell, Document, Element, Line, Row, Table
from extractors.errors import CorruptFile, EncryptedFile, ExtractionError, LimitExceeded
from extractors.registry import FileKind, Source
from extractors.txt import looks_like_list_item

_WORD_IDENTS = (0xA5EC, 0xA5DC)  # Word 97+ and Word 6/95 file information blocks
_F_ENCRYPTED = 0x0100
_F_OBFUSCATED = 0x8000  # XOR-obfuscated: also password-protected
_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")


def extract(source: Source) -> Document:
    """Read a .doc into Lines and Tables."""
    _check_word_stream(source.data)
    text, problem = _run_converters(source)
    doc = Document(source_file=source.source_file, kind=FileKind.DOC.value,
                   locator_prefix=source.locator_prefix)
    doc.elements = elements_from_text(text, source.locator_prefix)
    if problem:
        doc.problems.append(problem)
    return doc


def _check_word_stream(data: bytes) -> None:
    """Refuse files that are not Word documents or are password-protected, before any tool runs."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise CorruptFile("the file is an Office file but holds no Word document")
            with ole.openstream("WordDocument") as stream:
                fib = stream.read(12)
    except OSError as exc:  # olefile reports a damaged compound file as OSError
        raise CorruptFile(f"the Word document is damaged and cannot be opened ({exc})") from exc
    if len(fib) < 12:
        raise CorruptFile("the Word document is damaged: its header is truncated")
    ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 10)[0]
    # other signatures are older Word versions: antiword says whether it can read them
    if ident in _WORD_IDENTS and flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise EncryptedFile("the Word document is password-protected (encrypted); "
                            "it cannot be read without the password")


def _run_converters(source: Source) -> tuple[str, str | None]:
    """antiword's text, or catdoc's with a problem noting the fallback."""
    with tempfile.TemporaryDirectory(prefix="foi-doc-") as workdir:
        path = os.path.join(workdir, "input.doc")
        with open(path, "wb") as handle:
            handle.write(source.data)
        env = {"HOME": workdir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        timeout = source.limits.per_file_seconds
        antiword = _run(["antiword", "-w", "0", "-m", "UTF-8.txt", path], env, timeout)
        if antiword.returncode == 0 and antiword.stdout.strip():
            return antiword.stdout.decode("utf-8", errors="replace"), None
        reason = antiword.stderr.decode("utf-8", errors="replace").replace(path, "the file").strip()
        if "encrypted" in reason.lower():
            raise EncryptedFile("the Word document is password-protected (encrypted); "
                                "it cannot be read without the password")
        catdoc = _run(["catdoc", "-d", "utf-8", "-w", path], env, timeout)
        if catdoc.returncode == 0 and catdoc.stdout.strip():
            problem = f"read with catdoc because antiword failed ({reason or 'no text'}); table layout may be lost"
            return catdoc.stdout.decode("utf-8", errors="replace"), problem
    raise CorruptFile(f"the Word document could not be read ({reason or 'no text found'})")


def _run(command: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    if shutil.which(command[0]) is None:
        raise ExtractionError(f"{command[0]} is not installed; .doc files cannot be read "
                              "(install the Debian package of that name)")
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise LimitExceeded("per_file_seconds",
                            f"{command[0]} took longer than {timeout:g} seconds") from exc


def elements_from_text(text: str, prefix: str = "") -> list[Element]:
    """Lines and Tables from antiword's (or catdoc's) output."""
    lines = text.splitlines()
    elements: list[Element] = []
    tables = 0
    i = 0
    while i < len(lines):
        run_end = _table_run_end(lines, i)
        if run_end > i:
            tables += 1
            locator = f"{prefix}table={tables}"
            rows = _pipe_rows(lines[i:run_end]) if _TABLE_LINE.match(lines[i]) else _tab_rows(lines[i:run_end])
            elements.append(Table(
                rows=[Row(cells=[Cell(text=t) for t in r], locator=f"{locator};row={n}")
                      for n, r in enumerate(rows, start=1)],
                locator=locator))
            i = run_end
            continue
        content = lines[i].rstrip()
        elements.append(Line(text=content, locator=f"{prefix}line={i + 1}",
                             list_item=looks_like_list_item(content)))
        i += 1
    return elements


def _table_run_end(lines: list[str], start: int) -> int:
    """End (exclusive) of the run of table lines starting at `start`; `start` if none."""
    if _TABLE_LINE.match(lines[start]):
        end = start
        while end < len(lines) and _TABLE_LINE.match(lines[end]):
            end += 1
        return end
    # catdoc: tab-separated rows, blank lines between them
    if lines[start].count("\t") < 1:
        return start
    end = start
    last_row = start
    while end < len(lines) and (lines[end].count("\t") >= 1 or not lines[end].strip()):
        if lines[end].strip():
            last_row = end
        end += 1
    return last_row + 1 if last_row > start else start


def _pipe_rows(lines: list[str]) -> list[list[str]]:
    """Rows of an antiword table, joining a cell's wrapped continuation lines to its row."""
    rows: list[list[str]] = []
    widths: list[int] = []
    for line in lines:
        raw = line.strip()[1:-1].split("|")
        cells = [c.strip() for c in raw]
        if rows and _continues(rows[-1], cells, widths):
            for k, text in enumerate(cells):
                if text:
                    rows[-1][k] = f"{rows[-1][k]} {text}".strip()
            continue
        rows.append(cells)
        widths = [len(c) for c in raw]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _continues(previous: list[str], cells: list[str], widths: list[int]) -> bool:
    """True when `cells` is the wrapped remainder of the row above, not a new row.

    antiword wraps a cell only when its next word would not fit the column, so
    every non-empty cell here must continue a cell above that could not take
    its first word.
    """
    if len(cells) != len(previous):
        return False
    filled = [k for k, c in enumerate(cells) if c]
    for k in filled:
        if not previous[k]:
            return False
        next_word = cells[k].split()[0]
        if len(_last_wrapped_line(previous[k], widths[k])) + 1 + len(next_word) < widths[k]:
            return False  # the word would have fitted: this is a new row
    return True


def _last_wrapped_line(text: str, width: int) -> str:
    """The last line `text` would occupy when wrapped at `width`, as antiword wraps it."""
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) > width and line:
            line = word
        else:
            line = candidate
    return line


def _tab_rows(lines: list[str]) -> list[list[str]]:
    rows = [[c.strip() for c in line.split("\t")] for line in lines if line.strip()]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]
