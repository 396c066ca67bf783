"""A table cell's paragraphs in the HTML edition: paragraphs, ``<ul>`` and ``<ol>`` lists.

The template prints a cell of several paragraphs
(:attr:`~reportgen.document.Cell.paragraphs`) from :func:`cell_blocks`: its plain paragraphs as
``<p>``, its bullet points as a nested ``<ul>`` and its numbered items as an ``<ol>`` (the
browser numbers them, from 1 in each cell, as the resolver did).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reportgen.document import Cell, Inlines

NUMBERED_KIND = "cell-number"
"""The list kind of a cell's numbered items (see :mod:`reportgen.resolve.cells`)."""


@dataclass(slots=True)
class CellItem:
    """An item of a list in a cell, with the lists nested under it."""

    content: Inlines
    children: list[CellBlock] = field(default_factory=list)


@dataclass(slots=True)
class CellBlock:
    """A paragraph (``p``) or a list (``ul``, ``ol``) of a cell."""

    kind: Literal["p", "ul", "ol"]
    content: Inlines = ()
    items: list[CellItem] = field(default_factory=list)


def cell_blocks(cell: Cell) -> list[CellBlock]:
    """``cell``'s paragraphs as the template prints them, lists nested by level."""
    out: list[CellBlock] = []
    stack: list[CellBlock] = []  # the open lists, outermost first
    for para in cell.paragraphs:
        if para.mark is None:
            stack.clear()
            out.append(CellBlock("p", para.content))
            continue
        kind: Literal["ul", "ol"] = "ol" if para.mark.kind == NUMBERED_KIND else "ul"
        level = min(para.mark.level, len(stack))
        del stack[level + 1 :]
        if len(stack) == level + 1 and stack[level].kind != kind:
            del stack[level:]
        if len(stack) <= level:
            fresh = CellBlock(kind)
            parent = stack[-1].items[-1].children if stack and stack[-1].items else out
            parent.append(fresh)
            stack.append(fresh)
        stack[level].items.append(CellItem(para.content))
    return out
