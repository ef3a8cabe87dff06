"""The home page's to-do list: apps to the right of `networks` register what a person has to do, and the home page
collects and shows it without importing them.

An app registers its providers in its `AppConfig.ready()`. A to-do provider takes the `Viewer` and returns
`ToDo`s; a section provider returns `Section`s of links (a system's dashboard, its support requests). Each provider
costs a fixed, small number of queries however much data there is, and none when the person has no role it serves:
the viewer carries what the page has already read (the person's appointments, their role in each network, the names
of the systems and regions they lead) so a provider can tell at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from wayfinder.core import generations
from wayfinder.core.permissions import Reach

# Within this many days a dated to-do counts as due soon: it comes before undated ones and is tagged.
SOON_DAYS = 7


@dataclass(frozen=True)
class Viewer:
    """Who the home page is for, with what it has already read about them."""

    user: Any
    reach: Reach
    today: date
    # The person's role in each network they belong to, by network id.
    roles: Mapping[int, str] = field(default_factory=dict)
    # The names of the systems and regions the person leads (their reach), by id.
    systems: Mapping[int, str] = field(default_factory=dict)
    regions: Mapping[int, str] = field(default_factory=dict)

    def network_ids(self, *roles: str) -> list[int]:
        """The networks in which the person has one of `roles` (any role when none are given)."""
        return sorted(n for n, role in self.roles.items() if not roles or role in roles)


@dataclass(frozen=True)
class ToDo:
    """One thing to do: what it is about, the link that does it, and when it is due."""

    title: str  # what the to-do is about, e.g. "Riverside PCN: Baseline 2027"
    action: str  # the link's words, a verb first, e.g. "Rate now"; the title is added for screen readers
    href: str
    detail: str = ""  # one short line of context, e.g. "3 of 8 questions answered"
    due_on: date | None = None
    due_label: str = "Due"  # said before the date, e.g. "Closes 12 March 2027"
    rank: int = 50  # orders to-dos due on the same day, and undated ones: lower comes first
    optional: bool = False  # worth doing but nothing waits for it (such as completing a profile): comes last

    def tag(self, today: date) -> tuple[str, str] | None:
        return due_tag(self.due_on, today)


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    description: str = ""
    rank: int = 50  # lower comes first within its section


@dataclass(frozen=True)
class Section:
    """A group of links below the to-do list, such as what a system lead opens for their system. Sections with the
    same key, from different apps, are shown as one: the dashboards and support both add links to a system's."""

    key: str  # e.g. "system:12"
    heading: str
    links: tuple[Link, ...]
    order: int = 50


ToDoProvider = Callable[[Viewer], Sequence[ToDo]]
SectionProvider = Callable[[Viewer], Sequence[Section]]

to_do_providers: list[ToDoProvider] = []
section_providers: list[SectionProvider] = []


# A person's home page, once drawn, is kept in the shared cache under their home generation for at most this long.
HOME_SECONDS = 3600


def home_generation_key(user_id: int) -> str:
    return f"home:{user_id}"


def homes_changed(user_ids: Iterable[int | None]) -> None:
    """What these people's home pages show has changed: each is drawn again when next asked for. The apps that
    listen to `core.changes.committed` work out whose home a change reaches (members, raters, the leads above)."""
    generations.renew(home_generation_key(pk) for pk in user_ids if pk is not None)


def register_to_dos(provider: ToDoProvider) -> ToDoProvider:
    if provider not in to_do_providers:
        to_do_providers.append(provider)
    return provider


def register_section(provider: SectionProvider) -> SectionProvider:
    if provider not in section_providers:
        section_providers.append(provider)
    return provider


def day(value: date | datetime) -> str:
    """A date as people read it, e.g. "12 March 2027"; a moment is taken on the local calendar."""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return date_format(value, "j F Y")


def urgency(due_on: date | None, today: date, optional: bool = False) -> int:
    """0 overdue, 1 due within SOON_DAYS (today included), 2 no date, 3 due later, 4 optional."""
    if optional:
        return 4
    if due_on is None:
        return 2
    if due_on < today:
        return 0
    return 1 if (due_on - today).days <= SOON_DAYS else 3


def ordered(items: Iterable[ToDo], today: date) -> list[ToDo]:
    """Most urgent first: overdue, due soon, undated (decisions waiting), due later, then optional ones; by date and
    rank within, and otherwise in the order the providers gave."""
    return sorted(
        items, key=lambda item: (urgency(item.due_on, today, item.optional), item.due_on or date.max, item.rank)
    )


def due_tag(due_on: date | None, today: date) -> tuple[str, str] | None:
    """The words and colour of the tag beside a dated to-do: overdue, today or soon, said in words."""
    if due_on is None:
        return None
    days = (due_on - today).days
    if days < 0:
        return "Overdue", "red"
    if days == 0:
        return "Today", "orange"
    if days == 1:
        return "Tomorrow", "yellow"
    if days <= SOON_DAYS:
        return f"In {days} days", "yellow"
    return None


def to_dos_for(viewer: Viewer) -> list[ToDo]:
    return ordered((item for provider in to_do_providers for item in provider(viewer)), viewer.today)


def merged(sections: Iterable[Section]) -> list[Section]:
    """One section per key, with every link given for it; sections by order then heading, links by rank."""
    by_key: dict[str, Section] = {}
    for section in sections:
        held = by_key.get(section.key)
        if held is not None:
            section = Section(
                key=held.key,
                heading=held.heading,
                links=held.links + section.links,
                order=min(held.order, section.order),
            )
        by_key[section.key] = section
    return [
        Section(key=s.key, heading=s.heading, links=tuple(sorted(s.links, key=lambda link: link.rank)), order=s.order)
        for s in sorted(by_key.values(), key=lambda s: (s.order, s.heading))
        if s.links
    ]


def sections_for(viewer: Viewer) -> list[Section]:
    return merged(section for provider in section_providers for section in provider(viewer))
