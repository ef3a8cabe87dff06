"""bench/run.py stops with a plain error, rather than report numbers, whenever it would measure the wrong thing:
another server on its port, no Redis, a page that does not answer 200 for the person signed in, redirects or
socket errors under load, or a server process that has stopped. None of these tests needs wrk or Redis."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest

LOG = Path("bench/data/gunicorn-sqlite.log")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def signed_out_server() -> Iterator[int]:
    """A server where the bench's session cookie signs nobody in: whoami answers with an empty body."""

    class SignedOut(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), SignedOut)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


@pytest.fixture
def redirecting_server() -> Iterator[int]:
    """A server that answers every GET with a redirect to the sign-in page, as Wayfinder does for a stale session."""

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "/accounts/login/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_it_refuses_to_start_when_another_server_has_its_port(bench: ModuleType) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]

        with pytest.raises(SystemExit) as refused:
            bench.ensure_port_free(port)

    message = str(refused.value)
    assert f"127.0.0.1:{port}" in message
    assert "BENCH_ARGS=--port" in message


def test_it_starts_when_its_port_is_free(bench: ModuleType) -> None:
    bench.ensure_port_free(free_port())


def test_a_page_answering_302_for_the_person_signed_in_stops_the_run(
    bench: ModuleType, redirecting_server: int
) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench.check_page_answers(
            redirecting_server, "Home", "/", "sessionid=abc", "the network lead (lead-1@scale.test)", LOG
        )

    message = str(stopped.value)
    assert "Home" in message and "302" in message
    assert "the network lead (lead-1@scale.test)" in message
    assert str(LOG) in message


def test_a_session_that_signs_nobody_in_stops_the_run_even_where_pages_answer_200(
    bench: ModuleType, signed_out_server: int
) -> None:
    # The home page answers 200 to someone signed out too (a different, lighter page), so the status alone
    # would let the bench measure the wrong page.
    with pytest.raises(SystemExit) as stopped:
        bench.check_signed_in(
            signed_out_server, "Home", "sessionid=abc", "lead-1@scale.test", "the network lead (lead-1@scale.test)", LOG
        )

    message = str(stopped.value)
    assert "Home" in message and "the network lead (lead-1@scale.test)" in message
    assert "nobody" in message
    assert str(LOG) in message


def test_each_person_is_named_by_role_and_email(bench: ModuleType) -> None:
    people = {"lead": "lead-1@scale.test"}
    assert bench.person("lead", people) == "the network lead (lead-1@scale.test)"
    assert bench.person(None, people) == "a visitor who is not signed in"


def test_redirects_and_socket_errors_under_load_are_errors_not_numbers(bench: ModuleType) -> None:
    clean = {"statuses": {"200": 950}, "connect_errors": 0, "read_errors": 0, "write_errors": 0, "timeouts": 0}
    assert bench.wrk_problems(clean) == []

    troubled = dict(clean, statuses={"200": 900, "302": 40, "500": 10}, read_errors=3, timeouts=2)
    assert bench.wrk_problems(troubled) == [
        "40 responses answered 302",
        "10 responses answered 500",
        "3 read errors",
        "2 timeouts",
    ]


def test_it_stops_when_redis_does_not_answer(bench: ModuleType) -> None:
    url = f"redis://127.0.0.1:{free_port()}/15"
    with pytest.raises(SystemExit) as stopped:
        bench.check_redis(url)

    message = str(stopped.value)
    assert url in message
    assert "redis-server" in message


def test_the_server_uses_the_bench_redis_database_never_a_cache_in_each_worker(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CACHE_BACKEND", "memory")
    monkeypatch.setenv("REDIS_URL", "redis://redis.internal:6379/0")

    env = bench.production_env("sqlite:///bench.sqlite3", "k" * 64, "redis://127.0.0.1:6379/15")

    assert env["REDIS_URL"] == "redis://127.0.0.1:6379/15"
    assert env["CACHE_BACKEND"] == "redis"


def test_it_empties_only_its_own_redis_database(bench: ModuleType) -> None:
    with mock.patch("redis.Redis.from_url") as connect:
        bench.empty_redis_database("redis://127.0.0.1:6379/15")

    connect.assert_called_once_with("redis://127.0.0.1:6379/15")
    connect.return_value.flushdb.assert_called_once_with()
    connect.return_value.flushall.assert_not_called()


def test_it_stops_when_gunicorn_or_the_rq_worker_has_stopped(bench: ModuleType, tmp_path: Path) -> None:
    services = bench.Services({}, free_port(), 2, tmp_path / "gunicorn.log")
    stopped = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    stopped.wait()
    services.processes = {"gunicorn": stopped}

    with pytest.raises(SystemExit) as error:
        services.ensure_running("while measuring Home")

    message = str(error.value)
    assert "gunicorn stopped" in message and "exit code 3" in message
    assert "while measuring Home" in message
