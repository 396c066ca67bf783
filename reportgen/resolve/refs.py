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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.nodes import Name
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.boilerplate import References, ReferenceWording
from reportgen.document import Inline, Inlines, RefNumber, Strong, Text
from reportgen.errors import Location, Problems
from reportgen.resolve.figures import FILTERS, Calculator, FilterMisuse, Quoted, Quoting
from reportgen.resolve.inline import Slots, merge_text, parse_inline
from reportgen.resolve.numbering import Target
from reportgen.resolve.typed import function_name, holds_python, is_plain, said, shown


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

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Nothing of ref(), fig(), total() or a quoted figure is reached through a dot: text
        calls them and prints what they give, and their insides are Python's, not the author's."""
        if isinstance(obj, Quoted) or callable(obj):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))


_MAX_BUILT = 100_000
"""The most characters or items a product in text may build."""


def _printable(value: Any) -> Any:
    """What ``{{ … }}`` prints, refused when it would print Python's own workings: a function
    (``{{ fig }}``, ``{{ 'a' ~ fig }}``) or what holds figures (``{{ [fig('a')] }}``)."""
    if isinstance(value, Undefined | Quoted | int | float) or value is None:
        return value
    if isinstance(value, str) and not holds_python(value):
        return value
    name = function_name(value) if callable(value) else None
    if name in ("ref", "fig", "total"):
        raise SecurityError(f"{name} is printed itself: call it, e.g. {name}('label')")
    if callable(value) or isinstance(value, str) or said(str(value)) is None:
        raise SecurityError(
            "this prints a function or what holds figures or references: text prints what "
            "ref(), fig() and total() give, one at a time"
        )
    return value


_ENV = _TextSandbox(undefined=StrictUndefined, autoescape=False, finalize=_printable)
_ENV.globals.clear()  # no range, lipsum, cycler, joiner, namespace, dict: only what we pass
_ENV.filters = {**FILTERS}
_ENV.tests = {}


@dataclass(frozen=True, slots=True)
class Names:
    """What text can name: labels for ``ref()``, their wording, and figures for ``fig()``."""

    index: dict[str, Target]
    wording: References
    figures: Calculator | None = None


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
    for literal, field, _spec, _conv in string.Formatter().parse(pattern):
        if literal:
            out.append(Text(literal))
        if field is not None:
            out.extend(values[field])
    return out


class _Call:
    """The ``ref`` function for one text: resolves labels, records problems, fills slots."""

    def __init__(
        self,
        index: dict[str, Target],
        wording: References,
        where: Location,
        problems: Problems,
        slots: Slots,
    ) -> None:
        self.index = index
        self.wording = wording
        self.where = where
        self.problems = problems
        self.slots = slots

    def fail(self, code: str, message: str, hint: str) -> str:
        self.problems.add(code, message, self.where, hint)
        return ""

    def lookup(self, label: object) -> Target | None:
        if not is_plain(label) and not isinstance(label, int | float):  # a function, a figure,
            # what another call printed: never its placeholder or repr, but as it was typed
            labels = ", ".join(sorted(self.index)) or "(none)"
            typed = shown(label, self.slots)
            hint = f"write ref('label'); labels in this report: {labels}"
            self.fail("R304", f"ref() takes labels in quotes, not {typed}", hint)
            return None
        if not isinstance(label, str) or label not in self.index:
            known = sorted(self.index)
            close = difflib.get_close_matches(str(label), known, n=1)
            hint = (
                f"did you mean {close[0]!r}? " if close else ""
            ) + f"labels in this report: {', '.join(known) or '(none)'}"
            self.fail(
                "R300", f"no paragraph, recommendation or appendix is labelled {label!r}", hint
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
        typed = [shown(label, self.slots) for label in labels]
        typed += [f"to={shown(to, self.slots)}"] if to is not None else []
        typed += ["bold=False"] if not bold else []
        return self.slots.add((Strong(merged),) if bold else merged, f"ref({', '.join(typed)})")


def substitute(source: str, names: Names, where: Location, problems: Problems) -> Inlines:
    """The inline nodes of one author text, its ``ref()``, ``fig()`` and ``total()`` resolved."""
    if "{{" not in source and "{%" not in source:
        return parse_inline(source)
    slots = Slots()
    call = _Call(names.index, names.wording, where, problems, slots)
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
            f"template syntax: {exc.message}{line}",
            where,
            "write references as {{ ref('label') }}; to print '{{' write {{ '{{' }}",
        )
        return parse_inline(source)
    except UndefinedError as exc:
        words = said(exc.message or "", slots) or "text names only ref, fig and total"
        problems.add(
            "R303",
            f"unknown name in a template: {words}",
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
            f"the template could not be computed: {exc}",
            where,
            "text quotes figures and does no arithmetic: compute a figure under 'figures:' "
            "with an 'expr' and quote it as {{ fig('name') }}",
        )
        return parse_inline(source)
    except (TemplateError, TypeError, ValueError) as exc:
        if isinstance(exc, FilterMisuse) and exc.name is not None:
            words = f"the filter '{exc.name}' applies to fig() or total(), not "
            words += shown(exc.value, slots)
        else:
            words = said(str(exc), slots) or (
                "ref(), fig() and total() are called with labels or names in quotes, and what "
                "they give is printed as it is, or a figure through a filter"
            )
        problems.add(
            "R302",
            f"the template could not be rendered: {words}",
            where,
            "quote a figure as {{ fig('name') }} or {{ total('table') }}, optionally with a "
            f"filter ({', '.join(FILTERS)}); do arithmetic in a named figure's 'expr'",
        )
        return parse_inline(source)
    return parse_inline(rendered, slots)
