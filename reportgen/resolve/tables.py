"""Typed tables: every cell checked against its column, derived amounts, sub-totals and totals.

This is where a table's amounts are decided: each cell is read by its column's type, derived
amounts (pay scale, uplift, product) are computed and rounded once to the column's unit, groups
gather rows from other tables, and every sum adds the rounded amounts printed above it, so a
table always foots. A stated total that differs from the computed one is an error showing both.

Named figures and other tables are reached through
:class:`~reportgen.resolve.computed.Lookup`, which
:class:`~reportgen.resolve.figures.Calculator` implements (it also catches cycles).
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from reportgen.document import (
    FigureKind,
    Origin,
    RowRole,
)
from reportgen.errors import Location, Problems, YamlPath, quote
from reportgen.load import Positions
from reportgen.model_figures import (
    CellSpec,
    Column,
    ColumnType,
    Group,
    RowEntry,
    Stated,
    Total,
    TypedTable,
)
from reportgen.resolve.amounts import AMOUNT_HINT, parse_amount
from reportgen.resolve.columns import ColumnCalc, order
from reportgen.resolve.computed import (
    NUMERIC,
    SUMMABLE,
    ColumnSpec,
    ComputedRow,
    ComputedTable,
    DateValue,
    Lookup,
    NoteValue,
    Quantity,
    TextValue,
    Value,
)
from reportgen.resolve.ledger import allowance
from reportgen.resolve.ledger import check as ledger_check
from reportgen.resolve.style import HouseRules

_COMPUTES = ("pay", "uplift", "product", "difference", "percent", "running")
"""The ways a column can be computed, one to a column."""


def _split_number(cells: Sequence[object]) -> tuple[str, str] | None:
    """Two neighbouring cells that look like one number YAML split at its comma: '3', '643'."""
    for a, b in itertools.pairwise(cells):
        if (
            isinstance(a, str)
            and isinstance(b, str)
            and re.fullmatch(r"£?\d{1,3}", a.strip())
            and re.fullmatch(r"\d{3}(?:\.\d+)?", b.strip())
        ):
            return a.strip(), b.strip()
    return None


def _any(rows: Sequence[ComputedRow], key: str) -> bool:
    """Whether any of ``rows`` has a number in column ``key`` (else its sum prints blank)."""
    return any(isinstance(r.values.get(key), Quantity) for r in rows)


def slug(title: str) -> str:
    """A column's default key: its title in lower case, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())) or "column"


def _kind(column_type: ColumnType) -> FigureKind:
    return "money" if column_type == "money" else column_type  # type: ignore[return-value]


