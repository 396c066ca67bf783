"""Check loaded YAML against a typed model, reporting every problem at its line and column.

Pydantic does the checking; this module turns its errors into :class:`~reportgen.errors.Problem`
values an author can act on: the place in the file, the YAML path, what is wrong and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen.errors import Problems, YamlPath, quote, shorten
from reportgen.load import Loaded
from reportgen.urls import DOCS_URL

M = TypeVar("M", bound=BaseModel)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation can hold, through lists, dicts, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _fields_at(root: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at the mapping that holds the last step of ``loc``.

    The walk follows the model's own fields from ``root``, whatever kind of document it is
    (report, meeting, minutes, appendix, comment, pay scale): a field step goes to the models
    its annotation holds, and a union's tag (the class name of one alternative) picks that one.
    """
    current = [root]
    for part in loc[:-1]:
        if not isinstance(part, str):
            continue
        tagged = [m for m in current if m.__name__ == part]
        if tagged:
            current = tagged
        elif len(current) == 1 and part in current[0].model_fields:
            current = _models_in(current[0].model_fields[part].annotation)
    if len(current) != 1:
        return []
    fields = current[0].model_fields
    return sorted(name for name, field in fields.items() if (field.alias or name) == name)


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


_WHOLE_FILE = object()
"""Stands for the text of a file that is not a mapping: a message says "text", never quotes it."""


def _shown(value: Any) -> str:
    if value is _WHOLE_FILE:
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return quote(value)


def _field_name(field: str) -> str:
    """How a message names the field: ``'level'``, or "this value" at the top of a list."""
    return quote(field) if field else "this value"


_NUMBER_LIMITS = {
    "greater_than": ("gt", "must be more than {limit}", "write a number more than {limit}"),
    "greater_than_equal": ("ge", "must be at least {limit}", "write a number of {limit} or more"),
    "less_than": ("lt", "must be less than {limit}", "write a number less than {limit}"),
    "less_than_equal": ("le", "must be at most {limit}", "write a number of {limit} or less"),
}
"""Pydantic's number limits, each as its context key and the report's words for it."""

_NUMBER_WORDS = {
    "int": ("a whole number", "write a whole number such as 2, without commas"),
    "float": ("a number", "write a number such as 2.5, without '£', '%' or commas"),
    "decimal": ("a number", "write a number such as 2.5, without '£', '%' or commas"),
}
"""What an ``int_…``, ``float_…`` or ``decimal_…`` error expected, and how to write it."""


def _number(kind: str, field: str, value: Any, ctx: dict[str, Any]) -> tuple[str, str] | None:
    """The message and fix for a number error, or ``None`` when ``kind`` is not one."""
    name = _field_name(field)
    if kind in _NUMBER_LIMITS:
        key, message, hint = _NUMBER_LIMITS[kind]
        limit = ctx.get(key, "")
        return (
            f"{name} {message.format(limit=limit)}, not {_shown(value)}",
            hint.format(limit=limit),
        )
    if kind == "multiple_of":
        step = ctx.get("multiple_of", "")
        return f"{name} must be a multiple of {step}", f"write a multiple of {step}"
    if kind == "int_from_float":
        return f"{name} must be a whole number, not {_shown(value)}", "leave out the fraction"
    if kind.startswith("decimal_") and kind not in ("decimal_parsing", "decimal_type"):
        return (
            f"{name} has too many digits: {_shown(value)}",
            "write fewer digits, e.g. at most two after the point for pence",
        )
    base = kind.split("_", 1)[0]
    if base in _NUMBER_WORDS:
        what, hint = _NUMBER_WORDS[base]
        return f"{name} must be {what}, found {_shown(value)}", hint
    if kind == "finite_number":
        return f"{name} must be a finite number, found {_shown(value)}", "write a number"
    return None


def _explain_text(kind: str, field: str, value: Any, ctx: dict[str, Any]) -> tuple[str, str] | None:
    """The message and fix for an error about text or a list's length, or ``None``."""
    name = _field_name(field)
    if kind == "string_too_short" or (kind == "too_short" and ctx.get("min_length", 1) <= 1):
        what = "text" if kind == "string_too_short" else "list"
        return f"this {what} is empty", f"fill it in, or remove {quote(field)} if it is optional"
    if kind == "too_short":
        least = ctx.get("min_length", "")
        return f"{name} needs at least {least} entries", f"give {name} {least} entries or more"
    if kind == "too_long":
        most = ctx.get("max_length", "")
        found = ctx.get("actual_length", "")
        return (
            f"{name} has {found} entries, more than the {most} allowed",
            f"give it at most {most}",
        )
    if kind == "string_too_long":
        most = ctx.get("max_length", "")
        return f"{name} is longer than {most} characters", f"shorten it to {most} characters"
    if kind in ("string_type", "string_unicode", "string_sub_type"):
        return f"expected text, found {_shown(value)}", "write plain text here"
    if kind == "string_pattern_mismatch":
        return (
            f"{_shown(value)} is not a valid {field or 'value'}",
            _PATTERN_HINTS.get(field, "check how this value is written in the format"),
        )
    return None


