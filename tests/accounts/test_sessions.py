"""Sessions are Django's own: in the database, read through the shared cache first when there is Redis."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.core.test_settings import REPO_ROOT, production_env

pytestmark = pytest.mark.django_db


def session_store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def engine_for(**overrides: str) -> str:
    """SESSION_ENGINE as the settings module sets it from this environment."""
    result = subprocess.run(
        [sys.executable, "-c", "from wayfinder import settings; print(settings.SESSION_ENGINE)"],
        cwd=REPO_ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_site_uses_djangos_own_engines() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"  # no Redis under test
    assert engine_for() == "django.contrib.sessions.backends.cached_db"
    assert engine_for(REDIS_URL="", CACHE_BACKEND="database") == "django.contrib.sessions.backends.db"


def test_a_saved_session_is_read_back_in_one_query(django_assert_num_queries: Any) -> None:
    store = session_store()()
    store["network"] = "ravensby"
    store.create()

    with django_assert_num_queries(1):
        again = session_store()(store.session_key)
        assert again["network"] == "ravensby"
    assert again.session_key == store.session_key


def test_an_expired_session_is_not_read_and_a_new_one_is_made() -> None:
    store = session_store()()
    store["network"] = "ravensby"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    again = session_store()(store.session_key)

    assert "network" not in again
    assert again.session_key is None  # the next save makes a new key


def test_an_unknown_key_reads_nothing() -> None:
    again = session_store()("x" * 32)
    assert again.load() == {}
    assert again.session_key is None
