"""The base of every model of the format, and the kinds of text it is made of.

Shared by :mod:`reportgen.model` (the report) and :mod:`reportgen.model_figures` (tables and
figures), so both speak the same types and refuse unknown keys the same way.
"""

from __future__ import annotations

import string
from collections.abc import Collection
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text; may contain Markdown inline markup and ``{{ ref(...) }}`` calls."""

Label = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", max_length=60),
]
"""A name references use, e.g. ``benefits`` for a paragraph or ``msh-staffing`` for a table."""

Form = Literal[
    "1.",
    "1)",
    "(1)",
    "a.",
    "a)",
    "(a)",
    "A.",
    "A)",
    "(A)",
    "i.",
    "i)",
    "(i)",
    "I.",
    "I)",
    "(I)",
]
"""How one number of a list is shown, written as the first of its kind: ``1)``, ``(a)``, ``i.``."""


class Model(BaseModel):
    """Base for every part of the format: frozen, no unknown keys, field docstrings kept."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def check_placeholders(name: str, pattern: str, allowed: Collection[str]) -> None:
    """Raise ValueError ("NAME uses {x}; it may use only {a}, {b}") when ``pattern`` is not a
    format string using only the ``allowed`` ``{fields}``: the one check of every wording in
    the profile and every date pattern, so a mistake is reported where it is written."""
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None}
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from exc
    if used - set(allowed):
        unknown = ", ".join(sorted("{" + u + "}" for u in used - set(allowed)))
        known = ", ".join(sorted("{" + a + "}" for a in allowed))
        raise ValueError(f"{name} uses {unknown}; it may use only {known}")
