"""The built-in frameworks and support domains: what the migration loads, and that loading again changes nothing."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wayfinder.frameworks import builtin, loading
from wayfinder.frameworks.builtin import FRAMEWORKS, SUPPORT_DOMAINS
from wayfinder.frameworks.models import (
    Descriptor,
    Dimension,
    Framework,
    FrameworkVersion,
    Level,
    SupportDomain,
    VersionStatus,
)
from wayfinder.networks.models import System

pytestmark = pytest.mark.django_db

BUILT_IN_SLUGS = {
    "network-maturity-matrix",
    "pcn-maturity-matrix",
    "network-health-survey",
    "organising-practices",
    "mdt-foundations",
    "pre-flight-check",
}


def _version(slug: str) -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__slug=slug, number=1)


def _descriptors(version: FrameworkVersion) -> list[Descriptor]:
    return list(Descriptor.objects.filter(dimension__version=version).select_related("level", "dimension"))


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every built-in row, including timestamps, so an unneeded save shows up."""
    return {
        "frameworks": list(Framework.objects.order_by("pk").values_list()),
        "versions": list(FrameworkVersion.objects.order_by("pk").values_list()),
        "levels": list(Level.objects.order_by("pk").values_list()),
        "dimensions": list(Dimension.objects.order_by("pk").values_list()),
        "descriptors": list(Descriptor.objects.order_by("pk").values_list()),
        "domains": list(SupportDomain.objects.order_by("pk").values_list()),
    }


def test_the_migration_loads_six_built_in_frameworks_each_with_one_published_version() -> None:
    frameworks = Framework.objects.filter(built_in=True)
    assert set(frameworks.values_list("slug", flat=True)) == BUILT_IN_SLUGS
    for framework in frameworks:
        assert framework.owner_system_id is None
        assert framework.summary
        version = framework.versions.get()
        assert (version.number, version.status) == (1, VersionStatus.PUBLISHED)
        assert version.published_at is not None
        assert version.introduction


def test_the_network_maturity_matrix_has_8_dimensions_5_levels_and_40_descriptors() -> None:
    version = _version("network-maturity-matrix")
    assert list(version.levels.values_list("name", flat=True)) == ["One", "Two", "Three", "Four", "Five"]
    assert list(version.dimensions.values_list("key", "name")) == [
        ("purpose-and-direction", "Purpose and direction"),
        ("governance-and-structure", "Governance and structure"),
        ("leadership-and-facilitation", "Leadership and facilitation"),
        ("knowledge-capture-and-reuse", "Knowledge capture and reuse"),
        ("integrity-and-vitality", "Integrity and vitality"),
        ("learning-and-improvement", "Learning and improvement"),
        ("impact-and-value", "Impact and value"),
        ("sustainability-and-resilience", "Sustainability and resilience"),
    ]
    descriptors = _descriptors(version)
    assert len(descriptors) == 40
    assert {(d.dimension_id, d.level_id) for d in descriptors} == {
        (dimension.pk, level.pk) for dimension in version.dimensions.all() for level in version.levels.all()
    }
    assert all(d.perspective == "" and len(d.text) > 40 for d in descriptors)


def test_the_pcn_matrix_describes_every_cell_for_the_network_and_for_the_system() -> None:
    version = _version("pcn-maturity-matrix")
    assert version.perspectives == ["network", "system"]
    assert list(version.levels.values_list("name", flat=True)) == ["Foundation", "Step 1", "Step 2", "Step 3"]
    assert list(version.dimensions.values_list("name", flat=True)) == [
        "Leadership, planning and partnerships",
        "Use of data and population health management",
        "Integrating care",
        "Managing resources",
        "Working with people and communities",
    ]
    descriptors = _descriptors(version)
    assert len(descriptors) == 5 * 4 * 2
    cells = {(d.dimension_id, d.level_id, d.perspective) for d in descriptors}
    assert len(cells) == 40
    # The two perspectives say different things, never the same sentence twice.
    by_cell: dict[tuple[int, int], set[str]] = {}
    for d in descriptors:
        by_cell.setdefault((d.dimension_id, d.level_id), set()).add(d.text)
    assert all(len(texts) == 2 for texts in by_cell.values())


