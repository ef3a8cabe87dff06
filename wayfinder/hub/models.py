"""The knowledge hub's pages, edited in Wagtail at /cms/: the hub front page and its resources.

A resource is tagged with dimension keys and support domain keys as plain lists of strings: keys are stable
across framework versions, so a tag keeps meaning when a matrix is tailored or republished.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
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
    """Dimension and support domain tags chosen from the frameworks tables rather than typed in, and (on
    resources) the kinds of network a resource suits."""

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
        if "network_types" in self.fields:
            self.fields["network_types"] = forms.MultipleChoiceField(
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=NetworkType.choices,
                label="Kinds of network it suits",
                help_text="Leave all unticked if it suits every kind of network",
                initial=self.initial.get("network_types"),
            )


class HubIndexPage(Page):
    """The hub's front page: every live resource, filtered by kind, support domain and dimension, or searched."""

    introduction = models.TextField(blank=True)

    template = "hub/hub_index_page.jinja"
    max_count = 1
    subpage_types = ["hub.ResourcePage", "hub.CaseStudyPage", "hub.SpotlightPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    # Set only on the copy the hub's own view serves (views.front_page), from what it keeps under generations that
    # any change to the hub's pages, its sites or a view restriction bumps: the page's address for the request's
    # site, and that no view restriction applies to it. Every other copy (the admin's, a preview, a page Wagtail
    # routes itself) leaves them unset and asks Wagtail.
    served_address: str | None = None
    served_unrestricted: bool = False

    def address(self, request: HttpRequest | None) -> str:
        """The page's address as `get_url(request)` gives it."""
        if self.served_address is not None:
            return self.served_address
        return self.get_url(request) or ""

    def get_view_restrictions(self) -> Any:
        if self.served_unrestricted:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Imported here: queries imports this module's models.
        from wayfinder.hub import listing, queries

        context = super().get_context(request, *args, **kwargs)
        context.update(listing.drawn(self, request))
        context["spotlights"] = [] if context["filtered"] else queries.spotlights(self)
        context["nav_section"] = "hub"
        return context


class ResourceTopic(TaggedItemBase):
    """A topic on a resource: a free tag from a small shared vocabulary ("governance", "data", ...)."""

    content_object = ParentalKey("hub.ResourcePage", on_delete=models.CASCADE, related_name="tagged_topics")


class ResourcePage(Page):
    kind = models.CharField(max_length=32, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    summary = models.TextField(help_text="One or two sentences shown in lists and search results")
    body = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    external_link = models.URLField(blank=True, help_text="Where the resource lives, if it is not on this page")
    audience = models.CharField(max_length=32, choices=Audience.choices, default=Audience.EVERYONE)
    network_types = models.JSONField(default=list, blank=True)
    dimension_keys = models.JSONField(default=list, blank=True)
    support_domain_keys = models.JSONField(default=list, blank=True)
    topics = ClusterTaggableManager(
        through=ResourceTopic, blank=True, verbose_name="topics", help_text="A few words people might look for"
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the resource itself was published, if not on this site. Leave blank to use the date it "
        "went live here.",
    )
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
        InlinePanel(
            "documents",
            heading="Files to download",
            label="File",
            help_text="Such as slides, a PDF guide or a Word template. The words in PDF and Word files are searched.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("network_types"),
                FieldPanel("dimension_keys"),
                FieldPanel("support_domain_keys"),
                FieldPanel("topics"),
            ],
            heading="Who and what it helps",
        ),
        MultiFieldPanel([FieldPanel("published_on"), FieldPanel("review_by")], heading="Dates"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("attachment_text"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.AutocompleteField("summary"),
        index.FilterField("kind"),
        index.FilterField("audience"),
    ]

    def save(self, *args: Any, **kwargs: Any) -> Any:
        result = super().save(*args, **kwargs)
        # The search index is written from post_save, before modelcluster saves the page's files: index once more
        # when there are files, so their words are searchable from the first publish.
        if self.live and self.pk and ResourceDocument.objects.filter(page_id=self.pk).exists():
            index.insert_or_update_object(self)
        return result

    def attachment_text(self) -> str:
        """The words of the attached PDF and Word files, extracted when each was uploaded."""
        return "\n".join(
            DocumentText.objects.filter(document__resource_links__page=self)
            .order_by("document__resource_links__sort_order")
            .values_list("text", flat=True)
        )

    @property
    def published_date(self) -> Any:
        """The date shown as published: the resource's own date, else when it first went live here."""
        if self.published_on:
            return self.published_on
        return self.first_published_at.date() if self.first_published_at else None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.hub import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.resource_detail(self))
        context["nav_section"] = "hub"
        return context


class ResourceDocument(Orderable):
    """A file attached to a resource, in the order the editor put them."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="resource_links")

    panels = [FieldPanel("document")]


class CaseStudyPage(Page):
    """A story from a network, told so others can learn from it: the challenge, what it did, what changed."""

    network_name = models.CharField(max_length=200, help_text="The network the story is about")
    network_type = models.CharField(max_length=32, choices=NetworkType.choices, blank=True)
    summary = models.TextField(help_text="One or two sentences shown in lists and search results")
    problem = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="The problem the network faced")
    what_they_did = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="What the network did")
    what_changed = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="What changed as a result")
    contact = models.CharField(
        max_length=300, blank=True, help_text="Who to contact to learn more: a role and how to reach them"
    )
    body = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Anything else worth telling. Older stories keep their whole text here.",
    )
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
        FieldPanel("problem"),
        FieldPanel("what_they_did"),
        FieldPanel("what_changed"),
        FieldPanel("contact"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("dimension_keys"), FieldPanel("support_domain_keys")], heading="What it helps with"
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("network_name"),
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("what_they_did"),
        index.SearchField("what_changed"),
        index.SearchField("body"),
    ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.hub import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.tag_names(self.dimension_keys, self.support_domain_keys))
        context["network_type_label"] = self.get_network_type_display()
        context["nav_section"] = "hub"
        return context


class SpotlightPage(Page):
    """A curated collection: resources and case studies on one theme, in the order an editor chose, with an
    introduction saying who it is for."""

    introduction = models.TextField(help_text="Who the collection is for and what it covers, in a few sentences")

    template = "hub/spotlight_page.jinja"
    parent_page_types = ["hub.HubIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("items", heading="What it brings together", label="Item", min_num=1),
    ]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from wayfinder.hub import queries

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = queries.spotlight_entries(self)
        context["nav_section"] = "hub"
        return context


class SpotlightItem(Orderable):
    spotlight = ParentalKey(SpotlightPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A resource or case study in the hub",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Optional: why it is here, in a sentence")

    panels = [PageChooserPanel("page", ["hub.ResourcePage", "hub.CaseStudyPage"]), FieldPanel("note")]

    def clean(self) -> None:
        super().clean()
        if (
            self.page_id
            and not Page.objects.filter(
                pk=self.page_id, content_type__model__in=["resourcepage", "casestudypage"]
            ).exists()
        ):
            raise ValidationError({"page": "Choose a resource or a case study"})


class DocumentText(models.Model):
    """The words of an uploaded PDF or Word file, extracted once when it is uploaded so search can use them."""

    document = models.OneToOneField("wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted")
    file_hash = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Text of document {self.document_id}"
