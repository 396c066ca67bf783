"""The finance reviewer's sheet: every figure of the report with where it is and where its value
comes from, then every amount of money typed into the text, flagged.

The typed amounts are those of :func:`reportgen.typed_money.typed_money`, the rule ``check``
reports C805 by: the amounts this sheet says match no figure are exactly its findings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, Figure, LedgerCheck, Table, figures_in
from reportgen.errors import Location
from reportgen.resolve.amounts import Parsed
from reportgen.resolve.style import digits_as_given
from reportgen.review.build import CellText, GroupRow, finish, frame, lines
from reportgen.review.source import Source, header, row_label, spots
from reportgen.review_words import FigureWords, SheetWords
from reportgen.typed_money import Piece, pieces, typed_money

_Key = tuple[int, int, int]
"""A piece of text by its block, its row below the header and its column."""


@dataclass(frozen=True, slots=True)
class Listed:
    """A figure of the report, numbered in the order printed, and where it is."""

    number: int
    figure: Figure
    group: str
    """The table it is in ('Table of resources (Increased demand)'), or the report's heading
    above the text it is in."""
    where: str
    """Where in that table or under that heading: 'row 3 (Social Workers): Total Cost £',
    'paragraph 12'."""


def _key(piece: Piece) -> _Key:
    return piece.index, piece.number, piece.column


def _places(document: Document, words: SheetWords) -> Iterator[tuple[Piece, str, str]]:
    """Each piece of text of ``document`` (a paragraph, a heading, a table cell) in order, with
    its group (a table's name, or the heading above) and where it is in that group."""
    places = words.places
    where = spots(document, words)
    headers: dict[int, list[str]] = {}
    for piece in pieces(document):
        spot = where[piece.index]
        if isinstance(piece.block, Table) and piece.row is not None:
            group = (
                places.table.format(table=spot.place, heading=spot.heading)
                if spot.heading
                else spot.place
            )
            if piece.index not in headers:
                headers[piece.index] = header(piece.block)
            columns = headers[piece.index]
            label = row_label(piece.row)
            yield (
                piece,
                group,
                places.cell.format(
                    row=piece.number,
                    label=places.row_label.format(label=label) if label else "",
                    column=columns[piece.column] if piece.column < len(columns) else "",
                ),
            )
        else:
            yield piece, spot.heading, spot.place or spot.heading


def figures(document: Document, words: SheetWords) -> list[Listed]:
    """Every figure of ``document``, in tables and in text, in order, with where it is."""
    out: list[Listed] = []
    for piece, group, where in _places(document, words):
        for figure in figures_in(piece.content):
            out.append(Listed(len(out) + 1, figure, group, where))
    return out


@dataclass(frozen=True, slots=True)
class TypedAmount:
    """An amount of money typed into the report's text, not a figure, and where it is."""

    group: str
    """The table it is in, or the report's heading above the text it is in."""
    where: str
    """Where in that table or under that heading."""
    typed: str
    """As typed, e.g. '£1,234'."""
    amount: Parsed | None
    """Its value as :func:`~reportgen.resolve.amounts.parse_amount` reads it, if it does."""
    context: str
    """The text around it."""
    same: Listed | None
    """The first figure of money with the same value (or printed the same), if any."""


def _context(text: str, start: int, end: int, width: int) -> str:
    """The words around ``text[start:end]``, up to ``width`` characters either side."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0 and " " in text[left:start]:
        left = text.index(" ", left) + 1
    if right < len(text) and " " in text[end:right]:
        right = text.rindex(" ", end, right)
    shown = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + shown + ("…" if right < len(text) else "")


def typed_amounts(
    document: Document, listed: Sequence[Listed], words: SheetWords
) -> list[TypedAmount]:
    """Every amount of money typed into ``document``'s text (:func:`~reportgen.typed_money.
    typed_money`), in order, each with the figure of ``listed`` (:func:`figures`) that has its
    value, if one does."""
    width = words.finance.typed.context
    where = {_key(piece): (group, place) for piece, group, place in _places(document, words)}
    out: list[TypedAmount] = []
    for typed in typed_money(document):
        group, place = where[_key(typed.piece)]
        context = _context(typed.text, typed.start, typed.end, width)
        same = listed[typed.same] if typed.same is not None else None
        out.append(TypedAmount(group, place, typed.typed, typed.amount, context, same))
    return out


def _source(where: Location, report: Path, words: FigureWords) -> str:
    """The line of the report a value comes from, or the file and line of another file."""
    file = Path(where.file)
    if file.resolve() == report.resolve():
        return words.line.format(line=where.line) if where.line else ""
    if not where.line:
        return file.name
    return words.elsewhere.format(file=file.name, line=where.line)


def _ledger(check: LedgerCheck, stated: Decimal, words: FigureWords) -> str:
    """The comparison of a ledger total with what its rows add to, as the sheet says it."""
    return words.ledger.format(
        stated=digits_as_given(stated),
        rows=digits_as_given(check.rows),
        difference=digits_as_given(check.difference),
        allowed=digits_as_given(check.allowed),
        terms=check.terms,
    )


def finance_sheet(source: Source, boilerplate: Boilerplate) -> Document:
    """The finance reviewer's sheet: every figure with its origin, and every amount of money
    typed into the text, flagged."""
    words = boilerplate.review_sheets
    w = words.finance
    meta, sheet = frame(source, w.name, boilerplate, w.landscape)
    listed = figures(source.document, words)
    tables = {table.label for table in source.typed_tables().values()}
    sheet.heading(2, w.figures.heading)
    sheet.para(w.figures.intro)
    if listed:
        rows: list[Sequence[CellText] | GroupRow] = []
        group = None
        for item in listed:
            if item.group != group:
                group = item.group
                rows.append(GroupRow(group))
            figure = item.figure
            origin = figure.origin
            named = ""
            if figure.name is not None:
                pattern = w.figures.table if figure.name in tables else w.figures.named
                named = pattern.format(name=figure.name)
            stated = (
                _ledger(origin.ledger, origin.stated, w.figures)
                if origin.ledger is not None and origin.stated is not None
                else w.figures.stated.format(value=digits_as_given(origin.stated))
                if origin.stated is not None
                else ""
            )
            where = _source(origin.where, source.path, w.figures)
            rows.append(
                (
                    str(item.number),
                    item.where,
                    figure.shown,
                    digits_as_given(figure.value),
                    figure.kind,
                    lines(origin.how, named, stated),
                    where,
                )
            )
        sheet.table(w.figures.title, w.figures.columns, rows, {0, 2, 3}, w.figures.widths)
    else:
        sheet.para(w.figures.none)
    typed = typed_amounts(source.document, listed, words)
    t = w.typed
    sheet.heading(2, t.heading)
    sheet.para(t.intro)
    if typed:
        rows = []
        group = None
        for n, amount in enumerate(typed, 1):
            if amount.group != group:
                group = amount.group
                rows.append(GroupRow(group))
            if amount.amount is None:
                check = lines(t.typed, t.unread)
            elif amount.same is not None:
                check = lines(t.typed, t.same.format(number=amount.same.number))
            else:
                check = lines(t.typed, t.no_match)
            value = digits_as_given(amount.amount.value) if amount.amount is not None else ""
            rows.append((str(n), amount.where, amount.typed, value, check, amount.context))
        sheet.table(t.title, t.columns, rows, {0, 2, 3}, t.widths)
    else:
        sheet.para(t.none)
    return finish(source, meta, sheet)