def test_the_survey_has_about_20_statements_in_4_groups_on_an_agreement_scale() -> None:
    framework = Framework.objects.get(slug="network-health-survey")
    version = framework.versions.get()
    assert framework.kind == "survey"
    assert list(version.levels.values_list("name", flat=True)) == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]
    statements = list(version.dimensions.all())
    assert 18 <= len(statements) <= 22
    assert list(dict.fromkeys(s.group for s in statements)) == ["Purpose", "Performance", "Operations", "Capacity"]
    assert "5 minutes" in version.introduction


@pytest.mark.parametrize(
    ("slug", "levels", "dimensions"),
    [
        ("organising-practices", ["Not yet", "Starting", "Developing", "Embedded"], 4),
        ("mdt-foundations", ["Not yet", "Starting", "Developing", "Embedded"], 4),
        ("pre-flight-check", ["No", "Partly", "Yes"], 7),
    ],
)
def test_each_short_check_has_a_descriptor_in_every_cell(slug: str, levels: list[str], dimensions: int) -> None:
    version = _version(slug)
    assert version.framework.kind == "check"
    assert list(version.levels.values_list("name", flat=True)) == levels
    assert version.dimensions.count() == dimensions
    assert len(_descriptors(version)) == dimensions * len(levels)


def test_the_organising_practices_and_mdt_foundations_are_the_four_named_in_the_sources() -> None:
    assert list(_version("organising-practices").dimensions.values_list("name", flat=True)) == [
        "Power and leadership",
        "Purpose and direction",
        "Communication",
        "Knowledge and learning",
    ]
    assert list(_version("mdt-foundations").dimensions.values_list("name", flat=True)) == [
        "Hearts and behaviours",
        "Shared approach",
        "Common purpose",
        "Leveraging each other's organisations",
    ]


def test_the_six_support_domains_are_loaded_in_order_with_their_key_components() -> None:
    domains = list(SupportDomain.objects.all())
    assert [d.name for d in domains] == [
        "PCN set-up",
        "Organisational development and change",
        "Leadership development",
        "Supporting collaborative working",
        "Population health management",
        "Social prescribing and asset-based community development",
    ]
    assert [d.position for d in domains] == [1, 2, 3, 4, 5, 6]
    for domain in domains:
        assert domain.summary
        assert len(domain.components) >= 4
        assert all(isinstance(component, str) and component for component in domain.components)


def test_every_dimension_key_is_a_stable_slug() -> None:
    keys = Dimension.objects.filter(version__framework__built_in=True).values_list("key", flat=True)
    assert all(key and key == key.lower() and " " not in key for key in keys)


def test_loading_twice_changes_nothing() -> None:
    before = _snapshot()
    report = loading.load_builtin()
    assert not report.changed
    assert _snapshot() == before


def test_loading_with_the_historical_models_of_the_migrations_changes_nothing() -> None:
    executor = MigrationExecutor(connection)
    before = _snapshot()
    first = executor.loader.project_state(("frameworks", "0002_builtin_frameworks")).apps
    assert not loading.load_builtin(first, outside_introductions=False).changed
    latest = executor.loader.project_state(("frameworks", "0003_external_introduction")).apps
    assert not loading.load_builtin(latest).changed
    assert _snapshot() == before


def test_every_built_in_has_an_introduction_for_raters_from_outside() -> None:
    for slug in BUILT_IN_SLUGS:
        version = _version(slug)
        assert version.external_introduction.strip(), slug
        assert version.external_introduction != version.introduction
        assert "your network" not in version.external_introduction  # written to outsiders, not members
    assert "marking your own homework" in _version("network-maturity-matrix").introduction


