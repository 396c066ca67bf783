"""Standard wording, kept as YAML in a council profile's folder and chosen by name, never pasted.

A council changes its headings, its statutory paragraph or how references read by editing
these files; the Python stays the same. They are read with the same loader and checked with
the same validation as reports, so a mistake in them is reported at its line too.

A folder read once is kept in memory with each file's modification time, size and inode, and
read again only when one of them changed (a file edited, added or removed): a process building
many reports, or the live preview, pays for reading and validating the wording once, and an
edit is seen at the next build. A file modified less than :data:`_SETTLED_NS` before it was
read is not trusted to that stamp (a file system's clock ticks coarsely, so a second edit of
the same size could keep the time): such a folder is read again until its files have settled.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from reportgen.document import DocumentKind, Logo
from reportgen.document import Look as DocumentLook
from reportgen.errors import Location, Problem, Problems, ReportError, quote
from reportgen.kinds import SHEET_KINDS, SheetKind
from reportgen.load import load_file
from reportgen.model import ImplicationKind, SectionName
from reportgen.model_base import STRICT, check_placeholders
from reportgen.model_figures import DATE_FIELDS, DatePattern
from reportgen.model_meeting import ItemNumbers
from reportgen.pack.stamps import unprintable
from reportgen.profile import PROFILE_NAME, chain, merged
from reportgen.profile_calendar import Calendar
from reportgen.profile_decision_notice import DecisionNoticeWords
from reportgen.profile_exempt import ExemptWords
from reportgen.profile_forward_plan import ForwardPlanWords
from reportgen.profile_header import LOGO_KINDS, TEMPLATES, HeaderWords, Look, read_logo
from reportgen.profile_numbering import Numbering
from reportgen.profile_pictures import PictureWords, ReferenceWording
from reportgen.profile_sections import Sections
from reportgen.profile_site import SiteWords
from reportgen.reads import note_file
from reportgen.review_words import SheetWords
from reportgen.validate import validate

DEFAULT_DIR = Path(__file__).resolve().parent / "profiles" / "nottinghamshire"
"""The bundled profile of Nottinghamshire County Council, used when no other is given."""


class _Strict(BaseModel):
    model_config = STRICT


class ContactLabels(_Strict):
    """How a contact's details are labelled; ``{phone}`` and ``{email}`` are filled in."""

    phone: str
    email: str


class Headings(_Strict):
    """Standard headings: headings.yaml."""

    sections: dict[SectionName, str]
    """The heading of each section of a report."""
    implications: dict[ImplicationKind, str]
    """The kinds of implication a report may describe (its keys under ``implications:``), each
    with its heading, in any number: a council adds its own (``legal: Legal Implications``)."""
    contact: ContactLabels

    @model_validator(mode="before")
    @classmethod
    def _comments_moved(cls, data: object) -> object:
        if isinstance(data, dict) and "comments" in data:
            raise ValueError(
                "the comment headings have moved to reviewers.yaml, one entry a reviewer kind "
                "with its 'heading'; remove 'comments' here and copy reviewers.yaml beside it"
            )
        return data


class StatutoryWording(_Strict):
    """One standard statutory and policy implications paragraph."""

    text: str
    """The paragraph, with ``{areas}`` where the areas considered go."""
    areas: list[str] = Field(min_length=1)
    """The areas considered when a report does not list its own."""


class StatutoryWordings(_Strict):
    """Standard statutory paragraphs by name: statutory.yaml."""

    wordings: dict[str, StatutoryWording]


class BackgroundPapers(_Strict):
    """Wording of the background papers section: background-papers.yaml."""

    statement: str
    """The statement printed under the heading, e.g. that the papers are available for
    inspection under Section 100D of the Local Government Act 1972. An older folder's
    ``section_100d`` is read as this."""
    none: str
    """What is printed when a report has no background papers."""

    @model_validator(mode="before")
    @classmethod
    def _older_key(cls, data: object) -> object:
        if isinstance(data, dict) and "section_100d" in data:
            if "statement" in data:
                raise ValueError(
                    "the statement is written twice, as 'statement' and as 'section_100d' "
                    "(its older name); keep 'statement'"
                )
            data = {("statement" if k == "section_100d" else k): v for k, v in data.items()}
        return data


