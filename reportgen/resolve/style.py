"""House style: the one place a figure's, a count's or a date's printed form is decided.

The council's style comes from the profile's style.yaml; a report may override some of it under
``house_style:``. Rounding lives here too, so a computed amount is rounded by one rule.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any, Literal

from reportgen.boilerplate import Style
from reportgen.model_figures import HouseStyle

FigureFormat = Literal["default", "money", "pence", "short", "words", "digits", "percent"]
"""How a quoted figure is printed; ``default`` follows its kind. Filters in text choose one."""

_ROUNDING = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN}


def _digits(value: Decimal) -> str:
    """A number with thousands separators and no needless trailing zeros: 1,100 or 3.5."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,f}"
    return f"{value.normalize():,f}"


def digits_as_given(value: Decimal) -> str:
    """A number with thousands separators and the decimal places it was given: 74,863, 38.25,
    38.250, 0.0585; a whole number without the zeros a scaling left (£12.384m is 12,384,000).
    How the reviewers' sheets print a value, as its author wrote it."""
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{value:,}"


class HouseRules:
    """The effective house style of one report."""

    def __init__(self, style: Style, override: HouseStyle | None = None) -> None:
        self.style = style
        own = override or HouseStyle()
        self.date_pattern = own.date or style.date
        self.comment_date_pattern = own.comment_date or style.comment_date
        self.words_up_to = style.words_up_to if own.words_up_to is None else own.words_up_to
        self.papers_lettered = (
            style.papers_lettered if own.papers_lettered is None else own.papers_lettered
        )
        self.negative = own.negative or style.negative

    def quoted(self, text: str) -> str:
        """``text`` between the house quotation marks."""
        opening, closing = self.style.quotation_marks
        return f"{opening}{text}{closing}"

    # --- rounding -------------------------------------------------------------------------

    def round(self, value: Decimal, places: int) -> Decimal:
        """``value`` rounded to ``places`` decimal places by the house rounding rule."""
        return value.quantize(Decimal(1).scaleb(-places), rounding=_ROUNDING[self.style.rounding])

    # --- amounts --------------------------------------------------------------------------

    def signed(self, value: Decimal, body: str) -> str:
        """``body``, the printed size of ``value``, with the house sign when it is negative:
        -£941, −£941 or (£941) (style.yaml's ``negative``, or the report's)."""
        if not value < 0:
            return body
        match self.negative:
            case "minus":
                return "−" + body
            case "brackets":
                return f"({body})"
        return "-" + body

    def money(self, value: Decimal, *, pence: bool | None = None, symbol: bool = True) -> str:
        """£74,863 or £38.25; ``pence`` None shows pence only when there are any."""
        if pence is None:
            pence = value != value.to_integral_value()
        amount = abs(value)
        body = f"{amount:,.2f}" if pence else f"{self.round(amount, 0):,f}"
        return self.signed(value, (self.style.money.symbol if symbol else "") + body)

    def short_money(self, value: Decimal, *, symbol: bool = True) -> str:
        """£14.966m, £1.4m or £435m from ``short_from`` (a million by default); £240k from
        ``thousands_from``, if the style gives it; smaller amounts in full."""
        money = self.style.money
        size = abs(value)
        if size >= money.short_from:
            scaled, suffix = size / 1_000_000, money.million
        elif money.thousands_from is not None and size >= money.thousands_from:
            scaled, suffix = size / 1_000, money.thousand
        else:
            return self.money(value, symbol=symbol)
        shown = _digits(self.round(scaled, money.short_places)) + suffix
        return self.signed(value, (money.symbol if symbol else "") + shown)

    def in_unit(self, value: Decimal, scale: Decimal, places: int) -> str:
        """An amount of money in thousands or millions (``scale`` pounds each), with exactly
        ``places`` decimal places and no £, as a £'000 or £m column prints it: 248, 14.97."""
        shown = self.round(abs(value) / scale, places)
        return self.signed(value, f"{shown:,f}")

    def digits(self, value: Decimal) -> str:
        """A number in digits: 1,100, 3.5."""
        return self.signed(value, _digits(abs(value)))

    def per(self, amount: str, unit: str) -> str:
        """A printed ``amount`` for each ``unit``: £38.25 per session (style.yaml's ``per``)."""
        return self.style.per.format(amount=amount, unit=unit)

    def words(self, value: Decimal) -> str:
        """A number in words: two, three point five."""
        number: int | Decimal = int(value) if value == value.to_integral_value() else value
        return _num2words(number, lang=self.style.words_language)

    def count(self, value: Decimal) -> str:
        """A count by the house rule: in words up to ``words_up_to``, else in digits."""
        if value == value.to_integral_value() and 0 <= value <= self.words_up_to:
            return self.words(value)
        return self.digits(value)

    def percent(self, fraction: Decimal, places: int | None = None) -> str:
        """A fraction as a percentage: 0.0585 is 5.85%. A percentage typed with ``places``
        decimal places keeps them (0.0% stays 0.0%, 5.50% stays 5.50%); a computed one
        (``places`` None) has as many as it needs and no trailing zeros."""
        hundred = abs(fraction) * 100
        body = _digits(hundred) if places is None else f"{self.round(hundred, places):,f}"
        return self.signed(fraction, body + "%")

    def figure(
        self, value: Decimal, kind: str, fmt: FigureFormat = "default", places: int | None = None
    ) -> str:
        """How a figure of ``kind`` is printed in text with format ``fmt``; ``places`` are a
        percentage's decimal places as typed (see :meth:`percent`)."""
        if fmt == "default" and kind == "money":
            fmt = "money"
        elif fmt == "default" and kind == "percentage":
            fmt = "percent"
        match fmt:
            case "money":
                return self.money(value)
            case "pence":
                return self.money(value, pence=True)
            case "short":
                return self.short_money(value)
            case "words":
                return self.words(value)
            case "digits":
                return self.digits(value)
            case "percent":
                return self.percent(value, places)
        return self.count(value)

    # --- dates ----------------------------------------------------------------------------

    def date_fields(self, date: dt.date, pattern: str | None = None) -> dict[str, str]:
        """The fields a date pattern may use, for ``date``: day, weekday, month, year …

        Given the ``pattern`` to fill, the day's ordinal (num2words) is worked out only if the
        pattern uses it.
        """
        language = self.style.words_language
        ordinal = pattern is None or "day_ordinal" in pattern
        return {
            "day": str(date.day),
            "weekday": f"{date:%A}",
            "day_ordinal": _num2words(date.day, lang=language, to="ordinal_num") if ordinal else "",
            "dd": f"{date.day:02d}",
            "month": f"{date:%B}",
            "month_short": f"{date:%b}",
            "mm": f"{date.month:02d}",
            "year": str(date.year),
            "yy": f"{date.year % 100:02d}",
        }

    def date(self, date: dt.date) -> str:
        """A date in the house style, e.g. '9 January 2017' or '14th March 2022'."""
        return self.date_pattern.format_map(self.date_fields(date, self.date_pattern))

    def comment_date(self, date: dt.date) -> str:
        """A comment's date in the house style, e.g. '13/12/16'."""
        pattern = self.comment_date_pattern
        return pattern.format_map(self.date_fields(date, pattern))


def _num2words(number: int | Decimal, **options: Any) -> str:
    """num2words, imported on first use: most reports print no number in words."""
    from num2words import num2words

    return str(num2words(number, **options))
