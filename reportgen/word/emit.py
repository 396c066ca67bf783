"""A small YAML emitter that writes comments: the import's report and comment files.

PyYAML writes no comments, and the import's YAML says in comments where a paragraph came from
and why it could not be placed. This writes block-style YAML from mappings, lists, strings,
numbers, booleans and dates, with a :class:`Noted` value's note as comment lines above it;
a string is written plain when YAML reads it back as the same string, else double-quoted
(JSON's escapes are YAML's). What it writes loads back with :mod:`reportgen.load`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

INDENT = "  "


@dataclass(frozen=True, slots=True)
class Noted:
    """A value with a comment written on the lines above it."""

    value: Any
    note: str


_PLAIN = re.compile(r"^[A-Za-z£(][^\n\t]*$")
_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~)$"
)


def scalar(value: Any) -> str:
    """``value`` as one YAML scalar."""
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (
        _PLAIN.match(text)
        and not _SPECIAL.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not re.search(r"[\[\]{}`\"'|>&*!%@,]", text[:1])
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    """``value`` as an item of a flow sequence (a table's row): a mapping inline, a string with
    a comma, a bracket or a colon quoted."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    text = scalar(value)
    if isinstance(value, str) and not text.startswith('"') and re.search(r"[,\[\]{}#:]", text):
        return json.dumps(value, ensure_ascii=False)
    return text


def _comment(note: str, indent: str) -> list[str]:
    import textwrap

    out: list[str] = []
    for line in note.splitlines() or [""]:
        lead = line[: len(line) - len(line.lstrip())]
        for part in textwrap.wrap(line, 96 - len(indent), subsequent_indent=lead) or [""]:
            out.append(f"{indent}# {part}".rstrip())
    return out


def emit(data: Mapping[str, Any], header: str = "") -> str:
    """``data`` written as a YAML document, ``header`` as comment lines at its top."""
    lines = _comment(header, "") if header else []
    _mapping(data, "", lines)
    return "\n".join(lines) + "\n"


def _mapping(data: Mapping[str, Any], indent: str, lines: list[str]) -> None:
    for key, value in data.items():
        if isinstance(value, Noted):
            lines.extend(_comment(value.note, indent))
            value = value.value
        head = f"{indent}{scalar(key)}:"
        _value(value, head, indent, lines)


WIDTH = 100
"""The longest line written; a longer text is folded (``>-``) onto lines within it."""


def _folded(text: str, head: str, indent: str) -> list[str] | None:
    """``text`` as a folded block scalar after ``head``, its lines at ``indent``, when it is
    long and folding gives it back exactly (single spaces, no line breaks or tabs)."""
    import textwrap

    if (
        len(head) + 1 + len(text) <= WIDTH
        or any(c in text for c in "\n\t\r")
        or "  " in text
        or text != text.strip()
        or text.startswith(("#", "-", ">", "|"))
    ):
        return None
    width = max(40, WIDTH - len(indent))
    parts = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    if " ".join(parts) != text:
        return None
    return [f"{head} >-", *(f"{indent}{part}" for part in parts)]


def _value(value: Any, head: str, indent: str, lines: list[str]) -> None:
    if isinstance(value, str) and (folded := _folded(value, head, indent + INDENT)):
        lines.extend(folded)
    elif isinstance(value, Mapping) and value:
        lines.append(head)
        _mapping(value, indent + INDENT, lines)
    elif isinstance(value, Sequence) and not isinstance(value, str) and value:
        lines.append(head)
        _sequence(value, indent + INDENT, lines)
    elif isinstance(value, Mapping):
        lines.append(f"{head} {{}}")
    elif isinstance(value, Sequence) and not isinstance(value, str):
        lines.append(f"{head} []")
    else:
        lines.append(f"{head} {scalar(value)}")


def _sequence(items: Sequence[Any], indent: str, lines: list[str]) -> None:
    for item in items:
        if isinstance(item, Noted):
            lines.extend(_comment(item.note, indent))
            item = item.value
        if isinstance(item, Mapping) and item:
            first = True
            for key, value in item.items():
                if isinstance(value, Noted):
                    lines.extend(_comment(value.note, indent + INDENT))
                    value = value.value
                prefix = f"{indent}- " if first else f"{indent}{INDENT}"
                _value(value, f"{prefix}{scalar(key)}:", indent + INDENT, lines)
                first = False
        elif isinstance(item, Sequence) and not isinstance(item, str):
            flow = ", ".join(_flow(v) for v in item)
            lines.append(f"{indent}- [{flow}]")
        elif isinstance(item, str) and (folded := _folded(item, f"{indent}-", indent + INDENT)):
            lines.extend(folded)
        else:
            lines.append(f"{indent}- {scalar(item)}")
