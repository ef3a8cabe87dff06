"""The demo community for `manage.py seed_demo`, as `demo.yaml` describes it: topics, a few threads in the shared
space and in a network's space, replies and an accepted answer. Made once: if any thread exists, nothing is added."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.community import purpose_demo, services
from wayfinder.community.models import Participant, Space, Thread, Topic
from wayfinder.core.datafiles import read_yaml
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Network

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")


def _topics() -> dict[str, Topic]:
    topics = {}
    for position, item in enumerate(DEMO["topics"]):
        topic, _ = Topic.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "description": item.get("description", ""), "position": position},
        )
        topic.support_domains.add(*SupportDomain.objects.filter(key__in=item.get("domains", [])))
        topics[topic.slug] = topic
    return topics


def _space(name: str) -> Space | None:
    if name == "shared":
        return services.space_shared()
    network = Network.objects.filter(slug=name).first()
    return services.space_for_network(network=network) if network is not None else None


def _thread(item: dict[str, Any], people: dict[str, User], topics: dict[str, Topic]) -> bool:
    space = _space(item["space"])
    author = people.get(item["author"])
    if space is None or author is None:
        return False
    thread = services.thread_start(
        space=space,
        author=author,
        kind=item["kind"],
        title=item["title"],
        body=item["body"],
        topic=topics.get(item.get("topic", "")),
        tags=item.get("tags", []),
    )
    replies = []
    for reply in item.get("replies", []):
        if (person := people.get(reply["author"])) is not None:
            replies.append(services.post_reply(thread=thread, author=person, body=reply["body"]))
    if (accepted := item.get("accepted")) is not None and accepted < len(replies):
        services.answer_accept(thread=thread, post=replies[accepted], by=author)
    return True


def seed() -> list[str]:
    # Shared purpose, peers to learn from and the member directory (purpose_demo.py).
    return seed_spaces() + purpose_demo.seed()


def seed_spaces() -> list[str]:
    topics = _topics()
    if Thread.objects.exists():
        return [f"Demo community: {len(topics)} topics; threads were already there."]
    names = {item["author"] for item in DEMO["threads"]} | {
        reply["author"] for item in DEMO["threads"] for reply in item.get("replies", [])
    }
    people = {
        user.email.split("@")[0]: user for user in User.objects.filter(email__in=[f"{n}@{DEMO_DOMAIN}" for n in names])
    }
    # Demo accounts are made today; as new accounts their first posts would wait for a moderator.
    long_ago = timezone.now() - timedelta(days=60)
    for user in people.values():
        Participant.objects.update_or_create(person=user, defaults={"norms_agreed_at": long_ago})
        if user.date_joined > long_ago:
            User.objects.filter(pk=user.pk).update(date_joined=long_ago)
            user.date_joined = long_ago
    made = 0
    for item in DEMO["threads"]:
        made += _thread(item, people, topics)
    return [f"Demo community: {len(topics)} topics and {made} threads with replies."]