def _explain(err: ErrorDetails, path: YamlPath, allowed: list[str]) -> tuple[str, str]:
    """The message and the fix for one pydantic error, in the report's words, never pydantic's."""
    kind = err["type"]
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    value = err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    if not path and value is not None and not isinstance(value, dict | list):
        value = _WHOLE_FILE  # the file as a whole is never quoted: it may not be the user's
    if kind == "missing":
        return f"the required field {quote(field)} is missing", f"add '{field}:' with its value"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, allowed, n=1)
        if close:
            hint = f"did you mean {quote(close[0])}?"
        elif allowed:
            hint = f"the fields allowed here are: {', '.join(allowed)}"
        else:
            hint = "remove it, or check its indentation"
        return f"unknown field {quote(field)}", hint
    if kind.startswith("date") or kind.startswith("datetime"):
        return (
            f"{_shown(value)} is not a real date",
            "write the date as YYYY-MM-DD, e.g. 2017-01-09, and check the day exists",
        )
    if kind == "less_than_equal" and field == "level" and "Heading" in err["loc"]:
        return (
            f"there is no heading level {_shown(value)}: headings go from level 1 to 3",
            "use level 1 for a heading under the section's heading, 2 under a level 1 heading "
            "and 3 under a level 2 heading",
        )
    if kind == "greater_than_equal" and field == "level" and "Heading" in err["loc"]:
        return (
            f"there is no heading level {_shown(value)}: headings go from level 1 to 3",
            "use level 1 for a heading under the section's heading (or leave 'level' out)",
        )
    for explained in (_number(kind, field, value, ctx), _explain_text(kind, field, value, ctx)):
        if explained is not None:
            return explained
    if kind in ("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"):
        return f"expected a list, found {_shown(value)}", "write each entry on a line starting '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type", "dataclass_type"):
        return f"expected a mapping of fields, found {_shown(value)}", "write 'key: value' lines"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, found {_shown(value)}", "write true or false"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        close = difflib.get_close_matches(str(value), expected.replace("'", "").split(", "))
        hint = f"did you mean {quote(close[0])}?" if close else f"use one of: {expected}"
        return f"{_shown(value)} is not allowed here", hint
    if kind == "union_tag_invalid":
        tags = str(ctx.get("expected_tags", ""))
        key = ctx.get("discriminator", "")
        return (
            f"{_shown(ctx.get('tag', value))} is not a kind of entry allowed here",
            f"write {key} as one of: {tags}" if key else f"use one of: {tags}",
        )
    if kind == "union_tag_not_found":
        key = str(ctx.get("discriminator", "")).strip("'")
        return (
            f"this entry does not say what kind it is: it has no {quote(key)}",
            f"add '{key}:' to it",
        )
    if kind in ("value_error", "assertion_error"):
        message, _, hint = str(ctx.get("error", "")).partition("; ")
        return message or f"{_shown(value)} is not allowed here", hint
    if kind in ("none_required",):
        return f"{quote(field)} takes no value here", "leave it empty or remove it"
    if kind.endswith("_kind"):
        return err["msg"], ""  # the format's own union messages, written in model.py
    return (
        f"{_shown(value)} is not what {_field_name(field)} takes",
        f"see 'The YAML format' at {DOCS_URL}writing/, or the hover help of the report schema",
    )


_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
"""How the format's field names are written; a key that is not written so is likely text."""


def _at(data: Any, path: YamlPath) -> Any:
    """The value at ``path`` in ``data``, or ``None`` when there is none."""
    node = data
    for part in path:
        if not _has(node, part):
            return None
        node = node[part]
    return node


def _text_key(loaded: Loaded, mapping: YamlPath, key: str) -> tuple[str, str] | None:
    """The message and fix when ``key`` of the mapping at ``mapping`` is text YAML read as a key.

    That is a key with spaces in it (``- The plan: this is it``), or a key that is not written
    like a field and ends its line with ':' (``- Services include:`` with bullets under it).
    """
    node = _at(loaded.data, mapping)
    if not isinstance(node, dict) or key not in node:
        return None
    value = node[key]
    key_mark = loaded.positions.keys.get((*mapping, key))
    value_mark = loaded.positions.values.get((*mapping, key))
    ends_line = value is None or (
        key_mark is not None and value_mark is not None and value_mark.line > key_mark.line
    )
    if ends_line and (" " in key.strip() or not _FIELD_NAME.fullmatch(key)):
        return (
            f"unknown field {quote(key)}: this text ends with ':' so YAML read it as a key",
            f'write it as `- text: "{shorten(key)}:"` with `bullets:` under it, or put it in '
            "quotes",
        )
    if " " in key.strip():
        message = (
            f"unknown field {quote(key)}: this text holds ': ' so YAML read {quote(key)} as a key"
        )
        if not isinstance(value, str):
            return message, "put the whole text in quotes"
        whole = shorten(f"{key}: {value}").replace('"', '\\"')
        return message, f'put the whole text in quotes, e.g. "{whole}"'
    return None


