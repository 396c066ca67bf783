"""The base of every model of the format, and the kinds of text it is made of.

Shared by :mod:`reportgen.model` (the report) and :mod:`reportgen.model_figures` (tables and
figures), so both speak the same types and refuse unknown keys the same way.
"""

from __future__ import annotations

import ast
import inspect
import string
import sys
from collections.abc import Collection, Iterator
from functools import cache
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


STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)
"""The configuration of every model reportgen reads (the format's and the profile's): no
unknown keys, frozen, and built on first use (``defer_build``), so a command builds the
validators of only the models it reads. The docstring under each field is its description in
the JSON Schemas; it is read from the source only when a schema is made (:func:`described`),
not each time a model is defined."""


class Model(BaseModel):
    """Base for every part of the format: frozen, no unknown keys (:data:`STRICT`)."""

    model_config = STRICT


def described() -> None:
    """Give each field of every model of :data:`STRICT` defined so far the docstring written
    under it as its description, as pydantic's ``use_attribute_docstrings`` would when the
    class is defined, then rebuild the models already built, so that a JSON Schema made now
    describes every field. Called before a schema is made; reading the source for every class
    at import cost a build about a third of its imports."""
    fresh = [model for model in _strict_models() if model not in _DESCRIBED]
    for model in fresh:
        for name, field in model.__pydantic_fields__.items():
            owner = next(k for k in model.__mro__ if name in vars(k).get("__annotations__", {}))
            if field.description is None and (doc := _docstrings(owner).get(name)):
                field.description = doc
        _DESCRIBED.add(model)
    if fresh:
        # A model's built schema holds the schemas of the models in its fields as they were:
        # every built one is set back to unbuilt first, so each is rebuilt from its fields.
        from pydantic._internal._mock_val_ser import set_model_mocks

        built = [model for model in _strict_models() if model.__pydantic_complete__]
        for model in built:
            set_model_mocks(model)
        for model in built:
            model.model_rebuild(force=True)


_DESCRIBED: set[type[BaseModel]] = set()
"""The models :func:`described` has given their descriptions."""


def _strict_models() -> Iterator[type[BaseModel]]:
    """Every model of :data:`STRICT` defined so far."""
    seen: set[type[BaseModel]] = set()
    waiting = [BaseModel]
    while waiting:
        for model in waiting.pop().__subclasses__():
            if model not in seen:
                seen.add(model)
                waiting.append(model)
                if model.model_config == STRICT:
                    yield model


def _docstrings(model: type) -> dict[str, str]:
    """The docstring under each field annotated in the body of ``model`` itself: a string
    statement straight after the field's annotation, as pydantic reads it."""
    found: dict[str, str] = {}
    node = _class_node(model.__module__, model.__qualname__)
    if node is None:
        return found
    for before, after in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[before.target.id] = inspect.cleandoc(after.value.value)
    return found


@cache
def _module_tree(module: str) -> ast.Module | None:
    """The syntax tree of ``module``'s source, read once."""
    try:
        return ast.parse(inspect.getsource(sys.modules[module]))
    except (OSError, TypeError, KeyError):
        return None


def _class_node(module: str, qualname: str) -> ast.ClassDef | None:
    """The class statement of ``module`` named ``qualname`` (``Outer.Inner`` for a nested one)."""
    node: ast.AST | None = _module_tree(module)
    for part in qualname.split("."):
        body = getattr(node, "body", [])
        node = next((n for n in body if isinstance(n, ast.ClassDef) and n.name == part), None)
    return node if isinstance(node, ast.ClassDef) else None


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
