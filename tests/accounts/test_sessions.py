"""Our session engine reads a session with one plain query and otherwise behaves as Django's database sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from wayfinder.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_site_uses_it() -> None:
    assert settings.SESSION_ENGINE == "wayfinder.accounts.sessions"


def test_a_saved_session_is_read_back_in_one_query(django_assert_num_queries: Any) -> None:
    store = SessionStore()
    store["network"] = "ravensby"
    store.create()

    with django_assert_num_queries(1):
        again = SessionStore(store.session_key)
        assert again["network"] == "ravensby"
    assert again.session_key == store.session_key


def test_an_expired_session_is_not_read_and_a_new_one_is_made() -> None:
    store = SessionStore()
    store["network"] = "ravensby"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    again = SessionStore(store.session_key)

    assert "network" not in again
    assert again.session_key is None  # as Django's own engine: the next save makes a new key


def test_an_unknown_key_reads_nothing() -> None:
    again = SessionStore("x" * 32)
    assert again.load() == {}
    assert again.session_key is None
