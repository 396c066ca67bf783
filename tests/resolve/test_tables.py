"""Typed tables: cells read by type, costs from the pay scale, uplifts, groups and totals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.document import Figure, Table, plain_text
from reportgen.errors import Problems
from reportgen.load import Positions
from reportgen.model_figures import TypedTable
from reportgen.payscale import NO_PAY_SCALE
from reportgen.resolve.amounts import parse_amount
from reportgen.resolve.figures import Calculator
from reportgen.resolve.style import HouseRules
from reportgen.resolve.table_print import Printer
from tests.resolve.cases import build_case, figures_in, numbered_texts, tables


def test_costs_come_from_the_pay_scale_and_the_total_adds_the_printed_rows(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/resources.yaml", boilerplate, tmp_path)
    [table] = tables(doc)
    costs = {cells[0]: cells[3] for role, cells in table if role == "body"}
    # 42,779.05 * 3 * 7/12 = 74,863.34; 30,913.90 * 7 * 7/12 = 126,231.76; 49,179 * 3.5 * 7/12
    assert costs["Social Workers"] == "74,863"
    assert costs["Community Care Officers"] == "126,232"
    assert costs["Advanced Social Work Practitioner"] == "100,407"
    assert costs["Local Area Coordinator"] == "91,615"  # its own 5 months: 36,646 * 6 * 5/12
    assert costs["Specialist Resource"] == "80,000"
    assert costs["Forensic Social Worker"] == "Funded by TCP"
    role, total = table[-1]
    assert role == "total"
    assert total == ["TOTAL", "", "", "473,117"]
    assert 74863 + 126232 + 100407 + 91615 + 80000 == 473117


def test_a_pay_cost_says_how_it_was_worked_out(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build_case("valid/resources.yaml", boilerplate, tmp_path)
    [first] = [f for f in figures_in(doc) if f.shown == "74,863"]
    assert first.value == Decimal(74863)
    assert first.kind == "money"
    assert "Band B £42,779.05 a year × 3 FTE × 7/12 months" in first.origin.how
    assert (first.origin.where.line, first.origin.where.column) == (15, 37)  # its cost cell, ~


def test_notes_are_shown_and_left_out_of_the_sums(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build_case("valid/resources.yaml", boilerplate, tmp_path)
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    note = next(c for r in table.rows for c in r.cells if c.note)
    assert note.numeric
    [para] = [t for t in numbered_texts(doc) if t.startswith("We ask")]
    # FTE 3 + 7 + 3.5 + 6: the forensic post's FTE counts, its cost (a note) does not
    assert para == "We ask for £473,117 for 20.5 FTE posts."


def test_money_cells_print_the_pound_sign_unless_the_title_has_it(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/rollup.yaml", boilerplate, tmp_path)
    digital, _quality, finance = tables(doc)
    assert digital[1] == ("body", ["Project Manager", "2", "62,086"])
    assert finance[2] == (
        "body",
        ["Project Manager", "Temporary (Sept 21 - Mar 22)", "2", "£62,086"],
    )


def test_groups_gather_tables_by_label_with_sub_totals_and_a_grand_total(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/rollup.yaml", boilerplate, tmp_path)
    finance = tables(doc)[2]
    assert [role for role, _ in finance] == [
        "header",
        "group", "body", "body", "subtotal",
        "group", "body", "body", "body", "subtotal",
        "group", "body", "subtotal",
        "total",
    ]  # fmt: skip
    assert finance[1] == ("group", ["Digital, Systems and Processes"])
    # the hidden 'basis' column of the gathered table shows; the default fills the rest
    assert finance[3][1][1] == "Permanent"
    assert finance[4] == ("subtotal", ["Sub Total:", "", "5", "£136,949"])
    # "1*" is a note: the FTE sub-total is 2, the cost still counts
    assert finance[9] == ("subtotal", ["Sub Total:", "", "2", "£77,374"])
    # 102 * £1,600, from hidden columns; no FTE in the group, so its FTE sub-total is blank
    assert finance[11][1][3] == "£163,200"
    assert finance[12] == ("subtotal", ["Sub Total:", "", "", "£163,200"])
    assert finance[13] == ("total", ["TOTAL COST:", "", "7", "£377,523"])
    assert 136949 + 77374 + 163200 == 377523
    assert (
        numbered_texts(doc)[-2] == "The total cost of £377,523 will be met from existing budgets."
    )


def test_group_rows_span_the_visible_columns(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build_case("valid/rollup.yaml", boilerplate, tmp_path)
    finance = [b for b in doc.blocks if isinstance(b, Table)][2]
    group = finance.rows[1]
    assert [c.span for c in group.cells] == [4]
    assert finance.title == "Financial implications"
    assert all(len(r.cells) == 4 for r in finance.rows if r.role != "group")


def test_a_table_takes_its_caption_or_its_lead_in_as_its_title(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/rollup.yaml", boilerplate, tmp_path)
    titles = [b.title for b in doc.blocks if isinstance(b, Table)]
    # no caption and nothing introducing it; none; the caption of the roll-up
    assert titles == [None, None, "Financial implications"]
    doc = build_case("valid/uplift.yaml", boilerplate, tmp_path)
    # the first is introduced by a paragraph ending in a colon, its figure resolved
    assert [b.title for b in doc.blocks if isinstance(b, Table)] == [
        "It is proposed that a 5.85% increase is applied to day services, as follows",
        None,
    ]


def test_uplifts_are_computed_to_the_penny_as_published(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/uplift.yaml", boilerplate, tmp_path)
    day_care, shared_lives = tables(doc)
    # seed 003, agenda item 8: day care +5.85%, Shared Lives +5.58%
    assert [cells[2] for role, cells in day_care if role == "body"] == [
        "£40.49 per session",
        "£20.88 per session",
        "£14.79 per session",
        "£10.19 per session",
        "£13.02 per hour",
    ]
    assert [cells[2] for role, cells in shared_lives if role == "body"] == [
        "£253.27",
        "£379.16",
        "£527.78",
        "£691.13",
        "£989.59",
    ]


def test_an_uplift_by_a_named_figure_records_the_working(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/uplift.yaml", boilerplate, tmp_path)
    fee = next(f for f in figures_in(doc) if f.shown == "£40.49 per session")
    assert isinstance(fee, Figure)
    assert fee.value == Decimal("40.49")
    assert fee.origin.how == "£38.25 × (1 + 5.85%) = 40.487625, rounded to the penny"


_RULES = HouseRules(load_boilerplate().style)


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False),
            st.decimals(min_value=0, max_value=20, places=2, allow_nan=False),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_table_always_foots(rows: list[tuple[Decimal, Decimal]]) -> None:
    # each cost = rate * FTE, rounded to the pound once; the total adds the printed costs
    table = TypedTable.model_validate(
        {
            "columns": [
                "Post",
                {"title": "Rate", "key": "rate", "type": "money", "pence": True},
                {"title": "FTE", "key": "fte", "type": "decimal"},
                {"title": "Cost", "key": "cost", "type": "money", "product": ["rate", "fte"]},
            ],
            "rows": [["Post", str(rate), str(fte), None] for rate, fte in rows],
            "total": True,
        }
    )
    problems = Problems()
    calc = Calculator({}, {}, NO_PAY_SCALE, _RULES, Positions("t.yaml"), problems)
    printed = Printer(_RULES, lambda source, path: ()).table(calc.compute(table, ()))
    assert not problems
    costs = [parse_amount(plain_text(r.cells[3].content)) for r in printed.rows[1:]]
    assert all(c is not None for c in costs)
    *body, total = [c.value for c in costs if c is not None]
    assert total == sum(body, Decimal(0))
    for (rate, fte), cost in zip(rows, body, strict=True):
        assert abs(cost - rate * fte) <= Decimal("0.5")
