"""Open data: a report and a meeting as JSON, each with a published JSON Schema.

The models here are what the JSON files hold; :func:`report_data` fills one from a resolved
:class:`~reportgen.document.Document` and :func:`meeting_data` one from a resolved meeting
(:class:`~reportgen.meeting.ResolvedMeeting`), so every number, printed form and working is
the one the Word and HTML editions print: nothing is read again from YAML. An exempt item or
appendix gives its public title and its paragraph of Schedule 12A only, never its content.

Each file names its schema (``"$schema"``), published at the documentation site's
``schemas/NAME.schema.json`` (:mod:`reportgen.data_schemas`). The people, committees and
memberships are in Popolo's format (:mod:`reportgen.popolo`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from reportgen import document as d
from reportgen.urls import schema_url

if TYPE_CHECKING:
    from reportgen.meeting import ResolvedMeeting
    from reportgen.model_meeting import Minutes

REPORT_DATA = "report-data"
"""The name of the report's data schema (reportgen/schemas/report-data.schema.json)."""
MEETING_DATA = "meeting-data"
"""The name of the meeting's data schema (reportgen/schemas/meeting-data.schema.json)."""

Amount = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$")]
"""A value exactly, as a decimal number in text (``"45638.50"``): JSON numbers may not keep
every digit of an amount."""


class Data(BaseModel):
    """A part of an open data file: closed to other keys, written in the order declared."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )


def published(name: str) -> Any:
    """The ``"$schema"`` field of a file of the open data schema ``name``: its schema's address,
    which the schema requires as a constant. Every kind of open data file starts with one::

        schema_: str = published("report-data")
    """
    url = schema_url(name)
    return Field(
        default=url,
        json_schema_extra={"const": url},
        validation_alias="$schema",
        serialization_alias="$schema",
    )


class Ledger(Data):
    """A total printed as the ledger states it, beside what its printed rows add to."""

    rows: Amount
    """What the printed rows add to."""
    terms: int
    """How many rounded amounts the difference may come from."""
    difference: Amount
    """The stated total less what the rows add to."""
    allowed: Amount
    """The largest difference rounding can explain."""


class Working(Data):
    """Where a figure's value came from, as a finance reviewer checks it."""

    how: str
    """The working, e.g. 'sum of 11 rows of table msh-staffing, column cost', or 'typed'."""
    file: str
    """The file the value comes from, relative to the report's folder."""
    line: int
    """Its line there (1-based; 0 for the whole file)."""
    column: int
    """Its column (1-based; 0 when unknown)."""
    path: list[str | int]
    """The YAML path of the value in that file."""
    stated: Amount | None = None
    """The value the author stated, when they did (it equals the value)."""
    ledger: Ledger | None = None
    """For a total stated from the ledger: how it compares with its printed rows."""


class FigureData(Data):
    """A figure: its value, its printed form, what it counts and its working."""

    value: Amount
    printed: str
    """As the report prints it, e.g. '£45,638'."""
    kind: d.FigureKind
    name: str | None = None
    """The named figure or table it quotes, if any."""
    working: Working


class Paragraph(Data):
    """A paragraph: its number as printed and its label, if it has them, and its text."""

    type: Literal["paragraph"] = "paragraph"
    role: str
    """What it is: numbered, body, item, bullet, recommendation, quote…"""
    number: str | None = None
    """Its number as a reference to it prints it ('8', '4.2'); None when it has none."""
    marker: str | None = None
    """What prints before it ('8.', 'a)', '•'); None when nothing does."""
    label: str | None = None
    """Its label, by which other paragraphs refer to it."""
    text: str
    """Its text, plain."""
    printed: str
    """Its text as printed, with its marker before it."""
    figures: list[FigureData] = []


class HeadingData(Data):
    """A heading inside a section (level 2 and deeper)."""

    type: Literal["heading"] = "heading"
    level: int
    marker: str | None = None
    text: str


class CellData(Data):
    """A table cell: its text as printed and the figures in it, with their working."""

    text: str
    numeric: bool = False
    note: bool = False
    """A note written in place of a value."""
    header: bool = False
    """Names its row."""
    span: int = 1
    rows: int = 1
    continued: bool = False
    """Stands where a cell of a row above still spans: it holds nothing of its own."""
    figures: list[FigureData] = []


