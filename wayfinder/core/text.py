"""Words that depend on a number: "1 problem", "2 problems", with Django's ngettext so they always agree."""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import ngettext


def counted(count: int, singular: str, plural: str) -> str:
    """The number (with thousands separated) and the word that agrees with it: counted(1, "row", "rows") is
    "1 row", counted(1250, "row", "rows") is "1,250 rows"."""
    return f"{intcomma(count)} {ngettext(singular, plural, count)}"
