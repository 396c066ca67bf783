"""The forward plan of key decisions: which decisions a period's meetings take, and whether each
has been on the plan long enough.

:func:`entries` lists a meeting's key decisions, from its report items whose reports carry
``key_decision:`` and from its own ``forward_plan:`` entries (decisions whose reports are not yet
written); :func:`plan` lays them out as a :class:`~reportgen.document.Document` of kind
``forward-plan`` that every writer prints, in the profile's wording (forward-plan.yaml) and
house style. Both read nothing: :func:`reportgen.api.forward_plan` loads the meetings and
reports. :func:`notice_problems` is ``reportgen check``'s rule: a key decision on the plan for
fewer than the profile's clear days (calendar.yaml, 28 by the 2012 Regulations, counted by
:mod:`reportgen.days`) without an exception is a warning (C820); first published after its
meeting, an error (C821).

Only an exempt paragraph's number is ever printed, never an exempt report's own title: an
exempt item is listed under the title the meeting file gives it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportgen.boilerplate import Boilerplate
from reportgen.days import clear_days, latest_with_clear_days
from reportgen.document import Cell, Document, Heading, Inline, LineBreak, Meta, Para, Row, Table
from reportgen.document import Text as Plain
from reportgen.errors import Problem
from reportgen.load import Positions
from reportgen.model import Contact, Report
from reportgen.model_key_decision import ExceptionKind
from reportgen.model_meeting import Meeting, ReportItem
from reportgen.profile_calendar import Calendar
from reportgen.resolve.style import HouseRules


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One key decision as the plan lists it."""

    matter: str
    """What is to be decided: the report's title, or the title the meeting file gives it."""
    decision_maker: str
    decision_date: dt.date
    """The date of the meeting that takes it."""
    first_published: dt.date
    reference: str | None
    exempt: int | None
    """The paragraph of Schedule 12A when any part of its report is exempt."""
    contact: Contact | None
    exception: ExceptionKind | None = None
    """Taken under the general exception or special urgency."""


def entries(meeting: Meeting, reports: Mapping[int, Report]) -> list[PlanEntry]:
    """The key decisions of ``meeting``: each report item whose report (in ``reports``, by the
    item's place in ``meeting.items``) is a key decision, then its ``forward_plan:`` entries."""
    out: list[PlanEntry] = []
    for i, item in enumerate(meeting.items):
        report = reports.get(i)
        if not isinstance(item, ReportItem) or report is None or report.key_decision is None:
            continue
        decision = report.key_decision
        parts = [item.exempt, *(appendix.exempt for appendix in item.appendices)]
        paragraphs = sorted({part.paragraph for part in parts if part is not None})
        # an exempt item's own title is not published: the meeting file's title stands instead
        matter = item.title or report.title
        out.append(
            PlanEntry(
                matter,
                decision.decision_maker,
                meeting.date,
                decision.first_published,
                decision.reference,
                paragraphs[0] if paragraphs else None,
                report.contacts[0] if report.contacts else None,
                decision.exception.kind if decision.exception else None,
            )
        )
    for planned in meeting.forward_plan:
        out.append(
            PlanEntry(
                planned.title,
                planned.decision_maker,
                meeting.date,
                planned.first_published,
                planned.reference,
                planned.exempt.paragraph if planned.exempt else None,
                planned.contact,
            )
        )
    return out


