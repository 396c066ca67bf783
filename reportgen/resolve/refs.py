"""Cross-references: ``{{ ref(...) }}`` calls in text, rendered once every label is known.

In a text, an author writes:

- ``{{ ref('benefits') }}`` for "paragraph 8";
- ``{{ ref('staff', 'funding') }}`` for "paragraphs 6 and 7" (any number of labels);
- ``{{ ref('demand', to='capacity') }}`` for "paragraphs 9 to 13" ("paragraphs 36 and 37" when
  the two are neighbours);
- ``{{ ref('strategy') }}`` for "Appendix 1" when the label names an appendix;
- ``{{ ref('ladder') }}`` for "Figure 1" when it names a picture or a chart;
- ``bold=False`` for a reference printed in plain type (the default is bold, as in the seeds).

In a meeting with exempt parts, a public document is substituted once more for the public pack
against :attr:`Names.public` (:mod:`reportgen.exempt`): there a reference to an exempt appendix
prints that it is exempt ("Appendix 2 (exempt)"), and one to a label inside an exempt document
is a problem (R310), never a number.

Figures are quoted the same way, ``{{ fig('name') }}`` and ``{{ total('table') }}`` (see
:mod:`reportgen.resolve.figures`).

The words come from the profile's references.yaml. Each number becomes a
:class:`~reportgen.document.RefNumber` node, so writers can keep it live (a Word REF field).
A text is never run as a template: :func:`~reportgen.resolve.calls.read` reads its calls as
data, and :func:`substitute` calls the function each names with the arguments as written.
Anything else between braces is a problem at the text's place (see
:mod:`reportgen.resolve.calls`). An unknown label's suggestion comes from
:class:`~reportgen.resolve.suggest.Suggestions`, made once for the report's labels.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field

from reportgen.boilerplate import References
from reportgen.document import Inline, Inlines, RefNumber, Strong, Text
from reportgen.errors import Location, Problems, quote
from reportgen.profile_pictures import PictureWords, ReferenceWording
from reportgen.resolve.calls import FIX, Call, Unread, quotes, read
from reportgen.resolve.figures import FILTERS, Calculator, Quoted, Quoting
from reportgen.resolve.inline import merge_text, parse_inline, slot
from reportgen.resolve.numbering import Target
from reportgen.resolve.suggest import Suggestions


@dataclass(frozen=True, slots=True)
class PublicEdition:
    """What a public document's texts may not print in the public pack, and how they print a
    reference to what the pack withholds."""

    withheld: Mapping[str, str]
    """The labels inside exempt documents, each with that document as the meeting file writes
    it: a reference to one is a problem (R310)."""
    exempt: frozenset[str]
    """The labels of exempt appendices, each named as a whole: printed as exempt."""
    reference: str
    """An exempt appendix's number in a reference, with ``{n}`` (the profile's exempt.yaml)."""


@dataclass(frozen=True, slots=True)
class Names:
    """What text can name: labels for ``ref()``, their wording, and figures for ``fig()``."""

    index: dict[str, Target]
    wording: References
    figures: Calculator | None = None
    ambiguous: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)
    """In a meeting: the names of documents that several files share (folded to lower
    case), each with those files; ``ref('name:label')`` by one of them is a problem (M704)."""
    unlisted: frozenset[str] = frozenset()
    """Labels of ``index`` a problem's hint does not list: other spellings of a label it
    lists (another document's label by that document's path)."""
    pictures: PictureWords | None = None
    """How figures are worded: references to them, their captions, charts' alt text (the
    profile's pictures.yaml)."""
    public: PublicEdition | None = None
    """For the public pack's edition of a document in a meeting with exempt parts: what it may
    not name; None for every other edition."""
    labels: Suggestions = dataclass_field(init=False, repr=False, compare=False)
    """The labels a problem suggests and lists, made once however many references are
    unknown; ``unlisted`` spellings left out."""

    def __post_init__(self) -> None:
        listed = [k for k in self.index if k not in self.unlisted]
        object.__setattr__(self, "labels", Suggestions(listed))


def join_numbers(numbers: Sequence[Inline]) -> list[Inline]:
    """Numbers joined as prose: "6 and 7", "6, 7 and 9"."""
    out: list[Inline] = []
    for i, n in enumerate(numbers):
        if i:
            out.append(Text(" and " if i == len(numbers) - 1 else ", "))
        out.append(n)
    return out


def _neighbours(first: tuple[int, ...], then: tuple[int, ...]) -> bool:
    """Whether ``then`` numbers the block straight after ``first`` in its sequence (2.4 after
    2.3; not 3.1 after 2.5)."""
    return first[:-1] == then[:-1] and then[-1:] == (first[-1] + 1,)


def _fill(pattern: str, values: dict[str, list[Inline]]) -> list[Inline]:
    """``pattern`` with each ``{name}`` replaced by the inline nodes given for it."""
    out: list[Inline] = []
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        if literal:
            out.append(Text(literal))
        if name is not None:
            out.extend(values[name])
    return out


