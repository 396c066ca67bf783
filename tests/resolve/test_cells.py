"""A table's structure in the resolved document: spans, cells of lists, header-less tables, row
headers and numbered rows (reportgen/resolve/cells.py), and the problems of spans that do not
fit the grid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Cell, Document, Table, plain_text
from reportgen.errors import format_path
from reportgen.pipeline import build
from tests.conftest import raised

CASES = Path(__file__).resolve().parent / "cells"
BASE = Path(__file__).resolve().parent / "figures" / "base.yaml"
_EXPECT = re.compile(r"^# expect: (\w+) at (\d+):(\d+) (\S+): (.+)$", re.M)


def _build(name: str, boilerplate: Boilerplate, tmp_path: Path) -> Document:
    """The case ``name`` of tests/resolve/cells/, followed by the rest of a report."""
    target = tmp_path / "report.yaml"
    text = (CASES / name).read_text(encoding="utf-8") + BASE.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    return build(target, boilerplate)


@pytest.fixture
def tables(boilerplate: Boilerplate, tmp_path: Path) -> list[Table]:
    doc = _build("tables.yaml", boilerplate, tmp_path)
    return [b for b in doc.blocks if isinstance(b, Table)]


def _texts(table: Table) -> list[list[str]]:
    return [[plain_text(c.content) for c in row.cells] for row in table.rows]


def test_a_cell_spanning_rows_is_continued_in_the_rows_it_covers(tables: list[Table]) -> None:
    plan = tables[0]
    first, second = plan.rows[1].cells[0], plan.rows[2].cells[0]
    assert (plain_text(first.content), first.rows, first.continued) == (
        "Listening Spaces",
        2,
        False,
    )
    assert second == Cell((), continued=True)
    # the covered row is written one cell shorter, and fills the grid in the document
    assert _texts(plan)[2] == ["", "Co-design guidance", "Spring 2022"]
    assert [sum(c.span for c in row.cells) for row in plan.rows] == [3, 3, 3, 3, 3]


def test_a_cell_spanning_columns_keeps_its_span(tables: list[Table]) -> None:
    [across] = tables[0].rows[3].cells
    assert (plain_text(across.content), across.span, across.rows) == (
        "A row across the table",
        3,
        1,
    )


def test_a_cell_of_bullets_holds_its_paragraphs_with_their_list_levels(
    tables: list[Table],
) -> None:
    details = tables[0].rows[4].cells[1]
    paras = [
        (p.role, p.mark.level if p.mark else None, plain_text(p.content))
        for p in details.paragraphs
    ]
    assert paras == [
        ("body", None, "Provision includes:"),
        ("bullet", 0, "one"),
        ("bullet", 0, "two"),
        ("bullet", 0, "three"),
        ("bullet", 1, "three-a"),
    ]
    # the same text, a line a paragraph, for measuring and plain writers
    assert plain_text(details.content) == "Provision includes:\none\ntwo\nthree\nthree-a"


def test_numbered_items_in_a_cell_count_from_one_in_a_list_of_their_own(
    tables: list[Table],
) -> None:
    cell = tables[0].rows[4].cells[2]
    marks = [
        (p.role, p.mark and (p.mark.kind, p.mark.level, p.mark.label)) for p in cell.paragraphs
    ]
    assert marks == [
        ("body", None),
        ("item", ("cell-number", 0, "1.")),
        ("item", ("cell-number", 0, "2.")),
        ("bullet", ("bullet", 1, "•")),
    ]


def test_both_codes_of_a_grid_that_does_not_fit(boilerplate: Boilerplate, tmp_path: Path) -> None:
    found = raised(lambda: _build("errors/spans.yaml", boilerplate, tmp_path))
    assert {p.code for p in found} == {"S220", "S221"}


def test_a_cell_written_as_a_mapping_of_text_alone_is_a_plain_cell(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    (tmp_path / "cases").mkdir()
    doc_text = "information:\n  - table:\n      - [A, B]\n      - [{text: one}, two]\n"
    target = tmp_path / "report.yaml"
    target.write_text(doc_text + BASE.read_text(encoding="utf-8"), encoding="utf-8")
    [table] = [b for b in build(target, boilerplate).blocks if isinstance(b, Table)]
    first = table.rows[1].cells[0]
    assert first == Cell(first.content)
    assert plain_text(first.content) == "one"


def test_a_table_without_a_header_has_only_body_rows_and_row_headers(tables: list[Table]) -> None:
    glossary = tables[1]
    assert [row.role for row in glossary.rows] == ["body", "body"]
    assert [[c.header for c in row.cells] for row in glossary.rows] == [[True, False]] * 2
    assert glossary.title == "Glossary"
    contents = tables[3]  # a typed table without its heading row
    assert [row.role for row in contents.rows] == ["body", "body"]
    assert _texts(contents) == [["One", "1"], ["Two", "5"]]


def test_numbered_rows_count_body_rows_only_from_their_start(tables: list[Table]) -> None:
    measures = tables[2]
    assert _texts(measures) == [
        ["No.", "Measure", "Value"],
        ["First group"],
        ["17", "Alpha", "1"],
        ["18", "Beta", "2"],
        ["Second group"],
        ["19", "Gamma", "3"],
    ]
    assert measures.rows[1].cells[0].span == 3  # the group heading spans the number column too


def test_a_typed_table_s_text_cells_span_rows_and_columns(tables: list[Table]) -> None:
    posts = tables[4]
    assert _texts(posts) == [
        ["Team", "Post", "Cost"],
        ["Safeguarding", "Social Worker", "£100"],
        ["", "Manager", "£200"],
        ["Vacant", "£50"],
        ["Total", "", "£350"],
    ]
    assert (posts.rows[1].cells[0].rows, posts.rows[2].cells[0].continued) == (2, True)
    assert posts.rows[3].cells[0].span == 2


@pytest.mark.parametrize("name", ["spans.yaml", "typed-spans.yaml"])
def test_spans_that_do_not_fit_the_grid_are_placed_problems(
    name: str, boilerplate: Boilerplate, tmp_path: Path
) -> None:
    expected = _EXPECT.findall((CASES / "errors" / name).read_text(encoding="utf-8"))
    assert expected
    found = raised(lambda: _build(f"errors/{name}", boilerplate, tmp_path))
    got = [
        (p.code, str(p.where.line), str(p.where.column), format_path(p.where.path), p.message)
        for p in found
    ]
    assert got == expected
    assert {p.code for p in found} <= {"S220", "S221", "F609"}
    assert all(p.hint for p in found)