class References(_Strict):
    """How cross-references read: references.yaml."""

    paragraph: ReferenceWording
    recommendation: ReferenceWording
    appendix: ReferenceWording


class MoneyStyle(_Strict):
    """How money is printed."""

    symbol: str
    """The currency sign, e.g. £."""
    million: str
    """The suffix of short amounts: £14.966m."""
    short_places: int = Field(ge=0, le=6)
    """The most decimal places of a short amount."""
    short_from: int = Field(default=1_000_000, ge=1)
    """Short amounts of this size or more are printed in millions (£14.966m); with 100000,
    £235,000 is £0.235m."""
    thousand: str = "k"
    """The suffix of short amounts in thousands: £240k."""
    thousands_heading: str = "£'000"
    """What a column of money in thousands says under its title: £'000."""
    millions_heading: str = "£m"
    """What a column of money in millions says under its title: £m."""
    thousands_from: int | None = Field(default=None, ge=1)
    """Short amounts of this size or more, below ``short_from``, are printed in thousands
    (£240k); left out, they are printed in full."""


class Style(_Strict):
    """House style: style.yaml. How amounts, counts and dates are printed."""

    council: str = Field(min_length=1)
    """The council's name: the creator of every document reportgen writes."""
    money: MoneyStyle
    words_up_to: int = Field(ge=0, le=100)
    """Counts up to this are printed in words."""
    words_language: str
    """num2words's language code, e.g. en_GB."""
    date: DatePattern
    """How dates are printed, e.g. ``{day} {month} {year}``."""
    comment_date: DatePattern
    """How comment dates are printed, e.g. ``{dd}/{mm}/{yy}``."""
    quotation_marks: tuple[str, str]
    """The opening and closing marks put around a quotation."""
    papers_lettered: bool
    """Whether background papers are lettered a., b., …"""
    rounding: Literal["half-up", "half-even"]
    """How computed amounts are rounded to their unit."""
    total_label: str
    """The first cell of a totals row a table does not label."""
    subtotal_label: str
    """The first cell of a group's sub-total row a table does not label."""
    negative: Literal["hyphen", "minus", "brackets"] = "hyphen"
    """How negative amounts print: ``hyphen`` -£941, ``minus`` −£941 (the minus sign), or
    ``brackets`` (£941). Any of these is read back when typed."""
    rounding_note: str = "Figures may not sum because of rounding."
    """Printed under a table whose ledger totals differ from what its printed rows add to."""
    per: str = "{amount} per {unit}"
    """How a table prints an amount for a unit, e.g. ``{amount} per {unit}``: £38.25 per
    session. A folder of older style.yaml without it keeps this wording."""

    @field_validator("per")
    @classmethod
    def _per_placeholders_known(cls, per: str) -> str:
        check_placeholders("per", per, {"amount", "unit"})
        return per


def _placeholders(part: str, names: str | tuple[str, ...], allowed: set[str]) -> Any:
    """A validator of the fields ``names`` of ``part``: each may use only the ``allowed``
    placeholders; a mistake is placed at the field's own line."""

    def check(value: str, info: ValidationInfo) -> str:
        check_placeholders(f"{part}.{info.field_name}", value, allowed)
        return value

    return field_validator(*((names,) if isinstance(names, str) else names))(check)