class TableCalc:
    """Computes one typed table."""

    def __init__(
        self,
        table: TypedTable,
        path: YamlPath,
        lookup: Lookup,
        rules: HouseRules,
        positions: Positions,
        problems: Problems,
    ) -> None:
        self.table = table
        self.path = path
        self.lookup = lookup
        self.rules = rules
        self.positions = positions
        self.problems = problems
        self.name = table.label or (table.caption or "this table")

    def where(self, path: YamlPath) -> Location:
        """The place of ``path`` in the report."""
        return self.positions.locate(path)

    def fail(self, code: str, message: str, path: YamlPath, hint: str = "") -> None:
        """Record a problem at ``path``."""
        self.problems.add(code, message, self.where(path), hint)

    # --- columns --------------------------------------------------------------------------

    def columns(self) -> tuple[ColumnSpec, ...]:
        """The table's columns with their defaults; bad definitions are problems."""
        out: list[ColumnSpec] = []
        for i, entry in enumerate(self.table.columns):
            here = (*self.path, "columns", i)
            spec = entry if isinstance(entry, Column) else Column(title=entry)
            key = spec.key or slug(spec.title)
            if any(c.key == key for c in out):
                self.fail(
                    "F608",
                    f"two columns have the key {quote(key)}",
                    here,
                    "give each column its own 'key'",
                )
            computes = [f"'{k}'" for k in _COMPUTES if getattr(spec, k) is not None]
            if len(computes) > 1:
                self.fail(
                    "F609",
                    "a column can be computed one way only",
                    here,
                    f"keep one of {', '.join(computes[:-1])} and {computes[-1]}",
                )
            if (spec.pay or spec.uplift) and spec.type != "money":
                self.fail(
                    "F609",
                    "'pay' and 'uplift' compute amounts of money",
                    here,
                    "give the column 'type: money'",
                )
            if spec.unit != "pounds" and (spec.type != "money" or spec.short or spec.pence):
                self.fail(
                    "F609",
                    f"'unit: {spec.unit}' goes with a money column printed in that unit",
                    here,
                    "give the column 'type: money', without 'short' or 'pence'",
                )
            if spec.product and spec.type not in SUMMABLE:
                self.fail(
                    "F609",
                    "'product' computes a number",
                    here,
                    "give the column type money, decimal or integer",
                )
            out.append(
                ColumnSpec(
                    key,
                    spec.title,
                    spec.type,
                    spec.pence,
                    spec.short,
                    spec.places
                    if spec.unit == "pounds" or "places" in spec.model_fields_set
                    else 0,
                    spec.width,
                    spec.hidden,
                    spec.default,
                    spec.pay,
                    spec.uplift,
                    tuple(spec.product) if spec.product else None,
                    here,
                    spec.unit,
                    (spec.difference[0], spec.difference[1]) if spec.difference else None,
                    (spec.percent[0], spec.percent[1]) if spec.percent else None,
                    spec.running,
                    spec.unit_heading,
                )
            )
        keys = {c.key for c in out}
        for c in out:
            needed: list[tuple[str, str]] = []
            if c.pay:
                needed += [(c.pay.grade, "grade"), (c.pay.fte, "fte")]
            if c.uplift:
                needed.append((c.uplift.of, "of"))
            needed += [(k, "product") for k in c.product or ()]
            for key, what in needed:
                if key not in keys:
                    self.fail(
                        "F603",
                        f"there is no column with the key {quote(key)}",
                        (*c.path, "pay" if c.pay else "uplift" if c.uplift else "product"),
                        self.key_hint(key, keys) + f" ('{what}' names a column of this table)",
                    )
        ordered = order(out, self.fail, lambda key: self.key_hint(key, keys))
        self.calc = ColumnCalc(self.rules, ordered, out, self.fail, self.where)
        return tuple(out)

    @staticmethod
    def key_hint(key: str, keys: set[str] | Sequence[str]) -> str:
        """A fix naming the closest column key and all of them."""
        close = difflib.get_close_matches(key, sorted(keys), n=1)
        known = ", ".join(sorted(keys))
        return (
            f"did you mean {quote(close[0])}? " if close else ""
        ) + f"the column keys are: {known}"

    # --- cells ----------------------------------------------------------------------------

    def typed(self, column: ColumnSpec, raw: str, path: YamlPath) -> Value:
        """The value of a cell typed as ``raw`` in ``column``."""
        text = raw.strip()
        if column.type == "text":
            return TextValue(raw, path) if text else None
        if not text:
            return None
        origin = Origin("typed", self.where(path))
        if column.type == "date":
            try:
                return DateValue(dt.date.fromisoformat(text))
            except ValueError:
                self.fail("F600", f"{quote(text)} is not a date", path, "write it as YYYY-MM-DD")
                return None
        parsed = parse_amount(text)
        if parsed is None:
            self.fail(
                "F600",
                f"{quote(text)} is not a number, and the column {quote(column.title)} "
                f"holds {column.type}",
                path,
                AMOUNT_HINT + "; for words instead of a value write {note: ...}",
            )
            return None
        value = parsed.value
        if column.type == "money" and column.unit != "pounds":
            if parsed.scaled:
                self.fail(
                    "F600",
                    f"{quote(text)} is in pounds, but the column {quote(column.title)} is "
                    f"typed in {column.unit}",
                    path,
                    f"write the amount in {column.unit}, without k, m or bn",
                )
                return None
            value = value * column.scale
        if column.type == "percentage" and parsed.kind != "percentage":
            value = value / 100
        elif column.type != "money" and parsed.kind == "money":
            self.fail(
                "F600",
                f"{quote(text)} is money, but the column {quote(column.title)} holds {column.type}",
                path,
                "give the column 'type: money', or write the number without £",
            )
            return None
        elif column.type != "percentage" and parsed.kind == "percentage":
            self.fail(
                "F600",
                f"{quote(text)} is a percentage, but the column {quote(column.title)} "
                f"holds {column.type}",
                path,
                "give the column 'type: percentage', or write the number without %",
            )
            return None
        if value != self.rules.round(value, column.unit_places):
            unit = {
                "money": "whole pounds" if not column.pence else "pounds and pence",
                **{
                    unit: f"whole {unit}"
                    if not column.places
                    else f"{column.places} decimal places of {unit}"
                    for unit in ("thousands", "millions")
                },
                "integer": "whole numbers",
            }.get(
                column.unit if column.type == "money" else column.type,
                f"at most {column.places} decimal places",
            )
            more = (
                " or give the column 'pence: true'"
                if column.type == "money" and not column.pence and column.unit == "pounds"
                else " or give the column more 'places'"
                if column.unit != "pounds"
                else ""
            )
            self.fail(
                "F600",
                f"{quote(text)} has more decimal places than the column "
                f"{quote(column.title)} holds ({unit})",
                path,
                f"round it{more}",
            )
            return None
        places = parsed.places if column.type == "percentage" else None
        return Quantity(value, _kind(column.type), origin, places=places)

    def cell(self, column: ColumnSpec, raw: str | CellSpec | None, path: YamlPath) -> Value:
        """The value of one cell as written (computed columns are filled in later)."""
        if raw is None:
            return self.typed(column, column.default, path) if column.default else None
        if isinstance(raw, str):
            return self.typed(column, raw, path)
        if raw.text is not None or raw.rows > 1 or raw.columns > 1:
            return self.spanning(column, raw, path)
        given = [k for k in ("note", "value", "fig") if getattr(raw, k) is not None]
        if len(given) > 1:
            self.fail(
                "F609",
                f"a cell holds one of a note, a value or a figure, not {' and '.join(given)}",
                path,
                "keep one of them",
            )
            return None
        if raw.note is not None:
            return NoteValue(raw.note)
        if raw.per is not None and column.type != "money":
            self.fail("F609", "'per' goes with amounts of money", (*path, "per"), "remove it")
        if raw.months is not None and column.pay is None:
            self.fail(
                "F609",
                "'months' goes with a column computed from the pay scale",
                (*path, "months"),
                "remove it, or give the column 'pay:'",
            )
        value: Value = None
        if raw.value is not None:
            value = self.typed(column, raw.value, (*path, "value"))
        elif raw.fig is not None:
            figure = self.lookup.figure(raw.fig, self.where((*path, "fig")))
            if figure is not None:
                value = replace(
                    figure, kind=_kind(column.type) if column.type in NUMERIC else figure.kind
                )
        if isinstance(value, Quantity) and raw.per is not None:
            value = replace(value, per=raw.per)
        return value

    def spanning(self, column: ColumnSpec, raw: CellSpec, path: YamlPath) -> Value:
        """A text cell written as a mapping: its text, and the rows and columns it spans."""
        others = [
            k for k in ("note", "value", "fig", "per", "months") if getattr(raw, k) is not None
        ]
        if column.type != "text" or others:
            self.fail(
                "F609",
                "'text', 'rows' and 'columns' go with a text column's cell"
                + (f", not with {' and '.join(others)}" if others else ""),
                path,
                "write the cell as its value, or make the column a text column",
            )
            return None
        where = path if raw.text is None else (*path, "text")
        return TextValue(raw.text or "", where, raw.rows, raw.columns)

    def row(
        self, columns: Sequence[ColumnSpec], entry: RowEntry, path: YamlPath
    ) -> ComputedRow | None:
        """A body row read from ``entry``, its computed columns filled in."""
        raw: dict[str, str | CellSpec | None] = {}
        paths: dict[str, YamlPath] = {}
        if isinstance(entry, list):
            if len(entry) != len(columns):
                split = _split_number(entry)
                hint = (
                    f"{quote(split[0])} and {quote(split[1])} look like one number, "
                    f"{split[0]},{split[1]}, "
                    f"that YAML split at its comma: write {split[0]}{split[1]} or quote it, "
                    f'"{split[0]},{split[1]}"'
                    if split
                    else "give one cell per column, in order; leave a cell empty with ~"
                )
                self.fail(
                    "F602",
                    f"this row has {len(entry)} cells but the table has {len(columns)} columns "
                    f"({', '.join(c.title for c in columns)})",
                    path,
                    hint,
                )
                return None
            for i, (column, cell) in enumerate(zip(columns, entry, strict=True)):
                raw[column.key] = cell
                paths[column.key] = (*path, i)
        else:
            keys = {c.key for c in columns}
            for key, cell in entry.items():
                if key not in keys:
                    self.problems.add(
                        "F603",
                        f"there is no column with the key {quote(key)}",
                        self.positions.locate((*path, key), key=True),
                        self.key_hint(key, keys),
                    )
                    continue
                raw[key] = cell
                paths[key] = (*path, key)
        values: dict[str, Value] = {}
        for column in columns:
            here = paths.get(column.key, path)
            values[column.key] = self.cell(column, raw.get(column.key), here)
        for column in columns:
            cell = raw.get(column.key)
            spec = cell if isinstance(cell, CellSpec) else None
            if values[column.key] is None and not (spec and spec.note):
                months = spec.months if spec else None
                values[column.key] = self.derive(
                    column, values, months, paths.get(column.key, path)
                )
        notes = {k for k, v in values.items() if isinstance(v, NoteValue)}
        self.calc.body(values, notes, {c.key: paths.get(c.key, path) for c in columns})
        return ComputedRow("body", values, path=path)

    # --- derived amounts ------------------------------------------------------------------

    def number(self, values: dict[str, Value], key: str) -> Quantity | None:
        """The number in column ``key`` of a row, if it holds one."""
        value = values.get(key)
        return value if isinstance(value, Quantity) else None

    def derive(
        self, column: ColumnSpec, values: dict[str, Value], months: str | None, path: YamlPath
    ) -> Value:
        """The computed amount of ``column`` in a row, or None when it computes nothing."""
        rules = self.rules
        where = self.where(path)
        places = column.unit_places
        unit = {0: "the pound", 2: "the penny"}.get(places, f"{places} places")
        if column.pay is not None:
            return self.pay(column, values, months, path)
        if column.uplift is not None:
            base = self.number(values, column.uplift.of)
            by = self.percentage(column.uplift.by, (*column.path, "uplift", "by"))
            if base is None or by is None:
                return None
            exact = base.value * (1 + by.value)
            value = rules.round(exact, places)
            how = (
                f"{rules.money(base.value)} × (1 + {rules.percent(by.value)}) = "
                f"{rules.digits(exact)}, rounded to {unit}"
            )
            return Quantity(value, "money", Origin(how, where), per=base.per)
        if column.product is not None:
            factors = [self.number(values, key) for key in column.product]
            if any(f is None for f in factors):
                return None
            exact = Decimal(1)
            shown: list[str] = []
            for f in factors:
                assert f is not None
                exact *= f.value
                shown.append(rules.money(f.value) if f.kind == "money" else rules.digits(f.value))
            value = rules.round(exact, places)
            how = " × ".join(shown) + f" = {rules.digits(exact)}, rounded to {unit}"
            return Quantity(value, _kind(column.type), Origin(how, where))
        return None

    def percentage(self, text: str, path: YamlPath) -> Quantity | None:
        """An uplift: a percentage as typed, or a named figure that holds one."""
        parsed = parse_amount(text)
        if parsed is not None and parsed.kind == "percentage":
            return Quantity(parsed.value, "percentage", Origin("typed", self.where(path)))
        if parsed is None and re.fullmatch(r"[a-z][a-z0-9-]*", text):
            return self.lookup.figure(text, self.where(path))
        self.fail(
            "F600",
            f"{quote(text)} is not a percentage or the name of a figure",
            path,
            "write e.g. 5.85%, or the name of a figure under 'figures:'",
        )
        return None

    def pay(
        self, column: ColumnSpec, values: dict[str, Value], months: str | None, path: YamlPath
    ) -> Value:
        """A row's cost from the pay scale, or None when the row has no grade or FTE."""
        assert column.pay is not None
        grade_value = values.get(column.pay.grade)
        fte = self.number(values, column.pay.fte)
        if not isinstance(grade_value, TextValue) or fte is None:
            return None
        where = self.where(path)
        grade = grade_value.source.strip()
        return pay_cost(
            self.lookup,
            self.rules,
            self.problems,
            grade,
            fte.value,
            months or column.pay.months,
            column.unit_places,
            where,
            self.where(grade_value.path),
        )

    # --- groups and sums ------------------------------------------------------------------

    def gathered(
        self, columns: Sequence[ColumnSpec], label: str, path: YamlPath
    ) -> list[ComputedRow]:
        """The body rows of the table ``label``, as rows of this table."""
        source = self.lookup.table(label, self.where(path))
        if source is None:
            return []
        rows: list[ComputedRow] = []
        for src in source.body:
            values: dict[str, Value] = {}
            for column in columns:
                theirs = source.column(column.key)
                value = src.values.get(column.key) if theirs is not None else None
                if theirs is not None and (theirs.type in NUMERIC) != (column.type in NUMERIC):
                    self.fail(
                        "F603",
                        f"the column {quote(column.key)} holds {column.type} here but "
                        f"{theirs.type} in the table {quote(label)}",
                        path,
                        "give the columns the same type, or different keys",
                    )
                    value = None
                if value is None and column.default:
                    value = self.typed(column, column.default, column.path)
                values[column.key] = value
            rows.append(ComputedRow("body", values, path=src.path))
        return rows

    def sums(
        self, columns: Sequence[ColumnSpec], rows: Sequence[ComputedRow], what: str, path: YamlPath
    ) -> dict[str, Quantity]:
        """The sum of each summable column over ``rows``, with the working."""
        out: dict[str, Quantity] = {}
        where = self.where(path)
        for column in columns:
            if column.type not in SUMMABLE or column.running:
                continue
            terms = [v.value for r in rows if isinstance(v := r.values.get(column.key), Quantity)]
            total = sum(terms, Decimal(0))
            added = " + ".join(self.show_plain(column, t) for t in terms) or "nothing"
            how = f"sum of {len(terms)} rows of {what}, column {quote(column.title)}: {added}"
            out[column.key] = Quantity(total, _kind(column.type), Origin(how, where))
        return out

    def show_plain(self, column: ColumnSpec, value: Decimal) -> str:
        """An amount of ``column`` as a term of a sum: 74,863."""
        if column.type == "money":
            return self.rules.money(value, pence=column.pence, symbol=False)
        return self.rules.digits(value)

    def summed(self, columns: Sequence[ColumnSpec], total: Total | None) -> tuple[str, ...]:
        """The keys of the columns the totals rows print."""
        keys = {c.key: c for c in columns}
        if total is None:
            return ()
        if total.columns is None:
            return tuple(
                c.key for c in columns if c.type == "money" and not c.hidden and not c.running
            )
        out: list[str] = []
        for i, key in enumerate(total.columns):
            here = (*self.path, "total", "columns", i)
            if key not in keys:
                self.fail(
                    "F603",
                    f"there is no column with the key {quote(key)}",
                    here,
                    self.key_hint(key, set(keys)),
                )
            elif keys[key].type not in SUMMABLE:
                self.fail(
                    "F603",
                    f"the column {quote(keys[key].title)} holds {keys[key].type}, "
                    "which is not summed",
                    here,
                    "sum money, decimal or integer columns",
                )
            else:
                out.append(key)
        return tuple(out)

    def check_stated(
        self,
        stated: Stated | None,
        sums: dict[str, Quantity],
        summed: Sequence[str],
        columns: Sequence[ColumnSpec],
        path: YamlPath,
        what: str,
        rows: Sequence[ComputedRow] = (),
        from_ledger: bool = False,
    ) -> set[str]:
        """Compare the author's stated total(s) with the computed ones; a total that agrees
        records what was stated in its origin (``sums`` is updated). From the ledger, a stated
        total within what rounding ``rows`` can explain replaces the computed one. The keys of
        the totals stated and accepted are returned."""
        accepted: set[str] = set()
        if stated is None:
            return accepted
        if isinstance(stated, str):
            if len(summed) != 1:
                self.fail(
                    "F601",
                    f"this {what} sums {len(summed)} columns, so a single stated amount is unclear",
                    path,
                    "state it by column key, e.g. stated: {cost: 262816}",
                )
                return accepted
            given = {summed[0]: (stated, path)}
        else:
            given = {k: (v, (*path, k)) for k, v in stated.items()}
        by_key = {c.key: c for c in columns}
        for key, (text, here) in given.items():
            if key not in summed:
                self.fail(
                    "F603",
                    f"the {what} does not sum a column with the key {quote(key)}",
                    here,
                    self.key_hint(key, summed),
                )
                continue
            parsed = parse_amount(text)
            if parsed is None:
                self.fail("F600", f"{quote(text)} is not a number", here, AMOUNT_HINT)
                continue
            column = by_key[key]
            if column.type == "money" and column.unit != "pounds" and not parsed.scaled:
                parsed = replace(parsed, value=parsed.value * column.scale)
            computed = sums[key]
            terms = sum(1 for r in rows if isinstance(r.values.get(key), Quantity))
            checked = (
                ledger_check(parsed.value, computed.value, terms, column.rounding)
                if from_ledger and parsed.value != computed.value
                else None
            )
            if checked is not None:
                origin = replace(computed.origin, stated=parsed.value, ledger=checked)
                sums[key] = replace(computed, value=parsed.value, origin=origin)
                self.rounding_note = True
                accepted.add(key)
            elif parsed.value != computed.value and from_ledger:
                added = computed.origin.how.split(": ", 1)[-1]
                most = allowance(terms, column.rounding)
                self.fail(
                    "F601",
                    f"the stated {what} {self.show(column, parsed.value)} is further from what "
                    f"the rows add to, {self.show(column, computed.value)}, than rounding "
                    f"{terms} rows can explain (at most {self.show(column, most)})",
                    here,
                    f"the rows add {added}; correct the rows or the stated {what}",
                )
            elif parsed.value != computed.value:
                added = computed.origin.how.split(": ", 1)[-1]
                self.fail(
                    "F601",
                    f"the stated {what} {self.show(column, parsed.value)} is not what the rows "
                    f"add to: {self.show(column, computed.value)}",
                    here,
                    f"the rows add {added}; correct the rows or the stated {what}",
                )
            else:
                sums[key] = replace(computed, origin=replace(computed.origin, stated=parsed.value))
                accepted.add(key)
        return accepted

    def show(self, column: ColumnSpec, value: Decimal) -> str:
        """An amount of ``column`` in full: £74,863."""
        if column.type == "money":
            return self.rules.money(value, pence=column.pence)
        return self.rules.digits(value)

    # --- the whole table ------------------------------------------------------------------

    def compute(self) -> ComputedTable:
        """The computed table: every row, group, sub-total and total."""
        t = self.table
        self.rounding_note = False
        columns = self.columns()
        total = _as_total(t.total)
        summed = self.summed(columns, total)
        printed: list[ComputedRow] = []
        body: list[ComputedRow] = []
        for i, entry in enumerate(t.rows):
            row = self.row(columns, entry, (*self.path, "rows", i))
            if row is not None:
                body.append(row)
                printed.append(row)
        default_subtotal = (total.subtotal if total else None) or self.rules.style.subtotal_label
        from_ledger = total.ledger if total else False
        body += self.groups(
            columns, t.groups, "groups", total, summed, default_subtotal, from_ledger, printed
        )
        sums = self.sums(columns, body, self.name, self.path)
        if total is not None:
            here = (*self.path, "total")
            label = total.label or self.rules.style.total_label
            printed.append(
                self.totals_row(
                    columns, summed, body, sums, total.stated, total.ledger, "total", label, here
                )
            )
        after: list[ComputedRow] = []
        if t.after:
            if total is None:
                self.fail(
                    "F609",
                    "'after' holds rows printed after the totals row, and this table has none",
                    (*self.path, "after"),
                    "give the table 'total:', or put the groups under 'groups:'",
                )
            after = self.groups(
                columns, t.after, "after", total, summed, default_subtotal, from_ledger, printed
            )
        then = _as_total(t.then)
        if then is not None and (total is None or not t.after):
            self.stray(t, "then")
        elif then is not None:
            here = (*self.path, "then")
            if then.subtotal is not None or then.columns is not None:
                self.fail(
                    "F609",
                    "the last total sums the columns the table's total sums",
                    here,
                    "give 'then' its 'label', and 'stated' or 'ledger' if you need them",
                )
            final = self.then_sums(columns, sums, after, here)
            label = then.label or self.rules.style.total_label
            printed.append(
                self.totals_row(
                    columns,
                    summed,
                    body + after,
                    final,
                    then.stated,
                    then.ledger or from_ledger,
                    "total",
                    label,
                    here,
                )
            )
        return ComputedTable(
            t.label,
            columns,
            tuple(printed),
            tuple(body + after),
            sums,
            summed,
            t.caption or t.title,
            self.path,
            self.rounding_note,
        )

    def then_sums(
        self,
        columns: Sequence[ColumnSpec],
        total: dict[str, Quantity],
        after: Sequence[ComputedRow],
        path: YamlPath,
    ) -> dict[str, Quantity]:
        """The last total: the total as printed (stated, when it is) and the rows after it."""
        out: dict[str, Quantity] = {}
        where = self.where(path)
        for key, rest in self.sums(columns, after, self.name, path).items():
            column = next(c for c in columns if c.key == key)
            first = total[key]
            terms = [v.value for r in after if isinstance(v := r.values.get(key), Quantity)]
            added = " + ".join(self.show_plain(column, t) for t in terms) or "nothing"
            how = (
                f"the total {self.show_plain(column, first.value)} and {len(terms)} rows after "
                f"it, column {quote(column.title)}: {added}"
            )
            out[key] = Quantity(first.value + rest.value, rest.kind, Origin(how, where))
        return out

    def stray(self, t: TypedTable, key: str) -> None:
        """A problem for ``then`` given where it prints nothing."""
        self.fail(
            "F609",
            "'then' is the last total after the groups under 'after'",
            (*self.path, key),
            "give the table 'total:' and 'after:', or remove 'then'",
        )

    def groups(
        self,
        columns: Sequence[ColumnSpec],
        groups: Sequence[Group],
        key: str,
        total: Total | None,
        summed: Sequence[str],
        default_subtotal: str,
        from_ledger: bool,
        printed: list[ComputedRow],
    ) -> list[ComputedRow]:
        """The body rows of ``groups`` (under ``key``), their headings and sub-totals appended
        to ``printed``."""
        body: list[ComputedRow] = []
        for g, group in enumerate(groups):
            here = (*self.path, key, g)
            if group.group is not None:
                printed.append(ComputedRow("group", label=group.group, path=here))
            rows: list[ComputedRow] = []
            for j, label in enumerate(group.gather):
                rows += self.gathered(columns, label, (*here, "gather", j))
            for i, entry in enumerate(group.rows):
                row = self.row(columns, entry, (*here, "rows", i))
                if row is not None:
                    rows.append(row)
            body += rows
            printed += rows
            if total is not None:
                name = group.group or group.subtotal or f"{g + 1}"
                what = f"group {quote(name)} of {self.name}"
                sums = self.sums(columns, rows, what, (*here, "group"))
                printed.append(
                    self.totals_row(
                        columns,
                        summed,
                        rows,
                        sums,
                        group.stated,
                        from_ledger if group.ledger is None else group.ledger,
                        "subtotal",
                        group.subtotal or default_subtotal,
                        here,
                    )
                )
        return body

    def totals_row(
        self,
        columns: Sequence[ColumnSpec],
        summed: Sequence[str],
        rows: Sequence[ComputedRow],
        sums: dict[str, Quantity],
        stated: Stated | None,
        from_ledger: bool,
        role: RowRole,
        label: str,
        here: YamlPath,
    ) -> ComputedRow:
        """A sub-total or total row of ``rows``: its sums (``sums`` is updated by what is stated)
        and its computed columns."""
        what = "sub-total" if role == "subtotal" else "total"
        accepted = self.check_stated(
            stated, sums, summed, columns, (*here, "stated"), what, rows, from_ledger
        )
        values: dict[str, Value] = {k: sums[k] for k in summed if _any(rows, k)}
        self.calc.totals(values, accepted, here)
        return ComputedRow(role, values, label, here)


