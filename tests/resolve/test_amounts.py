"""Reading typed amounts: money, numbers and percentages as authors write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.resolve.amounts import parse_amount


@pytest.mark.parametrize(
    ("typed", "value", "kind"),
    [
        ("74863", "74863", "number"),
        ("74,863", "74863", "number"),
        ("£74,863", "74863", "money"),
        ("£1,070,234", "1070234", "money"),
        ("38.25", "38.25", "number"),
        ("£4.3m", "4300000", "money"),
        ("14.966m", "14966000", "money"),
        ("£1bn", "1000000000", "money"),
        ("5.85%", "0.0585", "percentage"),
        ("-£500", "-500", "money"),
        ("£240k", "240000", "money"),
        ("£0.235m", "235000", "money"),
        ("(9)", "-9", "number"),
        ("(£941)", "-941", "money"),
        ("−£941", "-941", "money"),
        ("(2.5%)", "-0.025", "percentage"),
        ("(0)", "0", "number"),
        (" 12 ", "12", "number"),
    ],
)
def test_amounts_are_read_as_typed(typed: str, value: str, kind: str) -> None:
    parsed = parse_amount(typed)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    assert parsed.kind == kind


@pytest.mark.parametrize(
    "typed",
    ["abc", "3,64", "1,0000", "£5%", "1.2.3", "", "£", "12 posts", "(-9)", "-(9)", "(9", "£240kk"],
)
def test_what_is_not_an_amount_is_refused(typed: str) -> None:
    assert parse_amount(typed) is None


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_an_amount_printed_with_separators_reads_back_the_same(value: Decimal) -> None:
    parsed = parse_amount(f"£{value:,.2f}")
    assert parsed is not None
    assert parsed.value == value


def test_money_is_found_in_prose_with_its_value() -> None:
    from reportgen.resolve.amounts import find_money

    text = "A cost of £74,863, then £1.1 million, £240k and £4.3m; not 74,863 or £x."
    found = [(m.group(), p.value if p else None) for m, p in find_money(text)]
    assert found == [
        ("£74,863", Decimal(74863)),
        ("£1.1 million", Decimal(1_100_000)),
        ("£240k", Decimal(240_000)),
        ("£4.3m", Decimal(4_300_000)),
    ]
