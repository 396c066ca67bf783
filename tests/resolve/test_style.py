"""House style: how money, counts, percentages and dates are printed, decided in one place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.model_figures import HouseStyle
from reportgen.resolve.amounts import parse_amount
from reportgen.resolve.style import HouseRules


@pytest.fixture
def rules(boilerplate: Boilerplate) -> HouseRules:
    return HouseRules(boilerplate.style)


def test_money(rules: HouseRules) -> None:
    assert rules.money(Decimal(45638)) == "£45,638"
    assert rules.money(Decimal("38.25")) == "£38.25"
    assert rules.money(Decimal("38.2"), pence=True) == "£38.20"
    assert rules.money(Decimal(74863), symbol=False) == "74,863"
    assert rules.money(Decimal(-500)) == "-£500"


def test_short_money(rules: HouseRules) -> None:
    assert rules.short_money(Decimal(14_966_000)) == "£14.966m"
    assert rules.short_money(Decimal(1_400_000)) == "£1.4m"
    assert rules.short_money(Decimal(435_000_000)) == "£435m"
    assert rules.short_money(Decimal(88_900_000)) == "£88.9m"
    assert rules.short_money(Decimal(75_000)) == "£75,000"


def test_counts_up_to_nine_are_words(rules: HouseRules) -> None:
    assert [rules.count(Decimal(n)) for n in (0, 2, 9, 10, 1100)] == [
        "zero",
        "two",
        "nine",
        "10",
        "1,100",
    ]
    assert rules.count(Decimal("3.5")) == "3.5"
    assert rules.words(Decimal(102)) == "one hundred and two"


def test_dates(rules: HouseRules, boilerplate: Boilerplate) -> None:
    assert rules.date(dt.date(2017, 1, 9)) == "9 January 2017"
    assert rules.comment_date(dt.date(2016, 12, 13)) == "13/12/16"
    own = HouseRules(
        boilerplate.style,
        HouseStyle(date="{day_ordinal} {month} {year}", comment_date="{dd}/{mm}/{year}"),
    )
    assert own.date(dt.date(2022, 3, 14)) == "14th March 2022"
    assert own.date(dt.date(2021, 9, 22)) == "22nd September 2021"
    assert own.comment_date(dt.date(2021, 7, 14)) == "14/07/2021"


def test_rounding_is_half_up_by_default(rules: HouseRules) -> None:
    assert rules.round(Decimal("253.265304"), 2) == Decimal("253.27")
    assert rules.round(Decimal("0.5"), 0) == Decimal(1)
    assert rules.round(Decimal("2.5"), 0) == Decimal(3)


_RULES = HouseRules(load_boilerplate().style)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_printed_money_reads_back_as_its_value(value: Decimal) -> None:
    parsed = parse_amount(_RULES.money(value, pence=True))
    assert parsed is not None
    assert parsed.value == value


def _council(**style: object) -> HouseRules:
    """House rules with some of style.yaml changed."""
    base = load_boilerplate().style
    money = {k: style.pop(k) for k in ("short_from", "thousands_from") if k in style}
    return HouseRules(
        base.model_copy(update={**style, "money": base.money.model_copy(update=money)})
    )


_NEGATIVES = [_council(negative=n) for n in ("hyphen", "minus", "brackets")]


def test_negatives_print_as_the_house_style_says() -> None:
    hyphen, minus, brackets = _NEGATIVES
    value = Decimal(-941)
    assert [r.money(value) for r in _NEGATIVES] == ["-£941", "−£941", "(£941)"]
    assert [r.digits(value) for r in _NEGATIVES] == ["-941", "−941", "(941)"]
    assert brackets.percent(Decimal("-0.025"), 1) == "(2.5%)"
    assert brackets.short_money(Decimal(-14_966_000)) == "(£14.966m)"
    assert hyphen.short_money(Decimal(-14_966_000)) == "-£14.966m"
    assert minus.money(Decimal(941)) == "£941"


def test_short_money_from_the_house_thresholds() -> None:
    millions = _council(short_from=100_000)
    assert millions.short_money(Decimal(235_000)) == "£0.235m"
    assert millions.short_money(Decimal(99_999)) == "£99,999"
    thousands = _council(thousands_from=1_000)
    assert thousands.short_money(Decimal(240_000)) == "£240k"
    assert thousands.short_money(Decimal(1_400_000)) == "£1.4m"
    assert thousands.short_money(Decimal(999)) == "£999"


def test_a_percentage_keeps_the_places_it_was_typed_with(rules: HouseRules) -> None:
    assert rules.percent(Decimal("0.000"), 1) == "0.0%"
    assert rules.percent(Decimal("0.0550"), 2) == "5.50%"
    assert rules.percent(Decimal("0.0550")) == "5.5%"  # computed: no trailing zeros


@given(
    st.sampled_from(_NEGATIVES),
    st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False),
)
def test_money_and_digits_read_back_in_every_negative_style(
    rules: HouseRules, value: Decimal
) -> None:
    for printed in (rules.money(value, pence=True), rules.digits(value)):
        parsed = parse_amount(printed)
        assert parsed is not None, printed
        assert parsed.value == value


@given(
    st.sampled_from(_NEGATIVES),
    st.decimals(min_value=-100, max_value=100, places=3, allow_nan=False),
)
def test_a_typed_percentage_reads_back_as_typed(rules: HouseRules, percent: Decimal) -> None:
    typed = parse_amount(f"{percent}%")
    assert typed is not None
    printed = rules.percent(typed.value, typed.places)
    again = parse_amount(printed)
    assert again is not None
    assert (again.value, again.places) == (typed.value, typed.places)


@given(
    st.sampled_from([_council(thousands_from=1_000, negative="brackets"), _council()]),
    st.integers(min_value=-(10**12), max_value=10**12),
)
def test_short_money_reads_back_as_its_rounded_value(rules: HouseRules, value: int) -> None:
    parsed = parse_amount(rules.short_money(Decimal(value)))
    assert parsed is not None
    assert abs(parsed.value - value) <= max(abs(value) * Decimal("0.0005"), Decimal("0.5"))
