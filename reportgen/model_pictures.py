"""The format's pictures and charts: a picture file with its alt text, or a chart of a table.

A picture names an image file beside the YAML (PNG, JPEG or SVG), read and vetted by the load
stage (:mod:`reportgen.pictures`), which hands it to resolve on the block itself
(:attr:`Picture.image`), so resolving reads no file. A chart names a typed table by its label
and the columns it draws, by key; it is drawn when the report is written
(:mod:`reportgen.writers.charts`).

Both are figures: with a caption or a label they are numbered "Figure 1", "Figure 2" in
document order, and ``{{ ref('label') }}`` prints the number as the profile's references.yaml
words it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, PrivateAttr, StringConstraints

from reportgen.model_base import Label, Model, Text
from reportgen.model_figures import Key, TableLabel

if TYPE_CHECKING:
    from reportgen.document import Image

PicturePath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
"""An image file, relative to the YAML file that names it, e.g. ``pictures/ladder.svg``."""

Width = Annotated[float, Field(gt=0, le=30)]
"""A width in centimetres; never wider than the text, whatever is written."""


class Picture(Model):
    """A picture: a PNG, JPEG or SVG file, with the words a screen reader says for it."""

    picture: PicturePath
    """The image file, relative to this YAML file, e.g. ``pictures/ladder.svg``; it must
    stay inside this file's folder."""
    alt: str | None = None
    """What the picture shows, for readers who cannot see it (required: say what a sighted
    reader learns from it, not 'a picture')."""
    caption: Text | None = None
    """A caption printed under the picture, after its number: 'Figure 1: …'."""
    label: Label | None = None
    """A name references use, e.g. ``ladder`` for ``{{ ref('ladder') }}``: 'Figure 1'."""
    width: Width | None = None
    """Its width in centimetres; left out, the width of the text or the picture's own,
    whichever is smaller. Its height keeps the picture's proportions."""

    _image: Image | None = PrivateAttr(default=None)

    @property
    def image(self) -> Image | None:
        """The image file as the load stage read and vetted it; None before it is loaded."""
        return self._image

    def attach(self, image: Image) -> None:
        """Give the block the image the load stage read (:mod:`reportgen.pictures`), once."""
        self._image = image


ChartKind = Literal["bar", "stacked-bar", "line", "pie"]
"""What a chart draws: bars side by side, bars stacked, lines, or the slices of a pie."""


class Chart(Model):
    """A chart drawn from a typed table's columns when the report is built."""

    chart: ChartKind
    """bar, stacked-bar, line or pie."""
    table: TableLabel
    """The label of the typed table it draws."""
    x: Key
    """The key of the column that names each bar, point or slice, e.g. ``service``."""
    y: Annotated[list[Key], Field(min_length=1, max_length=8)]
    """The keys of the columns drawn, e.g. ``[variance]``; a pie draws one."""
    title: Text | None = None
    """The chart's title, printed above it."""
    alt: Text | None = None
    """What the chart shows, in place of the words made from its data."""
    caption: Text | None = None
    """A caption printed under the chart, after its number: 'Figure 2: …'."""
    label: Label | None = None
    """A name references use, e.g. ``variance-chart`` for ``{{ ref('variance-chart') }}``."""
    width: Width | None = None
    """Its width in centimetres; left out, the width of the text (at most 16 cm)."""


__all__ = ["Chart", "ChartKind", "Picture"]
