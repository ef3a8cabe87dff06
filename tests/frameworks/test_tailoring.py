"""Tailoring frameworks: cloning, drafting, editing a draft and publishing, and who may do each."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from wayfinder.assessments.models import Round
from wayfinder.core.permissions import needs_two_factor
from wayfinder.frameworks import permissions, services
from wayfinder.frameworks.io import version_to_json
from wayfinder.frameworks.models import (
    Descriptor,
    Dimension,
    Framework,
    FrameworkKind,
    FrameworkVersion,
    Level,
    VersionStatus,
)
from wayfinder.frameworks.views_tailoring import version_actions
from wayfinder.networks.models import AppointmentRole, System

pytestmark = pytest.mark.django_db

LEVELS = ("Foundation", "Step 1", "Step 2")
DIMENSIONS = (("leadership", "Leadership and planning"), ("use-of-data", "Use of data"))


def build_framework(
    *,
    name: str = "Care Maturity Matrix",
    slug: str | None = None,
    owner_system: System | None = None,
    built_in: bool = False,
    kind: str = FrameworkKind.MATRIX,
    perspectives: Sequence[str] = ("network", "system"),
    levels: Sequence[str] = LEVELS,
    dimensions: Sequence[tuple[str, str]] = DIMENSIONS,
    status: str = VersionStatus.PUBLISHED,
    number: int = 1,
    framework: Framework | None = None,
) -> FrameworkVersion:
    """A framework version with every cell described, built with the ORM (tests never rely on built-in content)."""
    if framework is None:
        framework = Framework.objects.create(
            slug=slug or services.unique_framework_slug(name),
            name=name,
            kind=kind,
            summary="A matrix for testing.",
            built_in=built_in,
            owner_system=owner_system,
        )
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=status,
        perspectives=list(perspectives),
        introduction="Read each row, then choose.",
        external_introduction="Choose what you have seen from outside.",
        change_notes="First version." if number == 1 else "",
    )
    level_rows = [
        Level.objects.create(version=version, position=i, name=level, summary=f"{level} in short")
        for i, level in enumerate(levels, start=1)
    ]
    for position, (key, dimension_name) in enumerate(dimensions, start=1):
        dimension = Dimension.objects.create(
            version=version, position=position, key=key, name=dimension_name, summary=f"About {dimension_name}"
        )
        for level in level_rows:
            for perspective in perspectives or [""]:
                Descriptor.objects.create(
                    dimension=dimension,
                    level=level,
                    perspective=perspective,
                    text=f"{dimension_name} at {level.name}" + (f" for the {perspective}" if perspective else ""),
                )
    return version


def content(version: FrameworkVersion) -> dict[str, Any]:
    """A version's content, without what legitimately differs between copies (name, where it came from)."""
    data = version_to_json(version)
    data.pop("source")
    data["framework"].pop("name")
    return data


def sign_in(client: Client, user: Any) -> Client:
    if needs_two_factor(user):
        Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
    client.force_login(user)
    return client


@pytest.fixture
def people(world: SimpleNamespace) -> SimpleNamespace:
    """The world's people plus the lead of another system."""
    other = f.UserFactory.create(email="other-system@example.org", full_name="Oscar Other")
    f.AppointmentFactory.create(user=other, role=AppointmentRole.SYSTEM_LEAD, system=world.system_b)
    world.other_system_lead = other
    return world


@pytest.fixture
def built_in(db: Any) -> FrameworkVersion:
    return build_framework(name="National Matrix", slug="national-matrix", built_in=True)


@pytest.fixture
def owned_draft(people: SimpleNamespace) -> FrameworkVersion:
    """A framework system A owns, with a published version 1 and a complete draft version 2."""
    published = build_framework(name="Riverside Matrix", slug="riverside-matrix", owner_system=people.system_a)
    return services.version_draft_create(framework=published.framework, user=people.system_lead)


# The permission table ----------------------------------------------------------------------------------------

PEOPLE = ["member", "lead", "system_lead", "other_system_lead", "national", "admin"]
CAN_CLONE = [False, False, True, True, True, True]
CAN_EDIT = [False, False, True, False, True, True]
CAN_PUBLISH = [False, False, True, False, True, True]


def _owner_for(people: SimpleNamespace, who: str) -> str:
    if who == "system_lead":
        return str(people.system_a.pk)
    if who == "other_system_lead":
        return str(people.system_b.pk)
    return "national" if who in ("national", "admin") else str(people.system_a.pk)


