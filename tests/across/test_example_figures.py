"""The examples' figures: every total computed, and the published report's typed totals caught.

recovery-from-covid transcribes a report whose Departmental Reviews table states £262,816 where
its rows add to £262,813, and whose grand total £3,342,243 matches neither its sub-totals nor
its rows. The example computes them; stating the published totals is an error showing both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, Figure, Para, Table, plain_text
from reportgen.pipeline import build
from tests.conftest import EXAMPLES, raised

RECOVERY = EXAMPLES / "recovery-from-covid.yaml"


def _tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def _last_cell(table: Table, role: str) -> list[str]:
    return [plain_text(r.cells[-1].content) for r in table.rows if r.role == role]


def _texts(doc: Document) -> str:
    return " ".join(plain_text(b.content) for b in doc.blocks if isinstance(b, Para))


def test_recovery_totals_are_computed(boilerplate: Boilerplate) -> None:
    doc = build(RECOVERY, boilerplate)
    tables = _tables(doc)
    assert len(tables) == 10
    totals = [_last_cell(t, "total")[0] for t in tables]
    assert totals == [
        "1,070,234",
        "311,949",
        "46,331",
        "262,813",  # published as 262,816
        "188,177",
        "424,150",
        "277,143",
        "92,506",
        "505,735",
        "£3,342,238",  # published as £3,342,243
    ]
    finance = tables[-1]
    subtotals = _last_cell(finance, "subtotal")
    amounts = [int(s.strip("£").replace(",", "")) for s in subtotals]
    assert sum(amounts) == 3_342_238
    assert "The total cost of £3,342,238 this financial year" in _texts(doc)


def test_the_first_table_costs_come_from_the_pay_scale(boilerplate: Boilerplate) -> None:
    first = _tables(build(RECOVERY, boilerplate))[0]
    costs = [r.cells[-1].content[0] for r in first.rows if r.role == "body"]
    assert len(costs) == 11
    for cost in costs:
        assert isinstance(cost, Figure)
        assert "a year × " in cost.origin.how


def test_promoting_independence_computes_its_cost_from_the_grade(
    boilerplate: Boilerplate,
) -> None:
    doc = build(EXAMPLES / "promoting-independence.yaml", boilerplate)
    assert _texts(doc).count("£45,638, including on-costs") == 3


def test_fee_increases_computes_every_proposed_fee(boilerplate: Boilerplate) -> None:
    tables = _tables(build(EXAMPLES / "fee-increases.yaml", boilerplate))
    proposed = [_last_cell(t, "body") for t in tables]
    assert [
        "£40.49 per session",
        "£20.88 per session",
        "£14.79 per session",
        "£10.19 per session",
        "£13.02 per hour",
    ] in proposed
    assert ["£253.27", "£379.16", "£527.78", "£691.13", "£989.59"] in proposed


@pytest.mark.parametrize(
    ("anchor", "stated", "message"),
    [
        (
            "    # Published as £262,816; the rows add to £262,813, which is what is computed and "
            "printed.\n    total: TOTAL\n",
            '    total: {label: TOTAL, stated: "262,816"}\n',
            "the stated total £262,816 is not what the rows add to: £262,813",
        ),
        (
            '      total: {label: "TOTAL COST:", subtotal: "Sub Total:"}\n',
            '      total: {label: "TOTAL COST:", subtotal: "Sub Total:", stated: "£3,342,243"}\n',
            "the stated total £3,342,243 is not what the rows add to: £3,342,238",
        ),
    ],
)
def test_stating_the_published_totals_is_an_error(
    anchor: str, stated: str, message: str, boilerplate: Boilerplate, tmp_path: Path
) -> None:
    text = RECOVERY.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, "the example still has this total"
    copy = tmp_path / "examples" / RECOVERY.name
    copy.parent.mkdir()
    copy.write_text(text.replace(anchor, stated), encoding="utf-8")
    shutil.copytree(EXAMPLES.parent / "pay-scales", tmp_path / "pay-scales")
    [problem] = raised(lambda: build(copy, boilerplate))
    assert problem.code == "F601"
    assert message in problem.message
    line = text.replace(anchor, stated).splitlines()[problem.where.line - 1]
    assert "stated:" in line
