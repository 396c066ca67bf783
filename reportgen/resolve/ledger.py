"""Ledger totals: a stated total taken from the ledger, and what rounding can explain.

A council's finance table is often printed in £'000, each row rounded from the ledger, and its
totals added in the ledger before rounding; so the printed total may differ from what the printed
rows add to. A table that says so (``total: {ledger: true}``) prints its stated totals as stated,
when the difference is no larger than the rounding could make it.

The bound: the ledger amounts x₁ … xₙ print rounded, each off by at most half a unit u, and the
stated total is their exact sum rounded, off by at most half a unit too, so

    | stated − (r₁ + … + rₙ) | ≤ (n + 1) × u / 2,

and since both sides are whole units, the difference is at most ⌊(n + 1) / 2⌋ units. A
difference beyond it is a typing error (F601), whatever the ledger says.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.document import LedgerCheck


def allowance(rows: int, unit: Decimal) -> Decimal:
    """The largest difference rounding can explain between a total rounded to ``unit`` and the
    sum of ``rows`` amounts each rounded to ``unit``: ⌊(rows + 1) / 2⌋ units."""
    return ((rows + 1) // 2) * unit


def check(stated: Decimal, rows: Decimal, terms: int, unit: Decimal) -> LedgerCheck | None:
    """The comparison of a ``stated`` ledger total with what its ``terms`` printed rows add to
    (``rows``), or None when the difference is more than rounding could explain."""
    allowed = allowance(terms, unit)
    difference = stated - rows
    if abs(difference) > allowed:
        return None
    return LedgerCheck(rows, terms + 1, difference, allowed)
