"""Money typed into a report's text: the one rule for what counts, used by ``check`` and the
finance sheet alike.

An amount of money typed into the text (``£1,234`` in a paragraph, a heading or a table cell,
as the reader sees it once the report is resolved) rather than quoted from a figure with
``{{ fig() }}`` can disagree with the tables. :func:`typed_money` finds every one, in reading
order, in the resolved :class:`~reportgen.document.Document`: in the plain text only (a
figure's own printed text is not typed), found by
:func:`~reportgen.resolve.amounts.find_money`, each with the first figure of money of the report
that has its value (or is printed the same). ``reportgen check`` reports those that no figure
has (C805, :mod:`reportgen.readiness`); the finance sheet (:mod:`reportgen.review.finance`)
lists them all, flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.document import (
    Block,
    Document,
    Emph,
    Figure,
    Inlines,
    LineBreak,
    Link,
    RefNumber,
    Row,
    Strong,
    Table,
    Text,
    figures_in,
)
from reportgen.resolve.amounts import Parsed, find_money


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a document's text: a paragraph or heading, or a cell of a table below its
    header rows (a header names its columns, it says no amount)."""

    index: int
    """The block's place in the document's blocks."""
    block: Block
    content: Inlines
    row: Row | None = None
    """The cell's row, for a table."""
    number: int = 0
    """The row's number below the header, from 1, as a reader counts them."""
    column: int = 0
    """The column the cell starts in, from 0 (a spanning cell counted as its first)."""


def pieces(document: Document) -> Iterator[Piece]:
    """Every piece of ``document``'s text, in reading order."""
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Table):
            yield Piece(index, block, block.content)
            continue
        number = 0
        for row in block.rows:
            if row.role == "header":
                continue
            number += 1
            column = 0
            for cell in row.cells:
                yield Piece(index, block, cell.content, row, number, column)
                column += cell.span


def reading_figures(document: Document) -> list[Figure]:
    """Every figure of ``document``'s :func:`pieces`, in reading order."""
    return [figure for piece in pieces(document) for figure in figures_in(piece.content)]


@dataclass(frozen=True, slots=True)
class TypedMoney:
    """An amount of money typed into the text, not a figure."""

    piece: Piece
    """The paragraph, heading or cell it is typed in."""
    text: str
    """That piece's plain text, as a reader sees it."""
    start: int
    end: int
    """Where the amount is in ``text``."""
    amount: Parsed | None
    """Its value as :func:`~reportgen.resolve.amounts.parse_amount` reads it, if it does."""
    same: int | None
    """The first figure of money with its value (or printed the same), as its index in
    :func:`reading_figures`; None when no figure has it."""

    @property
    def typed(self) -> str:
        """As typed, its spaces as one: '£1,234', '£1.1 million'."""
        return " ".join(self.text[self.start : self.end].split())

    @property
    def unmatched(self) -> bool:
        """Read as an amount, and no figure of the report has its value: what C805 reports."""
        return self.amount is not None and self.same is None


def typed_money(document: Document) -> list[TypedMoney]:
    """Every amount of money typed into ``document``'s plain text (outside figures), in
    reading order, each with the first figure of money that has its value, if one does."""
    figures = reading_figures(document)
    money = [(k, figure) for k, figure in enumerate(figures) if figure.kind == "money"]
    out: list[TypedMoney] = []
    for piece in pieces(document):
        full, texts = _texts(piece.content)
        for offset, text in texts:
            for match, amount in find_money(text):
                typed = " ".join(match.group().split())
                same = next(
                    (
                        k
                        for k, figure in money
                        if (amount is not None and figure.value == amount.value)
                        or " ".join(figure.shown.split()) == typed
                    ),
                    None,
                )
                start, end = offset + match.start(), offset + match.end()
                out.append(TypedMoney(piece, full, start, end, amount, same))
    return out


def _texts(nodes: Inlines) -> tuple[str, list[tuple[int, str]]]:
    """The plain text of ``nodes``, and each plain :class:`Text` in it with its offset."""
    full: list[str] = []
    found: list[tuple[int, str]] = []
    size = 0

    def walk(items: Inlines) -> None:
        nonlocal size
        for node in items:
            piece = ""
            match node:
                case Text(text):
                    found.append((size, text))
                    piece = text
                case Strong(children) | Emph(children) | Link(_, children):
                    walk(children)
                case LineBreak():
                    piece = "\n"
                case RefNumber(_, shown) | Figure(_, shown):
                    piece = shown
            full.append(piece)
            size += len(piece)

    walk(nodes)
    return "".join(full), found
