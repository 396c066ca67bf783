"""Named figures, and every typed table of a report, computed once in dependency order.

:class:`Calculator` is the report's one source of numbers. It computes each named figure and
each labelled table when first asked (a figure may be a table's total; a table may show a
figure or gather another table), remembers the result, and reports a cycle as an error instead
of recursing. Text quotes its results through :class:`Quoting` (``{{ fig('name') }}``,
``{{ total('table') }}``), with filters that choose the printed form; the printed form itself
is decided by :class:`~reportgen.resolve.style.HouseRules`.
"""

from __future__ import annotations

import ast
import decimal
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from reportgen.document import Figure, FigureKind, Inlines, Origin
from reportgen.errors import Location, Problems, YamlPath, quote
from reportgen.load import Positions
from reportgen.model_figures import CellSpec, Column, FigureEntry, PayScale, TypedTable
from reportgen.model_figures import Figure as FigureSpec
from reportgen.resolve.amounts import AMOUNT_HINT, parse_amount
from reportgen.resolve.computed import ComputedTable, Quantity
from reportgen.resolve.inline import slot
from reportgen.resolve.style import FigureFormat, HouseRules
from reportgen.resolve.suggest import Suggestions
from reportgen.resolve.tables import TableCalc, pay_cost

if TYPE_CHECKING:
    from reportgen.payscale import LoadedPayScale

_MAX_VALUE = Decimal(10) ** 15
"""No council figure reaches a thousand million million pounds; larger is a mistake."""


