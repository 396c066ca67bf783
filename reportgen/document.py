"""The resolved document: plain, format-neutral data that every writer prints and none computes.

Like pandoc's AST, it is a short list of node types. By the time a :class:`Document` exists,
every paragraph number, letter and cross-reference text has been decided (by
:mod:`reportgen.resolve`); a writer only maps nodes to its format. A number can therefore never
differ between the Word, PDF and HTML outputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from reportgen.errors import Location

# --- inline content -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold content."""

    children: Inlines


@dataclass(frozen=True, slots=True)
class Emph:
    """Italic content."""

    children: Inlines


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink."""

    url: str
    children: Inlines


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line break inside one paragraph."""


@dataclass(frozen=True, slots=True)
class RefNumber:
    """The number of a numbered block elsewhere, shown as ``shown`` (e.g. ``"15"``).

    ``anchor`` is the target block's anchor. Writers that can (DOCX) emit a live field pointing
    at the target and show ``shown`` as its current result; others print ``shown``.
    """

    anchor: str
    shown: str


FigureKind = Literal["money", "number", "percentage", "decimal", "integer", "date"]
"""What a figure counts; writers may mark it up (HTML ``<data value=…>``), never reformat it."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a figure's value came from, said so a finance reviewer can check it."""

    how: str
    """The working, e.g. 'sum of 11 rows of table msh-staffing, column cost' or
    'Band B £42,779.05 a year × 3 FTE × 7/12, rounded to the pound'."""
    where: Location
    """The place in the source that the value comes from."""
    stated: Decimal | None = None
    """The value the author stated for it, when they did (it then equals ``value``)."""
    ledger: LedgerCheck | None = None
    """For a total stated from the ledger: how it compares with what the printed rows add to."""


@dataclass(frozen=True, slots=True)
class LedgerCheck:
    """A total printed as the ledger states it, beside what its rounded rows add to."""

    rows: Decimal
    """What the printed rows add to."""
    terms: int
    """How many rounded amounts (the rows', and the total's own) the difference may come from."""
    difference: Decimal
    """The stated total less what the rows add to."""
    allowed: Decimal
    """The largest difference rounding can explain: half a unit for each term, in whole
    units."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number shown as ``shown`` (e.g. ``"£45,638"``): its value, its kind and its origin.

    Every amount in a table cell or quoted in text is one of these; :mod:`reportgen.resolve`
    decided its value and its formatting, and writers print ``shown``.
    """

    value: Decimal
    shown: str
    kind: FigureKind
    origin: Origin
    name: str | None = None
    """The named figure or table it quotes, if any."""


Inline = Text | Strong | Emph | Link | LineBreak | RefNumber | Figure
Inlines = tuple[Inline, ...]


# --- lists and numbering --------------------------------------------------------------------


NumberFormat = Literal[
    "decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet"
]
"""How a level counts: 1, 2…; a, b…; A, B…; i, ii…; I, II…; or not at all (a bullet). The names
are Word's ``w:numFmt`` values."""


@dataclass(frozen=True, slots=True)
class LevelFormat:
    """How one level of a list is numbered."""

    format: NumberFormat
    """The counting style."""
    pattern: str
    """What is shown, with ``{1}``, ``{2}`` for the level counters, e.g. ``"{1}."``, or a bullet."""
    hangs_like: ParaRole | None = None
    """The paragraph role whose indentation the level takes, where a writer indents numbers
    (the Word list level); ``None`` leaves it to the writer's own choice for the level."""


@dataclass(frozen=True, slots=True)
class ListFormat:
    """How a kind of list (paragraphs, recommendations, bullets…) is numbered, level by level."""

    levels: tuple[LevelFormat, ...]


@dataclass(frozen=True, slots=True)
class ListMark:
    """A block's place in a numbered or bulleted list, and the label it was given."""

    kind: str
    """Which :class:`ListFormat` (a key of :attr:`Document.list_formats`)."""
    instance: str
    """Which running sequence of that kind; a new instance restarts the count."""
    level: int
    """0 for the outermost level."""
    label: str
    """The number or letter shown, as decided by the resolver, e.g. ``"8"``, ``"a"``."""
    shown: str | None = None
    """A paragraph's or recommendation's whole number as it prints and as a reference to it
    prints it (``"8"``, ``"4.1"`` by section, ``"2)"``), decided with ``label``."""


# --- blocks ---------------------------------------------------------------------------------------