def plan(
    found: Sequence[PlanEntry], start: dt.date, end: dt.date, boilerplate: Boilerplate
) -> Document:
    """The forward plan of the key decisions ``found`` taken from ``start`` to ``end`` (both
    included), in date order, as a landscape document in the profile's wording."""
    words = boilerplate.forward_plan
    rules = HouseRules(boilerplate.style)
    council = boilerplate.style.council
    title = words.title.format(council=council)
    period = words.period.format(start=rules.date(start), end=rules.date(end))
    blocks: list[Heading | Para | Table] = [
        Heading(1, (Plain(title),)),
        Para("body", (Plain(period),)),
        *(Para("body", (Plain(p.format(council=council)),)) for p in words.intro),
    ]
    shown = sorted(
        (e for e in found if start <= e.decision_date <= end),
        key=lambda e: (e.decision_date, e.decision_maker, e.matter),
    )
    if not shown:
        blocks.append(Para("body", (Plain(words.empty),)))
    else:
        c = words.columns
        headings = (
            c.matter,
            c.decision_maker,
            c.decision_date,
            c.first_published,
            c.reference,
            c.exempt,
            c.contact,
        )
        rows = [Row("header", tuple(Cell((Plain(h),)) for h in headings))]
        for entry in shown:
            published: list[Inline] = [Plain(rules.date(entry.first_published))]
            if entry.exception is not None:
                named = words.exceptions[entry.exception]
                published += [LineBreak(), Plain(words.exception.format(exception=named))]
            exempt = (
                words.exempt.format(paragraph=entry.exempt)
                if entry.exempt is not None
                else words.not_exempt
            )
            cells: list[tuple[Inline, ...]] = [
                (Plain(entry.matter),),
                (Plain(entry.decision_maker),),
                (Plain(rules.date(entry.decision_date)),),
                tuple(published),
                (Plain(entry.reference or words.none),),
                (Plain(exempt),),
                _contact(entry.contact, words.none),
            ]
            rows.append(Row("body", tuple(Cell(content) for content in cells)))
        blocks.append(Table(tuple(rows), (), words.table_title))
    meta = Meta(
        title=title,
        committee="",  # the council is the header's own line
        date=start,
        date_text=period,
        agenda_item="",
        report_of="",
        reference=None,
        council=council,
        kind="forward-plan",
        landscape=True,
        look=boilerplate.look_of("forward-plan"),
    )
    return Document(meta, tuple(blocks), {})


def _contact(contact: Contact | None, none: str) -> tuple[Inline, ...]:
    """The contact officer's name, role, telephone and email, one a line."""
    if contact is None:
        return (Plain(none),)
    out: list[Inline] = []
    for part in (contact.name, contact.role, contact.phone, contact.email):
        if part:
            if out:
                out.append(LineBreak())
            out.append(Plain(part))
    return tuple(out)


def notice_problems(report: Report, calendar: Calendar, positions: Positions) -> list[Problem]:
    """``reportgen check``'s rule for a key decision: first published after its meeting is an
    error (C821); on the plan for fewer clear days than calendar.yaml's
    ``key_decision_notice_days`` before the meeting, a warning (C820), unless it is taken
    under an exception with its reason. Nothing when the profile takes no key decisions."""
    decision = report.key_decision
    if decision is None or not calendar.key_decisions:
        return []
    where = positions.locate(("key_decision", "first_published"))
    if decision.first_published > report.date:
        return [
            Problem(
                "C821",
                f"the key decision was first published on {decision.first_published}, after "
                f"the meeting on {report.date}",
                where,
                "check the date: a key decision is on the forward plan before the meeting "
                "that takes it",
            )
        ]
    needed = calendar.key_decision_notice_days
    days = clear_days(decision.first_published, report.date)
    if days >= needed or decision.exception is not None:
        return []
    return [
        Problem(
            "C820",
            f"the key decision has been on the forward plan for {days} clear days before the "
            f"meeting on {report.date}; it needs {needed}",
            where,
            f"publish it on the forward plan by "
            f"{latest_with_clear_days(report.date, needed)}, move it to a later meeting, or "
            "give key_decision: exception: (general-exception or special-urgency) with its "
            "reason",
        )
    ]


def planned_problems(meeting: Meeting, positions: Positions) -> list[Problem]:
    """A meeting's ``forward_plan:`` entries first published after the meeting (C821)."""
    return [
        Problem(
            "C821",
            f"the key decision was first published on {planned.first_published}, after the "
            f"meeting on {meeting.date}",
            positions.locate(("forward_plan", i, "first_published")),
            "check the date: a key decision is on the forward plan before the meeting that "
            "takes it",
        )
        for i, planned in enumerate(meeting.forward_plan)
        if planned.first_published > meeting.date
    ]
