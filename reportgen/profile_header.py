"""The header block as data: a profile's header.yaml, and its look, look.yaml.

header.yaml declares the fields of a report's header block, in the order they print: each with
its type, whether a report must give it, and how it prints (its ``label`` and a ``print``
pattern with ``{label}`` and ``{value}``). The six built-in fields (``committee``, ``date``,
``agenda_item``, ``report_of``, ``title``, ``reference``) take their values from the report's
own keys; any other field is written in the report's ``header:`` mapping and checked against
its declaration when the report is resolved (:mod:`reportgen.resolve.header`).

look.yaml holds what a profile that brings no templates of its own may still change: the font,
the heading and accent colours, applied to the Word styles and the HTML edition's CSS, and a
logo (read here, in the load stage) at the top of a report and of a pack's front sheet. Both
files are optional in an older profile folder, which then reads the bundled ones
(:data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from reportgen.document import Logo
from reportgen.document import Look as DocumentLook
from reportgen.errors import Location, Problem, quote
from reportgen.model_base import STRICT, check_placeholders
from reportgen.reads import note_file

TEMPLATES = ("report.docx", "document.docx", "report.css")
"""The writers' templates a profile folder may hold of its own, used in place of the bundled
ones (reportgen/templates/): the report's Word shell, the Word shell of agendas, minutes and
appendix documents, and the HTML edition's stylesheet. ``--template`` overrides the first."""

FieldType = Literal["text", "date", "list", "choice", "number"]
"""What a header field holds: text, a date (printed in house style), a list of text (joined),
one of the declared ``choices``, or a number."""

BUILT_IN: dict[str, FieldType] = {
    "committee": "text",
    "date": "date",
    "agenda_item": "text",
    "report_of": "text",
    "title": "text",
    "reference": "text",
}
"""The fields every report has, with their types: their values are the report's own keys."""

FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
"""A header field's name: lower case, digits and underscores, e.g. ``contact_officer``."""

FontName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{0,59}$")]
"""A font's name: letters, digits, spaces and hyphens, e.g. ``Liberation Serif``."""

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
"""A colour as ``#RRGGBB``, e.g. ``#1d4f91``."""


class _Strict(BaseModel):
    model_config = STRICT


class HeaderField(_Strict):
    """One field of the header block."""

    label: str = ""
    """What the field is called where it prints, e.g. 'Contact officer'."""
    type: FieldType = "text"
    """What it holds: ``text``, ``date``, ``list`` (of text), ``choice`` or ``number``."""
    required: bool = False
    """Whether every report must give it; an optional field left out prints nothing."""
    choices: list[str] = []
    """The values a ``choice`` field may take, e.g. 'For general release', 'Exempt'."""
    join: str = ", "
    """What separates the items of a ``list`` field where it prints."""
    print: str = "{label}: {value}"
    """How its line prints, with ``{label}`` and ``{value}``, e.g. 'Report of {value}'."""
    style: str = ""
    """The style its line prints in: the HTML class, and the Word paragraph style a
    ``{{ header }}`` block gives it; left out, the field's name with hyphens."""
    description: str = ""
    """What an author should write in it: the hover text an editor shows."""

    @model_validator(mode="after")
    def _consistent(self) -> HeaderField:
        check_placeholders("print", self.print, {"label", "value"})
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice field lists its 'choices'")
        if self.type != "choice" and self.choices:
            raise ValueError("only a field of type 'choice' has 'choices'")
        return self


class HeaderWords(_Strict):
    """The header block's fields, in the order they print: header.yaml."""

    fields: dict[FieldName, HeaderField]
    """Each field by name; the built-in fields may be declared to set how they print."""

    @model_validator(mode="after")
    def _built_ins_typed(self) -> HeaderWords:
        for name, field in self.fields.items():
            own = BUILT_IN.get(name)
            if own is not None and field.type != own:
                raise ValueError(f"the built-in field {name!r} is of type {own!r}")
        return self

    def extra(self) -> dict[str, HeaderField]:
        """The fields a report writes in its ``header:`` mapping (all but the built-ins)."""
        return {n: f for n, f in self.fields.items() if n not in BUILT_IN}


