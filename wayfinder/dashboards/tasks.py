"""Background work for the dashboards: bringing round summaries up to date after ratings, agreed levels or a
round change. Safe to run twice: a summary that has not changed is left alone. `follow_changes` is how the
dashboards hear of a committed change (wayfinder.core.changes)."""

from typing import Any

from django_tasks import task

from wayfinder.core.changes import Changes
from wayfinder.dashboards import caching, summaries


@task()
def refresh_round_summaries(*, round_ids: list[int]) -> int:
    return summaries.rebuild(round_ids)


def follow_changes(*, changes: Changes, **kwargs: Any) -> None:
    """Drop the cached views that show what changed, and queue the refresh of the changed rounds' summaries
    (which drops the views showing those rounds once a summary has changed)."""
    caching.bump(caching.scopes_for_changes(changes))
    if changes.rounds:
        refresh_round_summaries.enqueue(round_ids=sorted(changes.rounds))
