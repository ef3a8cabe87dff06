"""Panels: what apps to the right add to a network's pages without the page's app importing them.

A network's page (in `networks`), a round's results (in `assessments`) and a development plan (in `plans`) end with
parts that other apps provide: "networks that could help" from the community, "events for your network" from events,
units to learn from learning, the network's measures. The page's app works out what it knows about the network
once (`Place`), asks every provider registered for that page, and shows the panels it gets back in rank order.

An app registers its providers in its `AppConfig.ready()`:

    panels.register("results", community_panels.peers)

A provider takes the `Place` and returns a `Panel` or None (nothing to show, or the person may not see it). It
checks who may see what itself, costs a fixed small number of queries however much data there is, and draws its
body with a Jinja template (so user text is escaped). A panel's `parts` put something beside one object on the page:
the plan page shows a priority's part under that priority (a measure's chart beside the priority it is linked to).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from markupsafe import Markup

# The pages that show panels: a network's page, a round's results and a development plan.
Page = Literal["network", "results", "plan"]
PAGES: tuple[Page, ...] = ("network", "results", "plan")


@dataclass(frozen=True)
class Place:
    """Where the panels will show, with what the page has already worked out about the network."""

    page: Page
    user: Any  # the person looking (may be anonymous on a network's page)
    network_id: int
    network_slug: str
    network_name: str
    # The network's level on each dimension of its matrix (the agreed level, or the median until one is agreed),
    # from its latest results; empty when there are none. Lowest first is the weakest.
    levels: Mapping[str, float] = field(default_factory=dict)
    dimension_names: Mapping[str, str] = field(default_factory=dict)
    # Support domain keys the network chose in its plan (plan page only).
    domains: Sequence[str] = ()
    round_id: int | None = None  # results page
    plan_id: int | None = None  # plan page
    priority_ids: Sequence[int] = ()  # plan page: the plan's priorities, in the order shown
    # What the person may do in the network: "lead", "facilitator", "steering", "member" or "" for none.
    role: str = ""
    # The network itself as the page read it (so a provider need not read it again), and the framework of the
    # results or plan shown; None where the page does not have them.
    network: Any = None
    framework_id: int | None = None

    def weakest(self, count: int = 3) -> list[str]:
        """The keys of the `count` weakest dimensions, lowest level first (ties in the matrix's order)."""
        order = {key: index for index, key in enumerate(self.levels)}
        return sorted(self.levels, key=lambda key: (self.levels[key], order[key]))[:count]


@dataclass(frozen=True)
class Panel:
    """One part of the page: a heading and a body drawn by the app that gave it."""

    key: str  # e.g. "community:peers"; unique on the page
    heading: str
    body: Markup
    rank: int = 50  # lower comes first
    # Something to show beside one object of the page, by its id (plan page: a priority's id).
    parts: Mapping[int, Markup] = field(default_factory=dict)
    # Links for the page's side column, as (words, address): a network's page lists them under "For this network".
    # A panel with only links gives an empty body and is not shown in the main column.
    links: Sequence[tuple[str, str]] = ()


Provider = Callable[[Place], Panel | None]

providers: dict[Page, list[Provider]] = {page: [] for page in PAGES}


def register(page: Page, provider: Provider) -> Provider:
    if page not in providers:
        raise ValueError(f"No page called {page!r} shows panels; the pages are {', '.join(PAGES)}.")
    if provider not in providers[page]:
        providers[page].append(provider)
    return provider


def panels_for(place: Place) -> list[Panel]:
    """Every panel the registered providers give for this place, in rank order (then the order they registered)."""
    found = [panel for provider in providers[place.page] if (panel := provider(place)) is not None]
    return sorted(found, key=lambda panel: panel.rank)


def links_for(panels: Sequence[Panel]) -> list[tuple[str, str]]:
    """Every side-column link the panels give, in the panels' order."""
    return [link for panel in panels for link in panel.links]


def parts_for(panels: Sequence[Panel], object_id: int) -> list[Markup]:
    """What the panels put beside one object of the page, in the panels' order."""
    return [panel.parts[object_id] for panel in panels if object_id in panel.parts]
