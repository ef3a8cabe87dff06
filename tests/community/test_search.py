"""Community search on its own index: a person's words are never read as the engine's syntax, the index follows
edits and moderation, and a search costs the same number of queries however many threads it finds."""

from __future__ import annotations

from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.community.conftest import queries_on, start
from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.community import queries, search, services
from wayfinder.community.models import Post, PostStatus, Thread

HOSTILE = [
    '"',
    '""',
    '"unclosed phrase',
    'fra"ilty',
    "NEAR(frailty clinic)",
    "NEAR",
    "frailty NEAR/2 clinic",
    "*",
    "frailty*",
    "-",
    "--",
    "-frailty",
    "OR",
    "frailty OR",
    "OR frailty",
    "AND NOT",
    "title:frailty",
    "body: x",
    "^frailty",
    "()",
    "(frailty",
    "'",
    "\\",
    "%",
    "_",
    "frailty; DROP TABLE community_thread; --",
    "{title body}: frailty",
    "+frailty",
    ":",
    "ǅ ☃ 💡",
]


def ids(user: Any, words: str) -> list[int]:
    return [thread.pk for thread in queries.search(user, words)]


@pytest.mark.parametrize(
    ("words", "query"),
    [
        ("frailty clinic", '(("frailty") AND ("clinic"))'),
        ('"care homes" rota', '(("care homes") AND ("rota"))'),
        ("frailty OR rota", '(("frailty" OR "rota"))'),
        ("homes -frailty", '(("homes")) NOT "frailty"'),
        ('fra"ilty', '(("fra""ilty"))'),
        ("NEAR(a b)", '(("NEAR(a") AND ("b)"))'),
        ("title:frailty", '(("title:frailty"))'),
        ("* - OR \" ''", ""),
        ("-frailty", ""),
        ("_", ""),
    ],
)
def test_words_become_quoted_terms_fts5_cannot_read_as_syntax(words: str, query: str) -> None:
    assert search.fts5_query(words) == query


@pytest.mark.parametrize("words", HOSTILE)
def test_hostile_words_never_fail_and_find_only_what_matches(people: SimpleNamespace, words: str) -> None:
    frailty = start(people.shared, people.member, title="Frailty clinic", body="We run a weekly clinic")
    start(people.shared, people.lead, title="Care homes", body="A rota for visits")
    found = ids(people.member, words)
    assert set(found) <= {frailty.pk}, words


def test_phrases_either_and_leaving_out_work_as_on_the_web(people: SimpleNamespace) -> None:
    frailty = start(people.shared, people.member, title="Frailty clinic", body="We run a weekly clinic")
    homes = start(people.shared, people.lead, title="Care homes", body="A rota for visits to homes")
    assert ids(people.member, "frailty") == [frailty.pk]
    assert set(ids(people.member, "frailty OR rota")) == {frailty.pk, homes.pk}
    assert ids(people.member, '"care homes"') == [homes.pk]
    assert ids(people.member, '"homes care"') == []
    assert ids(people.member, "weekly -frailty") == []
    assert ids(people.member, "visits -frailty") == [homes.pk]
    assert ids(people.member, "clinics") == [frailty.pk]  # words are stemmed on both engines


def test_a_title_outranks_a_reply(people: SimpleNamespace) -> None:
    in_reply = start(people.shared, people.member, title="Our first meeting", body="Notes")
    services.post_reply(thread=in_reply, author=people.lead, body="We talked about frailty")
    in_title = start(people.shared, people.lead, title="Frailty pathways", body="Notes")
    assert ids(people.member, "frailty") == [in_title.pk, in_reply.pk]


def test_edits_to_a_reply_and_a_title_update_the_index(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, title="Estates", body="Rooms we share")
    reply = services.post_reply(thread=thread, author=people.lead, body="Try the zebrafish room")
    assert ids(people.member, "zebrafish") == [thread.pk]
    services.post_edit(post=reply, editor=people.lead, body="Try the library room")
    assert ids(people.member, "zebrafish") == []
    assert ids(people.member, "library") == [thread.pk]
    opening = Post.objects.get(thread=thread, opening=True)
    services.post_edit(post=opening, editor=people.member, body="Rooms we share", title="Shared buildings")
    assert ids(people.member, "estates") == []
    assert ids(people.member, "buildings") == [thread.pk]


