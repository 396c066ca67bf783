"""How a problem names a value met in a text's template: as the author typed it.

A text's template runs on Python values: the functions ``ref``, ``fig`` and ``total``, the
figures ``fig()`` and ``total()`` give, and placeholders (private-use characters, see
:func:`reportgen.resolve.inline.slot`) standing for what ``ref()``, ``fig()`` and ``total()``
printed. A message never shows these as Python would (``<bound method …>``, ``Quoted object at
0x…``, a private-use character): :func:`shown` names a value in the author's words
(``ref('benefits')``, ``'in' ~ fig('cost')``, ``fig``), and :func:`said` rewrites the message of
an error Jinja or Python raised in the same words, or says it cannot (``None``) so that the
caller gives a plain sentence instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.resolve.inline import Slots, holds_slot

_FUNCTIONS = {"_Call.__call__": "ref", "Quoting.fig": "fig", "Quoting.total": "total"}
"""The Python names of what text may call, and the names the author calls them by."""

_LONGEST = 80
"""Characters of a value shown in a message; a longer one is cut."""


class Named:
    """A value of a template that knows how the author typed what made it."""

    typed: str = ""
    """E.g. ``fig('cost') | short``."""


def function_name(value: object) -> str | None:
    """The name the author calls the function ``value`` by (``ref``, ``fig``, a filter's)."""
    function = getattr(value, "__func__", value)
    qualified = str(getattr(function, "__qualname__", ""))
    if qualified in _FUNCTIONS:
        return _FUNCTIONS[qualified]
    name = getattr(value, "__name__", None)
    if isinstance(name, str) and name.isidentifier() and not name.startswith("_"):
        return name
    return None


def shown(value: object, slots: Slots | None = None) -> str:
    """``value`` as the author typed it, for a message: never a placeholder or a Python repr."""
    text = _shown(value, slots or Slots(), 0)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."


def _shown(value: object, slots: Slots, depth: int) -> str:
    if depth > 3:
        return "…"
    if isinstance(value, Named):
        return value.typed
    if isinstance(value, str):
        shown = []
        for typed, text in slots.parts(value):
            if typed:
                shown.append(text)
                continue
            pos = 0  # a function or an object joined into text with '~': its name
            for m in _REPR.finditer(text):
                if m.start() > pos:
                    shown.append(repr(text[pos : m.start()]))
                shown.append(_FUNCTIONS.get(m.group(1) or "", "a function"))
                pos = m.end()
            if pos < len(text) or not shown:
                shown.append(repr(text[pos:]))
        return " ~ ".join(shown)
    if value is None or isinstance(value, bool | int | float | Decimal):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v, slots, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        inner = (
            f"{_shown(k, slots, depth + 1)}: {_shown(v, slots, depth + 1)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(inner) + "}"
    if callable(value):
        return function_name(value) or "a function"
    return "a value of another kind"


_REPR = re.compile(r"<bound method ([\w.]+) of <[^<>]*>>|<[\w.<>]+ object at 0x[0-9a-f]+>")
"""How Python prints a function of text, or an object, when it is joined into text."""


def holds_python(text: str) -> bool:
    """Whether ``text`` holds how Python prints a function or an object (``'a' ~ fig``)."""
    return _REPR.search(text) is not None


def is_plain(value: object) -> bool:
    """Whether ``value`` is text as typed in quotes (a label, a name), not what was printed."""
    return isinstance(value, str) and not holds_slot(value) and not holds_python(value)


_RENAMED = (
    (re.compile(r"_Call\.__call__\(\)"), "ref()"),
    (re.compile(r"Quoting\.fig\(\)"), "fig()"),
    (re.compile(r"Quoting\.total\(\)"), "total()"),
    (re.compile(r"_filter\.<locals>\.apply\(\)"), "the filter"),
    (
        re.compile(r"'?(?:reportgen\.resolve\.figures\.)?Quoted(?: object)?'?(?: object)?"),
        "a figure",
    ),
    (re.compile(r"'method(?: object)?'(?: object)?"), "a function"),
)
"""Python's names in an error message, and the author's words for them."""

_INTERNAL = re.compile(
    r"reportgen\.|\bQuot(?:ed|ing)\b|_Call\b|<locals>|object at 0x|<bound |<function |"
    r"Decimal\(|Quantity\(|[\ue000-\uf8ff]"
)
"""What of Python's own workings a message must not show."""


def said(message: str, slots: Slots | None = None) -> str | None:
    """The error message ``message`` in the author's words: placeholders as typed, Python's
    names for ref(), fig(), total(), figures and functions as the author's; ``None`` when
    something internal would still show."""
    text = "".join(part for _, part in (slots or Slots()).parts(message))
    for pattern, words in _RENAMED:
        text = pattern.sub(words, text)
    return None if _INTERNAL.search(text) else text
