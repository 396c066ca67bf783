"""How a profile words its decision notices and its printed register of decisions:
decision-notice.yaml.

A decision notice (``reportgen decisions``, :mod:`reportgen.decision_notice`) is one decision of
a committee's minutes: its title, the lines naming who decided and when, a heading for each of
its parts (the decision, the reasons, the options rejected, the declarations of interest, its
publication, call-in, the contact) and what call-in means. The register (``reportgen register
-o register.pdf``) is a table of every decision. A profile folder without the file takes the
bundled one's (it is one of :data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from reportgen.model_base import STRICT, check_placeholders


class _Strict(BaseModel):
    model_config = STRICT


class NoticeHeadings(_Strict):
    """The headings of a notice's parts."""

    decision: str = Field(min_length=1)
    """What was resolved."""
    reasons: str = Field(min_length=1)
    """The reasons for the decision."""
    options_rejected: str = Field(min_length=1)
    """The other options considered and rejected."""
    declarations: str = Field(min_length=1)
    """Members' declarations of interest."""
    published: str = Field(min_length=1)
    """When the notice was published."""
    call_in: str = Field(min_length=1)
    """Call-in: until when, and what it means."""
    contact: str = Field(min_length=1)
    """Whom to ask about the decision."""


class RegisterColumns(_Strict):
    """The printed register's column headings."""

    number: str = Field(min_length=1)
    meeting_date: str = Field(min_length=1)
    title: str = Field(min_length=1)
    call_in_deadline: str = Field(min_length=1)
    status: str = Field(min_length=1)


class RegisterWords(_Strict):
    """The printed register of decisions."""

    title: str = Field(min_length=1)
    """Its title, with ``{council}``."""
    as_of: str = Field(min_length=1)
    """The line saying which day the statuses are given for, with ``{today}``."""
    intro: list[str] = []
    """The paragraphs before the table, each with ``{council}`` if wanted."""
    table_title: str = Field(min_length=1)
    """The table's caption, for screen readers."""
    columns: RegisterColumns
    """The column headings."""
    statuses: dict[str, str]
    """How each status prints: ``open``, ``implementable`` and ``urgent`` (taken as a matter of
    urgency, not open to call-in)."""
    not_subject: str = Field(min_length=1)
    """The call-in deadline column of a decision taken as a matter of urgency."""
    empty: str = Field(min_length=1)
    """Printed in place of the table when there are no decisions."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> RegisterWords:
        check_placeholders("register title", self.title, {"council"})
        check_placeholders("as_of", self.as_of, {"today"})
        for i, paragraph in enumerate(self.intro):
            check_placeholders(f"register intro {i + 1}", paragraph, {"council"})
        missing = {"open", "implementable", "urgent"} - set(self.statuses)
        if missing:
            raise ValueError(f"statuses: name {', '.join(sorted(missing))} too")
        return self


class DecisionNoticeWords(_Strict):
    """The decision notices' and the register's wording: decision-notice.yaml."""

    title: str = Field(min_length=1)
    """A notice's title, with ``{number}`` (the decision's, e.g. 2022/001) and ``{title}`` (its
    minute's)."""
    made_by: str = Field(min_length=1)
    """The line naming who decided and when, with ``{council}``, ``{committee}`` and
    ``{date}`` (the meeting's, in house style)."""
    minute: str = Field(min_length=1)
    """The line naming the minute, with ``{minute}`` (its number) and ``{title}``."""
    headings: NoticeHeadings
    """The headings of the notice's parts."""
    none: str = Field(min_length=1)
    """The declarations of interest when none was declared."""
    not_recorded: str = Field(min_length=1)
    """The reasons, the other options or the contact when neither the minute nor the report it
    names records them."""
    declaration: str = Field(min_length=1)
    """One declaration of interest, with ``{member}`` and ``{interest}``."""
    published: str = Field(min_length=1)
    """The date of publication, with ``{date}``."""
    call_in: str = Field(min_length=1)
    """The call-in deadline, with ``{deadline}`` (in house style) and ``{days}`` (the working
    days of the period)."""
    call_in_explained: list[str] = []
    """What call-in means, after the deadline, each paragraph with ``{council}`` if wanted."""
    urgent: str = Field(min_length=1)
    """Printed instead of the deadline for a decision taken as a matter of urgency, with
    ``{reason}``."""
    printed_register: RegisterWords
    """The printed register of decisions."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> DecisionNoticeWords:
        check_placeholders("title", self.title, {"number", "title"})
        check_placeholders("made_by", self.made_by, {"council", "committee", "date"})
        check_placeholders("minute", self.minute, {"minute", "title"})
        check_placeholders("declaration", self.declaration, {"member", "interest"})
        check_placeholders("published", self.published, {"date"})
        check_placeholders("call_in", self.call_in, {"deadline", "days"})
        for i, paragraph in enumerate(self.call_in_explained):
            check_placeholders(f"call_in_explained {i + 1}", paragraph, {"council"})
        check_placeholders("urgent", self.urgent, {"reason"})
        return self
