"""The knowledge hub's pages, edited in Wagtail at /cms/: the hub front page and its resources.

A resource is tagged with dimension keys and support domain keys as plain lists of strings: keys are stable
across framework versions, so a tag keeps meaning when a matrix is tailored or republished.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.networks.models import NetworkType

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    TOOL = "tool", "Tool"
    TEMPLATE = "template", "Template"
    RESEARCH_SUMMARY = "research-summary", "Research summary"
    WEBINAR = "webinar", "Webinar recording"
    VIDEO = "video", "Video"
    LINK = "link", "Link"


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    NETWORK_LEADS = "network-leads", "Network leads and facilitators"
    MEMBERS = "members", "Network members"
    SYSTEMS = "systems", "System and regional teams"


def dimension_choices() -> list[tuple[str, str]]:
    """Every dimension key in use, named as in its most recent framework version."""
    names: dict[str, str] = {}
    rows = Dimension.objects.order_by("version__framework__name", "-version__number", "position").values_list(
        "key", "name", "version__framework__name"
    )
    for key, name, framework in rows:
        names.setdefault(key, f"{name} ({framework})")
    return sorted(names.items(), key=lambda item: item[1])


def support_domain_choices() -> list[tuple[str, str]]:
    return list(SupportDomain.objects.values_list("key", "name"))


class TaggedPageForm(WagtailAdminPageForm):
    """Dimension and support domain tags chosen from the frameworks tables rather than typed in."""

    dimension_keys = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Framework dimensions it helps with"
    )
    support_domain_keys = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Support domains it helps with"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension_keys"].choices = dimension_choices()
        self.fields["support_domain_keys"].choices = support_domain_choices()


class HubIndexPage(Page):
    """The hub's front page: every live resource, filtered by kind, support domain and dimension, or searched."""

    introduction = models.TextField(blank=True)

    template = "hub/hub_index_page.jinja"
    max_count = 1
    subpage_types = ["hub.ResourcePage", "hub.CaseStudyPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Imported here: queries imports this module's models.
        from wayfinder.hub import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.hub_listing(self, request.GET))
        context["nav_section"] = "hub"
        return context


class ResourcePage(Page):
    kind = models.CharField(max_length=32, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    summary = models.TextField(help_text="One or two sentences shown in lists and search results")
    body = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    external_link = models.URLField(blank=True, help_text="Where the resource lives, if it is not on this page")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A file to download, such as a PDF or Word template",
    )
    audience = models.CharField(max_length=32, choices=Audience.choices, default=Audience.EVERYONE)
    dimension_keys = models.JSONField(default=list, blank=True)
    support_domain_keys = models.JSONField(default=list, blank=True)
    review_by = models.DateField(null=True, blank=True, help_text="When an editor should check it is still right")

    template = "hub/resource_page.jinja"
    base_form_class = TaggedPageForm
    parent_page_types = ["hub.HubIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("external_link"),
        FieldPanel("document"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("dimension_keys"), FieldPanel("support_domain_keys")],
            heading="Who and what it helps",
        ),
        FieldPanel("review_by"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("kind"),
        index.FilterField("audience"),
    ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.hub import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.resource_detail(self))
        context["nav_section"] = "hub"
        return context


class CaseStudyPage(Page):
    """A story from a network, told so others can learn from it: the challenge, what it did, what changed."""

    network_name = models.CharField(max_length=200, help_text="The network the story is about")
    network_type = models.CharField(max_length=32, choices=NetworkType.choices, blank=True)
    summary = models.TextField(help_text="One or two sentences shown in lists and search results")
    body = RichTextField(features=RICH_TEXT_FEATURES, help_text="The challenge, what the network did, what changed")
    dimension_keys = models.JSONField(default=list, blank=True)
    support_domain_keys = models.JSONField(default=list, blank=True)

    template = "hub/case_study_page.jinja"
    base_form_class = TaggedPageForm
    parent_page_types = ["hub.HubIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("network_name"),
        FieldPanel("network_type"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("dimension_keys"), FieldPanel("support_domain_keys")], heading="What it helps with"
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("network_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.hub import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.tag_names(self.dimension_keys, self.support_domain_keys))
        context["network_type_label"] = self.get_network_type_display()
        context["nav_section"] = "hub"
        return context
