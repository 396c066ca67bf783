"""A typed table once computed: its columns, rows and sums, each amount with its origin.

Plain data that :mod:`reportgen.resolve.tables` produces and
:mod:`reportgen.resolve.table_print` prints; :class:`Lookup` is what a table may ask of the rest
of the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from reportgen.document import FigureKind, Origin, RowRole
from reportgen.errors import Location, YamlPath
from reportgen.model_figures import ColumnType, PayCost, PayScale, Uplift

NUMERIC: frozenset[ColumnType] = frozenset({"money", "decimal", "integer", "percentage"})
SUMMABLE: frozenset[ColumnType] = frozenset({"money", "decimal", "integer"})
_UNIT_SCALE = {"thousands": Decimal(1_000), "millions": Decimal(1_000_000)}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A computed or typed number: its value, its kind, where it came from, and its unit."""

    value: Decimal
    kind: FigureKind
    origin: Origin
    per: str | None = None
    """What a money amount is for ('session' in '£38.25 per session')."""
    name: str | None = None
    """The named figure or table it is, if any."""
    places: int | None = None
    """A typed percentage's decimal places as typed (0.0% has 1), kept when it is printed;
    None for computed amounts."""


@dataclass(frozen=True, slots=True)
class TextValue:
    """A text cell: author source, substituted (references, figures, Markdown) when printed."""

    source: str
    path: YamlPath
    rows: int = 1
    """How many rows the cell spans (:mod:`reportgen.resolve.cells` lays the spans out)."""
    columns: int = 1
    """How many columns the cell spans."""


@dataclass(frozen=True, slots=True)
class NoteValue:
    """A note in place of a value: printed as written, left out of the sums."""

    text: str


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date cell."""

    date: dt.date


Value = Quantity | TextValue | NoteValue | DateValue | None


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column with its defaults filled in."""

    key: str
    title: str
    type: ColumnType
    pence: bool
    short: bool
    places: int
    width: float | None
    hidden: bool
    default: str | None
    pay: PayCost | None
    uplift: Uplift | None
    product: tuple[str, ...] | None
    path: YamlPath
    unit: str = "pounds"
    """For money: pounds, thousands or millions, the unit cells are typed and printed in."""
    difference: tuple[str, str] | None = None
    """The columns it is the difference of (the first less the second)."""
    percent: tuple[str, str] | None = None
    """The columns it is the percentage of (the first divided by the second)."""
    running: str | None = None
    """The column it is the running total of."""
    unit_heading: bool | None = None
    """Whether its heading shows its unit of money; None: in thousands or millions only."""

    @property
    def rounding(self) -> Decimal:
        """The unit its amounts are rounded to, in pounds for money: 1, 0.01, 1,000, 0.1."""
        return Decimal(1).scaleb(-self.unit_places)

    @property
    def scale(self) -> Decimal:
        """How many pounds one of the column's units is: 1, 1,000 or 1,000,000."""
        return _UNIT_SCALE.get(self.unit, Decimal(1))

    @property
    def unit_places(self) -> int:
        """The decimal places a computed amount of this column is rounded to."""
        if self.type == "money" and self.unit != "pounds":
            return self.places - (3 if self.unit == "thousands" else 6)
        if self.type == "money":
            return 2 if self.pence else 0
        if self.type == "integer":
            return 0
        if self.type == "percentage":
            return self.places + 2  # a fraction: 5.85% is 0.0585
        return self.places


@dataclass(frozen=True, slots=True)
class ComputedRow:
    """A row of a computed table: body rows hold values, others a label and sums."""

    role: RowRole
    values: dict[str, Value] = field(default_factory=dict)
    label: str | None = None
    path: YamlPath = ()


@dataclass(frozen=True, slots=True)
class ComputedTable:
    """A typed table with every amount decided."""

    label: str | None
    columns: tuple[ColumnSpec, ...]
    rows: tuple[ComputedRow, ...]
    """Every row below the header, in print order."""
    body: tuple[ComputedRow, ...]
    """The body rows only: what a table that gathers this one takes."""
    sums: dict[str, Quantity]
    """The total of every summable column, printed or not."""
    summed: tuple[str, ...]
    """The columns the totals and sub-total rows print."""
    title: str | None
    path: YamlPath
    rounding_note: bool = False
    """Whether a total printed from the ledger differs from what its rows add to, so the table
    needs the note that figures may not sum because of rounding."""

    def column(self, key: str) -> ColumnSpec | None:
        """The column with ``key``."""
        return next((c for c in self.columns if c.key == key), None)


class Lookup(Protocol):
    """What a table needs from the rest of the report: named figures, tables, the pay scale."""

    def figure(self, name: str, where: Location) -> Quantity | None:
        """The named figure, or None (the problem recorded)."""

    def table(self, label: str, where: Location) -> ComputedTable | None:
        """The computed table with ``label``, or None (the problem recorded)."""

    def pay_scale(self, where: Location) -> tuple[PayScale, str] | None:
        """The report's pay scale and its file name, or None (the problem recorded)."""
