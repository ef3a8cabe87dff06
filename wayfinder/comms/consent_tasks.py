"""Background work for re-consent: asking every subscriber, in batches (the service does the work)."""

from django_tasks import task

from wayfinder.comms import consent


@task()
def send_campaign(*, campaign_id: int) -> int:
    return consent.send_campaign_batches(campaign_id)
