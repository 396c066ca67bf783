"""Named figures quoted in text: amounts, arithmetic, pay costs, filters and house style."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Heading, plain_text
from tests.resolve.cases import build_case, figures_in, numbered_texts


def test_figures_print_in_house_style_and_through_filters(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/figures.yaml", boilerplate, tmp_path)
    assert numbered_texts(doc)[1:5] == [
        "A budget of £6.3m: £6,300,000 in all.",
        "Two posts at £120,000; a seventh is £17,142.86.",
        "two, 2, 1,100 staff.",
        "Officers cost £42,779; the allocation is £14.966m.",
    ]


def test_a_quoted_figure_is_a_node_with_its_value_name_and_working(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/figures.yaml", boilerplate, tmp_path)
    budget = next(f for f in figures_in(doc) if f.name == "budget")
    assert budget.value == Decimal(6_300_000)
    assert budget.kind == "money"
    assert budget.origin.how == "fig('prevention') + fig('breaks') + fig('support') = 6,300,000"
    assert budget.origin.stated == Decimal(6_300_000)  # "stated: £6.3m" agreed
    officers = next(f for f in figures_in(doc) if f.name == "officers")
    # 42,779.05 * 2 * 6/12 = 42,779.05: a pay figure is rounded to the pound
    assert officers.value == Decimal(42779)
    assert "(pay scale ../pay-scale.yaml)" in officers.origin.how


def test_house_style_overrides_dates_and_counts(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build_case("valid/house-style.yaml", boilerplate, tmp_path)
    assert doc.meta.date_text == "26th July 2021"
    assert "2 posts." in numbered_texts(doc)
    headings = [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)]
    assert "Financial Comments (KAS 09.04.13)" in headings
