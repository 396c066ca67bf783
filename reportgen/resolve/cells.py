"""A table's structure decided: cells laid on the grid with their spans, cells of paragraphs and
lists, header-less tables, row headers and numbered rows.

A plain table (``table:``) is made here from its draft; a typed table (``columns:``), printed
by :mod:`reportgen.resolve.table_print`, gets its header, row headers and row numbers here
too. Nothing is computed here but places and numbers: the sums are
:mod:`reportgen.resolve.tables`'.

The YAML convention for spans: a cell spanning rows (``rows: 4``) is left out of the rows
below it that it covers, so each later row is written one cell shorter, as in HTML. In the
document every row fills the grid: a covered place holds a :class:`~reportgen.document.Cell`
marked ``continued``, as wide as the cell above. A table with a span whose rows do not fill
its grid (the first row's width) is a placed problem; a table without spans keeps the
forgiving rule it always had (a short row is padded by the writers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from reportgen.document import Cell, Inline, Inlines, LineBreak, ListMark, Para, Row, Table, Text
from reportgen.errors import Location, Problems, YamlPath, quote
from reportgen.model import BulletEntry, CellParagraph, TableCell
from reportgen.model_figures import NumberedRows
from reportgen.resolve.computed import ComputedTable, TextValue
from reportgen.resolve.outline import Content, DraftTable

ContentOf = Callable[[str, YamlPath], Inlines]
"""Substitutes an author text (references, figures, Markdown) found at a path."""

BULLET_KIND = "bullet"
"""The list kind of a cell's bullet points: the report's bullets."""
NUMBERED_KIND = "cell-number"
"""The list kind of a cell's numbered items, 1., 2., …, restarting in each cell."""
BULLET_LABEL = "•"


@dataclass(frozen=True, slots=True)
class _Span:
    """A cell still spanning rows below its own: where it starts, how wide, how many rows left."""

    column: int
    width: int
    left: int


