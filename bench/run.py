"""`make bench`: build England-scale data once per database engine, serve Wayfinder as production runs it at scale
(gunicorn with several workers, Redis as the shared cache, the RQ worker for background work), load it with wrk as
signed-in people and write BENCHMARKS.md.

Nothing here is tuned to pass: every budget is checked against what was measured, and a miss is reported.
Traffic goes to 127.0.0.1 only; every wrk run is bounded in time.
"""

# The commands run here are fixed lists built in this file (wrk, gunicorn, git, manage.py), never user input.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LUA = str(ROOT / "bench" / "report.lua")
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "wayfinder_bench"
LIVE_PATH = "/healthz/live"
# bench/urls.py: the signed-in person's email, to check each session cookie signs in the person it was made for.
WHOAMI_PATH = "/bench/whoami"
# Requests and the proxy in front of Wayfinder speak HTTPS in production; the proxy says so in this header,
# which the production settings trust, so no request is redirected to https://.
PROXY_HEADER = ("X-Forwarded-Proto", "https")
# Redis on our machines; the bench's own database number, which it empties before each engine's run.
REDIS_URL = "redis://127.0.0.1:6379/15"
# The background worker as docs/deploy.md runs it when REDIS_URL is set.
RQ_WORKER = ["manage.py", "rqworker", "--job-class", "django_tasks_rq.Job", "default"]


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    who: str | None  # whose session cookie, or None for a request with no cookie
    budget_ms: float | None
    cache_off: bool = False

    @property
    def name(self) -> str:
        """How --pages names it: its key, with "_uncached" for the run with every cache off."""
        return f"{self.key}_uncached" if self.cache_off else self.key


PAGES = [
    Page("hello", "Hello world (/healthz/live, no database)", None, None),
    Page("home", "Home", "lead", 100),
    Page("network", "Network page", "lead", 100),
    Page("results", "Round results", "lead", 100),
    Page("search", "Hub search over 5,000 resources (a topic word, about 130 matches)", "lead", 100),
    Page("search_common", "Hub search over 5,000 resources (a common word, over 1,000 matches)", "lead", 100),
    Page("system", "System dashboard", "system", 150),
    Page("national", "National dashboard, cached", "national", 50),
    Page("national", "National dashboard, uncached (every cache off)", "national", 300, cache_off=True),
    Page("system_support", "System support and progress", "system", 150),
    Page("national_support", "National support and progress, cached", "national", 50),
    Page("community_topic", "Community topic list (50,000 threads)", "lead", 100),
    Page("community_thread", "Community thread with 200 replies", "lead", 100),
    Page("community_search", "Community search (a topic word)", "lead", 100),
]
# wrk's socket errors, as bench/report.lua names them; any of them stops the run.
SOCKET_ERRORS = (
    ("connect_errors", "connect error", "connect errors"),
    ("read_errors", "read error", "read errors"),
    ("write_errors", "write error", "write errors"),
    ("timeouts", "timeout", "timeouts"),
)
# Who each session cookie belongs to, for the errors that name them.
ROLE_NAMES = {"lead": "the network lead", "system": "the system lead", "national": "the national adviser"}
# Dynamic pages should reach at least this share of the hello-world throughput.
THROUGHPUT_SHARE = 0.25
COLD_SAMPLES = 20
# Requests timed one at a time (no queue) after the warm-up, for each page's own latency.
ALONE_SAMPLES = 30
MIN_REQUESTS = 50
TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Result:
    page: Page
    path: str
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    requests: int = 0
    errors: int = 0
    seconds: int = 0
    alone_ms: float = 0.0
    alone_p95_ms: float = 0.0
    failure: str = ""


@dataclass
class EngineRun:
    engine: str
    database_url: str
    build_seconds: dict[str, float] = field(default_factory=dict)
    first_build: dict[str, Any] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    cold_national_ms: list[float] = field(default_factory=list)
    server_version: str = ""
    load_before: str = ""
    load_after: str = ""
    rq_jobs: dict[str, int] = field(default_factory=lambda: {"finished": 0, "failed": 0})
    # What bench/digest.py said (skipped with --no-digest).
    digest: list[str] = field(default_factory=list)


def say(message: str) -> None:
    print(f"[bench {dt.datetime.now(dt.UTC):%H:%M:%S}] {message}", flush=True)


