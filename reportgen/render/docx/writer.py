"""Write a resolved :class:`~reportgen.document.Document` as the council's Word report.

The frame (header block, footer, page set-up, styles) comes from the template, a .docx shell
whose flat ``{{ field }}`` placeholders docxtpl fills from the document's :class:`Meta`. The body
is then appended block by block with python-docx, each paragraph taking a style from the
template by name (see :data:`STYLES`). Numbers are Word list numbering and references are
Word REF fields; the writer prints the numbers the resolver decided and computes none. Tables
are laid out by :mod:`reportgen.render.docx.tables`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import nsmap
from docx.oxml.text.paragraph import CT_P
from docxtpl import DocxTemplate
from lxml import etree

from reportgen.document import (
    Block,
    Document,
    Emph,
    Figure,
    Heading,
    Inlines,
    LineBreak,
    Link,
    ListMark,
    Para,
    ParaRole,
    RefNumber,
    Strong,
    Table,
    Text,
)
from reportgen.errors import Location, Problems
from reportgen.render.docx import ooxml, tables

# Importing docxtpl imports docxcompose, which rebinds python-docx's "cp" prefix to the
# custom-properties namespace for the whole process; python-docx then writes core properties
# twice, once in the wrong namespace, and Word calls the file corrupt (docxtpl issue #471,
# docxcompose issue #101). Put the standard mapping back; docxcompose uses its own copy.
nsmap["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "report.docx"
"""templates/report.docx beside the package."""

GENERATOR = "reportgen"
"""Written as the document's last-modified-by, so a later build knows the file is its own."""

STYLES: dict[ParaRole, str] = {
    "body": "Body Text",
    "numbered": "Numbered Paragraph",
    "item": "Lettered Item",
    "bullet": "List Bullet",
    "quote": "Quote",
    "quote-source": "Quote Source",
    "caption": "Caption",
    "recommendation": "Recommendation",
    "signature": "Signature",
    "contact-intro": "Body Text",
    "contact": "Contact",
    "paper": "Background Paper",
    "reference": "Report Reference",
}
"""The template's paragraph style for each paragraph role."""

EMU_PER_TWIP = 635
A4_WIDTH = 11906 * EMU_PER_TWIP
"""The page width assumed when a template's section gives none."""

BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
"""Bullets by depth."""

HEADING_STYLES = tuple(f"Heading {n}" for n in range(1, 6))
"""Headings by level."""

LEVEL_STYLES: dict[tuple[str, int], str] = {
    ("paragraph", 0): STYLES["numbered"],
    ("paragraph", 1): STYLES["item"],
    ("recommendation", 0): STYLES["recommendation"],
    **{("bullet", i): name for i, name in enumerate(BULLET_STYLES)},
}
"""The style whose indentation each list level takes; lettered headings keep their own (none)."""

CHARACTER_STYLES = ("Hyperlink",)


class _Styles:
    """The template's style ids by name, looked up once; a missing style is a problem."""

    def __init__(self, word: WordDocument, template: str, problems: Problems) -> None:
        self.ids: dict[str, str] = {}
        wanted = [
            *[
                (n, WD_STYLE_TYPE.PARAGRAPH)
                for n in {
                    *STYLES.values(),
                    *BULLET_STYLES,
                    *HEADING_STYLES,
                    *tables.PARAGRAPH_STYLES,
                }
            ],
            *[(n, WD_STYLE_TYPE.CHARACTER) for n in CHARACTER_STYLES],
            (tables.TABLE_STYLE, WD_STYLE_TYPE.TABLE),
        ]
        by_name = {(s.name, s.type): s.style_id for s in word.styles}
        for name, kind in sorted(wanted, key=lambda w: w[0]):
            if (name, kind) in by_name:
                self.ids[name] = by_name[(name, kind)]
            else:
                problems.add(
                    "T401",
                    f"the template has no {kind.name.lower()} style named {name!r}",
                    Location(template),
                    "add the style to the template in Word, or use templates/report.docx",
                )


