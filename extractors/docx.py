"""Word documents (.docx, and .docm/.dotx, which differ only in content type).

The body is walked in document order: each paragraph becomes Lines
(`paragraph=N`, N counting every body paragraph from 1, empty ones included,
so N matches the paragraph's position in Word) and each table a Table. Header
and footer text (letterheads, references) comes first and last as
`header=N` / `footer=N` Lines. Text boxes are not read.

The package is checked before parsing (member sizes, inflation ratio, no
DTD), so python-docx only ever sees a bounded, entity-free XML.
"""
from __future__ import annotations

import io
import zipfile

import olefile
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.package import OpcPackage
from docx.opc.part import PartFactory
from docx.parts.document import DocumentPart
from docx.table import Table as WordTable
from lxml import etree

from extractors.document import Cell, Document, Element, Line, Row, Table
from extractors.errors import CorruptFile, EncryptedFile
from extractors.registry import OLE_MAGIC, FileKind, Source
from extractors.txt import looks_like_list_item
from extractors.zipsafe import check_no_dtd, check_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# subtrees whose text is not the paragraph's own: text boxes, the fallback copy of
# alternate content, deleted revisions, comments' anchors
_SKIPPED = frozenset({f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom",
                      f"{_W}pPr", f"{_W}rPr", f"{_W}instrText", f"{_W}delText"})
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})

# macro-enabled documents and templates hold the same WordprocessingML as .docx;
# python-docx only maps the .docx content type to a document part
_WORD_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
for _content_type in _WORD_MAIN_TYPES:
    PartFactory.part_type_for.setdefault(_content_type, DocumentPart)

_PACKAGE_ERRORS = (zipfile.BadZipFile, KeyError, PackageNotFoundError, etree.XMLSyntaxError,
                   ValueError, EOFError, OSError, NotImplementedError)


def extract(source: Source) -> Document:
    """Read a .docx into a Document: header lines, body lines and tables, footer lines."""
    if source.data.startswith(OLE_MAGIC):
        raise _ole_error(source.data)
    check_zip(source.data, source.limits)
    check_no_dtd(source.data)
    word = _open(source.data)
    prefix = source.locator_prefix
    doc = Document(source_file=source.source_file, kind=FileKind.DOCX.value, locator_prefix=prefix)
    headers, footers = _header_footer_lines(word, prefix, doc.problems)
    doc.elements = [*headers, *_body_elements(word, prefix), *footers]
    return doc


