"""Remind the hub's editors and moderators, once a day, of published resources due for review: those whose
"review by" date has passed or falls in the next 30 days. Each person gets one email listing them all, with a
link to edit each in /cms/. Nothing is sent when no resource is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.comms.pipeline import mail_send
from wayfinder.contributions import mail
from wayfinder.contributions.groups import HUB_GROUPS
from wayfinder.contributions.models import ReviewReminder
from wayfinder.core.links import absolute_url
from wayfinder.hub.models import ResourcePage

REVIEW_WINDOW_DAYS = 30


@dataclass(frozen=True)
class DueResource:
    title: str
    review_by: date
    overdue: bool
    edit_link: str


def resources_due_for_review(today: date) -> list[DueResource]:
    """Live resources to check, the longest overdue first. One query."""
    pages = (
        ResourcePage.objects.live()
        .filter(review_by__isnull=False, review_by__lte=today + timedelta(days=REVIEW_WINDOW_DAYS))
        .order_by("review_by", "title", "pk")
        .values_list("pk", "title", "review_by")
    )
    return [
        DueResource(
            title=title,
            review_by=review_by,
            overdue=review_by < today,
            edit_link=absolute_url(reverse("wagtailadmin_pages:edit", args=[pk])),
        )
        for pk, title, review_by in pages
    ]


def reminder_recipients() -> list[User]:
    """Active members of either hub group who have an email address, each once."""
    return list(
        User.objects.filter(is_active=True, groups__name__in=HUB_GROUPS).exclude(email="").distinct().order_by("email")
    )


@transaction.atomic
def review_reminders_send(*, today: date | None = None) -> int:
    """Queue one email to each editor and moderator not yet reminded today. Safe to run more than once a day:
    nobody gets a second email the same day. Returns how many were queued."""
    today = today or timezone.localdate()
    due = resources_due_for_review(today)
    if not due:
        return 0
    already = set(ReviewReminder.objects.filter(sent_on=today).values_list("user_id", flat=True))
    recipients = [user for user in reminder_recipients() if user.pk not in already]
    if not recipients:
        return 0
    ReviewReminder.objects.bulk_create(
        [ReviewReminder(user=user, sent_on=today) for user in recipients], ignore_conflicts=True
    )
    overdue = sum(resource.overdue for resource in due)
    for user in recipients:
        rendered = render_to_string(
            "contributions/email/review_reminder.txt",
            {
                "user": user,
                "resources": due,
                "overdue": overdue,
                "window_days": REVIEW_WINDOW_DAYS,
                "today": today,
            },
        ).strip()
        subject, _, body = rendered.partition("\n")
        mail_send(
            kind=mail.REVIEW_REMINDER,
            key=f"{mail.REVIEW_REMINDER}:{today.isoformat()}",
            to=[user.email],
            subject=f"Wayfinder: {subject.strip()}",
            text=body.strip() + "\n",
        )
    return len(recipients)