class RowData(Data):
    """A table row: header, body, group, sub-total or total, and its cells."""

    role: d.RowRole
    cells: list[CellData]


class TableData(Data):
    """A table: its title and every row, totals included."""

    type: Literal["table"] = "table"
    title: str | None = None
    rows: list[RowData]


class CalloutData(Data):
    """A call-out box: its figure printed large, its sentence and its source."""

    type: Literal["callout"] = "callout"
    figure: str
    text: str
    source: str
    figures: list[FigureData] = []


class PictureData(Data):
    """A picture: what it shows, for readers who cannot see it, and its caption."""

    type: Literal["picture"] = "picture"
    alt: str
    """What it shows."""
    caption: str
    label: str | None = None


class SeriesData(Data):
    """One column a chart draws: its values exactly and as printed."""

    name: str
    values: list[Amount]
    printed: list[str]


class ChartData(Data):
    """A chart of a table's columns: what it draws and what it shows."""

    type: Literal["chart"] = "chart"
    kind: d.ChartKind
    alt: str
    caption: str
    categories: list[str]
    series: list[SeriesData]
    label: str | None = None


BlockData = Annotated[
    Paragraph | HeadingData | TableData | CalloutData | PictureData | ChartData,
    Field(discriminator="type"),
]


class Section(Data):
    """A section of the document: its heading and its blocks, in order."""

    heading: str | None
    """None for what comes before the first heading."""
    marker: str | None = None
    blocks: list[BlockData] = []


class HeaderField(Data):
    """A field of the report's header block, as the profile's header.yaml names it."""

    name: str
    value: str
    """As printed; empty when not given."""
    text: str
    """Its whole line, label and value."""


class Recommendation(Data):
    """A recommendation (or a part of a resolution) and its number."""

    number: str
    """Its number as printed in references ('1', '2.1')."""
    text: str


class ReportData(Data):
    """A report (or another document of a pack) as open data."""

    schema_: str = published(REPORT_DATA)
    kind: d.DocumentKind
    title: str
    committee: str
    date: dt.date
    date_text: str
    """The meeting date as printed."""
    agenda_item: str
    report_of: str
    reference: str | None = None
    council: str
    header: list[HeaderField] = []
    sections: list[Section]
    recommendations: list[Recommendation] = []

    model_config = Data.model_config | ConfigDict(populate_by_name=True, title="Report data")


# --- meetings ----------------------------------------------------------------------------------


class ContactData(Data):
    """The Democratic Services officer to ask about the meeting."""

    name: str
    team: str | None = None
    phone: str | None = None
    email: str | None = None


class MemberData(Data):
    """A member: their name as printed, their role, and their person's id in popolo.json."""

    id: str
    name: str
    role: str | None = None


class AppendixData(Data):
    """An appendix of an item; an exempt one gives only its paragraph of Schedule 12A."""

    number: int
    title: str | None = None
    """As the pack's outline prints it; for an exempt appendix, only the title the meeting file
    gives it (None when it gives none: the document's own title is not published)."""
    exempt: int | None = None
    """The paragraph of Schedule 12A it is exempt under."""
    data: str | None = None
    """Its JSON file (an appendix written in YAML, public)."""


class ItemData(Data):
    """An agenda item: its number, its public title, and its report's JSON file."""

    number: int
    title: str
    kind: Literal["minutes", "apologies", "declarations", "report", "other"]
    exempt: int | None = None
    """The paragraph of Schedule 12A the item is exempt under; None for a public item."""
    report: str | None = None
    """The report's JSON file, beside this one; None for an exempt item or one without."""
    appendices: list[AppendixData] = []
    confirms: MinutesData | None = None
    """For the minutes of the last meeting: those minutes, put for confirmation."""


class Attendance(Data):
    """Who attended, as the minutes record it."""

    present: list[MemberData]
    absent: list[MemberData] = []
    substitutes: list[str] = []
    officers: list[str] = []
    remote_officers: list[str] = []


class ResolutionData(Data):
    """A resolution: its register number, its minute and what was resolved."""

    number: str
    """Its number in the register, as printed ('2022/001')."""
    minute: int
    """The minute it was resolved under."""
    title: str
    """The minute's title."""
    text: str
    """What was resolved, as the minutes print it, part by part."""
    parts: list[Recommendation] = []


