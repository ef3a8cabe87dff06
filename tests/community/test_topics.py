"""Editors keep the topics, tied to framework dimensions and support domains; nobody else can."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.community.models import Topic
from wayfinder.core.roles import AppointmentRole
from wayfinder.frameworks.models import SupportDomain


@pytest.mark.parametrize("role", ["member", "lead", "outsider", "system_lead", "national"])
def test_only_editors_and_site_admins_manage_topics(client: Client, people: SimpleNamespace, role: str) -> None:
    sign_in(client, getattr(people, role))
    assert client.get("/community/manage/topics/").status_code == 404
    assert client.post("/community/manage/topics/new/", {"name": "Sneaky", "position": 1}).status_code == 404
    assert not Topic.objects.filter(name="Sneaky").exists()


def test_an_editor_adds_and_changes_a_topic(client: Client, people: SimpleNamespace) -> None:
    editor = f.UserFactory.create(email="editor@example.org", full_name="Eve Editor")
    f.AppointmentFactory.create(user=editor, role=AppointmentRole.EDITOR)
    domain = SupportDomain.objects.first()
    assert domain is not None
    sign_in(client, editor)
    assert "Manage topics" in client.get("/community/").content.decode()
    assert client.get("/community/manage/topics/new/").status_code == 200
    response = client.post("/community/manage/topics/new/", {"name": "", "position": 1})
    assert "Give the topic a name" in response.content.decode()
    client.post(
        "/community/manage/topics/new/",
        {
            "name": "Care  homes",
            "description": "Working with care homes",
            "position": 3,
            "support_domains": [domain.pk],
        },
    )
    topic = Topic.objects.get(name="Care homes")
    assert topic.slug == "care-homes" and list(topic.support_domains.all()) == [domain]
    client.post(f"/community/manage/topics/{topic.pk}/", {"name": "Care homes and hospices", "position": 2})
    topic.refresh_from_db()
    assert topic.name == "Care homes and hospices" and topic.slug == "care-homes"
    assert "Care homes and hospices" in client.get("/community/").content.decode()
