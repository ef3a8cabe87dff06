"""The Jinja2 environment for every page: NHS.UK frontend macros plus a few Django helpers."""

from __future__ import annotations

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, select_autoescape
from jinja2.filters import do_indent
from markupsafe import Markup


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def format_date(value: Any, fmt: str = "j F Y") -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return date_format(value, fmt)


def indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    """Jinja's `indent`, with the same output, but working on the plain text of safe markup.

    The NHS.UK macros indent every nested component (a header, a select with its options) and Jinja's own filter
    makes a new `Markup` for every line at every level: a few milliseconds a page. Indenting adds only spaces (or
    the given text, marked safe exactly as Jinja marks it) to text that is already safe, so the result is the same.
    """
    if isinstance(s, Markup):
        # Safe: the text was already safe markup, and only indentation is added (marked safe as Jinja marks it).
        return Markup(do_indent(str(s), width, first, blank))  # noqa: S704
    return do_indent(s, width, first, blank)


def environment(**options: Any) -> Environment:
    # Django passes a FileSystemLoader for our own template folders; the NHS.UK macros come after it.
    own_loader = options.pop("loader", None)
    loaders = [own_loader] if own_loader is not None else []
    loaders.append(PackageLoader("nhsuk_frontend_jinja"))
    options["loader"] = ChoiceLoader(loaders)
    options["undefined"] = ChainableUndefined
    # Pages are escaped; plain-text email bodies (*.txt) are not, so names like O'Neill arrive intact.
    options["autoescape"] = select_autoescape(disabled_extensions=("txt",), default_for_string=True, default=True)
    env = Environment(**options)  # noqa: S701 - autoescape is chosen by select_autoescape above
    env.globals.update({"static": static, "url": url, "now": timezone.now})
    env.filters.update({"date": format_date, "intcomma": intcomma, "indent": indent})
    return env