class Calculator:
    """Computes a report's named figures and typed tables on demand, each once."""

    def __init__(
        self,
        figures: Mapping[str, FigureEntry],
        tables: Mapping[str, tuple[TypedTable, YamlPath]],
        pay_scale: LoadedPayScale,
        rules: HouseRules,
        positions: Positions,
        problems: Problems,
    ) -> None:
        self.specs = figures
        self.table_specs = tables
        self.loaded_scale = pay_scale
        """The pay scale the report names, as the load stage read it."""
        self.rules = rules
        self.positions = positions
        self.problems = problems
        self.figures: dict[str, Quantity | None] = {}
        self.tables: dict[str, ComputedTable | None] = {}
        self.busy: list[str] = []
        """What is being computed now, innermost last: "figure x", "table y"."""
        self._scale: tuple[PayScale, str] | bool | None = False
        self.figure_names = Suggestions(figures)
        """The figures' names, for suggesting one when a name is not found."""
        self.table_names = Suggestions(tables)
        """The tables' labels, for the same."""

    # --- the pay scale --------------------------------------------------------------------

    def pay_scale(self, where: Location) -> tuple[PayScale, str] | None:
        """The report's pay scale, checked once; a missing or bad file is one problem."""
        if self._scale is not False:
            return self._scale if isinstance(self._scale, tuple) else None
        self._scale = None
        if self.loaded_scale.name is None:
            self.problems.add(
                "F606",
                "this amount comes from the pay scale, but the report names no pay scale",
                where,
                "add 'pay_scale: ../pay-scales/2021-22.yaml' (its path from this report)",
            )
            return None
        if self.loaded_scale.scale is None or self.loaded_scale.positions is None:
            self.problems.extend(self.loaded_scale.problems)
            return None
        scale, scale_positions = self.loaded_scale.scale, self.loaded_scale.positions
        bad = False
        for grade, amount in scale.grades.items():
            parsed = parse_amount(amount)
            if parsed is None or parsed.value <= 0:
                bad = True
                self.problems.add(
                    "F600",
                    f"the annual cost of {quote(grade)} is not an amount: {quote(amount)}"
                    if parsed is None
                    else f"the annual cost of {quote(grade)} is not above nothing: {quote(amount)}",
                    scale_positions.locate(("grades", grade)),
                    AMOUNT_HINT + ", the grade's whole annual cost",
                )
        if not bad:
            self._scale = (scale, self.loaded_scale.name)
        return self._scale if isinstance(self._scale, tuple) else None

    # --- cycles ---------------------------------------------------------------------------

    def _enter(self, what: str, where: Location) -> bool:
        if what in self.busy:
            chain = " → ".join([*self.busy[self.busy.index(what) :], what])
            self.problems.add(
                "F605",
                f"these depend on each other in a circle: {chain}",
                where,
                "compute one of them from something else",
            )
            return False
        self.busy.append(what)
        return True

    # --- tables ---------------------------------------------------------------------------

    def table(self, label: str, where: Location) -> ComputedTable | None:
        """The table labelled ``label``, computed once."""
        if label in self.tables:
            return self.tables[label]
        if label not in self.table_specs:
            names = self.table_names
            self.problems.add(
                "F604",
                f"no table is labelled {quote(label)}",
                where,
                names.did_you_mean(label) + f"labelled tables: {names.listed()}",
            )
            return None
        if not self._enter(f"table {label}", where):
            return None
        try:
            spec, path = self.table_specs[label]
            computed = self.compute(spec, path)
        finally:
            self.busy.pop()
        self.tables[label] = computed
        return computed

    def compute(self, spec: TypedTable, path: YamlPath) -> ComputedTable:
        """Compute a table (labelled ones through :meth:`table`, so they are computed once)."""
        if spec.label is not None and spec.label in self.tables:
            found = self.tables[spec.label]
            if found is not None and found.path == path:
                return found
        return TableCalc(spec, path, self, self.rules, self.positions, self.problems).compute()

    def total(self, label: str, column: str | None, where: Location) -> Quantity | None:
        """The total of one column of the table ``label``."""
        table = self.table(label, where)
        if table is None:
            return None
        if column is None:
            candidates = list(table.summed) or [
                c.key for c in table.columns if c.type == "money" and not c.hidden
            ]
            if len(candidates) != 1:
                self.problems.add(
                    "F603",
                    f"the table {quote(label)} has {len(candidates)} columns that could be meant",
                    where,
                    f"name the column: total({quote(label)}, 'key'); the summed columns are: "
                    + ", ".join(c for c in table.sums),
                )
                return None
            column = candidates[0]
        if column not in table.sums:
            self.problems.add(
                "F603",
                f"the table {quote(label)} has no summed column with the key {quote(column)}",
                where,
                "the summed columns are: " + ", ".join(table.sums),
            )
            return None
        found = table.sums[column]
        return Quantity(found.value, found.kind, found.origin, name=label)

    # --- named figures --------------------------------------------------------------------

    def figure(self, name: str, where: Location) -> Quantity | None:
        """The named figure ``name``, computed once."""
        if name in self.figures:
            return self.figures[name]
        if name not in self.specs:
            names = self.figure_names
            self.problems.add(
                "F605",
                f"no figure is named {quote(name)}",
                where,
                names.did_you_mean(name) + f"figures: {names.listed()}",
            )
            return None
        if not self._enter(f"figure {name}", where):
            return None
        try:
            value = self._figure(name, self.specs[name])
        finally:
            self.busy.pop()
        self.figures[name] = value
        return value

    def _figure(self, name: str, entry: FigureEntry) -> Quantity | None:
        here: YamlPath = ("figures", name)
        where = self.positions.locate(here)
        spec = FigureSpec(amount=entry) if isinstance(entry, str) else entry
        given = [k for k in ("amount", "total", "expr", "pay") if getattr(spec, k) is not None]
        if len(given) != 1:
            self.problems.add(
                "F609",
                "a figure is one of an amount, a total, an expression or a pay cost"
                + (f", not {' and '.join(given)}" if given else ""),
                where,
                "give exactly one of 'amount', 'total', 'expr' or 'pay'",
            )
            return None
        value: Quantity | None = None
        if spec.amount is not None:
            at = self.positions.locate(here if isinstance(entry, str) else (*here, "amount"))
            parsed = parse_amount(spec.amount)
            if parsed is None:
                self.problems.add("F600", f"{quote(spec.amount)} is not an amount", at, AMOUNT_HINT)
                return None
            places = parsed.places if parsed.kind == "percentage" else None
            value = Quantity(parsed.value, parsed.kind, Origin("typed", at), places=places)
        elif spec.total is not None:
            value = self.total(spec.total, spec.column, self.positions.locate((*here, "total")))
        elif spec.expr is not None:
            value = Expression(spec.expr, self, self.positions.locate((*here, "expr"))).value()
        elif spec.pay is not None:
            at = self.positions.locate((*here, "pay"))
            fte = parse_amount(spec.pay.fte)
            if fte is None or fte.kind != "number":
                self.problems.add(
                    "F600", f"{quote(spec.pay.fte)} is not an FTE", at, "write e.g. 2"
                )
                return None
            places = 0 if spec.round is None else spec.round
            value = pay_cost(
                self, self.rules, self.problems, spec.pay.grade, fte.value, spec.pay.months,
                places, at, self.positions.locate((*here, "pay", "grade")),
            )  # fmt: skip
        if value is None:
            return None
        if spec.round is not None and spec.pay is None:
            rounded = self.rules.round(value.value, spec.round)
            how = f"{value.origin.how}, rounded to {spec.round} places"
            value = Quantity(rounded, value.kind, Origin(how, value.origin.where))
        kind: FigureKind = spec.kind or value.kind
        value = Quantity(value.value, kind, value.origin, name=name, places=value.places)
        if spec.stated is not None:
            at = self.positions.locate((*here, "stated"))
            stated = parse_amount(spec.stated)
            if stated is None:
                self.problems.add("F600", f"{quote(spec.stated)} is not an amount", at, AMOUNT_HINT)
            elif stated.value != value.value:
                shown = self.rules.figure
                self.problems.add(
                    "F601",
                    f"the stated figure {shown(stated.value, kind)} is not what {quote(name)} "
                    f"computes: {shown(value.value, kind)}",
                    at,
                    f"it is {value.origin.how}; correct the figure or the stated amount",
                )
            else:
                origin = Origin(value.origin.how, value.origin.where, stated.value)
                value = Quantity(value.value, kind, origin, name=name, places=value.places)
        return value

    def check_all(self) -> None:
        """Compute every named figure and labelled table, so each problem is found once."""
        self._deep_chains_first()
        for name in self.specs:
            self.figure(name, self.positions.locate(("figures", name)))
        for label, (_, path) in self.table_specs.items():
            self.table(label, self.positions.locate(path))

    # --- deep chains ----------------------------------------------------------------------

    def _deep_chains_first(self) -> None:
        """When figures and tables depend on each other more than :data:`SHALLOW` deep, compute
        them from the bottom up, each after what it depends on, so that no computation recurses
        more than one step; a circle longer than :data:`LONGEST_CIRCLE` is reported here.

        What lies on a shorter circle is left to be computed when first asked for, as always,
        so the circle is reported at the same place. Reports whose chains are shallower are
        computed as they always were, on demand.
        """
        graph = _Graph(self.specs, self.table_specs)
        order, circles, on_circle, depth = graph.walk()
        if depth <= SHALLOW and not circles:
            return
        for chain, at in circles:
            names = [f"{kind} {name}" for kind, name in chain]
            shown = [*names[:3], f"… ({len(names)} in all)", names[-1], names[0]]
            self.problems.add(
                "F605",
                f"these depend on each other in a circle: {' → '.join(shown)}",
                self.positions.locate(at),
                "compute one of them from something else",
            )
            for kind, name in chain:
                (self.figures if kind == "figure" else self.tables)[name] = None
        for kind, name in order:
            if (kind, name) in on_circle:
                continue
            if kind == "figure":
                self.figure(name, self.positions.locate(("figures", name)))
            else:
                self.table(name, self.positions.locate(self.table_specs[name][1]))