@pytest.mark.parametrize(("who", "allowed"), list(zip(PEOPLE, CAN_CLONE, strict=True)))
def test_who_may_clone_a_published_version(
    client: Client, people: SimpleNamespace, built_in: FrameworkVersion, who: str, allowed: bool
) -> None:
    sign_in(client, getattr(people, who))
    url = reverse("frameworks:tailor-clone", kwargs={"slug": "national-matrix", "number": 1})
    assert client.get(url).status_code == (200 if allowed else 404)
    response = client.post(url, {"name": f"Tailored by {who}", "owner": _owner_for(people, who)})
    assert response.status_code == (302 if allowed else 404)
    assert Framework.objects.filter(name=f"Tailored by {who}").exists() is allowed


@pytest.mark.parametrize(("who", "allowed"), list(zip(PEOPLE, CAN_EDIT, strict=True)))
def test_who_may_edit_a_draft(
    client: Client, people: SimpleNamespace, owned_draft: FrameworkVersion, who: str, allowed: bool
) -> None:
    sign_in(client, getattr(people, who))
    slug = owned_draft.framework.slug
    assert client.get(reverse("frameworks:tailor-draft", kwargs={"slug": slug})).status_code == (
        200 if allowed else 404
    )
    url = reverse("frameworks:tailor-level", kwargs={"slug": slug, "position": 1})
    response = client.post(url, {"name": "Starting out", "summary": ""})
    assert response.status_code == (302 if allowed else 404)
    assert owned_draft.levels.get(position=1).name == ("Starting out" if allowed else "Foundation")


@pytest.mark.parametrize(("who", "allowed"), list(zip(PEOPLE, CAN_PUBLISH, strict=True)))
def test_who_may_publish_a_draft(
    client: Client, people: SimpleNamespace, owned_draft: FrameworkVersion, who: str, allowed: bool
) -> None:
    sign_in(client, getattr(people, who))
    url = reverse("frameworks:tailor-publish", kwargs={"slug": owned_draft.framework.slug})
    assert client.get(url).status_code == (200 if allowed else 404)
    response = client.post(url, {"change_notes": "Local wording"})
    assert response.status_code == (302 if allowed else 404)
    owned_draft.refresh_from_db()
    assert owned_draft.status == (VersionStatus.PUBLISHED if allowed else VersionStatus.DRAFT)


def test_the_policy_agrees_with_the_pages(people: SimpleNamespace, owned_draft: FrameworkVersion) -> None:
    framework = owned_draft.framework
    for who, clone_ok, edit_ok in zip(PEOPLE, CAN_CLONE, CAN_EDIT, strict=True):
        user = getattr(people, who)
        assert permissions.can(user, "framework.tailor") is clone_ok, who
        assert permissions.can(user, "framework.edit", framework) is edit_ok, who


def test_a_system_lead_cannot_edit_a_built_in_framework(
    client: Client, people: SimpleNamespace, built_in: FrameworkVersion
) -> None:
    sign_in(client, people.system_lead)
    overview = reverse("frameworks:tailor-framework", kwargs={"slug": "national-matrix"})
    assert client.get(overview).status_code == 404
    start = reverse("frameworks:tailor-new-version", kwargs={"slug": "national-matrix"})
    assert client.post(start).status_code == 404
    assert built_in.framework.versions.count() == 1


def test_a_system_lead_can_only_make_a_copy_for_a_system_they_lead(
    client: Client, people: SimpleNamespace, built_in: FrameworkVersion
) -> None:
    sign_in(client, people.system_lead)
    url = reverse("frameworks:tailor-clone", kwargs={"slug": "national-matrix", "number": 1})
    page = client.get(url).content.decode()
    assert people.system_a.name in page
    assert people.system_b.name not in page
    assert "National – for every system to use" not in page
    for owner in (str(people.system_b.pk), "national"):
        response = client.post(url, {"name": "Not mine", "owner": owner})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert not Framework.objects.filter(name="Not mine").exists()


def test_someone_signed_out_is_sent_to_sign_in(client: Client, built_in: FrameworkVersion) -> None:
    response = client.get(reverse("frameworks:tailor-clone", kwargs={"slug": "national-matrix", "number": 1}))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


