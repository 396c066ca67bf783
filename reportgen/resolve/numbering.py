"""Decide every paragraph number and letter, in one ordered walk with one counter per sequence.

This is the one place a number is decided, under the profile's numbering scheme
(:class:`~reportgen.profile_numbering.Numbering`, its numbering.yaml):

- ``paragraph``: numbered paragraphs. Running (Nottinghamshire), one sequence 1..N through
  the whole report, the comments after the recommendations included, sub-items a), b)… at
  level 1 restarting under each numbered paragraph. By section, the numbered sections'
  headings are level 0 (1., 2.…), their paragraphs level 1 (1.1, 1.2… restarting under each
  heading; paragraphs under an implications sub-heading or in the comments continue the
  section they follow) and sub-items level 2;
- ``recommendation``: 1), 2)… on their own, in the scheme's form, their lettered parts at level
  1 when it letters them; or, numbered as paragraphs, in the ``paragraph`` sequence;
- ``letter``: lettered headings a), b)…, restarting under each higher heading;
- ``paper``: background papers a., b.… when the house style letters them;
- ``minute``: the minutes' items 1., 2.…, numbered headings;
- ``resolution``: the parts 1), 2)… of each resolution, restarting under each heading;
- ``note``: an agenda's notes (1), (2)…;
- ``bullet``: bullets, which count nothing but are still a Word list;
- ``list FORM`` (``list 1)``, ``list i.``): a paragraph's items numbered as a list of their own
  in the form the paragraph gives (``items_form``), each paragraph's list counting afresh.
- ``figure``: pictures and charts with a caption or a label, Figure 1, 2… through the document
  (not a Word list: the number is printed in the caption's words).
- ``cell-number``: the numbered items 1., 2.… of a table cell, restarting in each cell
  (:mod:`reportgen.resolve.cells` counts them).

Appendices are numbered here too: 1, 2… or, lettered, A, B… (:func:`appendix_number`).

The walk also collects every label into one index, so references can be resolved afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reportgen.document import LevelFormat, ListFormat, ListMark, NumberFormat, ParaRole
from reportgen.errors import Location, Problems, quote
from reportgen.load import Positions
from reportgen.profile_numbering import Form, Numbering, form_parts
from reportgen.resolve.outline import Draft, Drafted, DraftFigure

_FIXED_FORMATS: dict[str, ListFormat] = {
    "letter": ListFormat((LevelFormat("lowerLetter", "{1})"),)),
    "paper": ListFormat((LevelFormat("lowerLetter", "{1}."),)),
    "minute": ListFormat((LevelFormat("decimal", "{1}."),)),
    "resolution": ListFormat((LevelFormat("decimal", "{1})"),)),
    "note": ListFormat((LevelFormat("decimal", "({1})"),)),
    "bullet": ListFormat(
        (LevelFormat("bullet", "•"), LevelFormat("bullet", "–"), LevelFormat("bullet", "▪"))
    ),
    "cell-number": ListFormat((LevelFormat("decimal", "{1}."),)),
}
"""The sequences a profile's numbering.yaml does not choose."""

RUNNING = Numbering()
"""Nottinghamshire's numbering, the default: paragraphs 1, 2, 3… through the report, sub-items
a), recommendations 1) with bulleted parts."""


def _level(form: Form, level: int, hangs_like: ParaRole | None = None) -> LevelFormat:
    """The list level showing ``form`` for the counter of (0-based) ``level``."""
    counting, before, after = form_parts(form)
    return LevelFormat(counting, f"{before}{{{level + 1}}}{after}", hangs_like)


def list_kind(form: Form) -> str:
    """The list kind of a paragraph's own list in ``form``: ``list 1)``."""
    return f"list {form}"


def is_own_list(kind: str) -> bool:
    """Whether the list kind ``kind`` is a paragraph's own list (:func:`list_kind`)."""
    return kind.startswith("list ")


def list_formats(scheme: Numbering, forms: Iterable[Form] = ()) -> dict[str, ListFormat]:
    """How each sequence is shown under ``scheme``, level by level; writers build from this.

    ``forms`` are the forms of the paragraphs' own lists, each a kind of its own whose items
    hang like sub-items."""
    if scheme.paragraphs == "by-section":
        paragraph = ListFormat(
            (
                LevelFormat("decimal", "{1}.", "numbered"),  # the section headings
                LevelFormat("decimal", "{1}.{2}", "numbered"),
                _level(scheme.sub_items, 2, "item"),
            )
        )
    else:
        paragraph = ListFormat((LevelFormat("decimal", "{1}."), _level(scheme.sub_items, 1)))
    form = scheme.recommendations if scheme.recommendations != "paragraph" else "1)"
    levels = [_level(form, 0)]
    if scheme.recommendation_parts != "bullets" and scheme.recommendations != "paragraph":
        levels.append(_level(scheme.recommendation_parts, 1, "item"))
    return {
        "paragraph": paragraph,
        "recommendation": ListFormat(tuple(levels)),
        **_FIXED_FORMATS,
        **{list_kind(form): ListFormat((_level(form, 0, "item"),)) for form in sorted(set(forms))},
    }


