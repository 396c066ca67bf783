"""A table cell's content in the Word writer: one text, or paragraphs with real Word lists.

A cell of several paragraphs (:attr:`~reportgen.document.Cell.paragraphs`) gets a ``w:p`` a
paragraph, all in the table's text style: bullet points and numbered items are list
paragraphs (``w:numPr``) of the document's lists, each level indented by :data:`LIST_INDENT`
with its bullet or number hanging, so a list fits a narrow column.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from reportgen.document import Cell, Inlines, ListMark, plain_text
from reportgen.writers.docx import ooxml

ROW_HEADING_STYLE = "Table Heading"
"""The paragraph style of a row header: LibreOffice tags a cell whose paragraph has a style of
this name as a header cell (TH) in the PDF. Made as the table text style in bold when the
template has none."""

LIST_INDENT = 284
"""How far each level of a list in a cell is indented, in twips (0.5 cm); the bullet or number
hangs in it."""

WriteInlines = Callable[[etree._Element, Inlines, bool, bool], None]
"""The writer's way of filling a paragraph with content: (paragraph, content, bold, italic)."""
Number = Callable[[CT_P, ListMark | None], None]
"""The writer's way of making a paragraph an item of a list."""


def write_cell(
    p: CT_P,
    cell: Cell,
    bold: bool,
    write_inlines: WriteInlines,
    number: Number | None,
) -> None:
    """Fill the cell whose first paragraph is ``p`` with ``cell``'s content.

    Its other paragraphs are copies of ``p``'s properties (the style and the keep), so they
    read and keep as the first does.
    """
    if not cell.paragraphs or number is None:
        write_inlines(p, cell.content, bold, cell.note)
        return
    template = p.pPr
    for i, para in enumerate(cell.paragraphs):
        if i:
            fresh = ooxml.paragraph("")
            if template is not None:
                fresh.remove(fresh[0])
                fresh.insert(0, _copy(template))
            p.addnext(fresh)
            p = fresh
        if para.mark is not None:
            number(p, para.mark)
            level = para.mark.level
            ooxml.indent(p, LIST_INDENT * (level + 1), LIST_INDENT)
        write_inlines(p, para.content, bold, cell.note)


def row_heading_style(word: WordDocument, text_style: str) -> str:
    """The style id of :data:`ROW_HEADING_STYLE` in ``word``, added (the table text style,
    bold) when its template has none."""
    for style in word.styles:
        if style.name == ROW_HEADING_STYLE and style.type == WD_STYLE_TYPE.PARAGRAPH:
            return str(style.style_id)
    made = word.styles.add_style(ROW_HEADING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    made.base_style = next(s for s in word.styles if s.style_id == text_style)
    made.font.bold = True
    return str(made.style_id)


def lines(cell: Cell, width: int, size: float, measure: Callable[[str, float], int]) -> int:
    """About how many lines ``cell`` takes in a column ``width`` twips wide (its margins
    left out) at ``size`` points, each of its paragraphs and lines wrapped by ``measure`` (a
    text's width in twips); for deciding whether a table is short enough to keep whole."""
    texts = [plain_text(p.content) for p in cell.paragraphs] or [plain_text(cell.content)]
    room = max(width - (LIST_INDENT if cell.paragraphs else 0), 1)
    return sum(
        max(1, math.ceil(measure(line, size) / room)) for text in texts for line in text.split("\n")
    )


def _copy(element: etree._Element) -> etree._Element:
    """A deep copy of ``element``."""
    return copy.deepcopy(element)
