"""The format of a meeting, its minutes and its appendix documents: new documents beside reports.

A meeting file (``meeting.yaml``) is what Democratic Services write: the committee, when and
where, the membership, and the agenda, whose items point at report files, minutes files and
appendices. Agenda item numbers come from the meeting file (their place in the agenda, from a first
number, or each item's own), never from a report.
Minutes (``minutes.yaml``) record a meeting that took place: attendance, one minute per item
and its RESOLVED text, numbered from the register all minutes of a committee share
(:mod:`reportgen.resolve.register`). An appendix may be a document written in YAML
(:class:`AppendixDocument`): a title and blocks, like a report's sections.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag

from reportgen.model import Block, Body, Contact, RecommendationEntry
from reportgen.model_base import Model, Text
from reportgen.model_design import Cover

Time = Annotated[str, StringConstraints(pattern=r"^([01]?\d|2[0-3])[:.][0-5]\d$")]
"""A time of day, 24-hour, e.g. ``10:30`` or ``14.00``."""

RelativePath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A file's path relative to the file that names it."""

Schedule12A = Annotated[int, Field(ge=1, le=7)]
"""A paragraph of Schedule 12A to the Local Government Act 1972 (1 to 7)."""

ItemNumber = Annotated[int, Field(ge=1)]
"""An agenda item's number, 1 or more."""

ItemNumbers = Literal["place", "given"]
"""How agenda items are numbered: ``place``, by their place in ``items:`` (from ``first_item``);
``given``, as each item's ``number:`` says."""


class _Item(Model):
    """What every agenda item may say."""

    number: ItemNumber | None = None
    """The item's number, when the meeting's items are numbered as given
    (``item_numbers: given``); each greater than the one before."""


class Member(Model):
    """A member of the committee."""

    name: Text
    """As printed, e.g. 'Boyd Elliott'."""
    role: Text | None = None
    """E.g. 'Chairman', 'Vice-Chairman'."""


class Exempt(Model):
    """Why an item or appendix is exempt from publication."""

    paragraph: Schedule12A
    """The paragraph of Schedule 12A to the Local Government Act 1972 that applies."""


class Appendix(Model):
    """An appendix to a report item: an existing file, or a document written in YAML."""

    file: RelativePath
    """A .pdf or .docx to include as it is, or a .yaml appendix document."""
    title: Text | None = None
    """Its title in the pack's outline; a .yaml document's own title by default."""
    exempt: Exempt | None = None
    """Left out of the public pack when set."""


class Late(Model):
    """An item added to the agenda after its dispatch, taken as a matter of urgency (Local
    Government Act 1972, s.100B(4)(b))."""

    reason: Text
    """Why the chair is of the opinion that the item should be considered as a matter of
    urgency."""
    added: dt.date
    """When the item was added to the agenda, YYYY-MM-DD."""


class ReportItem(_Item):
    """An agenda item that is a report."""

    report: RelativePath
    """The report's YAML file, relative to the meeting file."""
    title: Text | None = None
    """The title the agenda prints; by default the report's own. An exempt item needs one: the
    report's own title is not published."""
    appendices: list[Appendix] = []
    """Its appendices, in order, after the report in the pack."""
    exempt: Exempt | None = None
    """The whole item is left out of the public pack, whose agenda shows only its title and
    the exemption."""
    late: Late | None = None
    """Added after the agenda's dispatch, as a matter of urgency: why, and when."""


class PlannedDecision(Model):
    """A key decision on the forward plan whose report is not yet written: the plan lists it
    with the meeting's date as the date of decision."""

    title: Text
    """The matter to be decided, as the forward plan prints it."""
    decision_maker: Text
    """Who takes the decision, e.g. 'Policy Committee'."""
    first_published: dt.date
    """The date it first appeared on the forward plan, YYYY-MM-DD."""
    reference: Text | None = None
    """Its reference on the forward plan, e.g. 'KD2022/015'."""
    exempt: Exempt | None = None
    """Part of its report is expected to be exempt under this paragraph of Schedule 12A; the
    plan prints only the paragraph."""
    contact: Contact | None = None
    """The officer to contact about it."""