def own_forms(drafts: Iterable[Drafted]) -> list[Form]:
    """The forms of the paragraphs' own lists among ``drafts``, for :func:`list_formats`."""
    return [d.form for d in drafts if isinstance(d, Draft) and d.form is not None]


LIST_FORMATS: dict[str, ListFormat] = list_formats(RUNNING)
"""How each sequence is shown under the default numbering. Writers build their list definitions
from a document's own :attr:`~reportgen.document.Document.list_formats`."""

TargetKind = Literal["paragraph", "recommendation", "appendix", "figure"]

_TARGET_KINDS: dict[str | None, TargetKind] = {
    "paragraph": "paragraph",
    "recommendation": "recommendation",
}
"""What a label names, by the sequence its block is numbered in."""


@dataclass(frozen=True, slots=True)
class Target:
    """Something a label names: its kind, its number as printed, and its block's anchor."""

    kind: TargetKind
    number: str
    """The number as a cross-reference prints it: ``"8"``, ``"2.3"``, ``"iv"``."""
    anchor: str | None
    where: Location
    order: tuple[int, ...] = ()
    """Its counters, outermost first, e.g. ``(2, 3)`` for 2.3: for sorting and ranges."""


@dataclass(frozen=True, slots=True)
class Numbered:
    """A draft with the list mark and anchor it was given."""

    draft: Drafted
    mark: ListMark | None = None
    anchor: str | None = None


def letter(n: int) -> str:
    """The n-th letter as Word's lowerLetter counts: a … z, then aa, bb …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_ROMAN: tuple[tuple[int, str], ...] = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


def roman(n: int) -> str:
    """``n`` in lower-case Roman numerals, as Word's lowerRoman counts: i, ii … iv … xl."""
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def counted(counting: NumberFormat, n: int) -> str:
    """The ``n``-th label of a level that counts in ``counting``."""
    match counting:
        case "lowerLetter" | "upperLetter":
            label = letter(n)
        case "lowerRoman" | "upperRoman":
            label = roman(n)
        case _:
            label = str(n)
    return label.upper() if counting.startswith("upper") else label


def _label(form: Form, n: int) -> str:
    return counted(form_parts(form)[0], n)


def appendices_lettered(choice: bool | None, scheme: Numbering) -> bool:
    """Whether a report's appendices are lettered: its own ``choice``, else its profile's."""
    return scheme.appendices == "A" if choice is None else choice


def appendix_number(n: int, lettered: bool) -> str:
    """The ``n``-th appendix's number as printed: ``3``, or lettered ``C`` (then ``AA``…)."""
    return letter(n).upper() if lettered else str(n)


