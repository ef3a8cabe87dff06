"""Run by the worker tests in a process of its own, against the database the workers share:

    python -m tests.comms.mail_scenario setup COUNT [--twice]   subscribers and a digest issue, sent (queued)
    python -m tests.comms.mail_scenario report                  the deliveries by status, as JSON

`--twice` queues the sending a second time, so two workers race over the same deliveries.
"""

from __future__ import annotations

import json
import os
import sys

import django


def setup(count: int, *, twice: bool) -> None:
    from wayfinder.accounts.models import User
    from wayfinder.comms import services
    from wayfinder.comms.tasks import digest_queue

    User.objects.bulk_create(
        [User(email=f"subscriber{n:04d}@example.org", full_name=f"Subscriber {n}") for n in range(count)]
    )
    editor = User.objects.create(email="editor@example.org", full_name="Editor")
    issue = services.digest_start(user=editor)
    services.digest_update(issue=issue, title="Worker test issue", introduction="Hello, all of you.")
    services.digest_send(issue=issue)
    if twice:
        digest_queue.enqueue(issue_id=issue.pk)


def report() -> None:
    from django.db.models import Count

    from wayfinder.comms.models import Delivery

    rows = Delivery.objects.values("status").annotate(n=Count("pk")).order_by("status")
    print(json.dumps({row["status"]: row["n"] for row in rows}))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
    django.setup()
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]), twice="--twice" in sys.argv)
    else:
        report()