class Look(_Strict):
    """The look of every output, for a profile without templates of its own: look.yaml."""

    font: FontName | None = None
    """The font of the text and headings, e.g. 'Arial'; left out, the template's."""
    heading_colour: Colour | None = None
    """The colour of the title and headings, as ``#RRGGBB``; left out, the template's."""
    accent_colour: Colour | None = None
    """The colour of links and rules, as ``#RRGGBB``; left out, the template's."""
    logo: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    """A PNG or JPEG file, relative to the profile folder, printed at the top of the report
    and of the pack's front sheet; at most 1 MB."""
    logo_width: float = Field(default=4.0, gt=0, le=17)
    """The logo's width in centimetres (its height follows)."""
    wide_table_columns: int = Field(default=9, ge=2, le=64)
    """A table of at least this many columns is a wide one (``wide_table_size``)."""
    wide_table_size: float | None = Field(default=None, ge=5, le=14)
    """The font size in points of a wide table's text in Word and PDF, e.g. 8, so that its
    columns fit; left out, a wide table takes the template's table text size."""

    def wide_tables(self) -> tuple[int, float] | None:
        """How many columns make a table wide, and its text size; None for no size set."""
        if self.wide_table_size is None:
            return None
        return self.wide_table_columns, self.wide_table_size

    chart_colours: Annotated[list[Colour], Field(max_length=12)] = []
    """The colours of a chart's bars, lines and slices, in order, as ``#RRGGBB``; left out,
    the heading and accent colours, then the drawing library's own."""
    designed_text_size: float | None = Field(default=None, ge=8, le=24)
    """The size in points of a designed document's body text (an appendix document with a
    cover), its headings and tables scaled with it, e.g. 14; left out, the template's."""
    page_footer: Annotated[str, StringConstraints(min_length=1, max_length=200)] = (
        "Page {page} of {pages}"
    )
    """Each page's footer in the PDF Typst makes (``--pdf-engine typst``), with ``{page}``,
    the page's number, and ``{pages}``, the number of pages; the Word file's footer is its
    template's."""

    @field_validator("page_footer")
    @classmethod
    def _footer_known(cls, value: str) -> str:
        check_placeholders("page_footer", value, {"page", "pages"})
        return value

    def resolved(self, templates: Mapping[str, Path], logo: Logo | None) -> DocumentLook:
        """The look as the document carries it to the writers, with the profile's own
        ``templates`` (by name, of :data:`TEMPLATES`) and its ``logo`` as read."""
        return DocumentLook(
            self.font,
            self.heading_colour,
            self.accent_colour,
            templates.get("report.docx"),
            templates.get("document.docx"),
            templates.get("report.css"),
            logo,
            self.wide_tables(),
            tuple(self.chart_colours),
            page_footer=self.page_footer,
        )


LOGO_KINDS = frozenset({"report", "agenda"})
"""The documents the logo heads: a report and an agenda's front sheet, not minutes, appendices
or review sheets."""

MAX_LOGO = 1 << 20
"""The largest logo file read (1 MB): a council's logo is a few tens of kilobytes."""

_LOGO_KINDS = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
"""How each image format a logo may be begins, and its media type."""


def read_logo(folder: Path, look: Look, where: Location) -> Logo | Problem | None:
    """The logo ``look`` names, read from ``folder`` (the load stage: resolving reads no
    file), or the problem (T440) that it is missing, too large or not a PNG or JPEG; None
    when there is none. ``where`` is the ``logo`` key's place in look.yaml."""
    if look.logo is None:
        return None
    path = folder / look.logo
    note_file(path)
    fix = f"give a PNG or JPEG file of at most {MAX_LOGO // 1024} kB, relative to {folder}"
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LOGO + 1)
    except OSError as exc:
        reason = "is not found" if isinstance(exc, FileNotFoundError) else "cannot be read"
        return Problem("T440", f"the logo {quote(look.logo)} {reason}", where, fix)
    if len(data) > MAX_LOGO:
        return Problem("T440", f"the logo {quote(look.logo)} is larger than 1 MB", where, fix)
    kind = next((t for magic, t in _LOGO_KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        return Problem("T440", f"the logo {quote(look.logo)} is not a PNG or JPEG", where, fix)
    return Logo(data, kind, look.logo_width)


_FIELD_SCHEMAS: dict[FieldType, dict[str, Any]] = {
    "text": {"type": "string", "minLength": 1},
    "date": {"type": "string", "format": "date"},
    "list": {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}},
        ]
    },
    "number": {"type": ["number", "string"]},
}


def header_schema(schema: dict[str, Any], words: HeaderWords) -> dict[str, Any]:
    """The report's JSON Schema ``schema`` with its ``header:`` mapping offering the fields
    ``words`` declares, each with its type, choices and description, so an editor completes
    them; unchanged when the profile declares no field of its own."""
    extra = words.extra()
    if not extra:
        return schema
    properties: dict[str, Any] = {}
    for name, field in extra.items():
        own = {"enum": field.choices} if field.type == "choice" else _FIELD_SCHEMAS[field.type]
        described = field.description or field.label or name
        properties[name] = {**own, "title": field.label or name, "description": described}
    header = schema["properties"]["header"]
    header["properties"] = properties
    header["additionalProperties"] = False
    required = [name for name, field in extra.items() if field.required]
    if required:
        header["required"] = required
    return schema
