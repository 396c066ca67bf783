"""How a profile words its pictures and charts: pictures.yaml.

The number of a figure's caption ('Figure 1: …'), how a reference to one reads, and the alt
text a chart is given from its data when its author writes none ('Bar chart of variance by
service: largest Children's Social Care, -£412,000'). A profile folder without the file takes
the bundled one's (it is one of :data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from pydantic import BaseModel, model_validator

from reportgen.model_base import STRICT, check_placeholders

CHART_FIELDS = {"x", "y", "label", "value", "first", "last", "count", "title"}
"""What a chart's alt text may name: the columns drawn (``{x}``, ``{y}``), its largest
category (``{label}``) and value (``{value}``), its first and last categories, how many there
are, and its title."""


class _Strict(BaseModel):
    model_config = STRICT


class ReferenceWording(_Strict):
    """How references to one kind of target read (a profile's references.yaml has one for
    each kind; pictures.yaml one for figures)."""

    one: str
    """One target, with ``{n}``."""
    many: str
    """Several targets, with ``{list}``."""
    range: str
    """A range, with ``{first}`` and ``{last}``."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> ReferenceWording:
        allowed = {"one": {"n"}, "many": {"list"}, "range": {"first", "last"}}
        for name, names in allowed.items():
            check_placeholders(name, getattr(self, name), names)
        return self


class ChartAlt(_Strict):
    """The alt text of each kind of chart, made from its data."""

    bar: str
    stacked_bar: str
    line: str
    pie: str

    @model_validator(mode="after")
    def _placeholders_known(self) -> ChartAlt:
        for name in ("bar", "stacked_bar", "line", "pie"):
            check_placeholders(name, getattr(self, name), CHART_FIELDS)
        return self

    def of(self, kind: str) -> str:
        """The pattern for a chart of ``kind`` (``stacked-bar`` as written in a report)."""
        text: str = getattr(self, kind.replace("-", "_"))
        return text


class PictureWords(_Strict):
    """How figures' captions, references and charts' alt text read: pictures.yaml."""

    reference: ReferenceWording
    """How ``{{ ref('label') }}`` prints a figure's number."""
    caption: str
    """A numbered caption, with ``{n}`` and ``{caption}``: 'Figure {n}: {caption}'."""
    number: str
    """The caption of a labelled figure its author gave no caption, with ``{n}``."""
    source: str
    """What a chart's caption adds about the table it comes from, with ``{table}``."""
    untitled_table: str
    """How a chart names a table that has no caption, with ``{label}``."""
    chart_alt: ChartAlt
    """A chart's alt text, by kind, made from its data."""
    series: str
    """How the names of several columns drawn are joined in alt text: ' and '."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> PictureWords:
        check_placeholders("caption", self.caption, {"n", "caption"})
        check_placeholders("number", self.number, {"n"})
        check_placeholders("source", self.source, {"table"})
        check_placeholders("untitled_table", self.untitled_table, {"label"})
        return self
