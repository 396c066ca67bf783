"""Tables in the Word writer: columns as wide as their content needs, rows that read as a table.

Column widths are written out (a fixed layout), so Word and LibreOffice lay a table out alike.
The table fills the text width from the numbered paragraphs' text indent (from the margin when its
longest words need the room, see :func:`placement`):

- a column the author gave a width (in cm) keeps it;
- every other column is at least as wide as its longest word at the table's font size, so no
  word is ever broken in the middle ("Safeguardin g"). A slash between letters in the cells
  below the headings is a place to break ("reablement/" then "rehabilitation", marked with a
  zero-width space, as LibreOffice does not break there by itself), and so, if the words do not
  fit otherwise, is a hyphen; a heading breaks only between its words ("2019/20" and "Aug-21"
  are joined with a word joiner, :func:`breaking`);
- the width left over goes first to the cells below the headings (a heading wraps on one row, a
  long column on every row): a column that wants no more than an equal share gets all it
  wants, so short columns ('Band B') stay on one line, and the others share the rest in
  proportion to how much longer than its longest word their content is. When everything fits
  on one line, the spare width is shared in proportion to the content's length.

Word widths are estimated from Arial's character widths (LibreOffice's Liberation Sans has the
same widths), bold where the text is bold. A narrower font in a council's template only leaves
room to spare; a much wider one may need widths given by hand.

Rows: header rows are bold and repeat on every page; group rows are one bold cell across the
table; sub-totals and totals are bold. No row splits across pages; a header or group row stays
with the row after it, a (sub-)total with the row before it, and a page neither ends on the
first row nor begins with the last. Text cells take the template's table text style, numeric
cells (and the headings above a column of numbers) its right-aligned number style, and notes
written in place of a value are italic.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from lxml import etree

from reportgen.document import (
    Cell,
    Emph,
    Figure,
    Inline,
    Inlines,
    LineBreak,
    Link,
    RefNumber,
    Row,
    Strong,
    Table,
    Text,
)
from reportgen.writers.docx import cells, ooxml

TABLE_STYLE = "Table Grid"
"""The template's table style: borders and cell margins."""
TEXT_STYLE = "Table Text"
"""The template's paragraph style for table cells; its font size sets the widths' estimate."""
NUMBER_STYLE = "Table Number"
"""The template's paragraph style for numbers in table cells: the text style, right-aligned."""
PARAGRAPH_STYLES = (TEXT_STYLE, NUMBER_STYLE)
"""The paragraph styles tables need from the template."""

TWIPS_PER_CM = 1440 / 2.54
MINIMUM_WIDTH = 1440
"""The narrowest a table is made (1 inch), should a template leave it no room at all."""

# Advance widths in thousandths of an em of Arial (and Liberation Sans), characters 32 to 126.
# fmt: off
_ARIAL = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_ARIAL_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)
# fmt: on
_OTHER = {
    "\u00a0": (278, 278),
    "\u200b": (0, 0),
    "\u2060": (0, 0),
    "£": (556, 556),
    "€": (556, 556),
    "–": (556, 556),
    "—": (1000, 1000),
    "‘": (222, 278),
    "’": (222, 278),
    "“": (333, 500),
    "”": (333, 500),
    "•": (350, 350),
    "…": (1000, 1000),
    "×": (584, 584),
    "½": (834, 834),
}
_UNKNOWN = 667
"""The width assumed for a character not known here: on the wide side, to be safe."""

BREAKS_AFTER = "-/"
"""Characters after which Word and LibreOffice may break a word, if they have to."""

WORD_JOINER = "\u2060"
"""Written after a heading's slashes and hyphens: no line break there."""
BREAK_HERE = "\u200b"
"""A zero-width space, written after a slash between letters: a line may break there."""

_SLASH_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_]{2})/(?=[^\W\d_]{2})")
"""A slash between words of two letters or more: 'reablement/rehabilitation', not 'N/A'."""
_HEADING_JOINS = re.compile(r"(?<=\S)([-/])(?=\S)")


