"""Background work for rounds: reminders to raters who have not finished. Tasks call services and are safe to
run twice."""

from django_tasks import task

from wayfinder.assessments import services


@task()
def remind_rater(*, rater_id: int) -> bool:
    return services.rater_remind(rater_id=rater_id)
