"""The YAML format of one agenda item, as typed models: what an author may write, and nothing else.

This module is the format's single definition. The JSON Schema (``reportgen schema``) is
generated from it, and every field's docstring becomes the hover text an editor shows.

Text fields may hold Markdown inline markup (``**bold**``, ``*italic*``, ``[text](url)``) and
cross-references written as calls between braces, e.g. ``{{ ref('benefits') }}``; both are dealt
with when the report is resolved, not here.

All models are frozen and refuse unknown fields, so a misspelt key is an error with its place.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from reportgen.model_base import Form, Label, Model, Text
from reportgen.model_design import Callout
from reportgen.model_figures import (
    CellSpec,
    Column,
    Figure,
    FigureEntry,
    Group,
    HouseStyle,
    NumberedRows,
    PayCost,
    PayFigure,
    PayScale,
    TableLabel,
    Total,
    TypedTable,
    Uplift,
)
from reportgen.model_key_decision import KeyDecision
from reportgen.model_pictures import Chart, Picture

MAX_TITLE = 500
"""The longest title a report may have: the longest published title is under 200 characters, so
a longer one is text pasted into the wrong field."""

AgendaItem = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=10),
    WithJsonSchema({"type": ["integer", "string"], "description": "e.g. 4 or 5a"}),
]


def _text_or(model: type[Model], message: str, text: Any = Text) -> Any:
    """An entry written as plain text, or as a mapping read as ``model``.

    Most lists in the format allow both (``- approve it`` or ``- text: approve it`` with more
    keys). The union is tagged by the entry's shape, so a wrong entry gets one clear message
    instead of one per alternative; the tags are class names, never YAML keys. ``text`` is the
    plain text's type: non-empty text, unless the entry may be empty (a table's cell).
    """
    tag = model.__name__

    def kind(value: Any) -> str | None:
        if isinstance(value, str):
            return "Text"
        if isinstance(value, dict | model):
            return tag
        return None

    alternatives: Any = Annotated[text, Tag("Text")] | Annotated[model, Tag(tag)]
    return Annotated[
        alternatives,
        Discriminator(kind, custom_error_type=f"{tag.lower()}_kind", custom_error_message=message),
    ]


# --- blocks: what a section's body is made of -------------------------------------------------


class Bullet(Model):
    """A bullet point with bullets nested under it."""

    text: Text
    """The bullet's text."""
    bullets: list[BulletEntry] = []
    """Bullets one level further in."""


if TYPE_CHECKING:
    BulletEntry = Text | Bullet
else:
    BulletEntry = _text_or(Bullet, "a bullet is text, or a mapping with 'text' and 'bullets'")
"""A bullet: plain text, or text with nested bullets."""


class SubItem(Model):
    """A lettered sub-item of a numbered paragraph: a), b), …"""

    text: Text
    """The sub-item's text."""
    bullets: list[BulletEntry] = []
    """Bullets under the sub-item."""


if TYPE_CHECKING:
    SubItemEntry = Text | SubItem
else:
    SubItemEntry = _text_or(SubItem, "a sub-item is text, or a mapping with 'text'")
"""A lettered sub-item: plain text, or text with bullets."""


class Paragraph(Model):
    """A paragraph: numbered in the report's one running sequence unless ``numbered: false``."""

    text: Text
    """The paragraph's text."""
    label: Label | None = None
    """A name references use to point here, e.g. ``benefits`` for ``{{ ref('benefits') }}``."""
    numbered: bool = True
    """``false`` for a paragraph that carries no number (a continuation or narrative)."""
    bullets: list[BulletEntry] = []
    """Bullet points that follow the paragraph's text."""
    items: list[SubItemEntry] = []
    """Lettered sub-items a), b), … that follow the paragraph's text."""
    items_form: Form | None = None
    """The items numbered as a list of their own in this form instead (``1)``, ``1.``, ``i.``,
    ``(a)``…), counting from the first in this paragraph; left out, they take the profile's
    sub-item form (a), b)…)."""


class Heading(Model):
    """A sub-heading inside a section."""

    heading: Text
    """The heading's text."""
    level: int = Field(1, ge=1, le=3)
    """1 for a sub-heading of the section, 2 and 3 for headings under it."""
    lettered: bool = False
    """Letter this heading a), b), …; the letters restart under each higher heading."""
    new_page: bool = False
    """Start a new page with this heading (a designed document's main sections)."""


class Quote(Model):
    """A quotation, set apart and unnumbered."""

    quote: Text
    """The quoted words, without quotation marks."""
    source: Text | None = None
    """Where the quotation comes from, shown after it."""


