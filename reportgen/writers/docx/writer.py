"""Write a resolved :class:`~reportgen.document.Document` as the council's Word report.

The frame (header block, footer, page set-up, styles) comes from the template, a .docx shell
whose flat ``{{ field }}`` placeholders :mod:`reportgen.writers.docx.template` vets and fills from
the document's :class:`Meta`. The body
is then appended block by block with python-docx, each paragraph taking a style from the
template by name (see :data:`STYLES`). Numbers are Word list numbering and references are
Word REF fields; the writer prints the numbers the resolver decided and computes none. Tables
are laid out by :mod:`reportgen.writers.docx.tables`, what keeps with what is decided by
:mod:`reportgen.writers.flow`, and :mod:`reportgen.writers.docx.package` finishes the file:
clean, described by the report, reproducible, and marked as reportgen's own.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import nsmap, qn
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from reportgen.document import (
    Block,
    Callout,
    Chart,
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
    Picture,
    RefNumber,
    Strong,
    Table,
    Text,
)
from reportgen.errors import Location, Problems, quote
from reportgen.writers import flow
from reportgen.writers.docx import cells, design, ooxml, package, pictures, sections, tables
from reportgen.writers.docx import template as shell
from reportgen.writers.docx.look import apply_look

# Importing docxcompose (docxtpl's dependency, which reportgen no longer uses) rebinds
# python-docx's "cp" prefix to the custom-properties namespace for the whole process; python-docx
# then writes core properties twice, once in the wrong namespace, and Word calls the file corrupt
# (docxtpl issue #471, docxcompose issue #101). Should anything import it, the standard mapping
# is put back here; docxcompose uses its own copy.
nsmap["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "report.docx"
DOCUMENT_TEMPLATE = DEFAULT_TEMPLATE.with_name("document.docx")
"""templates/document.docx: the same styles without the report header, for agendas, minutes
and appendix documents."""
"""templates/report.docx beside the package."""

GENERATOR = package.APPLICATION
"""The application the document's properties name."""

