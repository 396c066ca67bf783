"""The registry of kinds of file reportgen reads: one entry per kind, in the order help text and
docs use. Imports nothing heavy: each kind's model is a dotted path resolved on first use."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from pydantic import BaseModel

InputKind = Literal["report", "meeting", "minutes", "appendix", "pay-scale", "comment"]
"""Each kind of input file with a schema (``reportgen schema --kind``)."""

SheetKind = Literal["finance", "legal", "hr"]
"""Each review sheet."""


@dataclass(frozen=True)
class Kind:
    """One kind: its name, its model's dotted path, its schema's title (when it has a schema)."""

    name: str
    model_path: str
    title: str | None = None
    in_meeting: bool = False
    """Whether a file of this kind is resolved as the meeting that lists it prints it (an
    appendix document, minutes): only then is :mod:`reportgen.meeting_of` imported."""

    @property
    def has_schema(self) -> bool:
        """Whether ``reportgen schema --kind NAME`` writes a schema for it."""
        return self.title is not None

    def model(self) -> type[BaseModel]:
        """The pydantic model, imported now."""
        module, _, attr = self.model_path.rpartition(".")
        found: type[BaseModel] = getattr(importlib.import_module(module), attr)
        return found


REGISTRY: tuple[Kind, ...] = (
    Kind("report", "reportgen.model.Report", "reportgen committee report"),
    Kind("meeting", "reportgen.model_meeting.Meeting", "reportgen meeting (agenda pack)"),
    Kind("minutes", "reportgen.model_meeting.Minutes", "reportgen minutes", in_meeting=True),
    Kind(
        "appendix",
        "reportgen.model_meeting.AppendixDocument",
        "reportgen appendix document",
        in_meeting=True,
    ),
    Kind("pay-scale", "reportgen.model.PayScale", "reportgen pay scale"),
    Kind(
        "comment",
        "reportgen.model.Comment",
        "reportgen reviewer's comment (REPORT.comments/KIND.yaml)",
    ),
)
"""Each kind of input file, in order."""

SCHEMA_KINDS: tuple[str, ...] = tuple(k.name for k in REGISTRY if k.has_schema)
"""The names of the kinds with a schema, in order."""

SHEET_KINDS: tuple[SheetKind, ...] = get_args(SheetKind)
"""The review sheets, in order."""


def named(name: str) -> Kind:
    """The kind called ``name``."""
    return next(k for k in REGISTRY if k.name == name)


def recognise(data: object) -> InputKind:
    """The kind of a file read as ``data``, by the fields only its kind has: minutes (their
    ``members`` and ``items``), a meeting (its agenda ``items``), an appendix document (its
    ``body``), each without a report's ``purpose``; else a report."""
    if not isinstance(data, dict) or "purpose" in data:
        return "report"
    if "items" in data:
        return "minutes" if "members" in data else "meeting"
    if "body" in data:
        return "appendix"
    return "report"
