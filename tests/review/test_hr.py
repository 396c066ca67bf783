"""The HR sheet (reportgen/review/hr.py): the posts of a report's typed tables and its human
resources implications."""

from __future__ import annotations

from reportgen import api
from reportgen.document import Document, Table, plain_text
from tests.review.sheets import RECOVERY, TYPED, body, groups_and_rows, table


def test_the_hr_sheet_lists_the_posts_of_the_first_table(recovery: Document) -> None:
    sheet = api.review_sheet(RECOVERY, "hr")
    first = table(sheet, "Posts in Table of resources")
    header = [plain_text(c.content) for c in first.rows[0].cells]
    assert header == ["Row", "Job Title", "Grade", "Full Time Equivalent", "Team", "Total Cost £"]
    source = next(b for b in recovery.blocks if isinstance(b, Table))
    assert source.title == "Table of resources"
    expected = [
        [plain_text(c.content) for c in row.cells][:3] for row in source.rows if row.role == "body"
    ]
    assert [row[1:4] for row in body(first)] == expected
    assert body(first)[0] == [
        "1",
        "Social Workers",
        "Band B",
        "3",
        "Multi-Agency Safeguarding Hub",
        "74,863",
    ]
    assert len(expected) == 11


def test_the_hr_sheet_leaves_out_rows_that_are_not_posts_and_quotes_the_implications() -> None:
    sheet = api.review_sheet(TYPED, "hr")
    posts = table(sheet, "Posts in Table of posts")
    assert body(posts) == [
        ["1", "Social Worker", "Band B", "1", "Temporary to March 2023", "£42,779"],
        ["2", "Team Manager", "Band D", "0.5", "Permanent", "£26,609"],
    ]
    assert body(table(sheet, "The human resources implications")) == [
        ["5", "The posts will be recruited to in line with the Council's procedures."]
    ]


def test_the_hr_sheet_shows_the_groups_of_a_table_that_gathers_others() -> None:
    sheet = api.review_sheet(RECOVERY, "hr")
    gathered = table(
        sheet,
        "Posts in The financial implications of resources requested in this report are as follows",
    )
    rows = list(groups_and_rows(gathered))
    assert rows[0] == (
        "Increased Safeguarding Demand",
        [
            "2",
            "Social Workers",
            "Band B",
            "3",
            "Temporary (Sept 21 - Mar 22)",
            "Multi-Agency Safeguarding Hub",
            "£74,863",
        ],
    )
    assert all("IT equipment" not in row[1] for _, row in rows)  # its 'grade' is an amount
