"""Reads for contributions and feedback: a member's own contributions, and the editors' usefulness report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from wayfinder.contributions.models import Contribution, ResourceFeedback
from wayfinder.hub.models import ResourcePage

REPORT_LIMIT = 10
COMMENTS_PER_PAGE = 5


def contributions_of(user: Any) -> QuerySet[Contribution]:
    return Contribution.objects.filter(contributor=user).select_related("page")


def feedback_of(user: Any, page: Page) -> ResourceFeedback | None:
    if not user.is_authenticated:
        return None
    return ResourceFeedback.objects.filter(page=page, user=user).first()


@dataclass
class UsefulnessRow:
    page: Page
    useful: int
    not_useful: int
    comments: list[ResourceFeedback] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.useful + self.not_useful

    @property
    def score(self) -> float:
        """The share who found it useful, pulled towards a half when few have answered, so one "yes" does not
        outrank twenty."""
        return (self.useful + 1) / (self.total + 2)


@dataclass
class UsefulnessReport:
    most_useful: list[UsefulnessRow]
    least_useful: list[UsefulnessRow]
    past_review: list[ResourcePage]
    today: date


def usefulness_report(limit: int = REPORT_LIMIT) -> UsefulnessReport:
    """The resources readers found most and least useful (with their latest comments), and those past their
    review date. Four queries however many resources and answers."""
    counts = (
        ResourceFeedback.objects.values("page_id")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .order_by()
    )
    totals = {row["page_id"]: (row["yes"], row["no"]) for row in counts}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=totals).order_by()}
    rows = [UsefulnessRow(pages[pk], *totals[pk]) for pk in totals if pk in pages]
    most = sorted(rows, key=lambda row: (-row.score, -row.total, row.page.title))[:limit]
    least = sorted((row for row in rows if row.not_useful), key=lambda row: (row.score, -row.total, row.page.title))[
        :limit
    ]
    shown = {row.page.pk for row in [*most, *least]}
    comments: dict[int, list[ResourceFeedback]] = {}
    for feedback in ResourceFeedback.objects.filter(page_id__in=shown).exclude(comment="").order_by("-updated_at"):
        bucket = comments.setdefault(feedback.page_id, [])
        if len(bucket) < COMMENTS_PER_PAGE:
            bucket.append(feedback)
    for row in [*most, *least]:
        row.comments = comments.get(row.page.pk, [])
    today = timezone.localdate()
    past_review = list(ResourcePage.objects.filter(review_by__lt=today).order_by("review_by", "title"))
    return UsefulnessReport(most_useful=most, least_useful=least, past_review=past_review, today=today)
