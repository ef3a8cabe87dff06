"""Learning: programmes, modules and units, reflections, workbooks and completion: the data.

The content is editorial and lives in Wagtail's page tree under the knowledge hub, at /hub/learning/:
a learning front page, programmes under it, modules under a programme and units under a module. Editors write it at
/cms/ with drafts, previews, revisions and the hub's moderation. What a learner does (enrolling, answering
reflection activities, marking units complete) is kept in ordinary tables, each row the learner's own.

A unit's reflection activities are StreamField blocks. Each block keeps the id Wagtail gives it when it is made, so
an answer is tied to its activity by that id and survives edits to the wording or order of the other activities.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from wayfinder.hub.models import RICH_TEXT_FEATURES, TaggedPageForm
from wayfinder.support.content import CD_PLAN_ITEMS

# Activity kinds, as the StreamField block names.
QUESTION, RATING, CHECKLIST = "question", "rating", "checklist"
RATING_SCALE = (1, 2, 3, 4, 5)


class QuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(help_text="The question the learner answers in their own words")
    hint = blocks.CharBlock(required=False, help_text="Optional: a line to help them start")

    class Meta:
        icon = "help"
        label = "Free-text question"


class RatingBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(help_text="What the learner rates themselves on, from 1 to 5")
    low_label = blocks.CharBlock(default="Not at all", help_text="What 1 means")
    high_label = blocks.CharBlock(default="Completely", help_text="What 5 means")

    class Meta:
        icon = "order"
        label = "Self-rating from 1 to 5"


class ChecklistBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(help_text="What the list is for; the learner ticks the items that apply")
    items = blocks.ListBlock(blocks.CharBlock(label="Item"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Checklist"


class ReadingBlock(blocks.StructBlock):
    resource = blocks.PageChooserBlock(page_type="hub.ResourcePage", help_text="A resource in the knowledge hub")
    note = blocks.CharBlock(required=False, help_text="Optional: why it is worth reading, in a sentence")

    class Meta:
        icon = "doc-full"
        label = "Hub resource"


def cd_skill_choices() -> list[tuple[str, str]]:
    return [(item.key, item.title) for item in CD_PLAN_ITEMS]


def video_origins() -> list[str]:
    return list(getattr(settings, "LEARNING_VIDEO_ORIGINS", []))


class UnitPageForm(TaggedPageForm):
    """A unit's tags (dimensions, support domains, Clinical Director skills) chosen from lists, and its video
    checked: it must come from a video service the site may embed, with captions or a transcript."""

    cd_skill_keys = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Clinical Director skills and understanding it helps with",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cd_skill_keys"].choices = cd_skill_choices()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        for name, messages in check_video(cleaned).items():
            for message in messages:
                self.add_error(name, message)
        return cleaned


def check_video(cleaned: dict[str, Any]) -> dict[str, list[str]]:
    """What is wrong with a unit's video, by field: an address outside the services the site may embed, or no
    captions and no transcript."""
    problems: dict[str, list[str]] = {}
    url = cleaned.get("video_url") or ""
    if not url:
        return problems
    parts = urlsplit(url)
    origins = video_origins()
    if parts.scheme != "https" or f"{parts.scheme}://{parts.netloc}" not in origins:
        problems["video_url"] = [
            "Use the embed address of a video on " + " or ".join(origins or ["an allowed service"])
        ]
    if not cleaned.get("video_has_captions") and not (cleaned.get("transcript") or "").strip():
        problems["transcript"] = ["Add a transcript, or confirm the video has captions"]
    return problems


class LearningIndexPage(Page):
    """The learning front page in the page tree: lists the live programmes."""

    introduction = models.TextField(blank=True)

    template = "learning/learning_index_page.jinja"
    max_count = 1
    parent_page_types = ["hub.HubIndexPage"]
    subpage_types = ["learning.ProgrammePage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.learning import queries

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = queries.programmes_listed(request.user)
        context["nav_section"] = "learning"
        return context


class ProgrammePage(Page):
    """A programme: modules in the order editors put them."""

    summary = models.TextField(help_text="One or two sentences shown in lists")
    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    template = "learning/programme_page.jinja"
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.ModulePage"]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("introduction")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.learning import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.programme_progress(self, request.user))
        context["nav_section"] = "learning"
        return context


class Completion(models.TextChoices):
    EVERY_UNIT = "every-unit", "Every unit done"


class ModulePage(Page):
    """A module: units in order, and how a learner completes it."""

    summary = models.TextField(help_text="One or two sentences shown in lists and in the digest")
    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    completion = models.CharField(
        "how it is completed",
        max_length=16,
        choices=Completion.choices,
        default=Completion.EVERY_UNIT,
        help_text="A learner completes the module, and gets its certificate, when this is met",
    )

    template = "learning/module_page.jinja"
    parent_page_types = ["learning.ProgrammePage"]
    subpage_types = ["learning.UnitPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("completion"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("introduction")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.learning import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.module_progress(self, request.user))
        context["nav_section"] = "learning"
        return context


class UnitPage(Page):
    """A unit: an introduction, a video with captions or a transcript, a learning outcome, reading from the hub and
    reflection activities."""

    introduction = RichTextField(features=RICH_TEXT_FEATURES)
    video_url = models.URLField(
        "video embed address",
        blank=True,
        help_text="The embed address of the video (for example https://www.youtube-nocookie.com/embed/...). "
        "Leave blank until the video is ready: the page then says the video is to come.",
    )
    video_has_captions = models.BooleanField("the video has captions", default=False)
    transcript = models.TextField(blank=True, help_text="Shown beside the video, always. Needed if it has no captions.")
    learning_outcome = models.TextField(help_text="What the learner will be able to do, in a sentence or two")
    reading = StreamField([("resource", ReadingBlock())], blank=True, use_json_field=True)
    activities = StreamField(
        [(QUESTION, QuestionBlock()), (RATING, RatingBlock()), (CHECKLIST, ChecklistBlock())],
        blank=True,
        use_json_field=True,
        help_text="Reflection activities: each one is answered in the learner's online workbook",
    )
    dimension_keys = models.JSONField(default=list, blank=True)
    support_domain_keys = models.JSONField(default=list, blank=True)
    cd_skill_keys = models.JSONField(default=list, blank=True)

    template = "learning/unit_page.jinja"
    base_form_class = UnitPageForm
    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("video_has_captions"), FieldPanel("transcript")], heading="Video"
        ),
        FieldPanel("learning_outcome"),
        FieldPanel("reading"),
        FieldPanel("activities"),
        MultiFieldPanel(
            [FieldPanel("dimension_keys"), FieldPanel("support_domain_keys"), FieldPanel("cd_skill_keys")],
            heading="What it helps with",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("learning_outcome"),
        index.SearchField("transcript"),
    ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.learning import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.unit_detail(self, request.user))
        context["nav_section"] = "learning"
        return context


# What learners do -------------------------------------------------------------------------------------------


class Enrolment(models.Model):
    """A learner on a module. Completed once every unit is done (the module's completion rule)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_enrolments")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the learner first saved an answer or finished a unit of the module"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["enrolled_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "module"], name="one_enrolment_per_module")]
        indexes = [models.Index(fields=["module", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.person} on {self.module_id}"


class Answer(models.Model):
    """A learner's answer to one reflection activity of a unit: words, a rating from 1 to 5, or ticked items."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_answers")
    unit = models.ForeignKey(UnitPage, on_delete=models.CASCADE, related_name="answers")
    activity_id = models.CharField(max_length=64, help_text="The id of the activity's block in the unit")
    text = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    ticked = models.JSONField(default=list, blank=True, help_text="The indexes of the ticked checklist items")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "unit", "activity_id"], name="one_answer_per_activity"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="answer_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk}"


class UnitDone(models.Model):
    """A learner marked a unit complete, with every activity answered."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_units_done")
    unit = models.ForeignKey(UnitPage, on_delete=models.CASCADE, related_name="done_by")
    done_at = models.DateTimeField()

    class Meta:
        ordering = ["done_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "unit"], name="one_unit_done_per_person")]

    def __str__(self) -> str:
        return f"Unit {self.unit_id} done"
