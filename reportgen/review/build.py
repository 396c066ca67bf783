"""How a review sheet is put together: its frame (the heading and the report's particulars),
then headings, paragraphs and tables of finished text, added in order, made a
:class:`~reportgen.document.Document` of kind ``review`` that every writer prints.

A sheet's text is finished (quoted from the report's resolved document, or the sheet's own
wording), so its blocks are made here rather than drafted, numbered and substituted again: the
paragraphs it quotes keep the numbers the report gave them.
"""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from reportgen.boilerplate import Boilerplate
from reportgen.document import (
    Block,
    Cell,
    Document,
    Emph,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListMark,
    Meta,
    Para,
    ParaRole,
    RefNumber,
    Row,
    Strong,
    Table,
    Text,
)
from reportgen.errors import YamlPath
from reportgen.review.source import Source, Spot

CellText = str | Inlines


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A row across a sheet's table that heads the rows below it."""

    text: str


def as_inlines(content: CellText) -> Inlines:
    """``content`` as inlines: a string as one plain text."""
    return (Text(content),) if isinstance(content, str) else content


def lines(*parts: CellText) -> Inlines:
    """The non-empty ``parts``, one a line."""
    out: list[Inline] = []
    for part in parts:
        nodes = as_inlines(part)
        if not nodes or nodes == (Text(""),):
            continue
        if out:
            out.append(LineBreak())
        out += nodes
    return tuple(out)


def settled(nodes: Inlines) -> Inlines:
    """``nodes`` with each reference to a numbered block as plain text: quoted on a sheet, the
    paragraph it names is not there to point at."""
    out: list[Inline] = []
    for node in nodes:
        match node:
            case RefNumber(_, shown):
                out.append(Text(shown))
            case Strong(children):
                out.append(Strong(settled(children)))
            case Emph(children):
                out.append(Emph(settled(children)))
            case Link(url, children):
                out.append(Link(url, settled(children)))
            case _:
                out.append(node)
    return tuple(out)


class Sheet:
    """A sheet's blocks, added in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def heading(self, level: int, text: str) -> None:
        """Add a heading of ``level``."""
        self.blocks.append(Heading(level, (Text(text),)))

    def para(
        self, content: CellText, role: ParaRole = "body", mark: ListMark | None = None
    ) -> None:
        """Add a paragraph of ``role``, in a list when ``mark`` is given."""
        self.blocks.append(Para(role, as_inlines(content), mark))

    def table(
        self,
        title: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[CellText] | GroupRow],
        numeric: Collection[int] = (),
        widths: Sequence[float | None] | None = None,
    ) -> None:
        """Add a table: a header row of ``columns``, then ``rows`` (a :class:`GroupRow` heads
        those below it); the ``numeric`` columns are right-aligned."""

        def cells(row: Sequence[CellText]) -> tuple[Cell, ...]:
            return tuple(Cell(as_inlines(c), numeric=i in numeric) for i, c in enumerate(row))

        out = [Row("header", cells(columns))]
        for row in rows:
            if isinstance(row, GroupRow):
                out.append(Row("group", (Cell((Text(row.text),), span=len(columns)),)))
            else:
                out.append(Row("body", cells(row)))
        given = tuple(widths) if widths and len(widths) == len(columns) else ()
        self.blocks.append(Table(tuple(out), given, title))


def frame(
    source: Source, name: str, boilerplate: Boilerplate, landscape: bool
) -> tuple[Meta, Sheet]:
    """The sheet's meta (in the profile's look for a review sheet) and its first blocks: its
    heading and the report's particulars."""
    words = boilerplate.review_sheets
    meta = source.document.meta
    title = words.header.title.format(sheet=name, title=meta.title)
    fields = {
        "title": meta.title,
        "committee": meta.committee,
        "date": meta.date_text,
        "agenda_item": meta.agenda_item,
        "reference": meta.reference or "",
        "report_of": meta.report_of,
        "source": source.path.name,
    }
    sheet = Sheet()
    sheet.heading(1, title)
    for line in words.header.lines:
        used = [f for _, f, _, _ in string.Formatter().parse(line) if f]
        if all(fields[f] for f in used):
            sheet.para(line.format(**fields), "margin")
    look = boilerplate.look_of("review")
    return replace(meta, title=title, kind="review", landscape=landscape, look=look), sheet


def finish(source: Source, meta: Meta, sheet: Sheet) -> Document:
    """The sheet as a document, its lists numbered in the report's formats."""
    return Document(meta, tuple(sheet.blocks), source.document.list_formats)


def quoted(
    sheet: Sheet,
    title: str,
    columns: Sequence[str],
    blocks: Sequence[tuple[int, Block, YamlPath]],
    where: Sequence[Spot],
) -> None:
    """A table of the report's paragraphs ``blocks``: each one's number, and its text."""
    rows: list[tuple[CellText, CellText]] = []
    for i, block, _ in blocks:
        label = where[i].label
        if isinstance(block, Table):
            rows.append((label, where[i].place))
        elif isinstance(block, Heading):
            rows.append(("", (Strong(settled(block.content)),)))
        else:
            rows.append((label, settled(block.content)))
    sheet.table(title, columns, rows)
