"""Computed columns: a difference of two columns, one as a percentage of another, a running total.

A typed table's column may be computed from other columns of the same row (``difference:
[forecast, budget]``, ``percent: [variance, budget]``) or from the rows above it (``running:
amount``). The difference and the percentage are computed in sub-total and total rows too, from
those rows' own amounts, so a total row's percentage is the total variance over the total budget,
not a sum of percentages. Each computed amount carries its working in its
:class:`~reportgen.document.Origin`, as derived amounts do (:mod:`reportgen.resolve.tables`).

A percentage is the first column over the size of the second, so it has the sign of the first
(a variance's) even over a budget of income, which is negative.

A cell typed into a computed column is checked against what the column computes (F611), so a
variance typed by hand cannot disagree with its forecast and budget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from reportgen.document import Origin
from reportgen.errors import Location, YamlPath, quote
from reportgen.resolve.computed import NUMERIC, SUMMABLE, ColumnSpec, Quantity, Value
from reportgen.resolve.style import HouseRules

Fail = Callable[[str, str, YamlPath, str], None]
"""Records a problem: its code, message, place and fix."""


def operands(column: ColumnSpec) -> tuple[str, ...]:
    """The keys of the columns ``column`` is computed from by difference, percent or running."""
    if column.difference:
        return column.difference
    if column.percent:
        return column.percent
    if column.running:
        return (column.running,)
    return ()


def _option(column: ColumnSpec) -> str:
    return "difference" if column.difference else "percent" if column.percent else "running"


def order(
    columns: Sequence[ColumnSpec], fail: Fail, hint: Callable[[str], str]
) -> tuple[ColumnSpec, ...]:
    """The computed columns of a table in the order they can be computed (a column after those
    it is computed from); bad references, unusable types and circles are problems, and a column
    with one is left out (its cells stay as typed)."""
    by_key = {c.key: c for c in columns}
    usable: dict[str, ColumnSpec] = {}
    for column in columns:
        keys = operands(column)
        if not keys:
            continue
        option = _option(column)
        here = (*column.path, option)
        ok = True
        if column.percent and column.type != "percentage":
            fail(
                "F609",
                "'percent' computes a percentage",
                here,
                "give the column 'type: percentage'",
            )
            ok = False
        elif column.difference and column.type not in NUMERIC:
            fail("F609", "'difference' computes a number", here, "give the column a number type")
            ok = False
        elif column.running and column.type not in SUMMABLE:
            fail(
                "F609",
                "'running' computes a running total",
                here,
                "give the column type money, decimal or integer",
            )
            ok = False
        for i, key in enumerate(keys):
            at = here if column.running else (*here, i)
            other = by_key.get(key)
            if other is None:
                fail("F603", f"there is no column with the key {quote(key)}", at, hint(key))
                ok = False
            elif other.type not in (SUMMABLE if column.running else NUMERIC):
                fail(
                    "F603",
                    f"the column {quote(other.title)} holds {other.type}, so '{option}' cannot "
                    "compute from it",
                    at,
                    "name a column of money or numbers",
                )
                ok = False
        if ok:
            usable[column.key] = column
    out: list[ColumnSpec] = []
    done: set[str] = set()
    state: dict[str, str] = {}

    def visit(column: ColumnSpec, chain: tuple[str, ...]) -> bool:
        if column.key in done:
            return True
        if state.get(column.key) == "visiting":
            circle = " → ".join((*chain[chain.index(column.key) :], column.key))
            fail(
                "F610",
                f"computed columns depend on each other in a circle: {circle}",
                (*column.path, _option(column)),
                "compute one of them from a column that is typed",
            )
            return False
        state[column.key] = "visiting"
        fine = True
        for key in operands(column):
            if key in usable and not visit(usable[key], (*chain, column.key)):
                fine = False
        state[column.key] = "seen"
        if fine:
            done.add(column.key)
            out.append(column)
        return fine

    for column in usable.values():
        if column.key not in state:
            visit(column, ())
    return tuple(out)


class ColumnCalc:
    """Computes a table's computed columns in a row, with the working."""

    def __init__(
        self,
        rules: HouseRules,
        ordered: Sequence[ColumnSpec],
        columns: Sequence[ColumnSpec],
        fail: Fail,
        where: Callable[[YamlPath], Location],
    ) -> None:
        self.rules = rules
        self.ordered = tuple(ordered)
        self.by_key = {c.key: c for c in columns}
        self.fail = fail
        self.where = where
        self.running: dict[str, Decimal] = {}

    def show(self, column: ColumnSpec, value: Decimal) -> str:
        """An operand as the working shows it: £74,863, 38.25 or 5.85%."""
        if column.type == "money":
            return self.rules.money(value, pence=column.pence)
        if column.type == "percentage":
            return self.rules.percent(value)
        return self.rules.digits(value)

    def _unit(self, column: ColumnSpec) -> str:
        places = column.unit_places
        if column.type == "percentage":
            places -= 2
            return f"{places} decimal place{'s' if places != 1 else ''} of a per cent"
        return {0: "the pound" if column.type == "money" else "a whole number", 2: "the penny"}.get(
            places, f"{places} places"
        )

    def compute(self, column: ColumnSpec, values: dict[str, Value], path: YamlPath) -> Value:
        """The value of the difference or percentage ``column`` from the row's ``values``, or
        None when an operand has no number (or the divisor is nil)."""
        rules = self.rules
        if column.difference:
            a, b = (self.by_key[k] for k in column.difference)
            x, y = values.get(a.key), values.get(b.key)
            if not isinstance(x, Quantity) or not isinstance(y, Quantity):
                return None
            exact = x.value - y.value
            value = rules.round(exact, column.unit_places)
            how = f"{a.key} {self.show(a, x.value)} − {b.key} {self.show(b, y.value)}"
            if value != exact:
                how += f" = {rules.digits(exact)}, rounded to {self._unit(column)}"
            kind = "money" if column.type == "money" else column.type
            return Quantity(value, kind, Origin(how, self.where(path)), places=None)  # type: ignore[arg-type]
        if column.percent:
            a, b = (self.by_key[k] for k in column.percent)
            x, y = values.get(a.key), values.get(b.key)
            if not isinstance(x, Quantity) or not isinstance(y, Quantity) or y.value == 0:
                return None
            exact = x.value / abs(y.value)
            value = rules.round(exact, column.unit_places)
            size = "" if y.value > 0 else " (its size)"
            how = (
                f"{a.key} {self.show(a, x.value)} ÷ {b.key} {self.show(b, y.value)}{size} = "
                f"{rules.digits(rules.round(exact * 100, 6))}%, rounded to {self._unit(column)}"
            )
            return Quantity(
                value, "percentage", Origin(how, self.where(path)), places=column.places
            )
        return None

    def body(self, values: dict[str, Value], notes: set[str], paths: dict[str, YamlPath]) -> None:
        """Fill in the computed columns of a body row (``values`` is updated); a cell typed in a
        computed column must agree with what it computes; a note is left as it is."""
        for column in self.ordered:
            if column.key in notes:
                continue
            path = paths[column.key]
            if column.running:
                source = self.by_key[column.running]
                here = values.get(source.key)
                before = self.running.get(column.key, Decimal(0))
                if not isinstance(here, Quantity):
                    computed: Value = None
                else:
                    after = before + here.value
                    self.running[column.key] = after
                    how = (
                        f"running total of {source.key}: {self.show(source, before)} + "
                        f"{self.show(source, here.value)}"
                    )
                    kind = "money" if column.type == "money" else column.type
                    computed = Quantity(after, kind, Origin(how, self.where(path)))  # type: ignore[arg-type]
            else:
                computed = self.compute(column, values, path)
            typed = values.get(column.key)
            if isinstance(typed, Quantity) and isinstance(computed, Quantity):
                if typed.value != computed.value:
                    self.fail(
                        "F611",
                        f"{self.show(column, typed.value)} is typed in the column "
                        f"{quote(column.title)}, which computes {self.show(column, computed.value)}"
                        f" here: {computed.origin.how}",
                        path,
                        "correct the amounts it is computed from, or leave the cell empty (~) "
                        "to print the computed one",
                    )
                    continue
                origin = replace(computed.origin, stated=typed.value)
                values[column.key] = replace(computed, origin=origin, places=typed.places)
            elif computed is not None and typed is None:
                values[column.key] = computed

    def totals(self, values: dict[str, Value], stated: set[str], path: YamlPath) -> None:
        """Fill in the difference and percentage columns of a sub-total or total row from its
        own amounts (``values`` is updated); a stated amount is kept as stated."""
        for column in self.ordered:
            if column.running or column.key in stated:
                continue
            computed = self.compute(column, values, path)
            if computed is not None:
                values[column.key] = computed
