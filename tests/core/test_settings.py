"""Production settings refuse unsafe values, pass Django's deploy checks, and read the environment strictly."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from pytest_django.fixtures import Settings

from wayfinder.settings import DEFAULT_SECRET_KEY, env_bool, env_int, env_list

REPO_ROOT = Path(__file__).resolve().parents[2]

# Variables that change what the settings module does; each subprocess starts without them so the outer
# environment (a developer's shell, CI) cannot change the outcome.
SETTINGS_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "PRODUCTION",
    "TESTING",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "EMAIL_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "DATABASE_RANDOM_PAGE_COST",
    "REDIS_URL",
    "CACHE_BACKEND",
)


def a_good_secret_key() -> str:
    return secrets.token_urlsafe(60)


def production_env(**overrides: str) -> dict[str, str]:
    """A production environment that should start cleanly; overrides change or, with "", remove a value."""
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(
        {
            "PRODUCTION": "true",
            "DEBUG": "false",
            "SECRET_KEY": a_good_secret_key(),
            "ALLOWED_HOSTS": "wayfinder.example",
            "EMAIL_URL": "smtp://mail.example:25",
            "REDIS_URL": "redis://redis.example:6379/0",
        }
    )
    for key, value in overrides.items():
        if value == "":
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Refusing to start -------------------------------------------------------------------------------------


def test_production_refuses_to_start_with_debug_on() -> None:
    result = manage("check", env=production_env(DEBUG="true"))

    assert result.returncode != 0
    assert "Refusing to start: DEBUG is on in production. Set DEBUG=false." in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param("", id="no key, so the built-in default"),
        pytest.param(DEFAULT_SECRET_KEY, id="the built-in default set explicitly"),
        pytest.param("a-short-but-otherwise-random-key-Xq93", id="a key shorter than 50 characters"),
    ],
)
def test_production_refuses_to_start_without_its_own_long_secret_key(secret_key: str) -> None:
    result = manage("check", env=production_env(SECRET_KEY=secret_key))

    assert result.returncode != 0
    assert "Refusing to start: production needs its own SECRET_KEY of at least 50 characters." in result.stderr


def test_production_refuses_to_start_without_a_mail_server() -> None:
    result = manage("check", env=production_env(EMAIL_URL=""))

    assert result.returncode != 0
    assert "Production needs EMAIL_URL" in result.stderr


def test_development_starts_with_the_default_key_and_debug_on() -> None:
    env = production_env(PRODUCTION="", SECRET_KEY="", EMAIL_URL="", ALLOWED_HOSTS="", DEBUG="true", REDIS_URL="")

    result = manage("check", env=env)

    assert result.returncode == 0, result.stderr


# The cache every worker shares -------------------------------------------------------------------------


def cache_settings(**overrides: str) -> subprocess.CompletedProcess[str]:
    """The default cache's backend and location as the settings module builds them from this environment."""
    code = "from wayfinder import settings; c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION', ''))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_with_a_cache_in_each_worker() -> None:
    # No Redis and no other cache named: Django's default keeps a cache in each process's memory, where each
    # gunicorn worker would count failed sign-ins on its own.
    result = manage("check", env=production_env(REDIS_URL=""))

    assert result.returncode != 0
    assert (
        "Refusing to start: production needs a cache that every worker shares, or each worker counts failed "
        "sign-ins on its own. Set REDIS_URL, or set CACHE_BACKEND=database and run manage.py createcachetable."
    ) in result.stderr


def test_production_without_redis_starts_with_the_database_cache() -> None:
    assert cache_settings(REDIS_URL="", CACHE_BACKEND="database").stdout.split() == [
        "django.core.cache.backends.db.DatabaseCache",
        "wayfinder_cache",
    ]
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(REDIS_URL="", CACHE_BACKEND="database")
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_uses_redis_when_it_is_set() -> None:
    assert cache_settings().stdout.split() == [
        "django_redis.cache.RedisCache",
        "redis://redis.example:6379/0",
    ]


