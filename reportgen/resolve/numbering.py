"""Decide every paragraph number and letter, in one ordered walk with one counter per sequence.

This is the one place a number is decided:

- ``paragraph``: one sequence 1..N through the whole report, the comments after the
  recommendations included; lettered sub-items a), b)… restart under each numbered paragraph;
- ``recommendation``: 1), 2)… on their own;
- ``letter``: lettered headings a), b)…, restarting under each higher heading;
- ``paper``: background papers a., b.… when the house style letters them;
- ``minute``: the minutes' items 1., 2.…, numbered headings;
- ``resolution``: the parts 1), 2)… of each resolution, restarting under each heading;
- ``note``: an agenda's notes (1), (2)…;
- ``bullet``: bullets, which count nothing but are still a Word list.

The walk also collects every label into one index, so references can be resolved afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportgen.document import LevelFormat, ListFormat, ListMark
from reportgen.errors import Location, Problems, quote
from reportgen.load import Positions
from reportgen.resolve.outline import Draft, Drafted

LIST_FORMATS: dict[str, ListFormat] = {
    "paragraph": ListFormat((LevelFormat("decimal", "{1}."), LevelFormat("lowerLetter", "{2})"))),
    "recommendation": ListFormat((LevelFormat("decimal", "{1})"),)),
    "letter": ListFormat((LevelFormat("lowerLetter", "{1})"),)),
    "paper": ListFormat((LevelFormat("lowerLetter", "{1}."),)),
    "minute": ListFormat((LevelFormat("decimal", "{1}."),)),
    "resolution": ListFormat((LevelFormat("decimal", "{1})"),)),
    "note": ListFormat((LevelFormat("decimal", "({1})"),)),
    "bullet": ListFormat(
        (LevelFormat("bullet", "•"), LevelFormat("bullet", "–"), LevelFormat("bullet", "▪"))
    ),
}
"""How each sequence is shown, level by level. Writers build their list definitions from this."""

TargetKind = Literal["paragraph", "recommendation", "appendix"]

_TARGET_KINDS: dict[str | None, TargetKind] = {
    "paragraph": "paragraph",
    "recommendation": "recommendation",
}
"""What a label names, by the sequence its block is numbered in."""


@dataclass(frozen=True, slots=True)
class Target:
    """Something a label names: its kind, its number, and the anchor of its block if it has one."""

    kind: TargetKind
    number: int
    anchor: str | None
    where: Location


@dataclass(frozen=True, slots=True)
class Numbered:
    """A draft with the list mark and anchor it was given."""

    draft: Drafted
    mark: ListMark | None = None
    anchor: str | None = None


def letter(n: int) -> str:
    """The n-th letter as Word's lowerLetter counts: a … z, then aa, bb …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


class _Counters:
    """The running counts of one walk."""

    def __init__(self) -> None:
        self.paragraph = 0
        self.item = 0
        self.recommendation = 0
        self.papers = 0
        self.minute = 0
        self.notes = 0
        self.resolution = 0
        self.resolutions = 0
        """Resolutions started: each one's parts are a list of their own."""
        self.letters: dict[int, int] = {}
        """Heading level -> letters used in its current group."""
        self.letter_groups: dict[int, int] = {}
        """Heading level -> the current group's number, so each group restarts in Word too."""
        self.groups_started = 0

    def heading(self, level: int, lettered: bool) -> ListMark | None:
        for deeper in [lv for lv in self.letters if lv > level or (lv == level and not lettered)]:
            del self.letters[deeper]
        if not lettered:
            return None
        if level not in self.letters:
            self.groups_started += 1
            self.letter_groups[level] = self.groups_started
            self.letters[level] = 0
        self.letters[level] += 1
        instance = f"letters-{self.letter_groups[level]}"
        return ListMark("letter", instance, 0, letter(self.letters[level]))

    def mark(self, draft: Draft) -> ListMark | None:
        if draft.role == "heading":
            self.resolution = 0
            if draft.counter == "minute":
                self.minute += 1
                return ListMark("minute", "minutes", 0, str(self.minute))
            return self.heading(draft.level, draft.counter == "letter")
        if draft.counter == "resolution":
            if self.resolution == 0:
                self.resolutions += 1
            self.resolution += 1
            instance = f"resolution-{self.resolutions}"
            return ListMark("resolution", instance, 0, str(self.resolution))
        if draft.counter == "paragraph" and draft.level == 0:
            self.paragraph += 1
            self.item = 0
            return ListMark("paragraph", "paragraphs", 0, str(self.paragraph))
        if draft.counter == "paragraph":
            self.item += 1
            return ListMark("paragraph", "paragraphs", 1, letter(self.item))
        if draft.counter == "recommendation":
            self.recommendation += 1
            return ListMark("recommendation", "recommendations", 0, str(self.recommendation))
        if draft.counter == "note":
            self.notes += 1
            return ListMark("note", "notes", 0, str(self.notes))
        if draft.counter == "paper":
            self.papers += 1
            return ListMark("paper", "papers", 0, letter(self.papers))
        if draft.counter == "bullet":
            return ListMark("bullet", "bullets", draft.level, "•")
        return None


def number(
    drafts: Sequence[Drafted],
    appendices: Sequence[tuple[str, int]],
    positions: Positions,
    problems: Problems,
) -> tuple[list[Numbered], dict[str, Target]]:
    """Number ``drafts`` in order and index every label, appendices' included.

    ``appendices`` gives each appendix label with the position of the appendix in the report's
    list. Duplicate labels, and labels on paragraphs that carry no number, are recorded in
    ``problems``.
    """
    counters = _Counters()
    index: dict[str, Target] = {}
    out: list[Numbered] = []

    def add(label: str, target: Target) -> None:
        if label in index:
            first = index[label].where
            problems.add(
                "R301",
                f"the label {quote(label)} is used twice (first at line {first.line}, "
                f"column {first.column})",
                target.where,
                "give each paragraph its own label",
            )
        else:
            index[label] = target

    for draft in drafts:
        if not isinstance(draft, Draft):
            out.append(Numbered(draft))
            continue
        mark = counters.mark(draft)
        if draft.label is None:
            out.append(Numbered(draft, mark))
            continue
        where = positions.locate((*draft.path[:-1], "label"))
        kind = _TARGET_KINDS.get(draft.counter) if mark is not None else None
        if kind is None or mark is None:
            problems.add(
                "R305",
                f"the label {quote(draft.label)} is on a paragraph without a number",
                where,
                "references point at numbered paragraphs: remove 'numbered: false' or the label",
            )
            out.append(Numbered(draft, mark))
            continue
        add(draft.label, Target(kind, int(mark.label), draft.label, where))
        out.append(Numbered(draft, mark, draft.label))

    for i, (label, n) in enumerate(appendices):
        add(label, Target("appendix", n, None, positions.locate(("appendices", i, "label"))))
    return out, index
