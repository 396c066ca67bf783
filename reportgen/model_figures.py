"""The format's typed tables, named figures and house-style overrides: amounts entered once.

Part of the format (re-exported by :mod:`reportgen.model`). A typed table declares its columns,
each with a type; its rows are checked cell by cell against them, and its totals, sub-totals and
derived amounts are computed when the report is resolved (:mod:`reportgen.resolve.tables`).
Named figures (:class:`Figure`) are amounts, table totals or arithmetic over other figures,
quoted in text as ``{{ fig('name') }}`` (:mod:`reportgen.resolve.figures`).

Amounts stay the text the author typed here (``74,863``, ``£4.3m``, ``5.85%``); what a cell or
an amount means depends on its column, so it is read when the report is resolved, with its place.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
)

from reportgen.errors import quote
from reportgen.model_base import Label, Model, Text, check_placeholders

Key = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$", max_length=40),
]
"""A column's short name, used by mapping rows and by sums, e.g. ``cost`` or ``fte``."""

TableLabel = Label
"""A table's or a figure's name, e.g. ``msh-staffing``."""

Amount = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
    WithJsonSchema(
        {"type": ["number", "string"], "description": "e.g. 74863, '£74,863', 38.25, '5.85%'"}
    ),
]
"""A number as typed: ``74863``, ``74,863``, ``£74,863``, ``38.25``, ``£4.3m``, ``5.85%``."""

Words = Text
"""Plain words: a title, a label of a row, a note."""


ColumnType = Literal["text", "money", "decimal", "integer", "percentage", "date"]
"""What a column holds. Money, decimal, integer and percentage columns can be summed."""


class PayCost(Model):
    """A cost from the report's pay scale: the grade's annual cost × FTE × months ÷ 12."""

    grade: Key = "grade"
    """The column that holds each row's grade, e.g. 'Band B'."""
    fte: Key = "fte"
    """The column that holds each row's full-time equivalent."""
    months: Amount = "12"
    """How many months the posts run; a row may give its own as ``{months: 5}``."""


class Uplift(Model):
    """An amount raised by a percentage: ``of`` × (1 + ``by``), rounded to the column's unit."""

    of: Key
    """The column that holds the amount before the uplift."""
    by: Amount
    """The uplift, e.g. ``5.85%``, or the name of a figure that holds it."""


class Column(Model):
    """A column of a typed table."""

    title: Words
    """The column's heading as printed, e.g. 'Total Cost £'."""
    key: Key | None = None
    """Its short name for mapping rows and sums; by default its title in lower case, words
    joined by hyphens ('Total Cost £' gives ``total-cost``)."""
    type: ColumnType = "text"
    """What its cells hold: text, money, decimal, integer, percentage or date."""
    pence: bool = False
    """For money: amounts to the penny (38.25). Without it, whole pounds."""
    short: bool = False
    """For money: print millions short, e.g. £88.9m for 88,900,000."""
    unit: Literal["pounds", "thousands", "millions"] = "pounds"
    """For money: the unit its cells are typed and printed in, as a council's £'000 or £m
    column: ``thousands`` reads 248 as £248,000 and prints it 248, under a heading that says
    £'000. Sums and figures are in pounds. ``places`` gives the decimal places in the unit
    (default 0)."""
    places: int = Field(default=2, ge=0, le=6)
    """For decimal and percentage: the most decimal places a value may have; for money in
    thousands or millions, the places printed in that unit (when given)."""
    width: float | None = Field(default=None, gt=0, le=30)
    """The column's width in centimetres; by default widths follow the content."""
    hidden: bool = False
    """Kept as data but not printed here, e.g. for a table that gathers this one."""
    default: Words | None = None
    """What a row that leaves this cell out shows, e.g. 'Temporary (Sept 21 - Mar 22)'."""
    pay: PayCost | None = None
    """Compute each row's amount from the pay scale (money columns)."""
    uplift: Uplift | None = None
    """Compute each row's amount as another column's raised by a percentage (money columns)."""
    product: list[Key] | None = Field(default=None, min_length=2)
    """Compute each row's amount as the product of these columns, e.g. ``[unit-cost, count]``."""
    difference: list[Key] | None = Field(default=None, min_length=2, max_length=2)
    """Compute each row's amount as the first column less the second, e.g. ``[forecast,
    budget]`` for a variance; in sub-total and total rows too, from their amounts."""
    percent: list[Key] | None = Field(default=None, min_length=2, max_length=2)
    """Compute each row's percentage as the first column divided by the second, e.g.
    ``[variance, budget]`` (a percentage column); in sub-total and total rows from their amounts
    (the total variance ÷ the total budget), blank where the second is nil. It divides by the
    second's size, so it has the first's sign even over a negative budget (of income)."""
    running: Key | None = None
    """Compute each body row's running total of this column, from the table's first row."""
    unit_heading: bool | None = None
    """Print the unit of money under the title (£, £'000, £m, the profile's wording) when the
    title does not say it already: ``true`` for pounds too, ``false`` never. By default a
    column in thousands or millions shows it and one in pounds does not."""


