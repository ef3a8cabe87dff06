"""Background work for the dashboards: bringing round summaries up to date after ratings, agreed levels or a
round change. Safe to run twice: a summary that has not changed is left alone."""

from django_tasks import task

from wayfinder.dashboards import summaries


@task()
def refresh_round_summaries(*, round_ids: list[int]) -> int:
    return summaries.rebuild(round_ids)
