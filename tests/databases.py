"""Test databases copied from one migrated template, instead of migrating each from nothing.

Migrating a new database takes about 37 seconds of CPU here (half of it Wagtail's own migrations), and `make test`
needs six: one for each of the two processes that share the suite and one for the integration tests, on SQLite and
again on PostgreSQL. Each test run now migrates a template once, under a lock, and every test database starts as a
copy of it (SQLite's backup API into the usual in-memory database; `CREATE DATABASE ... TEMPLATE` on PostgreSQL).
Django then runs `migrate` on the copy as usual, which finds nothing to do, so a template that is somehow behind
would still be brought up to date before any test runs.

A template is named after a digest of everything a migration could read: every installed app's migration files and
every file of the project's own code and data (so a change to a data file that a data migration loads makes a new
template). SQLite templates live in pytest's cache folder (`.pytest_cache`); PostgreSQL templates are databases named
`test_<name>_tpl_<checkout>_<digest>`, one per checkout, which the next run reuses and a newer template replaces.
`pytest --reuse-db`, `--create-db` and `--no-migrations` keep pytest-django's own behaviour.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# The project's code and data: templates, styles and scripts cannot change what a migration does.
NOT_READ_BY_MIGRATIONS = {"jinja2", "templates", "static", "__pycache__"}
SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"


def wanted(config: Any) -> bool:
    """Whether this run makes its databases from a template (not when asked for pytest-django's own ways)."""
    return not (config.getvalue("reuse_db") or config.getvalue("create_db") or config.getvalue("nomigrations"))


def digest(database: dict[str, Any]) -> str:
    """What the template was made from: the database it is for, every migration, the project's code and data."""
    from django.apps import apps

    hashed = hashlib.sha256(repr((database["ENGINE"], sys.version_info[:2])).encode())
    folders = sorted({Path(config.path) / "migrations" for config in apps.get_app_configs()})
    files: list[Path] = [file for folder in folders for file in sorted(folder.glob("*.py"))]
    for path in sorted((ROOT / "wayfinder").rglob("*")):
        if path.is_file() and not NOT_READ_BY_MIGRATIONS.intersection(path.relative_to(ROOT).parts):
            files.append(path)
    for file in files:
        hashed.update(str(file).encode())
        hashed.update(file.read_bytes())
    return hashed.hexdigest()[:12]


def migrate(database_url: str) -> None:
    """Migrate the database at `database_url` as the tests' settings would, in a process of its own."""
    env = {**os.environ, "DATABASE_URL": database_url, "TESTING": "true"}
    command = [sys.executable, "manage.py", "migrate", "--run-syncdb", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# SQLite ------------------------------------------------------------------------------------------------------


@contextmanager
def sqlite_copy(database: Any, folder: Path, worker: str) -> Iterator[None]:
    """An in-memory test database for this process, filled from the template, kept alive for the whole run."""
    template = folder / f"template-{digest(database)}.sqlite3"
    with file_lock(folder / "template.lock"):
        if not template.exists():
            for old in folder.glob("template-*.sqlite3"):
                old.unlink()
            building = template.with_suffix(".building")
            building.unlink(missing_ok=True)
            migrate(f"sqlite:///{building}")
            with sqlite3.connect(building) as finished:  # everything in the file itself, none left in a log beside it
                finished.execute("PRAGMA journal_mode=DELETE")
            building.replace(template)
    # Django opens SQLite with uri=True and treats a name with mode=memory as in memory: one database shared by the
    # threads of this process (the live server's included), which lives while a connection to it is open.
    name = f"file:wayfinder_test_{worker}?mode=memory&cache=shared"
    keeper = sqlite3.connect(name, uri=True, check_same_thread=False)
    source = sqlite3.connect(template)
    try:
        source.backup(keeper)
    finally:
        source.close()
    database.setdefault("TEST", {})["NAME"] = name
    try:
        yield
    finally:
        keeper.close()


# PostgreSQL --------------------------------------------------------------------------------------------------


def _url(database: dict[str, Any], name: str) -> str:
    user = quote(str(database.get("USER") or ""))
    password = f":{quote(str(database['PASSWORD']))}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "localhost"
    port = database.get("PORT") or 5432
    return urlunsplit(("postgresql", f"{user}{password}@{host}:{port}", f"/{name}", "", ""))


def _admin(database: dict[str, Any]) -> Any:
    import psycopg

    return psycopg.connect(_url(database, "postgres"), autocommit=True)


@contextmanager
def postgresql_copy(database: Any) -> Iterator[None]:
    """This process's test database made with the template as its model, dropped at the end of the run."""
    from psycopg import sql

    test_name = (database.get("TEST") or {}).get("NAME") or f"test_{database['NAME']}"
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
    prefix = f"test_{database['NAME']}_tpl_{checkout}_"
    template = f"{prefix}{digest(database)}"
    with _admin(database) as admin:
        # One lock for every checkout on this server: the template must not be read while it is being made.
        admin.execute("SELECT pg_advisory_lock(hashtext(%s))", [prefix])
        try:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
            if not exists:
                old = admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
                for (name,) in old.fetchall():
                    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
                building = f"{prefix}building"
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
                migrate(_url(database, building))
                renamed = sql.SQL("ALTER DATABASE {} RENAME TO {}")
                admin.execute(renamed.format(sql.Identifier(building), sql.Identifier(template)))
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(test_name)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(test_name), sql.Identifier(template))
            )
        finally:
            admin.execute("SELECT pg_advisory_unlock(hashtext(%s))", [prefix])
    database.setdefault("TEST", {})["NAME"] = test_name
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with _admin(database) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(test_name)))


def copyable(config: Any) -> bool:
    """Whether this run makes its test database from a template: SQLite or PostgreSQL, and not asked for one of
    pytest-django's own ways (`--reuse-db`, `--create-db`, `--no-migrations`)."""
    from django.conf import settings

    return wanted(config) and settings.DATABASES["default"]["ENGINE"] in (SQLITE, POSTGRESQL)


@contextmanager
def from_template(config: Any) -> Iterator[None]:
    """Make this process's test database from the template (see `copyable`)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    if not copyable(config):
        yield
    elif database["ENGINE"] == SQLITE:
        with sqlite_copy(database, Path(config.cache.mkdir("wayfinder-databases")), worker):
            yield
    else:
        with postgresql_copy(database):
            yield
