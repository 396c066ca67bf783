"""Decisions and call-in: each RESOLVED of a committee's minutes as a decision, with its call-in
deadline, and the register of decisions across meetings.

A decision is one resolution of a minute (:class:`reportgen.model_meeting.Resolution`). Its
number is the one the register of resolutions gives it (:mod:`reportgen.resolve.register`),
counted through every ``minutes.yaml`` beside its meeting's folder, never renumbered here. Its
call-in deadline is calendar.yaml's ``call_in_working_days`` working days after its
publication, counted by :func:`reportgen.days.add_working_days`; until that day has passed it
is open for call-in, then it may be implemented.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from reportgen.days import add_working_days
from reportgen.errors import Problems, ReportError
from reportgen.load import load_file
from reportgen.model_meeting import Minutes, Resolution
from reportgen.opendata import Data, published
from reportgen.profile_calendar import Calendar
from reportgen.reads import note_listing
from reportgen.resolve.register import MINUTES_FILE, Filed, first_number
from reportgen.validate import validate

Status = Literal["open", "implementable"]
"""Open for call-in until its deadline has passed, then implementable."""


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
    call_in_deadline: dt.date
    """The last day it can be called in."""
    status: Status
    """Open for call-in until its deadline has passed, then implementable."""
    minutes: str
    """The minutes file it comes from, as given."""


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


def _filed(minutes_path: Path) -> list[Filed]:
    """Every set of minutes beside ``minutes_path``'s meeting folder, read."""
    folder = minutes_path.resolve().parent.parent
    note_listing(folder, f"*/{MINUTES_FILE}")
    return [
        Filed(path.resolve(), validate(load_file(path), Minutes))
        for path in sorted(folder.glob(f"*/{MINUTES_FILE}"))
    ]


def decisions_of(
    minutes_path: Path,
    calendar: Calendar,
    *,
    published: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Decision]:
    """The decisions of the minutes at ``minutes_path``, numbered from the register of the
    committee's minutes; ``published`` defaults to the meeting's date, ``today`` (for the
    status) to the publication date."""
    minutes = validate(load_file(minutes_path), Minutes)
    filed = _filed(minutes_path)
    problems = Problems()
    number = first_number(minutes_path.resolve(), minutes, filed, problems)
    problems.raise_if_any()
    day = published or minutes.date
    deadline = add_working_days(day, calendar.call_in_working_days, calendar.bank_holidays)
    now = today or day
    status: Status = "open" if now <= deadline else "implementable"
    found: list[Decision] = []
    for index, minute in enumerate(minutes.items, start=1):
        for resolution in minute.resolved:
            found.append(
                Decision(
                    number=f"{minutes.date.year}/{number:03d}",
                    committee=minutes.committee,
                    meeting_date=minutes.date,
                    minute=index,
                    title=minute.title,
                    resolved=_words(resolution),
                    published_on=day,
                    call_in_deadline=deadline,
                    status=status,
                    minutes=str(minutes_path),
                )
            )
            number += 1
    return found


def decisions_register(
    folders: list[Path], calendar: Calendar, *, today: dt.date
) -> DecisionsRegister:
    """The register of every decision of the ``minutes.yaml`` files in ``folders`` (searched
    to any depth), newest meeting first."""
    problems: list[ReportError] = []
    found: list[Decision] = []
    for folder in folders:
        note_listing(folder, f"**/{MINUTES_FILE}")
        for path in sorted(folder.glob(f"**/{MINUTES_FILE}")):
            try:
                found.extend(decisions_of(path, calendar, today=today))
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