def test_the_loader_gives_built_ins_made_without_one_their_outside_introduction_and_keeps_a_changed_one() -> None:
    """Installations that loaded version 1 before the field existed get it from migration 0003's run of the loader;
    a text someone has since changed is left alone."""
    FrameworkVersion.objects.filter(framework__slug__in=["pcn-maturity-matrix", "pre-flight-check"]).update(
        external_introduction=""
    )
    FrameworkVersion.objects.filter(framework__slug="mdt-foundations").update(external_introduction="Our own words.")

    report = loading.load_builtin()

    assert sorted(report.versions_introduced) == ["pcn-maturity-matrix", "pre-flight-check"]
    assert _version("pcn-maturity-matrix").external_introduction.startswith("You have been asked for a view")
    assert _version("mdt-foundations").external_introduction == "Our own words."
    assert not loading.load_builtin().changed


def test_a_built_in_without_an_outside_introduction_is_refused() -> None:
    data = copy.deepcopy(next(d for d in FRAMEWORKS if d["slug"] == "network-maturity-matrix"))
    data["version"]["external_introduction"] = " "
    with pytest.raises(ValueError, match="introduction for raters from outside"):
        loading.check_framework(data)


def test_the_loader_never_rewrites_a_published_version() -> None:
    version = _version("network-maturity-matrix")
    descriptor = Descriptor.objects.filter(dimension__version=version).first()
    assert descriptor is not None
    descriptor.text = "Changed locally after rounds were rated against it."
    descriptor.save(update_fields=["text"])
    Dimension.objects.filter(version=version, key="impact-and-value").update(name="Impact")

    report = loading.load_builtin()

    assert report.versions_created == []
    descriptor.refresh_from_db()
    assert descriptor.text == "Changed locally after rounds were rated against it."
    assert version.dimensions.get(key="impact-and-value").name == "Impact"


def test_the_loader_restores_what_is_missing_and_brings_framework_details_up_to_date() -> None:
    Framework.objects.filter(slug="pre-flight-check").delete()
    Framework.objects.filter(slug="mdt-foundations").update(name="Old name")
    SupportDomain.objects.filter(key="leadership-development").update(summary="Old summary")

    report = loading.load_builtin()

    assert report.frameworks_created == ["pre-flight-check"]
    assert report.versions_created == ["pre-flight-check"]
    assert report.frameworks_updated == ["mdt-foundations"]
    assert report.domains_updated == ["leadership-development"]
    assert Framework.objects.get(slug="mdt-foundations").name == "Four foundations of multi-disciplinary teams"
    assert len(_descriptors(_version("pre-flight-check"))) == 21


def test_the_loader_refuses_to_take_over_someone_elses_framework(world: Any) -> None:
    Framework.objects.filter(slug="pre-flight-check").delete()
    system: System = world.system_a
    Framework.objects.create(slug="pre-flight-check", name="Our own check", owner_system=system)

    with pytest.raises(ValueError, match="not built in already uses the slug"):
        loading.load_builtin()

    assert Framework.objects.get(slug="pre-flight-check").name == "Our own check"


def test_every_built_in_definition_passes_the_loaders_checks() -> None:
    for data in FRAMEWORKS:
        loading.check_framework(data)
    assert len({domain["key"] for domain in SUPPORT_DOMAINS}) == 6


def test_a_missing_cell_or_perspective_is_refused_before_anything_is_written() -> None:
    data = copy.deepcopy(next(d for d in FRAMEWORKS if d["slug"] == "pcn-maturity-matrix"))
    descriptors = data["version"]["dimensions"][0]["descriptors"]
    descriptors["Step 2"] = {"network": "Only one side of the cell."}
    with pytest.raises(ValueError, match="leadership-planning-and-partnerships/Step 2"):
        loading.check_framework(data)
    del descriptors["Step 2"]
    with pytest.raises(ValueError, match="needs a descriptor for each"):
        loading.check_framework(data)


def test_every_file_in_the_builtin_folder_is_read_and_named_after_its_framework() -> None:
    assert {path.stem for path in builtin.FOLDER.glob("*.yaml")} == {
        *builtin.FRAMEWORK_FILES,
        builtin.SUPPORT_DOMAINS_FILE,
    }
    assert [framework["slug"] for framework in FRAMEWORKS] == list(builtin.FRAMEWORK_FILES)
