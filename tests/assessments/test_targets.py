"""Targets: a level and a date per dimension, set only by those who run rounds, refused when they make no
sense, and shown on results."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.factories import add_raters, build_round, build_version
from tests.signing_in import sign_in
from wayfinder.assessments import targets
from wayfinder.assessments.models import Target
from wayfinder.frameworks.models import Dimension, FrameworkKind, FrameworkVersion, Level

pytestmark = pytest.mark.django_db


def next_year() -> date:
    return timezone.localdate() + timedelta(days=365)


@pytest.fixture
def version() -> FrameworkVersion:
    return build_version(dimensions=3, levels=5)


def _set(world: SimpleNamespace, version: FrameworkVersion, **overrides: Any) -> Target:
    values: dict[str, Any] = {
        "network": world.restricted,
        "framework": version.framework,
        "dimension_key": "dimension-1",
        "level_position": 4,
        "due_on": next_year(),
        "user": world.lead,
    }
    values.update(overrides)
    return targets.target_set(**values)


# Services -------------------------------------------------------------------------------------------------


def test_a_target_is_set_and_then_changed(world: SimpleNamespace, version: FrameworkVersion) -> None:
    _set(world, version)
    target = _set(world, version, level_position=5)

    assert Target.objects.count() == 1
    assert (target.level_position, target.set_by) == (5, world.lead)


def test_a_level_that_does_not_exist_is_refused_and_nothing_is_written(
    world: SimpleNamespace, version: FrameworkVersion
) -> None:
    with pytest.raises(ValidationError, match="between 1 and 5"):
        _set(world, version, level_position=6)

    assert not Target.objects.exists()


def test_a_past_date_is_refused_and_nothing_is_written(world: SimpleNamespace, version: FrameworkVersion) -> None:
    with pytest.raises(ValidationError, match="today or in the future"):
        _set(world, version, due_on=timezone.localdate() - timedelta(days=1))

    assert not Target.objects.exists()


def test_today_is_allowed(world: SimpleNamespace, version: FrameworkVersion) -> None:
    assert _set(world, version, due_on=timezone.localdate()).due_on == timezone.localdate()


def test_an_unknown_dimension_is_refused(world: SimpleNamespace, version: FrameworkVersion) -> None:
    with pytest.raises(ValidationError, match="no dimension"):
        _set(world, version, dimension_key="not-a-dimension")

    assert not Target.objects.exists()


def test_levels_come_from_the_latest_published_version(world: SimpleNamespace, version: FrameworkVersion) -> None:
    newer = f.FrameworkVersionFactory.create(framework=version.framework, number=2, status="published")
    Level.objects.bulk_create(Level(version=newer, position=p, name=f"Step {p}") for p in range(1, 4))
    Dimension.objects.create(version=newer, position=1, key="dimension-1", name="One")
    draft = f.FrameworkVersionFactory.create(framework=version.framework, number=3, status="draft")
    Level.objects.bulk_create(Level(version=draft, position=p, name=f"Draft {p}") for p in range(1, 8))

    with pytest.raises(ValidationError):
        _set(world, version, level_position=4)
    assert _set(world, version, level_position=3).level_position == 3


def test_a_target_is_cleared(world: SimpleNamespace, version: FrameworkVersion) -> None:
    _set(world, version)

    assert targets.target_clear(network=world.restricted, framework=version.framework, dimension_key="dimension-1")
    assert not targets.target_clear(network=world.restricted, framework=version.framework, dimension_key="dimension-1")
    assert not Target.objects.exists()


# The page -------------------------------------------------------------------------------------------------


def _url(version: FrameworkVersion, slug: str = "qi-circle") -> str:
    return f"/networks/{slug}/targets/{version.framework.slug}/"


def _form(version: FrameworkVersion, **rows: tuple[str, str]) -> dict[str, str]:
    data: dict[str, str] = {}
    for key in version.dimensions.values_list("key", flat=True):
        level, due = rows.get(key.replace("-", "_"), ("", ""))
        data[f"level_{key}"] = level
        data[f"due_{key}"] = due
    return data


@pytest.mark.parametrize(
    ("person", "status"),
    [("lead", 200), ("admin", 200), ("member", 404), ("external", 404), ("system_lead", 404), ("outsider", 404)],
)
def test_only_those_who_run_rounds_may_set_targets(
    world: SimpleNamespace, version: FrameworkVersion, client: Client, person: str, status: int
) -> None:
    sign_in(client, getattr(world, person))

    assert client.get(_url(version)).status_code == status
    assert client.post(_url(version), _form(version, dimension_1=("3", next_year().isoformat()))).status_code in (
        status,
        302,
    )
    assert Target.objects.exists() == (status == 200)


def test_the_page_sets_and_clears_targets(world: SimpleNamespace, version: FrameworkVersion, client: Client) -> None:
    _set(world, version, dimension_key="dimension-3", level_position=2)
    client.force_login(world.lead)

    response = client.post(
        _url(version),
        _form(version, dimension_1=("4", next_year().isoformat()), dimension_2=("5", next_year().isoformat())),
    )

    assert response.status_code == 302
    assert dict(Target.objects.values_list("dimension_key", "level_position")) == {"dimension-1": 4, "dimension-2": 5}


def test_one_bad_row_writes_nothing(world: SimpleNamespace, version: FrameworkVersion, client: Client) -> None:
    client.force_login(world.lead)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client.post(
        _url(version), _form(version, dimension_1=("4", next_year().isoformat()), dimension_2=("4", yesterday))
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Dimension 2 of the matrix: the date must be today or in the future" in page
    assert not Target.objects.exists()


def test_a_level_that_is_not_offered_is_refused(
    world: SimpleNamespace, version: FrameworkVersion, client: Client
) -> None:
    client.force_login(world.lead)

    response = client.post(_url(version), _form(version, dimension_1=("9", next_year().isoformat())))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Target.objects.exists()


def test_a_target_needs_a_date(world: SimpleNamespace, version: FrameworkVersion, client: Client) -> None:
    client.force_login(world.lead)

    response = client.post(_url(version), _form(version, dimension_1=("4", "")))

    assert "enter the date the network aims to reach this level by" in response.content.decode()
    assert not Target.objects.exists()


def test_the_page_shows_where_the_network_is_now(
    world: SimpleNamespace, version: FrameworkVersion, client: Client
) -> None:
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[2, 3, 4], [3, 3, 4]])
    client.force_login(world.lead)

    page = client.get(_url(version)).content.decode()

    assert "Now: 2.5 (median rating)" in page
    assert f"/rounds/{round_.pk}/results/" in page


def test_surveys_and_unknown_frameworks_have_no_targets(world: SimpleNamespace, client: Client) -> None:
    survey = build_version(dimensions=3, kind=FrameworkKind.SURVEY)
    client.force_login(world.lead)

    assert client.get(_url(survey)).status_code == 404
    assert client.get("/networks/qi-circle/targets/no-such-framework/").status_code == 404


def test_targets_appear_on_results_with_the_gap(
    world: SimpleNamespace, version: FrameworkVersion, client: Client
) -> None:
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[2, 3, 4], [2, 3, 4]])
    due = date(timezone.localdate().year + 2, 3, 31)
    client.force_login(world.lead)
    client.post(_url(version), _form(version, dimension_1=("4", due.isoformat()), dimension_3=("3", due.isoformat())))

    page = client.get(f"/rounds/{round_.pk}/results/").content.decode()

    assert "Level 4: Established" in page and f"31 March {due.year}" in page
    assert "Target met" in page


def test_the_message_after_saving_agrees_with_its_numbers(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=1, levels=5)
    client.force_login(world.lead)
    response = client.post(_url(version), _form(version, dimension_1=("4", next_year().isoformat())), follow=True)
    assert "Targets saved: 1 of 1 dimension has a target" in response.content.decode()


def test_saving_many_targets_announces_the_change_once(
    world: SimpleNamespace, version: FrameworkVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    announced: list[Any] = []
    monkeypatch.setattr(targets, "changed", lambda **what: announced.append(what))
    keys = list(version.dimensions.values_list("key", flat=True))
    chosen: dict[str, tuple[int, date] | None] = {key: (2, next_year()) for key in keys}

    targets.targets_save(network=world.open, framework=version.framework, chosen=chosen, user=world.lead)
    assert announced == [{"networks": [world.open.pk]}]

    targets.targets_save(network=world.open, framework=version.framework, chosen=dict.fromkeys(keys), user=world.lead)
    assert len(announced) == 2 and not Target.objects.exists()

    targets.targets_save(network=world.open, framework=version.framework, chosen=dict.fromkeys(keys), user=world.lead)
    assert len(announced) == 2, "nothing changed, so nothing is announced"
