"""The format's parts of a designed document: call-out boxes and covers.

A designed document (a strategy, a plan) sets statistics apart in boxes and opens on a cover
page of its own; :mod:`reportgen.model` takes the call-out as a block, and
:mod:`reportgen.model_meeting` the cover on an appendix document.
"""

from __future__ import annotations

from reportgen.model_base import Model, Text


class Callout(Model):
    """A call-out box: a sentence set apart beside the text, as an infographic sets its
    statistics, e.g. ``{callout: "young people under 18 are caring for someone", figure:
    "1 in 5"}``; never numbered."""

    callout: Text
    """The sentence; Markdown bold marks its key figures ('Nationally **1 in 5** young
    people…')."""
    figure: Text | None = None
    """A figure printed large above the sentence, e.g. '1 in 5' or '58%'."""
    source: Text | None = None
    """Where the figure comes from, on a line of its own, e.g. '(BBC, 2018)'."""


class Cover(Model):
    """A cover page of its own, in the profile's look; the document starts on the next page."""

    title: list[Text] = []
    """The title's lines, printed large, e.g. ``[Joint Carers Strategy, 2022-2027]``; left
    out, the document's title."""
    subtitle: Text | None = None
    """A line under the title, e.g. 'Working towards co-production across adult social care'."""
    marking: Text | None = None
    """A marking above the title, e.g. 'Draft'."""