# Cloning --------------------------------------------------------------------------------------------------------


def test_cloning_copies_every_level_dimension_and_descriptor(
    people: SimpleNamespace, built_in: FrameworkVersion
) -> None:
    draft = services.framework_clone(
        version=built_in, user=people.system_lead, system=people.system_a, name="Riverside matrix"
    )
    framework = draft.framework
    assert framework.owner_system == people.system_a
    assert framework.based_on == built_in.framework
    assert framework.built_in is False
    assert framework.slug == "riverside-matrix"
    assert (draft.number, draft.status) == (1, VersionStatus.DRAFT)
    assert content(draft) == content(built_in)
    assert Descriptor.objects.filter(dimension__version=draft).count() == 2 * 3 * 2
    assert Descriptor.objects.filter(dimension__version=built_in).count() == 2 * 3 * 2


def test_the_national_team_clones_into_a_national_framework(
    people: SimpleNamespace, built_in: FrameworkVersion
) -> None:
    draft = services.framework_clone(version=built_in, user=people.national, system=None, name="National v2")
    assert draft.framework.owner_system is None
    assert permissions.can_edit_framework(people.national, draft.framework)
    assert not permissions.can_edit_framework(people.system_lead, draft.framework)


def test_a_draft_cannot_be_cloned_and_a_name_is_needed(people: SimpleNamespace, owned_draft: FrameworkVersion) -> None:
    with pytest.raises(ValidationError, match="Only a published version"):
        services.framework_clone(version=owned_draft, user=people.national, system=None, name="Copy")
    published = owned_draft.framework.versions.get(number=1)
    with pytest.raises(ValidationError, match="Enter a name"):
        services.framework_clone(version=published, user=people.national, system=None, name="   ")
    assert Framework.objects.filter(built_in=False).count() == 1


def test_a_framework_never_gets_the_slug_of_a_page(people: SimpleNamespace, built_in: FrameworkVersion) -> None:
    draft = services.framework_clone(version=built_in, user=people.national, system=None, name="Import")
    assert draft.framework.slug == "import-2"


# Drafts ----------------------------------------------------------------------------------------------------------


