"""Cross-references: ``{{ ref(...) }}`` calls in text, rendered once every label is known.

In a text, an author writes:

- ``{{ ref('benefits') }}`` for "paragraph 8";
- ``{{ ref('staff', 'funding') }}`` for "paragraphs 6 and 7" (any number of labels);
- ``{{ ref('demand', to='capacity') }}`` for "paragraphs 9 to 13" ("paragraphs 36 and 37" when
  the two are neighbours);
- ``{{ ref('strategy') }}`` for "Appendix 1" when the label names an appendix;
- ``bold=False`` for a reference printed in plain type (the default is bold, as in the seeds).

Figures are quoted the same way, ``{{ fig('name') }}`` and ``{{ total('table') }}`` (see
:mod:`reportgen.resolve.figures`).

The words come from boilerplate/references.yaml. Each number becomes a
:class:`~reportgen.document.RefNumber` node, so writers can keep it live (a Word REF field).
Templates run in Jinja's immutable sandbox with strict undefined names: ``ref`` is the only
name there is, and any other is an error with the text's place.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.nodes import Name
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.boilerplate import References, ReferenceWording
from reportgen.document import Inline, Inlines, RefNumber, Strong, Text
from reportgen.errors import Location, Problems, quote, quotes_shortened
from reportgen.resolve.figures import FILTERS, Calculator, Quoting
from reportgen.resolve.inline import merge_text, parse_inline, slot
from reportgen.resolve.numbering import Target


class _TextSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with nothing in it but what the format defines, and bounded
    arithmetic: text may call ref(), fig() and total(); ``**`` is refused and ``*`` may not
    build a string or list of more than :data:`_MAX_BUILT` items."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse powers, and products that would build something huge."""
        if operator == "**":
            raise SecurityError("text cannot raise to a power; compute figures under 'figures:'")
        if isinstance(left, float | int | str | list) and isinstance(
            right, float | int | str | list
        ):
            sizes = [len(x) if isinstance(x, str | list) else x for x in (left, right)]
            if (
                any(isinstance(x, str | list) for x in (left, right))
                and sizes[0] * sizes[1] > _MAX_BUILT
            ):
                raise SecurityError("text cannot build something that large")
            if abs(sizes[0]) > _MAX_BUILT or abs(sizes[1]) > _MAX_BUILT:
                raise SecurityError("text cannot compute with numbers that large")
        return super().call_binop(context, operator, left, right)


_MAX_BUILT = 100_000
"""The most characters or items a product in text may build."""

_ENV = _TextSandbox(undefined=StrictUndefined, autoescape=False)
_ENV.globals.clear()  # no range, lipsum, cycler, joiner, namespace, dict: only what we pass
_ENV.filters = {**FILTERS}
_ENV.tests = {}


@dataclass(frozen=True, slots=True)
class Names:
    """What text can name: labels for ``ref()``, their wording, and figures for ``fig()``."""

    index: dict[str, Target]
    wording: References
    figures: Calculator | None = None
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """In a meeting: the names of documents that several files share (folded to lower
    case), each with those files; ``ref('name:label')`` by one of them is a problem (M704)."""
    unlisted: frozenset[str] = frozenset()
    """Labels of ``index`` a problem's hint does not list: other spellings of a label it
    lists (another document's label by that document's path)."""


