"""Load the built-in frameworks and support domains (wayfinder.frameworks.builtin) into the database.

`load_builtin()` is idempotent: run it as often as you like and the second run changes nothing. The data
migration 0002_builtin_frameworks calls it with the historical models, so every installation has the
built-ins after `migrate`.

Published versions are frozen. Rounds are rated against a version's levels and dimensions, so the loader
never rewrites a version that exists: it creates version 1 of a built-in framework only when the framework
has no version 1, and otherwise leaves every version alone, even if the content in `builtin` has changed
since. A later change to built-in content must therefore arrive as a new version (2, 3 ...) with a new
migration, never as an edit of version 1. Framework-level details (name, kind, summary) are not frozen
and are brought up to date, and so are the support domains, which are reference text that no rating uses.

One exception: the introduction for raters from outside the network came after version 1 shipped. Where a
built-in version's is empty, the loader fills it in (migration 0003 runs it); it never changes one that
has text. No rating depends on it: it is guidance read before the first question.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import transaction
from django.utils import timezone

from wayfinder.frameworks.builtin import FRAMEWORKS, SUPPORT_DOMAINS
from wayfinder.frameworks.builtin.shapes import FrameworkData, SupportDomainData, VersionData
from wayfinder.frameworks.validation import KINDS_NEEDING_DESCRIPTORS, Outline, gaps

BUILTIN_VERSION_NUMBER = 1
PUBLISHED = "published"  # VersionStatus.PUBLISHED, spelled out because historical models have no choices classes


@dataclass
class LoadReport:
    """What one run of the loader did; all empty when nothing needed doing."""

    frameworks_created: list[str] = field(default_factory=list)
    frameworks_updated: list[str] = field(default_factory=list)
    versions_created: list[str] = field(default_factory=list)
    # Built-in versions given the introduction for outside raters they were made without.
    versions_introduced: list[str] = field(default_factory=list)
    domains_created: list[str] = field(default_factory=list)
    domains_updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.frameworks_created,
                self.frameworks_updated,
                self.versions_created,
                self.versions_introduced,
                self.domains_created,
                self.domains_updated,
            )
        )


def cell_texts(cell: str | dict[str, str]) -> dict[str, str]:
    """A cell as {perspective: text}; a single text has the empty perspective."""
    return {"": cell} if isinstance(cell, str) else dict(cell)


def _outline(data: FrameworkData) -> Outline:
    version: VersionData = data["version"]
    positions = {level["name"]: position for position, level in enumerate(version["levels"], start=1)}
    return Outline(
        kind=data["kind"],
        levels=[(position, name) for name, position in positions.items()],
        dimensions=[(dimension["key"], dimension["name"]) for dimension in version["dimensions"]],
        perspectives=list(version["perspectives"]),
        described={
            (dimension["key"], positions[level_name], perspective)
            for dimension in version["dimensions"]
            for level_name, cell in dimension.get("descriptors", {}).items()
            for perspective, text in cell_texts(cell).items()
            if level_name in positions and text.strip()
        },
    )


def check_framework(data: FrameworkData) -> None:
    """Refuse content the models or the pages could not use, naming the framework and the cell.

    Whether the framework is complete is decided by `validation.gaps`, as for any framework; what is checked
    here is only how built-in content is written: levels are named once (descriptors refer to them by name),
    and a survey describes either every level of a statement or none."""
    slug = data["slug"]
    version: VersionData = data["version"]
    if not version["external_introduction"].strip():
        raise ValueError(f"{slug}: needs an introduction for raters from outside the network")
    level_names = [level["name"] for level in version["levels"]]
    if len(set(level_names)) != len(level_names) or not all(name.strip() for name in level_names):
        raise ValueError(f"{slug}: level names must be present and different")
    for dimension in version["dimensions"]:
        descriptors = dimension.get("descriptors")
        if descriptors is None:
            if data["kind"] not in KINDS_NEEDING_DESCRIPTORS:
                continue
            raise ValueError(f"{slug}/{dimension['key']}: only a survey may leave out descriptors")
        if set(descriptors) != set(level_names):
            raise ValueError(f"{slug}/{dimension['key']}: needs a descriptor for each of {level_names}")
    expected_perspectives = sorted(set(version["perspectives"]) or {""})
    outline = _outline(data)
    # A survey's statements may have no descriptors, but one that has them describes every cell, as a matrix does.
    described = [(d["key"], d["name"]) for d in version["dimensions"] if "descriptors" in d]
    cells = gaps(replace(outline, kind="matrix", dimensions=described)) if described else []
    for gap in gaps(outline) + [gap for gap in cells if gap.level_position is not None]:
        if gap.level_position is None:
            raise ValueError(f"{slug}: {gap.message}")
        where = f"{slug}/{gap.dimension_key}/{level_names[gap.level_position - 1]}"
        raise ValueError(f"{where}: needs text for {expected_perspectives}. {gap.message}")


def _update_fields(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ and return their names, so an unchanged row is never saved."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _create_version(models: dict[str, Any], framework: Any, version: VersionData, *, outside: bool) -> None:
    """Version 1 with its levels, dimensions and descriptors, in a fixed number of queries."""
    Level, Dimension, Descriptor = models["Level"], models["Dimension"], models["Descriptor"]
    outside_text = {"external_introduction": version["external_introduction"]} if outside else {}
    new_version = models["FrameworkVersion"].objects.create(
        framework=framework,
        number=BUILTIN_VERSION_NUMBER,
        status=PUBLISHED,
        perspectives=list(version["perspectives"]),
        introduction=version["introduction"],
        change_notes="Built into Wayfinder.",
        published_at=timezone.now(),
        **outside_text,
    )
    Level.objects.bulk_create(
        Level(version=new_version, position=position, name=level["name"], summary=level.get("summary", ""))
        for position, level in enumerate(version["levels"], start=1)
    )
    Dimension.objects.bulk_create(
        Dimension(
            version=new_version,
            position=position,
            key=dimension["key"],
            name=dimension["name"],
            group=dimension.get("group", ""),
            summary=dimension.get("summary", ""),
        )
        for position, dimension in enumerate(version["dimensions"], start=1)
    )
    # Read the new rows back rather than trusting bulk_create to set primary keys on every database.
    level_ids = dict(Level.objects.filter(version=new_version).values_list("name", "pk"))
    dimension_ids = dict(Dimension.objects.filter(version=new_version).values_list("key", "pk"))
    Descriptor.objects.bulk_create(
        Descriptor(dimension_id=dimension_ids[dimension["key"]], level_id=level_ids[level_name], perspective=p, text=t)
        for dimension in version["dimensions"]
        for level_name, cell in dimension.get("descriptors", {}).items()
        for p, t in cell_texts(cell).items()
    )


def _load_framework(models: dict[str, Any], data: FrameworkData, report: LoadReport, *, outside: bool) -> None:
    Framework = models["Framework"]
    values = {"name": data["name"], "kind": data["kind"], "summary": data["summary"], "built_in": True}
    framework = Framework.objects.filter(slug=data["slug"]).first()
    if framework is not None and not framework.built_in:
        # Never take over someone's own framework; a person has to rename it first.
        raise ValueError(f"A framework that is not built in already uses the slug {data['slug']!r}")
    if framework is None:
        framework = Framework.objects.create(slug=data["slug"], owner_system=None, **values)
        report.frameworks_created.append(data["slug"])
    else:
        changed = _update_fields(framework, values)
        if changed:
            framework.save(update_fields=[*changed, "updated_at"])
            report.frameworks_updated.append(data["slug"])
    versions = models["FrameworkVersion"].objects.filter(framework=framework, number=BUILTIN_VERSION_NUMBER)
    if not versions.exists():
        _create_version(models, framework, data["version"], outside=outside)
        report.versions_created.append(data["slug"])
    elif outside and versions.filter(external_introduction="").update(
        external_introduction=data["version"]["external_introduction"]
    ):
        report.versions_introduced.append(data["slug"])


def _load_domain(SupportDomain: Any, position: int, data: SupportDomainData, report: LoadReport) -> None:
    values = {"position": position, "name": data["name"], "summary": data["summary"], "components": data["components"]}
    domain = SupportDomain.objects.filter(key=data["key"]).first()
    if domain is None:
        SupportDomain.objects.create(key=data["key"], **values)
        report.domains_created.append(data["key"])
        return
    changed = _update_fields(domain, values)
    if changed:
        domain.save(update_fields=changed)
        report.domains_updated.append(data["key"])


def load_builtin(apps: Apps | None = None, *, outside_introductions: bool = True) -> LoadReport:
    """Create or update the built-in frameworks and support domains; see the module docstring for what is frozen.

    `apps` is the historical app registry when called from a migration; by default the current models are used.
    `outside_introductions=False` is for migration 0002, whose models predate the introduction for outside raters.
    """
    registry = apps or global_apps
    names = ("Framework", "FrameworkVersion", "Level", "Dimension", "Descriptor", "SupportDomain")
    models = {name: registry.get_model("frameworks", name) for name in names}
    for data in FRAMEWORKS:
        check_framework(data)
    report = LoadReport()
    with transaction.atomic():
        for data in FRAMEWORKS:
            _load_framework(models, data, report, outside=outside_introductions)
        for position, domain in enumerate(SUPPORT_DOMAINS, start=1):
            _load_domain(models["SupportDomain"], position, domain, report)
    return report
