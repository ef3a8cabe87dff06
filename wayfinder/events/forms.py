"""Forms for organising events. Times are entered in UK time (Europe/London) and stored aware."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from wayfinder.events.models import Audience, Event, EventFormat, Series
from wayfinder.frameworks.models import SupportDomain
from wayfinder.hub.models import dimension_choices

LONDON = ZoneInfo("Europe/London")
INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class LondonDateTimeField(forms.DateTimeField):
    """A date and time typed in UK time, as a browser's date-and-time box sends it."""

    widget = forms.DateTimeInput(format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        kwargs["error_messages"] = {
            "invalid": "Enter a date and time, like 2027-03-05 14:00",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = result.astimezone(LONDON)
        return result


def whole_number(label: str, low: int, high: int, **kwargs: Any) -> forms.IntegerField:
    """A whole number between `low` and `high`, with messages that say what to enter."""
    message = f"Enter a whole number from {low} to {high}"
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
        **kwargs,
    )


def local_input(moment: datetime | None) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M") if moment else ""


class EventForm(forms.Form):
    host = forms.ChoiceField(
        label="Who is organising it",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is organising the event"},
    )
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the event's title"})
    summary = forms.CharField(
        max_length=300, required=False, label="Summary", help_text="One or two sentences for lists and the digest"
    )
    description = forms.CharField(widget=forms.Textarea, required=False, label="What it is about")
    speakers = forms.CharField(widget=forms.Textarea, required=False, help_text="One speaker on each line")
    format = forms.ChoiceField(
        choices=EventFormat.choices,
        widget=forms.RadioSelect,
        label="How people take part",
        error_messages={"required": "Choose whether the event is online or in person"},
    )
    joining_url = forms.URLField(
        label="Joining link",
        required=False,
        assume_scheme="https",
        help_text="For an online event. Shown only to people with a place, shortly before it starts",
        error_messages={"invalid": "Enter the joining link as a web address, like https://example.org/join"},
    )
    venue = forms.CharField(max_length=200, required=False, help_text="For an event in person")
    address = forms.CharField(widget=forms.Textarea, required=False, help_text="For an event in person")
    accessibility = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Accessibility notes",
        help_text="Step-free access, hearing loops, parking, quiet rooms",
    )
    starts_at = LondonDateTimeField(label="Starts (UK time)", error_messages={"required": "Enter when it starts"})
    ends_at = LondonDateTimeField(label="Ends (UK time)", error_messages={"required": "Enter when it ends"})
    capacity = whole_number("Places", 1, 100000)
    registration_closes_at = LondonDateTimeField(
        label="Registration closes (UK time)", required=False, help_text="Leave empty to close it when the event starts"
    )
    audience = forms.ChoiceField(
        choices=Audience.choices,
        widget=forms.RadioSelect,
        label="Who may register",
        error_messages={"required": "Choose who may register"},
    )
    series = forms.ModelChoiceField(queryset=Series.objects.order_by("name"), required=False, label="Series")
    new_series = forms.CharField(
        max_length=200, required=False, label="Or start a new series", help_text="For example, a regular webinar"
    )
    dimension_keys = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Framework dimensions it helps with"
    )
    support_domain_keys = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Support domains it helps with"
    )
    topics = forms.CharField(
        max_length=500, required=False, help_text="Separate topics with commas, for example: population health, data"
    )
    link_shown_minutes = whole_number("Show the joining link this many minutes before the start", 0, 10080, initial=30)
    first_reminder_hours = whole_number(
        "First reminder, hours before the start", 0, 168, initial=24, help_text="0 for none"
    )
    second_reminder_minutes = whole_number(
        "Second reminder, minutes before the start", 0, 10080, initial=60, help_text="0 for none"
    )
    offer_hours = whole_number("Hours to hold a freed place for the next person waiting", 1, 336, initial=48)

    def __init__(self, *args: Any, hosts: list[tuple[str, str]], event: Event | None = None, **kwargs: Any) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(event)
        super().__init__(*args, **kwargs)
        self.event = event
        if event is not None:
            del self.fields["host"]
        else:
            cast(forms.ChoiceField, self.fields["host"]).choices = hosts
            if len(hosts) == 1:
                self.fields["host"].initial = hosts[0][0]
        cast(forms.ChoiceField, self.fields["dimension_keys"]).choices = dimension_choices()
        cast(forms.ChoiceField, self.fields["support_domain_keys"]).choices = list(
            SupportDomain.objects.order_by("position").values_list("key", "name")
        )

    def clean_topics(self) -> list[str]:
        # Tidied (spacing, repeats in another case) by the service.
        raw = self.cleaned_data.get("topics") or ""
        return [part for part in raw.split(",") if part.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        host = data.get("host") or (self.event and host_of(self.event)) or ""
        audience = data.get("audience")
        if audience == Audience.NETWORK and not host.startswith("network:"):
            self.add_error("audience", "Only a network's event can be for the network's members")
        if audience == Audience.SYSTEM and not host.startswith("system:"):
            self.add_error("audience", "Only a system's event can be for the networks in the system")
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The event must end after it starts")
        closes = data.get("registration_closes_at")
        if closes and starts and closes > starts:
            self.add_error(
                "registration_closes_at", "Registration must close before the event starts, or when it starts"
            )
        if data.get("format") == EventFormat.IN_PERSON and not (data.get("venue") and data.get("address")):
            self.add_error("venue", "Enter the venue and its address for an event in person")
        if data.get("series") and data.get("new_series"):
            self.add_error("new_series", "Choose a series or start a new one, not both")
        return data

    def details(self) -> dict[str, Any]:
        """The event's details for the services (the series, when new, is made by the view)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "speakers": data["speakers"],
            "format": data["format"],
            "joining_url": data["joining_url"] if data["format"] == EventFormat.ONLINE else "",
            "venue": data["venue"],
            "address": data["address"],
            "accessibility": data["accessibility"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "capacity": data["capacity"],
            "registration_closes_at": data["registration_closes_at"],
            "audience": data["audience"],
            "series": data["series"],
            "dimension_keys": data["dimension_keys"],
            "support_domain_keys": data["support_domain_keys"],
            "topics": data["topics"],
            "link_shown_minutes": data["link_shown_minutes"],
            "first_reminder_minutes": data["first_reminder_hours"] * 60,
            "second_reminder_minutes": data["second_reminder_minutes"],
            "offer_hours": data["offer_hours"],
        }


def host_of(event: Event) -> str:
    if event.network_id is not None:
        return f"network:{event.network_id}"
    if event.system_id is not None:
        return f"system:{event.system_id}"
    return "national"


def initial_for(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "speakers": event.speakers,
        "format": event.format,
        "joining_url": event.joining_url,
        "venue": event.venue,
        "address": event.address,
        "accessibility": event.accessibility,
        "starts_at": local_input(event.starts_at),
        "ends_at": local_input(event.ends_at),
        "capacity": event.capacity,
        "registration_closes_at": local_input(event.registration_closes_at),
        "audience": event.audience,
        "series": event.series_id,
        "dimension_keys": event.dimension_keys,
        "support_domain_keys": event.support_domain_keys,
        "topics": ", ".join(event.topics),
        "link_shown_minutes": event.link_shown_minutes,
        "first_reminder_hours": event.first_reminder_minutes // 60,
        "second_reminder_minutes": event.second_reminder_minutes,
        "offer_hours": event.offer_hours,
    }


class CancelForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Why it is cancelled",
        help_text="We send this to everyone who registered",
    )