def _marked(nodes: Inlines, header: bool) -> Inlines:
    """``nodes`` with the break marks of :func:`breaking` in their text."""
    out: list[Inline] = []
    for node in nodes:
        match node:
            case Text(text) if header:
                out.append(Text(_HEADING_JOINS.sub(lambda m: m[1] + WORD_JOINER, text)))
            case Text(text):
                out.append(Text(_SLASH_BETWEEN_LETTERS.sub("/" + BREAK_HERE, text)))
            case Strong(children) | Emph(children):
                out.append(replace(node, children=_marked(children, header)))
            case Link(url, children):
                out.append(Link(url, _marked(children, header)))
            case _:
                out.append(node)
    return tuple(out)


def breaking(table: Table) -> Table:
    """``table`` with its line breaks marked as a reader expects them: its headings' slashes
    and hyphens joined to the next character (U+2060), so "2019/20" never breaks at the slash,
    and a slash between letters below them a place to break (U+200B), so that
    "reablement/rehabilitation" breaks after the slash rather than inside a word.

    Only the Word writer marks them: LibreOffice breaks neither as a reader would by itself.
    """
    rows = tuple(
        replace(
            row,
            cells=tuple(
                replace(cell, content=_marked(cell.content, row.role == "header"))
                for cell in row.cells
            ),
        )
        for row in table.rows
    )
    return replace(table, rows=rows) if rows != table.rows else table


def char_width(char: str, bold: bool = False) -> int:
    """The advance width of ``char`` in Arial, in thousandths of an em."""
    code = ord(char)
    if 32 <= code < 127:
        return (_ARIAL_BOLD if bold else _ARIAL)[code - 32]
    if char in _OTHER:
        return _OTHER[char][bold]
    base = unicodedata.normalize("NFKD", char)[:1]
    if base and base != char and 32 <= ord(base) < 127:
        return (_ARIAL_BOLD if bold else _ARIAL)[ord(base) - 32]  # é as e, and so on
    return 1000 if unicodedata.east_asian_width(char) in "WF" else _UNKNOWN


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width in twips of ``text`` on one line at ``size`` points, in Arial."""
    return math.ceil(sum(char_width(c, bold) for c in text) * size * 20 / 1000)


def _fit(width: float) -> int:
    """An estimated text width with room for rounding and the fonts' small differences."""
    return math.ceil(width * 1.03) + 20


@dataclass(slots=True)
class _Measure:
    """What a cell's or a column's content needs, in twips, before cell margins."""

    word: float = 0
    """The longest word: the least width that breaks no word."""
    piece: float = 0
    """The longest part of a word between hyphens or slashes: the least that breaks none badly."""
    line: float = 0
    """The longest line: the width that wraps nothing."""

    def widen(self, other: _Measure) -> None:
        self.word = max(self.word, other.word)
        self.piece = max(self.piece, other.piece)
        self.line = max(self.line, other.line)


def _runs(nodes: Inlines, bold: bool) -> Iterator[tuple[str, bool]]:
    """The text of ``nodes`` as a reader sees it, run by run, with whether each run is bold."""
    for node in nodes:
        match node:
            case Text(text):
                yield text, bold
            case Strong(children):
                yield from _runs(children, True)
            case Emph(children) | Link(_, children):
                yield from _runs(children, bold)
            case LineBreak():
                yield "\n", bold
            case RefNumber(shown=shown) | Figure(shown=shown):
                yield shown, bold


def measure(content: Inlines, size: float, bold: bool = False) -> _Measure:
    """What the cell content ``content`` needs at ``size`` points (its rows' bold applied)."""
    scale = size * 20 / 1000
    out = _Measure()
    word = piece = line = 0.0
    for text, strong in _runs(content, bold):
        for at, char in enumerate(text):
            if char == "\n" or char.isspace() or char == BREAK_HERE:
                out.word, out.piece = max(out.word, word), max(out.piece, piece)
                word = piece = 0.0
                if char == "\n":
                    out.line, line = max(out.line, line), 0.0
                else:
                    line += char_width(char, strong) * scale
                continue
            width = char_width(char, strong) * scale
            word, piece, line = word + width, piece + width, line + width
            if char in BREAKS_AFTER and text[at + 1 : at + 2] != WORD_JOINER:
                out.piece, piece = max(out.piece, piece), 0.0
    out.word, out.piece = max(out.word, word), max(out.piece, piece)
    out.line = max(out.line, line)
    return out


