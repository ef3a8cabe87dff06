"""Who organises, changes, sees the people registered for, and sees each kind of event. What a person may not see
answers 404."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests import factories as f
from tests.events.conftest import make_event
from tests.signing_in import sign_in
from wayfinder.core.permissions import can
from wayfinder.core.roles import AppointmentRole
from wayfinder.events import permissions
from wayfinder.events.models import Audience

PEOPLE = ["lead", "member", "outsider", "external", "system_lead", "regional_lead", "national", "admin", "editor"]


@pytest.fixture
def everyone(world: SimpleNamespace) -> SimpleNamespace:
    world.editor = f.UserFactory.create(email="editor@example.org")
    f.AppointmentFactory.create(user=world.editor, role=AppointmentRole.EDITOR)
    return world


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "hosts"),
    [
        ("national", ["national"]),
        ("editor", ["national"]),
        ("system_lead", ["system:A"]),
        ("lead", ["network:open", "network:restricted", "network:private", "network:confidential"]),
        ("member", []),
        ("outsider", []),
        ("regional_lead", []),
    ],
)
def test_who_may_organise_and_for_whom(everyone: SimpleNamespace, who: str, hosts: list[str]) -> None:
    names = {
        "national": "national",
        f"system:{everyone.system_a.pk}": "system:A",
        **{
            f"network:{getattr(everyone, n).pk}": f"network:{n}"
            for n in ("open", "restricted", "private", "confidential")
        },
    }
    person = getattr(everyone, who)
    found = sorted(names[value] for value, _ in permissions.hosts_for(person) if value in names)
    assert found == sorted(hosts)
    assert can(person, "event.create") == bool(hosts)


@pytest.mark.django_db
def test_who_manages_each_event(everyone: SimpleNamespace) -> None:
    national = make_event(everyone.national)
    system = make_event(everyone.system_lead, system=everyone.system_a)
    network = make_event(everyone.lead, network=everyone.open)
    managers = {
        name: [
            title
            for title, event in (("national", national), ("system", system), ("network", network))
            if can(getattr(everyone, name), "event.manage", event)
        ]
        for name in PEOPLE
    }
    assert managers == {
        "lead": ["network"],
        "member": [],
        "outsider": [],
        "external": [],
        "system_lead": ["system"],
        "regional_lead": [],
        "national": ["national"],
        "admin": ["national", "system", "network"],
        "editor": ["national"],
    }


@pytest.mark.django_db
def test_who_sees_members_only_drafts_and_confidential_events(everyone: SimpleNamespace) -> None:
    public = make_event(everyone.national)
    draft = make_event(everyone.national, publish=False)
    members_only = make_event(everyone.lead, network=everyone.open, audience=Audience.NETWORK)
    confidential = make_event(everyone.lead, network=everyone.confidential, audience=Audience.NETWORK)
    private_host = make_event(everyone.lead, network=everyone.private)
    system_only = make_event(everyone.system_lead, system=everyone.system_a, audience=Audience.SYSTEM)
    events = {
        "public": public,
        "draft": draft,
        "members_only": members_only,
        "confidential": confidential,
        "private_host": private_host,
        "system_only": system_only,
    }

    def seen(person: object) -> set[str]:
        ids = set(permissions.events_visible_to(person).values_list("pk", flat=True))
        return {name for name, event in events.items() if event.pk in ids}

    assert seen(AnonymousUser()) == {"public"}
    assert seen(everyone.outsider) == {"public"}
    assert seen(everyone.member) == {"public", "members_only", "confidential", "private_host", "system_only"}
    assert seen(everyone.system_lead) == {"public", "members_only", "system_only"}
    assert seen(everyone.national) == {"public", "draft", "members_only", "private_host", "system_only"}
    assert seen(everyone.admin) == set(events)

    outsider, member = Client(), Client()
    sign_in(outsider, everyone.outsider)
    sign_in(member, everyone.member)
    assert outsider.get(f"/events/{members_only.pk}/").status_code == 404
    assert outsider.get(f"/events/{draft.pk}/").status_code == 404
    assert member.get(f"/events/{members_only.pk}/").status_code == 200
    assert Client().get(f"/events/{public.pk}/").status_code == 200


@pytest.mark.django_db
def test_only_organisers_change_an_event_or_see_who_registered(everyone: SimpleNamespace) -> None:
    event = make_event(everyone.lead, network=everyone.open)
    pages = [f"/events/{event.pk}/edit/", f"/events/{event.pk}/people/", f"/events/{event.pk}/cancel/"]
    for name, allowed in [("lead", True), ("member", False), ("system_lead", False), ("national", False)]:
        client = Client()
        sign_in(client, getattr(everyone, name))
        for page in pages:
            assert client.get(page).status_code == (200 if allowed else 404), (name, page)
        assert client.post(f"/events/{event.pk}/publish/").status_code in ((302,) if allowed else (404,))
    assert Client().get(f"/events/{event.pk}/people/").status_code == 302  # to sign in
    member = Client()
    sign_in(member, everyone.member)
    assert member.get("/events/new/").status_code == 404
