"""The register of resolutions: RESOLVED numbers that run on through a committee's year.

The minutes of one committee share a register: every ``minutes.yaml`` in the meeting folders
beside this one's folder. Within a calendar year, resolutions are numbered 2022/001, 2022/002 …
in the order of the meetings' dates and then of the minutes; the number is decided here, from
the files, so two meetings can never issue the same number, and a late change to an earlier
meeting's minutes moves the later numbers with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, Problems, ReportError
from reportgen.load import load_file
from reportgen.model_meeting import Minutes
from reportgen.reads import note_listing
from reportgen.validate import validate

MINUTES_FILE = "minutes.yaml"
"""The name minutes files have in their meeting's folder."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One set of minutes in the register: its meeting date and how many resolutions it has."""

    date: dt.date
    path: Path
    resolutions: int


def entries(minutes_path: Path, minutes: Minutes, problems: Problems) -> list[Entry]:
    """The register ``minutes_path`` belongs to: the same committee's minutes of the same year,
    in date order. A second set of minutes for the same meeting date is a problem."""
    folder = minutes_path.resolve().parent.parent
    found: list[Entry] = []
    note_listing(folder, f"*/{MINUTES_FILE}")
    for path in sorted(folder.glob(f"*/{MINUTES_FILE}")):
        if path.resolve() == minutes_path.resolve():
            other = minutes
        else:
            try:
                other = validate(load_file(path), Minutes)
            except ReportError as exc:
                problems.extend(exc.problems)
                continue
        if other.committee != minutes.committee or other.date.year != minutes.date.year:
            continue
        count = sum(len(item.resolved) for item in other.items)
        found.append(Entry(other.date, path.resolve(), count))
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


def first_number(minutes_path: Path, minutes: Minutes, problems: Problems) -> int:
    """The register number of the first resolution in ``minutes``: one more than all the
    resolutions of earlier meetings that year."""
    before = 0
    for entry in entries(minutes_path, minutes, problems):
        if entry.path == minutes_path.resolve():
            break
        before += entry.resolutions
    return before + 1