def _wrapped_lines(words: Sequence[tuple[float, float]], width: float) -> int:
    """How many lines ``words`` (each its width and the gap before it) take wrapped at
    ``width``; a word wider than the line has a line of its own."""
    lines, used = 1, 0.0
    for word, gap in words:
        if used and used + gap + word > width:
            lines, used = lines + 1, word
        else:
            used += (gap if used else 0.0) + word
    return lines


def _words(content: Inlines, size: float, bold: bool) -> list[list[tuple[float, float]]]:
    """The words of cell content ``content`` line by line, each as its width in twips at
    ``size`` points and the gap before it (a space; nothing after a marked break)."""
    scale = size * 20 / 1000
    lines: list[list[tuple[float, float]]] = [[]]
    word = gap = 0.0
    pending = 0.0

    def end_word() -> None:
        nonlocal word, pending
        if word:
            lines[-1].append((word, pending))
            pending = 0.0
        word = 0.0

    for text, strong in _runs(content, bold):
        for char in text:
            if char == "\n":
                end_word()
                lines.append([])
                pending = 0.0
            elif char == BREAK_HERE:
                end_word()
            elif char.isspace():
                end_word()
                gap = char_width(char, strong) * scale
                pending = gap
            else:
                word += char_width(char, strong) * scale
    end_word()
    return lines


def balanced_widths(
    table: Table, least: Sequence[float], room: float, size: float, padding: int
) -> list[float]:
    """Widths for ``table``'s columns (none given by the author) from ``least``, sharing
    ``room`` so that the table is as short as it can be: step by step, the next share of the
    width goes to the column where it saves the most lines over all the rows (a measure that
    wraps over six lines before the one-line columns beside it are widened). What saves no
    more lines is shared in proportion to the columns' one-line widths."""
    count = len(least)
    cells: list[list[list[list[tuple[float, float]]] | None]] = []
    for row in table.rows:
        found: list[list[list[tuple[float, float]]] | None] = [None] * count
        for column, span, cell in _cells(row, count):
            if span == 1 and cell.content:
                found[column] = _words(cell.content, size, row.role != "body")
        cells.append(found)

    def lines(r: int, c: int, width: float) -> int:
        words = cells[r][c]
        room_in = width - padding
        return 0 if words is None else sum(_wrapped_lines(line, room_in) for line in words)

    widths = list(least)
    spare = room - sum(widths)
    steps = 48
    step = spare / steps
    now = [[lines(r, c, widths[c]) for c in range(count)] for r in range(len(cells))]
    while spare > step / 2 and step > 0:
        best, saved = -1, 0
        for c in range(count):
            gain = 0
            for r, row_lines in enumerate(now):
                wider = lines(r, c, widths[c] + step)
                if wider < row_lines[c]:
                    others = max((n for k, n in enumerate(row_lines) if k != c), default=0)
                    gain += max(row_lines[c], others) - max(wider, others)
            if gain > saved:
                best, saved = c, gain
        if best < 0:
            break
        widths[best] += step
        spare -= step
        for r, row_lines in enumerate(now):
            row_lines[best] = lines(r, best, widths[best])
    if spare > 0:
        natural = [
            max(_fit(m.line) + padding, w)
            for m, w in zip(_measures(table, size)[0], widths, strict=True)
        ]
        total = sum(natural)
        widths = [w + spare * n / total for w, n in zip(widths, natural, strict=True)]
    return widths


def column_count(table: Table) -> int:
    """How many grid columns ``table`` has: its widest row's spans."""
    return max([1, *(sum(max(c.span, 1) for c in row.cells) for row in table.rows)])


