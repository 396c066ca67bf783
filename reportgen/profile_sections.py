"""A report's sections as data: the council profile's sections.yaml.

The file lists the sections of a report in the order they are printed, each ``required``,
``optional`` or ``absent``, and a council's own sections (an ``executive_summary``) with their
headings. The outliner (:mod:`reportgen.resolve.outline`) walks this order; the load stage
(:func:`check_report`) checks a report against it, every problem placed at its line; the report
schema (:func:`reportgen.schema.report_schema`) offers the profile's own sections and
implication kinds by name.

The kinds of implication a report may describe are the keys of the profile's headings.yaml
``implications``: that file gives each its heading, so it is the one place they are declared.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from reportgen.errors import Problem, YamlPath, quote
from reportgen.load import Positions
from reportgen.model import Report, SectionKey
from reportgen.model_base import STRICT

STANDARD: tuple[str, ...] = (
    "purpose",
    "information",
    "other_options",
    "reasons",
    "statutory",
    "implications",
    "recommendations",
    "signed_by",
    "contacts",
    "comments",
    "background_papers",
    "electoral_divisions",
)
"""The sections the report format knows, each a key of a report; sections.yaml lists every one
of them, in the council's order, with any sections of its own."""

ALWAYS_REQUIRED = frozenset({"purpose", "information", "recommendations"})
"""The sections every report has, whatever the profile: they are what a report is for."""

MAY_BE_REQUIRED = ALWAYS_REQUIRED | {"signed_by", "contacts"}
"""The standard sections a profile may make required; the others have a standard content or
none, so a report may always leave them out."""

Use = Literal["required", "optional", "absent"]
"""Whether a report must have the section, may have it, or may not."""


class Section(BaseModel):
    """One section of a report: how it is used and, for a council's own, its heading."""

    model_config = STRICT

    use: Use = "optional"
    """``required``: every report has it (a report without it is a problem); ``optional``: a
    report may leave it out; ``absent``: the council's reports have no such section (a report
    that has it is a problem)."""
    heading: str | None = Field(None, min_length=1)
    """The heading of a council's own section; the standard sections' are in headings.yaml."""
    default: str | list[str] | None = None
    """What a report that leaves the section out gets: for ``statutory`` the name of a wording
    in statutory.yaml (``standard``), for ``electoral_divisions`` the lines printed (``[All.]``).
    Left out, such a report prints nothing of the section."""
    always: bool = False
    """For ``background_papers``: print the section (its statement and the ``none`` wording)
    when a report has no papers. Left out, a report without papers prints nothing of it."""


_DEFAULTS: dict[str, type] = {"statutory": str, "electoral_divisions": list}
"""The sections that may have a ``default``, and what it is."""


class Sections(BaseModel):
    """The sections of each kind of document: sections.yaml."""

    model_config = STRICT

    report: dict[SectionKey, Section]
    """A report's sections in the order they are printed: every standard section, and the
    council's own (with a ``heading``)."""

    @model_validator(mode="after")
    def _whole(self) -> Sections:
        missing = [name for name in STANDARD if name not in self.report]
        if missing:
            raise ValueError(
                f"report: the sections {', '.join(missing)} are not listed; list every "
                "standard section in the council's order, with 'use: absent' for one its "
                "reports do not have"
            )
        for name, section in self.report.items():
            own = name not in STANDARD
            if own and name in Report.model_fields:
                raise ValueError(
                    f"report.{name}: {quote(name)} is a field of the report, not a section; "
                    "give the section another key"
                )
            if own and section.heading is None:
                raise ValueError(
                    f"report.{name}: a section of the council's own needs its heading; "
                    f"add 'heading:' under {name}"
                )
            if not own and section.heading is not None:
                raise ValueError(
                    f"report.{name}: the heading of a standard section is in headings.yaml; "
                    "remove 'heading' here and change it there"
                )
            if name in ALWAYS_REQUIRED and section.use != "required":
                raise ValueError(
                    f"report.{name}: every report has its {name}; write 'use: required'"
                )
            if not own and section.use == "required" and name not in MAY_BE_REQUIRED:
                raise ValueError(
                    f"report.{name}: a report may always leave out its {name}; write "
                    "'use: optional' (with a 'default' for what it then gets) or 'use: absent'"
                )
            kind = _DEFAULTS.get(name)
            if section.default is not None and (
                kind is None or not isinstance(section.default, kind)
            ):
                raise ValueError(
                    f"report.{name}: only statutory (a wording's name) and electoral_divisions "
                    "(a list of lines) have a default; remove it here"
                )
            if section.always and name != "background_papers":
                raise ValueError(
                    f"report.{name}: only background_papers has 'always'; remove it here"
                )
        return self

    def own(self) -> dict[str, Section]:
        """The council's own sections, by key, in order."""
        return {k: s for k, s in self.report.items() if k not in STANDARD}

    def use(self, name: str) -> Use:
        """How a report uses the section ``name``."""
        return self.report[name].use


def check_report(
    data: Mapping[str, Any],
    implications: Iterable[str],
    sections: Sections,
    positions: Positions,
) -> list[Problem]:
    """The problems of a report's validated ``data`` against the profile in use: a required
    section missing (S201), a section the council's reports do not have (S215), an implication
    kind its headings.yaml does not declare (S200); each placed at its line."""
    problems: list[Problem] = []
    for name, section in sections.report.items():
        value = data.get(name)
        if name in ALWAYS_REQUIRED:
            continue  # the format requires them: validation says so
        if section.use == "required" and name not in data:
            problems.append(
                Problem(
                    "S201",
                    f"the required field {quote(name)} is missing",
                    positions.locate((name,)),
                    f"add '{name}:' with its value",
                )
            )
        elif section.use == "required" and value == []:
            problems.append(
                Problem(
                    "S200",
                    "this list is empty",
                    positions.locate((name,)),
                    f"fill it in: the council's reports all have their {name}",
                )
            )
        elif section.use == "absent" and name in data:
            problems.append(
                Problem(
                    "S215",
                    f"the council's reports have no {quote(name)} section",
                    positions.locate((name,), key=True),
                    f"remove {quote(name)}: the profile's sections.yaml says 'use: absent' for it",
                )
            )
    kinds = list(implications)
    for kind in data.get("implications") or {}:
        if kind not in kinds:
            where: YamlPath = ("implications", kind)
            close = difflib.get_close_matches(kind, kinds, n=1)
            problems.append(
                Problem(
                    "S200",
                    f"{quote(kind)} is not allowed here",
                    positions.locate(where, key=True),
                    f"did you mean {quote(close[0])}?"
                    if close
                    else f"use one of: {', '.join(kinds)} (the implications of the profile's "
                    "headings.yaml, where a council adds its own with their headings)",
                )
            )
    return problems
