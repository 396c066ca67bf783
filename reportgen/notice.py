"""An agenda's notice: the clear working days from its dispatch to the meeting, and late items.

The meeting file's ``dispatch:`` is when the agenda is sent; the Local Government Act 1972,
s.100B(3) asks for calendar.yaml's ``notice_clear_days`` (five) clear working days before the
meeting, counted by :mod:`reportgen.days`. Short notice is a warning (M722) saying the latest
dispatch that would have been enough. An item added after dispatch (``late: {added: …}``) is
taken as a matter of urgency (s.100B(4)(b)); one added before or on dispatch day is not late
(M723). ``reportgen check`` reports these; a pack builds without them. An item marked late
in a meeting file without ``dispatch:`` is a problem wherever the meeting is read (M724): late
means after dispatch, and the items added after it make the supplementary agenda
(:mod:`reportgen.supplement`), listed by :func:`late_items`.
"""

from __future__ import annotations

from reportgen.days import clear_days, latest_with_clear_days
from reportgen.errors import Problem
from reportgen.load import Positions
from reportgen.model_meeting import Meeting, PlainItem, ReportItem
from reportgen.profile_calendar import Calendar


def notice_problems(meeting: Meeting, positions: Positions, calendar: Calendar) -> list[Problem]:
    """The meeting's problems of notice: short notice (M722), an item marked late though added
    before dispatch (M723)."""
    found: list[Problem] = []
    dispatch = meeting.dispatch
    if dispatch is None:
        return found
    region = calendar.bank_holidays
    need = calendar.notice_clear_days
    have = clear_days(dispatch, meeting.date, region)
    if have < need:
        latest = latest_with_clear_days(meeting.date, need, region)
        found.append(
            Problem(
                "M722",
                f"the agenda sent on {dispatch.isoformat()} gives {have} clear working days' "
                f"notice of the meeting on {meeting.date.isoformat()}; {need} are needed",
                positions.locate(("dispatch",)),
                f"send the agenda by {latest.isoformat()}, or move the meeting",
                "warning",
            )
        )
    for i, item in enumerate(meeting.items):
        late = item.late if isinstance(item, ReportItem | PlainItem) else None
        if late is not None and late.added <= dispatch:
            found.append(
                Problem(
                    "M723",
                    f"this item is marked late, but was added on "
                    f"{late.added.isoformat()}, not after the agenda's dispatch on "
                    f"{dispatch.isoformat()}",
                    positions.locate(("items", i, "late", "added")),
                    "remove late: (the item is on the agenda as sent), or correct added:",
                )
            )
    return found


def late_items(meeting: Meeting) -> list[int]:
    """The places in ``meeting.items`` of the items added after the agenda's dispatch: the
    supplementary agenda's (an item marked late but added by dispatch is on the agenda as sent,
    M723; without ``dispatch:`` none is, M724)."""
    dispatch = meeting.dispatch
    return [
        i
        for i, item in enumerate(meeting.items)
        if isinstance(item, ReportItem | PlainItem)
        and item.late is not None
        and dispatch is not None
        and item.late.added > dispatch
    ]


def undated_late_items(meeting: Meeting, positions: Positions) -> list[Problem]:
    """An item marked late in a meeting file without ``dispatch:`` (M724), at its ``late:``:
    after what it was added cannot be told, so neither can the agenda as sent."""
    if meeting.dispatch is not None:
        return []
    return [
        Problem(
            "M724",
            f"this item is marked late (added on {item.late.added.isoformat()}), but the "
            "meeting file does not say when the agenda was sent",
            positions.locate(("items", i, "late"), key=True),
            "add dispatch: with the date the agenda was sent (YYYY-MM-DD), or remove late:",
        )
        for i, item in enumerate(meeting.items)
        if isinstance(item, ReportItem | PlainItem) and item.late is not None
    ]