class AgendaWords(_Strict):
    """How an agenda (a pack's front sheet) reads."""

    heading: str
    when: str
    """When the meeting starts: date fields and ``{time}``."""
    columns: tuple[str, str, str]
    """The agenda table's header: item, title, pages."""
    minutes: str
    """The minutes item, with ``{date}`` of the meeting they record."""
    apologies: str
    declarations: str
    declaration_items: list[str]
    exempt: str
    """Printed for an exempt item, with ``{paragraph}`` of Schedule 12A."""
    pages: str
    """A page range, with ``{first}`` and ``{last}``."""
    page: str
    """An item on one page, with ``{first}``."""
    notes_heading: str
    notes_new_page: bool = False
    """Whether the notes start a page of their own, after the agenda's page."""
    title: str = "Agenda: {committee}, {date}"
    """The front sheet's title (its document properties, its entry in the pack's outline),
    with ``{committee}`` and ``{date}``."""
    appendix: str = "Appendix {n}: {title}"
    """An appendix's entry in the pack's outline, with ``{n}`` (its number in its item) and
    ``{title}`` (its own, or its file's name)."""
    front_sheet: str = "Front sheet"
    """What the live preview of a meeting calls the front sheet."""
    caption: str | None = None
    """The agenda table's caption, read by screen readers; by default ``heading`` in title
    case ("Agenda")."""
    entry: str = "{n}. {title}"
    """An item's entry in the pack's outline, with ``{n}`` (its number) and ``{title}``."""
    sub_item: str = "({letter}) {text}"
    """A line under an item's title (the kinds of interest under declarations), with
    ``{letter}`` (a, b, …) and ``{text}``."""
    item_numbers: ItemNumbers = "place"
    """How a meeting's items are numbered unless its file says: ``place`` (by their place, from
    the meeting file's ``first_item``, 1 by default) or ``given`` (each item's ``number:``)."""

    _title_known = _placeholders("agenda", "title", {"committee", "date"})
    _appendix_known = _placeholders("agenda", "appendix", {"n", "title"})
    _entry_known = _placeholders("agenda", "entry", {"n", "title"})
    _sub_item_known = _placeholders("agenda", "sub_item", {"letter", "text"})


class MinutesWords(_Strict):
    """How minutes read."""

    meeting: str
    date: str
    membership: str
    absent_note: str
    absent_mark: str
    councillors: str
    substitutes: str
    officers: str
    remote_officers: str
    none: str
    number: str
    """A resolution's number, with ``{year}`` and ``{n}``."""
    resolved: str
    closed: str
    chair: str
    title: str = "Minutes: {committee}, {date}"
    """The minutes' title (their document properties, their entry in the pack's outline),
    with ``{committee}`` and ``{date}`` of the meeting they record."""

    member: str = "{name} ({role})"
    """A member with a role in the attendance, with ``{name}`` and ``{role}`` (a member without
    one prints their name)."""

    _title_known = _placeholders("minutes", "title", {"committee", "date"})
    _member_known = _placeholders("minutes", "member", {"name", "role"})


class PackWords(_Strict):
    """How a pack's PDF is titled."""

    title: str = "{committee}, {date}"
    """The public pack's title, with ``{committee}`` and ``{date}``."""
    confidential: str = "{committee}, {date} (confidential)"
    """The confidential pack's title, with ``{committee}`` and ``{date}``."""

    stamp: str = "Page {n}"
    """What each page of a pack is stamped with, top right: ``{n}``, its number in the pack,
    and optionally ``{total}``, the pack's number of pages; in characters the stamp font
    (Liberation Sans, :mod:`reportgen.pack.stamps`) has."""

    _titles_known = _placeholders("pack", ("title", "confidential"), {"committee", "date"})
    _stamp_known = _placeholders("pack", "stamp", {"n", "total"})

    @field_validator("stamp")
    @classmethod
    def _stamp_printable(cls, value: str) -> str:
        if "{n}" not in value:
            raise ValueError("pack.stamp must hold {n}, the page's number")
        missing = unprintable(value.format(n=0, total=0))
        if missing:
            raise ValueError(f"pack.stamp has {missing!r}, which the stamp font cannot print")
        return value


NOTE_FIELDS = ("contact", "phone", "email")
"""What a front-sheet note may use: the meeting's Democratic Services contact."""


class Note(_Strict):
    """A front-sheet note with parts that print only when their fields have a value."""

    text: str
    """The note, with ``{contact}``, ``{phone}``, ``{email}`` and ``{PART}`` for each of its
    ``parts``; a note that prints nothing is left out."""
    parts: dict[str, str] = {}
    """Each part's wording by its name, e.g. ``tel: " (Tel. {phone})"``: printed where the text
    says ``{tel}`` when every field it uses has a value, else nothing."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> Note:
        for name, part in self.parts.items():
            if name in NOTE_FIELDS:
                raise ValueError(f"a part may not be called {name!r}: that is a field's name")
            check_placeholders(f"part {name}", part, NOTE_FIELDS)
        check_placeholders("text", self.text, {*NOTE_FIELDS, *self.parts})
        return self


def _note_tag(value: Any) -> str:
    return "note" if isinstance(value, dict | Note) else "text"


NoteEntry = Annotated[
    Annotated[str, Tag("text")] | Annotated[Note, Tag("note")], Discriminator(_note_tag)
]
"""A front-sheet note: its text, or a :class:`Note` with parts."""


class AppendixWords(_Strict):
    """The wording of appendix documents."""

    contents: str = "Contents"
    """The heading of a designed document's contents page."""


