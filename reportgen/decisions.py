"""Decisions and call-in: each RESOLVED of a committee's minutes as a decision, with its call-in
deadline, and the register of decisions across meetings.

A decision is one resolution of a minute (:class:`reportgen.model_meeting.Resolution`). Its
number is the one the register of resolutions gives it (:mod:`reportgen.resolve.register`),
counted through every ``minutes.yaml`` beside its meeting's folder, never renumbered here. Its
call-in deadline is calendar.yaml's ``call_in_working_days`` working days after its
publication, counted by :func:`reportgen.days.add_working_days`; until that day has passed it
is open for call-in, then it may be implemented. A resolution taken as a matter of urgency
(``call_in: {exempt: true, reason: …}``) has no call-in period.

A minute may name the report it decided on (``report:``, relative to the minutes file): its
decisions then take their reasons and the options rejected from that report's ``reasons`` and
``other_options`` sections, unless the minute states its own (``reasons:``,
``options_rejected:``). The load stage (:func:`load_minutes`) reads the minutes, the register's
other minutes and each report named; :func:`resolve_decisions` reads nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reportgen.days import add_working_days
from reportgen.document import Para, plain_text
from reportgen.errors import Problems, ReportError
from reportgen.kinds import recognise
from reportgen.load import Positions, load_file
from reportgen.model import Contact
from reportgen.model_meeting import Minute, Minutes, Resolution
from reportgen.opendata import Data, published
from reportgen.profile_calendar import Calendar
from reportgen.reads import note_listing
from reportgen.resolve.register import MINUTES_FILE, Filed, first_number
from reportgen.validate import validate

if TYPE_CHECKING:
    from reportgen.boilerplate import Boilerplate
    from reportgen.pipeline import LoadedReport

Status = Literal["open", "implementable", "urgent"]
"""Open for call-in until its deadline has passed, then implementable; ``urgent`` when taken as
a matter of urgency, with no call-in period (implementable at once)."""

REASONS_SECTION = "reasons"
"""The report's section the reasons for a decision come from."""
OPTIONS_SECTION = "other_options"
"""The report's section the options rejected come from."""


class DeclaredInterest(Data):
    """A member's declaration of interest in the item decided."""

    member: str
    interest: str


class NoticeContact(Data):
    """Whom to ask about a decision."""

    name: str
    role: str | None = None
    team: str | None = None
    phone: str | None = None
    email: str | None = None


class Decision(Data):
    """One decision: a resolution of a committee's minutes."""

    number: str
    """Its RESOLVED number from the register of resolutions, e.g. ``2022/001``."""
    committee: str
    """The committee that made it."""
    meeting_date: dt.date
    """The meeting's date."""
    minute: int
    """The minute's number in its minutes, 1, 2, …"""
    title: str
    """The minute's title."""
    resolved: list[str]
    """The resolution's words: its introduction, then each numbered part."""
    published_on: dt.date
    """When the decision was published."""
    call_in_deadline: dt.date | None
    """The last day it can be called in; none when taken as a matter of urgency."""
    status: Status
    """Open for call-in until its deadline has passed, then implementable; ``urgent`` when it
    has no call-in period."""
    minutes: str
    """The minutes file it comes from, as given."""
    report: str | None = None
    """The report decided on, as the minute names it (relative to the minutes file)."""
    reasons: list[str]
    """The reasons for the decision: the minute's own, else its report's ``reasons``."""
    options_rejected: list[str]
    """The other options considered and rejected: the minute's own, else its report's
    ``other_options``."""
    declarations: list[DeclaredInterest]
    """Members' declarations of interest in the item."""
    call_in_exempt: str | None = None
    """Why it is not subject to call-in, when taken as a matter of urgency."""
    contact: NoticeContact | None = None
    """Whom to ask about it: the minutes' contact, else its report's first contact."""


class DecisionsRegister(Data):
    """Every decision of the minutes found in one or more folders, newest first."""

    schema_: str = published("decisions")
    today: dt.date
    """The day the statuses are given for."""
    decisions: list[Decision]
    """The decisions, newest meeting first, then by number."""