class BulletList(Model):
    """Bullet points standing on their own, not under a paragraph's text."""

    bullets: list[BulletEntry] = Field(min_length=1)
    """The bullet points."""


class CellParagraph(Model):
    """A paragraph of a table cell, with bullets or numbered items under its text."""

    text: Text | None = None
    """The paragraph's text; left out, the cell's lists stand on their own."""
    bullets: list[BulletEntry] = []
    """Bullet points under the text, nested as a paragraph's are."""
    numbered: list[BulletEntry] = []
    """Items numbered 1., 2., … under the text (after any bullets); an item's own ``bullets``
    are bullet points under it."""


class TableCell(CellParagraph):
    """A table cell written as a mapping: text with bullet points or numbered items, several
    paragraphs, or a cell spanning rows or columns.

    The cells a span covers are left out of the rows it covers: a cell with ``rows: 4`` stands
    in its column of the next three rows, which are written one cell shorter.
    """

    paragraphs: list[ParagraphEntry] = []
    """Paragraphs after the text and lists above: each text, or a mapping with ``text``,
    ``bullets`` and ``numbered``."""
    rows: int = Field(default=1, ge=1, le=1000)
    """How many rows the cell spans, its own included."""
    columns: int = Field(default=1, ge=1, le=100)
    """How many columns the cell spans, its own included."""


if TYPE_CHECKING:
    ParagraphEntry = Text | CellParagraph
    CellEntry = str | TableCell
else:
    ParagraphEntry = _text_or(
        CellParagraph, "a cell's paragraph is text, or a mapping with 'text' and its lists"
    )
    CellEntry = _text_or(
        TableCell,
        "a cell is text, or a mapping with 'text', 'bullets', 'numbered', 'paragraphs', 'rows'"
        " or 'columns'",
        str,
    )
"""A plain table's cell: its text (empty for an empty cell), or a mapping."""


class Table(Model):
    """A table of text cells with a header row; for amounts, use a typed table ('columns')."""

    table: list[list[CellEntry]] = Field(min_length=1)
    """Rows of cells; the first row is the header (unless ``header: false``). Nothing in it is
    computed. A cell spanning rows is left out of the rows below it that it covers."""
    caption: Text | None = None
    """A caption shown above the table, e.g. 'Table of resources'."""
    title: Text | None = None
    """The table's title for screen readers when it has no caption (not printed)."""
    header: bool = True
    """``false`` for a table without a header row: its first row is then data. It still needs
    a caption or a title for screen readers."""
    row_headers: bool = False
    """The cells of the first column name their rows (row headers, for screen readers)."""
    numbered: NumberedRows | None = None
    """Number the rows in a column of their own, before the first."""


class Landscape(Model):
    """Blocks printed on landscape pages of their own (a wide table and what goes with it);
    the pages after them turn back to portrait."""

    landscape: list[Block] = Field(min_length=1)
    """The blocks, in order, as a section's body holds them."""


def _block_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "Text"
    if isinstance(value, BaseModel):
        return type(value).__name__
    if isinstance(value, dict):
        for key, tag in (
            ("picture", "Picture"),
            ("chart", "Chart"),  # before 'table', which a chart names
            ("heading", "Heading"),
            ("quote", "Quote"),
            ("table", "Table"),
            ("columns", "TypedTable"),
            ("text", "Paragraph"),
            ("bullets", "BulletList"),
            ("landscape", "Landscape"),
            ("callout", "Callout"),
        ):
            if key in value:
                return tag
    return None


Block = Annotated[
    Annotated[Text, Tag("Text")]
    | Annotated[Paragraph, Tag("Paragraph")]
    | Annotated[Heading, Tag("Heading")]
    | Annotated[Quote, Tag("Quote")]
    | Annotated[BulletList, Tag("BulletList")]
    | Annotated[Table, Tag("Table")]
    | Annotated[TypedTable, Tag("TypedTable")]
    | Annotated[Landscape, Tag("Landscape")]
    | Annotated[Callout, Tag("Callout")]
    | Annotated[Picture, Tag("Picture")]
    | Annotated[Chart, Tag("Chart")],
    Discriminator(
        _block_tag,
        custom_error_type="block_kind",
        custom_error_message=(
            "a block is text (a numbered paragraph) or a mapping with one of the keys "
            "'text', 'heading', 'quote', 'bullets', 'table', 'columns' (a typed table), "
            "'landscape' (blocks on landscape pages), 'callout' (a call-out box), 'picture' or "
            "'chart'"
        ),
    ),
]
"""One block of a section: plain text is a numbered paragraph."""

