"""Periods of a measure, written and read the same way on forms, in files and through the API.

Each period is stored as its first day. Written as:
- weekly: the Monday the week starts, `2026-03-02`;
- monthly: the year and month, `2026-03`;
- quarterly: the year and quarter, `2026-Q1` (quarters of the calendar year).
"""

from __future__ import annotations

import datetime as dt
import re

WEEKLY, MONTHLY, QUARTERLY = "weekly", "monthly", "quarterly"

FORMATS = {
    WEEKLY: "the date of the Monday the week starts, like 2026-03-02",
    MONTHLY: "the year and month, like 2026-03",
    QUARTERLY: "the year and quarter, like 2026-Q1",
}

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class BadPeriod(ValueError):
    """The text is not a period of this frequency; the message says what to write."""


def parse(text: str, frequency: str) -> dt.date:
    text = (text or "").strip()
    expected = f"Write the period as {FORMATS[frequency]}."
    if frequency == MONTHLY:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise BadPeriod(f"“{text}” is not a month. {expected}")
        return dt.date(int(match[1]), int(match[2]), 1)
    if frequency == QUARTERLY:
        match = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text)
        if not match:
            raise BadPeriod(f"“{text}” is not a quarter. {expected}")
        return dt.date(int(match[1]), 3 * int(match[2]) - 2, 1)
    try:
        day = dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        raise BadPeriod(f"“{text}” is not a date. {expected}")
    if day.weekday() != 0:
        raise BadPeriod(f"{text} is a {day.strftime('%A')}, not a Monday. {expected}")
    return day


def write(day: dt.date, frequency: str) -> str:
    """The period as files and the API write it."""
    if frequency == MONTHLY:
        return f"{day.year}-{day.month:02d}"
    if frequency == QUARTERLY:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return day.isoformat()


def label(day: dt.date, frequency: str) -> str:
    """The period as a page shows it: "March 2026", "January to March 2026", "week of 2 March 2026"."""
    if frequency == MONTHLY:
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"
    if frequency == QUARTERLY:
        first = (day.month - 1) // 3 * 3
        return f"{MONTH_NAMES[first]} to {MONTH_NAMES[first + 2]} {day.year}"
    return f"week of {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short(day: dt.date, frequency: str) -> str:
    """A short label for a chart's axis: "Mar 26", "Q1 26", "2 Mar"."""
    if frequency == MONTHLY:
        return f"{MONTH_NAMES[day.month - 1][:3]} {day.year % 100:02d}"
    if frequency == QUARTERLY:
        return f"Q{(day.month - 1) // 3 + 1} {day.year % 100:02d}"
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"
