"""Reading frameworks: the list, a framework's page, its versions and the support domains, and who sees drafts."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.frameworks import loading, permissions, queries
from wayfinder.frameworks.models import (
    Descriptor,
    Dimension,
    Framework,
    FrameworkKind,
    FrameworkVersion,
    Level,
    VersionStatus,
)
from wayfinder.networks.models import AppointmentRole, System

pytestmark = pytest.mark.django_db

MAX_DETAIL_QUERIES = 10
BUILT_IN_PAGES = [
    "network-maturity-matrix",
    "pcn-maturity-matrix",
    "network-health-survey",
    "organising-practices",
    "mdt-foundations",
    "pre-flight-check",
]


@pytest.fixture(autouse=True)
def built_ins(db: Any) -> None:
    """The migration loads them; loading again is a no-op, and keeps these tests independent of test order."""
    loading.load_builtin()


@pytest.fixture
def people(world: SimpleNamespace) -> SimpleNamespace:
    other = f.UserFactory.create(email="other-system@example.org", full_name="Oscar Other")
    f.AppointmentFactory.create(user=other, role=AppointmentRole.SYSTEM_LEAD, system=world.system_b)
    world.other_system_lead = other
    return world


def build_version(
    framework: Framework,
    *,
    number: int = 1,
    status: str = VersionStatus.PUBLISHED,
    dimensions: int = 3,
    levels: int = 4,
    perspectives: Sequence[str] = (),
) -> FrameworkVersion:
    """A version with every cell described, built with the ORM in a fixed number of queries."""
    version = f.FrameworkVersionFactory.create(
        framework=framework,
        number=number,
        status=status,
        perspectives=list(perspectives),
        introduction="Rate each row.",
        published_at=timezone.now() if status != VersionStatus.DRAFT else None,
    )
    Level.objects.bulk_create(Level(version=version, position=p, name=f"Level {p}") for p in range(1, levels + 1))
    Dimension.objects.bulk_create(
        Dimension(version=version, position=p, key=f"row-{p}", name=f"Row {p} of version {number}")
        for p in range(1, dimensions + 1)
    )
    Descriptor.objects.bulk_create(
        Descriptor(dimension=dimension, level=level, perspective=perspective, text=f"{dimension.name} at {level.name}")
        for dimension in version.dimensions.all()
        for level in version.levels.all()
        for perspective in (perspectives or [""])
    )
    return version


def tailored(system: System | None, *, slug: str = "riverside-matrix", name: str = "Riverside Matrix") -> Framework:
    return f.FrameworkFactory.create(
        slug=slug,
        name=name,
        kind=FrameworkKind.MATRIX,
        summary="Our own matrix.",
        owner_system=system,
        based_on=Framework.objects.get(slug="pcn-maturity-matrix"),
    )


# Pages for a signed-in member ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/frameworks/",
        "/frameworks/support-domains/",
        *(f"/frameworks/{slug}/" for slug in BUILT_IN_PAGES),
        *(f"/frameworks/{slug}/versions/1/" for slug in BUILT_IN_PAGES),
    ],
)
def test_every_page_opens_for_a_signed_in_member(client: Client, world: SimpleNamespace, path: str) -> None:
    sign_in(client, world.member)
    response = client.get(path)
    assert response.status_code == 200
    # The header marks "Frameworks" as the current section.
    assert 'href="/frameworks/" aria-current="page"' in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/frameworks/", "/frameworks/support-domains/", "/frameworks/network-maturity-matrix/versions/1/"]
)
def test_signed_out_people_are_sent_to_sign_in(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_the_urls_have_the_names_other_pages_link_to() -> None:
    assert reverse("frameworks:list") == "/frameworks/"
    assert reverse("frameworks:support-domains") == "/frameworks/support-domains/"
    assert reverse("frameworks:detail", kwargs={"slug": "pcn-maturity-matrix"}) == "/frameworks/pcn-maturity-matrix/"
    assert reverse("frameworks:version", kwargs={"slug": "x", "number": 2}) == "/frameworks/x/versions/2/"


def test_the_header_has_a_frameworks_item_for_signed_in_people(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("frameworks:list")}"' in page


def test_the_list_groups_frameworks_by_kind_and_links_to_the_support_domains(
    client: Client, world: SimpleNamespace
) -> None:
    sign_in(client, world.member)
    page = client.get("/frameworks/").content.decode()
    matrices, surveys, checks = (page.index(h) for h in ("Maturity matrices", "Surveys", "Short checks"))
    assert matrices < page.index("PCN Maturity Matrix") < surveys < page.index("Network health survey") < checks
    assert checks < page.index("Pre-flight check for a new network")
    assert reverse("frameworks:support-domains") in page


def test_the_matrix_page_shows_every_dimension_at_every_level(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    page = client.get("/frameworks/network-maturity-matrix/").content.decode()
    grid = queries.version_grid(FrameworkVersion.objects.get(framework__slug="network-maturity-matrix"))
    for row in grid.rows:
        assert row.dimension.name in page
        for cell in row.cells:
            assert cell.texts[0].text.replace("'", "&#39;") in page
    assert "nhsuk-table--responsive" in page
    assert "Version" in page and "Published" in page


def test_the_pcn_matrix_page_labels_both_perspectives(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    page = client.get("/frameworks/pcn-maturity-matrix/").content.decode()
    assert page.count("For the network") == 20
    assert page.count("For the system") == 20


def test_level_headings_name_each_level_once(client: Client, world: SimpleNamespace) -> None:
    """The Network Maturity Matrix names its levels One to Five: they are Level 1 to Level 5, never "One"."""
    sign_in(client, world.member)
    page = client.get("/frameworks/network-maturity-matrix/").content.decode()
    assert "Level 1<" in page and "Level 5<" in page
    assert ">One<" not in page and "Level 1: One" not in page
    pcn = client.get("/frameworks/pcn-maturity-matrix/").content.decode()
    assert "Level 1: Foundation" in pcn and "Level 2: Step 1" in pcn


def test_the_survey_page_lists_its_statements_by_group(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    page = client.get("/frameworks/network-health-survey/").content.decode()
    positions = [page.index(f"<h3>{group}</h3>") for group in ("Purpose", "Performance", "Operations", "Capacity")]
    assert positions == sorted(positions)
    assert "I understand what this network is for." in page


def test_the_support_domains_page_shows_six_domains_with_their_components(
    client: Client, world: SimpleNamespace
) -> None:
    sign_in(client, world.member)
    page = client.get("/frameworks/support-domains/").content.decode()
    assert page.count("Key components") == 6
    assert "Social prescribing and asset-based community development" in page


def test_unknown_frameworks_and_versions_are_404(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    assert client.get("/frameworks/no-such-framework/").status_code == 404
    assert client.get("/frameworks/network-maturity-matrix/versions/2/").status_code == 404


# Versions ------------------------------------------------------------------------------------------------------


def test_the_framework_page_shows_the_latest_published_version_and_links_to_earlier_ones(
    client: Client, people: SimpleNamespace
) -> None:
    framework = tailored(people.system_a)
    build_version(framework, number=1)
    build_version(framework, number=2)
    sign_in(client, people.member)

    page = client.get(framework.get_absolute_url()).content.decode()
    assert "Row 1 of version 2" in page
    assert reverse("frameworks:version", kwargs={"slug": framework.slug, "number": 1}) in page
    assert "Tailored by Riverside ICS" in page

    earlier = client.get(reverse("frameworks:version", kwargs={"slug": framework.slug, "number": 1})).content.decode()
    assert "Row 1 of version 1" in earlier
    assert "This is an earlier version" in earlier


def test_a_retired_version_can_still_be_read(client: Client, people: SimpleNamespace) -> None:
    framework = tailored(people.system_a)
    build_version(framework, number=1, status=VersionStatus.RETIRED)
    build_version(framework, number=2)
    sign_in(client, people.member)
    page = client.get(reverse("frameworks:version", kwargs={"slug": framework.slug, "number": 1})).content.decode()
    assert "has been retired" in page


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [
        ("member", False),
        ("lead", False),
        ("outsider", False),
        ("regional_lead", False),
        ("other_system_lead", False),
        ("system_lead", True),
        ("national", True),
        ("admin", True),
    ],
)
def test_a_draft_of_a_tailored_framework_is_seen_only_by_those_who_may_edit_it(
    client: Client, people: SimpleNamespace, who: str, sees_draft: bool
) -> None:
    framework = tailored(people.system_a)
    build_version(framework, number=1)
    build_version(framework, number=2, status=VersionStatus.DRAFT)
    draft_only = tailored(people.system_a, slug="riverside-draft", name="Riverside Draft")
    build_version(draft_only, number=1, status=VersionStatus.DRAFT)
    sign_in(client, getattr(people, who))

    draft_page = client.get(reverse("frameworks:version", kwargs={"slug": framework.slug, "number": 2}))
    assert draft_page.status_code == (200 if sees_draft else 404)
    if sees_draft:
        assert "Version 2 is a draft" in draft_page.content.decode()
    assert client.get(draft_only.get_absolute_url()).status_code == (200 if sees_draft else 404)
    # The published version stays readable to everyone signed in.
    assert client.get(framework.get_absolute_url()).status_code == 200

    listing = client.get("/frameworks/").content.decode()
    assert "Riverside Matrix" in listing
    assert ("Riverside Draft" in listing) is sees_draft


def test_the_selector_agrees_with_the_policy_for_every_person(people: SimpleNamespace) -> None:
    published = tailored(people.system_a)
    build_version(published, number=1)
    draft_only = tailored(people.system_b, slug="hillside-draft", name="Hillside Draft")
    build_version(draft_only, number=1, status=VersionStatus.DRAFT)
    national_draft = tailored(None, slug="national-draft", name="National Draft")
    build_version(national_draft, number=1, status=VersionStatus.DRAFT)
    frameworks = list(Framework.objects.prefetch_related("versions"))
    for who in ("member", "outsider", "system_lead", "other_system_lead", "regional_lead", "national", "admin"):
        user = getattr(people, who)
        visible = set(queries.frameworks_visible_to(user).values_list("pk", flat=True))
        expected = {fw.pk for fw in frameworks if any(permissions.can_view_version(user, v) for v in fw.versions.all())}
        assert visible == expected, who


def test_nobody_signed_out_sees_a_framework() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not queries.frameworks_visible_to(AnonymousUser()).exists()


# Queries -------------------------------------------------------------------------------------------------------


def test_version_grid_reads_a_version_in_three_queries_and_finds_cells_by_level_and_perspective(
    django_assert_num_queries: Any,
) -> None:
    version = FrameworkVersion.objects.get(framework__slug="pcn-maturity-matrix")
    with django_assert_num_queries(3):
        grid = queries.version_grid(version)
    assert [level.name for level in grid.levels] == ["Foundation", "Step 1", "Step 2", "Step 3"]
    assert grid.perspectives == ("network", "system")
    row = grid.row("integrating-care")
    assert row is not None
    network, system = row.text(1, "network"), row.text(1, "system")
    assert network and system and network != system
    assert row.text(9, "network") == ""
    assert [item.label for item in row.cells[0].texts] == ["For the network", "For the system"]


def test_latest_published_skips_drafts_and_retired_versions(people: SimpleNamespace) -> None:
    framework = tailored(people.system_a)
    assert queries.latest_published(framework) is None
    build_version(framework, number=1, status=VersionStatus.RETIRED)
    second = build_version(framework, number=2)
    build_version(framework, number=3, status=VersionStatus.DRAFT)
    assert queries.latest_published(framework) == second


def _detail_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_framework_page_costs_the_same_queries_however_big_the_framework(
    client: Client, people: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    big = tailored(people.system_a, slug="big-matrix", name="Big Matrix")
    for number in range(1, 4):
        build_version(big, number=number, dimensions=14, levels=7, perspectives=("network", "system"))
    sign_in(client, people.system_lead)
    small_url = "/frameworks/network-maturity-matrix/"
    _detail_queries(client, small_url)  # warm the session and per-request caches alike for both pages

    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        client.get(small_url)
    assert _detail_queries(client, big.get_absolute_url()) == _detail_queries(client, small_url)
    version_url = reverse("frameworks:version", kwargs={"slug": big.slug, "number": 1})
    assert _detail_queries(client, version_url) == _detail_queries(client, small_url)


def test_the_list_costs_the_same_queries_however_many_frameworks(client: Client, people: SimpleNamespace) -> None:
    sign_in(client, people.system_lead)
    _detail_queries(client, "/frameworks/")  # what the shared cache keeps about the person is read once
    before = _detail_queries(client, "/frameworks/")
    for n in range(6):
        framework = tailored(people.system_a, slug=f"extra-{n}", name=f"Extra {n}")
        build_version(framework, number=1)
        build_version(framework, number=2, status=VersionStatus.DRAFT)
    assert _detail_queries(client, "/frameworks/") == before
