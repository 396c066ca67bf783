"""The register of resolutions: RESOLVED numbers that run on through a committee's year.

The minutes of one committee share a register: every ``minutes.yaml`` in the meeting folders
beside this one's folder. Within a calendar year, resolutions are numbered 2022/001, 2022/002 …
in the order of the meetings' dates and then of the minutes; the number is decided here, from
the files the meeting's load stage read (:func:`reportgen.meeting.register_files`), so two
meetings can never issue the same number, and a late change to an earlier meeting's minutes
moves the later numbers with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.model_meeting import Minutes

MINUTES_FILE = "minutes.yaml"
"""The name minutes files have in their meeting's folder."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One set of minutes in the register: its meeting date and how many resolutions it has."""

    date: dt.date
    path: Path
    resolutions: int


@dataclass(frozen=True, slots=True)
class Filed:
    """One set of minutes of the register's folder, as the meeting's load stage read it."""

    path: Path
    """Its file, resolved."""
    minutes: Minutes


def entries(
    minutes_path: Path, minutes: Minutes, filed: list[Filed], problems: Problems
) -> list[Entry]:
    """The register ``minutes_path`` (resolved) belongs to: of ``filed``, every set of minutes
    beside it, the same committee's minutes of the same year, in date order. A second set of
    minutes for the same meeting date is a problem."""
    found: list[Entry] = []
    for each in filed:
        path, other = each.path, each.minutes
        if other.committee != minutes.committee or other.date.year != minutes.date.year:
            continue
        count = sum(len(item.resolved) for item in other.items)
        found.append(Entry(other.date, path, count))
    found.sort(key=lambda e: (e.date, str(e.path)))
    for a, b in itertools.pairwise(found):
        if a.date == b.date:
            problems.add(
                "M705",
                f"two sets of minutes of {minutes.committee} record the meeting of {a.date}",
                Location(str(b.path)),
                f"keep one of them; the other is {a.path}",
            )
    return found


def first_number(
    minutes_path: Path, minutes: Minutes, filed: list[Filed], problems: Problems
) -> int:
    """The register number of the first resolution in ``minutes`` (at ``minutes_path``,
    resolved): one more than all the resolutions of earlier meetings that year in ``filed``."""
    before = 0
    for entry in entries(minutes_path, minutes, filed, problems):
        if entry.path == minutes_path:
            break
        before += entry.resolutions
    return before + 1
