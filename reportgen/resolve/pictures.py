"""Pictures and charts resolved: their captions worded, a chart's data taken from its table.

A figure's number was decided by :func:`reportgen.resolve.numbering.number` (Figure 1, 2… in
document order); here its caption is worded from the profile's pictures.yaml ('Figure {n}:
{caption}'), its text substituted as any text is. A picture carries the image the load stage
read. A chart becomes a :class:`~reportgen.document.Chart`: the categories (the ``x`` column's
text) and one series a ``y`` column, each value with its printed form (the table's house
style), the profile's colours and font, and alt text made from the data unless the author
wrote one. Nothing is drawn here: drawing is the writers' (:mod:`reportgen.writers.charts`).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from reportgen.document import (
    Chart,
    Inline,
    Inlines,
    ListMark,
    Look,
    Picture,
    Series,
    Text,
    plain_text,
)
from reportgen.errors import Location, Problems, YamlPath, quote
from reportgen.load import Positions
from reportgen.model_pictures import Chart as ChartSpec
from reportgen.model_pictures import Picture as PictureSpec
from reportgen.profile_pictures import PictureWords
from reportgen.resolve.computed import NUMERIC, ComputedTable, Quantity, TextValue
from reportgen.resolve.figures import Calculator
from reportgen.resolve.inline import merge_text
from reportgen.resolve.outline import DraftFigure
from reportgen.resolve.table_print import Printer

Content = Callable[[str, YamlPath], Inlines]
"""Substitutes an author text found at a path into inline nodes."""

FALLBACK_COLOURS = ("#1F4E79", "#C55A11", "#548235", "#7F6000", "#7030A0", "#2E75B6")
"""The colours of a chart when the profile's look.yaml gives none (as the bundled one does)."""


def _fill(pattern: str, values: dict[str, Inlines]) -> Inlines:
    """``pattern`` with each ``{name}`` replaced by the inline nodes given for it."""
    nodes: list[Inline] = []
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        if literal:
            nodes.append(Text(literal))
        if name is not None:
            nodes.extend(values[name])
    return merge_text(nodes)


def caption(
    draft: DraftFigure,
    mark: ListMark | None,
    words: PictureWords,
    content: Content,
    source: str | None = None,
) -> Inlines:
    """The figure's caption as printed: its number and its words, or nothing when it has
    neither a caption nor a label (it is then not numbered)."""
    if mark is None:
        return ()
    number = (Text(mark.label),)
    if draft.block.caption is None:
        text: Inlines = _fill(words.number, {"n": number})
    else:
        own = content(draft.block.caption, (*draft.path, "caption"))
        text = _fill(words.caption, {"n": number, "caption": own})
    if source is not None:
        text = merge_text([*text, *_fill(words.source, {"table": (Text(source),)})])
    return text


def picture(
    draft: DraftFigure, mark: ListMark | None, words: PictureWords, content: Content
) -> Picture:
    """The picture block of ``draft``, with the image the load stage gave it."""
    spec = draft.block
    assert isinstance(spec, PictureSpec) and spec.image is not None  # the load stage's
    return Picture(
        spec.image,
        (spec.alt or "").strip(),
        caption(draft, mark, words, content),
        spec.label,
        spec.width,
    )


