"""The background worker behind `manage.py worker`: django-tasks-db's own worker, started again whenever the
database goes away, with a heartbeat so that tasks a stopped worker left running are run again.

Why a heartbeat and not a time limit on running tasks: a limit would hand a long task (an import, an export of
a whole system) to a second worker while the first is still running it. Instead each worker renews a lease
(`BackgroundWorker.alive_until`) every few seconds from a thread of its own, also while a task runs, and a task
is queued again only once the lease of the worker that claimed it has run out. A worker that is running loses
its lease only if it cannot reach the database for the whole lease (a minute by default); then a task it was
running may run twice, which tasks are written to allow. Leases are set and compared on the database's clock,
so the workers' clocks need not agree.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import Now
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from wayfinder.core.models import BackgroundWorker

logger = logging.getLogger("wayfinder.worker")

HEARTBEAT_SECONDS = 10.0
# A worker is gone once it has missed this many beats: a minute by default, longer than a database restart.
BEATS_IN_A_LEASE = 6
# Tasks claimed by a worker with no heartbeat at all (a plain `manage.py db_worker`) are run again only after
# this long, in case that worker is still running them.
UNKNOWN_WORKER_GONE_AFTER = timedelta(hours=1)
# Rows of workers that have gone are kept this long, so an unknown worker id really means one with no heartbeat.
FORGET_GONE_WORKERS_AFTER = timedelta(days=1)
# How long to wait for the database to come back: doubling from the first to the longest.
RETRY_FIRST_SECONDS = 1.0
RETRY_LONGEST_SECONDS = 30.0

# What a lost or restarting database raises; anything else (a missing table, say) stops the worker loudly.
DATABASE_GONE = (OperationalError, InterfaceError)


def new_worker_id() -> str:
    """Unique across the pool, and says which machine and process to look at."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"[-64:]


def worker_beat(*, worker_id: str, heartbeat_seconds: float) -> None:
    """Renew the worker's lease for the next BEATS_IN_A_LEASE beats."""
    alive_until = Now() + timedelta(seconds=heartbeat_seconds * BEATS_IN_A_LEASE)
    if BackgroundWorker.objects.filter(pk=worker_id).update(alive_until=alive_until):
        return
    try:
        with transaction.atomic():
            BackgroundWorker.objects.create(
                worker_id=worker_id,
                host=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=Now(),
                alive_until=alive_until,
            )
    except IntegrityError:  # the heartbeat thread and the worker both beat as the database came back
        BackgroundWorker.objects.filter(pk=worker_id).update(alive_until=alive_until)


def worker_gone(*, worker_id: str) -> None:
    """End the worker's lease now: it has stopped."""
    BackgroundWorker.objects.filter(pk=worker_id).update(alive_until=Now())


def task_is_abandoned(
    *, claimed_by: str, worker_alive: bool | None, claimed_long_ago: bool, idle_worker_id: str
) -> bool:
    """Whether a running task should be queued again. `worker_alive` is None for a worker with no heartbeat."""
    if claimed_by and claimed_by == idle_worker_id:
        return True
    if worker_alive is None:
        return claimed_long_ago
    return not worker_alive


@transaction.atomic
def tasks_requeue_abandoned(*, backend_name: str = "default", idle_worker_id: str = "") -> int:
    """Queue again each task left running by a worker that is gone, and by `idle_worker_id`: the worker calling
    this between tasks, which knows it is running nothing. Returns how many were queued again.

    The running rows are locked, skipping rows another worker has locked, so two workers doing this at once
    cannot both act on one task; a worker claims a task only once it is queued again."""
    running = list(
        DBTaskResult.objects.running()
        .filter(backend_name=backend_name)
        .annotate(long_ago=_is_true(Q(started_at__lt=Now() - UNKNOWN_WORKER_GONE_AFTER)))
        .select_for_update(skip_locked=True)
        .values_list("id", "worker_ids", "long_ago")
    )
    if not running:
        return 0
    alive: dict[str, bool] = dict(
        BackgroundWorker.objects.annotate(alive=_is_true(Q(alive_until__gte=Now()))).values_list("worker_id", "alive")
    )
    abandoned = []
    for task_id, worker_ids, long_ago in running:
        claimed_by = worker_ids[-1] if worker_ids else ""
        if task_is_abandoned(
            claimed_by=claimed_by,
            worker_alive=alive.get(claimed_by),
            claimed_long_ago=long_ago,
            idle_worker_id=idle_worker_id,
        ):
            abandoned.append(task_id)
    if not abandoned:
        return 0
    count = DBTaskResult.objects.filter(pk__in=abandoned).update(status=TaskResultStatus.READY)
    logger.warning("Queued again %d task(s) left running by a worker that stopped", count)
    return count


