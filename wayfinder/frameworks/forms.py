"""Forms for tailoring frameworks: cloning, importing, and editing a draft's details, levels and dimensions."""

from __future__ import annotations

from typing import Any

from django import forms

from wayfinder.core import permissions
from wayfinder.core.tabular import UploadField
from wayfinder.frameworks.labels import level_label
from wayfinder.frameworks.models import Dimension, Level
from wayfinder.frameworks.validation import GROUP_MAX_LENGTH, KEY_MAX_LENGTH, LEVEL_NAME_MAX_LENGTH, NAME_MAX_LENGTH
from wayfinder.networks.models import System

NATIONAL = "national"


def owner_choices(user: Any) -> list[tuple[str, str]]:
    """Who a new tailored framework may belong to: the systems the user leads (every system for a site
    admin) and, for the national team and site admins, the nation as a whole."""
    reach = permissions.reach(user)
    systems = System.objects.all() if reach.site_admin else System.objects.filter(pk__in=reach.system_ids)
    choices = [(str(pk), name) for pk, name in systems.order_by("name").values_list("pk", "name")]
    if reach.national:
        choices.insert(0, (NATIONAL, "National – for every system to use"))
    return choices


class OwnerFormMixin(forms.Form):
    owner = forms.ChoiceField(
        label="Who will the framework belong to?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the framework will belong to"},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = owner_choices(user)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = choices
        owner.help_text = "Leads of that system can edit it and publish new versions."
        if len(choices) == 1:
            self.initial.setdefault("owner", choices[0][0])

    def owner_system(self) -> System | None:
        """The chosen system, or None for national; call after is_valid()."""
        value = self.cleaned_data["owner"]
        return None if value == NATIONAL else System.objects.get(pk=int(value))


class CloneForm(OwnerFormMixin):
    name = forms.CharField(
        label="Name of your framework",
        max_length=NAME_MAX_LENGTH,
        help_text="For example, the name of the framework followed by the name of your system",
        error_messages={"required": "Enter a name for your framework"},
    )


class ImportForm(OwnerFormMixin):
    file = UploadField(
        label="Framework file",
        help_text="A JSON file (.json) or a spreadsheet (.xlsx) exported from Wayfinder, up to 5 MB",
        choose="Choose a JSON or spreadsheet file to upload",
        extensions=(".json", ".xlsx"),
        wrong_kind="The file must be a JSON file (.json) or an Excel workbook (.xlsx). In Excel or LibreOffice, "
        'choose Save as and pick "Excel Workbook (.xlsx)".',
        too_big="The file must be 5 MB or smaller",
    )
    name = forms.CharField(
        label="Name of the new framework",
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text="Leave this empty to use the name in the file",
    )


class DetailsForm(forms.Form):
    name = forms.CharField(
        label="Framework name", max_length=NAME_MAX_LENGTH, error_messages={"required": "Enter the framework's name"}
    )
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea, help_text="A sentence or two on what it is for"
    )
    introduction = forms.CharField(
        label="Introduction for raters",
        required=False,
        widget=forms.Textarea,
        help_text="What raters read before the first question",
    )
    external_introduction = forms.CharField(
        label="Introduction for raters from outside the network",
        required=False,
        widget=forms.Textarea,
        help_text="What people from outside the network read instead, before the first question. Write it for "
        "someone who sees the network from outside, such as a partner or the system.",
    )


class LevelForm(forms.Form):
    name = forms.CharField(
        label="Level name",
        max_length=LEVEL_NAME_MAX_LENGTH,
        help_text="For example, Foundation or Step 1",
        error_messages={"required": "Enter the level's name"},
    )
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea, help_text="What this level means, in a sentence"
    )


class DimensionAddForm(forms.Form):
    name = forms.CharField(
        label="Dimension name", max_length=NAME_MAX_LENGTH, error_messages={"required": "Enter the dimension's name"}
    )
    group = forms.CharField(
        label="Group", required=False, max_length=GROUP_MAX_LENGTH, help_text="For surveys: the group it is in"
    )
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea, help_text="What it covers")


def descriptor_field_name(level: Level, perspective: str) -> str:
    return f"descriptor-{level.position}-{perspective or 'all'}"


class DimensionForm(DimensionAddForm):
    """A dimension's details and its descriptor at every level (and from every perspective)."""

    key = forms.CharField(
        label="Key",
        max_length=KEY_MAX_LENGTH,
        help_text="Keep the key the same from one version to the next, so progress can be followed. Lower case "
        "letters, numbers and hyphens only.",
        error_messages={"required": "Enter a key"},
    )

    def __init__(
        self,
        *args: Any,
        levels: list[Level],
        perspectives: list[str],
        dimension: Dimension,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.levels = levels
        self.perspectives = perspectives
        # (level, perspective, field name) in the order the page shows them.
        self.cells: list[tuple[Level, str, str]] = []
        for level in levels:
            for perspective in perspectives:
                name = descriptor_field_name(level, perspective)
                view = f" – {perspective} perspective" if perspective else ""
                self.fields[name] = forms.CharField(
                    label=f"{level_label(level.position, level.name)}{view}",
                    required=False,
                    widget=forms.Textarea,
                )
                self.cells.append((level, perspective, name))

    def descriptors(self) -> dict[tuple[int, str], str]:
        """(level id, perspective) → text, for `dimension_edit`; call after is_valid()."""
        return {(level.pk, perspective): self.cleaned_data[name] for level, perspective, name in self.cells}


class PublishForm(forms.Form):
    change_notes = forms.CharField(
        label="What has changed in this version?",
        widget=forms.Textarea,
        help_text="People choosing a version for their round will read this",
        error_messages={"required": "Say what has changed in this version"},
    )
