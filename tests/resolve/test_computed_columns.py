"""Computed columns (reportgen/resolve/columns.py): a difference, a percentage of another column
and a running total, in body rows and in sub-total and total rows, each with its working."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen import api
from reportgen.boilerplate import Boilerplate
from reportgen.document import Figure, Table
from tests.conftest import ROOT
from tests.resolve.cases import build_case, numbered_texts, tables


def _figures(table: Table, role: str) -> list[list[Figure | None]]:
    """The figure of each cell of each row of ``role``, or None for a cell without one."""
    out: list[list[Figure | None]] = []
    for row in table.rows:
        if row.role == role:
            out.append(
                [next((n for n in c.content if isinstance(n, Figure)), None) for c in row.cells]
            )
    return out


def test_a_difference_a_percentage_and_a_running_total_are_computed(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/computed-columns.yaml", boilerplate, tmp_path)
    [table] = tables(doc)
    body = [cells for role, cells in table if role == "body"]
    assert body == [
        ["Children", "£1,000", "£1,234", "£234", "23.4%", "£1,234"],
        ["Adults", "£3,000", "£2,900", "(£100)", "(3.3%)", "£4,134"],
        ["Highways", "£2,000", "£2,000", "£0", "0.0%", "£6,134"],
        ["Reserves", "£0", "£50", "£50", "", "£6,184"],  # no percentage of a nil budget
    ]


def test_sub_totals_and_totals_compute_their_percentage_from_their_own_amounts(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/computed-columns.yaml", boilerplate, tmp_path)
    [table] = tables(doc)
    totals = [(role, cells) for role, cells in table if role in ("subtotal", "total")]
    assert totals == [
        ("subtotal", ["People services", "£4,000", "£4,134", "£134", "3.4%", ""]),
        ("subtotal", ["Sub-total", "£2,000", "£2,050", "£50", "2.5%", ""]),
        ("total", ["Net budget", "£6,000", "£6,184", "£184", "3.1%", ""]),
    ]
    # 184 / 6,000 is 3.07%: not 23.4 - 3.3 + 0.0, a sum of the rows' percentages
    assert "The variance is £184." in numbered_texts(doc)


def test_every_computed_cell_carries_its_working(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build_case("valid/computed-columns.yaml", boilerplate, tmp_path)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    first, second, *_ = _figures(table, "body")
    variance, share, running = first[3], first[4], second[5]
    assert variance is not None and share is not None and running is not None
    assert variance.origin.how == "forecast £1,234 − budget £1,000"
    assert variance.value == Decimal(234)
    assert share.origin.how == (
        "variance £234 ÷ budget £1,000 = 23.4%, rounded to 1 decimal place of a per cent"
    )
    assert share.value == Decimal("0.234")
    assert running.origin.how == "running total of forecast: £1,234 + £2,900"
    # a typed variance that agrees is kept, with the computed working and what was typed
    typed = second[3]
    assert typed is not None
    assert typed.origin.how == "forecast £2,900 − budget £3,000"
    assert typed.origin.stated == Decimal(-100)
    [total] = _figures(table, "total")
    assert total[4] is not None
    assert total[4].origin.how.startswith("variance £184 ÷ budget £6,000 = 3.066667%")
    assert total[3] is not None and total[3].origin.how == "forecast £6,184 − budget £6,000"


def test_the_kingsmere_budget_computes_its_variance_percentages() -> None:
    path = ROOT / "reports/kingsmere/2026-11-19/38-budget-monitoring.yaml"
    [doc] = api.load_documents([path]).values()
    table = next(b for b in doc.blocks if isinstance(b, Table))
    [total] = _figures(table, "total")
    share = total[4]
    assert share is not None
    assert share.shown == "1.5%"  # 2,785 / 185,650
    assert share.origin.how.startswith("variance £2,785,000 ÷ budget £185,650,000")
    corporate = _figures(table, "body")[4]
    assert [f.shown if f else "" for f in corporate[1:]] == [
        "22,615",
        "21,880",
        "(735)",
        "(3.3%)",
    ]