class CellMaker:
    """Makes a plain table's cells, reporting what does not fit at its place."""

    def __init__(
        self, content: ContentOf, locate: Callable[[YamlPath], Location], problems: Problems
    ) -> None:
        self.content = content
        self.locate = locate
        self.problems = problems
        self.lists = 0
        """Numbered lists made so far: each cell's list is a sequence of its own."""

    # --- one cell's content -------------------------------------------------------------------

    def cell(self, entry: Content | TableCell, path: YamlPath) -> Cell:
        """The cell ``entry`` at ``path``, with its spans and paragraphs."""
        if isinstance(entry, tuple):  # finished content (an agenda's tables)
            return Cell(entry)
        if isinstance(entry, str):
            return Cell(self.content(entry, path))
        paras = list(self.paragraph(entry, path))
        for i, extra in enumerate(entry.paragraphs):
            here = (*path, "paragraphs", i)
            if isinstance(extra, str):
                paras.append(Para("body", self.content(extra, here)))
            else:
                paras += self.paragraph(extra, here)
        if len(paras) == 1 and paras[0].role == "body":
            return Cell(paras[0].content, span=entry.columns, rows=entry.rows)
        return Cell(_lines(paras), span=entry.columns, rows=entry.rows, paragraphs=tuple(paras))

    def paragraph(self, entry: CellParagraph, path: YamlPath) -> Iterator[Para]:
        """A cell paragraph's text, then its bullets, then its numbered items."""
        if entry.text is not None:
            yield Para("body", self.content(entry.text, (*path, "text")))
        yield from self.bullets(entry.bullets, (*path, "bullets"), 0)
        if entry.numbered:
            self.lists += 1
            instance = f"cell-list-{self.lists}"
            for n, item in enumerate(entry.numbered, 1):
                here = (*path, "numbered", n - 1)
                text, nested = (item, []) if isinstance(item, str) else (item.text, item.bullets)
                where = here if isinstance(item, str) else (*here, "text")
                mark = ListMark(NUMBERED_KIND, instance, 0, f"{n}.")
                yield Para("item", self.content(text, where), mark)
                yield from self.bullets(nested, (*here, "bullets"), 1)

    def bullets(self, entries: Sequence[BulletEntry], path: YamlPath, level: int) -> Iterator[Para]:
        """Bullet points at ``level``, each followed by the ones nested under it."""
        for i, entry in enumerate(entries):
            here = (*path, i)
            mark = ListMark(BULLET_KIND, "bullets", level, BULLET_LABEL)
            if isinstance(entry, str):
                yield Para("bullet", self.content(entry, here), mark)
            else:
                yield Para("bullet", self.content(entry.text, (*here, "text")), mark)
                yield from self.bullets(entry.bullets, (*here, "bullets"), level + 1)

    # --- the grid -------------------------------------------------------------------------------

    def rows(self, draft: DraftTable) -> list[list[Cell]]:
        """The cells of each row of ``draft`` in grid order, covered places marked continued."""
        made = [
            [self.cell(entry, (*draft.path, r, c)) for c, entry in enumerate(row)]
            for r, row in enumerate(draft.cells)
        ]
        if all(cell.span == 1 and cell.rows == 1 for row in made for cell in row):
            return made
        width = sum(cell.span for cell in made[0])
        spans: list[_Span] = []
        out: list[list[Cell]] = []
        for r, cells in enumerate(made):
            out.append(self.lay(cells, spans, width, draft.path, r))
            spans = [replace(s, left=s.left - 1) for s in spans if s.left > 1]
            spans += self.started(out[-1], r, len(made), draft.path)
        return out

    def started(self, cells: list[Cell], r: int, count: int, path: YamlPath) -> list[_Span]:
        """The row spans the cells of row ``r`` start; one running past the last row is cut."""
        found: list[_Span] = []
        column = 0
        for c, cell in enumerate(cells):
            if cell.rows > 1 and not cell.continued:
                if r + cell.rows > count:
                    self.problems.add(
                        "S220",
                        f"this cell spans {cell.rows} rows, but the table has only "
                        f"{count - r} from this row down",
                        self.locate((*path, r, self.index(cells, c))),
                        f"make it 'rows: {count - r}', or add the rows it should span",
                    )
                found.append(_Span(column, cell.span, min(cell.rows, count - r) - 1))
            column += cell.span
        return [s for s in found if s.left > 0]

    @staticmethod
    def index(cells: list[Cell], c: int) -> int:
        """The written index of the grid cell ``c``: the continued ones are not written."""
        return sum(1 for cell in cells[:c] if not cell.continued)

    def lay(
        self, cells: list[Cell], spans: list[_Span], width: int, path: YamlPath, r: int
    ) -> list[Cell]:
        """Row ``r``'s ``cells`` laid in the places the ``spans`` from above leave free."""
        covered = {s.column: s for s in spans}
        taken = {col for s in spans for col in range(s.column, s.column + s.width)}
        given, free = sum(cell.span for cell in cells), width - len(taken)
        if given != free:
            over = (
                " (past the table's edge)"
                if given > width
                else " (a cell above spans into it)"
                if given > free
                else ""
            )
            self.problems.add(
                "S221",
                f"this row's cells fill {given} column{_s(given)}{over} where the table's grid"
                f" leaves it {free}",
                self.locate((*path, r)),
                _grid_hint(spans, width),
            )
        out: list[Cell] = []
        column = 0
        own = iter(enumerate(cells))
        while column < width:
            if column in covered:
                above = covered[column]
                out.append(Cell((), span=above.width, continued=True))
                column += above.width
                continue
            nxt = next(own, None)
            if nxt is None:  # reported above; the writers pad the row
                return out
            c, cell = nxt
            clash = [col for col in range(column, column + cell.span) if col in taken]
            if clash and given == free:
                self.problems.add(
                    "S221",
                    f"this cell spans {cell.span} columns from column {column + 1}, into the"
                    f" place of a cell above that spans this row",
                    self.locate((*path, r, c)),
                    _grid_hint(spans, width),
                )
            end = min([width, *clash], default=width)
            cell = replace(cell, span=max(1, min(cell.span, end - column)))
            out.append(cell)
            column += cell.span
        return out


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _grid_hint(spans: list[_Span], width: int) -> str:
    """The fix for a row that does not fill the grid: which columns the spans above cover."""
    if not spans:
        return f"give the row cells spanning {width} columns in all, as the first row has"
    cols = ", ".join(str(s.column + 1) for s in spans)
    return (
        f"leave out the cells of column {cols}, which a cell above spans into this row, and"
        f" give the rest; the first row is {width} columns wide"
    )


def _lines(paras: Sequence[Para]) -> Inlines:
    """A cell's paragraphs as one text, a line each: for measuring and plain writers."""
    joined: list[Inline] = []
    for i, para in enumerate(paras):
        if i:
            joined.append(LineBreak())
        joined += para.content
    return tuple(joined)


# --- the spans of a typed table -------------------------------------------------------------


