"""Thai calendar arithmetic: Buddhist Era (พ.ศ.), Rattanakosin era (ร.ศ.), fiscal years.

The rules, as a Thai historian applies them:

* CE = BE - 543 from BE 2484 (1941) on.  Until then the Thai year began on 1 April:
  1 January - 31 March of BE 2482 and earlier are CE = BE - 542, and BE 2483 had only
  nine months (1 April - 31 December 1940), so January - March 2483 never existed.
* Rattanakosin era: CE = RS + 1781 from 6 April, + 1782 from 1 January to 5 April.
* Fiscal year (ปีงบประมาณ) N: 1 October of N-1 to 30 September of N (BE).

Day counting and validity are left to ``datetime`` and ``dateutil``.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

CALENDAR_REFORM_BE = 2484  # first BE year that starts on 1 January
SHORT_YEAR_BE = 2483  # April - December 1940 only


class NoSuchDate(ValueError):
    """A date that the calendar never had (30 February, January 2483)."""


def be_to_ce(year_be: int, month: int) -> int:
    """The CE year of a month of a BE year.

    >>> be_to_ce(2565, 1), be_to_ce(2482, 1), be_to_ce(2482, 4), be_to_ce(2483, 12)
    (2022, 1940, 1939, 1940)
    """
    if year_be >= CALENDAR_REFORM_BE or month >= 4:
        return year_be - 543
    if year_be == SHORT_YEAR_BE:
        raise NoSuchDate(f"January to March {SHORT_YEAR_BE} did not exist: BE {SHORT_YEAR_BE} began on 1 April 1940")
    return year_be - 542


def ce_to_be(year_ce: int, month: int) -> int:
    """The BE year (as written at the time) of a month of a CE year.

    >>> ce_to_be(2022, 1), ce_to_be(1940, 1), ce_to_be(1940, 4), ce_to_be(1941, 1)
    (2565, 2482, 2483, 2484)
    """
    if year_ce >= CALENDAR_REFORM_BE - 543 or month >= 4:
        return year_ce + 543
    return year_ce + 542


def rs_to_ce(year_rs: int, month: int, day: int | None) -> int:
    """Rattanakosin era: the year began on 6 April."""
    before_new_year = month < 4 or (month == 4 and day is not None and day < 6)
    return year_rs + (1782 if before_new_year else 1781)


def ce_to_rs(date: dt.date) -> int:
    before_new_year = date.month < 4 or (date.month == 4 and date.day < 6)
    return date.year - (1782 if before_new_year else 1781)


def make_date(year_ce: int, month: int, day: int) -> dt.date:
    """A real date, or :class:`NoSuchDate` (30 February, 31 April)."""
    try:
        return dt.date(year_ce, month, day)
    except ValueError as exc:
        raise NoSuchDate(str(exc)) from None


def fiscal_year(year_be: int) -> tuple[dt.date, dt.date]:
    """ปีงบประมาณ N (BE): 1 October N-1 to 30 September N."""
    end_ce = be_to_ce(year_be, 9)
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


def shift_years(date: dt.date, years: int) -> dt.date:
    return date + relativedelta(years=years)


def shift_days(date: dt.date, days: int) -> dt.date:
    return date + relativedelta(days=days)
