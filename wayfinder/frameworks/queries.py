"""Reads of frameworks that pages, exports and other apps share, each in a fixed number of queries.

Other modules import these read-only: keep the signatures stable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet

from wayfinder.frameworks import permissions, repeats
from wayfinder.frameworks.labels import level_label
from wayfinder.frameworks.models import (
    Descriptor,
    Dimension,
    Framework,
    FrameworkKind,
    FrameworkVersion,
    Level,
    SupportDomain,
    VersionStatus,
)

# Perspective labels for people; the keys are what FrameworkVersion.perspectives holds.
PERSPECTIVE_LABELS = {"network": "For the network", "system": "For the system"}
KIND_ORDER = [FrameworkKind.MATRIX, FrameworkKind.SURVEY, FrameworkKind.CHECK]


def perspective_label(perspective: str) -> str:
    return PERSPECTIVE_LABELS.get(perspective, f"For the {perspective}" if perspective else "")


@dataclass(frozen=True)
class CellText:
    perspective: str  # "" when the version has a single description per cell
    label: str  # "For the network"; "" for the single description
    text: str  # "" when the cell has not been written yet


@dataclass(frozen=True)
class Cell:
    """One dimension at one level: its descriptor, or one per perspective in the version's order."""

    level: Level
    texts: tuple[CellText, ...]

    @property
    def is_empty(self) -> bool:
        return not any(item.text for item in self.texts)


@dataclass(frozen=True)
class GridRow:
    """A dimension with a cell for every level of the version, lowest level first."""

    dimension: Dimension
    cells: tuple[Cell, ...]

    def text(self, level_position: int, perspective: str = "") -> str:
        """The descriptor at a level (1 is the lowest) from a perspective; "" when there is none."""
        for cell in self.cells:
            if cell.level.position == level_position:
                return next((item.text for item in cell.texts if item.perspective == perspective), "")
        return ""


@dataclass(frozen=True)
class VersionGrid:
    """A version's levels (columns), perspectives and dimensions (rows) with every descriptor."""

    version: FrameworkVersion
    levels: tuple[Level, ...]
    perspectives: tuple[str, ...]  # ("",) when each cell has a single description
    rows: tuple[GridRow, ...]

    @property
    def has_perspectives(self) -> bool:
        return self.perspectives != ("",)

    def row(self, key: str) -> GridRow | None:
        return next((row for row in self.rows if row.dimension.key == key), None)

    def groups(self) -> list[tuple[str, list[GridRow]]]:
        """Rows grouped by Dimension.group in order of first appearance (surveys); one unnamed group otherwise."""
        grouped: dict[str, list[GridRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.dimension.group, []).append(row)
        return list(grouped.items())

    def __iter__(self) -> Iterator[GridRow]:
        return iter(self.rows)


def version_grid(version: FrameworkVersion) -> VersionGrid:
    """Every dimension of `version` with its descriptors by level and perspective, in 3 queries however big."""
    levels = tuple(Level.objects.filter(version=version).order_by("position"))
    dimensions = (
        Dimension.objects.filter(version=version)
        .order_by("position")
        .prefetch_related(
            Prefetch("descriptors", queryset=Descriptor.objects.only("dimension_id", "level_id", "perspective", "text"))
        )
    )
    perspectives = tuple(str(p) for p in version.perspectives) or ("",)
    rows = []
    for dimension in dimensions:
        texts = {(d.level_id, d.perspective): d.text for d in dimension.descriptors.all()}
        cells = tuple(
            Cell(
                level=level,
                texts=tuple(
                    CellText(perspective=p, label=perspective_label(p), text=texts.get((level.pk, p), ""))
                    for p in perspectives
                ),
            )
            for level in levels
        )
        rows.append(GridRow(dimension=dimension, cells=cells))
    return VersionGrid(version=version, levels=levels, perspectives=perspectives, rows=tuple(rows))


def latest_published(framework: Framework) -> FrameworkVersion | None:
    """The published version with the highest number, or None (a framework with only a draft or retired ones)."""
    return framework.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


def frameworks_visible_to(user: Any) -> QuerySet[Framework]:
    """Frameworks with a version the user may read: anything published or retired, and drafts they may edit.

    Matches permissions.can_view_version: signed-out people see nothing. Start every framework list here.
    """
    if user is None or not user.is_authenticated:
        return Framework.objects.none()
    readable = Exists(FrameworkVersion.objects.filter(framework=OuterRef("pk")).exclude(status=VersionStatus.DRAFT))
    editable = permissions.editable_condition(user)
    if editable is None:
        return Framework.objects.all()
    return Framework.objects.filter(Q(readable) | editable)


def listed(frameworks: QuerySet[Framework]) -> list[Framework]:
    """Frameworks as the list shows them, built-in first then by name, each with `latest_number` (its newest
    published version's number) and `has_draft`."""
    drafts = FrameworkVersion.objects.filter(framework=OuterRef("pk"), status=VersionStatus.DRAFT)
    return list(
        frameworks.select_related("owner_system", "based_on")
        .annotate(
            latest_number=Max("versions__number", filter=Q(versions__status=VersionStatus.PUBLISHED)),
            has_draft=Exists(drafts),
        )
        .order_by("-built_in", "name")
    )


def descriptor_texts(dimension: Dimension) -> dict[tuple[int, str], str]:
    """The dimension's descriptors, by (level id, perspective)."""
    return {(d.level_id, d.perspective): d.text for d in Descriptor.objects.filter(dimension=dimension)}


def support_domains() -> QuerySet[SupportDomain]:
    return SupportDomain.objects.order_by("position")


def descriptor_repeats(version: FrameworkVersion) -> list[repeats.Repeat]:
    """The version's descriptors that repeat another cell word for word (see repeats.py), in one query."""
    descriptors = (
        Descriptor.objects.filter(dimension__version=version)
        .select_related("dimension", "level")
        .order_by("dimension__position", "level__position", "perspective")
    )
    return repeats.find_repeats(
        (
            repeats.Cell(
                dimension_key=d.dimension.key,
                dimension=d.dimension.name,
                level=level_label(d.level.position, d.level.name),
                perspective=d.perspective,
            ),
            d.text,
        )
        for d in descriptors
    )