Landscape.model_rebuild()

Body = Annotated[list[Block], Field(min_length=1)]
"""A section's blocks, in order."""


# --- the report's parts ------------------------------------------------------------------------


ImplicationKind = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", max_length=40)
]
"""A kind of implication, as the profile's headings.yaml names it: financial, legal, …; a
report may use the kinds of the profile in use, each printed under its heading there."""

SectionKey = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", max_length=40)
]
"""A section's key, as a report writes it: lowercase words joined by underscores."""

OWN_SECTIONS = "(own sections)"
"""The key a council's own sections (declared in its profile's sections.yaml) are validated
under: not a key anyone types, so a report holds them only as the profile declares them."""


class Statutory(Model):
    """The standard 'Statutory and Policy Implications' paragraph."""

    wording: str = "standard"
    """Which standard wording from the profile's statutory.yaml to use."""
    areas: list[Text] | None = None
    """The areas considered, in order; leave out for the wording's standard list."""


class Recommendation(Model):
    """A recommendation with bullets under it, or a label to refer to it by."""

    text: Text
    """The recommendation."""
    label: Label | None = None
    """A name references use to point here."""
    bullets: list[BulletEntry] = []
    """Bullets under the recommendation."""


if TYPE_CHECKING:
    RecommendationEntry = Text | Recommendation
else:
    RecommendationEntry = _text_or(
        Recommendation, "a recommendation is text, or a mapping with 'text'"
    )
"""A recommendation: plain text, or text with a label or bullets."""


class Recommendations(Model):
    """The recommendations: an introduction and items numbered 1), 2), …"""

    intro: Text | None = None
    """The words before the items, e.g. 'That the Committee:'."""
    items: list[RecommendationEntry] = []
    """The recommendations, numbered on their own."""


class Person(Model):
    """Who signs the report."""

    name: Text
    """Full name as it is to be printed."""
    title: Text
    """Job title."""


class Contact(Model):
    """An officer to contact about the report."""

    name: Text
    """Full name."""
    role: Text | None = None
    """Job title."""
    team: Text | None = None
    """Team or service, printed under the role."""
    phone: Text | None = None
    """Telephone number, printed after 'T:'. Quote it if it starts with 0."""
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    """Email address, printed after 'E:'."""


class Comment(Model):
    """A reviewing officer's signed comments; its paragraphs continue the report's numbering.

    Written in the report under ``comments:``, or by the reviewer in a file of their own beside
    it: ``REPORT.comments/KIND.yaml`` (e.g. ``recovery-from-covid.comments/financial.yaml``).
    """

    name: Text | None = None
    """The officer's name (not printed; for the review record)."""
    initials: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,5}$")]
    """The officer's initials, e.g. LM."""
    date: dt.date
    """The date of the comment, as YYYY-MM-DD."""
    body: Body
    """The comment's paragraphs."""
    reviewed: str | None = None
    """What the comment reviewed, a fingerprint of the report's paragraphs written by
    ``reportgen sign``; ``reportgen check`` says when the report has changed since."""


ReviewerKind = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", max_length=40)
]
"""A kind of reviewer, as the profile's reviewers.yaml names it: constitutional, financial, hr …"""


class Paper(Model):
    """A background paper, with a link when it is published online."""

    title: Text
    """The paper's title, e.g. 'Better Care Fund – report to Committee on 12th September 2016'."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Where it is published."""


if TYPE_CHECKING:
    PaperEntry = Text | Paper
else:
    PaperEntry = _text_or(Paper, "a background paper is text, or a mapping with 'title' and 'url'")
"""A background paper: its title, or its title and link."""


class Appendix(Model):
    """An appendix to the report, numbered 1, 2, … in the order given."""

    label: Label
    """A name references use, e.g. ``{{ ref('strategy') }}`` gives 'Appendix 1' (or
    'Appendix A', lettered)."""
    title: Text
    """The appendix's title."""


SectionName = Literal[
    "purpose",
    "information",
    "other_options",
    "reasons",
    "statutory",
    "implications",
    "recommendations",
    "contacts",
    "background_papers",
    "electoral_divisions",
]


