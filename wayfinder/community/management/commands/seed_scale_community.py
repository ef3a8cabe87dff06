"""manage.py seed_scale_community: tens of thousands of generated threads and hundreds of thousands of replies, in
the shared space and in networks' spaces, so benchmarks measure the topic list, a long thread and community search
at a realistic size."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.community import markup, search, services
from wayfinder.community.models import Post, Space, SpaceKind, Thread, ThreadKind, Topic
from wayfinder.networks.models import Network

# Every generated thread's title ends with this, so a second run adds only what is missing.
MARK = " ·"
DEFAULT_THREADS = 50_000
REPLIES_PER_THREAD = 9  # with the opening post, ten posts a thread: 500,000 posts for 50,000 threads
BATCH = 2_000
# One thread in this many has a long discussion under it.
LONG_EVERY = 500
LONG_REPLIES = 200
TOPICS = (
    "Getting started as a network",
    "Running assessment rounds",
    "Working with people and communities",
    "Data and population health",
    "Leadership and governance",
    "Workforce and wellbeing",
    "Integrating care",
    "Managing resources",
)
SUBJECTS = (
    "consensus meetings", "steering groups", "social prescribing", "care homes", "frailty", "digital access",
    "the voluntary sector", "practice managers", "population health data", "new roles", "estates", "rotas",
)  # fmt: skip
ASKS = (
    "How do you handle {s} across several practices?",
    "What worked for you with {s}?",
    "Has anyone measured the difference {s} made?",
    "Where do we start with {s}?",
    "Sharing our approach to {s}",
)
SAYS = (
    "We started small with {s} and met every month to check how it was going.",
    "Our facilitator kept a shared list of what we tried with {s} and what happened.",
    "Bringing patients into the conversation about {s} changed what we did first.",
    "The numbers we already had on {s} were enough to agree a first priority.",
    "It took three months before {s} felt like part of the normal week.",
)


class Command(BaseCommand):
    help = (
        "Add generated community threads (50,000 unless told otherwise) with ten posts each on average, and put "
        "them in the community's search index. Safe to run again: only the missing ones are added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="How many threads there should be")
        parser.add_argument("--seed", type=int, default=2027, help="Random seed, so runs make the same data")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted: int = options["threads"]
        if wanted < 0:
            raise CommandError("--threads cannot be negative")
        rng = random.Random(options["seed"])
        started = time.monotonic()
        people = list(User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[:5000])
        if not people:
            raise CommandError("There are no people to write posts; run seed_demo or seed_scale first.")
        spaces = self._spaces(rng)
        topics = self._topics()
        have = Thread.objects.filter(title__endswith=MARK).count()
        made = 0
        while have + made < wanted:
            count = min(BATCH, wanted - have - made)
            self._batch(rng, have + made, count, people, spaces, topics)
            made += count
            self.stdout.write(f"{have + made:,} of {wanted:,} threads ({time.monotonic() - started:.0f}s)")
        self._index(started)
        self.stdout.write(f"Generated community threads: {have + made:,} ({time.monotonic() - started:.0f}s).")

    def _spaces(self, rng: random.Random) -> list[Space]:
        """The shared space, four times as likely as each of up to 200 networks' spaces."""
        shared = services.space_shared()
        networks = list(Network.objects.order_by("pk")[:200])
        return [shared] * 4 + [services.space_for_network(network=network) for network in networks]

    def _topics(self) -> list[Topic]:
        for position, name in enumerate(TOPICS):
            slug = "scale-" + name.lower().replace(" ", "-")
            Topic.objects.get_or_create(name=name, defaults={"slug": slug, "position": 100 + position})
        return list(Topic.objects.all())

    def _batch(
        self, rng: random.Random, first: int, count: int, people: list[int], spaces: list[Space], topics: list[Topic]
    ) -> None:
        now = timezone.now()
        with transaction.atomic():
            threads = []
            for n in range(first, first + count):
                space = rng.choice(spaces)
                subject = rng.choice(SUBJECTS)
                replies = LONG_REPLIES if n % LONG_EVERY == 0 else rng.randint(0, 2 * REPLIES_PER_THREAD)
                threads.append(
                    Thread(
                        space=space,
                        topic=rng.choice(topics) if space.kind == SpaceKind.SHARED else None,
                        kind=rng.choice(ThreadKind.values),
                        title=rng.choice(ASKS).format(s=subject).rstrip("?") + f" ({n + 1}){MARK}",
                        author_id=rng.choice(people),
                        reply_count=replies,
                        last_activity_at=now - timedelta(minutes=n),
                    )
                )
            Thread.objects.bulk_create(threads, batch_size=1000)
            posts = []
            for thread in threads:
                subject = thread.title.split(" (")[0]
                for r in range(thread.reply_count + 1):
                    body = rng.choice(SAYS).format(s=rng.choice(SUBJECTS))
                    posts.append(
                        Post(
                            thread=thread,
                            space=thread.space,
                            author_id=thread.author_id if r == 0 else rng.choice(people),
                            opening=r == 0,
                            body=body if r else f"{subject}. {body}",
                            html=markup.render(body),
                        )
                    )
            Post.objects.bulk_create(posts, batch_size=5000)

    def _index(self, started: float) -> None:
        """Put every shown thread that is not in the community's search index yet in it, a batch of threads per
        statement (saving in bulk indexes nothing), so an existing database is brought up to date too."""
        added = search.threads_index_missing()
        self.stdout.write(f"Indexed {added:,} threads for search ({time.monotonic() - started:.0f}s)")
