"""The HR reviewer's sheet: every post in the report's typed tables (the rows of each table with
a grade and an FTE column, with its job title, details and costs, under the table's groups),
then the human resources implications."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, Table, figures_in
from reportgen.model_figures import Column, TypedTable
from reportgen.resolve.tables import slug
from reportgen.review.build import CellText, GroupRow, finish, frame, quoted, settled
from reportgen.review.source import Source, body_rows, header, row_label, spots, spread
from reportgen.review_words import SheetWords


def _column_keys(table: TypedTable) -> list[tuple[str, Column]]:
    """Each printed column of a typed table with its key, in order (hidden ones left out)."""
    out: list[tuple[str, Column]] = []
    for entry in table.columns:
        column = entry if isinstance(entry, Column) else Column(title=entry)
        if not column.hidden:
            out.append((column.key or slug(column.title), column))
    return out


@dataclass(frozen=True, slots=True)
class PostTable:
    """A table of the report that lists posts, and the columns that say what each post is."""

    index: int
    """The table's block in the report's document."""
    table: Table
    title: int | None
    grade: int
    fte: int
    details: tuple[int, ...]
    """Other columns: dates, basis, team …"""
    costs: tuple[int, ...]
    """The money columns."""


def post_tables(source: Source, words: SheetWords) -> list[PostTable]:
    """The report's typed tables that have a grade and an FTE column, in order."""
    w = words.hr.posts
    out: list[PostTable] = []
    for i, typed in source.typed_tables().items():
        block = source.document.blocks[i]
        assert isinstance(block, Table)
        columns = _column_keys(typed)
        if len(columns) != len(header(block)):
            continue
        pays = [c.pay for c in typed.columns if isinstance(c, Column) and c.pay is not None]
        pay_grades = {pay.grade for pay in pays}
        pay_ftes = {pay.fte for pay in pays}

        def find(keys: set[str], names: list[str], cols: list[tuple[str, Column]]) -> int | None:
            for k, (key, column) in enumerate(cols):
                if key in keys or key in names or slug(column.title) in names:
                    return k
            return None

        grade = find(pay_grades, w.grade, columns)
        fte = find(pay_ftes, w.fte, columns)
        if grade is None or fte is None:
            continue
        title = find(set(), w.job_title, columns)
        if title is None:
            title = next(
                (
                    k
                    for k, (_, column) in enumerate(columns)
                    if column.type == "text" and k not in (grade, fte)
                ),
                None,
            )
        costs = tuple(k for k, (_, column) in enumerate(columns) if column.type == "money")
        taken = {grade, fte, title, *costs}
        details = tuple(k for k in range(len(columns)) if k not in taken)
        out.append(PostTable(i, block, title, grade, fte, details, costs))
    return out


def hr_sheet(source: Source, boilerplate: Boilerplate) -> Document:
    """The HR reviewer's sheet: every post in the report's tables, and the human resources
    implications."""
    words = boilerplate.review_sheets
    w = words.hr
    meta, sheet = frame(source, w.name, boilerplate, w.landscape)
    where = spots(source.document, words)
    sheet.heading(2, w.posts.heading)
    found = post_tables(source, words)
    if found:
        sheet.para(w.posts.intro)
    else:
        sheet.para(w.posts.none)
    for posts in found:
        spot = where[posts.index]
        titles = header(posts.table)
        order = [
            *([posts.title] if posts.title is not None else []),
            posts.grade,
            posts.fte,
            *posts.details,
            *posts.costs,
        ]
        columns = [w.posts.row, *(titles[k] for k in order)]
        numeric = {0, 1 + order.index(posts.fte), *(1 + order.index(k) for k in posts.costs)}
        rows: list[Sequence[CellText] | GroupRow] = []
        group: GroupRow | None = None
        for n, row in body_rows(posts.table):
            if row.role == "group":
                group = GroupRow(row_label(row))
                continue
            cells = spread(row, lambda cell: cell.content)
            grade, fte = cells[posts.grade], cells[posts.fte]
            if row.role != "body" or not (grade or fte) or any(figures_in(grade)):
                continue  # not a post: a sum, or a row whose 'grade' is an amount
            if group is not None:  # the report's group heading, above its first post
                rows.append(group)
                group = None
            rows.append([str(n), *(settled(cells[k]) for k in order)])
        if not rows:
            continue
        sheet.heading(3, w.posts.table_heading.format(table=spot.place, heading=spot.heading))
        if spot.near:
            sheet.para(w.posts.place.format(place=spot.near))
        sheet.table(w.posts.title.format(table=spot.place), columns, rows, numeric)

    sheet.heading(2, w.implications.heading)
    section = [p for p in source.part("implications", w.implications.area) if len(p[2]) > 2]
    if section:
        quoted(sheet, w.implications.title, w.quoted_columns, section, where)
    else:
        sheet.para(w.implications.none)
    return finish(source, meta, sheet)