ReasonPlace = Literal["front_sheet", "report"]
"""Where a late item's reason for urgency is printed: ``front_sheet``, under its title on the
supplementary agenda's front sheet; ``report``, at the head of its report in the pack."""


class LateWords(_Strict):
    """The supplementary agenda of the items added after dispatch, and where a late item's
    reason for urgency is printed (:mod:`reportgen.supplement`)."""

    reason_on: list[ReasonPlace] = ["front_sheet"]
    """Where the reason for urgency is printed: ``front_sheet`` (the supplement's), ``report``
    (a paragraph before the late report's first section), both, or neither (``[]``)."""
    heading: str = "SUPPLEMENTARY AGENDA"
    """The heading of the supplement's front sheet, in place of the agenda's."""
    added: str = (
        "The following items were added to the agenda after it was published, to be considered "
        "as matters of urgency."
    )
    """The sentence under the heading, before the items."""
    reason: str = "Reason for urgency: {reason}"
    """The reason as printed, with ``{reason}``: under the item's title on the front sheet, and
    as the paragraph at the head of the report."""
    title: str = "Supplementary agenda: {committee}, {date}"
    """The supplement's front sheet's title (its document properties, its outline entry)."""
    pack: str = "{committee}, {date}: supplementary agenda"
    """The public supplementary pack's title, with ``{committee}`` and ``{date}``."""
    confidential: str = "{committee}, {date}: confidential supplementary agenda"
    """The confidential supplementary pack's title, with ``{committee}`` and ``{date}``."""

    _reason_known = _placeholders("late", "reason", {"reason"})
    _titles_known = _placeholders("late", ("title", "pack", "confidential"), {"committee", "date"})


class MeetingWords(_Strict):
    """Standard wording of agendas and minutes: meeting.yaml."""

    agenda: AgendaWords
    notes: dict[str, list[NoteEntry]]
    """The front sheet's notes, by name: each a text, or a :class:`Note` with optional parts."""
    minutes: MinutesWords
    pack: PackWords = PackWords()
    """The packs' titles; a meeting.yaml without ``pack`` keeps the standard ones."""
    appendix: AppendixWords = AppendixWords()
    """The appendix documents' wording; a meeting.yaml without ``appendix`` keeps the
    standard one."""
    late: LateWords = LateWords()
    """The supplementary agenda's wording and where the reason for urgency is printed; a
    meeting.yaml without ``late`` keeps the standard ones."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> MeetingWords:
        checks: list[tuple[str, str, set[str]]] = [
            ("agenda.when", self.agenda.when, {*DATE_FIELDS, "time"}),
            ("agenda.minutes", self.agenda.minutes, {"date"}),
            ("agenda.exempt", self.agenda.exempt, {"paragraph"}),
            ("agenda.pages", self.agenda.pages, {"first", "last"}),
            ("agenda.page", self.agenda.page, {"first"}),
            ("minutes.meeting", self.minutes.meeting, {"committee"}),
            ("minutes.date", self.minutes.date, {"date", "time"}),
            ("minutes.number", self.minutes.number, {"year", "n"}),
            ("minutes.resolved", self.minutes.resolved, {"number"}),
            ("minutes.closed", self.minutes.closed, {"time"}),
        ]
        for name, notes in self.notes.items():
            checks += [(f"notes.{name}", n, set(NOTE_FIELDS)) for n in notes if isinstance(n, str)]
        for where, pattern, allowed in checks:
            check_placeholders(where, pattern, allowed)
        return self


class Reviewer(_Strict):
    """A kind of reviewer: reviewers.yaml."""

    title: str
    """What their comments are called, e.g. 'Financial comments'."""
    heading: str
    """The heading of their comments, with ``{initials}`` and ``{date}``."""
    required: bool
    """Whether a report is cleared only once they have commented."""
    sheet: SheetKind | None = None
    """The review sheet ``reportgen review --reviewer KIND`` writes for them, if any."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> Reviewer:
        check_placeholders("heading", self.heading, {"initials", "date"})
        return self