ParaRole = Literal[
    "body",
    "numbered",
    "item",
    "bullet",
    "quote",
    "quote-source",
    "caption",
    "recommendation",
    "signature",
    "lead-in",
    "margin",
    "contact-intro",
    "contact",
    "paper",
    "reference",
]
"""What a paragraph is; writers map roles to their styles. ``lead-in`` introduces a list of
the closing section; ``margin`` is any other plain line set at the margin (attendance lists)."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 for the report's sections, 2 and deeper inside them."""

    level: int
    content: Inlines
    mark: ListMark | None = None
    """Set for lettered headings such as 'a) Increased demand'."""
    where: Location | None = field(default=None, compare=False, repr=False)
    """Where the heading is written in the YAML (its path names the section it is in), for
    editor links; not part of its identity."""
    new_page: bool = False
    """Printed at the top of a new page (a designed document's main sections)."""
    anchor: str | None = None
    """Its id, set when a contents page links to it (:mod:`reportgen.resolve.design`)."""


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of some role; numbered when ``mark`` is set, a target when ``anchor`` is."""

    role: ParaRole
    content: Inlines
    mark: ListMark | None = None
    anchor: str | None = None
    where: Location | None = field(default=None, compare=False, repr=False)
    """Where the paragraph is written in the YAML (its path names the section it is in), for
    editor links; not part of its identity."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its content, and whether it holds a number (printed right-aligned)."""

    content: Inlines
    numeric: bool = False
    note: bool = False
    """A note written in place of a value: shown as written, left out of the sums."""
    span: int = 1
    """How many columns the cell spans (a group heading spans the table)."""
    rows: int = 1
    """How many rows the cell spans, its own included."""
    continued: bool = False
    """Stands where a cell of a row above still spans (by its ``rows``), as wide as that cell:
    it holds nothing of its own. Every row thus fills the table's grid; Word continues the
    merge, HTML leaves the cell out."""
    header: bool = False
    """A row header: the cell names its row (the first column of a table with row headers)."""
    paragraphs: tuple[Para, ...] = ()
    """The cell's content as paragraphs (bullets and numbered items with their list marks),
    when it is more than one text; ``content`` then holds the same text, one paragraph a line,
    for measuring and for writers that print a cell as one text."""


RowRole = Literal["header", "body", "group", "subtotal", "total"]
"""What a row is; writers show headers, sub-totals and totals in bold."""


@dataclass(frozen=True, slots=True)
class Row:
    """A table row of some role."""

    role: RowRole
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its rows (header rows first), column widths if given, and its title."""

    rows: tuple[Row, ...]
    widths: tuple[float | None, ...] = ()
    """Column widths in centimetres where the author gave them; ``None`` follows the content."""
    title: str | None = None
    """The table's caption as plain text, for screen readers."""
    keep_with_next: bool = False
    """Its last row stays on the page of the block after it: a note under the table, such as
    the rounding note of a table of ledger totals."""
    where: Location | None = field(default=None, compare=False, repr=False)
    """Where the table is written in the YAML (its path names the section it is in); not part
    of its identity, and no writer prints it."""


@dataclass(frozen=True, slots=True)
class Callout:
    """A call-out box: a sentence set apart beside the text, as an infographic sets its
    statistics, with a figure printed large above it if given; never numbered."""

    content: Inlines
    """The sentence."""
    figure: Inlines = ()
    """The figure printed large ('1 in 5', '58%'), or nothing."""
    source: Inlines = ()
    """Where the figure comes from ('(BBC, 2018)'), on a line of its own, or nothing."""
    where: Location | None = field(default=None, compare=False, repr=False)
    """Where the call-out is written in the YAML; not part of its identity."""


ImageType = Literal["image/png", "image/jpeg", "image/svg+xml"]
"""The kinds of image file a picture may be, by media type."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image file as the load stage read and vetted it (:mod:`reportgen.pictures`)."""

    data: bytes = field(repr=False)
    """The file's bytes; for an SVG, its text as vetted, in UTF-8."""
    media_type: ImageType
    """What the file is, by its content."""
    width: float
    """Its own width in pixels (an SVG's from its ``viewBox`` or ``width``)."""
    height: float
    """Its own height in pixels."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture: an image, the words a screen reader says for it, and its caption."""

    image: Image
    alt: str
    """What it shows, for readers who cannot see it (never empty)."""
    caption: Inlines = ()
    """Its caption as printed, number included ('Figure 1: The ladder'); empty for none."""
    anchor: str | None = None
    """Its label, for references to it."""
    width_cm: float | None = None
    """The width the author gave; None for the text's width (never wider than the text)."""
    where: Location | None = field(default=None, compare=False, repr=False)
    """Where the picture is written in the YAML; not part of its identity."""

    @property
    def content(self) -> Inlines:
        """The text it prints: its caption."""
        return self.caption


