"""The form on the hierarchy import page: what the file holds, the file, and whether to only check it."""

from __future__ import annotations

from django import forms

from wayfinder.core.tabular import UploadField
from wayfinder.networks.imports import KINDS


class HierarchyImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=list(KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the file holds"},
    )
    file = UploadField(
        label="CSV file",
        help_text="Save it from your spreadsheet as CSV UTF-8. It can be up to 5 MB.",
        choose="Choose a CSV file to upload",
        extensions=(".csv", ".txt"),
        wrong_kind='The file must be a CSV file. In your spreadsheet, choose Save as and pick "CSV UTF-8".',
        too_big="The file must be 5 MB or smaller. Split it into smaller files.",
    )
    dry_run = forms.BooleanField(
        label="Check the file without saving",
        required=False,
        initial=True,
        help_text="Untick this when the check finds no problems and you want to save the changes.",
    )