def _words(resolution: Resolution) -> list[str]:
    words = [resolution.intro] if resolution.intro else []
    for item in resolution.items:
        words.append(item if isinstance(item, str) else item.text)
    return words


def _filed(minutes_path: Path, minutes: Minutes) -> list[Filed]:
    """Every set of minutes beside ``minutes_path``'s meeting folder, read (those at
    ``minutes_path`` are ``minutes``)."""
    folder = minutes_path.resolve().parent.parent
    note_listing(folder, f"*/{MINUTES_FILE}")
    return [
        Filed(path.resolve(), minutes)
        if path.resolve() == minutes_path.resolve()
        else Filed(path.resolve(), validate(load_file(path), Minutes))
        for path in sorted(folder.glob(f"*/{MINUTES_FILE}"))
    ]


@dataclass(frozen=True, slots=True)
class LoadedMinutes:
    """What the load stage hands to :func:`resolve_decisions`: a set of minutes, the register's
    other minutes beside it, and each report a minute names, read."""

    path: Path
    """The minutes file, as given."""
    minutes: Minutes
    positions: Positions
    filed: list[Filed]
    """Every set of minutes of the register's folder."""
    reports: dict[int, LoadedReport]
    """The report each minute names, by the minute's place in ``minutes.items`` (from 0)."""


def load_minutes(minutes_path: Path, boilerplate: Boilerplate) -> LoadedMinutes:
    """Read the minutes at ``minutes_path``, the register's other minutes and every report a
    minute names; raises one error with every problem, each placed: a report that is not there
    (M750) or is not a report (M751) at the minute's ``report:``, a report's own problems at
    their lines."""
    from reportgen.pipeline import load_report

    loaded = load_file(minutes_path)
    minutes = validate(loaded, Minutes)
    problems = Problems()
    filed: list[Filed] = []
    try:
        filed = _filed(minutes_path, minutes)
    except ReportError as exc:
        problems.extend(exc.problems)
    reports: dict[int, LoadedReport] = {}
    for i, minute in enumerate(minutes.items):
        if minute.report is None:
            continue
        where = loaded.positions.locate(("items", i, "report"))
        path = minutes_path.parent / minute.report
        if not path.is_file():
            problems.add(
                "M750",
                f"the minute's report {minute.report} is not there",
                where,
                "give the report's file relative to the minutes file, e.g. "
                "../2022-03-14/05-staffing-establishment.yaml, or leave report: out",
            )
            continue
        try:
            kind = recognise(load_file(path).data)
            if kind != "report":
                problems.add(
                    "M751",
                    f"{minute.report} is a {kind} file, not a report",
                    where,
                    "name the report the committee decided on, not its meeting, minutes or "
                    "appendix",
                )
                continue
            reports[i] = load_report(path, boilerplate)
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return LoadedMinutes(minutes_path, minutes, loaded.positions, filed, reports)


def _section_text(blocks: list[Para], section: str) -> list[str]:
    return [
        plain_text(block.content)
        for block in blocks
        if block.where is not None and block.where.path[:1] == (section,)
    ]


def _contact(contact: Contact) -> NoticeContact:
    return NoticeContact(
        name=contact.name,
        role=contact.role,
        team=contact.team,
        phone=contact.phone,
        email=contact.email,
    )


def _minute_parts(
    minute: Minute, report: LoadedReport | None, boilerplate: Boilerplate
) -> tuple[list[str], list[str], Contact | None]:
    """A minute's reasons and options rejected (its own, else its report's) and its report's
    first contact."""
    reasons, options, contact = minute.reasons, minute.options_rejected, None
    if report is not None:
        contact = report.report.contacts[0] if report.report.contacts else None
        if reasons is None or options is None:
            paras = [b for b in report.resolve(boilerplate).blocks if isinstance(b, Para)]
            reasons = reasons if reasons is not None else _section_text(paras, REASONS_SECTION)
            options = options if options is not None else _section_text(paras, OPTIONS_SECTION)
    return list(reasons or []), list(options or []), contact


