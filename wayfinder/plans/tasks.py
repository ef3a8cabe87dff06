"""Background work for plans: reminders to action owners. Tasks call services and are safe to run twice."""

from django_tasks import task

from wayfinder.plans import services


@task()
def remind_action_owner(*, action_id: int) -> bool:
    return services.action_remind(action_id=action_id)