class ReviewerStates(_Strict):
    """How ``reportgen check`` words where a report stands with a reviewer kind, with
    ``{kind}``; a wording that is empty leaves the kind out of the line."""

    missing: str = "{kind} missing"
    """A required kind that has not commented."""
    optional: str = "{kind} not required"
    """A kind that is not required and has not commented."""
    unsigned: str = "{kind} unsigned"
    """Commented, but the comment is not signed."""
    signed: str = "{kind} signed"
    """Signed for the report as it is."""
    stale: str = "{kind} stale"
    """Signed, but the report has changed since."""

    _kind_known = _placeholders(
        "states", ("missing", "optional", "unsigned", "signed", "stale"), {"kind"}
    )


class Reviewers(_Strict):
    """The reviewer kinds, in the order their comments are printed: reviewers.yaml."""

    reviewers: dict[str, Reviewer] = Field(min_length=1)
    states: ReviewerStates = ReviewerStates()
    """How ``check`` words each kind's state; a reviewers.yaml without it keeps these."""

    def unknown(self, kind: str, where: Location | None = None) -> Problem | None:
        """The problem (R306) that ``kind`` is no reviewer's: the one decision of it, for a
        comment in a report (``where`` it is) and a kind given on the command line (default)."""
        if kind in self.reviewers:
            return None
        return Problem(
            "R306",
            f"there is no reviewer kind {quote(kind)}",
            where or Location("(command line)"),
            f"use one of: {', '.join(self.reviewers)} (the kinds of reviewers.yaml)",
        )

    def sheet_for(self, name: str) -> Chosen | Problem:
        """Which review sheet ``name``, given on the command line or to ``api.review``, means:
        the one decision of it (the CLI, :func:`reportgen.api.review_sheet` and
        :func:`reportgen.api.review` all ask here).

        ``name`` is a reviewer kind with a ``sheet``, or a sheet's own name (``finance``,
        ``legal``: what ``review --finance`` and ``api.review_sheet(..., "finance")`` said
        before reviewers were named by their kind), which stands for the reviewer kind with
        that sheet. Otherwise the problem: R306 for a name that is neither, O522 for a reviewer
        kind without a sheet.
        """
        kinds = self.reviewers
        if name not in kinds and not isinstance(own := sheet_named(name), Problem):
            owner = next((k for k, r in kinds.items() if r.sheet == own), name)
            return Chosen(owner, own)
        unknown = self.unknown(name)
        if unknown is not None:
            return unknown
        chosen = kinds[name].sheet
        if chosen is None:
            with_sheet = [k for k, r in kinds.items() if r.sheet is not None]
            return no_sheet(f"for the {name} reviewer", with_sheet)
        return Chosen(name, chosen)


@dataclass(frozen=True, slots=True)
class Chosen:
    """The sheet a reviewer named on the command line gets."""

    reviewer: str
    """The reviewer kind (a key of reviewers.yaml), or the sheet's name when none has it."""
    sheet: SheetKind


def sheet_named(name: str) -> SheetKind | Problem:
    """The review sheet whose own name is ``name`` (one of :data:`SHEET_KINDS`), or the
    problem (O522) that there is none."""
    for kind in SHEET_KINDS:
        if kind == name:
            return kind
    return no_sheet(repr(name), SHEET_KINDS)


def no_sheet(which: str, others: Sequence[str]) -> Problem:
    """O522: there is no review sheet ``which``; ``others`` have one."""
    return Problem(
        "O522",
        f"there is no review sheet {which}",
        Location("(command line)"),
        f"use one of: {', '.join(others) or '(none)'}; or give the reviewer's entry in "
        f"reviewers.yaml a sheet: one of {', '.join(SHEET_KINDS)}",
    )