def test_hiding_and_restoring_take_words_out_of_the_index_and_back(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, title="Rotas", body="Who does the rota?")
    reply = services.post_reply(thread=thread, author=people.lead, body="The zebrafish team does")
    services.post_hide(post=reply, moderator=people.admin, reason="Off topic")
    assert ids(people.admin, "zebrafish") == []
    assert ids(people.admin, "rotas") == [thread.pk]
    services.post_restore(post=Post.objects.get(pk=reply.pk), moderator=people.admin, reason="Fine after all")
    assert ids(people.admin, "zebrafish") == [thread.pk]
    opening = Post.objects.get(thread=thread, opening=True)
    services.post_hide(post=opening, moderator=people.admin, reason="Spam")
    assert ids(people.admin, "rotas") == [] and ids(people.admin, "zebrafish") == []
    services.post_restore(post=Post.objects.get(pk=opening.pk), moderator=people.admin, reason="Not spam")
    assert ids(people.admin, "rotas") == [thread.pk]


def test_a_post_waiting_for_approval_is_found_once_approved(people: SimpleNamespace) -> None:
    User.objects.filter(pk=people.outsider.pk).update(date_joined=timezone.now())
    newcomer = User.objects.get(pk=people.outsider.pk)
    thread = start(people.shared, newcomer, title="Zebrafish question", body="Hello")
    assert Thread.objects.get(pk=thread.pk).status == PostStatus.PENDING
    assert ids(people.admin, "zebrafish") == []
    services.post_approve(post=Post.objects.get(thread=thread, opening=True), moderator=people.admin)
    assert ids(people.admin, "zebrafish") == [thread.pk]


def test_a_deleted_thread_leaves_the_index_and_filling_again_adds_nothing(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, title="Zebrafish", body="Hello")
    kept = start(people.shared, people.member, title="Zebrafish again", body="Hello")
    Thread.objects.filter(pk=thread.pk).delete()
    assert search.threads_index_missing() == 0
    assert ids(people.member, "zebrafish") == [kept.pk]


def test_a_search_costs_the_same_with_more_threads_found(
    client: Client, people: SimpleNamespace, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "POSTS_PER_MINUTE", 1000)
    sign_in(client, people.member)
    counts = []
    for size in (2, 20):
        for n in range(size):
            thread = start(people.shared, people.lead, title=f"Frailty {size}-{n}", tags=[f"tag{n}"])
            services.post_reply(thread=thread, author=people.member, body="Frailty again")
        counts.append(queries_on(client, "/community/search/?q=frailty"))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20, counts


def test_only_the_most_recently_active_matches_are_ranked(people: SimpleNamespace, monkeypatch: Any) -> None:
    older = start(people.shared, people.member, title="Frailty pathways", body="Notes")
    newer = start(people.shared, people.lead, title="Our first meeting", body="We talked about frailty")
    assert ids(people.member, "frailty") == [older.pk, newer.pk]
    monkeypatch.setattr(search, "CANDIDATES", 1)
    assert ids(people.member, "frailty") == [newer.pk]


@pytest.mark.django_db
def test_the_demo_community_is_searchable() -> None:
    call_command("seed_demo", stdout=StringIO())
    admin = User.objects.filter(is_superuser=True).first() or User.objects.filter(email__startswith="lead@").get()
    found = queries.search(admin, "consensus meeting")
    assert "How long should a consensus meeting take?" in [thread.title for thread in found]


def test_a_drawn_search_is_shared_only_by_readers_of_the_same_spaces_and_follows_replies(
    client: Client, people: SimpleNamespace
) -> None:
    """The page is drawn once for everyone who may read the same spaces: a member of a confidential network sees its
    thread, an outsider asking the same words next never does, and a reply that adds a match shows at once."""
    secret = start(services.space_for_network(network=people.confidential), people.member, title="Zebracrossing plan")
    url = "/community/search/?q=zebracrossing"
    sign_in(client, people.member)
    assert "Zebracrossing plan" in client.get(url).content.decode()
    client.logout()
    sign_in(client, people.outsider)
    page = client.get(url).content.decode()
    assert "Zebracrossing plan" not in page and "0 threads found" in page
    later = start(people.shared, people.lead, title="Road safety", body="Notes")
    services.post_reply(thread=later, author=people.lead, body="A zebracrossing near the practice")
    page = client.get(url).content.decode()
    assert "Road safety" in page and "Zebracrossing plan" not in page
    assert secret.pk not in ids(people.outsider, "zebracrossing")
