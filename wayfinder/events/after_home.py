"""What happens after an event adds to an attendee's to-do list: the exit survey to answer and the knowledge check to
take, for events in the last few weeks. Two queries."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wayfinder.core.home import ToDo, Viewer
from wayfinder.events.after_models import Check, Survey

# Asked for this long after it was sent; after that it drops off the list.
RECENT = timedelta(days=42)


def follow_ups(viewer: Viewer) -> list[ToDo]:
    since = timezone.now() - RECENT
    attended = {
        "event__registrations__person": viewer.user,
        "event__registrations__attendance__isnull": False,
        "sent_at__gte": since,
    }
    surveys = (
        Survey.objects.filter(**attended)
        .exclude(responses__person=viewer.user)
        .select_related("event")
        .order_by("-sent_at")[:5]
    )
    checks = (
        Check.objects.filter(**attended)
        .exclude(attempts__person=viewer.user)
        .select_related("event")
        .order_by("-sent_at")[:5]
    )
    return [
        *(
            ToDo(
                title=survey.event.title,
                action="Answer the exit survey",
                href=reverse("events:after_survey", kwargs={"event_id": survey.event_id}),
                detail="Tell the organisers what you thought of it",
                rank=60,
            )
            for survey in surveys
        ),
        *(
            ToDo(
                title=check.event.title,
                action="Take the knowledge check",
                href=reverse("events:after_check", kwargs={"event_id": check.event_id}),
                detail="A few questions on what it covered",
                rank=61,
                optional=not check.certificate_needs_pass,
            )
            for check in checks
        ),
    ]