def join_numbers(numbers: Sequence[Inline]) -> list[Inline]:
    """Numbers joined as prose: "6 and 7", "6, 7 and 9"."""
    out: list[Inline] = []
    for i, n in enumerate(numbers):
        if i:
            out.append(Text(" and " if i == len(numbers) - 1 else ", "))
        out.append(n)
    return out


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
        index: dict[str, Target],
        wording: References,
        where: Location,
        problems: Problems,
        slots: list[Inlines],
        ambiguous: Mapping[str, tuple[str, ...]],
        unlisted: frozenset[str],
    ) -> None:
        self.index = index
        self.ambiguous = ambiguous
        self.unlisted = unlisted
        self.wording = wording
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
            known = sorted(k for k in self.index if k not in self.unlisted)
            close = difflib.get_close_matches(str(label), sorted(self.index), n=1)
            hint = (
                f"did you mean {quote(close[0])}? " if close else ""
            ) + f"labels in this report: {', '.join(known) or '(none)'}"
            self.fail(
                "R300", f"no paragraph, recommendation or appendix is labelled {quote(label)}", hint
            )
            return None
        return self.index[label]

    def number(self, target: Target) -> Inline:
        if target.anchor is None:
            return Text(str(target.number))
        return RefNumber(target.anchor, str(target.number))

    def __call__(self, *labels: object, to: object = None, bold: bool = True) -> str:
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
        wording: ReferenceWording = getattr(self.wording, found[0].kind)
        if end is not None:
            if len(found) > 1 or end.number <= found[0].number:
                return self.fail(
                    "R304",
                    "a range needs one first label and a later 'to' label",
                    "write ref('first', to='last') with 'last' after 'first'",
                )
            if end.number == found[0].number + 1:  # two neighbours read "36 and 37"
                pair = [self.number(found[0]), self.number(end)]
                parts = _fill(wording.many, {"list": join_numbers(pair)})
            else:
                first, last = self.number(found[0]), self.number(end)
                parts = _fill(wording.range, {"first": [first], "last": [last]})
        else:
            unique = sorted({t.number: t for t in found}.values(), key=lambda t: t.number)
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
    if "{{" not in source and "{%" not in source:
        return parse_inline(source)
    slots: list[Inlines] = []
    call = _Call(
        names.index, names.wording, where, problems, slots, names.ambiguous, names.unlisted
    )
    # the bound method, not the object: the sandbox keeps text from its attributes
    functions: dict[str, object] = {"ref": call.__call__}
    if names.figures is not None:
        quoting = Quoting(names.figures, where, slots)
        functions.update(fig=quoting.fig, total=quoting.total)
    try:
        template = _ENV.from_string(source)
        if "self" in source and any(n.name == "self" for n in _ENV.parse(source).find_all(Name)):
            raise UndefinedError("'self' is undefined")  # Jinja's own name for the template
        rendered = template.render(functions)
    except TemplateSyntaxError as exc:
        line = f" (line {exc.lineno} of the text)" if exc.lineno > 1 else ""
        problems.add(
            "R302",
            f"template syntax: {quotes_shortened(str(exc.message))}{line}",
            where,
            "write references as {{ ref('label') }}; to print '{{' write {{ '{{' }}",
        )
        return parse_inline(source)
    except UndefinedError as exc:
        problems.add(
            "R303",
            f"unknown name in a template: {quotes_shortened(str(exc.message))}",
            where,
            "text can use ref('label'), fig('name') and total('table'), "
            "e.g. {{ ref('label') }} or {{ fig('name') }}",
        )
        return parse_inline(source)
    except RecursionError:
        problems.add(
            "R302",
            "the template is nested too deeply to read",
            where,
            "write references as {{ ref('label') }} and figures as {{ fig('name') }}, "
            "without brackets inside brackets",
        )
        return parse_inline(source)
    except ArithmeticError as exc:
        problems.add(
            "R302",
            f"the template could not be computed: {quotes_shortened(str(exc))}",
            where,
            "text quotes figures and does no arithmetic: compute a figure under 'figures:' "
            "with an 'expr' and quote it as {{ fig('name') }}",
        )
        return parse_inline(source)
    except (TemplateError, TypeError, ValueError) as exc:
        problems.add(
            "R302",
            f"the template could not be rendered: {quotes_shortened(str(exc))}",
            where,
            "quote a figure as {{ fig('name') }} or {{ total('table') }}, optionally with a "
            f"filter ({', '.join(FILTERS)}); do arithmetic in a named figure's 'expr'",
        )
        return parse_inline(source)
    return parse_inline(rendered, slots)
