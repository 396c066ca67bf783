"""Turn a text's inline Markdown into inline nodes, with markdown-it-py doing the parsing.

Only inline markup is enabled: ``**bold**``, ``*italic*``, ``[links](url)``, backslash escapes
and line breaks. Emphasis is written with asterisks only: an underscore is always printed as
typed, so ``snake_case_words``, ``_underlined_`` and docxtpl's ``{_{ y }_}`` stay as written
(Markdown's ``_italic_`` and ``__bold__`` are not part of the report format).
Cross-references arrive here as placeholders (see :mod:`reportgen.resolve.refs`) and are
swapped for the nodes they stand for.

Emphasis inside the same emphasis (``*a *b* c*``, or ``**a *`` thousands deep) adds
nothing to how the text looks, so it is not nested again: the nodes stay at most a few levels
deep however the text is written, and the writers, which walk them recursively, never run out
of stack.

Most of a report's text has no markup at all: a text without any character that inline
Markdown gives a meaning to (:data:`MARKUP`) becomes one text node without the parser, and
markdown-it-py is imported only when a text needs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from reportgen.document import Emph, Inline, Inlines, LineBreak, Link, Strong, Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

MARKUP = re.compile(r"[*\[\]\\`\n\r\x00]")
"""The characters the enabled inline rules act on (emphasis, links, escapes, code, line
breaks, and the NUL the parser replaces); a text without any is plain text as written.
The underscore is not one of them: it never starts emphasis (see :func:`_underscores`)."""


@cache
def _parser() -> MarkdownIt:
    """The inline Markdown parser, made on first use."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero").enable(["emphasis", "link", "escape", "newline", "backticks"])
    parser.inline.ruler.before("emphasis", "underscores", _underscores)
    return parser


def _underscores(state: StateInline, silent: bool) -> bool:
    """Take a run of underscores as plain text, before the emphasis rule can read it.

    Markdown's emphasis rule reads ``_x_`` as italic and ``__x__`` as bold; reports use
    asterisks for those, and underscores are text (``{_{ y }_}``, ``snake_case``). Taking them
    here, rather than undoing emphasis afterwards, also keeps them out of the pairing of
    asterisks: ``_a *b_ c*`` is ``_a `` then ``b_ c`` in italics, as with any other character.
    Backslash escapes and code spans are read by their own rules first, as before.
    """
    start = state.pos
    if state.src[start] != "_":
        return False
    end = start
    while end < state.posMax and state.src[end] == "_":
        end += 1
    if not silent:
        state.pending += state.src[start:end]
    state.pos = end
    return True


SLOT_OPEN, SLOT_CLOSE = "\ue000", "\ue001"
"""Private-use characters around a slot number; they never occur in a report's text."""

_SLOT = re.compile(f"{SLOT_OPEN}(\\d+){SLOT_CLOSE}")


def slot(n: int) -> str:
    """The placeholder text that stands for slot ``n``."""
    return f"{SLOT_OPEN}{n}{SLOT_CLOSE}"


def holds_slot(text: str) -> bool:
    """Whether ``text`` holds a placeholder: it is, or holds, what a template call printed."""
    return _SLOT.search(text) is not None


class Slots(list[Inlines]):
    """The nodes each slot of one text stands for, and how the author typed what made each
    (``ref('benefits')``, ``fig('cost') | short``), so that a problem can name a slot as typed,
    never by its placeholder (:mod:`reportgen.resolve.typed`)."""

    def __init__(self) -> None:
        super().__init__()
        self.typed: list[str] = []

    def add(self, nodes: Inlines, typed: str) -> str:
        """Keep ``nodes``, made by what the author typed as ``typed``; the placeholder text."""
        self.append(nodes)
        self.typed.append(typed)
        return slot(len(self) - 1)

    def parts(self, text: str) -> list[tuple[bool, str]]:
        """``text`` cut at its placeholders: (False, literal text) and (True, what was typed)."""
        out: list[tuple[bool, str]] = []
        pos = 0
        for m in _SLOT.finditer(text):
            if m.start() > pos:
                out.append((False, text[pos : m.start()]))
            n = int(m.group(1))
            out.append((True, self.typed[n] if n < len(self.typed) else "…"))
            pos = m.end()
        if pos < len(text):
            out.append((False, text[pos:]))
        return out


def _text(content: str, slots: Sequence[Inlines]) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    for m in _SLOT.finditer(content):
        if m.start() > pos:
            out.append(Text(content[pos : m.start()]))
        out.extend(slots[int(m.group(1))])
        pos = m.end()
    if pos < len(content):
        out.append(Text(content[pos:]))
    return out


def merge_text(nodes: list[Inline]) -> Inlines:
    """Adjacent plain texts joined, so writers emit as few runs as they need."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)


def parse_inline(source: str, slots: Sequence[Inlines] = ()) -> Inlines:
    """Inline nodes for ``source``; placeholders made by :func:`slot` become ``slots[n]``."""
    source = source.strip()
    if MARKUP.search(source) is None:
        return merge_text(_text(source, slots))
    tokens: list[Token] = _parser().parseInline(source, {})[0].children or []
    stack: list[list[Inline]] = [[]]
    opened: list[Token] = []
    inside = {"strong_open": 0, "em_open": 0}
    """How many of each emphasis are open: bold inside bold is just bold."""
    for tok in tokens:
        kind = tok.type
        if kind == "text":
            stack[-1].extend(_text(tok.content, slots))
        elif kind == "code_inline":
            stack[-1].append(Text(tok.content))
        elif kind == "softbreak":
            stack[-1].append(Text(" "))
        elif kind == "hardbreak":
            stack[-1].append(LineBreak())
        elif kind.endswith("_open"):
            stack.append([])
            opened.append(tok)
            if kind in inside:
                inside[kind] += 1
        elif kind.endswith("_close"):
            children = merge_text(stack.pop())
            start = opened.pop()
            if start.type in inside:
                inside[start.type] -= 1
                if inside[start.type]:  # already bold (or italic): no deeper nesting
                    stack[-1].extend(children)
                    continue
            if start.type == "strong_open":
                stack[-1].append(Strong(children))
            elif start.type == "em_open":
                stack[-1].append(Emph(children))
            else:
                stack[-1].append(Link(str(start.attrs.get("href", "")), children))
    return merge_text(stack[0])
