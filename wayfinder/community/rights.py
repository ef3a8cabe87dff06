"""What the community holds about a person, for "download my data": the posts they wrote (with their earlier
versions), what they follow and the reports they made. Deleting the account keeps their posts, so threads still
read, but no longer names them; their follows, notifications and helpful marks go."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.community import caching
from wayfinder.community.models import Follow, Helpful, Notification, Participant, Post, PostingStop, Report, Thread


def export(user: Any) -> list[DataFile]:
    posts = (
        Post.objects.filter(author=user).select_related("thread").prefetch_related("revisions").order_by("created_at")
    )
    follows = Follow.objects.filter(person=user).select_related("thread", "topic", "space").order_by("pk")
    reports = Report.objects.filter(reporter=user).select_related("post__thread").order_by("pk")
    return [
        DataFile(
            name="community/posts.json",
            data=[
                {
                    "thread": post.thread.title,
                    "started_the_thread": post.opening,
                    "body": post.body,
                    "status": post.get_status_display(),
                    "written": post.created_at.isoformat(),
                    "edited": post.edited_at.isoformat() if post.edited_at else None,
                    "earlier_versions": [
                        {"body": revision.body, "written": revision.written_at.isoformat()}
                        for revision in post.revisions.all()
                    ],
                }
                for post in posts
            ],
        ),
        DataFile(
            name="community/following.csv",
            header=["What", "Name"],
            rows=[
                ["Thread", f.thread.title]
                if f.thread
                else ["Topic", f.topic.name]
                if f.topic
                else ["Space", str(f.space)]
                for f in follows
            ],
        ),
        DataFile(
            name="community/reports-you-made.csv",
            header=["Thread", "Reason", "Detail", "Made"],
            rows=[[r.post.thread.title, r.get_reason_display(), r.detail, r.created_at] for r in reports],
        ),
    ]


def erase(user: Any) -> None:
    Post.objects.filter(author=user).update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    Report.objects.filter(reporter=user).update(reporter=None)
    Notification.objects.filter(actor=user).update(actor=None)
    for model in (Follow, Helpful, Notification, Participant, PostingStop):
        model.objects.filter(person=user).delete()
    caching.people_changed()  # the pages drawn with their name on them