def production_env(database_url: str, secret_key: str, redis_url: str, *, cache_off: bool = False) -> dict[str, str]:
    """The environment of every process the bench starts: production settings, with Redis as the cache every
    worker shares and as the queue of background work, as production runs at scale."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url,
            "PRODUCTION": "true",
            "DEBUG": "false",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://127.0.0.1",
            "EMAIL_URL": "console:",
            "LOG_LEVEL": "ERROR",
            "REDIS_URL": redis_url,
            "CACHE_BACKEND": "redis",
            "BENCH_CACHE": "off" if cache_off else "on",
        }
    )
    env.pop("TESTING", None)
    return env


def check_redis(url: str) -> str:
    """PING the bench's Redis before anything else; its version for the report, or a stop saying how to start it."""
    import redis

    try:
        connection = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        connection.ping()
        version = str(connection.info("server").get("redis_version", "?"))
    except redis.RedisError as error:
        raise SystemExit(
            f"Redis is not answering at {url} ({error}). make bench serves Wayfinder as production does, with Redis "
            "as the shared cache and the queue of the RQ worker, and needs Redis on 127.0.0.1:6379. Start it "
            "(for example 'sudo systemctl start redis-server', or 'redis-server --daemonize yes'; install it with "
            "'sudo apt-get install redis-server'), or name another with BENCH_ARGS=--redis-url=redis://HOST:PORT/DB, "
            "and try again."
        ) from None
    return f"Redis {version}"


def empty_redis_database(url: str) -> int:
    """Empty the bench's own Redis database (never another): no cached page and no queued job from an earlier run
    or from the data build reaches the measurements. Returns how many keys it held."""
    import redis

    connection = redis.Redis.from_url(url)
    keys = int(connection.dbsize())
    connection.flushdb()
    return keys


def manage(env: dict[str, str], *args: str, log: Path) -> tuple[int, str]:
    with log.open("a") as out:
        out.write(f"\n$ manage.py {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        out.write(done.stdout)
    return done.returncode, done.stdout


def postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure means "not available": we skip PostgreSQL and say so
        return False
    return True


def ensure_postgres_database() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_BENCH_DB]).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
        version = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {version[0] if version else '?'}"


