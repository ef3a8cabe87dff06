"""Forms for starting threads, replying, editing, reporting and moderating. Each checks what a person typed and
says clearly what is wrong; the services check the rest."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.utils.text import slugify

from wayfinder.community.models import ReportReason, ThreadKind, Topic
from wayfinder.community.services import BODY_MOST, STOP_DAYS_MOST, TAGS_MOST, TITLE_MOST
from wayfinder.frameworks.models import Dimension
from wayfinder.hub.models import ResourcePage

BODY_HELP = (
    "You can use Markdown: **bold**, *italic*, [a link](https://...), lists and quotes. "
    "Mention someone with @ and their name without spaces, like @LenaLead."
)


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a question or a discussion?",
        choices=ThreadKind.choices,
        widget=forms.RadioSelect,
        initial=ThreadKind.QUESTION,
        error_messages={"required": "Choose whether this is a question or a discussion"},
    )
    title = forms.CharField(
        label="Title", max_length=TITLE_MOST, error_messages={"required": "Give your question or discussion a title"}
    )
    body = forms.CharField(
        label="Your post",
        widget=forms.Textarea,
        max_length=BODY_MOST,
        help_text=BODY_HELP,
        error_messages={"required": "Write your post"},
    )
    topic = forms.ModelChoiceField(label="Topic", queryset=Topic.objects.all(), required=False, empty_label="No topic")
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=300,
        help_text=f"Up to {TAGS_MOST} words or short phrases, separated by commas",
    )
    resources = forms.CharField(
        label="Links to knowledge hub resources",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The address of each hub resource, one a line",
    )

    def __init__(self, *args: Any, with_topics: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_topics:
            del self.fields["topic"]

    def clean_tags(self) -> list[str]:
        names = [" ".join(name.split()) for name in self.cleaned_data["tags"].split(",") if name.strip()]
        if len(names) > TAGS_MOST:
            raise forms.ValidationError(f"Give {TAGS_MOST} tags at most")
        if any(len(name) > 40 for name in names):
            raise forms.ValidationError("Keep each tag to 40 characters at most")
        return names

    def clean_resources(self) -> list[ResourcePage]:
        lines = [line.strip() for line in self.cleaned_data["resources"].splitlines() if line.strip()]
        if len(lines) > 10:
            raise forms.ValidationError("Link to 10 hub resources at most")
        found = []
        for line in lines:
            path = urlsplit(line).path or line
            resource = resource_at(path)
            if resource is None:
                raise forms.ValidationError(f"There is no hub resource at {line}. Copy its address from the hub.")
            found.append(resource)
        return found


def resource_at(path: str) -> ResourcePage | None:
    """The live hub resource whose page is at this address (its path on the site)."""
    wanted = "/" + path.strip("/") + "/"
    slug = wanted.rstrip("/").rsplit("/", 1)[-1]
    for resource in ResourcePage.objects.live().filter(slug=slug)[:10]:
        if (resource.url or "").endswith(wanted):
            return resource
    return None


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea,
        max_length=BODY_MOST,
        help_text=BODY_HELP,
        error_messages={"required": "Write your reply"},
    )
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = forms.CharField(
        label="Your post", widget=forms.Textarea, max_length=BODY_MOST, error_messages={"required": "Write your post"}
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with this post?",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are reporting this post"},
    )
    detail = forms.CharField(
        label="Tell us more",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="Needed if it may be illegal or is something else. Only the moderators read this.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") in (ReportReason.ILLEGAL, ReportReason.OTHER) and not data.get("detail", "").strip():
            self.add_error("detail", "Tell us what is wrong with this post")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="The author is told this",
        error_messages={"required": "Give the reason the author will be told"},
    )


class StopForm(forms.Form):
    days = forms.IntegerField(
        label="For how many days?",
        min_value=1,
        max_value=STOP_DAYS_MOST,
        error_messages={
            "required": "Give a number of days",
            "invalid": "Give a whole number of days",
            "min_value": "Give at least 1 day",
            "max_value": f"Give {STOP_DAYS_MOST} days at most",
        },
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="The person is told this",
        error_messages={"required": "Give the reason the person will be told"},
    )


class TopicForm(forms.ModelForm[Topic]):
    """An editor's topic: its name, what it covers, and the framework dimensions and support domains it is about."""

    class Meta:
        model = Topic
        fields = ["name", "description", "position", "dimensions", "support_domains"]
        labels = {"position": "Place in the list", "support_domains": "Support domains"}
        help_texts = {"position": "Lower numbers come first", "dimensions": "Optional"}
        widgets = {"dimensions": forms.CheckboxSelectMultiple, "support_domains": forms.CheckboxSelectMultiple}
        error_messages = {
            "name": {"required": "Give the topic a name", "unique": "There is already a topic with this name"}
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dimensions = self.fields["dimensions"]
        assert isinstance(dimensions, forms.ModelMultipleChoiceField)
        dimensions.queryset = (
            Dimension.objects.filter(version__status="published")
            .select_related("version__framework")
            .order_by("version__framework__name", "position")
        )
        dimensions.label_from_instance = lambda d: f"{d.version.framework.name}: {d.name}"  # type: ignore[method-assign,assignment]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not slugify(name):
            raise forms.ValidationError("Use some letters or numbers in the name")
        return name

    def save(self, commit: bool = True) -> Topic:
        topic = super().save(commit=False)
        if not topic.slug:
            base = slugify(topic.name)[:90] or "topic"
            slug, n = base, 2
            while Topic.objects.filter(slug=slug).exists():
                slug, n = f"{base}-{n}", n + 1
            topic.slug = slug
        if commit:
            topic.save()
            self.save_m2m()
        return topic


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the community", required=False, max_length=200)