ChartKind = Literal["bar", "stacked-bar", "line", "pie"]
"""What a chart draws."""


@dataclass(frozen=True, slots=True)
class Series:
    """One column a chart draws: its name, its values in the categories' order, its colour."""

    name: str
    values: tuple[Decimal, ...]
    """In the unit the column prints (thousands for a column in £'000)."""
    shown: tuple[str, ...]
    """Each value as the table prints it (house style), for labels and alt text."""
    colour: str
    """As ``#RRGGBB``."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of a table's columns, decided by resolve and drawn by the writers
    (:mod:`reportgen.writers.charts`): what it draws, in which colours and font."""

    kind: ChartKind
    categories: tuple[str, ...]
    """What names each bar, point or slice, in order."""
    series: tuple[Series, ...]
    alt: str
    """What it shows, for readers who cannot see it."""
    title: str = ""
    x_label: str = ""
    y_label: str = ""
    caption: Inlines = ()
    """Its caption as printed, number and source table included; empty for none."""
    anchor: str | None = None
    width_cm: float | None = None
    font: str | None = None
    """The profile's font; the writers fall back to one bundled with the drawing library."""
    text_colour: str = "#000000"
    where: Location | None = field(default=None, compare=False, repr=False)

    @property
    def content(self) -> Inlines:
        """The text it prints beside the drawing: its caption."""
        return self.caption


Block = Heading | Para | Table | Callout | Picture | Chart


DocumentKind = Literal[
    "report",
    "agenda",
    "minutes",
    "appendix",
    "review",
    "forward-plan",
    "notice",
    "decision-notice",
    "decisions-register",
]
"""What a document is: a report has the report header; the others (a ``review`` is a reviewer's
sheet of a report, :mod:`reportgen.review`; a ``forward-plan`` the plan of key decisions,
:mod:`reportgen.forward_plan`; a ``notice`` the page that stands in the public pack in place of
an exempt appendix, :mod:`reportgen.exempt`; a ``decision-notice`` one decision of a
committee's minutes and a ``decisions-register`` the printed register of decisions,
:mod:`reportgen.decision_notice`) are plain documents."""


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """One field of the header block, as it prints: decided by :mod:`reportgen.resolve.header`."""

    name: str
    """The field's name in the profile's header.yaml, e.g. ``contact_officer``."""
    value: str
    """Its value as printed ('14 March 2022', 'Arboretum, Bulwell'); empty when not given."""
    text: str
    """Its whole line, label and value ('Contact officer: Jo Smith'); empty when not given, so
    an optional field left out prints nothing."""
    style: str
    """The style its line prints in (an HTML class, a Word paragraph style)."""


@dataclass(frozen=True, slots=True)
class Logo:
    """The profile's logo, as the load stage read it."""

    data: bytes
    media_type: str
    """``image/png`` or ``image/jpeg``."""
    width_cm: float


@dataclass(frozen=True, slots=True)
class Look:
    """The profile's font and colours (look.yaml), for writers to apply; none set changes
    nothing, and the template's own look stays."""

    font: str | None = None
    heading_colour: str | None = None
    """As ``#RRGGBB``."""
    accent_colour: str | None = None
    """As ``#RRGGBB``."""
    report_template: Path | None = None
    """The profile's own Word shell of a report, if it has one."""
    document_template: Path | None = None
    """The profile's own Word shell of agendas, minutes and appendix documents, if any."""
    stylesheet: Path | None = None
    """The profile's own stylesheet of the HTML edition, if it has one."""
    logo: Logo | None = field(default=None, repr=False)
    """Printed at the top of a report and of an agenda (a pack's front sheet)."""
    wide_tables: tuple[int, float] | None = None
    """A table of at least this many columns is printed at this font size (points), where a
    writer sets sizes (Word); None keeps the template's table text size."""
    chart_colours: tuple[str, ...] = ()
    """The colours of charts' bars, lines and slices, in order, as ``#RRGGBB``."""
    text_size: float | None = None
    """The size in points the document's body text is printed at, its other text (headings,
    tables) scaled with it; None keeps the template's sizes."""
    page_footer: str = "Page {page} of {pages}"
    """Each page's footer where a writer prints it (the Typst PDF; Word's is its template's):
    ``{page}``, the page's number, and ``{pages}``, the document's number of pages."""