def test_a_cache_in_memory_is_for_development_or_when_named_in_as_many_words() -> None:
    development = cache_settings(PRODUCTION="", REDIS_URL="", SECRET_KEY="", EMAIL_URL="")
    assert development.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache"], development.stderr
    # A single process on a single machine (the benchmark, say) may ask for it in production.
    named = cache_settings(REDIS_URL="", CACHE_BACKEND="memory")
    assert named.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache"], named.stderr


# What allauth's sign-in does before it checks a password: count one failed attempt for the address (undone if the
# password turns out right), refusing once the address has used up its limit. Run in a process of its own.
FAILED_SIGN_INS = """
import json, sys
import django
django.setup()
from allauth.account.adapter import get_adapter
from django.core.exceptions import ValidationError
from django.test import RequestFactory

refused = []
for _ in range(int(sys.argv[2])):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="192.0.2.10")
    try:
        get_adapter(request).pre_authenticate(request, email=sys.argv[1], password="a-wrong-password")
    except ValidationError:
        refused.append(True)
    else:
        refused.append(False)
print(json.dumps(refused))
"""


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.parametrize(
    ("cache", "shared"),
    [
        pytest.param({"CACHE_BACKEND": "database"}, True, id="database"),
        pytest.param(
            {"REDIS_URL": "redis://127.0.0.1:6379/0"},
            True,
            id="redis",
            marks=pytest.mark.skipif(not redis_answers(), reason="Redis is not answering on 127.0.0.1:6379"),
        ),
        pytest.param({"CACHE_BACKEND": "memory"}, False, id="memory in each process"),
    ],
)
def test_failed_sign_ins_are_counted_across_processes_only_with_a_shared_cache(
    tmp_path: Path, cache: dict[str, str], shared: bool
) -> None:
    env = production_env(
        **{"PRODUCTION": "", "SECRET_KEY": "", "EMAIL_URL": "", "ALLOWED_HOSTS": "", "REDIS_URL": "", **cache}
    )
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "LOGIN_FAILED_RATE_LIMIT": "10/m/ip,5/5m/key"})
    for command in (("migrate", "sites", "--noinput"), ("createcachetable",)):
        prepared = manage(*command, env=env)
        assert prepared.returncode == 0, prepared.stderr
    email = f"{secrets.token_hex(8)}@example.org"  # new for every run: Redis outlives the test

    def failed_sign_ins(attempts: int) -> list[bool]:
        done = subprocess.run(
            [sys.executable, "-c", FAILED_SIGN_INS, email, str(attempts)],
            cwd=REPO_ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "wayfinder.settings"},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return list(json.loads(done.stdout))

    # Two gunicorn workers, say: three wrong passwords for one address in each. The limit is five.
    assert failed_sign_ins(3) == [False, False, False]
    assert failed_sign_ins(3) == ([False, False, True] if shared else [False, False, False])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"REDIS_URL": "", "CACHE_BACKEND": "redis"}, "CACHE_BACKEND=redis needs REDIS_URL"),
        ({"CACHE_BACKEND": "files"}, "CACHE_BACKEND must be one of redis, database, memory, not 'files'"),
    ],
)
def test_a_cache_that_cannot_work_is_refused(overrides: dict[str, str], message: str) -> None:
    result = cache_settings(**overrides)

    assert result.returncode != 0
    assert message in result.stderr


