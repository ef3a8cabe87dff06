"""manage.py worker: it rides out a PostgreSQL restart, and runs again what a killed worker left running, but
never while the worker that claimed it is alive."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, ProgrammingError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.conftest import Mailbox
from tests.core.worker_tasks import note_each_run
from wayfinder.comms.kinds import DIGEST_TEST
from wayfinder.comms.pipeline import mail_send
from wayfinder.core import workers
from wayfinder.core.models import BackgroundWorker

REPO_ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The workers these tests start beat every half second, so one is taken to be gone 3 seconds after its last beat.
HEARTBEAT = 0.5
LEASE = HEARTBEAT * workers.BEATS_IN_A_LEASE


@pytest.fixture
def database_queue(settings: Any) -> None:
    """Queue tasks in the database, as outside the tests, instead of running them at once."""
    settings.TASKS = DATABASE_BACKEND


def a_running_task(*, claimed_by: str, started: timedelta = timedelta(0)) -> DBTaskResult:
    result = note_each_run.enqueue(runs_file=os.devnull, first_run_lingers=0)
    db_result = DBTaskResult.objects.get(pk=result.id)
    db_result.claim(claimed_by)
    DBTaskResult.objects.filter(pk=db_result.pk).update(started_at=timezone.now() - started)
    return db_result


def status_of(task_id: Any) -> str:
    return str(DBTaskResult.objects.get(pk=task_id).status)


# Which running tasks are queued again ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claimed_by", "worker_alive", "claimed_long_ago", "idle_worker_id", "abandoned"),
    [
        ("w1", True, False, "", False),
        ("w1", True, True, "", False),  # a long task of a live worker is its own
        ("w1", False, False, "", True),  # the worker's lease ran out
        ("w1", None, False, "", False),  # no heartbeat at all (a plain db_worker): wait
        ("w1", None, True, "", True),  # ... an hour
        ("w1", True, False, "w1", True),  # the worker itself, starting again, is running nothing
        ("w1", True, False, "w2", False),
    ],
)
def test_a_running_task_is_abandoned_only_when_its_worker_is_gone(
    claimed_by: str, worker_alive: bool | None, claimed_long_ago: bool, idle_worker_id: str, abandoned: bool
) -> None:
    assert (
        workers.task_is_abandoned(
            claimed_by=claimed_by,
            worker_alive=worker_alive,
            claimed_long_ago=claimed_long_ago,
            idle_worker_id=idle_worker_id,
        )
        is abandoned
    )


@pytest.mark.django_db
def test_a_task_whose_worker_stopped_beating_is_queued_again(database_queue: None) -> None:
    workers.worker_beat(worker_id="gone", heartbeat_seconds=10)
    task = a_running_task(claimed_by="gone")
    BackgroundWorker.objects.filter(pk="gone").update(alive_until=timezone.now() - timedelta(seconds=1))

    assert workers.tasks_requeue_abandoned() == 1
    assert status_of(task.pk) == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_task_whose_worker_still_beats_stays_running_however_long_it_takes(database_queue: None) -> None:
    workers.worker_beat(worker_id="busy", heartbeat_seconds=10)
    task = a_running_task(claimed_by="busy", started=timedelta(days=2))

    assert workers.tasks_requeue_abandoned() == 0
    assert status_of(task.pk) == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_task_claimed_by_a_worker_with_no_heartbeat_is_queued_again_after_an_hour(database_queue: None) -> None:
    recent = a_running_task(claimed_by="plain-db-worker", started=timedelta(minutes=5))
    old = a_running_task(claimed_by="plain-db-worker", started=timedelta(hours=2))

    assert workers.tasks_requeue_abandoned() == 1
    assert (status_of(recent.pk), status_of(old.pk)) == (TaskResultStatus.RUNNING, TaskResultStatus.READY)


@pytest.mark.django_db
def test_a_worker_starting_again_after_losing_the_database_queues_its_own_unfinished_task(
    database_queue: None,
) -> None:
    workers.worker_beat(worker_id="me", heartbeat_seconds=10)
    mine = a_running_task(claimed_by="me")
    workers.worker_beat(worker_id="other", heartbeat_seconds=10)
    theirs = a_running_task(claimed_by="other")

    workers.worker_start(worker_id="me", heartbeat_seconds=10, backend_name="default")

    assert (status_of(mine.pk), status_of(theirs.pk)) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)


@pytest.mark.django_db
def test_a_stopped_worker_ends_its_lease_and_is_forgotten_a_day_later() -> None:
    workers.worker_beat(worker_id="w", heartbeat_seconds=10)
    assert BackgroundWorker.objects.get().alive_until > timezone.now()
    workers.worker_gone(worker_id="w")
    assert BackgroundWorker.objects.get().alive_until <= timezone.now()

    BackgroundWorker.objects.update(alive_until=timezone.now() - timedelta(days=1, minutes=1))
    workers.gone_workers_forget()
    assert not BackgroundWorker.objects.exists()


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"), ProgrammingError("no table")])
def test_a_heartbeat_that_fails_is_logged_and_the_heartbeat_goes_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    def fail(**kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(workers, "worker_beat", fail)
    workers.Heartbeat(worker_id="w", heartbeat_seconds=10, backend_name="default").beat()
    assert "heartbeat" in caplog.text


def test_the_worker_command_says_what_to_run_when_tasks_do_not_go_to_the_database() -> None:
    # Under pytest tasks run at once; with REDIS_URL they go to RQ.
    with pytest.raises(CommandError, match="rqworker"):
        call_command("worker")


# Real worker processes (PostgreSQL: they share the test database) ------------------------------------------


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Worker processes need a database they can share with the test: run with PostgreSQL")


def worker_env(*, smtp_port: int | None = None) -> dict[str, str]:
    db = connection.settings_dict
    password = f":{quote(str(db['PASSWORD']))}" if db["PASSWORD"] else ""
    url = f"postgres://{quote(str(db['USER']))}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    unwanted = ("TESTING", "REDIS_URL", "PRODUCTION", "DEBUG", "DATABASE_URL", "EMAIL_URL", "DATABASE_CONN_MAX_AGE")
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    # Connections kept open, as in production: a restart breaks the one the worker holds.
    env.update(DATABASE_URL=url, DATABASE_CONN_MAX_AGE="60", PYTHONUNBUFFERED="1")
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}" if smtp_port else "dummy:"
    return env


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start(*, smtp_port: int | None = None) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.2", "--heartbeat", str(HEARTBEAT)],
            cwd=REPO_ROOT,
            env=worker_env(smtp_port=smtp_port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def worker_logs(tmp_path: Path) -> str:
    return "\n".join(f"{log.name}:\n{log.read_text()}" for log in sorted(tmp_path.glob("worker-*.log")))


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout}s for {what}")
        time.sleep(0.1)


def postgresql_cluster() -> tuple[str, str]:
    """The version and name of the local cluster the tests use; skipped (failed in CI) when it cannot be restarted."""
    needs_postgresql()
    problem, cluster = "", ("", "")
    port = str(connection.settings_dict["PORT"] or 5432)
    if connection.settings_dict["HOST"] not in ("127.0.0.1", "localhost", "::1", ""):
        problem = "PostgreSQL is on another machine, so this test cannot restart it"
    elif os.geteuid() != 0 or shutil.which("pg_ctlcluster") is None or shutil.which("pg_lsclusters") is None:
        problem = "Restarting PostgreSQL needs root and Debian's pg_ctlcluster"
    else:
        listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False)
        found = [line.split()[:2] for line in listed.stdout.splitlines() if line.split()[2:3] == [port]]
        if found:
            cluster = (found[0][0], found[0][1])
        else:
            problem = f"No local PostgreSQL cluster listens on port {port}"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem}; in CI this test must run")
        pytest.skip(problem)
    return cluster


def pg_ctlcluster(cluster: tuple[str, str], action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action], check=True, timeout=60)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_worker_rides_out_a_postgresql_restart_and_sends_mail_queued_after_it(
    database_queue: None, mailbox: Mailbox, start_worker: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    cluster = postgresql_cluster()
    worker = start_worker(smtp_port=mailbox.port)
    mail_send(kind=DIGEST_TEST, key="before", to=["before@example.org"], subject="Before the restart", text="Hello.")
    mailbox.wait_for("before@example.org", timeout=20)

    pg_ctlcluster(cluster, "stop")
    try:
        time.sleep(1.0)  # the worker polls, and finds nobody answering, several times
    finally:
        pg_ctlcluster(cluster, "start")
    connection.close()  # the test's own connection did not survive either

    mail_send(kind=DIGEST_TEST, key="after", to=["after@example.org"], subject="After the restart", text="Hello.")
    try:
        mailbox.wait_for("after@example.org", timeout=20)
    except AssertionError as error:
        raise AssertionError(f"{error}\n{worker_logs(tmp_path)}") from error
    assert worker.poll() is None, worker_logs(tmp_path)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_killed_worker_runs_again_but_not_while_that_worker_lives(
    database_queue: None, start_worker: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    needs_postgresql()
    runs = tmp_path / "runs"
    first = start_worker()
    result = note_each_run.enqueue(runs_file=str(runs), first_run_lingers=120)
    wait_until(lambda: runs.exists(), timeout=20, what=f"the first worker to start the task\n{worker_logs(tmp_path)}")

    start_worker()
    time.sleep(LEASE + 2)  # longer than a lease: the first worker's heartbeat keeps its task its own
    assert status_of(result.id) == TaskResultStatus.RUNNING
    assert runs.read_text().splitlines() == ["run"]

    first.kill()
    first.wait()
    wait_until(
        lambda: status_of(result.id) == TaskResultStatus.SUCCESSFUL,
        timeout=LEASE + 15,
        what=f"the second worker to run the task again\n{worker_logs(tmp_path)}",
    )
    assert DBTaskResult.objects.get(pk=result.id).return_value == 2
