"""HTML pages, council-system exports saved as .xls, and HTML e-mail bodies.

Every data `<table>` becomes a Table whose columns line up (a cell spanning
columns or rows has its text repeated into each grid position it covers);
text outside tables becomes Lines in reading order, a line ending wherever a
block element (<p>, <div>, <br>, <li>, headings, ...) ends one.

Tables used for page layout (a single cell, or a table holding other tables,
as HTML e-mails and exported letters often do) are read as running text and
their inner tables as tables, so a data table inside a layout frame is found.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.etree

from extractors.document import Cell, Document, Element, Line, Row, Table
from extractors.errors import CorruptFile, LimitExceeded
from extractors.registry import FileKind, Source
from extractors.text_decoding import decode_text
from extractors.txt import looks_like_list_item
from foi.settings import DEFAULT_LIMITS

# elements whose start and end break a line of running text
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "ul", "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "table",
})
# never shown to a reader
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "object",
                           "embed", "iframe", "svg", "math", "select", "textarea"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# HTML caps spans at these values; a larger one is a broken or hostile file
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)


def extract(source: Source) -> Document:
    """Read an HTML file (or HTML saved under a spreadsheet name) into a Document."""
    text, problem = decode_html(source.data)
    doc = Document(source_file=source.source_file, kind=FileKind.HTML.value,
                   locator_prefix=source.locator_prefix)
    doc.elements = elements_from_html(text, source.locator_prefix,
                                      max_cells=source.limits.max_sheet_cells)
    if problem:
        doc.problems.append(problem)
    return doc


def decode_html(data: bytes) -> tuple[str, str | None]:
    """The text of an HTML file, and a problem if characters could not be decoded.

    A `<meta charset>` (or http-equiv Content-Type) in the first 4 KB is honoured
    when Python knows it; otherwise the bytes are decoded as undeclared text.
    """
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec is not None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                pass  # the declaration is wrong; fall back to sniffing
    decoded = decode_text(data)
    problem = None
    if "replacements" in decoded.encoding:
        problem = "some characters could not be decoded and were replaced by \ufffd"
    return decoded.text, problem


def elements_from_html(html: str, prefix: str = "", *, first_line: int = 1, first_table: int = 1,
                       max_cells: int = DEFAULT_LIMITS.max_sheet_cells) -> list[Element]:
    """Tables and Lines of an HTML text, in reading order.

    Locators are `{prefix}line=N` and `{prefix}table=T` (rows `...;row=R`),
    numbered from `first_line` / `first_table` so several bodies of one e-mail
    can share a numbering. Raises LimitExceeded when tables would hold more than
    `max_cells` cells in all, CorruptFile when the text is not parseable at all.
    """
    root = _parse(html)
    walker = _Walker(prefix=prefix, next_line=first_line, next_table=first_table, max_cells=max_cells)
    if root is not None:
        walker.walk(root)
        walker.end_line()
    return walker.elements


def _parse(html: str) -> lxml.etree._Element | None:
    # lxml refuses str input that still declares a byte encoding
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    # plain etree elements: lxml.html's element classes cost a lookup per node
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                   recover=True, default_doctype=False)
    try:
        root = lxml.etree.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        if "empty" in str(exc).lower():
            return None  # only comments or whitespace
        raise CorruptFile(f"the HTML could not be parsed ({exc})") from exc
    # past its nesting limit libxml2 drops the rest of the document without failing
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise CorruptFile(f"the HTML could not be read to its end ({error.message.split(',')[0]})")
    return root


def _tag(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return ""
    if "}" in tag:  # Office HTML may carry namespaces (o:p)
        tag = tag.rsplit("}", 1)[-1]
    return tag.lower()


def _is_word_list_paragraph(element) -> bool:
    """Word's HTML (Outlook e-mails, saved letters) writes list items as styled <p>s."""
    return "MsoList" in (element.get("class") or "") or "mso-list" in (element.get("style") or "")


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text)


