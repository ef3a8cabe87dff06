"""The learning page, the editor's form for a unit in /cms/, and the demo."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import hub_resource
from tests.learning.conftest import complete_unit
from tests.signing_in import sign_in
from wayfinder.core.roles import NetworkRole
from wayfinder.learning import services
from wayfinder.learning.models import Enrolment, UnitPage, check_video
from wayfinder.networks.models import Membership

pytestmark = pytest.mark.django_db


def test_the_learning_page_lists_programmes_my_modules_and_certificates(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client
) -> None:
    services.enrolment_start(person=world.member, module=learning.pcns)
    for unit in learning.pcn_units:
        complete_unit(world.member, unit)
    sign_in(client, world.member)
    page = client.get("/learning/").content.decode()
    assert "Your modules" in page and "4 of 4 units done" in page
    assert "Learning module: Building successful PCNs" in page
    assert "Leading networks and primary care networks" in page
    assert "See how your people are getting on" not in page  # a member leads nothing


def test_signed_out_people_see_the_programmes(learning: SimpleNamespace, client: Client) -> None:
    page = client.get("/learning/").content.decode()
    assert "Building successful PCNs" in page and "Sign in</a> to enrol" in page


def test_the_learning_page_costs_the_same_for_more_enrolments(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.lead)
    services.enrolment_start(person=world.lead, module=learning.pcns)
    client.get("/learning/")
    with django_assert_max_num_queries(24):
        client.get("/learning/")
    services.enrolment_start(person=world.lead, module=learning.networks)
    for unit in learning.pcn_units:
        complete_unit(world.lead, unit)
    with django_assert_max_num_queries(24):
        assert "Your certificates" in client.get("/learning/").content.decode()


def form_data(**changes: Any) -> dict[str, Any]:
    data = {"video_url": "", "video_has_captions": False, "transcript": ""}
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"video_url": "https://example.com/embed/1", "transcript": "Words"}, "video_url", "Use the embed address"),
        ({"video_url": "https://www.youtube-nocookie.com/embed/abc"}, "transcript", "Add a transcript"),
    ],
)
def test_the_editors_form_checks_the_video(changes: dict[str, Any], field: str, message: str) -> None:
    assert message in " ".join(check_video(form_data(**changes)).get(field, []))


def test_a_video_with_captions_from_an_allowed_service_is_accepted() -> None:
    assert check_video(form_data(video_url="https://player.vimeo.com/video/1", video_has_captions=True)) == {}


def test_an_editor_opens_a_unit_in_cms(world: SimpleNamespace, learning: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.admin)
    unit = learning.pcn_units[0]
    page = client.get(f"/cms/pages/{unit.pk}/edit/").content.decode()
    assert "Clinical Director skills and understanding it helps with" in page
    assert "Free-text question" in page and "Self-rating from 1 to 5" in page and "Checklist" in page
    assert client.get(f"/cms/pages/add/learning/unitpage/{learning.pcns.pk}/").status_code == 200


def test_seed_demo_enrols_people_once() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    lead = Enrolment.objects.get(person__email="lead@wayfinder.test")
    assert lead.started_at is not None and lead.completed_at is None
    others = Enrolment.objects.exclude(pk=lead.pk)
    assert others.count() == 4 and others.filter(completed_at__isnull=False).count() == 1
    assert Membership.objects.filter(
        user__email="lead@wayfinder.test", network__slug="ravensby-central-pcn", role=NetworkRole.LEAD
    ).exists()
    assert UnitPage.objects.live().count() == 8
    # The demo hub's resources are every unit's reading.
    assert all(len(unit.reading) >= 1 for unit in UnitPage.objects.live())


def test_a_unit_links_to_its_reading_in_the_hub(learning: SimpleNamespace, client: Client) -> None:
    resource = hub_resource("running-a-huddle", title="Running a huddle")
    draft = hub_resource("not-yet", title="Not yet published")
    draft.unpublish()
    unit = learning.pcn_units[2]
    unit.reading = [
        {"type": "resource", "value": {"resource": resource.pk, "note": "Ten minutes, every week"}},
        {"type": "resource", "value": {"resource": draft.pk, "note": ""}},
    ]
    unit.save_revision().publish()
    page = client.get(unit.url).content.decode()
    assert f'<a href="{resource.url}">Running a huddle</a>: Ten minutes, every week' in page
    assert "Not yet published" not in page


def test_a_unit_with_a_video_embeds_it_with_its_transcript_beside(learning: SimpleNamespace, client: Client) -> None:
    unit = learning.network_units[0]
    unit.video_url = "https://www.youtube-nocookie.com/embed/abc123"
    unit.transcript = "Welcome to the unit.\n\nNetworks are not hierarchies."
    unit.save_revision().publish()
    response = client.get(unit.url)
    page = response.content.decode()
    assert '<iframe class="wf-video__frame" src="https://www.youtube-nocookie.com/embed/abc123"' in page
    assert "<p>Networks are not hierarchies.</p>" in page and "placeholder" not in page
    assert (
        "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com"
        in response["Content-Security-Policy"]
    )