class _Writer:
    """Appends one document's blocks to a Word document."""

    def __init__(self, word: WordDocument, doc: Document, styles: _Styles) -> None:
        self.word = word
        self.doc = doc
        self.styles = styles.ids
        numbering = word.part.numbering_part.element
        self.lists = ooxml.Lists(numbering)
        self.bookmarks: dict[str, str] = {}
        self.bookmark_ids = 0
        self.body = word.element.body
        self.frame = self.table_frame()

    def table_frame(self) -> tables.TableFrame:
        """Where tables go and what they look like, from the template's section and styles."""
        section = self.word.sections[-1]
        text_width = (
            (section.page_width or A4_WIDTH)
            - (section.left_margin or 0)
            - (section.right_margin or 0)
            - (section.gutter or 0)
        ) // EMU_PER_TWIP
        indent, _ = ooxml.style_indent(self.style_element(STYLES["numbered"]))
        left, right = ooxml.table_cell_margins(self.style_element(tables.TABLE_STYLE))
        return tables.TableFrame(
            width=text_width - indent,
            indent=indent,
            padding=left + right,
            size=ooxml.style_font_size(self.style_element(tables.TEXT_STYLE)),
            table_style=self.styles[tables.TABLE_STYLE],
            text_style=self.styles[tables.TEXT_STYLE],
            number_style=self.styles[tables.NUMBER_STYLE],
        )

    def bookmark_name(self, anchor: str) -> str:
        """The Word bookmark for an anchor: hidden (``_Ref``), unique, within 40 characters."""
        if anchor not in self.bookmarks:
            base = "_Ref_" + "".join(c if c.isalnum() else "_" for c in anchor)[:30]
            name = base if base not in self.bookmarks.values() else f"{base}_{len(self.bookmarks)}"
            self.bookmarks[anchor] = name
        return self.bookmarks[anchor]

    def paragraph(self, style: str) -> CT_P:
        p: CT_P = self.body.add_p()
        p.style = self.styles[style]
        return p

    def number(self, p: CT_P, mark: ListMark | None) -> None:
        if mark is not None:
            fmt = self.doc.list_formats[mark.kind]
            indents = [
                ooxml.style_indent(self.style_element(LEVEL_STYLES.get((mark.kind, level))))
                for level in range(len(fmt.levels))
            ]
            ooxml.set_list(p, self.lists.num_id(mark.instance, fmt, indents), mark.level)

    def style_element(self, name: str | None) -> etree._Element | None:
        return None if name is None else self.word.styles[name].element

    def inlines(
        self, parent: etree._Element, nodes: Inlines, bold: bool = False, italic: bool = False
    ) -> None:
        link_style = self.styles["Hyperlink"] if parent.tag.endswith("hyperlink") else None
        rpr = ooxml.run_properties(bold, italic, link_style)
        for node in nodes:
            match node:
                case Text(text):
                    ooxml.text_run(parent, text, rpr)
                case Strong(children):
                    self.inlines(parent, children, True, italic)
                case Emph(children):
                    self.inlines(parent, children, bold, True)
                case Link(url, children):
                    assert isinstance(parent, CT_P)
                    link = ooxml.hyperlink(parent, self.word.part, url)
                    self.inlines(link, children, bold, italic)
                case LineBreak():
                    ooxml.line_break(parent, rpr)
                case RefNumber(anchor, shown):
                    ooxml.ref_field(parent, self.bookmark_name(anchor), shown, rpr)
                case Figure(shown=shown):
                    ooxml.text_run(parent, shown, rpr)

    def block(self, block: Block) -> CT_P | None:
        """Append ``block``; returns its paragraph, or None for a table."""
        match block:
            case Heading(level, content, mark):
                p = self.paragraph(HEADING_STYLES[min(level, len(HEADING_STYLES)) - 1])
                self.number(p, mark)
                self.inlines(p, content)
            case Para(role, content, mark, anchor):
                style = STYLES[role]
                if role == "bullet" and mark is not None:
                    style = BULLET_STYLES[min(mark.level, len(BULLET_STYLES) - 1)]
                p = self.paragraph(style)
                self.number(p, mark)
                self.inlines(p, content)
                if anchor is not None:
                    self.bookmark_ids += 1
                    ooxml.bookmark(p, self.bookmark_ids, self.bookmark_name(anchor))
            case Table():
                self.table(block)
                return None
        return p

    def table(self, block: Table) -> None:
        """The table, then an empty paragraph that spaces it from what follows."""
        tables.write_table(self.body, block, self.frame, self.inlines)
        self.paragraph(tables.AFTER_STYLE)

    def write(self) -> None:
        """Append every block; a paragraph that introduces a table stays on its page."""
        leads = tables.introductions(self.doc.blocks)
        for i, block in enumerate(self.doc.blocks):
            p = self.block(block)
            if p is not None and i in leads:
                ooxml.keep_with_next(p)


def _fill_shell(doc: Document, template: Path) -> WordDocument:
    """The template with its header fields filled in, opened for the body to be appended."""
    shell = DocxTemplate(str(template))
    meta = doc.meta
    shell.render(
        {
            "committee": meta.committee,
            "date": meta.date_text,
            "agenda_item": meta.agenda_item,
            "report_of": meta.report_of,
            "title": meta.title,
            "reference": meta.reference or "",
        },
        autoescape=True,
    )
    buffer = io.BytesIO()
    shell.save(buffer)
    buffer.seek(0)
    return open_docx(buffer)


def render_docx(doc: Document, template: Path = DEFAULT_TEMPLATE) -> bytes:
    """The Word file for ``doc``, as bytes; raises one error if the template lacks a style."""
    problems = Problems()
    if not template.is_file():
        problems.add(
            "T400",
            "the template file does not exist",
            Location(str(template)),
            "give the path of a .docx template, or leave --template out",
        )
        problems.raise_if_any()
    word = _fill_shell(doc, template)
    styles = _Styles(word, str(template), problems)
    problems.raise_if_any()
    _Writer(word, doc, styles).write()
    props = word.core_properties
    props.title = doc.meta.title
    props.subject = doc.meta.committee
    props.keywords = doc.meta.reference or ""
    props.language = doc.meta.language
    props.author = doc.meta.report_of
    props.comments = ""
    props.last_modified_by = GENERATOR
    props.revision = 1
    props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
