"""The form on the hierarchy import page: what the file holds, the file, and whether to only check it."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from wayfinder.networks.imports import KINDS, MAX_FILE_BYTES


class HierarchyImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=list(KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the file holds"},
    )
    file = forms.FileField(
        label="CSV file",
        help_text="Save it from your spreadsheet as CSV UTF-8. It can be up to 5 MB.",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The file you chose is empty",
            "invalid": "Choose a CSV file to upload",
        },
    )
    dry_run = forms.BooleanField(
        label="Check the file without saving",
        required=False,
        initial=True,
        help_text="Untick this when the check finds no problems and you want to save the changes.",
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise forms.ValidationError(
                'The file must be a CSV file. In your spreadsheet, choose Save as and pick "CSV UTF-8".'
            )
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("The file must be 5 MB or smaller. Split it into smaller files.")
        return upload