@dataclass
class _Walker:
    prefix: str
    next_line: int
    next_table: int
    max_cells: int
    elements: list[Element] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)
    _list_item: bool = False
    _cells_used: int = 0

    # ---- running text -------------------------------------------------
    def end_line(self) -> None:
        text = "".join(self._parts).strip()
        self._parts = []
        if not text:
            return  # a pending list mark waits for the item's first text
        self.elements.append(Line(text=text, locator=f"{self.prefix}line={self.next_line}",
                                  list_item=self._list_item or looks_like_list_item(text)))
        self.next_line += 1
        self._list_item = False

    def walk(self, element, in_pre: bool = False) -> None:
        tag = _tag(element)
        if tag in _SKIPPED_TAGS or not tag:
            return
        if tag == "br":
            self.end_line()
        elif tag == "table" and _is_data_table(element):
            self.end_line()
            self._add_table(element)
        else:
            block = tag in _BLOCK_TAGS
            if block:
                self.end_line()
            if tag == "li" or _is_word_list_paragraph(element):
                self._list_item = True
            pre = in_pre or tag == "pre"
            self._add_text(element.text, pre)
            for child in element:
                self.walk(child, pre)
                self._add_text(child.tail, pre)
            if block:
                self.end_line()
            if tag == "li":
                self._list_item = False  # an empty item marks nothing after it
            return
        # for <br> and tables, the tail is handled by the parent loop

    def _add_text(self, text: str | None, pre: bool) -> None:
        if not text:
            return
        if not pre:
            self._parts.append(_collapse(text))
            return
        lines = text.split("\n")
        for i, piece in enumerate(lines):
            if i:
                self.end_line()
            self._parts.append(piece.replace("\r", ""))

    # ---- tables ---------------------------------------------------------
    def _add_table(self, table) -> None:
        number = self.next_table
        self.next_table += 1
        locator = f"{self.prefix}table={number}"
        caption = next((c for c in table if _tag(c) == "caption"), None)
        title = (_cell_text(caption) or None) if caption is not None else None
        grid = _table_grid(table, self.max_cells - self._cells_used)
        width = max((len(r) for r, _ in grid), default=0)
        self._cells_used += width * len(grid)
        if self._cells_used > self.max_cells:
            raise LimitExceeded("max_sheet_cells",
                                f"the HTML tables hold more than {self.max_cells:,} cells")
        rows = [
            Row(cells=[Cell(text=t) for t in texts + [""] * (width - len(texts))],
                locator=f"{locator};row={i}", hidden=hidden)
            for i, (texts, hidden) in enumerate(grid, start=1)
        ]
        self.elements.append(Table(rows=rows, locator=locator, title=title))


def _own_rows(table) -> list:
    """The <tr> elements of this table, not of tables nested inside it."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in _ROW_GROUPS:
            rows.extend(c for c in child if _tag(c) == "tr")
    return rows


def _own_cells(row) -> list:
    return [c for c in row if _tag(c) in ("td", "th")]


def _is_data_table(table) -> bool:
    """False for a layout table: one holding other tables, or a single cell."""
    for _ in table.iterdescendants("table"):
        return False
    cells = 0
    for row in _own_rows(table):
        cells += len(_own_cells(row))
        if cells > 1:
            return True
    return False


def _span(cell, name: str, cap: int) -> int:
    raw = cell.get(name)
    if raw is None:
        return 1
    digits = re.match(r"\s*(\d+)", raw)
    if not digits:
        return 1
    return min(int(digits.group(1)), cap)


def _table_grid(table, max_cells: int) -> list[tuple[list[str], bool]]:
    """Each row's cell texts placed on the table's grid, spans repeated; and whether it is hidden.

    Raises LimitExceeded when the spans would fill more than `max_cells` positions.
    """
    rows = _own_rows(table)
    pending: dict[int, dict[int, str]] = {}  # row -> {column: text carried down by a rowspan}
    filled = 0
    grid: list[tuple[list[str], bool]] = []
    for r, tr in enumerate(rows):
        placed = pending.pop(r, {})
        col = 0
        for td in _own_cells(tr):
            while col in placed:
                col += 1
            text = _cell_text(td)
            colspan = max(_span(td, "colspan", _MAX_COLSPAN), 1)
            rowspan = _span(td, "rowspan", _MAX_ROWSPAN)
            # rowspan="0" reaches the end of the table
            down = len(rows) - r if rowspan == 0 else min(rowspan, len(rows) - r)
            filled += colspan * down
            if filled > max_cells:
                raise LimitExceeded("max_sheet_cells",
                                    f"an HTML table spans more than {max_cells:,} cells")
            for c in range(col, col + colspan):
                placed[c] = text
                for extra in range(1, down):
                    pending.setdefault(r + extra, {})[c] = text
            col += colspan
        width = max(placed, default=-1) + 1
        texts = [placed.get(c, "") for c in range(width)]
        hidden = bool(_DISPLAY_NONE.search(tr.get("style") or "")) or tr.get("hidden") is not None
        grid.append((texts, hidden))
    return grid


def _cell_text(cell) -> str:
    """A cell's text, whitespace collapsed, with a line break where the cell had one."""
    if len(cell) == 0:
        return _collapse(cell.text or "").strip()
    parts: list[str] = []

    def visit(el) -> None:
        tag = _tag(el)
        if tag in _SKIPPED_TAGS or not tag:
            return
        if tag == "br" or tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(_collapse(el.text))
        for child in el:
            visit(child)
            if child.tail:
                parts.append(_collapse(child.tail))
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    if cell.text:
        parts.append(_collapse(cell.text))
    for child in cell:
        visit(child)
        if child.tail:
            parts.append(_collapse(child.tail))
    lines = [ln.strip() for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)
