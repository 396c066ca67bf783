"""Ledger totals (reportgen/resolve/ledger.py): stated totals printed as stated when rounding the
rows can explain their difference, noted under the table, quoted as stated; beyond it, F601."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reportgen import api
from reportgen.boilerplate import Boilerplate
from reportgen.document import Figure, Para, Table, plain_text
from reportgen.resolve.ledger import allowance, check
from tests.conftest import ROOT
from tests.resolve.cases import build_case, numbered_texts, tables

ITEM_4 = ROOT / "reports/meetings/2022-03-14/04-performance-and-finance-q3.yaml"


@given(st.lists(st.decimals(min_value=-(10**6), max_value=10**6, places=3), max_size=30))
def test_rounding_never_makes_a_difference_beyond_the_allowance(exact: list[Decimal]) -> None:
    """Rows and total each rounded to the unit: the difference is within ⌊(n + 1) / 2⌋ units."""
    one = Decimal(1)
    rows = sum((x.quantize(one, ROUND_HALF_UP) for x in exact), Decimal(0))
    stated = sum(exact, Decimal(0)).quantize(one, ROUND_HALF_UP)
    assert abs(stated - rows) <= allowance(len(exact), one)
    assert check(stated, rows, len(exact), one) is not None


def test_the_allowance_is_half_a_unit_for_each_row_and_the_total() -> None:
    assert allowance(0, Decimal(1)) == 0
    assert allowance(1, Decimal(1)) == 1  # the row and the total, half a unit each
    assert allowance(4, Decimal(1000)) == 2000  # four rows in £'000 and the total: 2.5 → 2
    assert allowance(12, Decimal(1000)) == 6000
    assert check(Decimal(3000), Decimal(0), 4, Decimal(1000)) is None


def test_ledger_totals_print_as_stated_with_the_note(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/ledger.yaml", boilerplate, tmp_path)
    [table] = tables(doc)
    totals = [(role, cells) for role, cells in table if role in ("subtotal", "total")]
    assert totals == [
        ("subtotal", ["Forecast prior to use of reserves", "219,140", "129,700"]),  # rows: 129,701
        ("subtotal", ["Subtotal", "(5,010)", "(69)"]),
        ("total", ["Net Department Total", "214,130", "129,631"]),  # rows: 129,632
        ("subtotal", ["Grant", "(130)", "(31)"]),
        ("total", ["Net position", "214,000", "129,600"]),  # the total as printed, then (31)
    ]
    blocks = list(doc.blocks)
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Table))
    note = blocks[at + 1]
    assert isinstance(note, Para) and note.mark is None
    assert plain_text(note.content) == "Figures may not sum because of rounding."
    # the group without a heading prints none; the other prints its own
    assert [cells for role, cells in table if role == "group"] == [["Committee"]]


def test_a_ledger_total_keeps_the_sum_of_its_rows_in_its_origin_and_is_what_figures_quote(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/ledger.yaml", boilerplate, tmp_path)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    total = next(r for r in table.rows if r.role == "total")
    [actual] = [n for n in total.cells[2].content if isinstance(n, Figure)]
    assert actual.value == Decimal(129_631_000)
    assert actual.origin.stated == Decimal(129_631_000)
    ledger = actual.origin.ledger
    assert ledger is not None
    assert (ledger.rows, ledger.difference, ledger.allowed, ledger.terms) == (
        Decimal(129_632_000),
        Decimal(-1000),
        Decimal(3000),
        7,
    )
    assert "The actual is £129,631,000." in numbered_texts(doc)


def test_item_4_prints_its_ledger_figures_as_published() -> None:
    [doc] = api.load_documents([ITEM_4]).values()
    table = next(b for b in doc.blocks if isinstance(b, Table))
    text = [[plain_text(c.content) for c in r.cells] for r in table.rows]
    published = (ROOT / "tests/published/2022-03-14/item-04.txt").read_text(encoding="utf-8")
    for row in text[1:]:
        if len(row) == 5:
            assert "\t".join(row) in published
    assert text[-1] == ["Net Department Total", "214,130", "129,631", "213,117", "(1,013)"]
    assert text[6] == [
        "Forecast prior to use of reserves",
        "219,140",
        "129,700",
        "216,214",
        "(2,926)",
    ]
    assert text[1] == ["ASCH Committee"]
    assert ["Subtotal", "(5,010)", "(69)", "(3,098)", "1,912"] in text
    notes = [plain_text(b.content) for b in doc.blocks if isinstance(b, Para)]
    assert "Figures may not sum because of rounding." in notes