def resolve_decisions(
    loaded: LoadedMinutes,
    boilerplate: Boilerplate,
    *,
    published: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Decision]:
    """The decisions of ``loaded`` minutes, numbered from the register of the committee's
    minutes; ``published`` defaults to the meeting's date, ``today`` (for the status) to the
    publication date. Reads nothing."""
    minutes = loaded.minutes
    calendar = boilerplate.calendar
    problems = Problems()
    number = first_number(loaded.path.resolve(), minutes, loaded.filed, problems)
    problems.raise_if_any()
    day = published or minutes.date
    deadline = add_working_days(day, calendar.call_in_working_days, calendar.bank_holidays)
    now = today or day
    status: Status = "open" if now <= deadline else "implementable"
    found: list[Decision] = []
    for index, minute in enumerate(minutes.items, start=1):
        if not minute.resolved:
            continue
        report = loaded.reports.get(index - 1)
        reasons, options, contact = _minute_parts(minute, report, boilerplate)
        contact = minutes.contact or contact
        for resolution in minute.resolved:
            urgent = (
                resolution.call_in if resolution.call_in and resolution.call_in.exempt else None
            )
            found.append(
                Decision(
                    number=f"{minutes.date.year}/{number:03d}",
                    committee=minutes.committee,
                    meeting_date=minutes.date,
                    minute=index,
                    title=minute.title,
                    resolved=_words(resolution),
                    published_on=day,
                    call_in_deadline=None if urgent else deadline,
                    status="urgent" if urgent else status,
                    minutes=str(loaded.path),
                    report=minute.report,
                    reasons=reasons,
                    options_rejected=options,
                    declarations=[
                        DeclaredInterest(member=d.member, interest=d.interest)
                        for d in minute.declarations
                    ],
                    call_in_exempt=urgent.reason if urgent else None,
                    contact=_contact(contact) if contact else None,
                )
            )
            number += 1
    return found


def decisions_of(
    minutes_path: Path,
    calendar: Calendar,
    *,
    published: dt.date | None = None,
    today: dt.date | None = None,
    boilerplate: Boilerplate | None = None,
) -> list[Decision]:
    """The decisions of the minutes at ``minutes_path``, numbered from the register of the
    committee's minutes; ``published`` defaults to the meeting's date, ``today`` (for the
    status) to the publication date. The reports the minutes name are read with
    ``boilerplate`` (default: the profile that applies to the minutes), the call-in period
    counted by ``calendar``."""
    if boilerplate is None:
        from reportgen.boilerplate import load_boilerplate
        from reportgen.profile import profile_for

        boilerplate = load_boilerplate(profile_for([minutes_path]))
    if boilerplate.calendar is not calendar:
        boilerplate = boilerplate.model_copy(update={"calendar": calendar})
    loaded = load_minutes(minutes_path, boilerplate)
    return resolve_decisions(loaded, boilerplate, published=published, today=today)


def decisions_register(
    folders: list[Path],
    calendar: Calendar,
    *,
    today: dt.date,
    boilerplate: Boilerplate | None = None,
) -> DecisionsRegister:
    """The register of every decision of the ``minutes.yaml`` files in ``folders`` (searched
    to any depth), newest meeting first."""
    problems: list[ReportError] = []
    found: list[Decision] = []
    for folder in folders:
        note_listing(folder, f"**/{MINUTES_FILE}")
        for path in sorted(folder.glob(f"**/{MINUTES_FILE}")):
            try:
                found.extend(decisions_of(path, calendar, today=today, boilerplate=boilerplate))
            except ReportError as exc:
                problems.append(exc)
    if problems:
        raise ReportError(tuple(p for exc in problems for p in exc.problems))
    found.sort(key=lambda d: (d.meeting_date, d.number), reverse=True)
    return DecisionsRegister(today=today, decisions=found)


def reproducible_today() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (UTC) when it is set, for reproducible
    output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