class Boilerplate(_Strict):
    """All standard wording, read from one boilerplate folder."""

    headings: Headings
    statutory: StatutoryWordings
    background_papers: BackgroundPapers
    references: References
    style: Style
    meeting: MeetingWords
    reviewers: Reviewers
    review_sheets: SheetWords
    """The review sheets' wording and layout (:mod:`reportgen.review`)."""
    numbering: Numbering
    """How paragraphs, sub-items and recommendations are numbered (numbering.yaml)."""
    sections: Sections
    """A report's sections, in order, each required, optional or absent
    (:mod:`reportgen.profile_sections`)."""
    header: HeaderWords
    """The header block's fields (:mod:`reportgen.profile_header`)."""
    look: Look
    """The font and colours of every output (:mod:`reportgen.profile_header`)."""
    pictures: PictureWords
    """How figures' captions, references and charts' alt text read
    (:mod:`reportgen.profile_pictures`)."""
    calendar: Calendar
    """Whose bank holidays apply and the periods counted in days
    (:mod:`reportgen.profile_calendar`, counted by :mod:`reportgen.days`)."""
    forward_plan: ForwardPlanWords
    """How the forward plan of key decisions reads (:mod:`reportgen.forward_plan`)."""
    site: SiteWords
    """The meetings website's wording (:mod:`reportgen.profile_site`)."""
    exempt: ExemptWords
    """How exempt information is marked in packs (:mod:`reportgen.profile_exempt`)."""
    decision_notice: DecisionNoticeWords
    """How decision notices and the printed register read (:mod:`reportgen.decision_notice`)."""
    templates: dict[str, Path] = {}
    """The writers' templates the folder holds, by name (of :data:`TEMPLATES`)."""
    logo: Logo | None = None
    """The logo look.yaml names, read."""

    def look_of(self, kind: DocumentKind) -> DocumentLook:
        """The look a document of ``kind`` is printed in: the profile's font, colours and
        templates, and its logo, which heads a report and an agenda's front sheet only."""
        logo = self.logo if kind in LOGO_KINDS else None
        return self.look.resolved(self.templates, logo)


_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "headings": ("headings.yaml", Headings),
    "statutory": ("statutory.yaml", StatutoryWordings),
    "background_papers": ("background-papers.yaml", BackgroundPapers),
    "references": ("references.yaml", References),
    "style": ("style.yaml", Style),
    "meeting": ("meeting.yaml", MeetingWords),
    "reviewers": ("reviewers.yaml", Reviewers),
    "review_sheets": ("review-sheets.yaml", SheetWords),
    "numbering": ("numbering.yaml", Numbering),
    "sections": ("sections.yaml", Sections),
    "header": ("header.yaml", HeaderWords),
    "look": ("look.yaml", Look),
    "pictures": ("pictures.yaml", PictureWords),
    "calendar": ("calendar.yaml", Calendar),
    "forward_plan": ("forward-plan.yaml", ForwardPlanWords),
    "site": ("site.yaml", SiteWords),
    "exempt": ("exempt.yaml", ExemptWords),
    "decision_notice": ("decision-notice.yaml", DecisionNoticeWords),
}


FALLBACK_FILES: frozenset[str] = frozenset(
    {
        "numbering",
        "sections",
        "header",
        "look",
        "pictures",
        "calendar",
        "forward_plan",
        "site",
        "exempt",
        "decision_notice",
    }
)
"""The keys of :data:`_FILES` that a folder may leave out, read then from the bundled profile
(:data:`DEFAULT_DIR`): the files added since boilerplate folders were first copied, so that an
older folder of the first eight files keeps building as before."""


_Stamp = tuple[tuple[int, int, int] | None, ...]
"""Each boilerplate file's (modification time in ns, size, inode), or None when it has none."""

_CACHE: dict[str, tuple[tuple[Path, ...], _Stamp, Boilerplate]] = {}
"""The boilerplate last read from each folder, with the files of every layer of its profile
and their stamp then."""
_CACHE_FOLDERS = 16
"""How many folders are kept; the one read longest ago goes first."""
_SETTLED_NS = 2_000_000_000
"""How long before a read a file must have been modified for its stamp to be trusted (2 s,
the coarsest time a common file system keeps)."""


def _stamp(files: Sequence[Path]) -> _Stamp:
    """What tells one of ``files`` has changed: each one's time, size and inode."""
    stamps: list[tuple[int, int, int] | None] = []
    for path in files:
        try:
            stat = os.stat(path)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
    return tuple(stamps)


def _files(layers: Sequence[Path]) -> tuple[Path, ...]:
    """Every file the profile of ``layers`` (child first) is read from, or would be if it were
    there: each layer's profile.yaml, boilerplate files and templates, and the bundled
    fallbacks."""
    names = [PROFILE_NAME, *(name for name, _ in _FILES.values()), *TEMPLATES]
    fallbacks = [DEFAULT_DIR / _FILES[key][0] for key in sorted(FALLBACK_FILES)]
    return (*(layer / name for layer in layers for name in names), *fallbacks)


