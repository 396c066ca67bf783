"""People, committees and memberships in Popolo's JSON format (popoloproject.com/specs).

Made from the resolved meetings: each committee an ``organization`` (classification
``committee``), each member a ``person``, and each seat a ``membership`` with the member's role
(Chairman, Vice-Chairman) where the meeting file or the minutes give one. Ids are slugs of
names (:func:`reportgen.opendata.slug`), made once, so the same councillor has the same id in
every meeting's file. A membership's ``start_date`` and ``end_date`` are left out: the meeting
files say who sat on the committee at each meeting, not when their membership began or ended.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ConfigDict

from reportgen.opendata import Data, MeetingData, published, slug

POPOLO = "popolo"
"""The name of the schema of reportgen's Popolo file (reportgen/schemas/popolo.schema.json)."""


class Person(Data):
    """A Popolo person."""

    id: str
    name: str


class Organization(Data):
    """A Popolo organization: a committee."""

    id: str
    name: str
    classification: str = "committee"


class Membership(Data):
    """A Popolo membership: a person's seat on a committee."""

    id: str
    person_id: str
    organization_id: str
    role: str | None = None


class Popolo(Data):
    """The people, committees and memberships of a set of meetings."""

    schema_: str = published(POPOLO)
    persons: list[Person]
    organizations: list[Organization]
    memberships: list[Membership]

    model_config = Data.model_config | ConfigDict(populate_by_name=True, title="Popolo data")


def popolo(meetings: Iterable[MeetingData]) -> Popolo:
    """The Popolo data of ``meetings``: their committees' membership and the members their
    minutes record (their own, and those they confirm), each person and membership once,
    sorted by id."""
    persons: dict[str, Person] = {}
    organizations: dict[str, Organization] = {}
    memberships: dict[str, Membership] = {}
    for meeting in sorted(meetings, key=lambda m: m.date):
        org = meeting.committee_id
        organizations.setdefault(org, Organization(id=org, name=meeting.committee))
        members = list(meeting.membership)
        minutes = [meeting.minutes, *(item.confirms for item in meeting.items)]
        for attendance in (m.attendance for m in minutes if m is not None):
            members += [*attendance.present, *attendance.absent]
        for member in members:
            person = slug(member.name)
            persons.setdefault(person, Person(id=person, name=member.name))
            key = f"{org}/{person}"
            known = memberships.get(key)
            if known is None or (member.role and not known.role):
                memberships[key] = Membership(
                    id=key, person_id=person, organization_id=org, role=member.role
                )
    return Popolo(
        persons=sorted(persons.values(), key=lambda p: p.id),
        organizations=sorted(organizations.values(), key=lambda o: o.id),
        memberships=sorted(memberships.values(), key=lambda m: m.id),
    )