def database_options(*, empty: tuple[str, ...] = (), **overrides: str) -> subprocess.CompletedProcess[str]:
    """The default database's OPTIONS as the settings module builds them from this environment (no connection);
    the variables named in `empty` are set to an empty value."""
    code = (
        "import json; from wayfinder import settings; print(json.dumps(settings.DATABASES['default'].get('OPTIONS')))"
    )
    env = production_env(**{"DATABASE_URL": "postgres://wayfinder@db.example:5432/wayfinder", **overrides})
    env.update(dict.fromkeys(empty, ""))
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_postgresql_connections_cost_random_reads_as_on_ssd_unless_told_otherwise() -> None:
    assert json.loads(database_options().stdout) == {"options": "-c random_page_cost=1.1"}
    assert json.loads(database_options(DATABASE_RANDOM_PAGE_COST="2").stdout) == {"options": "-c random_page_cost=2.0"}
    # Options already in the address are kept.
    kept = database_options(DATABASE_URL="postgres://wayfinder@db.example/wayfinder?options=-c%20work_mem%3D8MB")
    assert json.loads(kept.stdout) == {"options": "-c work_mem=8MB -c random_page_cost=1.1"}
    # Anything but a number is refused rather than passed to the server.
    refused = database_options(DATABASE_RANDOM_PAGE_COST="1 -c search_path=x")
    assert refused.returncode != 0
    assert "could not convert string to float" in refused.stderr
    # Empty: the server's own setting.
    assert json.loads(database_options(empty=("DATABASE_RANDOM_PAGE_COST",)).stdout) in (None, {})


# Passing the deploy checks -----------------------------------------------------------------------------


def test_a_complete_production_environment_passes_the_deploy_checks_with_no_warnings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_on_https_only_cookies_and_hsts() -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.DEBUG)"
    )

    result = manage("shell", "--no-startup", "--no-imports", "-c", code, env=production_env())

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True", "True", "False"]


# Production static files -------------------------------------------------------------------------------


@pytest.fixture
def manifest_static_storage(settings: Settings, tmp_path: Path) -> None:
    """The production static storage, with a manifest of every file collectstatic would copy.

    Running collectstatic itself takes half a minute; an unhashed manifest of the same names is enough to
    show a page asking for a name that will not exist in production (which answers 500 there).
    """
    paths: dict[str, str] = {}
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            prefix = getattr(storage, "prefix", None)
            name = f"{prefix}/{path}" if prefix else path
            paths[name.replace(os.sep, "/")] = name.replace(os.sep, "/")
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": "test"}))
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
@pytest.mark.usefixtures("manifest_static_storage")
def test_pages_render_with_the_production_static_storage(client: Client, path: str) -> None:
    # Every static() name in a template must be a file: the manifest has no entries for folders.
    assert client.get(path).status_code == 200


# The typed environment helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("yes", True),
        ("on", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("off", False),
        (" True ", True),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("WAYFINDER_TEST_FLAG", raw)

    assert env_bool("WAYFINDER_TEST_FLAG", not expected) is expected


def test_env_bool_uses_the_default_when_unset_or_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYFINDER_TEST_FLAG", raising=False)
    assert env_bool("WAYFINDER_TEST_FLAG", True) is True

    monkeypatch.setenv("WAYFINDER_TEST_FLAG", "")
    assert env_bool("WAYFINDER_TEST_FLAG", False) is False


def test_env_bool_rejects_a_value_that_is_neither_true_nor_false(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFINDER_TEST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match=r"WAYFINDER_TEST_FLAG must be true or false, not 'maybe'"):
        env_bool("WAYFINDER_TEST_FLAG", False)


def test_env_int_reads_a_whole_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFINDER_TEST_NUMBER", "10")

    assert env_int("WAYFINDER_TEST_NUMBER", 3) == 10


def test_env_int_uses_the_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYFINDER_TEST_NUMBER", raising=False)

    assert env_int("WAYFINDER_TEST_NUMBER", 14) == 14


@pytest.mark.parametrize("raw", ["ten", "1.5", "14 days"])
def test_env_int_rejects_a_value_that_is_not_a_whole_number(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("WAYFINDER_TEST_NUMBER", raw)

    with pytest.raises(ImproperlyConfigured, match=r"WAYFINDER_TEST_NUMBER must be a whole number"):
        env_int("WAYFINDER_TEST_NUMBER", 14)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYFINDER_TEST_HOSTS", " wayfinder.example, ,www.wayfinder.example ,")

    assert env_list("WAYFINDER_TEST_HOSTS", []) == ["wayfinder.example", "www.wayfinder.example"]
