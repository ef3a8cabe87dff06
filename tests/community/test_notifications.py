"""Following, notifications and mail: who hears of what, once, in the way they chose."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.core import mail
from django.test import Client

from tests.community.conftest import start
from tests.signing_in import sign_in
from wayfinder.comms.models import Delivery, DeliveryStatus, MailPreference
from wayfinder.comms.summaries import summaries_send
from wayfinder.community import notify, services
from wayfinder.community.mail import ACTIVITY, MENTION
from wayfinder.community.models import Follow, Notification


def test_you_follow_what_you_start_or_reply_to(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    services.post_reply(thread=thread, author=people.lead, body="Reply")
    assert set(Follow.objects.filter(thread=thread).values_list("person_id", flat=True)) == {
        people.member.pk,
        people.lead.pk,
    }


def test_the_asker_hears_of_a_reply_on_the_page_and_by_mail_once(
    client: Client, people: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start(people.shared, people.member, title="Rotas")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.post_reply(thread=thread, author=people.lead, body="We share one rota")
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert "Lena Lead replied to" in mail.outbox[0].subject
    assert "We share one rota" in mail.outbox[0].body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers  # one click
    # The same notification again sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        notify.post_shown(reply)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(person=people.member).count() == 1
    sign_in(client, people.member)
    page = client.get("/community/notifications/").content.decode()
    assert "Lena Lead replied to “Rotas”" in page
    assert "Community (1 new)" in client.get("/community/").content.decode()
    client.post("/community/notifications/")
    assert notify.unread_count(people.member) == 0
    assert "Community (1 new)" not in client.get("/community/").content.decode()


def test_a_mention_tells_the_person_once_even_if_they_follow(
    people: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start(people.shared, people.member)
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_reply(
            thread=thread, author=people.lead, body="What do you think, @MaxMember and @OliveOutsider?"
        )
    kinds = sorted(Notification.objects.values_list("person__email", "kind"))
    assert kinds == [("member@example.org", "mention"), ("outsider@example.org", "mention")]
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(post=post, editor=people.lead, body="@MaxMember @OliveOutsider @SamSystem")
    assert Notification.objects.filter(kind="mention").count() == 3
    assert Delivery.objects.filter(kind=MENTION).count() == 3


def test_followers_of_a_topic_and_a_space_hear_of_new_threads(people: SimpleNamespace) -> None:
    services.follow_set(person=people.lead, topic=people.topic, following=True)
    services.follow_set(person=people.national, space=people.shared, following=True)
    start(people.shared, people.member, topic=people.topic)
    assert sorted(Notification.objects.filter(kind="thread").values_list("person__email", flat=True)) == [
        "lead@example.org",
        "national@example.org",
    ]
    services.follow_set(person=people.lead, topic=people.topic, following=False)
    assert not Follow.objects.filter(person=people.lead, topic=people.topic).exists()


def test_mail_follows_each_persons_choice(people: SimpleNamespace, django_capture_on_commit_callbacks: Any) -> None:
    MailPreference.objects.create(user=people.member, kind=ACTIVITY, frequency="daily")
    MailPreference.objects.create(user=people.lead, kind=ACTIVITY, frequency="off")
    thread = start(people.shared, people.member)
    services.post_reply(thread=thread, author=people.outsider, body="Hello")
    services.follow_set(person=people.lead, thread=thread, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread=thread, author=people.national, body="Hello again")
    statuses = dict(Delivery.objects.filter(key__startswith="community.reply").values_list("recipient", "status"))
    assert statuses["member@example.org"] == DeliveryStatus.HELD
    assert statuses["lead@example.org"] == DeliveryStatus.SKIPPED
    assert statuses["outsider@example.org"] != DeliveryStatus.SKIPPED
    with django_capture_on_commit_callbacks(execute=True):
        assert summaries_send() == 1
    assert any("daily summary" in m.subject and m.to == ["member@example.org"] for m in mail.outbox)


def test_the_accepted_answers_author_is_told(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    reply = services.post_reply(thread=thread, author=people.lead, body="Answer")
    services.answer_accept(thread=thread, post=reply, by=people.member)
    assert Notification.objects.filter(person=people.lead, kind="accepted").count() == 1