SHALLOW = 32
"""Chains of figures and tables up to this deep are computed on demand, as they are met."""

LONGEST_CIRCLE = 64
"""A circle of more figures and tables than this is reported without following it round."""

_Node = tuple[str, str]
"""A figure or labelled table: ("figure", name) or ("table", label)."""


class _Graph:
    """What each named figure and labelled table uses, read from the report without computing
    anything, and walked without recursion."""

    def __init__(
        self,
        figures: Mapping[str, FigureEntry],
        tables: Mapping[str, tuple[TypedTable, YamlPath]],
    ) -> None:
        self.figures = figures
        self.tables = tables

    def uses(self, node: _Node) -> list[tuple[_Node, YamlPath]]:
        """The figures and tables ``node`` uses, each with the place that names it."""
        kind, name = node
        found: list[tuple[_Node, YamlPath]] = []
        if kind == "figure":
            entry = self.figures[name]
            if isinstance(entry, str):
                return []
            if entry.total is not None:
                found.append((("table", entry.total), ("figures", name, "total")))
            if entry.expr is not None:
                at: YamlPath = ("figures", name, "expr")
                found += [(used, at) for used in _expression_uses(entry.expr)]
        else:
            spec, path = self.tables[name]
            for i, column in enumerate(spec.columns):
                by = column.uplift.by if isinstance(column, Column) and column.uplift else None
                if by is not None and parse_amount(by) is None:
                    found.append((("figure", by), (*path, "columns", i, "uplift", "by")))
            rows = [((*path, "rows", i), row) for i, row in enumerate(spec.rows)]
            for g, group in enumerate(spec.groups):
                here = (*path, "groups", g)
                for j, label in enumerate(group.gather):
                    found.append((("table", label), (*here, "gather", j)))
                rows += [((*here, "rows", i), row) for i, row in enumerate(group.rows)]
            for row_path, row in rows:
                cells = enumerate(row) if isinstance(row, list) else row.items()
                for key, cell in cells:
                    if isinstance(cell, CellSpec) and cell.fig is not None:
                        found.append((("figure", cell.fig), (*row_path, key, "fig")))
        return [
            (used, at)
            for used, at in found
            if (self.figures if used[0] == "figure" else self.tables).get(used[1]) is not None
        ]

    def walk(self) -> tuple[list[_Node], list[tuple[list[_Node], YamlPath]], set[_Node], int]:
        """Every node, each after the nodes it uses (a depth-first post-order, in the report's
        order); the circles longer than :data:`LONGEST_CIRCLE`, each with the place that closes
        it; the nodes on a circle; and the depth of the deepest chain."""
        order: list[_Node] = []
        circles: list[tuple[list[_Node], YamlPath]] = []
        on_circle: set[_Node] = set()
        depth: dict[_Node, int] = {}
        open_at: dict[_Node, int] = {}
        roots = [("figure", n) for n in self.figures] + [("table", t) for t in self.tables]
        for root in roots:
            if root in depth or root in open_at:
                continue
            stack: list[tuple[_Node, Iterator[tuple[_Node, YamlPath]]]] = []
            open_at[root] = 0
            stack.append((root, iter(self.uses(root))))
            while stack:
                node, uses = stack[-1]
                step = next(uses, None)
                if step is None:
                    stack.pop()
                    del open_at[node]
                    depth[node] = 1 + max(
                        (depth.get(used, 0) for used, _ in self.uses(node)), default=0
                    )
                    order.append(node)
                    continue
                used, at = step
                if used in open_at:
                    chain = [n for n, _ in stack[open_at[used] :]]
                    on_circle.update(chain)
                    if len(chain) > LONGEST_CIRCLE:
                        circles.append((chain, at))
                elif used not in depth:
                    open_at[used] = len(stack)
                    stack.append((used, iter(self.uses(used))))
        return order, circles, on_circle, max(depth.values(), default=0)