CLOSING_STYLE = "Closing Text"
"""The closing section's lead-ins and contacts' introduction, at the margin like their lists."""

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
    "lead-in": CLOSING_STYLE,
    "margin": CLOSING_STYLE,
    "contact-intro": CLOSING_STYLE,
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
    ("letter", 0): STYLES["numbered"],
    ("paper", 0): STYLES["numbered"],
    ("minute", 0): STYLES["numbered"],
    ("resolution", 0): STYLES["recommendation"],
    ("note", 0): STYLES["recommendation"],
}
"""The style whose indentation each list level takes, unless its
:attr:`~reportgen.document.LevelFormat.hangs_like` names a role.

Lettered headings and lettered background papers hang like numbered paragraphs: the letter at
the margin, the text on the numbered paragraphs' text indent, so a wrapped heading (or a
paper's address on its second line) does not run back under its letter.
"""

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
                    CLOSING_STYLE,
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
                    f"the template has no {kind.name.lower()} style named {quote(name)}",
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
        wanted = set(self.styles.values())
        self.elements = {s.style_id: s.element for s in word.styles if s.style_id in wanted}
        self.frame = self.table_frame()
        self.landscape = False
        """Whether the block being written is on a landscape page of a portrait document."""
        if any(
            cell.header
            for block in doc.blocks
            if isinstance(block, Table)
            for row in block.rows
            for cell in row.cells
        ):
            heading = cells.row_heading_style(word, self.frame.text_style)
            self.frame = replace(self.frame, heading_style=heading)
        self.indents = {
            kind: [
                ooxml.style_indent(
                    self.style_element(
                        STYLES[lv.hangs_like] if lv.hangs_like else LEVEL_STYLES.get((kind, i))
                    )
                )
                for i, lv in enumerate(fmt.levels)
            ]
            for kind, fmt in doc.list_formats.items()
        }
        self.gap = ooxml.style_spacing(self.style_element(STYLES["numbered"]))[1]
        self.before = {
            ident: ooxml.style_spacing(element)[0] for ident, element in self.elements.items()
        }
        text_width = self.frame.width + self.frame.indent
        self.design = design.Styles(word, doc.meta.look, text_width, self.frame.indent)
        self.last: Block | None = None
        """The block written last."""
        self.apart = False
        """Whether the last call-out was drawn apart from the one before it."""

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

    def frame_of(self, table: Table, landscape: bool = False) -> tables.TableFrame:
        """The frame ``table`` is written in: on a landscape page of a portrait document
        (``landscape``) as wide as the page's text; a wide table (look.yaml) spans the margins,
        its text at the profile's size for wide tables, in styles based on the template's, made
        when first needed."""
        frame = self.frame
        if landscape:
            frame = replace(frame, width=frame.width + sections.landscape_width(self.body))
        wide = self.doc.meta.look.wide_tables
        if wide is None or tables.column_count(table) < wide[0]:
            return frame
        styles = self.word.styles.element
        return replace(
            frame,
            width=frame.width + frame.indent,
            indent=0,
            wide=True,
            size=wide[1],
            text_style=ooxml.sized_style(styles, self.frame.text_style, wide[1]),
            number_style=ooxml.sized_style(styles, self.frame.number_style, wide[1]),
        )

    def bookmark_name(self, anchor: str) -> str:
        """The Word bookmark for an anchor: hidden (``_Ref``), unique, within 40 characters."""
        if anchor not in self.bookmarks:
            base = "_Ref_" + "".join(c if c.isalnum() else "_" for c in anchor)[:30]
            name = base if base not in self.bookmarks.values() else f"{base}_{len(self.bookmarks)}"
            self.bookmarks[anchor] = name
        return self.bookmarks[anchor]

    def paragraph(self, style: str) -> CT_P:
        """A new paragraph of ``style`` at the end of the body (in constant time)."""
        p = ooxml.paragraph(self.styles[style])
        ooxml.append_block(self.body, p)
        return p

    def designed(self, name: str) -> CT_P:
        """A new paragraph of the design style ``name`` (:mod:`.design`) at the end of the body."""
        p = ooxml.paragraph(self.design[name])
        ooxml.append_block(self.body, p)
        return p

    def bookmark(self, p: CT_P, anchor: str) -> None:
        """Mark paragraph ``p`` as the target of ``anchor``."""
        self.bookmark_ids += 1
        ooxml.bookmark(p, self.bookmark_ids, self.bookmark_name(anchor))

    def front(self) -> bool:
        """Write the cover and the contents page, if the document has them; whether it did
        (the body then starts on a new page)."""
        cover, contents = self.doc.meta.cover, self.doc.meta.contents
        if cover is not None:
            for i, (name, content) in enumerate(design.cover_paragraphs(cover)):
                p = self.designed(name)
                if i == 0:  # the cover starts a third of the way down its page
                    ooxml.space_before(p, design.COVER_DROP)
                self.inlines(p, content)
        if contents is not None:
            heading = self.designed(design.CONTENTS_HEADING)
            if cover is not None:
                design.page_break_before(heading)
            ooxml.text_run(heading, contents.heading, "")
            last = len(contents.entries) - 1
            for i, entry in enumerate(contents.entries):
                line = self.designed(design.CONTENTS_LINE)
                mark = self.bookmark_name(entry.anchor)
                design.contents_line(line, entry.text, mark, entry.page, i == 0, i == last)
        return cover is not None or contents is not None

    def number(self, p: CT_P, mark: ListMark | None) -> None:
        if mark is not None:
            fmt = self.doc.list_formats[mark.kind]
            num_id = self.lists.num_id(mark.instance, fmt, self.indents[mark.kind])
            ooxml.set_list(p, num_id, mark.level)

    def style_element(self, name: str | None) -> etree._Element | None:
        """The template's style ``name`` (one :class:`_Styles` found), or None for no name."""
        return None if name is None else self.elements.get(self.styles[name])

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

    def block(self, block: Block, place: tuple[int, int] | None = None) -> CT_P | None:
        """Append ``block``; returns its paragraph, or None for a table.

        ``place`` is a table's indent and width (:func:`tables.placement`).
        """
        match block:
            case Heading(level, content, mark):
                p = self.paragraph(HEADING_STYLES[min(level, len(HEADING_STYLES)) - 1])
                self.number(p, mark)
                self.inlines(p, content)
                if block.new_page:
                    design.page_break_before(p)
                if block.anchor is not None:
                    self.bookmark(p, block.anchor)
            case Callout():
                # a box just after another is drawn apart from it, and after a gap
                self.apart = isinstance(self.last, Callout) and not self.apart
                for j, (name, nodes) in enumerate(design.callout_paragraphs(block)):
                    p = self.designed(name)
                    if self.apart:
                        design.set_apart(p, self.doc.meta.look)
                    if j == 0 and isinstance(self.last, Table | Callout):
                        ooxml.space_before(p, self.gap)
                    self.inlines(p, nodes)
            case Para(role, content, mark, anchor):
                style = STYLES[role]
                if role == "bullet" and mark is not None:
                    style = BULLET_STYLES[min(mark.level, len(BULLET_STYLES) - 1)]
                p = self.paragraph(style)
                self.number(p, mark)
                self.inlines(p, content)
                if anchor is not None:
                    self.bookmark(p, anchor)
            case Table():
                frame = self.frame_of(block, self.landscape)
                tables.write_table(self.body, block, frame, self.inlines, place, self.number)
                return None
            case Picture() | Chart():
                return self.figure(block)
        return p

    def figure(self, block: Picture | Chart) -> CT_P:
        """A picture or chart in a paragraph of its own, kept with its caption under it; the
        picture's paragraph is returned (the one a table before it spaces)."""
        p = self.paragraph(STYLES["body"])
        width = self.frame.width * EMU_PER_TWIP
        if isinstance(block, Picture):
            pictures.write_picture(self.word, p, block, width)
        else:
            pictures.write_chart(self.word, p, block, width)
        if block.caption:
            ooxml.keep_with_next(p)
            self.inlines(self.paragraph(STYLES["caption"]), block.caption)
        return p

    def space_after_table(self, p: CT_P) -> None:
        """Leave the normal paragraph gap between a table and paragraph ``p`` after it.

        No empty paragraph does it (a screen reader announces each one as 'blank'): ``p`` gets
        the gap as its space before, unless its style already leaves as much (a heading's does).
        """
        if self.before.get(p.style or "", 0) < self.gap:
            ooxml.space_before(p, self.gap)

    def end_section(self) -> None:
        """End the pages so far, landscape or portrait as the blocks on them are."""
        carrier = ooxml.paragraph(self.styles[STYLES["body"]])
        sections.end_section(self.body, self.landscape, carrier)

    def write(self) -> None:
        """Append every block, keeping together what :mod:`flow` says reads together."""
        # tables with their line breaks marked, measured and written as they will break
        blocks = [tables.breaking(b) if isinstance(b, Table) else b for b in self.doc.blocks]
        keeps = flow.keeps_with_next(blocks)
        turns = () if self.doc.meta.landscape else self.doc.landscape
        wide = {i for start, end in turns for i in range(start, end)}
        places = {
            i: tables.placement(block, self.frame_of(block, i in wide))
            for i, block in enumerate(blocks)
            if isinstance(block, Table)
        }
        outdented = {i for i, (indent, _) in places.items() if indent < self.frame.indent}
        after_table = False
        new_page = self.front()  # after a cover or contents, the body starts a new page
        for i, block in enumerate(blocks):
            if (i in wide) != self.landscape:  # the pages turn before this block
                self.end_section()
                after_table = False
                new_page = False  # a section break starts a page of its own
            self.landscape = i in wide
            # where the block will start, found only when needed: lxml counts the children
            # of the body one by one, so doing it for every block made the render quadratic
            start = 0
            if new_page:
                start = len(self.body) - (1 if self.body[-1].tag == qn("w:sectPr") else 0)
            p = self.block(block, places.get(i))
            self.last = block
            if new_page:
                design.start_page(self.body, start, self.styles[STYLES["body"]])
                new_page = False
            if p is not None:
                if i in keeps:
                    ooxml.keep_with_next(p)
                if after_table and not isinstance(block, Callout):
                    self.space_after_table(p)
                if isinstance(block, Para) and block.role == "caption" and i + 1 in outdented:
                    ooxml.indent(p, 0)  # the caption stands where its table does
            after_table = p is None or isinstance(block, Callout)  # a box's gap too
        if self.landscape:  # it ends on landscape pages: the last section is theirs
            sections.turn_last(self.body)
        if after_table:  # Word ends a body with a paragraph; it is not there for spacing
            self.paragraph(STYLES["body"])


