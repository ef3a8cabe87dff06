"""A person's community data: their posts in "download my data"; deleting the account keeps the posts but no longer
names them. And the link to a network's discussions on its page, for those who may read them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.test import Client

from tests.community.conftest import start
from tests.signing_in import sign_in
from wayfinder.comms import data_rights
from wayfinder.community import services
from wayfinder.community.models import Follow, Notification, Post, Thread


def test_the_export_holds_the_persons_posts_and_earlier_versions(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, title="Rotas", body="First")
    services.post_edit(post=Post.objects.get(thread=thread), editor=people.member, body="Second")
    services.post_reply(thread=thread, author=people.lead, body="Not theirs")
    files = {f.name: f for exporter, found in data_rights.exported_files(people.member) for f in found}
    posts = files["community/posts.json"].data
    assert [(p["thread"], p["body"]) for p in posts] == [("Rotas", "Second")]
    assert posts[0]["earlier_versions"][0]["body"] == "First"
    assert files["community/following.csv"].rows == [["Thread", "Rotas"]]


def test_erasing_keeps_the_posts_without_the_name(
    people: SimpleNamespace, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start(people.shared, people.member, title="Rotas", body="Our rota")
    services.post_reply(thread=thread, author=people.lead, body="Thanks @MaxMember")
    with django_capture_on_commit_callbacks(execute=True):
        data_rights.account_erase(user=people.member, requested_by=people.member)
    assert Post.objects.filter(body="Our rota", author=None).exists()
    assert Thread.objects.get(pk=thread.pk).author_id is None
    assert not Follow.objects.filter(person_id=people.member.pk).exists()
    assert not Notification.objects.filter(person_id=people.member.pk).exists()
    sign_in(client, people.lead)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Our rota" in page and "Max Member" not in page.split("Thanks")[0]


def test_a_networks_page_links_to_its_discussions_for_those_who_may_read_them(
    client: Client, people: SimpleNamespace
) -> None:
    sign_in(client, people.member)
    assert "/community/networks/qi-circle/" in client.get("/networks/qi-circle/").content.decode()
    sign_in(client, people.outsider)
    page = client.get("/networks/qi-circle/")
    assert page.status_code == 200
    assert "/community/networks/qi-circle/" not in page.content.decode()
    assert "/community/networks/riverside-pcn/" in client.get("/networks/riverside-pcn/").content.decode()