class _Call:
    """The ``ref`` function for one text: resolves labels, records problems, fills slots."""

    def __init__(
        self,
        names: Names,
        where: Location,
        problems: Problems,
        slots: list[Inlines],
    ) -> None:
        self.index = names.index
        self.ambiguous = names.ambiguous
        self.labels = names.labels
        self.wording = names.wording
        self.figure_wording = names.pictures.reference if names.pictures is not None else None
        self.public = names.public
        self.where = where
        self.problems = problems
        self.slots = slots

    def fail(self, code: str, message: str, hint: str) -> str:
        self.problems.add(code, message, self.where, hint)
        return ""

    def lookup(self, label: object) -> Target | None:
        if isinstance(label, str) and label not in self.index:
            name, colon, own = label.rpartition(":")
            files = self.ambiguous.get(name.casefold()) if colon else None
            if files:
                self.fail(
                    "M704",
                    f"{quote(name)} names {len(files)} documents of this meeting: "
                    f"{', '.join(files)}",
                    f"reference the one you mean by its path as the meeting file writes it, "
                    f"e.g. ref('{files[0]}:{own}'), or rename one of the files",
                )
                return None
        if not isinstance(label, str) or label not in self.index:
            hint = self.labels.did_you_mean(str(label)) + (
                f"labels in this report: {self.labels.listed()}"
            )
            self.fail(
                "R300",
                f"no paragraph, recommendation or appendix is labelled {quote(label)}",
                hint,
            )
            return None
        withheld = self.public.withheld.get(label) if self.public is not None else None
        if withheld is not None:
            self.fail(
                "R310",
                f"ref({quote(label)}) points into {quote(withheld)}, which is exempt: the public "
                "pack cannot print it",
                "refer to the appendix as a whole, or move the text into the public report",
            )
            return None
        target = self.index[label]
        if self.public is not None and label in self.public.exempt:
            return replace(target, number=self.public.reference.format(n=target.number))
        return target

    def number(self, target: Target) -> Inline:
        if target.anchor is None:
            return Text(target.number)
        return RefNumber(target.anchor, target.number)

    def __call__(self, *labels: object, to: object = None, bold: object = True) -> str:
        if not labels:
            return self.fail("R304", "ref() needs at least one label", "write ref('label')")
        targets = [self.lookup(label) for label in labels]
        end = self.lookup(to) if to is not None else None
        found = [t for t in targets if t is not None]
        if len(found) < len(targets) or (to is not None and end is None):
            return ""
        kinds = {t.kind for t in found} | ({end.kind} if end else set())
        if len(kinds) > 1:
            return self.fail(
                "R304",
                f"ref() mixes {' and '.join(sorted(kinds))} labels",
                "write one ref() for each kind of target",
            )
        wording: ReferenceWording = (
            self.figure_wording
            if found[0].kind == "figure" and self.figure_wording is not None
            else getattr(self.wording, found[0].kind)
        )
        if end is not None:
            if len(found) > 1 or end.order <= found[0].order:
                return self.fail(
                    "R304",
                    "a range needs one first label and a later 'to' label",
                    "write ref('first', to='last') with 'last' after 'first'",
                )
            if _neighbours(found[0].order, end.order):  # two read "36 and 37", "2.3 and 2.4"
                pair = [self.number(found[0]), self.number(end)]
                parts = _fill(wording.many, {"list": join_numbers(pair)})
            else:
                first, last = self.number(found[0]), self.number(end)
                parts = _fill(wording.range, {"first": [first], "last": [last]})
        else:
            unique = sorted({t.order: t for t in found}.values(), key=lambda t: t.order)
            numbers = [self.number(t) for t in unique]
            if len(numbers) == 1:
                parts = _fill(wording.one, {"n": numbers})
            else:
                parts = _fill(wording.many, {"list": join_numbers(numbers)})
        merged = merge_text(parts)
        self.slots.append((Strong(merged),) if bold else merged)
        return slot(len(self.slots) - 1)


def substitute(source: str, names: Names, where: Location, problems: Problems) -> Inlines:
    """The inline nodes of one author text, its ``ref()``, ``fig()`` and ``total()`` resolved."""
    if not quotes(source):
        return parse_inline(source)
    pieces = read(source)
    if isinstance(pieces, Unread):
        problems.add(pieces.code, pieces.message, where, pieces.hint)
        return parse_inline(source)
    slots: list[Inlines] = []
    call = _Call(names, where, problems, slots)
    quoting = Quoting(names.figures, where, slots) if names.figures is not None else None
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif piece.function == "ref":
            keywords = dict(piece.keywords)
            out.append(call(*piece.args, to=keywords.get("to"), bold=keywords.get("bold", True)))
        elif quoting is not None:
            out.append(_quote(quoting, piece))
        else:
            problems.add("R308", f"{piece.function}() has no figures to quote here", where, FIX)
    return parse_inline("".join(out), slots)


def _quote(quoting: Quoting, piece: Call) -> str:
    """A figure quoted in text, its filters applied, as a slot ("" when it is not found)."""
    keywords = dict(piece.keywords)
    if piece.function == "fig":
        found = quoting.fig(piece.args[0])
    else:
        column = piece.args[1] if len(piece.args) > 1 else keywords.get("column")
        found = quoting.total(piece.args[0], column)
    if not isinstance(found, Quoted):
        return found
    for name in piece.filters:
        found = FILTERS[name](found)
    return str(found)
