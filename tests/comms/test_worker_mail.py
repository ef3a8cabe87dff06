"""Never twice, never dropped, with real worker processes and a real SMTP server: a worker killed part-way through
a digest to a few hundred subscribers, then started again; and two workers racing over the same deliveries. Run
on SQLite (a database file the processes share) and on PostgreSQL (the test database)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.conftest import _free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 300
HEARTBEAT = 0.5


class Sink:
    """An SMTP server that keeps what it accepts. With `hold_at`, it holds that message unanswered (as a server
    still writing it to disk would) until released, and then drops it: the sender never heard it was accepted."""

    def __init__(self, hold_at: int | None = None) -> None:
        self.recipients: list[str] = []
        self.hold_at = hold_at
        self.seen = 0
        self.holding = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.seen += 1
            seen = self.seen
        if seen == self.hold_at:
            self.holding.set()
            while not self.release.is_set():  # a thread of its own: the event loop may block
                time.sleep(0.05)
            return "451 Not kept"
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.recipients.append(str(message["To"]))
        return "250 Message accepted"


@pytest.fixture
def sink_factory() -> Iterator[Callable[..., tuple[Sink, int]]]:
    controllers: list[Controller] = []

    def start(hold_at: int | None = None) -> tuple[Sink, int]:
        sink, port = Sink(hold_at), _free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return sink, port

    yield start
    for controller in controllers:
        for sink in [controller.handler]:
            sink.release.set()
        controller.stop()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once a session (migrating takes a while); each test works on a copy."""
    path = tmp_path_factory.mktemp("comms-db") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=REPO_ROOT,
        env=base_env(f"sqlite:///{path}"),
        check=True,
        timeout=600,
    )
    return path


def base_env(database_url: str) -> dict[str, str]:
    unwanted = ("TESTING", "REDIS_URL", "PRODUCTION", "DEBUG", "DATABASE_URL", "EMAIL_URL", "DATABASE_CONN_MAX_AGE")
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    env.update(DATABASE_URL=database_url, PYTHONUNBUFFERED="1", EMAIL_URL="dummy:")
    return env


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database the test's processes share: the PostgreSQL test database, or a copy of a migrated SQLite file."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        password = f":{quote(str(db['PASSWORD']))}" if db["PASSWORD"] else ""
        host, port = db["HOST"] or "localhost", db["PORT"] or 5432
        url = f"postgres://{quote(str(db['USER']))}{password}@{host}:{port}/{db['NAME']}"
        return url
    template: Path = request.getfixturevalue("migrated_sqlite")
    path = tmp_path / "shared.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


class Processes:
    def __init__(self, database_url: str, logs: Path) -> None:
        self.database_url, self.logs = database_url, logs
        self.started: list[subprocess.Popen[bytes]] = []

    def env(self, smtp_port: int) -> dict[str, str]:
        env = base_env(self.database_url)
        env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
        return env

    def scenario(self, smtp_port: int, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "tests.comms.mail_scenario", *args],
            cwd=REPO_ROOT,
            env=self.env(smtp_port),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def report(self, smtp_port: int) -> dict[str, int]:
        return dict(json.loads(self.scenario(smtp_port, "report")))

    def worker(self, smtp_port: int) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker-{len(self.started)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.2", "--heartbeat", str(HEARTBEAT)],
            cwd=REPO_ROOT,
            env=self.env(smtp_port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.started.append(process)
        return process

    def worker_logs(self) -> str:
        return "\n".join(f"{log.name}:\n{log.read_text()[-3000:]}" for log in sorted(self.logs.glob("worker-*.log")))

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def processes(database_url: str, tmp_path: Path) -> Iterator[Processes]:
    started = Processes(database_url, tmp_path)
    yield started
    started.stop()


def wait_until(condition: Callable[[], bool], *, timeout: float, what: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout}s for {what()}")
        time.sleep(0.2)


def everyone_once(sink: Sink) -> None:
    counts = Counter(sink.recipients)
    twice = {to: n for to, n in counts.items() if n > 1}
    assert not twice, f"Sent more than once: {twice}"
    expected = {f"subscriber{n:04d}@example.org" for n in range(SUBSCRIBERS)} | {"editor@example.org"}
    assert set(counts) == expected, f"Never sent: {sorted(expected - set(counts))[:10]}"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)  # on PostgreSQL the processes share the test database
def test_a_worker_killed_part_way_through_a_digest_leaves_nobody_without_a_copy_or_with_two(
    processes: Processes, sink_factory: Callable[..., tuple[Sink, int]]
) -> None:
    sink, port = sink_factory(hold_at=120)
    processes.scenario(port, "setup", str(SUBSCRIBERS))
    first = processes.worker(port)
    assert sink.holding.wait(timeout=180), processes.worker_logs()

    # Killed while the 120th message is on the wire: it is claimed, not marked, and the server never said yes.
    first.kill()
    first.wait()
    sink.release.set()
    assert len(sink.recipients) == 119

    processes.worker(port)
    wait_until(
        lambda: len(sink.recipients) >= SUBSCRIBERS + 1,
        timeout=180,
        what=lambda: f"every subscriber's copy ({len(sink.recipients)} so far)\n{processes.worker_logs()}",
    )
    wait_until(
        lambda: processes.report(port) == {"sent": SUBSCRIBERS + 1},
        timeout=30,
        what=lambda: f"every delivery to be marked sent: {processes.report(port)}",
    )
    time.sleep(2)  # nothing more arrives
    everyone_once(sink)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)  # on PostgreSQL the processes share the test database
def test_two_workers_racing_over_the_same_deliveries_send_each_once(
    processes: Processes, sink_factory: Callable[..., tuple[Sink, int]]
) -> None:
    sink, port = sink_factory()
    processes.scenario(port, "setup", str(SUBSCRIBERS), "--twice")  # every batch is queued twice
    processes.worker(port)
    processes.worker(port)
    wait_until(
        lambda: len(sink.recipients) >= SUBSCRIBERS + 1,
        timeout=240,
        what=lambda: f"every subscriber's copy ({len(sink.recipients)} so far)\n{processes.worker_logs()}",
    )
    wait_until(
        lambda: processes.report(port) == {"sent": SUBSCRIBERS + 1},
        timeout=30,
        what=lambda: f"every delivery to be marked sent: {processes.report(port)}",
    )
    time.sleep(2)
    everyone_once(sink)
