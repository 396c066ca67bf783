"""Clear days, working days and bank holidays (reportgen.days), checked against dates whose
bank holidays are known: England's 2 May 2022 and the Platinum Jubilee's 2 and 3 June 2022."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.days import (
    UnknownRegion,
    add_working_days,
    bank_holidays,
    clear_days,
    is_working_day,
    latest_with_clear_days,
)
from reportgen.profile_calendar import BankHolidays

ENGLAND = BankHolidays(country="GB", subdivision="ENG")
SCOTLAND = BankHolidays(country="GB", subdivision="SCT")
D = dt.date


def test_clear_days_count_neither_end() -> None:
    assert clear_days(D(2022, 3, 4), D(2022, 3, 14)) == 9
    assert clear_days(D(2022, 3, 13), D(2022, 3, 14)) == 0
    assert clear_days(D(2022, 3, 14), D(2022, 3, 4)) == 0


def test_clear_working_days_leave_out_weekends_and_bank_holidays() -> None:
    # Friday 4 March 2022 to Monday 14 March: the five weekdays between.
    assert clear_days(D(2022, 3, 4), D(2022, 3, 14), ENGLAND) == 5
    # 2 May 2022 was the early May bank holiday.
    assert clear_days(D(2022, 4, 25), D(2022, 5, 3), ENGLAND) == 4
    assert not is_working_day(D(2022, 5, 2), ENGLAND)
    assert is_working_day(D(2022, 5, 3), ENGLAND)


def test_the_latest_dispatch_for_five_clear_working_days() -> None:
    assert latest_with_clear_days(D(2022, 3, 14), 5, ENGLAND) == D(2022, 3, 4)
    # The bank holiday on Monday 2 May moves the meeting of Tuesday 3 May's dispatch back.
    assert latest_with_clear_days(D(2022, 5, 3), 5, ENGLAND) == D(2022, 4, 22)
    # 28 clear calendar days: neither the day of publication nor the meeting counts.
    published = latest_with_clear_days(D(2022, 3, 14), 28)
    assert published == D(2022, 2, 13)
    assert clear_days(published, D(2022, 3, 14)) == 28


def test_a_call_in_period_skips_the_jubilee_holidays() -> None:
    assert add_working_days(D(2022, 5, 30), 5, ENGLAND) == D(2022, 6, 8)
    assert add_working_days(D(2022, 3, 14), 5, ENGLAND) == D(2022, 3, 21)


def test_scotland_has_its_own_bank_holidays() -> None:
    # 2 January is a bank holiday in Scotland, not in England.
    assert D(2024, 1, 2) in bank_holidays(SCOTLAND, 2024)
    assert D(2024, 1, 2) not in bank_holidays(ENGLAND, 2024)


def test_an_unknown_region_is_named() -> None:
    with pytest.raises(UnknownRegion, match="'XX' is not a country"):
        bank_holidays(BankHolidays(country="XX"), 2022)
    with pytest.raises(UnknownRegion, match="ENG, NIR, SCT, WLS"):
        bank_holidays(BankHolidays(country="GB", subdivision="LDN"), 2022)
