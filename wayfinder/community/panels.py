"""What the community adds to a network's page: a link to the network's discussions, for those who may read them."""

from __future__ import annotations

from django.urls import reverse
from markupsafe import Markup

from wayfinder.community.models import Space, SpaceKind
from wayfinder.community.permissions import can_view_space
from wayfinder.core.panels import Panel, Place
from wayfinder.networks.models import Network


def discussions_link(place: Place) -> Panel | None:
    """Members always see the link (no query); anyone else if they may read the space."""
    if not place.role:
        network = (
            place.network
            if isinstance(place.network, Network)
            else Network.objects.filter(pk=place.network_id).only("pk", "privacy", "system_id").first()
        )
        if network is None or not can_view_space(place.user, Space(kind=SpaceKind.NETWORK, network=network)):
            return None
    href = reverse("community:network", kwargs={"slug": place.network_slug})
    return Panel(key="community:discussions", heading="Discussions", body=Markup(""), links=(("Discussions", href),))
