"""Numbers and words as people read them: "1,250", "2.5", "1 problem", "2 problems"."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import ngettext


def number(value: float | Decimal | None) -> str:
    """A number as people read it: thousands separated, a whole number without a decimal point and anything else to
    one decimal place (1250 → "1,250", 2.0 → "2", 2.5 → "2.5"), an amount of money with the places it was stored
    with (Decimal("4500.00") → "4,500.00"); nothing as "". The `number` filter of every page."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,}"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def counted(count: int, singular: str, plural: str) -> str:
    """The number (with thousands separated) and the word that agrees with it: counted(1, "row", "rows") is
    "1 row", counted(1250, "row", "rows") is "1,250 rows"."""
    return f"{number(count)} {ngettext(singular, plural, count)}"
