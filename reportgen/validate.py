"""Check loaded YAML against a typed model, reporting every problem at its line and column.

Pydantic does the checking; this module turns its errors into :class:`~reportgen.errors.Problem`
values an author can act on: the place in the file, the YAML path, what is wrong and the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen import model
from reportgen.errors import Location, Problems, YamlPath
from reportgen.load import Loaded

M = TypeVar("M", bound=BaseModel)

_TAGGED_MODELS: dict[str, type[BaseModel]] = {
    obj.__name__: obj
    for obj in vars(model).values()
    if isinstance(obj, type) and issubclass(obj, BaseModel)
}
"""Models by union tag: the model module tags union alternatives with their class names."""


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation can hold, through lists, dicts, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _fields_at(root: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at the mapping that holds the last step of ``loc``."""
    current: type[BaseModel] | None = root
    for part in loc[:-1]:
        if isinstance(part, str) and part[:1].isupper():
            current = _TAGGED_MODELS.get(part, current)
        elif isinstance(part, str) and current is not None and part in current.model_fields:
            found = _models_in(current.model_fields[part].annotation)
            current = found[0] if len(found) == 1 else None
    return sorted(current.model_fields) if current is not None else []


_PATTERN_HINTS = {
    "label": "a label is lowercase letters and digits, words joined by hyphens, e.g. 'new-posts'",
    "initials": "initials are up to five capital letters, e.g. LM",
    "email": "write a whole address, e.g. jane.forbes@nottscc.gov.uk",
    "url": "write the whole address, starting http:// or https://",
}


def _has(node: Any, part: str | int) -> bool:
    """Whether ``part`` is a key of the mapping or an index of the list ``node``."""
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return isinstance(node, dict) and isinstance(part, str) and part in node


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[YamlPath, bool]:
    """Map a pydantic error location to the YAML path in ``data``.

    Union tags (capitalised names) and other steps that are not keys of the data are dropped.
    Returns the path and whether the error concerns a mapping key rather than its value.
    """
    path: list[str | int] = []
    node = data
    about_key = False
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if part == "[key]":
            about_key = True
        elif _has(node, part):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and last and part[:1].islower():
            path.append(part)  # a missing field: name it, place it at its mapping
    return tuple(path), about_key


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _explain(err: ErrorDetails, path: YamlPath, allowed: list[str]) -> tuple[str, str]:
    """The message and the fix for one pydantic error."""
    kind = err["type"]
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"the required field {field!r} is missing", f"add '{field}:' with its value"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, allowed, n=1)
        if close:
            hint = f"did you mean {close[0]!r}?"
        elif allowed:
            hint = f"the fields allowed here are: {', '.join(allowed)}"
        else:
            hint = "remove it, or check its indentation"
        return f"unknown field {field!r}", hint
    if kind.startswith("date"):
        return (
            f"{_shown(value)} is not a real date",
            "write the date as YYYY-MM-DD, e.g. 2017-01-09, and check the day exists",
        )
    if kind == "string_type":
        return f"expected text, found {_shown(value)}", "write plain text here"
    if kind == "list_type":
        return f"expected a list, found {_shown(value)}", "write each entry on a line starting '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {_shown(value)}", "write 'key: value' lines"
    if kind == "bool_parsing":
        return f"expected true or false, found {_shown(value)}", "write true or false"
    if kind in ("int_parsing", "int_type"):
        return f"expected a whole number, found {_shown(value)}", "write a number such as 2"
    if kind in ("string_too_short", "too_short"):
        what = "text" if kind == "string_too_short" else "list"
        return f"this {what} is empty", f"fill it in, or remove {field!r} if it is optional"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        close = difflib.get_close_matches(str(value), str(expected).replace("'", "").split(", "))
        hint = f"did you mean {close[0]!r}?" if close else f"use one of: {expected}"
        return f"{_shown(value)} is not allowed here", hint
    if kind == "value_error":
        message, _, hint = str(ctx.get("error", err["msg"])).partition("; ")
        return message, hint
    if kind == "string_pattern_mismatch":
        return f"{_shown(value)} is not a valid {field}", _PATTERN_HINTS.get(field, err["msg"])
    return err["msg"], ""


def validate(loaded: Loaded, model_class: type[M]) -> M:
    """Validate ``loaded`` as ``model_class``; raise one error listing every problem found."""
    try:
        return model_class.model_validate(loaded.data)
    except ValidationError as exc:
        problems = Problems()
        for err in exc.errors(include_url=False):
            path, about_key = _data_path(loaded.data, err["loc"])
            message, hint = _explain(err, path, _fields_at(model_class, err["loc"]))
            where: Location = loaded.positions.locate(
                path, key=about_key or err["type"] == "extra_forbidden"
            )
            problems.add(_code(err["type"]), message, where, hint)
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc


def _code(kind: str) -> str:
    if kind == "missing":
        return "S201"
    if kind == "extra_forbidden":
        return "S202"
    if kind.startswith("date"):
        return "S203"
    return "S200"
