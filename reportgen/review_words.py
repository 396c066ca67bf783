"""The review sheets' wording and layout: the models of the profile's review-sheets.yaml.

Read, as every boilerplate file is, by :func:`reportgen.boilerplate.load_boilerplate` (as
``Boilerplate.review_sheets``), so a ``--boilerplate`` folder without the file is T403 like any
other; the sheets themselves are made by :mod:`reportgen.review`. A text's ``{fields}`` are
checked here, so a field a text may not use is reported at its line.
"""

from __future__ import annotations

import string
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from reportgen.model_base import STRICT


def _fields(*allowed: str) -> AfterValidator:
    """A check that a text's ``{fields}`` are among ``allowed``."""

    def check(text: str) -> str:
        try:
            used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError as exc:
            raise ValueError(f"{exc}; write a brace as {{{{ or }}}}") from exc
        unknown = used - set(allowed)
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            known = ", ".join("{" + name + "}" for name in allowed) or "no fields"
            raise ValueError(f"it uses {names}; it may use {known}")
        return text

    return AfterValidator(check)


class _Words(BaseModel):
    model_config = STRICT


_REPORT_FIELDS = ("title", "committee", "date", "agenda_item", "reference", "report_of", "source")


class HeaderWords(_Words):
    """The top of every sheet."""

    title: Annotated[str, _fields("sheet", "title")]
    """The sheet's heading and document title: ``{sheet}`` is the sheet's name."""
    lines: list[Annotated[str, _fields(*_REPORT_FIELDS)]]
    """The lines under the heading; a line with an empty field is left out."""


class PlaceWords(_Words):
    """How a sheet says where something is in the report."""

    within: Annotated[str, _fields("heading", "place")]
    paragraph: Annotated[str, _fields("number")]
    item: Annotated[str, _fields("number", "letter")]
    recommendation: Annotated[str, _fields("number")]
    bullet: Annotated[str, _fields("place")]
    after: Annotated[str, _fields("place")]
    heading: Annotated[str, _fields("heading")]
    table: Annotated[str, _fields("table", "heading")]
    """A table, named with the report's heading above it."""
    cell: Annotated[str, _fields("row", "label", "column")]
    row_label: Annotated[str, _fields("label")]
    untitled_table: Annotated[str, _fields("place")]


class LabelWords(_Words):
    """How a quoted paragraph is labelled in a sheet's "Paragraph" column."""

    paragraph: Annotated[str, _fields("number")]
    item: Annotated[str, _fields("number", "letter")]
    recommendation: Annotated[str, _fields("number")]
    bullet: Annotated[str, _fields("label")]
    other: Annotated[str, _fields("label")]
    heading: Annotated[str, _fields()]
    table: Annotated[str, _fields()]


class FigureWords(_Words):
    """The finance sheet's table of figures."""

    heading: str
    intro: str
    title: str
    columns: list[str] = Field(min_length=7, max_length=7)
    """No., where, shown, value, kind, where it comes from, its line in the source."""
    widths: list[float | None] | None = None
    """Column widths in centimetres; by default they follow the content."""
    line: Annotated[str, _fields("line")]
    """The source of a value in the report itself."""
    elsewhere: Annotated[str, _fields("file", "line")]
    """The source of a value in another file (a pay scale, a reviewer's comment file)."""
    named: Annotated[str, _fields("name")]
    table: Annotated[str, _fields("name")]
    stated: Annotated[str, _fields("value")]
    none: str
    ledger: Annotated[str, _fields("stated", "rows", "difference", "allowed", "terms")] = (
        "from the ledger: stated {stated}, the rows add to {rows}, a difference of "
        "{difference}: within rounding (at most {allowed} for {terms} rounded amounts)"
    )
    """A total printed as the ledger states it, beside what its rows add to."""


class TypedWords(_Words):
    """The finance sheet's table of amounts typed into the text."""

    heading: str
    intro: str
    title: str
    columns: list[str] = Field(min_length=6, max_length=6)
    """No., where, typed, value, check, in the text."""
    widths: list[float | None] | None = None
    typed: str
    same: Annotated[str, _fields("number")]
    no_match: str
    unread: str
    none: str
    context: int = Field(default=60, ge=0, le=500)
    """Characters of the text shown either side of the amount."""


class FinanceWords(_Words):
    """The finance sheet."""

    name: str
    landscape: bool = False
    figures: FigureWords
    typed: TypedWords


class PartWords(_Words):
    """A part of a sheet with a heading, and what it says when the report has nothing for it."""

    heading: str
    none: str = ""


class CommitteeWords(_Words):
    """The legal sheet's committee."""

    heading: str
    text: Annotated[str, _fields("committee", "date", "agenda_item")]


class StatutoryWords(_Words):
    """The legal sheet's statutory and policy implications."""

    heading: str
    areas: str
    title: str
    none: str


class PaperWords(_Words):
    """The legal sheet's background papers."""

    heading: str
    title: str
    columns: list[str] = Field(min_length=3, max_length=3)
    """Paper, published, address."""
    published: str
    unpublished: str
    none: str


class CommentWords(_Words):
    """The legal sheet's reviewer's comment."""

    kind: str
    """The reviewer kind of the profile's reviewers.yaml whose comment is shown."""
    heading: str
    title: str
    none: str


class LegalWords(_Words):
    """The legal sheet."""

    name: str
    landscape: bool = False
    recommendations: PartWords
    committee: CommitteeWords
    statutory: StatutoryWords
    papers: PaperWords
    comment: CommentWords
    quoted_columns: list[str] = Field(min_length=2, max_length=2)
    """The columns of a table of quoted paragraphs: the paragraph's number and its text."""


class PostWords(_Words):
    """The HR sheet's posts."""

    heading: str
    intro: str
    grade: list[str]
    fte: list[str]
    job_title: list[str]
    table_heading: Annotated[str, _fields("table", "heading")]
    place: Annotated[str, _fields("place")]
    title: Annotated[str, _fields("table")]
    row: str
    none: str


class ImplicationWords(_Words):
    """The HR sheet's implications section."""

    area: str
    """The implications area of the report that is shown."""
    heading: str
    title: str
    none: str


class HrWords(_Words):
    """The HR sheet."""

    name: str
    landscape: bool = False
    posts: PostWords
    implications: ImplicationWords
    quoted_columns: list[str] = Field(min_length=2, max_length=2)


class SheetWords(_Words):
    """The wording and layout of every review sheet: the profile's review-sheets.yaml."""

    header: HeaderWords
    places: PlaceWords
    paragraph_labels: LabelWords
    finance: FinanceWords
    legal: LegalWords
    hr: HrWords
