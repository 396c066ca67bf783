"""Agenda item numbers: the one place a meeting's items are numbered.

Items are numbered by their place in the meeting file's ``items:``, from ``first_item`` (1 by
default; a council that numbers items through the municipal year starts at, say, 37), or as
each item's own ``number:`` says (``item_numbers: given``), each greater than the one before.
Which of the two is the meeting file's ``item_numbers``; a meeting file that gives only
``first_item`` numbers by place; else the profile's (meeting.yaml's ``agenda.item_numbers``).
A report's own ``agenda_item`` is checked against the number decided here (M701), never the
other way round.
"""

from __future__ import annotations

from reportgen.errors import Problems
from reportgen.load import Positions
from reportgen.model_meeting import ItemNumbers, Meeting


def item_numbers(
    meeting: Meeting, default: ItemNumbers, positions: Positions, problems: Problems
) -> list[int]:
    """The number of each of ``meeting``'s items, in order; ``default`` is the profile's
    scheme. A number missing (M719), not greater than the one before (M720) or given where
    the scheme does not use it (M721) is a problem at its line, and the item is then numbered
    one after the one before, so that every item still has a number of its own."""
    scheme = meeting.item_numbers or ("place" if meeting.first_item is not None else default)
    if scheme == "given" and meeting.first_item is not None:
        problems.add(
            "M721",
            "first_item is for items numbered by place, but this meeting's items are numbered "
            "as given",
            positions.locate(("first_item",), key=True),
            "remove first_item, or write item_numbers: place and remove each item's number",
        )
    numbers: list[int] = []
    last: int | None = None
    """The last number given that stands."""
    for i, item in enumerate(meeting.items):
        if scheme == "place":
            numbers.append((meeting.first_item or 1) + i)
            if item.number is not None:
                problems.add(
                    "M721",
                    f"this item says it is number {item.number}, but the meeting's items are "
                    "numbered by place",
                    positions.locate(("items", i, "number"), key=True),
                    "remove number:, and give the first item's number as first_item; or write "
                    "item_numbers: given to number every item as given",
                )
            continue
        spare = max(numbers, default=0) + 1
        next_one = last + 1 if last is not None else spare
        if item.number is None:
            problems.add(
                "M719",
                "this item has no number, and the meeting's items are numbered as given",
                positions.locate(("items", i)),
                f"add number: with the item's number (e.g. number: {next_one})",
            )
            numbers.append(spare)
        elif last is not None and item.number <= last:
            same = "the same as" if item.number == last else "less than"
            problems.add(
                "M720",
                f"item number {item.number} is {same} the number before it ({last})",
                positions.locate(("items", i, "number")),
                f"number the items in order, each once: e.g. number: {next_one}",
            )
            numbers.append(spare)
        else:
            numbers.append(item.number)
            last = item.number
    return numbers
