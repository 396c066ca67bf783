"""Resolve a validated report into a :class:`~reportgen.document.Document`: a pure function.

Its passes are plain calls in a fixed order:

1. :func:`~reportgen.resolve.outline.outline` lays the report out in section order;
2. :func:`~reportgen.resolve.numbering.number` numbers it and collects every label;
3. :func:`~reportgen.resolve.refs.substitute` renders each text, its references resolved
   against the complete label index, and parses its inline Markdown.

Problems from every pass are collected and raised together at the end.
"""

from __future__ import annotations

import datetime as dt

from reportgen.boilerplate import Boilerplate
from reportgen.document import Block, Document, Heading, Inlines, Meta, Para, Table
from reportgen.errors import Problems
from reportgen.load import Positions
from reportgen.model import Report
from reportgen.resolve.numbering import LIST_FORMATS, Target, number
from reportgen.resolve.outline import Draft, DraftTable, outline
from reportgen.resolve.refs import substitute


def council_date(date: dt.date) -> str:
    """A date as the council prints it: '9 January 2017'."""
    return f"{date.day} {date:%B %Y}"


def resolve(report: Report, boilerplate: Boilerplate, positions: Positions) -> Document:
    """The resolved document for ``report``; raises one error listing every problem."""
    problems = Problems()
    if report.statutory.wording not in boilerplate.statutory.wordings:
        problems.add(
            "T402",
            f"there is no statutory wording named {report.statutory.wording!r}",
            positions.locate(("statutory", "wording")),
            f"use one of: {', '.join(sorted(boilerplate.statutory.wordings))}",
        )
    appendices = [(a.label, i + 1) for i, a in enumerate(report.appendices)]
    numbered, index = number(outline(report, boilerplate), appendices, positions, problems)

    def content(source: str | Inlines, path: tuple[str | int, ...]) -> Inlines:
        if isinstance(source, tuple):
            return source
        where = positions.locate(path)
        return substitute(source, index, boilerplate.references, where, problems)

    blocks: list[Block] = []
    for item in numbered:
        draft = item.draft
        if isinstance(draft, DraftTable):
            rows = tuple(
                tuple(content(cell, (*draft.path, r, c)) for c, cell in enumerate(row))
                for r, row in enumerate(draft.cells)
            )
            blocks.append(Table(rows))
        elif draft.role == "heading":
            blocks.append(Heading(draft.level, content(draft.content, draft.path), item.mark))
        else:
            assert isinstance(draft, Draft)
            text = content(draft.content, draft.path)
            blocks.append(Para(draft.role, text, item.mark, item.anchor))
    problems.raise_if_any()
    meta = Meta(
        title=report.title,
        committee=report.committee,
        date=report.date,
        date_text=council_date(report.date),
        agenda_item=report.agenda_item,
        report_of=report.report_of,
        reference=report.reference,
    )
    return Document(meta, tuple(blocks), LIST_FORMATS)


__all__ = ["Target", "council_date", "resolve"]
