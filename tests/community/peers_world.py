"""Builders the peers tests share: a network rated on a small matrix, and networks that may or may not help it."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from tests import factories as f
from tests.plans.support import rated_round
from wayfinder.assessments.models import Consensus, Round
from wayfinder.community.peers_models import PeerSharing
from wayfinder.frameworks.models import FrameworkVersion
from wayfinder.networks.models import Network, NetworkRole, Privacy


def helper_network(
    version: FrameworkVersion,
    *,
    name: str,
    agreed: dict[int, int],
    shared: list[str],
    contactable: bool = True,
    privacy: str = Privacy.OPEN,
    note: str = "",
) -> SimpleNamespace:
    """A network with its own lead, a closed round on `version` with `agreed` levels (dimension → level) and its
    sharing choices."""
    slug = name.lower().replace(" ", "-")
    network = f.NetworkFactory.create(name=name, slug=slug, privacy=privacy)
    lead = f.UserFactory.create(email=f"lead-of-{slug}@example.org", full_name=f"Lead of {name}")
    f.MembershipFactory.create(user=lead, network=network, role=NetworkRole.LEAD)
    round_ = f.build_round(network, version, opens_on=timezone.localdate() - timedelta(days=40))
    Round.objects.filter(pk=round_.pk).update(closed_early_at=timezone.now() - timedelta(days=1))
    for position, level in agreed.items():
        Consensus.objects.create(round=round_, dimension=f.dimension(version, position), level=f.level(version, level))
    PeerSharing.objects.create(
        network=network, contactable=contactable, dimension_keys=shared, note=note or f"{name} can help"
    )
    return SimpleNamespace(network=network, lead=lead, round=round_)


def peers_world(world: SimpleNamespace) -> SimpleNamespace:
    """The open PCN rated 2, 2, 3 and 5 on four dimensions (1 agreed at 2), so 1, 2 and 3 are its weakest; one
    network that can help on dimension 1, and four that must not show: one ahead only on a dimension it does not
    share, one not contactable, a confidential one and one ahead on another framework."""
    version = f.build_version(dimensions=4, levels=5)
    round_ = rated_round(world.open, version=version)
    Round.objects.filter(pk=round_.pk).update(closed_early_at=timezone.now())
    helper = helper_network(
        version, name="Hillview PCN", agreed={1: 4, 2: 1}, shared=["dimension-1", "dimension-2"], note="Rotas"
    )
    helper_network(version, name="Secretive PCN", agreed={1: 5, 2: 1}, shared=["dimension-2"])
    helper_network(version, name="Closed Book PCN", agreed={1: 5}, shared=["dimension-1"], contactable=False)
    helper_network(version, name="Hidden PCN", agreed={1: 5}, shared=["dimension-1"], privacy=Privacy.CONFIDENTIAL)
    helper_network(f.build_version(dimensions=4, levels=5), name="Elsewhere PCN", agreed={1: 5}, shared=["dimension-1"])
    return SimpleNamespace(version=version, round=round_, helper=helper)


def who(world: SimpleNamespace, name: str) -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if name == "anonymous" else getattr(world, name)


def network_of(world: SimpleNamespace, name: str) -> Network:
    return getattr(world, name)
