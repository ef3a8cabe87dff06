"""What tells the dashboards that something they show has changed. Handlers only note ids (no queries, so a
write costs what it did); once the transaction commits, one flush per transaction asks the background task to
refresh the round summaries and bumps the cache generation of the system, region and England views that show
the networks concerned, and no others.

Connected in DashboardsConfig.ready(), so assessments, plans, support and networks never know about dashboards."""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save

from wayfinder.assessments.models import Consensus, Rater, Rating, Round
from wayfinder.dashboards import caching
from wayfinder.networks.models import Network, Place, Region, System
from wayfinder.plans.models import Plan, Priority
from wayfinder.support.models import ReadinessTick, SupportRequest

# Where a network or system was when loaded, so a move also refreshes the views it leaves.
WAS_IN = "_dashboards_was_in"


class _Pending(threading.local):
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.rounds: set[int] = set()
        self.raters: set[int] = set()
        self.networks: set[int] = set()
        self.plans: set[int] = set()
        self.systems: set[int] = set()
        self.regions: set[int] = set()
        self.national = False
        self.scheduled = False


pending = _Pending()


def flush() -> None:
    from wayfinder.dashboards.tasks import refresh_round_summaries

    rounds, raters, networks = pending.rounds, pending.raters, pending.networks
    plans, systems, regions, national = pending.plans, pending.systems, pending.regions, pending.national
    pending.reset()
    if raters:
        rounds |= set(Rater.objects.filter(pk__in=raters).values_list("round_id", flat=True))
    if plans:
        networks |= set(Plan.objects.filter(pk__in=plans).values_list("network_id", flat=True))
    scopes = caching.scopes_for_networks(networks)
    if systems or regions or national:
        scopes.add(caching.NATIONAL)
        scopes |= {caching.region_scope(pk) for pk in regions}
        for system_id, region_id in System.objects.filter(pk__in=systems).values_list("pk", "region_id"):
            scopes |= {caching.system_scope(system_id), caching.region_scope(region_id)}
        scopes |= {
            caching.system_scope(pk) for pk in System.objects.filter(region_id__in=regions).values_list("pk", flat=True)
        }
    caching.bump(scopes)
    if rounds:
        refresh_round_summaries.enqueue(round_ids=sorted(rounds))


def _schedule() -> None:
    # One flush per transaction. The flag alone is not enough: a rolled-back transaction drops its callbacks,
    # so also check that the flush is still waiting on this connection.
    connection = transaction.get_connection()
    if pending.scheduled and any(func is flush for _, func, _ in connection.run_on_commit):
        return
    pending.scheduled = True
    # Robust: the write has committed by then, so a cache or queue hiccup is logged rather than shown as a failure.
    transaction.on_commit(flush, robust=True)


def _rating(instance: Rating, **kwargs: Any) -> None:
    pending.raters.add(instance.rater_id)
    _schedule()


def _rater_deleted(instance: Rater, **kwargs: Any) -> None:
    pending.rounds.add(instance.round_id)
    _schedule()


def _consensus(instance: Consensus, **kwargs: Any) -> None:
    pending.rounds.add(instance.round_id)
    _schedule()


def _round_saved(instance: Round, **kwargs: Any) -> None:
    pending.rounds.add(instance.pk)
    _schedule()


def _round_deleted(instance: Round, **kwargs: Any) -> None:
    # Its summary goes with it (cascade); the views showing its network must drop it.
    pending.networks.add(instance.network_id)
    _schedule()


def _of_a_network(instance: Plan | SupportRequest | ReadinessTick, **kwargs: Any) -> None:
    pending.networks.add(instance.network_id)
    _schedule()


def _priority(instance: Priority, **kwargs: Any) -> None:
    pending.plans.add(instance.plan_id)
    _schedule()


def _remember_system(instance: Network, **kwargs: Any) -> None:
    # __dict__, not the attribute: a deferred field must not cost a query here.
    setattr(instance, WAS_IN, instance.__dict__.get("system_id"))


def _network(instance: Network, **kwargs: Any) -> None:
    # Privacy, name, place or system: any of them changes what the views show. A deleted network cannot be
    # looked up at commit, so note its system instead.
    if instance.system_id is not None:
        pending.systems.add(instance.system_id)
    was_in = instance.__dict__.get(WAS_IN)
    if was_in is not None:
        pending.systems.add(was_in)
    if instance.system_id is None:
        pending.national = True  # no system: England's view still shows it
    setattr(instance, WAS_IN, instance.system_id)
    _schedule()


def _remember_region(instance: System, **kwargs: Any) -> None:
    setattr(instance, WAS_IN, instance.__dict__.get("region_id"))


def _system(instance: System, **kwargs: Any) -> None:
    pending.systems.add(instance.pk)
    was_in = instance.__dict__.get(WAS_IN)
    if was_in is not None:
        pending.regions.add(was_in)
    setattr(instance, WAS_IN, instance.region_id)
    _schedule()


def _region(instance: Region, **kwargs: Any) -> None:
    pending.regions.add(instance.pk)
    _schedule()


def _place(instance: Place, **kwargs: Any) -> None:
    pending.systems.add(instance.system_id)
    _schedule()


UID = "dashboards"


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_rating, sender=Rating, dispatch_uid=f"{UID}-rating")
        signal.connect(_consensus, sender=Consensus, dispatch_uid=f"{UID}-consensus")
        for model in (Plan, SupportRequest, ReadinessTick):
            signal.connect(_of_a_network, sender=model, dispatch_uid=f"{UID}-{model.__name__}")
        signal.connect(_priority, sender=Priority, dispatch_uid=f"{UID}-priority")
        signal.connect(_network, sender=Network, dispatch_uid=f"{UID}-network")
        signal.connect(_system, sender=System, dispatch_uid=f"{UID}-system")
        signal.connect(_region, sender=Region, dispatch_uid=f"{UID}-region")
        signal.connect(_place, sender=Place, dispatch_uid=f"{UID}-place")
    post_save.connect(_round_saved, sender=Round, dispatch_uid=f"{UID}-round-saved")
    post_delete.connect(_round_deleted, sender=Round, dispatch_uid=f"{UID}-round-deleted")
    post_delete.connect(_rater_deleted, sender=Rater, dispatch_uid=f"{UID}-rater-deleted")
    post_init.connect(_remember_system, sender=Network, dispatch_uid=f"{UID}-network-loaded")
    post_init.connect(_remember_region, sender=System, dispatch_uid=f"{UID}-system-loaded")
