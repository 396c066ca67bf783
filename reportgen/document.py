"""The resolved document: plain, format-neutral data that every writer prints and none computes.

Like pandoc's AST, it is a short list of node types. By the time a :class:`Document` exists,
every paragraph number, letter and cross-reference text has been decided (by
:mod:`reportgen.resolve`); a writer only maps nodes to its format. A number can therefore never
differ between the Word, PDF and HTML outputs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

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


Inline = Text | Strong | Emph | Link | LineBreak | RefNumber
Inlines = tuple[Inline, ...]


# --- lists and numbering --------------------------------------------------------------------


NumberFormat = Literal["decimal", "lowerLetter", "bullet"]


@dataclass(frozen=True, slots=True)
class LevelFormat:
    """How one level of a list is numbered."""

    format: NumberFormat
    """The counting style."""
    pattern: str
    """What is shown, with ``{1}``, ``{2}`` for the level counters, e.g. ``"{1}."``, or a bullet."""


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
    "contact-intro",
    "contact",
    "paper",
    "reference",
]
"""What a paragraph is; writers map roles to their styles."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 for the report's sections, 2 and deeper inside them."""

    level: int
    content: Inlines
    mark: ListMark | None = None
    """Set for lettered headings such as 'a) Increased demand'."""


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of some role; numbered when ``mark`` is set, a target when ``anchor`` is."""

    role: ParaRole
    content: Inlines
    mark: ListMark | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table; the first ``header_rows`` rows are headers."""

    rows: tuple[tuple[Inlines, ...], ...]
    header_rows: int = 1


Block = Heading | Para | Table


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
    language: str = "en-GB"


@dataclass(frozen=True, slots=True)
class Document:
    """A resolved report, ready for any writer."""

    meta: Meta
    blocks: tuple[Block, ...]
    list_formats: dict[str, ListFormat]
    """Every list kind used by a :class:`ListMark` in ``blocks``."""


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
            case RefNumber(_, shown):
                out.append(shown)
    return "".join(out)
