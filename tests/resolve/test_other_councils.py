"""Amounts as other councils type and print them: £240k, £0.235m, (941), 0.0%, and the house
style keys that print them their way (style.yaml's ``negative``, ``money.short_from`` and
``money.thousands_from``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportgen.boilerplate import Boilerplate
from tests.resolve.cases import build_case, numbered_texts, tables


def _styled(
    boilerplate: Boilerplate, money: dict[str, Any] | None = None, **style: Any
) -> Boilerplate:
    """The boilerplate with some house style changed, as a council's style.yaml would."""
    changed = boilerplate.style.model_copy(
        update={**style, "money": boilerplate.style.money.model_copy(update=money or {})}
    )
    return boilerplate.model_copy(update={"style": changed})


def test_amounts_typed_the_way_other_councils_write_them(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build_case("valid/other-councils.yaml", boilerplate, tmp_path)
    assert numbered_texts(doc)[1:4] == [
        "A review of £240,000 and a grant of £235,000.",
        "An overspend of -£941; a change of 0.0%, a rise of 5.50%.",
        "A variance of £238,991.",
    ]
    assert tables(doc)[0] == [
        ("header", ["Service", "Variance", "Change"]),
        ("body", ["Home care", "-£9", "0.0%"]),
        ("body", ["Day care", "-£1,000", "-2.5%"]),
        ("body", ["Respite", "£240,000", "3%"]),
        ("total", ["Total", "£238,991", ""]),
    ]


def test_negatives_in_brackets_and_short_money_from_a_threshold(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    council = _styled(boilerplate, {"short_from": 100_000}, negative="brackets")
    doc = build_case("valid/other-councils.yaml", council, tmp_path)
    assert numbered_texts(doc)[1:3] == [
        "A review of £240,000 and a grant of £0.235m.",
        "An overspend of (£941); a change of 0.0%, a rise of 5.50%.",
    ]
    assert [row[1][1:] for row in tables(doc)[0][1:3]] == [["(£9)", "0.0%"], ["(£1,000)", "(2.5%)"]]


def test_short_money_in_thousands_and_the_minus_sign(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    council = _styled(boilerplate, {"thousands_from": 10_000}, negative="minus")
    doc = build_case("valid/other-councils.yaml", council, tmp_path)
    assert numbered_texts(doc)[1:3] == [
        "A review of £240,000 and a grant of £235k.",
        "An overspend of −£941; a change of 0.0%, a rise of 5.50%.",
    ]


def test_money_columns_in_thousands_and_millions(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build_case("valid/thousands.yaml", boilerplate, tmp_path)
    assert numbered_texts(doc)[1] == "The budget is £1,239,000, or £1.239m."
    assert tables(doc)[0] == [
        ("header", ["Service", "Budget\n£'000", "Forecast £m"]),
        ("body", ["Home care", "248", "0.25"]),
        ("body", ["Day care", "-9", "-0.01"]),
        ("body", ["Respite", "1,000", "1.00"]),
        ("total", ["Total", "1,239", "1.24"]),
    ]
