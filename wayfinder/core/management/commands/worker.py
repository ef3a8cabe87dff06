"""manage.py worker: run queued tasks (the database backend), riding out a database restart."""

from __future__ import annotations

import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import valid_interval

from wayfinder.core import workers


class Command(BaseCommand):
    help = (
        "Run queued background tasks. Waits for the database to come back when it goes away, and runs again "
        "the tasks a stopped worker left unfinished."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--queue-name",
            default="*",
            help="The queues to run, separated by commas; '*' for all of them (default: %(default)r)",
        )
        parser.add_argument(
            "--interval",
            default=1.0,
            type=valid_interval,
            help="Seconds to wait before looking again when no task is waiting (default: %(default)r)",
        )
        parser.add_argument(
            "--heartbeat",
            default=workers.HEARTBEAT_SECONDS,
            type=valid_interval,
            help=(
                "Seconds between the worker's heartbeats. Other workers take it to be gone, and run again what it "
                f"left running, after {workers.BEATS_IN_A_LEASE} missed beats (default: %(default)r)"
            ),
        )

    def handle(self, *args: Any, queue_name: str, interval: float, heartbeat: float, **options: Any) -> None:
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError(
                "Background tasks do not go to the database here (REDIS_URL is set, or TESTING is on). With "
                "Redis, run: manage.py rqworker --job-class django_tasks_rq.Job default"
            )
        if heartbeat <= 0:
            raise CommandError("--heartbeat must be more than 0 seconds")
        level = logging.WARNING if options["verbosity"] == 0 else logging.INFO
        for name in ("wayfinder.worker", "django_tasks_db", "django_tasks", "django.tasks"):
            logging.getLogger(name).setLevel(level)
        workers.worker_run(
            queue_names=queue_name.split(","),
            interval=interval,
            heartbeat_seconds=heartbeat,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        )
