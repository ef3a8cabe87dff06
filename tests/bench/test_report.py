"""bench/run.py's report: a missed budget is always said plainly, never hidden."""

from __future__ import annotations

import argparse
import time
from types import ModuleType


def args() -> argparse.Namespace:
    return argparse.Namespace(workers=4, connections=16, warmup=3, duration=10, redis_url="redis://127.0.0.1:6379/15")


def write(bench: ModuleType, runs: list[object], skipped: list[str]) -> str:
    return str(bench.report(runs, args(), time.perf_counter(), skipped, redis="Redis 7.0.15"))


def result(bench: ModuleType, key: str, rps: float, p95: float) -> object:
    page = next(page for page in bench.PAGES if page.key == key and not page.cache_off)
    return bench.Result(page, "/", rps=rps, p50=p95 / 2, p95=p95, p99=p95, requests=100, seconds=10)


def test_percentile_picks_the_nearest_rank(bench: ModuleType) -> None:
    values = [float(n) for n in range(1, 101)]
    assert bench.percentile(values, 0.5) == 50
    assert bench.percentile(values, 0.95) == 95
    assert bench.percentile([7.0], 0.99) == 7


def test_a_page_over_its_budget_or_too_slow_against_hello_world_is_a_no(bench: ModuleType) -> None:
    run = bench.EngineRun("sqlite", "sqlite://")
    run.results = [
        result(bench, "hello", 1000, 5),
        result(bench, "home", 400, 80),
        result(bench, "network", 400, 120),
        result(bench, "results", 100, 50),
    ]
    text = write(bench, [run], ["PostgreSQL"])

    table = text.split("### What stands between", 1)[0]
    lines = {line.split(" | ")[0].strip("| "): line for line in table.splitlines() if line.startswith("| ")}
    assert lines["Home"].endswith("| 40% | Yes |")
    assert "**No**: p95 over 100 ms" in lines["Network page"]
    assert "**No**: under 25% of hello world" in lines["Round results"]
    assert "PostgreSQL was not measured" in text
    assert "| One at a time, p50 ms | One at a time, p95 ms | Budget p95 |" in text


def test_a_page_where_no_request_finished_is_reported_as_a_failure(bench: ModuleType) -> None:
    run = bench.EngineRun("postgresql", "postgres://")
    page = next(page for page in bench.PAGES if page.key == "national" and page.cache_off)
    run.results = [bench.Result(page, "/national/dashboard/", failure="no request finished within 30 s")]
    text = write(bench, [run], [])
    assert "**No**: no request finished within 30 s" in text
    assert "## PostgreSQL" in text


def test_the_report_says_the_server_ran_with_gunicorn_workers_redis_and_the_rq_worker(bench: ModuleType) -> None:
    run = bench.EngineRun("sqlite", "sqlite://")
    run.results = [result(bench, "hello", 1000, 5), result(bench, "home", 400, 80)]
    run.rq_jobs = {"finished": 2, "failed": 0}
    text = write(bench, [run], [])

    server = next(line for line in text.splitlines() if line.startswith("- Server:"))
    assert "gunicorn with 4 sync workers" in server
    assert "Redis 7.0.15 as the shared cache (`redis://127.0.0.1:6379/15`" in server
    assert "RQ worker" in server and "rqworker --job-class django_tasks_rq.Job default" in server
    assert "local-memory" not in text
    assert "RQ worker beside gunicorn: 2 jobs finished, 0 failed." in text


def test_the_time_a_request_may_take_at_a_quarter_of_hello_world(bench: ModuleType) -> None:
    gap = bench.throughput_gap(hello_rps=1000, rps=100)
    assert gap.needed_rps == 250
    assert gap.ms_now == 10 and gap.ms_needed == 4
    assert gap.own_ms_now == 9 and gap.own_ms_allowed == 3
    assert gap.times_faster == 2.5
    assert bench.throughput_gap(hello_rps=1000, rps=400).times_faster < 1


def test_it_says_what_stands_between_each_page_and_a_quarter_of_hello_world(bench: ModuleType) -> None:
    run = bench.EngineRun("sqlite", "sqlite://")
    run.results = [
        result(bench, "hello", 1000, 5),
        result(bench, "home", 400, 80),
        result(bench, "results", 100, 50),
    ]
    text = write(bench, [run], [])

    section = text.split("### What stands between each page and 25% of hello world", 1)[1]
    assert "Hello world: 1,000.0 requests/s, 1.0 ms per request" in section
    assert "25% of it is 250.0 requests/s: 4.0 ms per request" in section
    rows = {line.split(" | ")[0].strip("| "): line for line in section.splitlines() if line.startswith("| ")}
    assert rows["Home"] == "| Home | 400.0 | 40% | 250.0 | 2.5 | 4.0 | 1.5 | 3.0 | Reached |"
    expected = "| Round results | 100.0 | 10% | 250.0 | 10.0 | 4.0 | 9.0 | 3.0 | 2.5 times faster |"
    assert rows["Round results"] == expected
    assert "Hello world" not in rows