def _trap(loaded: Loaded, err: ErrorDetails, path: YamlPath) -> tuple[YamlPath, str, str] | None:
    """Where and how to say that text was read as a key, when that is what ``err`` comes from.

    An unknown field, or a list entry of no known kind, can be text that YAML read as a mapping
    key. Returns the key's path, the message and the fix, or ``None`` for any other error.
    """
    kind = err["type"]
    if kind == "extra_forbidden" and path and isinstance(path[-1], str):
        found = _text_key(loaded, path[:-1], path[-1])
        return (path, *found) if found else None
    node = _at(loaded.data, path)
    if kind.endswith("_kind") and isinstance(node, dict):
        for key in node:
            found = _text_key(loaded, path, key)
            if found:
                return ((*path, key), *found)
    return None


_UNPRINTABLE = re.compile(
    "[\ue000-\uf8ff\ufdd0-\ufdef\U000f0000-\U0010ffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U000efffe\U000effff]"
)
"""Characters no font the council uses prints: private use (a symbol font's bullets and ticks
pasted from Word, U+F0B7 and the like) and Unicode's noncharacters."""


def _unprintable(data: Any, path: YamlPath, loaded: Loaded, problems: Problems) -> None:
    """Add a problem (S204) for each text under ``data`` that holds a character no font prints."""
    if isinstance(data, dict):
        for key, value in data.items():
            _unprintable(key, (*path, key), loaded, problems)
            _unprintable(value, (*path, key), loaded, problems)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _unprintable(value, (*path, index), loaded, problems)
    elif isinstance(data, str) and len(problems) < 20:
        found = _UNPRINTABLE.search(data)
        if found is not None:
            problems.add(
                "S204",
                f"the text holds U+{ord(found.group()):04X}, a private-use character or "
                "noncharacter that prints as an empty box",
                loaded.positions.locate(path),
                "delete it and type the character it stands for: it comes from a symbol font "
                "(e.g. a bullet pasted from Word; for bullets write 'bullets:')",
            )


def validate(loaded: Loaded, model_class: type[M], context: dict[str, Any] | None = None) -> M:
    """Validate ``loaded`` as ``model_class``; raise one error listing every problem found.

    ``context`` is pydantic's validation context, what the models are told of the profile in
    use: for a report, ``own_sections``, the keys of the council's own sections, which are then
    also the fields a misspelt key at the top may be meant for.

    Text that YAML read as a mapping key (``- Services include:``) is said as that, at the key;
    the field its mapping then lacks (``text``) is not reported besides. Text holding a
    character no font prints (private use, noncharacters) is a problem at its place (S204).
    """
    problems = Problems()
    _unprintable(loaded.data, (), loaded, problems)
    try:
        parsed = model_class.model_validate(loaded.data, context=context)
    except ValidationError as exc:
        errors = [
            (err, *_data_path(loaded.data, err["loc"])) for err in exc.errors(include_url=False)
        ]
        traps = {id(err): _trap(loaded, err, path) for err, path, _ in errors}
        trapped = {trap[0][:-1] for trap in traps.values() if trap is not None}
        said: set[YamlPath] = set()
        for err, path, about_key in errors:
            trap = traps[id(err)]
            if trap is not None:
                key_path, message, hint = trap
                if key_path not in said:
                    said.add(key_path)
                    where = loaded.positions.locate(key_path, key=True)
                    problems.add("S202", message, where, hint)
                continue
            if err["type"] == "missing" and path[:-1] in trapped:
                continue  # the mapping is text read as a key, said at the key
            allowed = _fields_at(model_class, err["loc"])
            if len(err["loc"]) == 1 and context:
                allowed = sorted({*allowed, *context.get("own_sections", ())})
            message, hint = _explain(err, path, allowed)
            where = loaded.positions.locate(path, key=about_key or err["type"] == "extra_forbidden")
            problems.add(_code(err["type"]), message, where, hint)
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    problems.raise_if_any()
    return parsed


def _code(kind: str) -> str:
    """The problem code of a pydantic error type."""
    if kind == "missing":
        return "S201"
    if kind == "extra_forbidden":
        return "S202"
    if kind.startswith("date"):
        return "S203"
    return "S200"