def test_a_new_draft_copies_the_latest_published_version(
    people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    published = owned_draft.framework.versions.get(number=1)
    assert (owned_draft.number, owned_draft.status) == (2, VersionStatus.DRAFT)
    assert content(owned_draft) == content(published)


def test_only_one_draft_at_a_time(people: SimpleNamespace, owned_draft: FrameworkVersion) -> None:
    with pytest.raises(ValidationError) as error:
        services.version_draft_create(framework=owned_draft.framework, user=people.system_lead)
    assert error.value.messages == [
        "Riverside Matrix already has a draft (version 2). A framework can have only one draft at a time: "
        "publish or delete that draft first."
    ]
    assert owned_draft.framework.versions.count() == 2


def test_a_draft_is_invisible_to_raters(people: SimpleNamespace, owned_draft: FrameworkVersion, client: Client) -> None:
    published = owned_draft.framework.versions.get(number=1)
    for who in ("member", "lead", "other_system_lead", "external"):
        user = getattr(people, who)
        assert permissions.can_view_version(user, owned_draft) is False, who
        assert permissions.can_view_version(user, published) is True, who
    for who in ("system_lead", "national", "admin"):
        assert permissions.can_view_version(getattr(people, who), owned_draft) is True, who
    sign_in(client, people.member)
    export = reverse("frameworks:export-json", kwargs={"slug": "riverside-matrix", "number": 2})
    assert client.get(export).status_code == 404


def test_deleting_the_only_draft_deletes_the_framework(people: SimpleNamespace, built_in: FrameworkVersion) -> None:
    draft = services.framework_clone(version=built_in, user=people.national, system=None, name="Short lived")
    assert services.version_draft_delete(version=draft, user=people.national) is None
    assert not Framework.objects.filter(name="Short lived").exists()


def test_deleting_a_later_draft_keeps_the_published_versions(
    people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    framework = services.version_draft_delete(version=owned_draft, user=people.system_lead)
    assert framework is not None
    assert list(framework.versions.values_list("number", "status")) == [(1, VersionStatus.PUBLISHED)]


# Editing a draft ------------------------------------------------------------------------------------------------


def test_positions_stay_contiguous(owned_draft: FrameworkVersion) -> None:
    added = services.dimension_add(version=owned_draft, name="Managing resources", position=1)
    assert added.key == "managing-resources"
    third = services.dimension_add(version=owned_draft, name="Working with people")

    def keys() -> list[str]:
        return list(owned_draft.dimensions.order_by("position").values_list("key", flat=True))

    def positions() -> list[int]:
        return list(owned_draft.dimensions.order_by("position").values_list("position", flat=True))

    assert keys() == ["managing-resources", "leadership", "use-of-data", "working-with-people"]
    services.dimension_move(dimension=third, position=2)
    assert keys() == ["managing-resources", "working-with-people", "leadership", "use-of-data"]
    services.dimension_move(dimension=owned_draft.dimensions.get(key="managing-resources"), position=4)
    assert keys() == ["working-with-people", "leadership", "use-of-data", "managing-resources"]
    services.dimension_remove(dimension=owned_draft.dimensions.get(key="leadership"))
    assert keys() == ["working-with-people", "use-of-data", "managing-resources"]
    assert positions() == [1, 2, 3]

    services.level_add(version=owned_draft, name="Step 3")
    services.level_remove(level=owned_draft.levels.get(position=1))
    assert list(owned_draft.levels.order_by("position").values_list("position", "name")) == [
        (1, "Step 1"),
        (2, "Step 2"),
        (3, "Step 3"),
    ]


def test_moving_past_the_end_is_refused(owned_draft: FrameworkVersion) -> None:
    dimension = owned_draft.dimensions.get(key="use-of-data")
    with pytest.raises(ValidationError, match="Choose a position from 1 to 2"):
        services.dimension_move(dimension=dimension, position=3)


def test_dimension_keys_are_unique_within_a_version(owned_draft: FrameworkVersion) -> None:
    with pytest.raises(ValidationError) as error:
        services.dimension_add(version=owned_draft, name="Another", key="leadership")
    assert error.value.message_dict == {"key": ["Another dimension in this version already has the key leadership"]}
    use_of_data = owned_draft.dimensions.get(key="use-of-data")
    with pytest.raises(ValidationError):
        services.dimension_update(dimension=use_of_data, name="Use of data", key="leadership")
    with pytest.raises(ValidationError, match="lower case letters"):
        services.dimension_update(dimension=use_of_data, name="Use of data", key="Use of data")
    # A key made from a name never clashes.
    assert services.dimension_add(version=owned_draft, name="Leadership").key == "leadership-2"


def test_descriptors_are_set_and_cleared(owned_draft: FrameworkVersion) -> None:
    dimension = owned_draft.dimensions.get(key="leadership")
    level = owned_draft.levels.get(position=2)
    services.descriptor_set(dimension=dimension, level=level, perspective="system", text="  New words  ")
    assert dimension.descriptors.get(level=level, perspective="system").text == "New words"
    assert services.descriptor_set(dimension=dimension, level=level, perspective="system", text="") is None
    assert not dimension.descriptors.filter(level=level, perspective="system").exists()
    with pytest.raises(ValidationError, match='no "region" perspective'):
        services.descriptor_set(dimension=dimension, level=level, perspective="region", text="Words")


def test_a_descriptor_cannot_join_a_level_of_another_version(owned_draft: FrameworkVersion) -> None:
    other = build_framework(name="Other", status=VersionStatus.DRAFT)
    with pytest.raises(ValidationError, match="different version"):
        services.descriptor_set(
            dimension=owned_draft.dimensions.get(key="leadership"),
            level=other.levels.get(position=1),
            perspective="network",
            text="Words",
        )


def _edits(version: FrameworkVersion, user: Any) -> list[tuple[str, Callable[[], object]]]:
    dimension = version.dimensions.get(key="leadership")
    level = version.levels.get(position=1)
    return [
        ("dimension_update", lambda: services.dimension_update(dimension=dimension, name="Changed")),
        ("dimension_add", lambda: services.dimension_add(version=version, name="New")),
        ("dimension_remove", lambda: services.dimension_remove(dimension=dimension)),
        ("dimension_move", lambda: services.dimension_move(dimension=dimension, position=2)),
        ("level_update", lambda: services.level_update(level=level, name="Changed")),
        ("level_add", lambda: services.level_add(version=version, name="New")),
        ("level_remove", lambda: services.level_remove(level=level)),
        (
            "descriptor_set",
            lambda: services.descriptor_set(dimension=dimension, level=level, perspective="network", text="New"),
        ),
        (
            "dimension_edit",
            lambda: services.dimension_edit(dimension=dimension, name="New", descriptors={(level.pk, "network"): ""}),
        ),
        ("version_details_update", lambda: services.version_details_update(version=version, name="Renamed")),
        ("version_draft_delete", lambda: services.version_draft_delete(version=version, user=user)),
    ]


EDITS = [
    "dimension_update",
    "dimension_add",
    "dimension_remove",
    "dimension_move",
    "level_update",
    "level_add",
    "level_remove",
    "descriptor_set",
    "dimension_edit",
    "version_details_update",
    "version_draft_delete",
]


@pytest.mark.parametrize("edit", EDITS)
def test_a_published_version_is_never_changed(edit: str, people: SimpleNamespace) -> None:
    published = build_framework(name="Frozen", owner_system=people.system_a)
    actions = dict(_edits(published, people.system_lead))
    assert list(actions) == EDITS
    before = version_to_json(published)
    with pytest.raises(ValidationError) as error:
        actions[edit]()
    assert "because it has been published" in " ".join(error.value.messages)
    assert version_to_json(FrameworkVersion.objects.get(pk=published.pk)) == before
    assert Framework.objects.get(pk=published.framework_id).name == "Frozen"


def test_editing_a_published_version_through_the_pages_is_refused(client: Client, people: SimpleNamespace) -> None:
    published = build_framework(name="Frozen", slug="frozen", owner_system=people.system_a)
    sign_in(client, people.system_lead)
    before = version_to_json(published)
    url = reverse("frameworks:tailor-dimension", kwargs={"slug": "frozen", "key": "leadership"})
    response = client.post(url, {"name": "Changed", "key": "leadership"})
    assert response.status_code == 302
    assert response["Location"] == reverse("frameworks:tailor-framework", kwargs={"slug": "frozen"})
    assert version_to_json(published) == before


# Publishing -----------------------------------------------------------------------------------------------------


def test_publishing_with_gaps_lists_every_gap_and_changes_nothing(
    people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    Descriptor.objects.filter(
        dimension__version=owned_draft, dimension__key="use-of-data", level__position=2, perspective="system"
    ).delete()
    services.dimension_add(version=owned_draft, name="Integrating care")
    with pytest.raises(ValidationError) as error:
        services.version_publish(version=owned_draft, user=people.system_lead, change_notes="Ready")
    assert error.value.messages == [
        "Use of data has no descriptor for Level 2: Step 1 from the system perspective.",
        *[
            f"Integrating care has no descriptor for Level {n}: {name} from the {p} perspective."
            for n, name in enumerate(LEVELS, start=1)
            for p in ("network", "system")
        ],
    ]
    owned_draft.refresh_from_db()
    assert owned_draft.status == VersionStatus.DRAFT
    assert owned_draft.published_at is None
    assert owned_draft.published_by is None


def test_publishing_needs_two_levels_and_a_dimension(people: SimpleNamespace) -> None:
    draft = build_framework(
        name="Thin", status=VersionStatus.DRAFT, levels=("Only",), dimensions=(), kind=FrameworkKind.SURVEY
    )
    with pytest.raises(ValidationError) as error:
        services.version_publish(version=draft, user=people.national, change_notes="")
    assert error.value.messages == [
        "The framework has only 1 level. It needs at least 2.",
        "The framework has no dimensions. It needs at least 1.",
    ]


def test_a_survey_needs_no_descriptors(people: SimpleNamespace) -> None:
    draft = build_framework(name="Survey", status=VersionStatus.DRAFT, kind=FrameworkKind.SURVEY, perspectives=())
    Descriptor.objects.filter(dimension__version=draft).delete()
    services.version_publish(version=draft, user=people.national, change_notes="First")
    assert draft.status == VersionStatus.PUBLISHED


def test_publishing_keeps_the_earlier_version_for_its_rounds(
    people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    version_1 = owned_draft.framework.versions.get(number=1)
    before = version_to_json(version_1)
    round_ = Round.objects.create(
        network=people.open,
        version=version_1,
        opens_on=datetime.date(2025, 1, 6),
        closes_on=datetime.date(2025, 1, 31),
    )
    services.level_update(level=owned_draft.levels.get(position=1), name="Getting started")
    published = services.version_publish(version=owned_draft, user=people.system_lead, change_notes="New wording")
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_by == people.system_lead
    assert published.published_at is not None
    assert published.change_notes == "New wording"
    version_1.refresh_from_db()
    assert version_1.status == VersionStatus.PUBLISHED
    assert version_to_json(version_1) == before
    assert Round.objects.get(pk=round_.pk).version_id == version_1.pk
    # Published now: a second publish is refused.
    with pytest.raises(ValidationError, match="because it has been published"):
        services.version_publish(version=published, user=people.system_lead, change_notes="Again")


# The pages ------------------------------------------------------------------------------------------------------


def test_the_whole_flow_works_without_javascript(
    client: Client, people: SimpleNamespace, built_in: FrameworkVersion
) -> None:
    sign_in(client, people.system_lead)
    response = client.post(
        reverse("frameworks:tailor-clone", kwargs={"slug": "national-matrix", "number": 1}),
        {"name": "Riverside matrix", "owner": str(people.system_a.pk)},
    )
    draft_url = reverse("frameworks:tailor-draft", kwargs={"slug": "riverside-matrix"})
    assert response["Location"] == draft_url
    page = client.get(draft_url).content.decode()
    assert "Leadership and planning" in page and "Step 2" in page

    def url(name: str, **kwargs: Any) -> str:
        return reverse(f"frameworks:{name}", kwargs={"slug": "riverside-matrix", **kwargs})

    assert client.post(url("tailor-details"), {"name": "Riverside matrix", "summary": "Ours"}).status_code == 302
    assert client.post(url("tailor-dimension-add"), {"name": "Working with people"}).status_code == 302
    dimension_url = url("tailor-dimension", key="working-with-people")
    form = client.get(dimension_url).content.decode()
    assert 'name="descriptor-1-network"' in form and 'name="descriptor-3-system"' in form
    # Publishing now lists the new dimension's empty cells and publishes nothing.
    response = client.post(url("tailor-publish"), {"change_notes": "First"})
    assert response.status_code == 200
    assert "Working with people has no descriptor for Level 1: Foundation from the network perspective." in (
        response.content.decode()
    )
    cells = {f"descriptor-{n}-{p}": f"People {n} {p}" for n in (1, 2, 3) for p in ("network", "system")}
    response = client.post(dimension_url, {"name": "Working with people", "key": "working-with-people", **cells})
    assert response.status_code == 302
    assert client.post(url("tailor-dimension-move", key="working-with-people"), {"direction": "up"}).status_code == 302
    draft = Framework.objects.get(slug="riverside-matrix").versions.get()
    assert list(draft.dimensions.order_by("position").values_list("key", flat=True)) == [
        "leadership",
        "working-with-people",
        "use-of-data",
    ]
    assert client.post(url("tailor-level-add"), {"name": "Step 3"}).status_code == 302
    assert client.post(url("tailor-level-remove", position=4)).status_code == 302
    assert client.post(url("tailor-dimension-remove", key="use-of-data")).status_code == 302
    response = client.post(url("tailor-publish"), {"change_notes": "Our own wording"})
    assert response["Location"] == url("tailor-framework")
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.framework.summary == "Ours"
    # And the next version starts from it.
    assert client.post(url("tailor-new-version")).status_code == 302
    assert draft.framework.versions.get(status=VersionStatus.DRAFT).number == 2


def test_a_dimension_page_shows_errors_in_the_nhs_pattern(
    client: Client, people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    sign_in(client, people.system_lead)
    url = reverse("frameworks:tailor-dimension", kwargs={"slug": "riverside-matrix", "key": "use-of-data"})
    response = client.post(url, {"name": "Use of data", "key": "leadership"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Another dimension in this version already has the key leadership" in page
    assert page.count("<title>Error: ") == 1


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("tailor-index", {}),
        ("import", {}),
        ("tailor-framework", {"slug": "riverside-matrix"}),
        ("tailor-draft", {"slug": "riverside-matrix"}),
        ("tailor-details", {"slug": "riverside-matrix"}),
        ("tailor-dimension-add", {"slug": "riverside-matrix"}),
        ("tailor-dimension", {"slug": "riverside-matrix", "key": "leadership"}),
        ("tailor-dimension-remove", {"slug": "riverside-matrix", "key": "leadership"}),
        ("tailor-level-add", {"slug": "riverside-matrix"}),
        ("tailor-level", {"slug": "riverside-matrix", "position": 2}),
        ("tailor-level-remove", {"slug": "riverside-matrix", "position": 2}),
        ("tailor-publish", {"slug": "riverside-matrix"}),
        ("tailor-draft-delete", {"slug": "riverside-matrix"}),
        ("tailor-clone", {"slug": "riverside-matrix", "number": 1}),
    ],
)
def test_every_page_renders_with_no_inline_script_or_style(
    client: Client, people: SimpleNamespace, owned_draft: FrameworkVersion, name: str, kwargs: dict[str, Any]
) -> None:
    sign_in(client, people.system_lead)
    response = client.get(reverse(f"frameworks:{name}", kwargs=kwargs))
    assert response.status_code == 200
    page = response.content.decode()
    assert " style=" not in page
    # The layout's own scripts carry a source or the CSP nonce; the pages add none of their own.
    for tag in re.findall(r"<script[^>]*>", page):
        assert " src=" in tag or " nonce=" in tag, tag
    assert "<h1" in page


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("tailor-draft", {}),
        ("tailor-dimension", {"key": "d1"}),
        ("tailor-publish", {}),
        ("tailor-framework", {}),
        ("export-json", {"number": 1}),
        ("export-xlsx", {"number": 1}),
    ],
)
def test_pages_cost_the_same_number_of_queries_however_big_the_framework(
    client: Client, people: SimpleNamespace, name: str, kwargs: dict[str, Any]
) -> None:
    sign_in(client, people.system_lead)
    counts = []
    for size in (2, 12):
        slug = f"size-{size}"
        build_framework(
            name=slug,
            slug=slug,
            owner_system=people.system_a,
            status=VersionStatus.DRAFT,
            levels=[f"Level {n}" for n in range(1, size // 2 + 2)],
            dimensions=[(f"d{n}", f"Dimension {n}") for n in range(1, size + 1)],
        )
        client.get(reverse("frameworks:tailor-draft", kwargs={"slug": slug}))  # sessions and roles warmed up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(f"frameworks:{name}", kwargs={"slug": slug, **kwargs}))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_version_links_offer_only_what_the_person_may_do(
    people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    published = owned_draft.framework.versions.get(number=1)

    def texts(who: str, version: FrameworkVersion) -> list[str]:
        return [action["text"] for action in version_actions(getattr(people, who), version)]

    downloads = ["Download as a spreadsheet (xlsx)", "Download as JSON"]
    assert texts("member", published) == downloads
    assert texts("member", owned_draft) == []
    assert texts("other_system_lead", published) == ["Tailor this framework", *downloads]
    assert texts("system_lead", published) == [
        "Tailor this framework",
        *downloads,
        "Change this framework or start a new version",
    ]
    assert texts("system_lead", owned_draft) == [*downloads, "Change this framework or start a new version"]


def test_the_introduction_for_outside_raters_is_edited_and_carried_into_the_next_version(
    client: Client, people: SimpleNamespace, owned_draft: FrameworkVersion
) -> None:
    sign_in(client, people.system_lead)
    url = reverse("frameworks:tailor-details", kwargs={"slug": owned_draft.framework.slug})
    form = client.get(url).content.decode()
    assert "Introduction for raters from outside the network" in form
    response = client.post(
        url,
        {
            "name": owned_draft.framework.name,
            "introduction": "For members.",
            "external_introduction": "  For partners and the system.  ",
        },
    )
    assert response.status_code == 302
    owned_draft.refresh_from_db()
    assert (owned_draft.introduction, owned_draft.external_introduction) == (
        "For members.",
        "For partners and the system.",
    )
    draft_page = client.get(reverse("frameworks:tailor-draft", kwargs={"slug": owned_draft.framework.slug}))
    assert "For partners and the system." in draft_page.content.decode()

    services.version_publish(version=owned_draft, user=people.system_lead, change_notes="Ready")
    next_draft = services.version_draft_create(framework=owned_draft.framework, user=people.system_lead)
    assert next_draft.external_introduction == "For partners and the system."
    page = client.get(
        reverse("frameworks:version", kwargs={"slug": owned_draft.framework.slug, "number": owned_draft.number})
    ).content.decode()
    assert "if you are rating from outside the network" in page and "For partners and the system." in page
