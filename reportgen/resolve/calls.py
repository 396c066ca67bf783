"""What a text may write between ``{{ }}``, read as data and never run as a template.

The format defines three calls, and nothing else: ``ref()`` (cross-references),
``fig()`` and ``total()`` (figures), each with literal arguments and the keywords it takes,
a figure optionally followed by filters (``{{ fig('budget') | short }}``). :func:`read` splits
a text into the text as typed and those calls, with Jinja's own lexer (so braces inside quotes,
``{{- … -}}`` and ``{% raw %}`` read as they always have) and a parser of its own that accepts
only that grammar. There is no template engine behind it: no statement, expression, name or
attribute is ever evaluated, so what a text can cost is what reading it costs, in proportion to
its length.

What a text may not hold is a problem at its place, and the text is not built:

- R302: the braces cannot be read (``{{`` never closed, a bracket left open, ``{{ }}``);
- R309: one ``{{ }}`` longer than :data:`MAX_CHARACTERS` characters or :data:`MAX_TOKENS`
  parts, far past any call;
- R308: anything else between ``{{ }}`` (names, strings, arithmetic, ``~``, ``%``, attributes,
  ``{{ ref }}`` without a call, other functions or filters), any ``{% … %}`` statement, and a
  ``{# … #}`` comment in a text that holds ``{{`` or ``{%``.

A text with neither ``{{`` nor ``{%`` is not read at all (:func:`quotes` tells, and Jinja is
imported only for a text that is read): ``{#``, ``}}`` and ``%}`` there are text. To print
``{{``, ``{%`` or ``{#`` in a text that also quotes something, write ``{{ '{{' }}``: a string
alone is accepted when it holds a brace, and printed as it is, or put the run between
``{% raw %}`` and ``{% endraw %}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reportgen.errors import quote, shorten
from reportgen.resolve.figures import FILTERS

if TYPE_CHECKING:
    from jinja2.lexer import Lexer, Token

Constant = str | int | float | bool | None
"""An argument as written: a string or number, true, false or none."""

FUNCTIONS: dict[str, tuple[str, ...]] = {
    "ref": ("to", "bold"),
    "fig": (),
    "total": ("column",),
}
"""The functions text may call, each with the keywords it takes."""

MAX_TOKENS = 200
"""The most parts (names, strings, commas, brackets) one ``{{ }}`` may have."""

MAX_CHARACTERS = 2000
"""The most characters one ``{{ }}`` may have, braces included."""

FIX = (
    "write {{ ref('label') }}, {{ fig('name') }} or {{ total('table') }}, a figure optionally "
    "followed by a filter (| short); to print braces as typed write {{ '{{' }} or {{ '{%' }}"
)
"""The fix for anything else between braces."""

_CONSTANTS: dict[str, Constant] = {
    "true": True,
    "false": False,
    "True": True,
    "False": False,
    "none": None,
    "None": None,
}
_SYNTAX_FIX = "write references as {{ ref('label') }}; to print '{{' write {{ '{{' }}"


def quotes(source: str) -> bool:
    """Whether ``source`` holds ``{{`` or ``{%``, and so is read by :func:`read`: a text
    without them is text as typed, and never goes near Jinja."""
    return "{{" in source or "{%" in source


@cache
def _lexer() -> Lexer:
    """Jinja's lexer, made (and Jinja imported) the first time a text is read."""
    from jinja2 import Environment

    return Environment(autoescape=False).lexer


@dataclass(frozen=True, slots=True)
class Call:
    """One call in a text: ``ref('a', to='b')``, ``fig('budget') | short``."""

    function: str
    args: tuple[Constant, ...]
    keywords: tuple[tuple[str, Constant], ...]
    filters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unread:
    """Why a text cannot be read: the problem's code, message and fix."""

    code: str
    message: str
    hint: str = FIX


Piece = str | Call
"""Text as typed, or a call."""


class _Refused(Exception):
    """Raised inside the reader with the problem it found."""

    def __init__(self, unread: Unread) -> None:
        super().__init__(unread.message)
        self.unread = unread


def _refuse(message: str, hint: str = FIX) -> _Refused:
    return _Refused(Unread("R308", message, hint))


def _syntax(message: str | None, lineno: int = 1) -> Unread:
    """R302: the braces cannot be read, for ``message`` at line ``lineno`` of the text."""
    line = f" (line {lineno} of the text)" if lineno > 1 else ""
    return Unread("R302", f"template syntax: {message}{line}", _SYNTAX_FIX)


def read(source: str) -> list[Piece] | Unread:
    """The text ``source`` as typed text and calls, or why it cannot be read."""
    from jinja2 import TemplateSyntaxError

    pieces: list[Piece] = []
    stream = _lexer().tokeniter(source, None)
    try:
        for lineno, kind, raw in stream:
            if kind == "data":
                data = _value(lineno, kind, raw)
                pieces.append(str(data.value) if data is not None else "")
            elif kind == "variable_begin":
                pieces.append(_call(raw, _inside(raw, stream, "variable_end")[0]))
            elif kind == "block_begin":
                inside, closed = _inside(raw, stream, "block_end", strict=False)
                typed = raw + "".join(r for _, r in inside) + ("%}" if closed else "")
                raise _refuse(
                    f"text cannot hold Jinja statements such as {quote(typed)}: only ref(), "
                    "fig() and total() may be written, between {{ }}"
                )
            elif kind == "comment_begin":
                raise _refuse(
                    "a text that quotes with {{ }} cannot hold a Jinja comment {# … #}: "
                    "only ref(), fig() and total() may be written, between {{ }}",
                    "delete the comment, or to print it as typed write {{ '{#' }} for its '{#'",
                )
            # raw_begin and raw_end: what is between them is data, as typed
    except _Refused as exc:
        return exc.unread
    except TemplateSyntaxError as exc:
        return _syntax(exc.message, exc.lineno)
    return pieces


def _value(lineno: int, kind: str, raw: str) -> Token | None:
    """One raw token as Jinja reads it (a string unescaped, a number parsed), or None for
    whitespace."""
    for token in _lexer().wrap(iter([(lineno, kind, raw)])):
        return token
    return None


def _inside(
    begin: str, stream: Iterator[tuple[int, str, str]], end: str, strict: bool = True
) -> tuple[list[tuple[Token | None, str]], bool]:
    """The tokens up to ``end``, each with its text as typed, and whether ``end`` was met; at
    most :data:`MAX_TOKENS` (when not ``strict``, those and no more)."""
    out: list[tuple[Token | None, str]] = []
    size = len(begin)
    for lineno, kind, raw in stream:
        if kind == end:
            return out, True
        size += len(raw)
        if len(out) >= MAX_TOKENS or size > MAX_CHARACTERS:
            if not strict:
                return out, False
            raise _Refused(
                Unread(
                    "R309",
                    f"this {{{{ }}}} is too long to be a reference or a figure (over "
                    f"{MAX_TOKENS} parts or {MAX_CHARACTERS:,} characters)",
                    FIX,
                )
            )
        out.append((_value(lineno, kind, raw), raw))
    if not strict:
        return out, False
    raise _Refused(_syntax(f"'{begin}' is never closed with '}}}}'"))


def _call(begin: str, inside: list[tuple[Token | None, str]]) -> Piece:
    """The call written between one pair of braces, or the text a string escape prints."""
    typed = begin + "".join(raw for _, raw in inside) + "}}"
    tokens = [t for t, _ in inside if t is not None]
    if not tokens:
        raise _Refused(_syntax("there is nothing between '{{' and '}}'"))
    first = tokens[0]
    if len(tokens) == 1 and first.type == "string" and any(b in first.value for b in "{}"):
        return str(first.value)  # {{ '{{' }}: the braces as typed
    if first.type != "name" or len(tokens) < 2 or tokens[1].type != "lparen":
        raise _refuse(_not(typed))
    name = str(first.value)
    if name not in FUNCTIONS:
        raise _refuse(
            f"{name}() is not something text can call: only ref(), fig() and total() may be "
            "written between {{ }}"
        )
    args: list[Constant] = []
    keywords: list[tuple[str, Constant]] = []
    at = 2
    while at < len(tokens) and tokens[at].type != "rparen":
        keyword = None
        if tokens[at].type == "name" and at + 1 < len(tokens) and tokens[at + 1].type == "assign":
            keyword = str(tokens[at].value)
            if keyword not in FUNCTIONS[name]:
                takes = " and ".join(f"{k}=" for k in FUNCTIONS[name]) or "no keywords"
                raise _refuse(f"{name}() has no keyword {quote(keyword)}: it takes {takes}")
            at += 2
        value = _constant(tokens[at] if at < len(tokens) else None, name, typed)
        if keyword is not None:
            keywords.append((keyword, value))
        elif keywords:
            raise _refuse(f"in {quote(typed)}, a label follows a keyword")
        else:
            args.append(value)
        at += 1
        if at < len(tokens) and tokens[at].type == "comma":
            at += 1
        elif at < len(tokens) and tokens[at].type != "rparen":
            raise _refuse(_not(typed), _ARITHMETIC)
    at += 1  # past ')'
    filters: list[str] = []
    while at < len(tokens):
        if tokens[at].type != "pipe" or at + 1 >= len(tokens) or tokens[at + 1].type != "name":
            raise _refuse(_not(typed), _ARITHMETIC)
        filter_name = str(tokens[at + 1].value)
        if filter_name not in FILTERS:
            raise _refuse(
                f"{quote(filter_name)} is not a filter text can use: the filters are "
                + ", ".join(FILTERS),
                "write e.g. {{ fig('budget') | short }}",
            )
        if name == "ref":
            raise _refuse(
                f"the filter {filter_name!r} applies to fig() or total(), not ref()",
                "write {{ ref('label') }} without a filter",
            )
        filters.append(filter_name)
        at += 2
        if at + 1 < len(tokens) and tokens[at].type == "lparen" and tokens[at + 1].type == "rparen":
            at += 2  # | short(): the filters take nothing
    _check_arguments(name, args, dict(keywords), typed)
    return Call(name, tuple(args), tuple(keywords), tuple(filters))


def _not(typed: str) -> str:
    """The message for what is not a call the format defines."""
    return f"only ref(), fig() and total() may be written between {{{{ }}}}, not {quote(typed)}"


_ARITHMETIC = (
    "text does no arithmetic: compute a figure under 'figures:' with an 'expr' and quote it as "
    "{{ fig('name') }}; to print braces as typed write {{ '{{' }}"
)


def _constant(token: Token | None, function: str, typed: str) -> Constant:
    """An argument: a string, a number, true, false or none, as written."""
    if token is not None and token.type in ("string", "integer", "float"):
        value: Constant = token.value
        return value
    if token is not None and token.type == "name" and token.value in _CONSTANTS:
        return _CONSTANTS[token.value]
    if token is not None and token.type == "name":
        raise _refuse(
            f"{function}() is given the name {quote(str(token.value))}, not a label in quotes",
            f"write {function}('{shorten(str(token.value))}'), the label in quotes",
        )
    raise _refuse(f"{function}() may be given only labels and names in quotes, not {quote(typed)}")


def _check_arguments(
    name: str, args: list[Constant], keywords: dict[str, Constant], typed: str
) -> None:
    """fig() takes one name; total() a table and optionally a column; ref() any labels."""
    if name == "fig" and len(args) != 1:
        raise _refuse(
            f"fig() takes one figure's name, not {quote(typed)}", "write {{ fig('name') }}"
        )
    if name == "total" and not (len(args) == 1 or (len(args) == 2 and "column" not in keywords)):
        raise _refuse(
            f"total() takes a table's label and optionally a column's key, not {quote(typed)}",
            "write {{ total('table') }} or {{ total('table', 'column') }}",
        )