class MinutesItem(_Item):
    """The minutes of the last meeting, for confirmation."""

    minutes: RelativePath
    """The minutes' YAML file, relative to the meeting file."""


class ApologiesItem(_Item):
    """Apologies for absence."""

    apologies: bool
    """Write ``apologies: true``."""


class DeclarationsItem(_Item):
    """Declarations of interests, with the standard sub-items from the profile's meeting.yaml."""

    declarations: bool
    """Write ``declarations: true``."""


class PlainItem(_Item):
    """Any other item, printed with its title only (e.g. an item taken without a report)."""

    title: Text
    """The item's title on the agenda."""
    exempt: Exempt | None = None
    """Exempt under Schedule 12A."""
    late: Late | None = None
    """Added after the agenda's dispatch, as a matter of urgency: why, and when."""


def _item_tag(value: Any) -> str | None:
    if isinstance(value, Model):
        return type(value).__name__
    if isinstance(value, dict):
        for key, tag in (
            ("report", "ReportItem"),
            ("minutes", "MinutesItem"),
            ("apologies", "ApologiesItem"),
            ("declarations", "DeclarationsItem"),
            ("title", "PlainItem"),
        ):
            if key in value:
                return tag
    return None


if TYPE_CHECKING:
    AgendaEntry = ReportItem | MinutesItem | ApologiesItem | DeclarationsItem | PlainItem
else:
    AgendaEntry = Annotated[
        Annotated[ReportItem, Tag("ReportItem")]
        | Annotated[MinutesItem, Tag("MinutesItem")]
        | Annotated[ApologiesItem, Tag("ApologiesItem")]
        | Annotated[DeclarationsItem, Tag("DeclarationsItem")]
        | Annotated[PlainItem, Tag("PlainItem")],
        Discriminator(
            _item_tag,
            custom_error_type="agenda_item_kind",
            custom_error_message=(
                "an agenda item is a mapping with one of the keys 'report', 'minutes', "
                "'apologies', 'declarations' or 'title'"
            ),
        ),
    ]
"""One agenda item; its number is its place in the agenda, or the one it is given
(:mod:`reportgen.resolve.agenda`)."""


class Meeting(Model):
    """A meeting of a committee: its agenda, and the documents its pack is made of."""

    committee: Text
    """The committee, e.g. 'Adult Social Care and Public Health Committee'."""
    date: dt.date
    """The meeting date, YYYY-MM-DD."""
    time: Time
    """When it starts, e.g. 10:30."""
    venue: Text
    """Where it meets, e.g. 'County Hall, West Bridgford, Nottingham, NG2 7QP'."""
    contact: Contact
    """The Democratic Services officer to ask about declarations of interest."""
    membership: list[Member] = Field(default_factory=list)
    """The committee's members, chair and vice-chairs first; optional, as many councils publish
    them on their site rather than in the agenda."""
    items: list[AgendaEntry] = Field(min_length=1)
    """The agenda, in order: numbered by place from ``first_item`` (1, 2, … by default), or as
    each item's ``number:`` says (``item_numbers: given``)."""
    item_numbers: ItemNumbers | None = None
    """How the items are numbered: ``place`` (by their place in ``items:``, from
    ``first_item``) or ``given`` (each item's own ``number:``); by default as the profile's
    meeting.yaml says (``agenda.item_numbers``)."""
    first_item: ItemNumber | None = None
    """The first item's number, for items numbered by place, e.g. 37 for a council that
    numbers items through the municipal year; by default 1."""
    notes: str = "standard"
    """Which standard notes from the profile's meeting.yaml the front sheet prints."""
    published: dt.date | None = None
    """When Democratic Services published the pack: its reports then stand as published."""
    appendix_folders: list[RelativePath] = []
    """Folders outside the meeting file's own folder that appendices may come from, relative to
    the meeting file, e.g. ``[../shared-appendices]``. An appendix file must be in the meeting
    file's folder or a folder under it, or in one of these (symbolic links followed): any other
    path, such as ``../x.pdf``, ``/etc/…`` or a link to a file elsewhere, is refused (M717), so
    that no other file on the machine can be pulled into a pack."""
    forward_plan: list[PlannedDecision] = []
    """Key decisions planned for this meeting whose reports are not yet written, for the
    forward plan (``reportgen forward-plan``); a report item's own ``key_decision:`` is listed
    from the report."""
    report_deadline: dt.date | None = None
    """When reports are due to Democratic Services, YYYY-MM-DD."""
    dispatch: dt.date | None = None
    """When the agenda is sent to members, YYYY-MM-DD: ``check`` counts the clear working days
    from it to the meeting (calendar.yaml's ``notice_clear_days``). ``published`` is when the
    pack's reports stand as published, which may be later."""