def build(run: EngineRun, env: dict[str, str], rebuild: bool) -> None:
    """migrate, then the seed commands once per database; a marker file says the data is complete."""
    marker = DATA / f"built-{run.engine}"
    log = DATA / f"build-{run.engine}.log"
    if rebuild:
        marker.unlink(missing_ok=True)
    steps: list[tuple[str, list[str]]] = [("migrate", ["migrate", "--noinput"])]
    full = not marker.exists()
    if full:
        steps += [
            ("seed_scale", ["seed_scale"]),
            ("seed_bench_assessments", ["seed_bench_assessments"]),
            ("seed_scale_resources", ["seed_scale_resources"]),
            ("seed_scale_support", ["seed_scale_support"]),
            ("seed_scale_community", ["seed_scale_community"]),
        ]
    else:
        # Always: it adds nothing when the rounds are there, but rebuilds the dashboard summaries, which a
        # newly applied migration may have left empty.
        steps.append(("seed_bench_assessments (summaries only)", ["seed_bench_assessments"]))
        # Delivered support for a share of PCNs, added once to data built before it existed (nothing when there).
        steps.append(("seed_scale_support", ["seed_scale_support"]))
        # The community's threads and posts, added once to data built before they existed (only what is missing).
        steps.append(("seed_scale_community", ["seed_scale_community"]))
    for label, args in steps:
        say(f"{run.engine}: {label}")
        started = time.perf_counter()
        code, output = manage(env, *args, log=log)
        if code and not (args[0] == "seed_scale" and "already in the database" in output):
            raise SystemExit(f"{label} failed on {run.engine}; see {log.relative_to(ROOT)}")
        run.build_seconds[label] = time.perf_counter() - started
    if run.engine == "postgresql":
        # The tables as autovacuum keeps them on a server in use: fresh statistics (straight after loading, the
        # planner still thinks the tables are nearly empty and chooses plans for that), and the rows that loading
        # replaced cleared away (Wagtail writes each search index entry, then again with its title's norm, so a
        # search would otherwise step over as many dead rows as live ones).
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
            connection.execute("VACUUM (ANALYZE)")
    if full:
        record = {"finished": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", "seconds": run.build_seconds}
        marker.write_text(json.dumps(record))
    run.first_build = json.loads(marker.read_text())


def ensure_port_free(port: int) -> None:
    """Refuse to start when another program holds the port: wrk would measure that program instead of Wayfinder."""
    taken = ""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Bound as gunicorn binds (SO_REUSEADDR), so only a program listening there counts, not the connections of
        # the run before, which linger for a minute after it stopped.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            taken = f"it cannot be bound: {error.strerror}"
    if not taken:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                taken = "a program answers there"
        except OSError:
            pass
    if taken:
        raise SystemExit(
            f"Port 127.0.0.1:{port} is already taken ({taken}), so wrk would measure that program instead of "
            f"Wayfinder. Stop it, or choose another port: make bench BENCH_ARGS=--port={port + 1} "
            f"(or .venv/bin/python bench/run.py --port {port + 1})."
        )


class Services:
    """gunicorn serving Wayfinder and the RQ worker beside it, with the same environment; each stopped by its own
    process id when the block ends."""

    def __init__(self, env: dict[str, str], port: int, workers: int, log: Path) -> None:
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.rq_name = f"wayfinder-bench-{os.getpid()}-{port}-{secrets.token_hex(3)}"

    def __enter__(self) -> Services:
        ensure_port_free(self.port)
        try:
            self.start("RQ worker", [PYTHON, *RQ_WORKER, "--name", self.rq_name])
            self.wait(self.rq_registered, "the RQ worker did not start within 60 seconds")
            self.start("gunicorn", self.gunicorn_command())
            self.wait(self.gunicorn_answers, "gunicorn did not answer within 60 seconds")
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def gunicorn_command(self) -> list[str]:
        return [
            GUNICORN,
            "wayfinder.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]

    def start(self, name: str, command: list[str]) -> None:
        with self.log.open("ab") as out:
            out.write(f"\n$ {' '.join(command)}\n".encode())
            out.flush()
            self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=out)

    def wait(self, ready: Callable[[], bool], failure: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.ensure_running("while starting")
            if ready():
                return
            time.sleep(0.5)
        raise SystemExit(f"{failure}; see {self.log}")

    def gunicorn_answers(self) -> bool:
        try:
            status, _, _ = fetch(self.port, LIVE_PATH, None)
        except OSError:
            return False
        return status == 200

    def rq_worker(self) -> Any:
        import redis
        from rq import Worker

        connection = redis.Redis.from_url(self.env["REDIS_URL"])
        return next((w for w in Worker.all(connection=connection) if w.name == self.rq_name), None)

    def rq_registered(self) -> bool:
        return self.rq_worker() is not None

    def rq_jobs(self) -> dict[str, int]:
        """What the RQ worker did while it ran: jobs finished and failed."""
        worker = self.rq_worker()
        if worker is None:
            raise SystemExit(f"the RQ worker is no longer registered in Redis; see {self.log}")
        return {"finished": int(worker.successful_job_count), "failed": int(worker.failed_job_count)}

    def get(self, path: str, cookie: str | None, when: str) -> tuple[int, int, float]:
        """One GET to gunicorn: (status, body length, seconds); a stop, naming what stopped, if nothing answers."""
        try:
            return fetch(self.port, path, cookie)
        except OSError as error:
            self.ensure_running(when)
            raise SystemExit(f"no answer from 127.0.0.1:{self.port}{path} {when} ({error}); see {self.log}") from None

    def ensure_running(self, when: str) -> None:
        """Stop the run if gunicorn or the RQ worker has stopped: wrk would measure whatever answers instead."""
        for name, process in self.processes.items():
            code = process.poll()
            if code is not None:
                how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
                raise SystemExit(f"{name} stopped ({how}) {when}; see {self.log}")

    def stop(self) -> None:
        # gunicorn first, so no request queues work the worker would not be there to run.
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def fetch(port: int, path: str, cookie: str | None) -> tuple[int, int, float]:
    """One GET: (status, body length, seconds)."""
    status, body, seconds = get(port, path, cookie)
    return status, len(body), seconds


def get(port: int, path: str, cookie: str | None) -> tuple[int, bytes, float]:
    """One GET: (status, body, seconds)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {PROXY_HEADER[0]: PROXY_HEADER[1]}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, body, elapsed


def wrk(port: int, path: str, cookie: str | None, seconds: int, connections: int) -> dict[str, Any]:
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "60s",
        "--script",
        LUA,
        "--header",
        f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120, check=False)
    if done.returncode:
        raise SystemExit(f"wrk stopped (exit code {done.returncode}) on {path}:\n{done.stdout}\n{done.stderr}")
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return dict(json.loads(line.removeprefix("BENCH_RESULT ")))
    raise SystemExit(f"wrk gave no result for {path}:\n{done.stdout}\n{done.stderr}")


def person(who: str | None, people: dict[str, str]) -> str:
    """The person a page is requested as, by role and email: "the network lead (lead-1@scale.test)"."""
    if who is None:
        return "a visitor who is not signed in"
    return f"{ROLE_NAMES.get(who, who)} ({people.get(who, 'email unknown')})"


def wrong_answer(label: str, path: str, status: int, who: str, log: Path) -> SystemExit:
    return SystemExit(
        f"{label} ({path}) answered {status} instead of 200 for {who}. The bench stops rather than measure a "
        f"redirect or an error page in its place; see {log}."
    )


def check_page_answers(port: int, label: str, path: str, cookie: str | None, who: str, log: Path) -> int:
    """Fetch the page once as the person it is measured for, and stop unless it answers 200; the size of the page."""
    try:
        status, size, _ = fetch(port, path, cookie)
    except OSError as error:
        raise SystemExit(f"{label} ({path}) did not answer for {who} ({error}); see {log}.") from None
    if status != 200:
        raise wrong_answer(label, path, status, who, log)
    return size


def check_signed_in(port: int, label: str, cookie: str, email: str, who: str, log: Path) -> None:
    """Stop unless the session cookie signs in the person it was made for, on the server being measured: some pages
    (the home page) answer 200 to someone signed out too, with another, lighter page."""
    try:
        status, body, _ = get(port, WHOAMI_PATH, cookie)
    except OSError as error:
        raise SystemExit(f"{WHOAMI_PATH} did not answer before measuring {label} ({error}); see {log}.") from None
    answer = body.decode(errors="replace").strip() if status == 200 else ""
    if answer != email:
        raise SystemExit(
            f"Before measuring {label}: the session cookie made for {who} signs in {answer or 'nobody'} on this "
            f"server ({WHOAMI_PATH} answered {status}). The bench stops rather than measure the page as someone "
            f"else; see {log}."
        )


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def wrk_problems(data: dict[str, Any]) -> list[str]:
    """What wrk saw that is not the page answering: responses other than 2xx, and socket errors."""
    problems = [
        plural(int(n), f"response answered {status}", f"responses answered {status}")
        for status, n in sorted(data["statuses"].items(), key=lambda item: int(item[0]))
        if not 200 <= int(status) < 300 and int(n)
    ]
    for key, one, many in SOCKET_ERRORS:
        if int(data[key]):
            problems.append(plural(int(data[key]), one, many))
    return problems


def measure(
    run: EngineRun, pages: list[Page], env: dict[str, str], session: dict[str, Any], args: argparse.Namespace
) -> None:
    log = DATA / f"server-{run.engine}.log"
    with Services(env, args.port, args.workers, log) as services:
        for page in pages:
            path = LIVE_PATH if page.key == "hello" else session["paths"][page.key]
            cookie = session["cookies"][page.who] if page.who else None
            result = Result(page, path)
            run.results.append(result)
            who = person(page.who, session["people"])
            if cookie and page.who:
                check_signed_in(services.port, page.label, cookie, session["people"][page.who], who, log)
            measure_page(services, run.engine, result, cookie, who, args)
        if any(page.key == "national" and not page.cache_off for page in pages):
            measure_cold_national(services, run, session)
        services.ensure_running("before the end of the run")
        jobs = services.rq_jobs()
        for outcome, count in jobs.items():
            run.rq_jobs[outcome] += count
        say(f"{run.engine}: RQ worker beside gunicorn: {jobs['finished']} jobs finished, {jobs['failed']} failed")


def measure_page(
    services: Services, engine: str, result: Result, cookie: str | None, who: str, args: argparse.Namespace
) -> None:
    page, path, log = result.page, result.path, services.log
    during = f"while measuring {page.label} on {engine}"
    services.ensure_running(during)
    size = check_page_answers(services.port, page.label, path, cookie, who, log)
    say(f"{engine}: {page.label} ({path}, {size:,} bytes, as {who})")

    def load(seconds: int, connections: int) -> dict[str, Any]:
        try:
            data = wrk(services.port, path, cookie, seconds, connections)
        finally:
            # Whatever wrk saw, a server process that stopped is the error to report: wrk may have measured
            # another program, or nothing.
            services.ensure_running(during)
        problems = wrk_problems(data)
        if problems:
            raise SystemExit(
                f"{page.label} ({path}) as {who}: wrk saw {', '.join(problems)} in {data['requests']} requests "
                f"{during}. The bench stops rather than report them as numbers; see {log}."
            )
        return data

    # Warm up every worker (one connection each), then time a few requests one at a time; this also lets the
    # server finish whatever the warm-up left in flight before the measured run starts.
    load(args.warmup, args.workers)
    alone = [one_request(services, page.label, path, cookie, who, during) for _ in range(ALONE_SAMPLES)]
    result.alone_ms = percentile(alone, 0.5)
    result.alone_p95_ms = percentile(alone, 0.95)
    seconds = args.duration
    data = load(seconds, args.connections)
    if data["requests"] < MIN_REQUESTS:
        # Too few finished requests for percentiles: measure again for longer rather than report noise.
        seconds = args.duration * 3
        say(f"{engine}: only {data['requests']} requests finished; measuring again for {seconds} s")
        data = load(seconds, args.connections)
    result.seconds = seconds
    result.requests = int(data["requests"])
    if not result.requests:
        result.failure = f"no request finished within {seconds} s"
        return
    result.rps = data["requests"] / (data["duration_us"] / 1e6)
    result.p50, result.p95, result.p99 = (data[k] / 1000 for k in ("p50_us", "p95_us", "p99_us"))
    result.errors = sum(int(data[key]) for key, _, _ in SOCKET_ERRORS) + int(data["status_errors"])
    say(
        f"{engine}: {result.rps:.1f} req/s, p50 {result.p50:.1f} ms, p95 {result.p95:.1f} ms, "
        f"p99 {result.p99:.1f} ms, {result.requests} requests, {result.errors} errors, "
        f"one at a time p50 {result.alone_ms:.1f} ms, p95 {result.alone_p95_ms:.1f} ms"
    )


def one_request(services: Services, label: str, path: str, cookie: str | None, who: str, during: str) -> float:
    """One request timed on its own, in milliseconds; a stop if it does not answer 200."""
    status, _, seconds = services.get(path, cookie, during)
    if status != 200:
        raise wrong_answer(label, path, status, who, services.log)
    return seconds * 1000


def measure_cold_national(services: Services, run: EngineRun, session: dict[str, Any]) -> None:
    """The first request for each of many different filters: what a person meets before the cache has it."""
    cookie = session["cookies"]["national"]
    who = person("national", session["people"])
    during = f"while measuring the national dashboard's first requests on {run.engine}"
    start = dt.date(2020, 1, 1)
    for day in range(COLD_SAMPLES):
        path = f"{session['paths']['national']}?closes_from={start + dt.timedelta(days=day)}"
        run.cold_national_ms.append(one_request(services, "National dashboard", path, cookie, who, during))
    services.ensure_running(during)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def bench_engine(engine: str, database_url: str, args: argparse.Namespace) -> EngineRun:
    run = EngineRun(engine, database_url)
    secret_key = secrets.token_urlsafe(48)
    env = production_env(database_url, secret_key, args.redis_url)
    run.server_version = ensure_postgres_database() if engine == "postgresql" else sqlite_version()
    build(run, env, args.rebuild)
    if args.build_only:
        say(f"{engine}: data built ({', '.join(f'{k} {v:.0f} s' for k, v in run.build_seconds.items())})")
        return run
    collect_static(env)
    # Nothing an earlier run cached or queued, and no job the data build queued (the seed commands do their work
    # themselves), reaches the measurements.
    keys = empty_redis_database(args.redis_url)
    say(f"{engine}: emptied the bench's Redis database {args.redis_url} ({keys} keys)")
    settle()
    run.load_before = load_average()
    session = json.loads(
        subprocess.run(
            [PYTHON, "-m", "bench.login"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout
    )
    run.sizes = session["sizes"]
    pages = [page for page in PAGES if page.key == "hello" or not args.pages or page.name in args.pages]
    measure(run, [page for page in pages if not page.cache_off], env, session, args)
    cache_off_pages = [page for page in pages if page.cache_off]
    if cache_off_pages:
        cache_off_env = production_env(database_url, secret_key, args.redis_url, cache_off=True)
        measure(run, cache_off_pages, cache_off_env, session, args)
    run.load_after = load_average()
    if args.digest:
        run.digest = bench_digest(env, args.digest_subscribers)
    return run


def bench_digest(env: dict[str, str], subscribers: int) -> list[str]:
    """The monthly digest, as a step of its own: time making, queueing and rendering a personalised copy for each of
    `subscribers` (bench/digest.py; nothing is sent). It runs on a throwaway copy of the bench database (a file copy
    for SQLite, a template copy for PostgreSQL), dropped afterwards, so the subscribers it makes never reach the
    pages' data and nothing has to be deleted row by row."""
    settle()
    database_url = env["DATABASE_URL"]
    copy_url, drop = throwaway_copy(database_url)
    say(f"digest: rendering and queueing {subscribers:,} personalised copies on a copy of the bench database")
    try:
        done = subprocess.run(
            [PYTHON, "bench/digest.py", "--subscribers", str(subscribers), "--keep"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": copy_url},
            capture_output=True,
            text=True,
            timeout=3 * 3600,
            check=False,
        )
    finally:
        drop()
    if done.returncode != 0:
        return [f"bench/digest.py failed: {done.stderr.strip().splitlines()[-1:]}"]
    return done.stdout.strip().splitlines()


def throwaway_copy(database_url: str) -> tuple[str, Callable[[], None]]:
    """A copy of the bench database and how to remove it."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        source = Path(database_url.removeprefix("sqlite:///"))
        target = DATA / "digest.sqlite3"
        for leftover in DATA.glob("digest.sqlite3*"):
            leftover.unlink()
        # SQLite's own backup: a consistent copy, whatever its write-ahead log holds.
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)

        def drop_file() -> None:
            for leftover in DATA.glob("digest.sqlite3*"):
                leftover.unlink()

        return f"sqlite:///{target}", drop_file
    import psycopg

    copy = f"{PG_BENCH_DB}_digest"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{PG_BENCH_DB}"')

    def drop_database() -> None:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{copy}"')

    return f"postgres://postgres@127.0.0.1:5432/{copy}", drop_database


def settle(limit: float = 1.0, longest: float = 120.0) -> None:
    """Wait (at most `longest` seconds) for the 1-minute load average to fall to `limit`: it still counts the data
    build that just finished, and would otherwise read as other work sharing the machine."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        try:
            if os.getloadavg()[0] <= limit:
                return
        except OSError:
            return
        time.sleep(5)


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def collect_static(env: dict[str, str]) -> None:
    """Production serves hashed, compressed copies of the static files; collect them when anything changed."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [
        ROOT / "wayfinder" / "static",
        ROOT / "node_modules" / "nhsuk-frontend",
        ROOT / "node_modules" / "htmx.org",
    ]
    if manifest.exists():
        newest = max((p.stat().st_mtime for src in sources for p in src.rglob("*") if p.is_file()), default=0.0)
        if newest < manifest.stat().st_mtime:
            return
    say("collecting static files for production (once)")
    code, _ = manage(env, "collectstatic", "--noinput", log=DATA / "collectstatic.log")
    if code:
        raise SystemExit(f"collectstatic failed; see {(DATA / 'collectstatic.log').relative_to(ROOT)}")


def sqlite_version() -> str:
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def machine() -> dict[str, str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = match.group(1).strip() if match else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB" if match else memory
    # The report can be written (and is tested) where wrk is not installed: it then names wrk without a version.
    wrk_version = (
        subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()
        if shutil.which("wrk")
        else []
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    # The report this run writes (left by an earlier run) does not count as a change to the code measured.
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", ".", ":!BENCHMARKS.md"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "wrk": wrk_version[0].split(" Copyright")[0] if wrk_version else "wrk",
        "commit": commit.stdout.strip() + (" with uncommitted changes" if dirty else ""),
    }


def budget(page: Page) -> str:
    return "" if page.budget_ms is None else f"{page.budget_ms:.0f} ms"


def fmt(value: float) -> str:
    return f"{value:,.1f}"


def report(runs: list[EngineRun], args: argparse.Namespace, started: float, skipped: list[str], *, redis: str) -> str:
    info = machine()
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py). The numbers are what was measured on the machine below in one run; "
        "nothing is tuned to pass, and a budget that was missed says so.",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Commit: {info['commit']}",
        f"- Command: `make bench` (runs `{' '.join(['.venv/bin/python', 'bench/run.py', *sys.argv[1:]])}`)",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory; {info['os']}",
        f"- Software: Python {info['python']}, gunicorn with {args.workers} sync workers, {redis}, {info['wrk']}",
        f"- Load: wrk, 1 thread, {args.connections} connections, {args.warmup} s warm-up then {args.duration} s "
        "per page, on the same machine as the server (so wrk shares the 2 cores)",
        f"- Server: as production runs at scale: gunicorn with {args.workers} sync workers, {redis} as the shared "
        f"cache (`{args.redis_url}`, the bench's own database, emptied before each database's run) and the RQ "
        f"worker beside gunicorn for background work (`manage.py {' '.join(RQ_WORKER[1:])}`, as docs/deploy.md "
        "runs it), all with production settings (`PRODUCTION=true`, `DEBUG=false`, its own `SECRET_KEY`); static "
        "files collected, requests marked as coming through an HTTPS proxy; PostgreSQL vacuumed and analysed "
        "before measuring (`VACUUM (ANALYZE)`), as autovacuum keeps a server in use",
        "- The machine may be shared: other work running at the same time shows in the load averages below; a "
        "load above 2 means the benchmark did not have both cores to itself and the numbers are pessimistic",
        f"- Whole run (build included): {(time.perf_counter() - started) / 60:.1f} minutes",
        "",
        "Budgets (2 cores, 16 connections): national dashboard p95 at most 300 ms uncached and 50 ms cached; "
        "system dashboard p95 at most 150 ms; other pages p95 at most 100 ms; every dynamic page at least "
        f"{THROUGHPUT_SHARE:.0%} of the hello-world throughput.",
        "",
        f'"One at a time" is {ALONE_SAMPLES} requests sent one after another after the warm-up, with no queue: a '
        "page's own time. Under load, 16 connections share 2 cores (and wrk), so a request also waits for the "
        "ones ahead of it: by Little's law the time under load is about the number of connections divided by "
        'the requests per second. "Met?" judges the p95 under load, as the budgets do.',
        "",
        "The hello-world page (`/healthz/live`) runs the full middleware stack but no view code and no database "
        "query: it is the ceiling this framework and server reach here. It is requested without a session "
        "cookie; every other page is requested signed in (a network lead for home, network, results and search, a "
        "system lead for the system dashboard, a national adviser for the national dashboard).",
        "",
    ]
    for name in skipped:
        lines += [f"**{name} was not measured:** it was not answering on 127.0.0.1:5432.", ""]
    for run in runs:
        hello = next((r for r in run.results if r.page.key == "hello" and not r.failure), None)
        lines += [f"## {TITLES.get(run.engine, run.engine)}", ""]
        lines += [f"Database: {run.server_version}. Data: " + ", ".join(f"{v:,} {k}" for k, v in run.sizes.items())]
        first = run.first_build.get("seconds", {})
        first_text = ", ".join(f"{label} {seconds:.0f} s" for label, seconds in first.items())
        lines += [
            "",
            f"Data built once ({run.first_build.get('finished', 'date unknown')}) in "
            f"{sum(first.values()) / 60:.1f} minutes: {first_text}.",
        ]
        build_text = ", ".join(f"{label} {seconds:.0f} s" for label, seconds in run.build_seconds.items())
        checked = "" if run.build_seconds == first else f"Checks before this run: {build_text}. "
        lines += [
            "",
            f"{checked}Load average (1 / 5 / 15 minutes) before measuring: {run.load_before}; after: {run.load_after}.",
            "",
            f"RQ worker beside gunicorn: {run.rq_jobs['finished']} jobs finished, {run.rq_jobs['failed']} failed.",
            "",
        ]
        lines += [
            "| Page | Path | Requests/s | p50 ms | p95 ms | p99 ms | Requests (s) | Errors | One at a time, p50 ms "
            "| One at a time, p95 ms | Budget p95 | Share of hello world | Met? |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in run.results:
            if r.failure:
                lines.append(
                    f"| {r.page.label} | `{r.path}` | | | | | {r.requests} ({r.seconds}) | | {fmt(r.alone_ms)} | "
                    f"{fmt(r.alone_p95_ms)} | {budget(r.page)} | | **No**: {r.failure} |"
                )
                continue
            share = r.rps / hello.rps if hello and r.page.key != "hello" else None
            checks: list[str] = []
            if r.page.budget_ms is not None and r.p95 > r.page.budget_ms:
                checks.append(f"p95 over {r.page.budget_ms:.0f} ms")
            if share is not None and share < THROUGHPUT_SHARE:
                checks.append(f"under {THROUGHPUT_SHARE:.0%} of hello world")
            if r.errors:
                checks.append(f"{r.errors} errors")
            met = "n/a" if r.page.key == "hello" else ("Yes" if not checks else "**No**: " + "; ".join(checks))
            lines.append(
                f"| {r.page.label} | `{r.path}` | {fmt(r.rps)} | {fmt(r.p50)} | {fmt(r.p95)} | {fmt(r.p99)} | "
                f"{r.requests} ({r.seconds}) | {r.errors} | {fmt(r.alone_ms)} | {fmt(r.alone_p95_ms)} | "
                f"{budget(r.page)} | "
                f"{'' if share is None else f'{share:.0%}'} | {met} |"
            )
        if run.cold_national_ms:
            cold = run.cold_national_ms
            p95 = percentile(cold, 0.95)
            verdict = "within" if p95 <= 300 else "**over**"
            lines += [
                "",
                f"National dashboard, first request for each of {len(cold)} different filters, one at a time "
                f"(nothing cached for that filter yet): p50 {fmt(percentile(cold, 0.5))} ms, p95 {fmt(p95)} ms, "
                f"max {fmt(max(cold))} ms: {verdict} the 300 ms uncached budget.",
            ]
        lines += ["", *throughput_section(run)]
        if run.digest:
            lines += ["", "### The monthly digest (bench/digest.py, on a throwaway copy of the data)", ""]
            lines += [f"- {line}" for line in run.digest]
    return "\n".join(lines)


@dataclass(frozen=True)
class ThroughputGap:
    """Where a page stands against the throughput share: requests/s and the time per request they imply."""

    needed_rps: float
    ms_now: float
    ms_needed: float
    own_ms_now: float
    own_ms_allowed: float
    times_faster: float


def throughput_gap(*, hello_rps: float, rps: float) -> ThroughputGap:
    """At a throughput of r requests/s the machine spends 1000 / r ms on each request. Hello world's time is what
    every page pays (server, middleware, framework); the rest is the page's own work."""
    needed = hello_rps * THROUGHPUT_SHARE
    hello_ms, ms_now, ms_needed = 1000 / hello_rps, 1000 / rps, 1000 / needed
    return ThroughputGap(needed, ms_now, ms_needed, ms_now - hello_ms, ms_needed - hello_ms, needed / rps)


def throughput_section(run: EngineRun) -> list[str]:
    lines = [f"### What stands between each page and {THROUGHPUT_SHARE:.0%} of hello world", ""]
    hello = next((r for r in run.results if r.page.key == "hello" and not r.failure), None)
    if hello is None or not hello.rps:
        return [*lines, "Hello world was not measured, so there is no throughput to compare with.", ""]
    needed = hello.rps * THROUGHPUT_SHARE
    lines += [
        f"Hello world: {fmt(hello.rps)} requests/s, {fmt(1000 / hello.rps)} ms per request. {THROUGHPUT_SHARE:.0%} "
        f'of it is {fmt(needed)} requests/s: {fmt(1000 / needed)} ms per request. "ms per request" is 1000 divided '
        "by the requests per second under load: the time the machine (shared with wrk) spent on each request, not "
        "one request's own time. \"Own work\" is that time less hello world's, which every page pays too (server, "
        f"middleware, framework): at {THROUGHPUT_SHARE:.0%} a page may spend {fmt(1000 / needed - 1000 / hello.rps)} "
        "ms on its own work.",
        "",
        f"| Page | Requests/s | Share of hello world | Requests/s for {THROUGHPUT_SHARE:.0%} | ms per request "
        f"| ms per request at {THROUGHPUT_SHARE:.0%} | Own work, ms | Own work allowed, ms "
        f"| To reach {THROUGHPUT_SHARE:.0%} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in run.results:
        if r.page.key == "hello":
            continue
        if r.failure or not r.rps:
            lines.append(f"| {r.page.label} | | | {fmt(needed)} | | {fmt(1000 / needed)} | | | not measured |")
            continue
        gap = throughput_gap(hello_rps=hello.rps, rps=r.rps)
        verdict = "Reached" if gap.times_faster <= 1 else f"{gap.times_faster:,.1f} times faster"
        lines.append(
            f"| {r.page.label} | {fmt(r.rps)} | {r.rps / hello.rps:.0%} | {fmt(gap.needed_rps)} | {fmt(gap.ms_now)} | "
            f"{fmt(gap.ms_needed)} | {fmt(gap.own_ms_now)} | {fmt(gap.own_ms_allowed)} | {verdict} |"
        )
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of measured load per page.")
    parser.add_argument("--warmup", type=int, default=3, help="Seconds of unmeasured load before each page.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (2 per core).")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--redis-url",
        default=REDIS_URL,
        help="The bench's own Redis database: the shared cache and the RQ queue. Emptied before each engine's run.",
    )
    parser.add_argument("--engines", default="sqlite,postgresql", help="Comma-separated: sqlite, postgresql.")
    parser.add_argument("--rebuild", action="store_true", help="Build the data again (PostgreSQL: drop first).")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="Build (or bring up to date) each database's data, then stop: nothing is served or measured.",
    )
    parser.add_argument(
        "--pages",
        type=lambda text: {name.strip() for name in text.split(",") if name.strip()},
        default=set(),
        help="Measure only these pages (comma-separated: "
        + ", ".join(page.name for page in PAGES if page.key != "hello")
        + "), with hello world beside them; every page when left out. For trying a change, with --output.",
    )
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument(
        "--no-digest",
        dest="digest",
        action="store_false",
        help="Skip timing the monthly digest for --digest-subscribers people (its own step, on a copy of the data).",
    )
    parser.add_argument("--digest-subscribers", type=int, default=200_000)
    args = parser.parse_args()
    unknown = args.pages - {page.name for page in PAGES}
    if unknown:
        raise SystemExit(f"Unknown pages: {', '.join(sorted(unknown))}. See --help for their names.")
    redis = check_redis(args.redis_url)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: run 'make bench' (it installs Debian's wrk) or 'apt-get install wrk'.")
    ensure_port_free(args.port)
    say(f"{redis} answers at {args.redis_url}: the shared cache and the RQ worker's queue")
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    runs: list[EngineRun] = []
    skipped: list[str] = []
    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    for engine in engines:
        if engine == "sqlite":
            database = DATA / "bench.sqlite3"
            if args.rebuild:
                for leftover in DATA.glob("bench.sqlite3*"):
                    leftover.unlink()
            runs.append(bench_engine("sqlite", f"sqlite:///{database}", args))
        elif engine == "postgresql":
            if not postgres_answers():
                say("PostgreSQL is not answering on 127.0.0.1:5432: skipping it")
                skipped.append("PostgreSQL")
                continue
            if args.rebuild:
                import psycopg

                with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')
            runs.append(bench_engine("postgresql", f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}", args))
        else:
            raise SystemExit(f"Unknown engine {engine!r}: use sqlite or postgresql.")
    if args.build_only:
        say(f"built the data in {(time.perf_counter() - started) / 60:.1f} minutes; nothing measured")
        return
    Path(args.output).write_text(report(runs, args, started, skipped, redis=redis))
    say(f"wrote {args.output} in {(time.perf_counter() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
