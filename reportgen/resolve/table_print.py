"""Print a computed table as the document's :class:`~reportgen.document.Table`.

Each amount's printed form (with or without £, to the penny, short, per session) is decided
here through the house style, once; writers print the cells as they are.
"""

from __future__ import annotations

from typing import Protocol

from reportgen.document import Cell, Figure, Inlines, LineBreak, Para, Row, Table, Text
from reportgen.errors import YamlPath
from reportgen.resolve.computed import (
    NUMERIC,
    ColumnSpec,
    ComputedTable,
    DateValue,
    NoteValue,
    Quantity,
    TextValue,
    Value,
)
from reportgen.resolve.style import HouseRules


class Printer:
    """Turns a computed table into the document's :class:`~reportgen.document.Table`."""

    def __init__(self, rules: HouseRules, text: TextContent) -> None:
        self.rules = rules
        self.text = text

    def value(self, column: ColumnSpec, value: Value) -> Cell:
        """The cell printing ``value`` in ``column``."""
        rules = self.rules
        match value:
            case None:
                return Cell((), numeric=column.type in NUMERIC)
            case TextValue(source, path, rows, columns):
                return Cell(self.text(source, path), span=columns, rows=rows)
            case NoteValue(text):
                return Cell((Text(text),), numeric=column.type in NUMERIC, note=True)
            case DateValue(date):
                return Cell((Text(rules.date(date)),))
            case Quantity():
                if column.type == "money" and column.unit != "pounds":
                    shown = rules.in_unit(value.value, column.scale, column.places)
                elif column.type == "money":
                    symbol = not column.title.rstrip().endswith(rules.style.money.symbol) and (
                        self.unit_mark(column) is None
                    )
                    shown = (
                        rules.short_money(value.value, symbol=symbol)
                        if column.short
                        else rules.money(value.value, pence=column.pence, symbol=symbol)
                    )
                elif column.type == "percentage":
                    shown = rules.percent(value.value, value.places)
                else:
                    shown = rules.digits(value.value)
                if value.per:
                    shown = rules.per(shown, value.per)
                figure = Figure(value.value, shown, value.kind, value.origin, value.name)
                return Cell((figure,), numeric=True)
        raise AssertionError(value)

    def unit_mark(self, column: ColumnSpec) -> str | None:
        """The unit of money printed under a column's title (the profile's £'000, £m or £), or
        None: by default for money in thousands or millions only, with ``unit_heading: true``
        for pounds too, never with ``false`` or when the title says it already."""
        money = self.rules.style.money
        if column.type != "money" or column.unit_heading is False:
            return None
        mark = {"thousands": money.thousands_heading, "millions": money.millions_heading}.get(
            column.unit, money.symbol if column.unit_heading else None
        )
        if mark is None or mark in column.title:
            return None
        return mark

    def heading(self, column: ColumnSpec) -> Inlines:
        """A column's heading: its title, and under it its unit of money (:meth:`unit_mark`)."""
        mark = self.unit_mark(column)
        if mark is None:
            return (Text(column.title),)
        return (Text(column.title), LineBreak(), Text(mark))

    def note(self, computed: ComputedTable) -> Para | None:
        """The note printed under a table whose ledger totals differ from what its rows add to:
        the profile's ``rounding_note``."""
        if not computed.rounding_note:
            return None
        return Para("body", (Text(self.rules.style.rounding_note),))

    def table(self, computed: ComputedTable) -> Table:
        """The document table: a header row, then every computed row."""
        visible = [c for c in computed.columns if not c.hidden]
        header = Row("header", tuple(Cell(self.heading(c)) for c in visible))
        rows = [header]
        for row in computed.rows:
            if row.role == "group":
                rows.append(Row("group", (Cell((Text(row.label or ""),), span=len(visible)),)))
                continue
            cells: list[Cell] = [self.value(c, row.values.get(c.key)) for c in visible]
            if row.role in ("subtotal", "total") and row.label:
                first = next((i for i, c in enumerate(visible) if c.type not in NUMERIC), 0)
                if not cells[first].content:
                    cells[first] = Cell((Text(row.label),))
            rows.append(Row(row.role, tuple(cells)))
        return Table(tuple(rows), tuple(c.width for c in visible), computed.title)


class TextContent(Protocol):
    """Substitutes an author text (references, figures, Markdown) into inline nodes."""

    def __call__(self, source: str, path: YamlPath) -> Inlines:
        """The inline nodes of ``source``, found at ``path``."""