@dataclass(frozen=True, slots=True)
class Cover:
    """A cover page of its own: a marking ('Draft'), the title's lines printed large, a
    subtitle; what follows starts a new page."""

    lines: tuple[str, ...]
    marking: str | None = None
    subtitle: str | None = None


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One line of a contents page: a heading, the id it links to and the page it is on."""

    level: int
    """The heading's level: 1 for the document's sections."""
    text: str
    anchor: str
    """The :attr:`Heading.anchor` of the heading."""
    page: int | None = None
    """The page the heading is printed on, once a layout has shown it
    (:mod:`reportgen.writers.contents_pages`); ``None`` before."""


@dataclass(frozen=True, slots=True)
class Contents:
    """A contents page of its own: its heading ('Contents') and a line for each heading that
    has an :attr:`Heading.anchor`."""

    heading: str
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True, slots=True)
class Meta:
    """Facts about the report that frame it: the header block and document properties."""

    title: str
    committee: str
    date: dt.date
    date_text: str
    """The meeting date in council style, e.g. '9 January 2017'."""
    agenda_item: str
    report_of: str
    reference: str | None
    council: str = ""
    """The council whose document it is (house style): its creator."""
    kind: DocumentKind = "report"
    """Which template shell a writer frames it in."""
    landscape: bool = False
    """Printed on landscape pages (a wide appendix)."""
    language: str = "en-GB"
    look: Look = Look()
    """The profile's font and colours."""
    header: tuple[HeaderLine, ...] = ()
    """The header block's fields in the profile's order (a report's; other documents have
    none)."""
    cover: Cover | None = None
    """A cover page printed first, in place of the title (a designed appendix document)."""
    contents: Contents | None = None
    """A contents page printed after the cover (or the title), before the blocks."""

    def line(self, name: str) -> HeaderLine | None:
        """The header field ``name``, if the profile declares it."""
        return next((line for line in self.header if line.name == name), None)


@dataclass(frozen=True, slots=True)
class Document:
    """A resolved report, ready for any writer."""

    meta: Meta
    blocks: tuple[Block, ...]
    list_formats: dict[str, ListFormat]
    """Every list kind used by a :class:`ListMark` in ``blocks``."""
    landscape: tuple[tuple[int, int], ...] = ()
    """The runs of ``blocks`` printed on landscape pages, each as (first, after last)
    positions; the pages before and after them are the document's own (:attr:`Meta.landscape`
    turns the whole document)."""


def numbered_as(block: Block) -> tuple[Literal["paragraph", "recommendation"], str] | None:
    """What ``block`` is numbered as, for what names it (the reviewers' fingerprint, the review
    sheets), whatever the profile's numbering: a numbered paragraph with its number as printed
    ("12", "4.2" by section) or a recommendation with its number ("2" of 2), "2.1" when
    recommendations are numbered as paragraphs); None for anything else, items and parts
    included."""
    if not isinstance(block, Para) or block.mark is None:
        return None
    mark = block.mark
    if block.role == "recommendation":
        return "recommendation", mark.label if mark.kind == "recommendation" else (
            mark.shown or mark.label
        )
    if block.role == "numbered" and mark.kind == "paragraph":
        return "paragraph", mark.shown or mark.label
    return None


def plain_text(inlines: Inlines) -> str:
    """The text a reader sees, without formatting: for titles, tests and plain writers."""
    out: list[str] = []
    for node in inlines:
        match node:
            case Text(text):
                out.append(text)
            case Strong(children) | Emph(children) | Link(_, children):
                out.append(plain_text(children))
            case LineBreak():
                out.append("\n")
            case RefNumber(_, shown) | Figure(_, shown):
                out.append(shown)
    return "".join(out)


def figures_in(nodes: Inlines) -> Iterator[Figure]:
    """The figure nodes among ``nodes``, also inside bold, italic and links, in order."""
    for node in nodes:
        if isinstance(node, Figure):
            yield node
        elif isinstance(node, Strong | Emph | Link):
            yield from figures_in(node.children)


def document_figures(document: Document) -> list[Figure]:
    """Every figure of ``document``, in text and in table cells, in reading order."""
    found: list[Figure] = []
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    found += figures_in(cell.content)
        elif isinstance(block, Callout):
            found += figures_in((*block.figure, *block.content, *block.source))
        elif isinstance(block, Heading | Para):
            found += figures_in(block.content)
    return found
