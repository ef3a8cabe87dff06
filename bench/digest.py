"""`python bench/digest.py [--subscribers N] [--keep]`: time rendering and queueing a personalised monthly digest
for many subscribers, against the database in DATABASE_URL (`make bench` runs it as a step of its own with
`--digest`).

Makes the subscribers (each a member of one of the existing networks, so "For your network" has something to
say), an issue from what the sections offer, then times the two halves of sending it: making a delivery for
each subscriber and putting the batches on the queue (django-tasks' in-memory dummy backend, so nothing is
sent), and rendering every copy as a worker does (its personal part, both parts, the HTML inlined, the whole
message as bytes), without the SMTP conversation. What it made is removed at the end unless --keep.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
django.setup()

from django.db import transaction  # noqa: E402 - Django is set up first
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from wayfinder.accounts.models import User  # noqa: E402
from wayfinder.comms import digest, pipeline, services  # noqa: E402
from wayfinder.comms.models import Delivery, DigestIssue, DigestStatus  # noqa: E402
from wayfinder.networks.models import Membership, Network  # noqa: E402

DOMAIN = "bench-digest.invalid"
CHUNK = 5000
GOAL_MINUTES = 10


def say(line: str) -> None:
    print(line, flush=True)


def make_subscribers(count: int) -> None:
    """`count` subscribers, each a member of one of the first 500 networks in turn."""
    have = User.objects.filter(email__endswith=f"@{DOMAIN}", email__startswith="subscriber").count()
    network_ids = list(Network.objects.order_by("pk").values_list("pk", flat=True)[:500])
    for start in range(have, count, CHUNK):
        users = User.objects.bulk_create(
            [
                User(email=f"subscriber{n:07d}@{DOMAIN}", full_name=f"Subscriber {n}")
                for n in range(start, min(count, start + CHUNK))
            ]
        )
        if network_ids:
            Membership.objects.bulk_create(
                [
                    Membership(user_id=user.pk, network_id=network_ids[n % len(network_ids)])
                    for n, user in enumerate(users)
                ],
                ignore_conflicts=True,
            )


def start_issue() -> DigestIssue:
    editor = User.objects.filter(email=f"editor@{DOMAIN}").first() or User.objects.create(
        email=f"editor@{DOMAIN}", full_name="Bench editor"
    )
    issue = services.digest_start(user=editor)
    services.digest_update(issue=issue, title=f"Bench digest {issue.pk}", introduction="Timing the digest.")
    offered = [entry.ref for proposal in digest.proposals(issue) for entry in proposal.entries]
    if offered:
        services.digest_pick(issue=issue, refs=offered[:8])
    DigestIssue.objects.filter(pk=issue.pk).update(status=DigestStatus.SENDING, sent_at=timezone.now())
    return issue


def render_all(issue: DigestIssue) -> tuple[int, int]:
    """Render every copy as the workers would; returns how many and their total size in bytes."""
    rendered = size = 0
    ids = list(Delivery.objects.filter(digest_issue=issue).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), pipeline.BATCH_SIZE):
        batch = list(Delivery.objects.filter(pk__in=ids[start : start + pipeline.BATCH_SIZE]).select_related("user"))
        render = digest.render_batch(batch)
        for delivery in batch:
            size += len(pipeline.build_message(delivery, render(delivery)).message().as_bytes())
            rendered += 1
    return rendered, size


def run(subscribers: int, *, keep: bool) -> None:
    started = time.perf_counter()
    make_subscribers(subscribers)
    issue = start_issue()
    say(f"Set up {digest.subscribers().count()} subscribers and an issue in {time.perf_counter() - started:.1f}s")

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        started = time.perf_counter()
        queued = digest.issue_queue(issue.pk)
        queueing = time.perf_counter() - started
    say(f"Queue: {queued} deliveries made and queued in {queueing:.1f}s")

    started = time.perf_counter()
    rendered, size = render_all(issue)
    rendering = time.perf_counter() - started
    say(f"Render: {rendered} personalised copies ({size // max(rendered, 1)} bytes each) in {rendering:.1f}s")

    per_copy = (queueing + rendering) / max(rendered, 1)
    minutes = per_copy * 200_000 / 60
    say(
        f"Per copy {per_copy * 1000:.2f} ms: 200,000 copies take {minutes:.1f} minutes in one process "
        f"(goal {GOAL_MINUTES}); rendering runs in the workers, so two workers take about half"
    )
    if not keep:
        with transaction.atomic():
            DigestIssue.objects.filter(pk=issue.pk).delete()
            User.objects.filter(email__endswith=f"@{DOMAIN}").delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=200_000)
    parser.add_argument("--keep", action="store_true", help="keep the subscribers and the issue afterwards")
    args = parser.parse_args()
    run(args.subscribers, keep=args.keep)


if __name__ == "__main__":
    main()
