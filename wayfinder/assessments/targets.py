"""Targets: the level a network aims to reach on each dimension of a framework, and by when."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wayfinder.assessments.models import Target
from wayfinder.core.changes import changed
from wayfinder.frameworks.models import Framework, FrameworkVersion, VersionStatus
from wayfinder.networks.models import Network


def latest_version(framework: Framework) -> FrameworkVersion | None:
    """The newest version people can rate on (drafts are not ready yet)."""
    return (
        FrameworkVersion.objects.filter(framework=framework)
        .exclude(status=VersionStatus.DRAFT)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def target_set(
    *,
    network: Network,
    framework: Framework,
    dimension_key: str,
    level_position: int,
    due_on: date,
    user: Any,
) -> Target:
    """Set (or change) the network's target for one dimension. Callers check the user may manage rounds."""
    target = _set(
        network=network,
        framework=framework,
        dimension_key=dimension_key,
        level_position=level_position,
        due_on=due_on,
        user=user,
    )
    changed(networks=[network.pk])
    return target


def _set(
    *, network: Network, framework: Framework, dimension_key: str, level_position: int, due_on: date, user: Any
) -> Target:
    """Write one target, checked, without announcing it (target_set and targets_save announce)."""
    version = latest_version(framework)
    if version is None:
        raise ValidationError(f"{framework.name} has no published version, so targets cannot be set yet.")
    dimension = version.dimensions.filter(key=dimension_key).first()
    if dimension is None:
        raise ValidationError({"dimension_key": f"{framework.name} has no dimension called “{dimension_key}”."})
    levels = list(version.levels.values_list("position", flat=True))
    if level_position not in levels:
        raise ValidationError(
            {"level_position": f"Choose a level between {min(levels, default=1)} and {max(levels, default=1)}."}
        )
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The target date must be today or in the future."})
    target, _ = Target.objects.update_or_create(
        network=network,
        framework=framework,
        dimension_key=dimension_key,
        defaults={"level_position": level_position, "due_on": due_on, "set_by": user},
    )
    return target


@transaction.atomic
def target_clear(*, network: Network, framework: Framework, dimension_key: str) -> bool:
    """Remove the network's target for one dimension. Returns whether there was one."""
    deleted = _clear(network=network, framework=framework, dimension_key=dimension_key)
    if deleted:
        changed(networks=[network.pk])
    return deleted


def _clear(*, network: Network, framework: Framework, dimension_key: str) -> bool:
    deleted, _ = Target.objects.filter(network=network, framework=framework, dimension_key=dimension_key).delete()
    return deleted > 0


@transaction.atomic
def targets_save(
    *, network: Network, framework: Framework, chosen: dict[str, tuple[int, date] | None], user: Any
) -> int:
    """Save the targets chosen on the targets page: each dimension key with a level and date is set, each with
    None loses the target it had. All or nothing, announced once. Returns how many dimensions have a target."""
    had = set(Target.objects.filter(network=network, framework=framework).values_list("dimension_key", flat=True))
    with_target = 0
    cleared = False
    for key, target in chosen.items():
        if target is not None:
            level_position, due_on = target
            _set(
                network=network,
                framework=framework,
                dimension_key=key,
                level_position=level_position,
                due_on=due_on,
                user=user,
            )
            with_target += 1
        elif key in had:
            cleared = _clear(network=network, framework=framework, dimension_key=key) or cleared
    if with_target or cleared:
        changed(networks=[network.pk])
    return with_target


def targets_of(network: Network, framework: Framework) -> dict[str, Target]:
    """The network's targets on the framework, by dimension key."""
    return {t.dimension_key: t for t in Target.objects.filter(network=network, framework=framework)}
