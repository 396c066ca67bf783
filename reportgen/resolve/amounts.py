"""Read amounts as authors type them: ``74,863``, ``£74,863``, ``38.25``, ``£240k``, ``£4.3m``,
``5.85%``, and negatives as ``-941``, ``−941`` or ``(941)``.

The one place typed numbers are read. Values are :class:`~decimal.Decimal`, never floats; a
percentage is read as its fraction (5.85% is 0.0585), which is what arithmetic wants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

_AMOUNT = re.compile(
    r"""^(?P<minus>[-−])?\s*(?P<pound>£)?\s*
    (?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?
    \s*(?P<suffix>k|m|bn|%)?$""",
    re.VERBOSE,
)

_BRACKETED = re.compile(r"^\(\s*(?P<inner>[^()\-−]*?)\s*\)$")
"""A negative amount in brackets, as accounts print it: (941), (£4.3m)."""

_SCALE = {"k": Decimal(1_000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}

MAX_DIGITS = 15
"""The most digits an amount may have, before and after its point: £999 trillion, or
£9,999,999,999,999.99; every sum and product of such amounts stays exact."""

AmountKind = Literal["money", "number", "percentage"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A typed amount: its value and what its spelling says it is."""

    value: Decimal
    """The amount; a percentage as its fraction."""
    kind: AmountKind
    """``money`` when written with £ or a suffix (k, m, bn), ``percentage`` with %."""
    places: int
    """Decimal places as typed (before any scaling): 2 for 38.25, 1 for 4.3m, 2 for 5.85%."""
    scaled: bool = False
    """Whether it was typed with k, m or bn: an amount in pounds whatever a column's unit."""


def parse_amount(text: str) -> Parsed | None:
    """The amount ``text`` spells, or None when it is not one."""
    bracketed = _BRACKETED.match(text.strip())
    if bracketed is not None:
        inner = parse_amount(bracketed["inner"])
        if inner is None:
            return None
        value = -inner.value if inner.value else inner.value
        return Parsed(value, inner.kind, inner.places, inner.scaled)
    m = _AMOUNT.match(text.strip())
    if m is None:
        return None
    frac = m["frac"] or ""
    if len(m["whole"].replace(",", "")) + len(frac) > MAX_DIGITS:
        return None  # beyond any budget, and beyond what Decimal arithmetic keeps exact
    value = Decimal(m["whole"].replace(",", "") + ("." + frac if frac else ""))
    if m["minus"]:
        value = -value
    suffix = m["suffix"]
    if suffix == "%":
        if m["pound"]:
            return None
        return Parsed(value / 100, "percentage", len(frac))
    if suffix in _SCALE:
        return Parsed(value * _SCALE[suffix], "money", len(frac), scaled=True)
    return Parsed(value, "money" if m["pound"] else "number", len(frac))


AMOUNT_HINT = (
    "write a number of at most 15 digits, such as 74863, 74,863, £74,863, 38.25, £240k, £4.3m, "
    "(941) for a negative, or 5.85%"
)
"""What to say when a text is not an amount."""


_MONEY = re.compile(
    r"£\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d)(?:\.\d+)?"
    r"(?:\s?(?:k|m|bn|thousand|million|billion)\b)?"
)
_SCALE_WORDS = {"thousand": "k", "million": "m", "billion": "bn"}


def find_money(text: str) -> Iterator[tuple[re.Match[str], Parsed | None]]:
    """Every amount of money typed in ``text`` (£74,863, £38.25, £240k, £4.3m, £1.1 million),
    with its value where :func:`parse_amount` reads it: the one finder of money in prose."""
    for match in _MONEY.finditer(text):
        typed = re.sub(
            r"\s?(thousand|million|billion)$", lambda m: _SCALE_WORDS[m[1]], match.group()
        )
        yield match, parse_amount(typed.replace(" ", ""))