class _Counters:
    """The running counts of one walk, under one numbering scheme."""

    def __init__(self, scheme: Numbering) -> None:
        self.scheme = scheme
        self.formats = list_formats(scheme)
        self.by_section = scheme.paragraphs == "by-section"
        self.section = 0
        """By section: the numbered sections started."""
        self.paragraph = 0
        self.item = 0
        self.recommendation = 0
        self.part = 0
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
        self.lists = 0
        """Paragraphs' own lists started: each is a list instance of its own."""
        self.list_item = 0

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

    def section_heading(self, draft: Draft) -> ListMark | None:
        """By section: the number of a section's heading, which restarts its paragraphs."""
        if not self.by_section or draft.section in self.scheme.unnumbered_sections:
            return None
        self.section += 1
        self.paragraph = self.item = 0
        return ListMark("paragraph", "paragraphs", 0, str(self.section))

    def numbered(self) -> ListMark:
        """The next numbered paragraph: 8 when paragraphs run, 2.3 (level 1) by section."""
        self.paragraph += 1
        self.item = 0
        return ListMark("paragraph", "paragraphs", int(self.by_section), str(self.paragraph))

    def sub_item(self) -> ListMark:
        """The next item under the numbered paragraph: a), b)…"""
        self.item += 1
        label = _label(self.scheme.sub_items, self.item)
        return ListMark("paragraph", "paragraphs", 1 + int(self.by_section), label)

    def target(self, mark: ListMark) -> tuple[str, tuple[int, ...]]:
        """The number a reference prints for the block just given ``mark``, and its order.

        It is the number as its list level shows it, less a trailing full stop: what a Word
        REF field to the paragraph's number shows, in Word and in LibreOffice's PDF ("8" for
        8., "2.3" for 2.3, "(2)" for (2)), so the cached text and the updated field agree.
        """
        order: tuple[int, ...]
        if mark.kind == "paragraph" and self.by_section:
            outer, order = [self.section, self.paragraph], (self.section, self.paragraph)
        elif mark.kind == "paragraph":
            outer, order = [self.paragraph], (self.paragraph,)
        else:
            outer, order = [self.recommendation], (self.recommendation,)
        # the counter of each level above the mark's, then its own: (a) under 4.2 is (a)
        counters = [*(str(n) for n in outer[: mark.level]), mark.label]
        pattern = self.formats[mark.kind].levels[mark.level].pattern
        for i, counter in enumerate(counters):
            pattern = pattern.replace(f"{{{i + 1}}}", counter)
        return pattern.removesuffix("."), order

    def recommendations(self, draft: Draft) -> ListMark:
        """A recommendation (level 0) or one of its lettered parts (level 1)."""
        if self.scheme.recommendations == "paragraph":
            return self.numbered() if draft.level == 0 else self.sub_item()
        if draft.level == 0:
            self.recommendation += 1
            self.part = 0
            label = _label(self.scheme.recommendations, self.recommendation)
            return ListMark("recommendation", "recommendations", 0, label)
        self.part += 1
        parts = self.scheme.recommendation_parts
        label = _label(parts if parts != "bullets" else "a)", self.part)
        return ListMark("recommendation", "recommendations", 1, label)

    def mark(self, draft: Draft) -> ListMark | None:
        if draft.role == "heading":
            self.resolution = 0
            if draft.counter == "minute":
                self.minute += 1
                return ListMark("minute", "minutes", 0, str(self.minute))
            mark = self.heading(draft.level, draft.counter == "letter")
            if draft.section is not None and mark is None:
                return self.section_heading(draft)
            return mark
        if draft.counter == "resolution":
            if self.resolution == 0:
                self.resolutions += 1
            self.resolution += 1
            instance = f"resolution-{self.resolutions}"
            return ListMark("resolution", instance, 0, str(self.resolution))
        if draft.counter == "paragraph" and draft.level == 0:
            return self.numbered()
        if draft.counter == "paragraph":
            return self.sub_item()
        if draft.counter == "recommendation":
            return self.recommendations(draft)
        if draft.counter == "note":
            self.notes += 1
            return ListMark("note", "notes", 0, str(self.notes))
        if draft.counter == "paper":
            self.papers += 1
            return ListMark("paper", "papers", 0, letter(self.papers))
        if draft.counter == "bullet":
            return ListMark("bullet", "bullets", draft.level, "•")
        if draft.counter == "list" and draft.form is not None:
            return self.own_list(draft.form, draft.first)
        return None

    def own_list(self, form: Form, first: bool) -> ListMark:
        """The next item of a paragraph's own list in ``form``; ``first`` starts a new one."""
        if first:
            self.lists += 1
            self.list_item = 0
        self.list_item += 1
        label = _label(form, self.list_item)
        return ListMark(list_kind(form), f"list-{self.lists}", 0, label)


def number(
    drafts: Sequence[Drafted],
    appendices: Sequence[tuple[str, int]],
    positions: Positions,
    problems: Problems,
    scheme: Numbering = RUNNING,
    lettered: bool = False,
) -> tuple[list[Numbered], dict[str, Target]]:
    """Number ``drafts`` in order under ``scheme`` and index every label, appendices' included.

    ``appendices`` gives each appendix label with the position of the appendix in the report's
    list; ``lettered``, they are Appendix A, B… (:func:`appendices_lettered`). Duplicate
    labels, and labels on paragraphs that carry no number, are recorded in ``problems``.
    """
    counters = _Counters(scheme)
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

    figures = 0
    for draft in drafts:
        if isinstance(draft, DraftFigure) and draft.numbered:  # pictures and charts: Figure 1…
            figures += 1
            figure = ListMark("figure", "figures", 0, str(figures), str(figures))
            if draft.label is not None:
                at = positions.locate((*draft.path, "label"))
                # printed as text, not a Word REF field: a caption's number is not a list's
                add(draft.label, Target("figure", str(figures), None, at, (figures,)))
            out.append(Numbered(draft, figure, draft.label))
            continue
        if not isinstance(draft, Draft):
            out.append(Numbered(draft))
            continue
        mark = counters.mark(draft)
        if mark is not None and mark.kind in ("paragraph", "recommendation"):
            mark = replace(mark, shown=counters.target(mark)[0])
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
        shown, order = counters.target(mark)
        add(draft.label, Target(kind, shown, draft.label, where, order))
        out.append(Numbered(draft, mark, draft.label))

    for i, (label, n) in enumerate(appendices):
        where = positions.locate(("appendices", i, "label"))
        add(label, Target("appendix", appendix_number(n, lettered), None, where, (n,)))
    return out, index