def _as_total(given: Total | str | bool | None) -> Total | None:
    """A table's ``total:`` as a mapping: ``true`` or a label give the house defaults (YAML's
    ``true`` reaches the model as the text 'true', which a label would also be)."""
    if given is True or given == "true":
        return Total()
    if isinstance(given, str):
        return Total(label=given)
    if isinstance(given, Total):
        return given
    return None


def pay_cost(
    lookup: Lookup,
    rules: HouseRules,
    problems: Problems,
    grade: str,
    fte: Decimal,
    months_text: str,
    places: int,
    where: Location,
    grade_where: Location,
) -> Quantity | None:
    """A grade's annual cost × FTE × months ÷ 12, rounded to ``places``: the pay-scale rule."""
    found = lookup.pay_scale(where)
    if found is None:
        return None
    scale, file = found
    months = parse_amount(months_text)
    if months is None or months.kind != "number" or not 0 < months.value <= 120:
        problems.add(
            "F600", f"{quote(months_text)} is not a number of months", where, "write e.g. 7"
        )
        return None
    if grade not in scale.grades:
        close = difflib.get_close_matches(grade, list(scale.grades), n=1)
        hint = (f"did you mean {quote(close[0])}? " if close else "") + (
            f"the grades in {file} are: {', '.join(scale.grades)}"
        )
        problems.add("F606", f"the pay scale has no grade {quote(grade)}", grade_where, hint)
        return None
    annual = parse_amount(scale.grades[grade])
    if annual is None:  # checked when the scale was loaded
        return None
    exact = annual.value * fte * months.value / 12
    value = rules.round(exact, places)
    unit = {0: "the pound", 2: "the penny"}.get(places, f"{places} places")
    how = (
        f"{grade} {rules.money(annual.value)} a year × {rules.digits(fte)} FTE × "
        f"{rules.digits(months.value)}/12 months = {rules.money(exact, pence=True)}, rounded to "
        f"{unit} (pay scale {file})"
    )
    return Quantity(value, "money", Origin(how, where))
