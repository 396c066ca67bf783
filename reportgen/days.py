"""Counting days as the law counts them: clear days, working days and bank holidays.

A *clear* day is a whole day between two events: neither the day of the first nor the day of
the second counts. A *working* day is one that is not a Saturday, a Sunday or a bank holiday;
bank holidays are the ``holidays`` library's for the profile's country and subdivision
(calendar.yaml, :class:`reportgen.profile_calendar.BankHolidays`), imported only when a
command counts working days. Every period reportgen checks (an agenda's notice, a key
decision's time on the forward plan, a decision's call-in) is counted here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from functools import lru_cache

from reportgen.profile_calendar import BankHolidays


class UnknownRegion(ValueError):
    """A country or subdivision the ``holidays`` library does not know."""


def unknown_region(region: BankHolidays) -> str | None:
    """Why ``region`` cannot be used, or None when the ``holidays`` library knows it."""
    import holidays

    supported: dict[str, list[str]] = holidays.list_supported_countries()
    if region.country not in supported:
        return f"{region.country!r} is not a country the holidays library knows"
    if region.subdivision is not None and region.subdivision not in supported[region.country]:
        known = ", ".join(supported[region.country]) or "none"
        return (
            f"{region.subdivision!r} is not a subdivision of {region.country} "
            f"(the holidays library knows: {known})"
        )
    return None


@lru_cache(maxsize=64)
def bank_holidays(region: BankHolidays, year: int) -> dict[dt.date, str]:
    """The bank holidays of ``region`` in ``year``, each with its name.

    Raises :class:`UnknownRegion` for a region the ``holidays`` library does not know."""
    why = unknown_region(region)
    if why is not None:
        raise UnknownRegion(why)
    import holidays

    found = holidays.country_holidays(region.country, subdiv=region.subdivision, years=year)
    return {day: str(name) for day, name in sorted(found.items())}


class _Holidays(Container[dt.date]):
    """The bank holidays of a region in any year, looked up year by year."""

    def __init__(self, region: BankHolidays) -> None:
        self.region = region

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and day in bank_holidays(self.region, day.year)


def is_working_day(day: dt.date, region: BankHolidays) -> bool:
    """Whether ``day`` is neither a weekend day nor one of ``region``'s bank holidays."""
    return day.weekday() < 5 and day not in _Holidays(region)


def clear_days(first: dt.date, second: dt.date, region: BankHolidays | None = None) -> int:
    """The clear days between ``first`` and ``second`` (neither counted): calendar days when
    ``region`` is None, else working days in ``region``. None or negative never: 0 when
    ``second`` is not after the day after ``first``."""
    count = 0
    day = first + dt.timedelta(days=1)
    while day < second:
        if region is None or is_working_day(day, region):
            count += 1
        day += dt.timedelta(days=1)
    return count


def latest_with_clear_days(
    event: dt.date, days: int, region: BankHolidays | None = None
) -> dt.date:
    """The last day on which something can happen and still leave ``days`` clear days before
    ``event`` (calendar days when ``region`` is None, else working days); a step done on that
    day itself need not be a working day when counting calendar days, but is when counting
    working days."""
    day = event - dt.timedelta(days=1)
    counted = 0
    while counted < days:
        if region is None or is_working_day(day, region):
            counted += 1
        day -= dt.timedelta(days=1)
    while region is not None and not is_working_day(day, region):
        day -= dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, days: int, region: BankHolidays) -> dt.date:
    """The working day that is ``days`` working days after ``start`` (``start`` itself not
    counted): the end of a call-in period of ``days`` working days from a decision's
    publication."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, region):
            counted += 1
    return day