def _cells(row: Row, count: int) -> Iterator[tuple[int, int, Cell]]:
    """Each cell of ``row`` with its first grid column and its span, padded to ``count`` columns.

    A group row's single cell spans the whole table, whatever its span says.
    """
    cells = row.cells
    if row.role == "group" and len(cells) == 1:
        yield 0, count, cells[0]
        return
    column = 0
    for cell in cells:
        span = min(max(cell.span, 1), count - column)
        if span <= 0:
            return
        yield column, span, cell
        column += span
    for empty in range(column, count):
        yield empty, 1, Cell(())


def _fill(room: float, start: Sequence[float], target: Sequence[float]) -> list[float]:
    """Widths from ``start`` towards ``target``, using ``room`` in all (less than the targets).

    A column that wants no more than an equal share of what is left gets all it wants, so
    short columns ('Band B', 'To be Confirmed') stay on one line; the others share the rest in
    proportion to what they want, which is how much longer than its longest word their content is.
    """
    widths = list(start)
    spare = room - sum(start)
    wanting = {i: t - s for i, (s, t) in enumerate(zip(start, target, strict=True)) if t > s}
    while wanting and (small := [i for i, want in wanting.items() if want <= spare / len(wanting)]):
        for i in small:
            want = wanting.pop(i)
            widths[i] += want
            spare -= want
    total = sum(wanting.values())
    for i, want in wanting.items():
        widths[i] += spare * want / total
    return widths


def _share(
    room: float, least: Sequence[float], body: Sequence[float], natural: Sequence[float]
) -> list[float]:
    """``room`` shared among columns that need ``least`` and fit on one line at ``natural``.

    ``body`` is the width at which the cells below the headings fit on one line. When every
    column fits on one line, each has its natural width and the spare width is shared in
    proportion to those. Otherwise the cells below the headings come first (a heading wraps on
    one row, a long column on every row): the headings only get wider when they all fit.
    """
    if room >= sum(natural):
        total = sum(natural)
        return [n + (room - total) * n / total for n in natural]
    if room >= sum(body):
        return _fill(room, body, natural)
    return _fill(room, least, body)


def _whole(widths: Sequence[float], total: int) -> list[int]:
    """``widths`` in whole twips adding up to ``total``: the largest remainders round up."""
    floors = [math.floor(w) for w in widths]
    order = sorted(range(len(widths)), key=lambda i: floors[i] - widths[i])
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


_MEASURED: dict[tuple[int, float], tuple[Table, tuple[list[_Measure], list[float]]]] = {}
"""The last tables measured, by identity and size: a table is measured for its placement and
again for its widths. Each entry holds its table, so no other table can take its id."""
_MEASURED_KEEP = 64


def _measures(table: Table, size: float) -> tuple[list[_Measure], list[float]]:
    """Each column's needs, and the width at which its cells below the headings fit on one line."""
    key = (id(table), size)
    found = _MEASURED.get(key)
    if found is not None and found[0] is table:
        return found[1]
    measured = _measure_columns(table, size)
    if len(_MEASURED) >= _MEASURED_KEEP:
        del _MEASURED[next(iter(_MEASURED))]
    _MEASURED[key] = (table, measured)
    return measured


def _measure_columns(table: Table, size: float) -> tuple[list[_Measure], list[float]]:
    """:func:`_measures`, worked out."""
    count = column_count(table)
    measures = [_Measure() for _ in range(count)]
    body = [0.0] * count
    for row in table.rows:
        for column, span, cell in _cells(row, count):
            if span == 1:
                cell_measure = measure(cell.content, size, row.role != "body")
                measures[column].widen(cell_measure)
                if row.role != "header":
                    body[column] = max(body[column], cell_measure.line)
    return measures, body


def _given(table: Table, count: int) -> list[float | None]:
    """The width in twips the author gave each column, None where they gave none."""
    given = [*table.widths[:count], *[None] * (count - len(table.widths))]
    return [None if cm is None else cm * TWIPS_PER_CM for cm in given]


def least_width(table: Table, size: float, padding: int) -> int:
    """The narrowest ``table`` can be without breaking a word: given widths and longest words."""
    measures, _ = _measures(table, size)
    given = _given(table, len(measures))
    least = [
        _fit(m.word) + padding if g is None else g for m, g in zip(measures, given, strict=True)
    ]
    return math.ceil(sum(least))