if TYPE_CHECKING:
    ColumnEntry = Words | Column
else:
    ColumnEntry = Annotated[
        Annotated[Words, Tag("Text")] | Annotated[Column, Tag("Column")],
        Discriminator(
            lambda v: "Text" if isinstance(v, str) else "Column",
            custom_error_type="column_kind",
            custom_error_message="a column is its title, or a mapping with 'title' and 'type'",
        ),
    ]
"""A column: its title (a text column), or a mapping with its type and more."""


class CellSpec(Model):
    """A cell written as a mapping: a note in place of a value, a value with more to say, or a
    text cell spanning rows or columns."""

    note: Words | None = None
    """Shown as written and left out of the sums, e.g. 'Funded from Transforming Care
    Partnership' or '1*'."""
    value: Amount | None = None
    """The cell's value, when the mapping is used to add ``per``."""
    per: Words | None = None
    """For money: what the amount is for, printed after it, e.g. 'session' gives
    '£38.25 per session'."""
    months: Amount | None = None
    """For a pay-scale column: this row's months, instead of the column's."""
    fig: TableLabel | None = None
    """The value of a named figure, so an amount quoted in text and shown here is one."""
    text: Words | None = None
    """A text column's text, when the mapping is used to make the cell span rows or columns."""
    rows: int = Field(default=1, ge=1, le=1000)
    """For a text cell: how many rows it spans, its own included; the cells it covers below
    are left empty (``~``)."""
    columns: int = Field(default=1, ge=1, le=100)
    """For a text cell: how many columns it spans, its own included; the cells it covers to
    its right are left empty (``~``)."""


CellText = Annotated[
    str,
    WithJsonSchema({"type": ["number", "string"], "description": "the cell's value or text"}),
]
"""A cell as typed: text, or a value read by its column's type."""

Cell = CellText | CellSpec | None
"""A cell: its value as text (checked against the column), a mapping, or empty."""

if TYPE_CHECKING:
    RowEntry = list[Cell] | dict[str, Cell]
else:
    RowEntry = Annotated[
        Annotated[list[Cell], Tag("list")] | Annotated[dict[str, Cell], Tag("mapping")],
        Discriminator(
            lambda v: "list" if isinstance(v, list) else "mapping" if isinstance(v, dict) else None,
            custom_error_type="row_kind",
            custom_error_message=(
                "a row is a list of cells, one per column, or a mapping of column keys to cells"
            ),
        ),
    ]
"""A row: its cells in column order, or a mapping by column key."""

Stated = Amount | dict[str, Amount]
"""An expected total: one amount, or amounts by column key when several columns are summed."""