def _expression_uses(text: str) -> list[_Node]:
    """The figures and tables an expression names, read as :class:`Expression` reads it."""
    source = re.sub(r"(\d+(?:\.\d+)?)\s*%", r"(\1 / 100)", re.sub(r"£\s*", "", text))
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    found: list[_Node] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("fig", "total")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(("figure" if node.func.id == "fig" else "table", node.args[0].value))
    return found


class Expression:
    """An arithmetic expression over numbers and figures, evaluated with exact decimals.

    Python's own parser reads it (:func:`ast.parse`); only numbers, ``+ - * /``, brackets and
    the calls ``fig('name')``, ``total('table')``, ``total('table', 'column')`` and
    ``round(x, places)`` are allowed, so nothing an author writes can run.
    """

    def __init__(self, text: str, calc: Calculator, where: Location) -> None:
        self.text = text
        self.calc = calc
        self.where = where
        self.money = "£" in text
        self.percentage = False

    def fail(self, message: str, hint: str) -> None:
        """Record a problem with the expression."""
        self.calc.problems.add("F607", message, self.where, hint)

    def value(self) -> Quantity | None:
        """The expression's value, or None (the problem recorded)."""
        source = re.sub(r"£\s*", "", self.text)
        source = re.sub(r"(\d+(?:\.\d+)?)\s*%", r"(\1 / 100)", source)
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError as exc:
            self.fail(
                f"the expression cannot be read: {exc.msg}",
                "write e.g. fig('posts') * 30000 * 2, with + - * / and brackets",
            )
            return None
        context = decimal.Context(prec=28, traps=[decimal.InvalidOperation, decimal.DivisionByZero])
        try:
            with decimal.localcontext(context):
                result = self.eval(tree.body)
        except decimal.DivisionByZero:
            self.fail("the expression divides by zero", "check the figures it divides by")
            return None
        except decimal.InvalidOperation:
            self.fail("the expression has no value", "check the figures it uses")
            return None
        if result is None:
            return None
        if abs(result) >= _MAX_VALUE:
            self.fail("the expression's value is far too large", "check the figures it uses")
            return None
        kind: FigureKind = "money" if self.money else "percentage" if self.percentage else "number"
        shown = self.calc.rules.digits(result)
        return Quantity(result, kind, Origin(f"{self.text} = {shown}", self.where))

    def eval(self, node: ast.expr) -> Decimal | None:
        """The value of one node of the expression."""
        match node:
            case ast.Constant(value=bool()):
                pass
            case ast.Constant(value=int() | float() as number):
                return Decimal(str(number))
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                inner = self.eval(operand)
                return None if inner is None else -inner
            case ast.UnaryOp(op=ast.UAdd(), operand=operand):
                return self.eval(operand)
            case ast.BinOp(left=left, op=op, right=right) if isinstance(
                op, ast.Add | ast.Sub | ast.Mult | ast.Div
            ):
                a, b = self.eval(left), self.eval(right)
                if a is None or b is None:
                    return None
                ops: dict[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
                    ast.Add: Decimal.__add__,
                    ast.Sub: Decimal.__sub__,
                    ast.Mult: Decimal.__mul__,
                    ast.Div: Decimal.__truediv__,
                }
                return ops[type(op)](a, b)
            case ast.Call(func=ast.Name(id=name), args=args, keywords=[]):
                return self.call(name, args)
        self.fail(
            f"the expression may not use {quote(ast.unparse(node))}",
            "use numbers, + - * /, brackets, fig('name'), total('table') and round(x, places)",
        )
        return None

    def call(self, name: str, args: list[ast.expr]) -> Decimal | None:
        """The value of a call: fig(), total() or round()."""
        strings = [
            a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        found: Quantity | None = None
        if name == "fig" and len(args) == 1 and len(strings) == 1:
            found = self.calc.figure(strings[0], self.where)
        elif name == "total" and len(args) in (1, 2) and len(strings) == len(args):
            found = self.calc.total(strings[0], strings[1] if len(args) == 2 else None, self.where)
        elif name == "round" and len(args) in (1, 2):
            inner = self.eval(args[0])
            places = args[1] if len(args) == 2 else ast.Constant(0)
            if not (isinstance(places, ast.Constant) and type(places.value) is int):
                self.fail("round() takes a whole number of places", "write round(x, 2)")
                return None
            if inner is None:
                return None
            return self.calc.rules.round(inner, max(0, min(places.value, 6)))
        else:
            self.fail(
                f"{name}() is not something an expression can call like this",
                "use fig('name'), total('table'), total('table', 'column') or round(x, places)",
            )
            return None
        if found is None:
            return None
        self.money = self.money or found.kind == "money"
        self.percentage = self.percentage or found.kind == "percentage"
        return found.value


# --- figures quoted in text -----------------------------------------------------------------


class Quoted:
    """A figure quoted in a text, printed through :meth:`__str__` as a slot."""

    def __init__(
        self,
        quantity: Quantity,
        fmt: FigureFormat,
        rules: HouseRules,
        slots: list[Inlines],
        capital: bool = False,
    ) -> None:
        self.quantity = quantity
        self.fmt = fmt
        self.rules = rules
        self.slots = slots
        self.capital = capital

    def formatted(self, fmt: FigureFormat) -> Quoted:
        """The same figure printed another way."""
        return Quoted(self.quantity, fmt, self.rules, self.slots, self.capital)

    def capitalised(self) -> Quoted:
        """The same figure with a capital first letter, to start a sentence: 'Two posts'."""
        return Quoted(self.quantity, self.fmt, self.rules, self.slots, capital=True)

    def __str__(self) -> str:
        q = self.quantity
        shown = self.rules.figure(q.value, q.kind, self.fmt, q.places)
        if self.capital:
            shown = shown[:1].upper() + shown[1:]
        self.slots.append((Figure(q.value, shown, q.kind, q.origin, q.name),))
        return slot(len(self.slots) - 1)


def _format(fmt: FigureFormat) -> Callable[[Quoted], Quoted]:
    return lambda quoted: quoted.formatted(fmt)


FILTERS: dict[str, Callable[[Quoted], Quoted]] = {
    **{fmt: _format(fmt) for fmt in ("money", "pence", "short", "words", "digits", "percent")},
    "capital": Quoted.capitalised,
}
"""The filters text may apply to a quoted figure, e.g. ``{{ fig('budget') | short }}``."""


class Quoting:
    """``fig()`` and ``total()`` for one text: figures from the calculator, printed as slots."""

    def __init__(self, calc: Calculator, where: Location, slots: list[Inlines]) -> None:
        self.calc = calc
        self.where = where
        self.slots = slots

    def _quote(self, found: Quantity | None) -> Quoted | str:
        if found is None:
            return ""
        return Quoted(found, "default", self.calc.rules, self.slots)

    def fig(self, name: object) -> Quoted | str:
        """The named figure ``name``."""
        return self._quote(self.calc.figure(str(name), self.where))

    def total(self, label: object, column: object = None) -> Quoted | str:
        """The total of the table ``label`` (of ``column`` when it sums several)."""
        key = None if column is None else str(column)
        return self._quote(self.calc.total(str(label), key, self.where))
