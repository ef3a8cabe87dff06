"""Background work for the hub's editors: the daily reminder of resources due for review."""

from django_tasks import task

from wayfinder.contributions import reminders


@task()
def send_review_reminders() -> int:
    """Safe to run twice: each editor gets at most one reminder a day."""
    return reminders.review_reminders_send()