def _fill_shell(doc: Document, template: Path) -> WordDocument:
    """The template with its header fields filled in, opened for the body to be appended.

    A template is untrusted input (councils pass them around): :mod:`.template` reads it within
    limits, refuses or strips what it may not carry, and fills its ``{{ fields }}`` as parsed by
    Jinja's immutable sandbox, so a template can print the six fields and nothing else; anything
    more (``cycler.__init__.__globals__…``) is a T404 problem, never run. The shell is opened
    once, by python-docx, with no save and re-open.
    """
    meta = doc.meta
    fields = {
        "committee": meta.committee,
        "date": meta.date_text,
        "agenda_item": meta.agenda_item,
        "report_of": meta.report_of,
        "title": meta.title,
        "reference": meta.reference or "",
        **{line.name: line.value for line in meta.header if line.name not in shell.FIELDS},
    }
    return shell.open_shell(template, fields, meta.header)


def _landscape(word: WordDocument) -> None:
    """Turn every section of ``word`` to landscape: the page's width and height swap."""
    from docx.enum.section import WD_ORIENT

    for section in word.sections:
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width


def render_docx(doc: Document, template: Path | None = None) -> bytes:
    """The Word file for ``doc``, as bytes; raises one error if the template lacks a style.

    Without ``template``, a report takes its profile's report.docx or else
    templates/report.docx, and any other document its profile's document.docx or else
    templates/document.docx.
    """
    if template is None:
        look = doc.meta.look
        if doc.meta.kind == "report":
            template = look.report_template or DEFAULT_TEMPLATE
        else:
            template = look.document_template or DOCUMENT_TEMPLATE
    problems = Problems()
    if not template.exists():
        problems.add(
            "T400",
            "the template file does not exist",
            Location(str(template)),
            "give the path of a .docx template, or leave --template out",
        )
        problems.raise_if_any()
    word = _fill_shell(doc, template)
    apply_look(word, doc.meta.look, doc.meta.council or doc.meta.title)
    if doc.meta.landscape:
        _landscape(word)
    styles = _Styles(word, str(template), problems)
    problems.raise_if_any()
    _Writer(word, doc, styles).write()
    meta = doc.meta
    properties = package.Properties(
        title=meta.title,
        when=package.build_time(),
        subject=meta.committee,
        keywords=meta.reference or "",
        creator=meta.council,
        language=meta.language,
    )
    return package.finish_parts(package.word_parts(word), properties)
