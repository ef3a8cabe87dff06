"""seed_scale_community makes threads with about ten posts each, searchable, and adds only what is missing."""

from __future__ import annotations

from io import StringIO
from types import SimpleNamespace

from django.core.management import call_command

from wayfinder.community import queries
from wayfinder.community.models import Post, Thread


def test_it_makes_searchable_threads_once(people: SimpleNamespace) -> None:
    call_command("seed_scale_community", "--threads", "30", stdout=StringIO())
    assert Thread.objects.count() == 30
    posts = Post.objects.count()
    assert posts >= 30 + 200  # the first thread has a long discussion under it
    assert Post.objects.filter(opening=True).count() == 30
    call_command("seed_scale_community", "--threads", "30", stdout=StringIO())
    assert Thread.objects.count() == 30 and Post.objects.count() == posts
    assert queries.search(people.admin, "rotas") or queries.search(people.admin, "practices")