class Report(Model):
    """One agenda item: a committee report."""

    committee: Text
    """The committee the report goes to, e.g. 'Adult Social Care and Health Committee'."""
    date: dt.date
    """The meeting date, as YYYY-MM-DD."""
    agenda_item: AgendaItem | None = None
    """The item's number on the agenda. Leave it out for a report built as an item of a
    meeting: its number is then its place in the agenda."""
    report_of: Text
    """The officer whose report it is, as the header prints it after 'Report of', e.g.
    'Service Director for Mid Nottinghamshire' or 'the Corporate Director, Adult Social Care
    and Health'."""
    title: Annotated[Text, Field(max_length=MAX_TITLE)]
    """The report's title, at most 500 characters."""
    reference: Text | None = None
    """The report's reference, printed at its end, e.g. ASCH445."""
    header: dict[str, Text | list[Text]] = {}
    """The header block's other fields, as the profile's header.yaml declares them, e.g.
    ``contact_officer: Jo Smith`` or ``wards_affected: [Arboretum, Bulwell]``."""
    headings: dict[SectionName, Text] = {}
    """Headings to use instead of the standard ones, by section: ``information: Information``."""

    purpose: Body
    """Purpose of the Report."""
    information: Body
    """Information and Advice: the body of the report."""
    other_options: list[Block] = []
    """Other Options Considered."""
    reasons: list[Block] = []
    """Reason/s for Recommendation/s."""
    statutory: Statutory = Statutory()
    """The standard statutory and policy implications paragraph."""
    # the kinds are those of the profile's headings.yaml (checked when the report is loaded)
    implications: dict[ImplicationKind, Body] = {}
    """Specific implications, each under its standard heading, in the order written."""
    recommendations: Recommendations
    """The recommendations."""
    # signed_by and contacts: required unless the profile's sections.yaml says otherwise
    signed_by: Person | None = None
    """Who the report is from."""
    contacts: list[Contact] = []
    """Who to contact about the report."""
    comments: dict[ReviewerKind, Comment] = {}
    """Reviewers' comments by kind (constitutional, financial, hr, or any kind in
    the profile's reviewers.yaml), printed in that file's order and numbered after the
    recommendations. A reviewer may instead write theirs in REPORT.comments/KIND.yaml."""
    background_papers: list[PaperEntry] = []
    """Background papers and published documents; none gives 'None'."""
    # left out: the profile's default (its sections.yaml); none prints nothing
    electoral_divisions: list[Text] = []
    """Electoral division(s) and member(s) affected."""
    appendices: list[Appendix] = []
    """Appendices, numbered 1, 2, … in this order."""
    appendices_lettered: bool | None = None
    """``true`` to letter the appendices A, B, … ('Appendix A'), ``false`` to number them;
    left out, the profile's numbering.yaml decides (``appendices``)."""

    figures: dict[TableLabel, FigureEntry] = {}
    """Named figures, quoted in text as ``{{ fig('name') }}``: amounts, table totals, or
    arithmetic over other figures."""
    pay_scale: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None
    """The pay-scale file that costs by grade come from, relative to this file, e.g.
    ``../pay-scales/2021-22.yaml``."""
    house_style: HouseStyle = HouseStyle()
    """House style for this report only: how dates and counts are printed."""
    key_decision: KeyDecision | None = None
    """The report asks for a key decision: who takes it and when it first appeared on the
    forward plan (``reportgen forward-plan`` lists it; ``reportgen check`` counts its notice).
    The report itself prints nothing of it."""
    own_sections: SkipJsonSchema[dict[SectionKey, Body]] = Field({}, alias="(own sections)")
    """The council's own sections (its profile's sections.yaml), each written in the report
    under its own key, e.g. ``executive_summary:``; not in the format for other councils."""

    @model_validator(mode="before")
    @classmethod
    def _own_sections(cls, data: Any, info: ValidationInfo) -> Any:
        """Gather the sections the profile in use declares (the validation context's
        ``own_sections``) under :data:`OWN_SECTIONS`; any other unknown key stays one."""
        own = (info.context or {}).get("own_sections", ())
        if isinstance(data, dict) and OWN_SECTIONS not in data:
            found = {key: data[key] for key in own if key in data}
            data = {k: v for k, v in data.items() if k not in found}
            data[OWN_SECTIONS] = found
        return data


__all__ = [
    "Callout",
    "CellSpec",
    "Chart",
    "Column",
    "Figure",
    "Group",
    "NumberedRows",
    "PayCost",
    "PayFigure",
    "PayScale",
    "Picture",
    "Total",
    "TypedTable",
    "Uplift",
]
"""The parts of the format defined in :mod:`reportgen.model_figures` and
:mod:`reportgen.model_pictures`, named here too."""
