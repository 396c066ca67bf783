"""How a profile words its forward plan of key decisions: forward-plan.yaml.

The plan's title and period, the paragraphs that introduce it, its column headings and what a
cell says when there is nothing to say (``reportgen forward-plan``,
:mod:`reportgen.forward_plan`). A profile folder without the file takes the bundled one's (it
is one of :data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from reportgen.model_base import STRICT, check_placeholders


class _Strict(BaseModel):
    model_config = STRICT


class PlanColumns(_Strict):
    """The plan's column headings."""

    matter: str = Field(min_length=1)
    """The matter to be decided."""
    decision_maker: str = Field(min_length=1)
    """Who decides."""
    decision_date: str = Field(min_length=1)
    """When (the meeting's date)."""
    first_published: str = Field(min_length=1)
    """When it first appeared on the forward plan."""
    reference: str = Field(min_length=1)
    """Its reference on the plan."""
    exempt: str = Field(min_length=1)
    """Whether any part of its report is exempt."""
    contact: str = Field(min_length=1)
    """Whom to contact."""


class ForwardPlanWords(_Strict):
    """The forward plan's wording: forward-plan.yaml."""

    title: str = Field(min_length=1)
    """The plan's title, with ``{council}``."""
    period: str = Field(min_length=1)
    """The line naming its period, with ``{start}`` and ``{end}`` (dates in house style)."""
    intro: list[str] = []
    """The paragraphs before the table, each with ``{council}`` if wanted."""
    table_title: str = Field(min_length=1)
    """The table's caption, for screen readers."""
    columns: PlanColumns
    """The column headings."""
    exempt: str = Field(min_length=1)
    """The exempt column of a decision part of whose report is exempt, with ``{paragraph}``
    (of Schedule 12A)."""
    not_exempt: str = Field(min_length=1)
    """The exempt column of a decision whose report is public."""
    exception: str = Field(min_length=1)
    """Added to the date first published of a decision taken under an exception, with
    ``{exception}`` (one of ``exceptions``)."""
    exceptions: dict[str, str]
    """How each exception is named: ``general-exception`` and ``special-urgency``."""
    none: str = Field(min_length=1)
    """A cell with nothing to say (no reference, no contact)."""
    empty: str = Field(min_length=1)
    """Printed in place of the table when the period has no key decisions."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> ForwardPlanWords:
        check_placeholders("title", self.title, {"council"})
        check_placeholders("period", self.period, {"start", "end"})
        for i, paragraph in enumerate(self.intro):
            check_placeholders(f"intro {i + 1}", paragraph, {"council"})
        check_placeholders("exempt", self.exempt, {"paragraph"})
        check_placeholders("exception", self.exception, {"exception"})
        missing = {"general-exception", "special-urgency"} - set(self.exceptions)
        if missing:
            raise ValueError(f"exceptions: name {', '.join(sorted(missing))} too")
        return self