def _ole_error(data: bytes) -> Exception:
    """A .docx that is an OLE file is either password-protected or not a .docx at all."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            encrypted = ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo")
    except OSError as exc:
        return CorruptFile(f"the file is damaged: it starts like an Office file but cannot be read ({exc})")
    if encrypted:
        return EncryptedFile("the Word document is password-protected (encrypted); "
                             "it cannot be read without the password")
    return CorruptFile("the file is named as a Word .docx document but is an older Office file "
                       "of another kind")


def _open(data: bytes) -> WordDocument:
    try:
        part = OpcPackage.open(io.BytesIO(data)).main_document_part
    except _PACKAGE_ERRORS as exc:
        raise CorruptFile(f"the Word document is damaged and cannot be opened ({exc})") from exc
    if not isinstance(part, DocumentPart):
        raise CorruptFile(f"the file is not a Word document (its main part is {part.content_type!r})")
    return part.document


def paragraph_text(p: etree._Element) -> str:
    """The text of a w:p as Word shows it: runs, hyperlinks, insertions; breaks as newlines."""
    parts: list[str] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in _BREAKS:
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                visit(child)

    visit(p)
    return "".join(parts)


def _is_list_paragraph(p: etree._Element, word: WordDocument) -> bool:
    """Numbered or bulleted: direct numbering, or a style that numbers or is a List style."""
    num_id = p.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    if num_id is not None:
        return num_id.get(f"{_W}val") != "0"  # numId 0 switches numbering off
    style_id = p.find(f"{_W}pPr/{_W}pStyle")
    if style_id is None:
        return False
    style_key = style_id.get(f"{_W}val") or ""
    styles = word.styles.element
    seen = set()
    while style_key and style_key not in seen:
        seen.add(style_key)
        style = styles.get_by_id(style_key)
        if style is None:
            return "list" in style_key.lower() and "paragraph" not in style_key.lower()
        name = (style.name_val or "").lower()
        if name.startswith("list") and "paragraph" not in name and "table" not in name:
            return True
        num = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        if num is not None:
            return num.get(f"{_W}val") != "0"
        style_key = style.basedOn_val or ""
    return False


def _paragraph_lines(p, word: WordDocument, locator: str) -> list[Line]:
    """A paragraph's Lines: one per line break, all with the paragraph's locator."""
    text = paragraph_text(p)
    listed = _is_list_paragraph(p, word)
    lines = []
    for piece in text.split("\n"):
        piece = piece.strip()
        if piece:
            lines.append(Line(text=piece, locator=locator,
                              list_item=listed or looks_like_list_item(piece)))
            listed = False  # a soft break inside an item continues the item
    return lines


def _block_items(container: etree._Element):
    """w:p and w:tbl children in order, looking through content controls (w:sdt)."""
    for child in container:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_items(content)
        elif child.tag in (f"{_W}customXml", f"{_W}ins"):
            yield from _block_items(child)


def _body_elements(word: WordDocument, prefix: str) -> list[Element]:
    elements: list[Element] = []
    paragraphs = tables = 0
    for item in _block_items(word.element.body):
        if item.tag == f"{_W}p":
            paragraphs += 1
            elements.extend(_paragraph_lines(item, word, f"{prefix}paragraph={paragraphs}"))
        else:
            tables += 1
            elements.append(_table(WordTable(item, word), f"{prefix}table={tables}"))
    return elements


def _paragraphs(el: etree._Element):
    """Every w:p under `el` (nested tables included), text boxes and fallbacks left out."""
    for child in el:
        if child.tag == f"{_W}p":
            yield child
        elif child.tag not in _SKIPPED:
            yield from _paragraphs(child)


def _cell_text(tc: etree._Element) -> str:
    texts = (t.strip() for p in _paragraphs(tc) for t in paragraph_text(p).split("\n"))
    return "\n".join(t for t in texts if t)


def _table(table: WordTable, locator: str) -> Table:
    """Rows on the table's grid: a merged cell's text repeats into each position it covers."""
    rows = []
    for row in table.rows:
        texts = [""] * row.grid_cols_before
        texts.extend(_cell_text(cell._tc) for cell in row.cells)
        texts.extend([""] * row.grid_cols_after)
        rows.append(texts)
    width = max((len(r) for r in rows), default=0)
    return Table(
        rows=[Row(cells=[Cell(text=t) for t in r + [""] * (width - len(r))],
                  locator=f"{locator};row={n}")
              for n, r in enumerate(rows, start=1)],
        locator=locator,
    )


def _header_footer_lines(word: WordDocument, prefix: str,
                         problems: list[str]) -> tuple[list[Line], list[Line]]:
    """Distinct header and footer lines of all sections (first-page and even-page ones too)."""
    headers: list[str] = []
    footers: list[str] = []
    for section in word.sections:
        for part, out in ((section.first_page_header, headers), (section.header, headers),
                          (section.even_page_header, headers), (section.first_page_footer, footers),
                          (section.footer, footers), (section.even_page_footer, footers)):
            # a linked header has no definition of its own: reading it would invent one
            if part.is_linked_to_previous:
                continue
            try:
                root = part._element
            except KeyError:  # the reference points at a part the package lacks
                problems.append("a header or footer of the document is missing from the file")
                continue
            for p in root.iter(f"{_W}p"):
                for piece in paragraph_text(p).split("\n"):
                    piece = piece.strip()
                    if piece and piece not in out:
                        out.append(piece)
    return ([Line(text=t, locator=f"{prefix}header={n}") for n, t in enumerate(headers, 1)],
            [Line(text=t, locator=f"{prefix}footer={n}") for n, t in enumerate(footers, 1)])
