"""Background work for events: reminders before events and offers from the waiting list that have run out. Tasks
call services and are safe to run twice."""

from django_tasks import task

from wayfinder.events import services


@task()
def send_reminders() -> int:
    return services.reminders_send()


@task()
def expire_offers() -> int:
    return services.offers_expire()