def typed_spans(
    table: Table,
    computed: ComputedTable,
    locate: Callable[[YamlPath], Location],
    problems: Problems,
) -> Table:
    """``table``, printed from ``computed``, with its text cells' spans laid out.

    A typed table's rows keep one cell a column, so the cells a span covers are written empty
    (``~``): to its right the covered cells are left out, below they are continued. A covered
    cell that is not empty is S221 at the spanning cell.
    """
    visible = [c for c in computed.columns if not c.hidden]
    first = len(table.rows) - len(computed.rows)  # the header row, if printed
    below: dict[int, tuple[_Span, YamlPath]] = {}  # the columns a span above covers
    rows = list(table.rows)
    for r, source in enumerate(computed.rows):
        printed = rows[first + r]
        if source.role == "group" or len(printed.cells) != len(visible):
            below = {}
            continue
        out: list[Cell] = []
        started: dict[int, tuple[_Span, YamlPath]] = {}
        right: tuple[int, YamlPath] | None = None  # the columns left a span to the right covers
        for c, (column, cell) in enumerate(zip(visible, printed.cells, strict=True)):
            covered = below.get(c)
            if covered is not None or right is not None:
                owner = covered[1] if covered is not None else right[1] if right else ()
                if cell.content:
                    problems.add(
                        "S221",
                        f"the cell this one spans under {quote(column.title)} in row {r + 1}"
                        " is not empty",
                        locate(owner),
                        "leave the cells a span covers empty (~), or make its span smaller",
                    )
                if covered is not None and covered[0].column == c:
                    out.append(Cell((), span=covered[0].width, continued=True))
                if right is not None:
                    right = (right[0] - 1, right[1]) if right[0] > 1 else None
                continue
            value = source.values.get(column.key)
            if isinstance(value, TextValue) and (value.rows > 1 or value.columns > 1):
                width = min(value.columns, len(visible) - c)
                for col in range(c, c + width) if value.rows > 1 else ():
                    started[col] = (_Span(c, width, value.rows - 1), value.path)
                right = (width - 1, value.path) if width > 1 else None
                cell = replace(cell, span=width)
            out.append(cell)
        below = {
            col: (replace(span, left=span.left - 1), path)
            for col, (span, path) in below.items()
            if span.left > 1
        } | started
        rows[first + r] = replace(printed, cells=tuple(out))
    return replace(table, rows=tuple(rows))


# --- the table as a whole -----------------------------------------------------------------------


def plain_table(
    draft: DraftTable,
    content: ContentOf,
    locate: Callable[[YamlPath], Location],
    problems: Problems,
) -> Table:
    """The document table of the plain table ``draft``."""
    grid = CellMaker(content, locate, problems).rows(draft)
    header = draft.header
    rows = [
        Row("header" if header and r == 0 else "body", tuple(cells)) for r, cells in enumerate(grid)
    ]
    table = Table(tuple(rows), title=draft.title)
    return arranged(table, draft.row_headers, draft.numbered)


def arranged(
    table: Table, row_headers: bool, numbered: NumberedRows | None, header: bool = True
) -> Table:
    """``table`` without its header rows unless ``header``, its first column's cells marked
    row headers when asked, and its rows numbered in a first column of their own."""
    rows = list(table.rows) if header else [r for r in table.rows if r.role != "header"]
    if row_headers:
        rows = [_row_header(row) for row in rows]
    if numbered is not None:
        rows = _numbered(rows, numbered)
        widths = (None, *table.widths) if table.widths else ()
        return replace(table, rows=tuple(rows), widths=widths)
    return replace(table, rows=tuple(rows))


def _row_header(row: Row) -> Row:
    """``row`` with its first cell a row header (a body row's only)."""
    if row.role != "body" or not row.cells or row.cells[0].continued:
        return row
    return replace(row, cells=(replace(row.cells[0], header=True), *row.cells[1:]))


def _numbered(rows: list[Row], numbered: NumberedRows) -> list[Row]:
    """``rows`` with a number cell before each: the header's the column's title, each body
    row's its number from ``numbered.start``, a group heading's spanning it, others empty."""
    out: list[Row] = []
    n = numbered.start
    for row in rows:
        if row.role == "header":
            first = Cell((Text(numbered.title),))
        elif row.role == "group" and len(row.cells) == 1:
            cell = row.cells[0]
            out.append(replace(row, cells=(replace(cell, span=cell.span + 1),)))
            continue
        elif row.role == "body":
            first = Cell((Text(str(n)),), numeric=True)
            n += 1
        else:
            first = Cell(())
        out.append(replace(row, cells=(first, *row.cells)))
    return out


__all__ = ["CellMaker", "arranged", "plain_table"]