def column_widths(
    table: Table, available: int, size: float, padding: int, balance: bool = False
) -> list[int]:
    """The width in twips of each of ``table``'s columns; they add up to ``available``.

    ``size`` is the table text's font size in points and ``padding`` a cell's left and right
    margins together. Columns the author gave widths keep them, and when the author gave every
    column's width the table is as wide as they add up to. Only when the given widths and the
    other columns' longest words cannot all fit are widths cut down, all in proportion.
    ``balance`` (a wide table, whose columns cannot all be on one line) shares the width so
    the table is as short as it can be (:func:`balanced_widths`).
    """
    measures, body = _measures(table, size)
    count = len(measures)
    given = _given(table, count)
    auto = [i for i, width in enumerate(given) if width is None]
    widths = [0.0 if width is None else width for width in given]
    room = available - sum(widths)
    if auto:
        least = [_fit(measures[i].word) + padding for i in auto]
        if room < sum(least):  # break words at their hyphens before breaking them anywhere
            least = [_fit(measures[i].piece) + padding for i in auto]
        if room >= sum(least) and balance and len(auto) == count:
            return _whole(balanced_widths(table, least, room, size, padding), available)
        if room >= sum(least):
            below = [max(_fit(body[i]) + padding, lo) for i, lo in zip(auto, least, strict=True)]
            natural = [
                max(_fit(measures[i].line) + padding, lo) for i, lo in zip(auto, below, strict=True)
            ]
            for i, width in zip(auto, _share(room, least, below, natural), strict=True):
                widths[i] = width
            return _whole(widths, available)
        for i, lo in zip(auto, least, strict=True):
            widths[i] = lo
    total = sum(widths)
    if total <= 0:
        return _whole([available / count] * count, available)
    target = min(available, round(total))
    return _whole([w * target / total for w in widths], target)


def _numeric_columns(table: Table, count: int) -> set[int]:
    """The columns of numbers: some cell in them is a number, and every other is a note or empty."""
    numbers: set[int] = set()
    words: set[int] = set()
    for row in table.rows:
        if row.role in ("header", "group"):
            continue
        for column, span, cell in _cells(row, count):
            if span == 1 and cell.content and cell.numeric:
                numbers.add(column)
            elif span == 1 and cell.content and not cell.note:
                words.add(column)
    return numbers - words


Merge = Literal["restart", "continue"] | None
"""How a cell takes part in a cell spanning rows: starts it, carries it on, or neither."""

WriteInlines = Callable[[etree._Element, Inlines, bool, bool], None]
"""The writer's way of filling a paragraph with content: (paragraph, content, bold, italic)."""


@dataclass(frozen=True, slots=True)
class TableFrame:
    """Where tables go and what they look like, read from the template once per document."""

    width: int
    """The width in twips a table takes: from the text indent to the right margin."""
    indent: int
    """The table's indent in twips: the numbered paragraphs' text indent."""
    padding: int
    """The table style's left and right cell margins together, in twips."""
    size: float
    """The table text style's font size in points."""
    table_style: str
    """The style id of :data:`TABLE_STYLE`."""
    text_style: str
    """The style id of :data:`TEXT_STYLE`."""
    number_style: str
    """The style id of :data:`NUMBER_STYLE`."""
    wide: bool = False
    """A wide table (the profile's look.yaml): its widths are balanced to make it short."""
    heading_style: str = ""
    """The style id of a row header's paragraphs (:data:`cells.ROW_HEADING_STYLE`), set when
    the document has row headers."""


SHORT_TABLE_ROWS = 6
"""A table of at most this many rows (its header included), and at most
:data:`SHORT_TABLE_LINES` lines long, is kept whole on one page."""
SHORT_TABLE_LINES = 24
"""The most lines (estimated) a table kept whole on one page may take: about half a page, so
a table too tall to move whole is never pushed to the next page for it."""