class Group(Model):
    """Rows under a group heading, with a computed sub-total."""

    group: Words | None = None
    """The group's heading, printed across the table, e.g. 'Increased Safeguarding Demand';
    without it the rows follow the rows above with no heading."""
    subtotal: Words | None = None
    """The first cell of this group's sub-total row, e.g. 'Forecast prior to use of reserves';
    by default the table's (``total.subtotal``) or the house style's."""
    gather: list[TableLabel] = []
    """Tables whose rows this group takes, by label; their totals make its sub-total."""
    rows: list[RowEntry] = []
    """Rows of the group's own, after any gathered ones."""
    stated: Stated | None = None
    """The sub-total you expect; a different computed one is an error."""
    ledger: bool | None = None
    """Whether its stated sub-total comes from the ledger (see ``Total.ledger``); by default
    as the table's total says."""


class Total(Model):
    """The totals row, and the sub-total rows of groups."""

    label: Words | None = None
    """The first cell of the totals row; by default the house style's, e.g. 'Total'."""
    subtotal: Words | None = None
    """The first cell of each group's sub-total row; by default the house style's."""
    columns: list[Key] | None = None
    """The columns summed; by default every money column."""
    stated: Stated | None = None
    """The total you expect (from a spreadsheet or a draft); a different computed one is an
    error that shows both."""
    ledger: bool = False
    """The stated totals and sub-totals come from the ledger, added before rounding: they are
    printed as stated, and may differ from what the printed rows add to by what rounding the
    rows can explain (half a unit for each row and for the total), noted under the table and
    shown on the finance sheet. A larger difference is still an error."""


class NumberedRows(Model):
    """A table's rows numbered in a column of their own; group-heading, sub-total and total
    rows are not numbered."""

    title: Words
    """The number column's heading, e.g. 'No.'."""
    start: int = Field(default=1, ge=0, le=1_000_000)
    """The first row's number, e.g. 17 for a table that continues another's numbers."""


class TypedTable(Model):
    """A table with typed columns, whose totals and derived amounts are computed."""

    columns: list[ColumnEntry] = Field(min_length=1)
    """The columns, in order."""
    rows: list[RowEntry] = []
    """Rows: lists of cells in column order, or mappings by column key."""
    groups: list[Group] = []
    """Groups of rows, each with a heading and a sub-total, after any ungrouped rows."""
    after: list[Group] = []
    """Groups of rows printed after the totals row, each with its sub-total, e.g. the use of
    reserves after a forecast; ``then`` adds the final total."""
    then: Total | Words | None = None
    """With ``after``: a last totals row adding the total and the groups after it, e.g. 'Net
    position': its label, or a mapping with its label and the total you expect."""
    total: Total | Words | bool | None = None
    """A computed totals row: ``true``, its label, or a mapping with its label, the columns to
    sum and the total you expect."""
    caption: Words | None = None
    """The caption shown above the table; also its title for screen readers."""
    title: Words | None = None
    """The table's title for screen readers when it has no caption (not printed)."""
    label: TableLabel | None = None
    """A name for ``{{ total('label') }}``, figures and tables that gather this one."""
    header: bool = True
    """``false`` for a table without a heading row; it still needs a caption or a title."""
    row_headers: bool = False
    """The cells of the first column name their rows (row headers, for screen readers)."""
    numbered: NumberedRows | None = None
    """Number the rows in a column of their own, before the first."""


FigureKind = Literal["money", "number", "percentage"]


class PayFigure(Model):
    """An amount from the pay scale: a grade's annual cost × FTE × months ÷ 12."""

    grade: Words
    """The grade, as the pay scale names it, e.g. 'Grade 3'."""
    fte: Amount = "1"
    """Full-time equivalent."""
    months: Amount = "12"
    """Months the posts run."""


