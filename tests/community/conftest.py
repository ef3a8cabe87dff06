"""The community's fixtures: the shared world, with everyone in it past the new-account wait and agreed to the
norms, and helpers to start threads and reply."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.community import services
from wayfinder.community.models import Participant, Space, Thread, Topic


@pytest.fixture
def people(world: SimpleNamespace) -> SimpleNamespace:
    """The world's people, with accounts old enough to post at once, each agreed to the norms."""
    long_ago = timezone.now() - timedelta(days=90)
    User.objects.update(date_joined=long_ago)
    for user in User.objects.all():
        Participant.objects.create(person=user, norms_agreed_at=long_ago)
        setattr(world, user.email.split("@")[0], User.objects.get(pk=user.pk))
    world.shared = services.space_shared()
    world.topic = Topic.objects.create(name="Running meetings", slug="running-meetings")
    return world


def start(
    space: Space, author: Any, title: str = "How do you run a steering group?", body: str = "Tips?", **kw: Any
) -> Thread:
    return services.thread_start(
        space=space, author=author, kind=kw.pop("kind", "question"), title=title, body=body, **kw
    )


def queries_on(client: Client, address: str) -> int:
    """How many queries the page costs once what each process keeps (sessions, reach) is warm: asked twice, the
    second time counted."""
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)
