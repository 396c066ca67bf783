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
        (" 12 ", "12", "number"),
    ],
)
def test_amounts_are_read_as_typed(typed: str, value: str, kind: str) -> None:
    parsed = parse_amount(typed)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    assert parsed.kind == kind


@pytest.mark.parametrize("typed", ["abc", "3,64", "1,0000", "£5%", "1.2.3", "", "£", "12 posts"])
def test_what_is_not_an_amount_is_refused(typed: str) -> None:
    assert parse_amount(typed) is None


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_an_amount_printed_with_separators_reads_back_the_same(value: Decimal) -> None:
    parsed = parse_amount(f"£{value:,.2f}")
    assert parsed is not None
    assert parsed.value == value