class Figure(Model):
    """A named figure: give exactly one of ``amount``, ``total``, ``expr`` or ``pay``."""

    amount: Amount | None = None
    """An amount as typed, e.g. '£4.3m', '30000', '5.85%'."""
    total: TableLabel | None = None
    """A table's total, by the table's label."""
    column: Key | None = None
    """With ``total``: which summed column, when the table sums more than one."""
    expr: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
        | None
    ) = None
    """Arithmetic over numbers and other figures: + - * / and brackets, with ``fig('name')``,
    ``total('table')`` and ``round(x, places)``, e.g. ``fig('posts') * 30000 * 2``."""
    pay: PayFigure | None = None
    """An amount from the pay scale."""
    kind: FigureKind | None = None
    """Money, a number or a percentage; by default what it is computed from says."""
    round: int | None = Field(default=None, ge=0, le=6)
    """Round the value to this many decimal places (0 for whole pounds)."""
    stated: Amount | None = None
    """The value you expect; a different computed one is an error that shows both."""


def _figure_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "Text"
    if isinstance(value, dict | Figure):
        return "Figure"
    return None


if TYPE_CHECKING:
    FigureEntry = Amount | Figure
else:
    FigureEntry = Annotated[
        Annotated[Amount, Tag("Text")] | Annotated[Figure, Tag("Figure")],
        Discriminator(
            _figure_tag,
            custom_error_type="figure_kind",
            custom_error_message=(
                "a figure is an amount, or a mapping with one of 'amount', 'total', 'expr' or 'pay'"
            ),
        ),
    ]
"""A named figure: an amount as typed, or a mapping saying how it is computed."""


DATE_FIELDS = frozenset(
    {"day", "day_ordinal", "dd", "month", "month_short", "mm", "year", "yy", "weekday"}
)
"""The fields a date pattern may use."""


def check_date_pattern(pattern: str) -> str:
    """``pattern`` if it uses only :data:`DATE_FIELDS`, and a day, a month and a year among
    them; raises ValueError saying what is wrong."""
    check_placeholders(repr(pattern), pattern, DATE_FIELDS)
    used = {field for _, field, _, _ in string.Formatter().parse(pattern) if field}
    for part, fields in _DATE_PARTS.items():
        if not used & fields:
            shown = " or ".join("{" + f + "}" for f in sorted(fields))
            raise ValueError(
                f"the date pattern {quote(pattern)} prints no {part}; write the {part} as {shown}, "
                "e.g. '{day} {month} {year}'"
            )
    return pattern


_DATE_PARTS = {
    "day": frozenset({"day", "day_ordinal", "dd"}),
    "month": frozenset({"month", "month_short", "mm"}),
    "year": frozenset({"year", "yy"}),
}
"""The parts every date pattern prints, each with the fields that print it."""


DatePattern = Annotated[Words, AfterValidator(check_date_pattern)]
"""A date pattern such as ``{day} {month} {year}``."""


class HouseStyle(Model):
    """House style for this report only; anything left out comes from the profile's style.yaml."""

    date: DatePattern | None = None
    """How dates are printed, e.g. '{day} {month} {year}' or '{day_ordinal} {month} {year}'."""
    comment_date: DatePattern | None = None
    """How comment dates are printed, e.g. '{dd}/{mm}/{yy}' or '{dd}.{mm}.{yy}'."""
    words_up_to: int | None = Field(default=None, ge=0, le=100)
    """Counts up to this are printed in words ('two posts'); 0 for always digits."""
    papers_lettered: bool | None = None
    """Letter the background papers a., b., …"""
    negative: Literal["hyphen", "minus", "brackets"] | None = None
    """How negative amounts print in this report: ``hyphen`` -£941, ``minus`` −£941 or
    ``brackets`` (£941), as a finance table publishes underspends."""


class PayScale(Model):
    """A pay-scale file: the annual cost of each grade, on-costs included."""

    title: Words
    """What the scale is, e.g. 'Pay scales 2021/22, bottom of scale, on-costs included'."""
    grades: dict[Words, Amount] = Field(min_length=1)
    """Each grade's annual cost, e.g. ``Band B: "42,779.05"``."""
