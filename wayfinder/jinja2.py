"""The Jinja2 environment for every page: NHS.UK frontend macros plus a few Django helpers."""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    PackageLoader,
    UndefinedError,
    meta,
    select_autoescape,
)
from jinja2.filters import do_indent
from jinja2.runtime import Macro
from jinja2.utils import missing
from markupsafe import Markup, escape

from wayfinder.core.panels import links_for, parts_for
from wayfinder.core.permissions import can
from wayfinder.core.roles import NetworkRole
from wayfinder.core.text import counted, number
from wayfinder.frameworks.labels import level_label


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    if not args and not kwargs:
        # Every page's header and navigation name the same few addresses.
        return _reverse_plain(viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


@functools.lru_cache(maxsize=512)
def _reverse_plain(viewname: str, prefix: str, urlconf: Any) -> str:
    """An address without arguments depends only on its name, the script prefix and the URL configuration, which
    are the key: the URL configurations themselves do not change while a process runs."""
    return reverse(viewname, urlconf=urlconf)


def static_url(path: str) -> str:
    return _static_url(path, settings.STATIC_URL)


@functools.lru_cache(maxsize=256)
def _static_url(path: str, static_root_url: str) -> str:
    """A static file's address (hashed in production, from the manifest read at start): the same for the life of
    a process, and every page asks for the same few."""
    return static(path)


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


# Component output already drawn in this process, by component and parameters (see rendered_once).
RENDERED: dict[Hashable, Any] = {}
RENDERED_MAX = 2048
_PLAIN = (str, int, float, type(None))


def frozen(value: Any) -> Hashable:
    """Parameters as a key that tells apart everything a component could draw differently: safe markup from
    text, True from 1. Raises TypeError for anything else (an object, an undefined value)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        return ("d", tuple((key, frozen(item)) for key, item in sorted(value.items())))
    if kind in (list, tuple):
        return ("l", tuple(frozen(item) for item in value))
    if kind is Markup or kind is bool or kind in _PLAIN:
        return (kind.__name__, value)
    raise TypeError(f"not a plain parameter: {kind.__name__}")


def rendered_once(macro: Macro, params: Any, origin: str) -> Any:
    """What an NHS.UK component macro draws for these parameters, drawn once per process and then reused.
    `origin` is the name of the template the macro is defined in: with the macro's name, it says which macro this
    is (two templates may each define a macro of the same name).

    The components are pure: the same parameters always give the same markup. A select with fifty options costs
    a millisecond or more of macro calls each time; a form of filters on every search page paid that for every
    request. The key is the parameters themselves, so nothing can go stale; parameters that are not plain values
    are drawn every time. At most RENDERED_MAX results are kept, the oldest dropped first.
    """
    try:
        key = (origin, macro.name, frozen(params))
    except TypeError:
        return macro(params)
    html = RENDERED.get(key)
    if html is None:
        html = macro(params)
        if len(RENDERED) >= RENDERED_MAX:
            RENDERED.pop(next(iter(RENDERED)), None)
        RENDERED[key] = html
    return html


SLOT_PREFIX = "wayfinder-slot-"


def slot(name: str) -> str:
    """A marker to draw a component with (rendered_once) where a value that differs from page to page goes, so the
    drawing can be reused: `filled` puts the value in its place."""
    return SLOT_PREFIX + name


def filled(html: Any, values: dict[str, Any]) -> Markup:
    """A component drawn with slot(name) markers, each replaced by its value, escaped as the components escape
    text and attributes. So a search box or a pager costs a lookup, not a component, on every page."""
    if not values:
        return Markup(html)  # noqa: S704 - already the component's safe markup
    # One pass, so a value that happens to contain another slot's marker is put in as it is.
    names = "|".join(re.escape(name) for name in sorted(values, key=len, reverse=True))
    text = re.sub(f"{SLOT_PREFIX}({names})", lambda found: str(escape(str(values[found[1]]))), str(html))
    # Safe: `html` is the component's safe markup, and every value put in is escaped here.
    return Markup(text)  # noqa: S704


def choice_items(bound: Any, flag: str, skip_empty: bool = False) -> list[dict[str, Any]]:
    """A bound choice field's options as the NHS.UK select and radios take them, the current value marked with
    `flag` ("selected" or "checked"), as the form macro would build them in a Jinja loop, but a loop in Jinja over
    fifty options cost more than drawing them. Values are compared as text, as Jinja's `string` filter does."""
    current = str(bound.value())
    return [
        {"value": value, "text": text, flag: str(value) == current}
        for value, text in bound.field.choices
        if not (skip_empty and value == "")
    ]


@functools.cache
def nhsuk_optional_names() -> frozenset[str]:
    """The names the NHS.UK templates read without being given them (`htmlClasses`, `caller`, a `size` set to
    `undefined`): optional by their design, so using them undefined is no mistake of ours."""
    loader = PackageLoader("nhsuk_frontend_jinja")
    env = Environment(loader=loader, extensions=["jinja2.ext.i18n"])  # noqa: S701 - only parsed, never rendered
    names: set[str] = set()
    for name in loader.list_templates():
        names |= meta.find_undeclared_variables(env.parse(loader.get_source(env, name)[0]))
    return frozenset(names)


class UndefinedNameFails(ChainableUndefined):
    """An undefined value that fails, under test, when one of our templates uses a name nobody gave it (a typo, a
    view that forgot a value): printing it, testing it or comparing it raises. `is defined` and `default` still
    work, for a name that is optional. A key or attribute missing from a defined value stays as lenient as in
    production, because the NHS.UK components read every optional parameter that way (`params.hint.text`), and
    so do the names those components read undefined by design (`nhsuk_optional_names`)."""

    __slots__ = ("name_missing", "undefined_name")

    def __init__(
        self, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: type = UndefinedError
    ) -> None:
        super().__init__(hint, obj, name, exc)
        self.name_missing = obj is missing and hint is None
        self.undefined_name = name

    def fail_if_a_name(self) -> None:
        if self.name_missing and self.undefined_name not in nhsuk_optional_names():
            raise UndefinedError(f"{self.undefined_name!r} is undefined")

    def __str__(self) -> str:
        self.fail_if_a_name()
        return super().__str__()

    def __bool__(self) -> bool:
        self.fail_if_a_name()
        return super().__bool__()

    def __iter__(self) -> Any:
        self.fail_if_a_name()
        return super().__iter__()

    def __len__(self) -> int:
        self.fail_if_a_name()
        return super().__len__()

    def __eq__(self, other: object) -> bool:
        self.fail_if_a_name()
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        self.fail_if_a_name()
        return super().__ne__(other)

    def __contains__(self, item: object) -> bool:
        self.fail_if_a_name()
        return False

    def __hash__(self) -> int:
        return id(type(self))


def environment(**options: Any) -> Environment:
    # Django passes a FileSystemLoader for our own template folders; the NHS.UK macros come after it.
    own_loader = options.pop("loader", None)
    loaders = [own_loader] if own_loader is not None else []
    loaders.append(PackageLoader("nhsuk_frontend_jinja"))
    options["loader"] = ChoiceLoader(loaders)
    # TEMPLATES' OPTIONS name the kind of undefined value (UndefinedNameFails under test, see settings.py).
    undefined = options.get("undefined", ChainableUndefined)
    options["undefined"] = import_string(undefined) if isinstance(undefined, str) else undefined
    # Pages are escaped; plain-text email bodies (*.txt) are not, so names like O'Neill arrive intact.
    options["autoescape"] = select_autoescape(disabled_extensions=("txt",), default_for_string=True, default=True)
    # Jinja's i18n extension with Django's gettext and ngettext, so a sentence agrees with its numbers:
    # ngettext("%(num)s person has answered", "%(num)s people have answered", count).
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)  # noqa: S701 - autoescape is chosen by select_autoescape above
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "static": static_url,
            "url": url,
            "now": timezone.now,
            "rendered_once": rendered_once,
            "choice_items": choice_items,
            "slot": slot,
            "filled": filled,
            "level_label": level_label,
            "can": can,
            "panel_parts": parts_for,
            "panel_links": links_for,
            "NetworkRole": NetworkRole,
        }
    )
    env.filters.update({"date": format_date, "number": number, "indent": indent, "counted": counted})
    return env
