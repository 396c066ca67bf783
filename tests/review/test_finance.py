"""The finance sheet (reportgen/review/finance.py): every figure of a report with where its value
comes from, and every amount of money typed into its text, flagged."""

from __future__ import annotations

from pathlib import Path

from reportgen import api
from reportgen.document import Document, Para, Table, document_figures, plain_text
from tests.conftest import EXAMPLES
from tests.review.sheets import FIGURES, TYPED, TYPED_AMOUNTS, body, groups_and_rows, table


def test_the_finance_sheet_lists_every_figure_of_the_report_in_order(
    recovery: Document, recovery_finance: Document
) -> None:
    figures = document_figures(recovery)
    rows = body(table(recovery_finance, FIGURES))
    assert len(figures) == 200
    assert len(rows) == len(figures)
    for n, (figure, row) in enumerate(zip(figures, rows, strict=True), 1):
        number, _, shown, value, kind, origin, _ = row
        assert (number, shown, kind) == (str(n), figure.shown, figure.kind)
        assert value.replace(",", "") == str(figure.value)
        assert origin.startswith(figure.origin.how)


def test_the_finance_sheet_shows_the_pay_scale_working_and_the_sums(
    recovery_finance: Document,
) -> None:
    first = [
        row
        for group, row in groups_and_rows(table(recovery_finance, FIGURES))
        if group.startswith("Table of resources (")
    ]
    costs = [row for row in first if row[1].endswith(": Total Cost £")]
    assert [row[1] for row in costs[:2]] == [
        "row 1 (Social Workers): Total Cost £",
        "row 2 (Community Care Officers): Total Cost £",
    ]
    *posts, total = costs
    assert len(posts) == 11
    assert posts[0][2:6] == [
        "74,863",
        "74,863",
        "money",
        "Band B £42,779.05 a year × 3 FTE × 7/12 months = £74,863.34, rounded to the pound "
        "(pay scale ../pay-scales/2021-22.yaml)",
    ]
    assert all(" a year × " in row[5] and "(pay scale " in row[5] for row in posts)
    assert total[1] == "row 12 (TOTAL): Total Cost £"
    assert total[2] == "1,070,234"
    added = " + ".join(row[2] for row in posts)
    assert total[5] == f"sum of 11 rows of msh-staffing, column 'Total Cost £': {added}"


def test_a_typed_amount_that_no_figure_has_is_flagged() -> None:
    sheet = api.review_sheet(TYPED, "finance")
    figures = body(table(sheet, FIGURES))
    typed = body(table(sheet, TYPED_AMOUNTS))
    assert [row[1:4] for row in typed] == [
        ["paragraph 3", "£1,234", "1,234"],
        ["paragraph 3", "£500", "500"],
    ]
    assert typed[0][4] == "typed, not computed\nmatches no figure"
    assert typed[0][5].startswith("A further £1,234 was spent on advertising")
    same = typed[1][4]
    assert same.startswith("typed, not computed\nthe same as figure ")
    figure = figures[int(same.rsplit(" ", 1)[1]) - 1]
    assert figure[1:3] == ["row 3 (Training budget): Cost", "£500"]
    assert figure[5] == "typed\nthe named figure ‘training’"


def test_a_stated_total_is_said_to_agree() -> None:
    figures = body(table(api.review_sheet(TYPED, "finance"), FIGURES))
    totals = [row for row in figures if row[1] == "row 4 (TOTAL): Cost"]
    assert len(totals) == 1
    assert totals[0][5].endswith("\nstated 69,888, agrees")
    quoted = [row for row in figures if row[1] == "paragraph 2" and row[2] == "£69,888"]
    assert quoted[0][5].endswith("\nthe total of table ‘posts-table’\nstated 69,888, agrees")


def test_a_report_with_no_typed_money_says_so(recovery_finance: Document) -> None:
    texts = [plain_text(b.content) for b in recovery_finance.blocks if isinstance(b, Para)]
    assert "No amount of money is typed into the text; every amount is a figure." in texts
    assert not any(
        b.title == TYPED_AMOUNTS for b in recovery_finance.blocks if isinstance(b, Table)
    )


def test_a_sheet_prints_a_value_as_given_by_the_house_style(tmp_path: Path) -> None:
    """The figures' values: thousands separated, a whole number without the zeros a scaling
    left, a fraction with the places it was given; printed by resolve/style.py."""
    from decimal import Decimal

    from reportgen.resolve.style import digits_as_given

    assert digits_as_given(Decimal("12384000.000")) == "12,384,000"
    assert digits_as_given(Decimal("1234.50")) == "1,234.50"
    assert digits_as_given(Decimal("0.0585")) == "0.0585"
    report = tmp_path / "typed.yaml"
    text = TYPED.read_text(encoding="utf-8").replace("../../../reports", str(EXAMPLES.parent))
    text = text.replace("  training: £500\n", "  training: £500\n  grant: £12.384m\n")
    report.write_text(
        text.replace(
            "and training {{ fig('training') }}.",
            "and training {{ fig('training') }}; the grant is {{ fig('grant') | short }}"
            " and {{ fig('grant') }}.",
        ),
        encoding="utf-8",
    )
    figures = body(table(api.review_sheet(report, "finance"), FIGURES))
    grant = [row for row in figures if row[2] in ("£12.384m", "£12,384,000")]
    assert [row[3] for row in grant] == ["12,384,000", "12,384,000"]


def test_a_ledger_total_shows_its_rounding_difference_on_the_sheet(tmp_path: Path) -> None:
    """Item 4 of March 2022 prints its ledger totals as published; the finance sheet shows each
    beside what its rows add to, and the .docx written says so."""
    from tests.conftest import ROOT

    report = ROOT / "reports/meetings/2022-03-14/04-performance-and-finance-q3.yaml"
    out = tmp_path / "finance.docx"
    sheet = api.review_sheet(report, "finance", output=out)
    rows = body(table(sheet, FIGURES))
    [net] = [row for row in rows if "Net Department Total" in row[1] and "Actual" in row[1]]
    assert net[2] == "129,631"
    assert net[5].endswith(
        "from the ledger: stated 129,631, the rows add to 129,632, a difference of -1: within "
        "rounding (at most 3 for 7 rounded amounts)"
    )
    agrees = [row for row in rows if "Net Department Total" in row[1] and "Annual" in row[1]]
    assert agrees[0][5].endswith("stated 214,130, agrees")
    from tests.review.sheets import docx_text

    written = docx_text(out)
    assert "the rows add to 129,701, a difference of -1: within rounding" in written
    assert "the rows add to 213,116, a difference of 1: within rounding" in written