def is_short(table: Table, widths: Sequence[int], frame: TableFrame) -> bool:
    """Whether ``table`` is short enough to keep whole: few rows, and few lines in them."""
    if len(table.rows) > SHORT_TABLE_ROWS:
        return False
    count = len(widths)
    total = 0
    for row in table.rows:
        heights = [
            cells.lines(cell, sum(widths[c : c + span]) - frame.padding, frame.size, text_width)
            for c, span, cell in _cells(row, count)
        ]
        total += max(heights, default=1)
    return total <= SHORT_TABLE_LINES


def _keeps_with_next(rows: Sequence[Row], short: bool = False) -> list[bool]:
    """Which rows stay on the page of the row after them.

    Headings (header and group rows) stay with the row after them, and a (sub-)total with the
    row before it. Like a paragraph's widow and orphan control, the first two rows below the
    headings stay together, and so do the last two: a page never ends on one row of a table or
    begins with one. A ``short`` table (:func:`is_short`) keeps all its rows together, a
    row a cell spans into stays with the row above it, so a cell spanning rows never breaks, and
    a row of one cell across the table reads as a heading of the rows below it and stays with
    them (a statement table's name and vision rows).
    """
    first = next((r for r, row in enumerate(rows) if row.role != "header"), len(rows))
    width = max((sum(cell.span for cell in row.cells) for row in rows), default=1)
    return [
        r + 1 < len(rows)
        and (
            short
            or row.role in ("header", "group")
            or rows[r + 1].role in ("subtotal", "total")
            or r == first
            or r + 2 == len(rows)
            or any(cell.continued for cell in rows[r + 1].cells)
            or (width > 1 and len(row.cells) == 1 and row.cells[0].span == width)
        )
        for r, row in enumerate(rows)
    ]


def placement(table: Table, frame: TableFrame) -> tuple[int, int]:
    """Where ``table`` goes: its indent and its width, in twips.

    A table sits on the text indent and fills the width from there to the right margin, unless
    its longest words do not fit in that width: then it starts at the margin, as an officer
    would drag it, so that no word breaks.
    """
    if frame.indent > 0 and least_width(table, frame.size, frame.padding) > frame.width:
        return 0, frame.width + frame.indent
    return frame.indent, frame.width


def write_table(
    body: etree._Element,
    table: Table,
    frame: TableFrame,
    write_inlines: WriteInlines,
    place: tuple[int, int] | None = None,
    number: cells.Number | None = None,
) -> None:
    """Append ``table`` to the document body ``body``; nothing for a table with no rows.

    ``place`` is its :func:`placement`, when the caller has already worked it out; ``number``
    makes a paragraph a list item, for cells of bullet points and numbered items.
    """
    if not table.rows:
        return
    indent, width = placement(table, frame) if place is None else place
    widths = column_widths(table, max(width, MINIMUM_WIDTH), frame.size, frame.padding, frame.wide)
    count = len(widths)
    numeric = _numeric_columns(table, count)
    rows = table.rows
    tbl = ooxml.table(
        frame.table_style,
        widths,
        indent,
        table.title,
        header=rows[0].role == "header",
        total=rows[-1].role == "total",
        first_column=any(cell.header for row in rows for cell in row.cells),
    )
    keeps = _keeps_with_next(rows, is_short(table, widths, frame))
    keeps[-1] = keeps[-1] or table.keep_with_next
    for row, keep in zip(rows, keeps, strict=True):
        bold = row.role != "body"
        tr = ooxml.table_row(tbl, header=row.role == "header")
        for column, span, cell in _cells(row, count):
            right = cell.numeric or (row.role == "header" and span == 1 and column in numeric)
            style = frame.number_style if right else frame.text_style
            if cell.header and frame.heading_style:
                style = frame.heading_style
            width = sum(widths[column : column + span])
            merge: Merge = "continue" if cell.continued else "restart" if cell.rows > 1 else None
            p = ooxml.table_cell(tr, width, span, style, keep, merge)
            cells.write_cell(p, cell, bold or cell.header, write_inlines, number)
    ooxml.append_block(body, tbl)
