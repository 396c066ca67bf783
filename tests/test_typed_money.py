"""Money typed into a report's text (reportgen/typed_money.py): one rule, which ``check``
reports as C805 and the finance sheet flags, so the two always agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import api
from reportgen.document import Table, plain_text
from reportgen.typed_money import typed_money
from tests.conftest import EXAMPLES, ROOT
from tests.review.sheets import TYPED, TYPED_AMOUNTS, body, table

TABLES = ROOT / "tests" / "typed_money" / "tables.yaml"
"""Money typed into a plain table's cell and a typed table's note; £000 in a table's title."""

REPORTS = [
    *sorted(EXAMPLES.glob("*.yaml")),
    TYPED,
    TABLES,
    ROOT / "tests" / "check" / "faulty.yaml",
]


def _c805(report: Path) -> list[str]:
    """The amounts ``check`` says no figure has (C805), in the order of the report."""
    [checked] = api.check([report])
    found = [p for p in checked.problems if p.code == "C805"]
    return [p.message.split(" is typed into the text")[0] for p in found]


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_check_and_the_finance_sheet_flag_the_same_amounts(report: Path) -> None:
    sheet = api.review_sheet(report, "finance")
    titles = [b.title for b in sheet.blocks if isinstance(b, Table)]
    rows = body(table(sheet, TYPED_AMOUNTS)) if TYPED_AMOUNTS in titles else []
    flagged = [row[2] for row in rows if row[4].endswith("matches no figure")]
    assert sorted(_c805(report)) == sorted(flagged)


def test_money_in_any_cell_below_a_header_is_typed_money_and_a_title_is_not() -> None:
    document = api.load_documents([TABLES])[TABLES]
    found = [(t.typed, t.same is None) for t in typed_money(document)]
    assert found == [("£2,500", True), ("£700", False), ("£16,000", True)]
    titles = [b.title for b in document.blocks if isinstance(b, Table)]
    assert "Charges, £000" in titles  # a unit, not an amount: neither rule sees it
    [checked] = api.check([TABLES])
    places = {
        p.message.split(" ")[0]: (p.where.line, p.where.path)
        for p in checked.problems
        if p.code == "C805"
    }
    assert places == {
        "£2,500": (19, ("information", 2, "table", 1, 1)),  # at the plain table's cell
        "£16,000": (21, ("information", 3)),  # at the typed table
    }


def test_an_amount_a_figure_has_is_the_same_as_that_figure() -> None:
    document = api.load_documents([TYPED])[TYPED]
    [advertising, interviews] = typed_money(document)
    assert (advertising.typed, advertising.same) == ("£1,234", None)
    assert advertising.unmatched
    assert interviews.typed == "£500" and not interviews.unmatched
    assert interviews.same is not None
    assert plain_text(interviews.piece.content).startswith("A further £1,234")