class ChartMaker:
    """Makes the chart blocks of one document from its computed tables."""

    def __init__(
        self,
        calc: Calculator,
        printer: Printer,
        words: PictureWords,
        look: Look,
        positions: Positions,
        problems: Problems,
    ) -> None:
        self.calc = calc
        self.printer = printer
        self.words = words
        self.look = look
        self.positions = positions
        self.problems = problems

    def colours(self) -> tuple[str, ...]:
        """The chart colours of the profile's look, else its heading and accent colours."""
        own = self.look.chart_colours or tuple(
            c for c in (self.look.heading_colour, self.look.accent_colour) if c
        )
        return own or FALLBACK_COLOURS

    def column_problem(self, table: ComputedTable, key: str, at: Location, why: str) -> None:
        """F650 at ``at``: the chart names a column of ``table`` it cannot draw."""
        keys = ", ".join(c.key for c in table.columns)
        self.problems.add(
            "F650",
            f"the table {quote(table.label or '')} {why}",
            at,
            f"name one of its columns by key: {keys}",
        )

    def chart(self, draft: DraftFigure, mark: ListMark | None, content: Content) -> Chart | None:
        """The chart block of ``draft``, or None with the problem recorded."""
        spec = draft.block
        assert isinstance(spec, ChartSpec)
        where = self.positions.locate((*draft.path, "table"))
        table = self.calc.table(spec.table, where)
        if table is None:
            return None
        x_column = table.column(spec.x)
        if x_column is None:
            self.column_problem(
                table,
                spec.x,
                self.positions.locate((*draft.path, "x")),
                f"has no column {quote(spec.x)}",
            )
            return None
        y_columns = []
        for i, key in enumerate(spec.y):
            at = self.positions.locate((*draft.path, "y", i))
            column = table.column(key)
            if column is None:
                self.column_problem(table, key, at, f"has no column {quote(key)}")
                return None
            if column.type not in NUMERIC:
                self.column_problem(
                    table, key, at, f"column {quote(key)} holds {column.type}, not numbers to draw"
                )
                return None
            y_columns.append(column)
        if spec.chart == "pie" and len(y_columns) > 1:
            self.problems.add(
                "F650",
                f"a pie chart draws one column, and this one names {len(y_columns)}",
                self.positions.locate((*draft.path, "y")),
                "name one column in y:, or make it a bar chart",
            )
            return None
        categories: list[str] = []
        rows = [row for row in table.body]
        for row in rows:
            value = row.values.get(x_column.key)
            if isinstance(value, TextValue):
                categories.append(plain_text(content(value.source, value.path)))
            elif value is None:
                categories.append("")
            else:
                categories.append(plain_text(self.printer.value(x_column, value).content))
        colours = self.colours()
        series = []
        for i, column in enumerate(y_columns):
            alone = replace(column, title="")  # printed alone: money with its £, as in text
            values: list[Decimal] = []
            shown: list[str] = []
            for row in rows:
                value = row.values.get(column.key)
                if isinstance(value, Quantity):  # in the column's unit, as printed (£'000)
                    values.append(
                        value.value / column.scale if column.type == "money" else value.value
                    )
                    shown.append(plain_text(self.printer.value(alone, value).content))
                else:
                    values.append(Decimal(0))
                    shown.append("")
            name = " ".join(plain_text(self.printer.heading(column)).split())  # with £'000
            series.append(Series(name, tuple(values), tuple(shown), colours[i % len(colours)]))
        if spec.chart == "pie" and any(v < 0 for v in series[0].values):
            self.problems.add(
                "F650",
                f"a pie chart cannot draw the negative amounts of column {quote(spec.y[0])}",
                self.positions.locate((*draft.path, "y")),
                "make it a bar chart, which draws amounts below zero",
            )
            return None
        if spec.chart == "pie":  # each slice its own colour
            series[0] = Series(
                series[0].name,
                series[0].values,
                series[0].shown,
                ",".join(colours[i % len(colours)] for i in range(len(categories))),
            )
        title = plain_text(content(spec.title, (*draft.path, "title"))) if spec.title else ""
        source = table.title or self.words.untitled_table.format(label=table.label)
        alt = (
            plain_text(content(spec.alt, (*draft.path, "alt")))
            if spec.alt
            else self.alt(spec, x_column.title, series, categories, title)
        )
        return Chart(
            spec.chart,
            tuple(categories),
            tuple(series),
            alt,
            title,
            x_column.title,
            self.words.series.join(s.name for s in series),
            caption(draft, mark, self.words, content, source),
            spec.label,
            spec.width,
            self.look.font,
            self.look.heading_colour or "#000000",
        )

    def alt(
        self,
        spec: ChartSpec,
        x_title: str,
        series: list[Series],
        categories: list[str],
        title: str,
    ) -> str:
        """Alt text from the data, in the profile's words: the largest value (by size, a
        stacked bar's by its total) and where it is."""
        if spec.chart == "stacked-bar":
            totals = [
                sum((s.values[i] for s in series), Decimal(0)) for i in range(len(categories))
            ]
            top = max(range(len(categories)), key=lambda i: abs(totals[i]), default=0)
            value = self.words.series.join(s.shown[top] for s in series if s.shown[top])
        else:
            values = series[0].values
            if spec.chart == "line":
                top = max(range(len(values)), key=lambda i: values[i], default=0)
            else:
                top = max(range(len(values)), key=lambda i: abs(values[i]), default=0)
            value = series[0].shown[top] if series[0].shown else ""
        fields = {
            "x": x_title.lower(),
            "y": self.words.series.join(s.name.lower() for s in series),
            "label": categories[top] if categories else "",
            "value": value,
            "first": categories[0] if categories else "",
            "last": categories[-1] if categories else "",
            "count": str(len(categories)),
            "title": title,
        }
        return self.words.chart_alt.of(spec.chart).format(**fields)
