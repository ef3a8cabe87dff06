"""Every write a person can make to frameworks: tailoring (clone), drafting, editing a draft and publishing.

Each function is atomic and raises ValidationError with a message a person understands. Views check
permission (wayfinder.frameworks.permissions) before calling these; the services still refuse to change a
published version, because a round keeps the version it was opened with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from wayfinder.accounts.models import User
from wayfinder.frameworks.models import (
    Descriptor,
    Dimension,
    Framework,
    FrameworkVersion,
    Level,
    VersionStatus,
)
from wayfinder.frameworks.validation import (
    GROUP_MAX_LENGTH,
    KEY_MAX_LENGTH,
    KINDS_NEEDING_DESCRIPTORS,
    LEVEL_NAME_MAX_LENGTH,
    MAX_DIMENSIONS,
    MAX_LEVELS,
    NAME_MAX_LENGTH,
    Gap,
    Outline,
    gaps,
    key_is_valid,
)
from wayfinder.networks.models import System

# Paths under /frameworks/ that are pages, not frameworks: a framework with one of these slugs could not be
# reached.
RESERVED_SLUGS = frozenset({"import", "tailor", "new", "versions", "support-domains"})
# Positions are moved out of the way before they are renumbered, so no two rows share a position mid-update.
_RENUMBER_OFFSET = 10_000


# Helpers ----------------------------------------------------------------------------------------------------


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _required_name(value: str | None, *, what: str, max_length: int, field: str = "name") -> str:
    name = _clean(value)
    if not name:
        raise ValidationError({field: f"Enter {what}"})
    if len(name) > max_length:
        raise ValidationError({field: f"{what[0].upper()}{what[1:]} must be {max_length} characters or fewer"})
    return name


def unique_framework_slug(name: str) -> str:
    """A slug for a new framework made from its name, never one already taken or used by a page."""
    base = slugify(name)[:110].strip("-") or "framework"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Framework.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def version_label(version: FrameworkVersion) -> str:
    return f"version {version.number} of {version.framework.name}"


def _require_draft(version: FrameworkVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            f"You cannot change {version_label(version)} because it has been published. "
            "Start a new draft version to make changes."
        )


def _draft_of(obj: Dimension | Level) -> FrameworkVersion:
    version = obj.version
    _require_draft(version)
    return version


def _renumber(model: type[Dimension] | type[Level], version: FrameworkVersion, ordered_ids: Sequence[int]) -> None:
    """Give the rows of `version` positions 1, 2, 3 ... in the order of `ordered_ids`, in two queries."""
    rows = model.objects.filter(version=version)
    rows.update(position=F("position") + _RENUMBER_OFFSET)
    objects: list[Any] = [model(pk=pk, position=index) for index, pk in enumerate(ordered_ids, start=1)]
    model.objects.bulk_update(objects, ["position"])


def _ids_in_order(model: type[Dimension] | type[Level], version: FrameworkVersion) -> list[int]:
    return list(model.objects.filter(version=version).order_by("position").values_list("pk", flat=True))


def _insert_at(
    model: type[Dimension] | type[Level], version: FrameworkVersion, position: int | None, create: Any
) -> Any:
    """Create a row with `create(position)` at `position` (1 first; None: last) and renumber the rest."""
    ids = _ids_in_order(model, version)
    if position is None or position > len(ids):
        position = len(ids) + 1
    position = max(position, 1)
    # Made beyond every current position, then put in its place by renumbering.
    row = create(_RENUMBER_OFFSET * 2 + 1)
    ids.insert(position - 1, row.pk)
    _renumber(model, version, ids)
    row.position = position
    return row


def perspectives_of(version: FrameworkVersion) -> list[str]:
    """The perspectives each cell is described from; [""] when cells have a single description."""
    return [str(p) for p in version.perspectives] or [""]


# Cloning and drafting ---------------------------------------------------------------------------------------


def _copy_content(source: FrameworkVersion, target: FrameworkVersion) -> None:
    """Copy levels, dimensions (same keys) and descriptors from one version to another, in a fixed number of
    queries however large the framework."""
    levels = list(source.levels.order_by("position"))
    dimensions = list(source.dimensions.order_by("position"))
    new_levels = Level.objects.bulk_create(
        [Level(version=target, position=lv.position, name=lv.name, summary=lv.summary) for lv in levels]
    )
    new_dimensions = Dimension.objects.bulk_create(
        [
            Dimension(version=target, position=d.position, key=d.key, name=d.name, group=d.group, summary=d.summary)
            for d in dimensions
        ]
    )
    # bulk_create sets primary keys on SQLite and PostgreSQL; look them up again in case a database does not.
    if any(row.pk is None for row in [*new_levels, *new_dimensions]):
        new_levels = list(target.levels.order_by("position"))
        new_dimensions = list(target.dimensions.order_by("position"))
    level_map = {old.pk: new.pk for old, new in zip(levels, new_levels, strict=True)}
    dimension_map = {old.pk: new.pk for old, new in zip(dimensions, new_dimensions, strict=True)}
    Descriptor.objects.bulk_create(
        [
            Descriptor(
                dimension_id=dimension_map[d.dimension_id],
                level_id=level_map[d.level_id],
                perspective=d.perspective,
                text=d.text,
            )
            for d in Descriptor.objects.filter(dimension__version=source).only(
                "dimension_id", "level_id", "perspective", "text"
            )
        ]
    )


def framework_draft_create(
    *,
    name: str,
    kind: str,
    summary: str,
    system: System | None,
    perspectives: list[str],
    introduction: str,
    external_introduction: str,
    change_notes: str,
    based_on: Framework | None = None,
) -> FrameworkVersion:
    """A new tailored framework owned by `system` (None: national) and its first version, an empty draft."""
    framework = Framework.objects.create(
        slug=unique_framework_slug(name),
        name=name,
        kind=kind,
        summary=summary,
        built_in=False,
        owner_system=system,
        based_on=based_on,
    )
    return FrameworkVersion.objects.create(
        framework=framework,
        number=1,
        status=VersionStatus.DRAFT,
        perspectives=perspectives,
        introduction=introduction,
        external_introduction=external_introduction,
        change_notes=change_notes,
    )


@transaction.atomic
def framework_clone(*, version: FrameworkVersion, user: User, system: System | None, name: str) -> FrameworkVersion:
    """Copy a published version into a new framework owned by `system` (None: national).

    Returns the new framework's first version, a draft holding a full copy of the levels, dimensions and
    descriptors. `user` is the person tailoring it; the view has checked they may.
    """
    name = _required_name(name, what="a name for your framework", max_length=NAME_MAX_LENGTH)
    if version.status == VersionStatus.DRAFT:
        raise ValidationError("Only a published version can be tailored. This version is still a draft.")
    source = version.framework
    draft = framework_draft_create(
        name=name,
        kind=source.kind,
        summary=source.summary,
        system=system,
        based_on=source,
        perspectives=list(version.perspectives),
        introduction=version.introduction,
        external_introduction=version.external_introduction,
        change_notes=f"Tailored from version {version.number} of {source.name}.",
    )
    _copy_content(version, draft)
    return draft


def current_draft(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.filter(status=VersionStatus.DRAFT).first()


def latest_published(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


@transaction.atomic
def version_draft_create(*, framework: Framework, user: User) -> FrameworkVersion:
    """Start the next version of a framework as a draft copied from its latest published version."""
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    draft = current_draft(locked)
    if draft is not None:
        raise ValidationError(
            f"{locked.name} already has a draft (version {draft.number}). "
            "A framework can have only one draft at a time: publish or delete that draft first."
        )
    source = latest_published(locked)
    if source is None:
        raise ValidationError(f"{locked.name} has no published version to start a new draft from.")
    number = (locked.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    try:
        with transaction.atomic():
            draft = FrameworkVersion.objects.create(
                framework=locked,
                number=number,
                status=VersionStatus.DRAFT,
                perspectives=list(source.perspectives),
                introduction=source.introduction,
                external_introduction=source.external_introduction,
            )
    except IntegrityError as error:  # another draft started at the same moment
        raise ValidationError(
            f"{locked.name} already has a draft. A framework can have only one draft at a time."
        ) from error
    _copy_content(source, draft)
    return draft


@transaction.atomic
def version_draft_delete(*, version: FrameworkVersion, user: User) -> Framework | None:
    """Throw a draft away. A tailored framework that had only this draft goes with it (returns None);
    otherwise returns the framework, whose published versions are untouched."""
    _require_draft(version)
    framework = version.framework
    version.delete()
    if not framework.built_in and not framework.versions.exists():
        framework.delete()
        return None
    return framework


# Editing a draft --------------------------------------------------------------------------------------------


@transaction.atomic
def version_details_update(
    *, version: FrameworkVersion, name: str, summary: str = "", introduction: str = "", external_introduction: str = ""
) -> FrameworkVersion:
    """Change a draft's introductions (for members, and for raters from outside the network) and the framework's
    name and summary (names are not versioned)."""
    _require_draft(version)
    framework = version.framework
    framework.name = _required_name(name, what="the framework's name", max_length=NAME_MAX_LENGTH)
    framework.summary = _clean(summary)
    framework.save(update_fields=["name", "summary", "updated_at"])
    version.introduction = _clean(introduction)
    version.external_introduction = _clean(external_introduction)
    version.save(update_fields=["introduction", "external_introduction", "updated_at"])
    return version


def _checked_key(version: FrameworkVersion, key: str, *, exclude_pk: int | None = None) -> str:
    key = _clean(key).lower()
    if not key:
        raise ValidationError({"key": "Enter a key"})
    if not key_is_valid(key):
        raise ValidationError(
            {
                "key": f"A key can only have lower case letters, numbers, hyphens and underscores, and be "
                f"{KEY_MAX_LENGTH} characters or fewer, like leadership-and-planning"
            }
        )
    taken = version.dimensions.filter(key=key)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"key": f"Another dimension in this version already has the key {key}"})
    return key


def _key_from_name(version: FrameworkVersion, name: str) -> str:
    base = slugify(name)[: KEY_MAX_LENGTH - 4].strip("-") or "dimension"
    taken = set(version.dimensions.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def dimension_add(
    *,
    version: FrameworkVersion,
    name: str,
    key: str = "",
    summary: str = "",
    group: str = "",
    position: int | None = None,
) -> Dimension:
    """Add a dimension to a draft, last unless `position` says otherwise. A blank key is made from the name."""
    _require_draft(version)
    name = _required_name(name, what="the dimension's name", max_length=NAME_MAX_LENGTH)
    group = _clean(group)
    if len(group) > GROUP_MAX_LENGTH:
        raise ValidationError({"group": f"The group must be {GROUP_MAX_LENGTH} characters or fewer"})
    key = _checked_key(version, key) if _clean(key) else _key_from_name(version, name)
    if version.dimensions.count() >= MAX_DIMENSIONS:
        raise ValidationError(f"A framework can have up to {MAX_DIMENSIONS} dimensions.")
    return _insert_at(
        Dimension,
        version,
        position,
        lambda at: Dimension.objects.create(
            version=version, position=at, key=key, name=name, summary=_clean(summary), group=group
        ),
    )


@transaction.atomic
def dimension_update(
    *, dimension: Dimension, name: str, summary: str = "", group: str = "", key: str | None = None
) -> Dimension:
    """Change a dimension of a draft. `key` None keeps the key it has."""
    version = _draft_of(dimension)
    dimension.name = _required_name(name, what="the dimension's name", max_length=NAME_MAX_LENGTH)
    dimension.summary = _clean(summary)
    dimension.group = _clean(group)
    if len(dimension.group) > GROUP_MAX_LENGTH:
        raise ValidationError({"group": f"The group must be {GROUP_MAX_LENGTH} characters or fewer"})
    if key is not None:
        dimension.key = _checked_key(version, key, exclude_pk=dimension.pk)
    dimension.save(update_fields=["name", "summary", "group", "key"])
    return dimension


@transaction.atomic
def dimension_remove(*, dimension: Dimension) -> None:
    """Remove a dimension (and its descriptors) from a draft; the others close up."""
    version = _draft_of(dimension)
    dimension.delete()
    _renumber(Dimension, version, _ids_in_order(Dimension, version))


@transaction.atomic
def dimension_move(*, dimension: Dimension, position: int) -> Dimension:
    """Move a dimension of a draft to `position` (1 is first); the others shift to make room."""
    version = _draft_of(dimension)
    ids = _ids_in_order(Dimension, version)
    if not 1 <= position <= len(ids):
        raise ValidationError(f"Choose a position from 1 to {len(ids)}")
    ids.remove(dimension.pk)
    ids.insert(position - 1, dimension.pk)
    _renumber(Dimension, version, ids)
    dimension.position = position
    return dimension


@transaction.atomic
def level_update(*, level: Level, name: str, summary: str = "") -> Level:
    _draft_of(level)
    level.name = _required_name(name, what="the level's name", max_length=LEVEL_NAME_MAX_LENGTH)
    level.summary = _clean(summary)
    level.save(update_fields=["name", "summary"])
    return level


@transaction.atomic
def level_add(*, version: FrameworkVersion, name: str, summary: str = "", position: int | None = None) -> Level:
    """Add a level to a draft, highest unless `position` says otherwise (1 is the lowest)."""
    _require_draft(version)
    name = _required_name(name, what="the level's name", max_length=LEVEL_NAME_MAX_LENGTH)
    if version.levels.count() >= MAX_LEVELS:
        raise ValidationError(f"A framework can have up to {MAX_LEVELS} levels.")
    return _insert_at(
        Level,
        version,
        position,
        lambda at: Level.objects.create(version=version, position=at, name=name, summary=_clean(summary)),
    )


@transaction.atomic
def level_remove(*, level: Level) -> None:
    """Remove a level (and its descriptors) from a draft; the levels above move down one."""
    version = _draft_of(level)
    level.delete()
    _renumber(Level, version, _ids_in_order(Level, version))


def _check_perspective(version: FrameworkVersion, perspective: str) -> str:
    perspective = _clean(perspective)
    if perspective not in perspectives_of(version):
        allowed = ", ".join(p for p in perspectives_of(version) if p) or "none"
        raise ValidationError(f'This framework has no "{perspective}" perspective. Its perspectives are: {allowed}.')
    return perspective


@transaction.atomic
def descriptor_set(*, dimension: Dimension, level: Level, perspective: str = "", text: str) -> Descriptor | None:
    """Describe one cell of a draft. Blank text clears the cell (returns None)."""
    version = _draft_of(dimension)
    if level.version_id != version.pk:
        raise ValidationError("That level belongs to a different version of the framework.")
    perspective = _check_perspective(version, perspective)
    text = _clean(text)
    cell = Descriptor.objects.filter(dimension=dimension, level=level, perspective=perspective)
    if not text:
        cell.delete()
        return None
    descriptor, _ = Descriptor.objects.update_or_create(
        dimension=dimension, level=level, perspective=perspective, defaults={"text": text}
    )
    return descriptor


@transaction.atomic
def dimension_edit(
    *,
    dimension: Dimension,
    name: str,
    summary: str = "",
    group: str = "",
    key: str | None = None,
    descriptors: Mapping[tuple[int, str], str],
) -> Dimension:
    """Save a dimension's details and its descriptors together, as the dimension page does.

    `descriptors` maps (level id, perspective) to text; blank text clears a cell, a cell not in the
    mapping is left as it is. The cells are written in a fixed number of queries.
    """
    version = _draft_of(dimension)
    dimension_update(dimension=dimension, name=name, summary=summary, group=group, key=key)
    level_ids = set(version.levels.values_list("pk", flat=True))
    for level_id, perspective in descriptors:
        if level_id not in level_ids:
            raise ValidationError("One of the levels belongs to a different version of the framework.")
        _check_perspective(version, perspective)
    existing = {(d.level_id, d.perspective): d for d in dimension.descriptors.all()}
    to_create: list[Descriptor] = []
    to_update: list[Descriptor] = []
    to_delete: list[int] = []
    for (level_id, perspective), raw in descriptors.items():
        text = _clean(raw)
        found = existing.get((level_id, _clean(perspective)))
        if found is None and text:
            to_create.append(
                Descriptor(dimension=dimension, level_id=level_id, perspective=_clean(perspective), text=text)
            )
        elif found is not None and not text:
            to_delete.append(found.pk)
        elif found is not None and found.text != text:
            found.text = text
            to_update.append(found)
    Descriptor.objects.filter(pk__in=to_delete).delete()
    Descriptor.objects.bulk_update(to_update, ["text"])
    Descriptor.objects.bulk_create(to_create)
    return dimension


# Publishing ---------------------------------------------------------------------------------------------------


def publish_gaps(version: FrameworkVersion) -> list[Gap]:
    """Everything that stops `version` being published, in reading order; empty when it is complete."""
    levels = list(version.levels.order_by("position").values_list("pk", "position", "name"))
    dimensions = list(version.dimensions.order_by("position").values_list("pk", "key", "name"))
    described: set[tuple[str, int, str]] = set()
    if version.framework.kind in KINDS_NEEDING_DESCRIPTORS:
        key_of = {pk: key for pk, key, _ in dimensions}
        position_of = {pk: position for pk, position, _ in levels}
        cells = (
            Descriptor.objects.filter(dimension__version=version)
            .exclude(text="")
            .values_list("dimension_id", "level_id", "perspective")
        )
        described = {(key_of[dimension], position_of[level], perspective) for dimension, level, perspective in cells}
    outline = Outline(
        kind=version.framework.kind,
        levels=[(position, name) for _, position, name in levels],
        dimensions=[(key, name) for _, key, name in dimensions],
        perspectives=[str(p) for p in version.perspectives],
        described=described,
    )
    return gaps(outline)


@transaction.atomic
def version_publish(*, version: FrameworkVersion, user: User, change_notes: str = "") -> FrameworkVersion:
    """Publish a complete draft. Earlier published versions stay as they are, so rounds opened with them keep
    them; new rounds can choose this one."""
    locked = FrameworkVersion.objects.select_for_update().select_related("framework").get(pk=version.pk)
    _require_draft(locked)
    gaps = publish_gaps(locked)
    if gaps:
        raise ValidationError([gap.message for gap in gaps])
    locked.status = VersionStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = user
    locked.change_notes = _clean(change_notes) or locked.change_notes
    locked.save(update_fields=["status", "published_at", "published_by", "change_notes", "updated_at"])
    for attribute in ("status", "published_at", "published_by", "change_notes"):
        setattr(version, attribute, getattr(locked, attribute))
    return locked


# For the editor pages ------------------------------------------------------------------------------------------


def move_target(dimension: Dimension, direction: Literal["up", "down"]) -> int:
    """The position one place up (earlier) or down (later) from where the dimension is."""
    return dimension.position - 1 if direction == "up" else dimension.position + 1
