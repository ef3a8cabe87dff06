"""manage.py seed_scale_resources: thousands of generated knowledge hub resources, so `make bench` measures the
hub's listing and search at a realistic size."""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.conf import get_app_config

from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.hub import services
from wayfinder.hub.models import Audience, ResourceKind, ResourcePage
from wayfinder.networks.demo import words

# Every generated resource's slug starts with this, so a second run adds only what is missing.
SLUG_PREFIX = "bench-resource-"
DEFAULT_COUNT = 5000

OPENINGS = (
    "A practical guide to {topic} for networks that are just starting out",
    "What we learned running {topic} work across several practices",
    "Questions to ask before you change how {topic} care is organised",
    "A checklist for reviewing {topic} services with your partners",
    "How to measure whether your {topic} work is making a difference",
    "Working with the voluntary sector on {topic}",
)
FORMS = (
    "Planning {topic} together",
    "{topic}: sharing the work between practices",
    "Getting started with {topic}",
    "{topic} in a busy network",
    "Involving patients in {topic}",
    "Using data to improve {topic}",
    "{topic}: a short introduction for new staff",
)
PARAGRAPHS = (
    "Start small: choose one thing to change, agree who does it and check back in a month.",
    "Bring the people who do the work into the room early, including reception and admin staff.",
    "Write down what you agreed and share it with every practice, so nobody has to remember it.",
    "Look at the numbers you already have before you collect new ones.",
    "Ask patients what matters to them; their answers often change the plan.",
    "Keep a list of what did not work as well as what did, so the next team can learn from it.",
)


class Command(BaseCommand):
    help = (
        "Publish generated resources in the knowledge hub (5,000 unless told otherwise) for benchmarks. "
        "Safe to run again: only the missing ones are added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="How many resources there should be.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same text.")

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 0:
            raise CommandError("--count must be 0 or more.")
        started = time.perf_counter()
        hub = services.hub_index_ensure()
        existing = set(
            ResourcePage.objects.child_of(hub).filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
        )
        wanted = [f"{SLUG_PREFIX}{number:05d}" for number in range(1, count + 1)]
        missing = [slug for slug in wanted if slug not in existing]
        if not missing:
            self.stdout.write(f"All {count:,} generated resources are already in the hub.")
            self._index(hub, started)
            return
        dimension_keys = sorted(set(Dimension.objects.values_list("key", flat=True)))
        domain_keys = list(SupportDomain.objects.values_list("key", flat=True))
        kinds = [kind for kind, _ in ResourceKind.choices]
        audiences = [audience for audience, _ in Audience.choices]
        rng = random.Random(options["seed"])
        now = timezone.now()
        with transaction.atomic():
            for number, slug in enumerate(missing, start=1):
                topic = rng.choice(words.TOPICS)
                title = rng.choice(FORMS).format(topic=topic)
                summary = rng.choice(OPENINGS).format(topic=topic.lower()) + "."
                body = "".join(f"<p>{text}</p>" for text in rng.sample(PARAGRAPHS, 3))
                # add_child keeps Wagtail's page tree right; the search index is brought up to date below.
                hub.add_child(
                    instance=ResourcePage(
                        title=f"{title} ({slug.removeprefix(SLUG_PREFIX).lstrip('0')})",
                        slug=slug,
                        kind=rng.choice(kinds),
                        summary=summary,
                        body=body,
                        audience=rng.choice(audiences),
                        dimension_keys=rng.sample(dimension_keys, min(2, len(dimension_keys))),
                        support_domain_keys=rng.sample(domain_keys, min(1, len(domain_keys))),
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
                if number % 500 == 0:
                    self.stdout.write(f"  {number:,} of {len(missing):,} ({time.perf_counter() - started:.0f} s)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Published {len(missing):,} generated resources in {time.perf_counter() - started:.1f} s."
            )
        )
        self._index(hub, started)

    def _index(self, hub: Any, started: float) -> None:
        """Add the generated resources that are not in the search index yet, in bulk. Saving a page only queues
        its indexing as a background task, which nothing runs while the data is being built."""
        generated = ResourcePage.objects.child_of(hub).filter(slug__startswith=SLUG_PREFIX)
        entries = get_app_config().get_model("IndexEntry").objects
        # The index names objects by text; PostgreSQL compares text with text only.
        ids = generated.annotate(text_id=Cast("pk", CharField())).values("text_id")
        indexed = set(entries.filter(object_id__in=ids).values_list("object_id", flat=True))
        pages = generated.prefetch_related("tagged_topics__tag", "documents")
        waiting = [page for page in pages if str(page.pk) not in indexed]
        if not waiting:
            self.stdout.write("They are all in the search index.")
            return
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ResourcePage, waiting)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(waiting):,} generated resources to the search index "
                f"({time.perf_counter() - started:.1f} s in all)."
            )
        )