class Attendee(Model):
    """A member as the minutes record them."""

    name: Text
    """As printed."""
    role: Text | None = None
    """E.g. 'Chairman'."""
    absent: bool = False
    """Printed with an 'A'."""


class Declaration(Model):
    """A member's declaration of interest in an item, printed on its decision notices."""

    member: Text
    """The member, as the minutes print them, e.g. 'Sybil Fielding'."""
    interest: Text
    """The interest declared, e.g. 'a non-registrable interest as a carer'."""


class CallIn(Model):
    """A resolution taken as a matter of urgency, not open to call-in."""

    exempt: bool
    """Write ``exempt: true``: the decision can be implemented at once (``false`` leaves it open
    to call-in as usual)."""
    reason: Text
    """Why it could not wait for the call-in period, as its decision notice prints it."""


class Resolution(Model):
    """What the committee resolved on an item; numbered from the register, e.g. 2022/001."""

    intro: Text | None = None
    """E.g. 'That:'; or the whole resolution when it has no items."""
    items: list[RecommendationEntry] = []
    """Its numbered parts 1), 2), …"""
    call_in: CallIn | None = None
    """Taken as a matter of urgency: no call-in period, and why (its decision notice says
    so)."""


class Minute(Model):
    """One minute: an item of the meeting, what was said, and what was resolved."""

    title: Text
    """The item's title, e.g. 'Public Health Outcomes in Nottinghamshire'."""
    body: list[Block] = []
    """What happened, as paragraphs, bullets and quotations (they are not numbered)."""
    resolved: list[Resolution] = []
    """The resolutions, each with the next number of the register."""
    report: RelativePath | None = None
    """The report the item decided on, relative to the minutes file, e.g.
    ``../2022-03-14/05-staffing-establishment.yaml``: its decision notices take their reasons
    and the options rejected from its sections (``reasons``, ``other_options``)."""
    reasons: list[Text] | None = None
    """The reasons for the decision, as its notices print them, instead of the report's."""
    options_rejected: list[Text] | None = None
    """The other options considered and rejected, instead of the report's."""
    declarations: list[Declaration] = []
    """Members' declarations of interest in the item, printed on its decision notices."""


class Minutes(Model):
    """The minutes of one meeting."""

    committee: Text
    """The committee."""
    date: dt.date
    """The meeting date."""
    time: Text
    """When it started, as printed, e.g. '10.30 am'."""
    members: list[Attendee] = Field(min_length=1)
    """Every member, absent ones marked ``absent: true``."""
    substitutes: list[Text] = []
    """Substitute members."""
    officers: list[Text] = []
    """Officers in attendance, each 'Name, Title, Department'."""
    remote_officers: list[Text] = []
    """Officers in remote attendance."""
    items: list[Minute] = Field(min_length=1)
    """The minutes, numbered 1, 2, … in order."""
    closed: Text | None = None
    """When the meeting closed, as printed, e.g. '1.10pm'."""
    contact: Contact | None = None
    """The Democratic Services officer its decision notices name as their contact; by default
    the contact of the report decided on."""


class AppendixDocument(Model):
    """An appendix written in YAML: a title and sections of blocks."""

    title: Text
    """The appendix's title."""
    body: Body
    """Its blocks; headings give its sections; paragraphs are numbered unless told not to be."""
    landscape: bool = False
    """Print it on landscape pages, for a wide table."""
    cover: Cover | None = None
    """A cover page of its own before the document's first page."""
    contents: bool = False
    """A contents page (after the cover): each heading of levels 1 and 2 with its page, under
    the profile's heading (meeting.yaml's ``contents``)."""
    sections_start_pages: bool = False
    """Start each of its main sections (its level-1 headings) on a new page."""