def _is_true(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def gone_workers_forget() -> None:
    BackgroundWorker.objects.filter(alive_until__lt=Now() - FORGET_GONE_WORKERS_AFTER).delete()


class Heartbeat:
    """Renews the worker's lease from a thread of its own, so it goes on while a task runs, and queues again
    what gone workers left running. A beat that cannot reach the database is logged and tried next time."""

    def __init__(self, *, worker_id: str, heartbeat_seconds: float, backend_name: str) -> None:
        self.worker_id = worker_id
        self.heartbeat_seconds = heartbeat_seconds
        self.backend_name = backend_name
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.beat_until_stopped, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join(timeout=self.heartbeat_seconds + 5)

    def beat_until_stopped(self) -> None:
        while not self.stopped.wait(self.heartbeat_seconds):
            self.beat()

    def beat(self) -> None:
        try:
            worker_beat(worker_id=self.worker_id, heartbeat_seconds=self.heartbeat_seconds)
            tasks_requeue_abandoned(backend_name=self.backend_name)
            gone_workers_forget()
        except DATABASE_GONE as error:
            logger.warning("The worker's heartbeat could not reach the database: %s", error)
        except DatabaseError:
            # Any other database error is logged in full but must not end the heartbeat: a worker that runs on
            # without it would have its tasks run again by others.
            logger.exception("The worker's heartbeat failed")
        finally:
            # This thread's own connections: a fresh one next beat, whatever happened to the database meanwhile.
            connections.close_all()


def worker_start(*, worker_id: str, heartbeat_seconds: float, backend_name: str) -> None:
    """Before taking tasks: say this worker is alive, and queue again what it (before the database went away)
    or a gone worker left running."""
    worker_beat(worker_id=worker_id, heartbeat_seconds=heartbeat_seconds)
    tasks_requeue_abandoned(backend_name=backend_name, idle_worker_id=worker_id)


def worker_run(
    *, queue_names: list[str], interval: float, heartbeat_seconds: float = HEARTBEAT_SECONDS, backend_name: str
) -> None:
    """Run tasks until told to stop (SIGINT, SIGTERM), starting django-tasks-db's worker again each time the
    database goes away, after a wait that doubles while it stays away."""
    worker_id = new_worker_id()
    heartbeat = Heartbeat(worker_id=worker_id, heartbeat_seconds=heartbeat_seconds, backend_name=backend_name)
    retry_in = RETRY_FIRST_SECONDS
    first = True  # the first start waits a moment at random, so workers started together do not poll together
    try:
        while True:
            started = time.monotonic()
            try:
                worker_start(worker_id=worker_id, heartbeat_seconds=heartbeat_seconds, backend_name=backend_name)
                if heartbeat.thread.ident is None:  # not started yet
                    heartbeat.start()
                worker = Worker(
                    queue_names=queue_names,
                    interval=interval,
                    batch=False,
                    backend_name=backend_name,
                    startup_delay=first,
                    max_tasks=None,
                    worker_id=worker_id,
                    excluded_queue_names=[],
                )
                first = False
                worker.configure_signals()
                worker.run()
                return  # it returns only once asked to stop while a task ran
            except DATABASE_GONE as error:
                if time.monotonic() - started > RETRY_LONGEST_SECONDS:
                    retry_in = RETRY_FIRST_SECONDS  # it had been working: the database went away just now
                logger.warning("The database is not answering (%s). Trying again in %g seconds.", error, retry_in)
                connections.close_all()
                time.sleep(retry_in)
                retry_in = min(retry_in * 2, RETRY_LONGEST_SECONDS)
    finally:
        heartbeat.stop()
        with contextlib.suppress(*DATABASE_GONE):  # if the database is away, the lease runs out by itself
            worker_gone(worker_id=worker_id)
        connections.close_all()