class MinutesData(Data):
    """The minutes of a meeting: when it started, who attended, what was resolved."""

    date: dt.date
    time: str
    attendance: Attendance
    resolutions: list[ResolutionData] = []


class MeetingData(Data):
    """A meeting as open data: committee, when and where, membership, agenda and minutes."""

    schema_: str = published(MEETING_DATA)
    committee: str
    committee_id: str
    """The committee's organization id in popolo.json."""
    date: dt.date
    time: str
    venue: str
    contact: ContactData
    membership: list[MemberData] = []
    items: list[ItemData]
    minutes: MinutesData | None = None
    """The meeting's own minutes (a minutes.yaml beside the meeting file), once written."""

    model_config = Data.model_config | ConfigDict(populate_by_name=True, title="Meeting data")


# --- from the resolved document ------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _relative(file: str, folder: Path | None) -> str:
    """``file`` relative to ``folder`` in / form, so the bytes do not depend on where the
    build ran."""
    if folder is None or not file:
        return Path(file).as_posix()
    try:
        return Path(os.path.relpath(Path(file).resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(file).name


def _figure(figure: d.Figure, folder: Path | None) -> FigureData:
    origin = figure.origin
    ledger = origin.ledger
    return FigureData(
        value=_amount(figure.value),
        printed=figure.shown,
        kind=figure.kind,
        name=figure.name,
        working=Working(
            how=origin.how,
            file=_relative(origin.where.file, folder),
            line=origin.where.line,
            column=origin.where.column,
            path=list(origin.where.path),
            stated=None if origin.stated is None else _amount(origin.stated),
            ledger=None
            if ledger is None
            else Ledger(
                rows=_amount(ledger.rows),
                terms=ledger.terms,
                difference=_amount(ledger.difference),
                allowed=_amount(ledger.allowed),
            ),
        ),
    )


def _figures(nodes: d.Inlines, folder: Path | None) -> list[FigureData]:
    return [_figure(f, folder) for f in d.figures_in(nodes)]


def _blocks(document: d.Document, folder: Path | None) -> Iterator[tuple[d.Block, BlockData]]:
    """Each block of ``document`` with its data, numbers printed as the HTML edition prints
    them."""
    from reportgen.writers.html import _Numbers

    numbers = _Numbers(document)
    text = d.plain_text
    for block in document.blocks:
        marker = (
            numbers.shown(block.mark)
            if isinstance(block, d.Para | d.Heading) and (block.mark is not None)
            else None
        )
        match block:
            case d.Heading():
                yield block, HeadingData(level=block.level, marker=marker, text=text(block.content))
            case d.Para():
                plain = text(block.content)
                mark = block.mark
                yield (
                    block,
                    Paragraph(
                        role=block.role,
                        number=None if mark is None else mark.shown or mark.label,
                        marker=marker,
                        label=block.anchor,
                        text=plain,
                        printed=f"{marker} {plain}" if marker else plain,
                        figures=_figures(block.content, folder),
                    ),
                )
            case d.Table():
                rows = [
                    RowData(
                        role=row.role,
                        cells=[
                            CellData(
                                text=text(cell.content),
                                numeric=cell.numeric,
                                note=cell.note,
                                header=cell.header,
                                span=cell.span,
                                rows=cell.rows,
                                continued=cell.continued,
                                figures=_figures(cell.content, folder),
                            )
                            for cell in row.cells
                        ],
                    )
                    for row in block.rows
                ]
                yield block, TableData(title=block.title, rows=rows)
            case d.Callout():
                yield (
                    block,
                    CalloutData(
                        figure=text(block.figure),
                        text=text(block.content),
                        source=text(block.source),
                        figures=_figures((*block.figure, *block.content, *block.source), folder),
                    ),
                )
            case d.Picture():
                yield (
                    block,
                    PictureData(alt=block.alt, caption=text(block.caption), label=block.anchor),
                )
            case d.Chart():
                yield (
                    block,
                    ChartData(
                        kind=block.kind,
                        alt=block.alt,
                        caption=text(block.caption),
                        categories=list(block.categories),
                        series=[
                            SeriesData(
                                name=s.name,
                                values=[_amount(v) for v in s.values],
                                printed=list(s.shown),
                            )
                            for s in block.series
                        ],
                        label=block.anchor,
                    ),
                )


def report_data(document: d.Document, folder: Path | None = None) -> ReportData:
    """The open data of the resolved ``document``; a figure's file is named relative to
    ``folder`` (the report's own, usually)."""
    meta = document.meta
    sections: list[Section] = []
    current = Section(heading=None)
    recommendations: list[Recommendation] = []
    for block, data in _blocks(document, folder):
        if isinstance(block, d.Heading) and block.level == 1 and isinstance(data, HeadingData):
            if current.heading is not None or current.blocks:
                sections.append(current)
            current = Section(heading=data.text, marker=data.marker)
            continue
        current.blocks.append(data)
        numbered = d.numbered_as(block)
        if numbered is not None and numbered[0] == "recommendation":
            assert isinstance(data, Paragraph)
            recommendations.append(Recommendation(number=numbered[1], text=data.text))
    if current.heading is not None or current.blocks:
        sections.append(current)
    return ReportData(
        kind=meta.kind,
        title=meta.title,
        committee=meta.committee,
        date=meta.date,
        date_text=meta.date_text,
        agenda_item=meta.agenda_item,
        report_of=meta.report_of,
        reference=meta.reference,
        council=meta.council,
        header=[HeaderField(name=h.name, value=h.value, text=h.text) for h in meta.header],
        sections=sections,
        recommendations=recommendations,
    )


# --- from the resolved meeting -------------------------------------------------------------------


def slug(name: str) -> str:
    """The stable id made from a name: 'Dr. John Doddy' is ``dr-john-doddy``."""
    words = "".join(c.lower() if c.isalnum() else " " for c in name).split()
    return "-".join(words)


def data_names(resolved: ResolvedMeeting) -> dict[str, str]:
    """The JSON file of each public report and appendix document written in YAML of the
    meeting ``resolved``, by its key: its source's name (``05-staffing.yaml`` gives
    ``05-staffing.json``), or, for names two documents share in any case, the name after its
    key (``item4-report.json``), so that no file is written twice."""
    public = [
        doc
        for item in resolved.items
        for doc in item.documents
        if not doc.exempt and doc.document is not None and doc.document.meta.kind != "minutes"
    ]
    stems = Counter(doc.source.stem.casefold() for doc in public)
    return {
        doc.key: f"{doc.source.stem}.json"
        if stems[doc.source.stem.casefold()] == 1
        else f"{doc.key}-{doc.source.stem}.json"
        for doc in public
    }


def _kind(entry: object) -> Literal["minutes", "apologies", "declarations", "report", "other"]:
    from reportgen.model_meeting import ApologiesItem, DeclarationsItem, MinutesItem, ReportItem

    match entry:
        case MinutesItem():
            return "minutes"
        case ApologiesItem():
            return "apologies"
        case DeclarationsItem():
            return "declarations"
        case ReportItem():
            return "report"
    return "other"


def public_documents(resolved: ResolvedMeeting) -> dict[str, tuple[Path, d.Document]]:
    """The public pack's reports and appendix documents written in YAML, by their JSON
    file's name (:func:`data_names`): what :func:`meeting_data` names in its items. Never an
    exempt one."""
    names = data_names(resolved)
    return {
        names[doc.key]: (doc.source, doc.document)
        for item in resolved.items
        for doc in item.documents
        if doc.key in names and doc.document is not None
    }


MinutesFound = tuple["Minutes", int, d.Document]
"""Minutes as validated, the register number of their first resolution, and their resolved
document (:func:`reportgen.meeting.own_minutes`)."""


def meeting_data(
    resolved: ResolvedMeeting,
    minutes: MinutesFound | None = None,
    confirmed: dict[int, MinutesFound] | None = None,
) -> MeetingData:
    """The open data of the meeting ``resolved``; ``minutes`` are its own minutes, if written,
    and ``confirmed`` the minutes its items put for confirmation, by item number."""
    confirmed = confirmed or {}
    m = resolved.meeting
    names = data_names(resolved)
    items: list[ItemData] = []
    for entry, item in zip(m.items, resolved.items, strict=True):
        line = item.line
        report = next((doc for doc in item.documents if doc.level == 0), None)
        appendices = [doc for doc in item.documents if doc.level == 1]
        items.append(
            ItemData(
                number=line.number,
                title=line.title,
                kind=_kind(entry),
                exempt=line.exempt,
                report=names.get(report.key) if report and _kind(entry) == "report" else None,
                appendices=[]
                if line.exempt is not None
                else [
                    AppendixData(
                        number=j + 1,
                        title=_appendix_title(entry, j) if doc.exempt else doc.name,
                        exempt=_appendix_exempt(entry, j) if doc.exempt else None,
                        data=names.get(doc.key),
                    )
                    for j, doc in enumerate(appendices)
                ],
                confirms=minutes_data(*confirmed[line.number], resolved)
                if line.number in confirmed
                else None,
            )
        )
    contact = m.contact
    return MeetingData(
        committee=m.committee,
        committee_id=slug(m.committee),
        date=m.date,
        time=m.time,
        venue=m.venue,
        contact=ContactData(
            name=contact.name, team=contact.team, phone=contact.phone, email=contact.email
        ),
        membership=[MemberData(id=slug(p.name), name=p.name, role=p.role) for p in m.membership],
        items=items,
        minutes=None if minutes is None else minutes_data(*minutes, resolved),
    )


def _appendix_title(entry: object, index: int) -> str | None:
    """The title the meeting file gives an exempt appendix, which the public agenda may print;
    None when it gives none (the document's own title is not published)."""
    from reportgen.model_meeting import ReportItem

    if isinstance(entry, ReportItem) and index < len(entry.appendices):
        return entry.appendices[index].title
    return None


def _appendix_exempt(entry: object, index: int) -> int | None:
    from reportgen.model_meeting import ReportItem

    if isinstance(entry, ReportItem) and index < len(entry.appendices):
        exempt = entry.appendices[index].exempt
        return None if exempt is None else exempt.paragraph
    return None


def minutes_data(
    minutes: Minutes, first: int, document: d.Document, resolved: ResolvedMeeting
) -> MinutesData:
    """The attendance and resolutions of ``minutes``, whose first resolution has register
    number ``first``; their texts as the resolved ``document`` prints them."""
    words = resolved.boilerplate.meeting.minutes
    paras = [b for b in document.blocks if isinstance(b, d.Para) and b.where is not None]
    resolutions: list[ResolutionData] = []
    n = first
    for i, minute in enumerate(minutes.items):
        for j, _ in enumerate(minute.resolved):
            at = ("items", i, "resolved", j)
            mine = [p for p in paras if p.where is not None and p.where.path[:4] == at]
            intro = [p for p in mine if p.where is not None and p.where.path[4:5] == ("intro",)]
            parts = [p for p in mine if p.role == "recommendation" and p.mark is not None]
            shown = _parts_text(intro, parts)
            resolutions.append(
                ResolutionData(
                    number=words.number.format(year=minutes.date.year, n=n),
                    minute=i + 1,
                    title=d.plain_text(_title(document, i)),
                    text=shown,
                    parts=[
                        Recommendation(number=p.mark.label, text=d.plain_text(p.content))
                        for p in parts
                        if p.mark is not None
                    ],
                )
            )
            n += 1
    members = [MemberData(id=slug(a.name), name=a.name, role=a.role) for a in minutes.members]
    absent = [a.absent for a in minutes.members]
    return MinutesData(
        date=minutes.date,
        time=minutes.time,
        attendance=Attendance(
            present=[p for p, away in zip(members, absent, strict=True) if not away],
            absent=[p for p, away in zip(members, absent, strict=True) if away],
            substitutes=list(minutes.substitutes),
            officers=list(minutes.officers),
            remote_officers=list(minutes.remote_officers),
        ),
        resolutions=resolutions,
    )


def _parts_text(intro: Iterable[d.Para], parts: Iterable[d.Para]) -> str:
    lines = [d.plain_text(p.content) for p in intro]
    lines += [f"{p.mark.label} {d.plain_text(p.content)}" for p in parts if p.mark is not None]
    return "\n".join(lines)


def _title(document: d.Document, index: int) -> d.Inlines:
    """The title of the minute ``index`` in the resolved minutes ``document``."""
    for block in document.blocks:
        if (
            isinstance(block, d.Heading)
            and block.where
            and block.where.path == ("items", index, "title")
        ):
            return block.content
    return ()