def load_boilerplate(folder: Path = DEFAULT_DIR) -> Boilerplate:
    """Read every boilerplate file of the profile in ``folder``; raise one error listing all
    their problems.

    A folder that is not there or is a file is one problem (Y120, Y121); a file that is missing
    (T403), a folder, a pipe, too large or not UTF-8 (the loader's Y106, Y109 to Y111), or holds
    a mistake is a problem at its place, each with a fix. A folder with a profile.yaml is read
    with the profiles it extends (:mod:`reportgen.profile`). A folder read before whose files,
    in every layer, have the same modification time, size and inode as then gives the same
    (immutable) wording without reading it again; a folder with problems is read again every
    time.
    """
    for name in (PROFILE_NAME, *(n for n, _ in _FILES.values()), *TEMPLATES):
        note_file(folder / name)  # read or not, the build depends on them
    if folder.is_dir():
        key = str(folder.resolve())
        cached = _CACHE.get(key)
        if cached is not None and _stamp(cached[0]) == cached[1]:
            for file in cached[0]:
                note_file(file)
            return cached[2]
        files = _files(chain(folder))
        for file in files:
            note_file(file)
        stamp = _stamp(files)
        words = _read_boilerplate(folder)
        _CACHE.pop(key, None)
        settled = time.time_ns() - _SETTLED_NS
        if all(s is None or s[0] < settled for s in stamp):
            if len(_CACHE) >= _CACHE_FOLDERS:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[key] = (files, stamp, words)
        return words
    return _read_boilerplate(folder)


def _read_boilerplate(folder: Path) -> Boilerplate:
    """Read and validate every boilerplate file in ``folder``, as :func:`load_boilerplate`."""
    problems = Problems()
    if not folder.is_dir():
        exists = folder.exists()
        problems.add(
            "Y121" if exists else "Y120",
            "this is a file, not a boilerplate folder"
            if exists
            else "the boilerplate folder is not found",
            Location(str(folder)),
            f"give a council profile's folder: one whose profile.yaml extends nottinghamshire "
            f"(`reportgen init` starts one), or one that holds "
            f"{', '.join(name for name, _ in _FILES.values())}; or leave --profile out to use "
            "the one .reportgen.yaml names, or the standard wording",
        )
        problems.raise_if_any()
    layers = chain(folder)
    root = layers[-1]
    parts: dict[str, BaseModel] = {}
    extra: dict[str, object] = {}
    for key, (name, model_class) in _FILES.items():
        found = [layer / name for layer in layers[:-1] if (layer / name).exists()]
        path = root / name
        if not path.exists() and key in FALLBACK_FILES:
            path = DEFAULT_DIR / name
        elif not path.exists() and (DEFAULT_DIR / name).is_file():
            problems.add(
                "T403",
                f"the boilerplate folder has no {name}",
                Location(str(path)),
                f"copy {DEFAULT_DIR / name} into it and adjust it to your council",
            )
            continue
        try:
            loaded = merged([load_file(p) for p in [*found, path]])
            parts[key] = validate(loaded, model_class)
        except ReportError as exc:
            problems.extend(_with_fix(p, DEFAULT_DIR / name) for p in exc.problems)
            continue
        if isinstance(look := parts[key], Look):
            where = loaded.positions.locate(("logo",))
            logo = read_logo(Path(where.file).parent, look, where)  # beside who named it
            if isinstance(logo, Problem):
                problems.extend([logo])
            else:
                extra["logo"] = logo
    problems.raise_if_any()
    extra["templates"] = {  # each from the nearest layer that holds it
        name: next(layer / name for layer in layers if (layer / name).is_file())
        for name in TEMPLATES
        if any((layer / name).is_file() for layer in layers)
    }
    return Boilerplate.model_validate({**parts, **extra})


def _with_fix(problem: Problem, standard: Path) -> Problem:
    """``problem`` with a fix: its own, or where to see the value as the standard file has it."""
    if problem.hint:
        return problem
    return replace(
        problem,
        hint=f"compare it with the same value in the standard file, {standard}, whose comments "
        "say what each value may hold",
    )
