"""Forms after an event. Forms check the shape of what was sent; the services apply the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from wayfinder.core.tabular import UploadField
from wayfinder.events.after_models import CheckQuestion, QuestionKind, SurveyQuestion
from wayfinder.events.after_scoring import RATING_MAX, RATING_MIN
from wayfinder.events.after_services import MAX_OPTIONS, OptionInput

OPTION_FIELDS = 4  # answers offered on the form; the service allows up to MAX_OPTIONS
assert OPTION_FIELDS <= MAX_OPTIONS


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label="Who attended?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only people registered for this event"},
    )

    def __init__(self, *args: Any, choices: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = choices  # type: ignore[attr-defined]


class AttendanceImportForm(forms.Form):
    file = UploadField(
        label="Attendance file",
        choose="Choose the attendance file exported from your webinar tool",
        extensions=(".csv",),
        wrong_kind="The file must be a CSV file. In your webinar tool, export the attendance list as CSV.",
        too_big="The file must be 5 MB or smaller",
    )
    dry_run = forms.BooleanField(label="Check the file without saving", required=False, initial=True)


class RecordingForm(forms.Form):
    url = forms.URLField(
        label="Link to the recording",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Where people can watch it, for example a video page. Starts with https://",
        error_messages={"invalid": "Enter a full web address, starting with https://"},
    )
    slides = forms.FileField(
        label="Slides",
        required=False,
        help_text="A PDF or a presentation, up to 20 MB. Uploading new slides replaces the old ones.",
        error_messages={"empty": "The file you chose is empty", "invalid": "Choose the slides file"},
    )


class SurveyQuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label="How do people answer?",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how people answer", "invalid_choice": "Choose how people answer"},
    )
    text = forms.CharField(
        label="Question",
        max_length=300,
        help_text="For example, how useful was the session for your work?",
        error_messages={"required": "Enter the question", "max_length": "The question must be 300 characters or fewer"},
    )


class CheckSettingsForm(forms.Form):
    pass_mark = forms.IntegerField(
        label="Pass mark, as a percentage of answers right",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the pass mark",
            "invalid": "Enter the pass mark as a whole number, like 70",
            "min_value": "The pass mark must be 1 or more",
            "max_value": "The pass mark must be 100 or less",
        },
    )
    certificate_needs_pass = forms.BooleanField(
        label="Give certificates only to attendees who pass the check", required=False
    )


class CheckQuestionForm(forms.Form):
    text = forms.CharField(
        label="Question",
        max_length=300,
        error_messages={"required": "Enter the question", "max_length": "The question must be 300 characters or fewer"},
    )
    right = forms.TypedChoiceField(
        label="Which answer is right?",
        coerce=int,
        choices=[(n, f"Answer {n}") for n in range(1, OPTION_FIELDS + 1)],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which answer is right",
            "invalid_choice": "Choose which answer is right",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, OPTION_FIELDS + 1):
            self.fields[f"option_{n}"] = forms.CharField(
                label=f"Answer {n}",
                required=n <= 2,
                max_length=300,
                error_messages={
                    "required": f"Enter answer {n}: a question needs at least two",
                    "max_length": "Each answer must be 300 characters or fewer",
                },
            )
            self.fields[f"feedback_{n}"] = forms.CharField(
                label=f"Feedback on answer {n}",
                required=False,
                max_length=500,
                help_text="What someone who chooses it reads: why it is right, or why not",
                error_messages={"max_length": "Feedback must be 500 characters or fewer"},
            )
        # The right answer is asked last, after the answers it points to.
        self.order_fields([*(name for name in self.fields if name != "right"), "right"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        right = data.get("right")
        if right and not (data.get(f"option_{right}") or "").strip():
            self.add_error("right", "The answer you chose as right is empty")
        return data

    @property
    def option_pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"option_{n}"], self[f"feedback_{n}"]) for n in range(1, OPTION_FIELDS + 1)]

    def options(self) -> list[OptionInput]:
        data = self.cleaned_data
        return [
            OptionInput(
                text=data.get(f"option_{n}") or "",
                feedback=data.get(f"feedback_{n}") or "",
                is_correct=data.get("right") == n,
            )
            for n in range(1, OPTION_FIELDS + 1)
        ]


RATING_CHOICES = [(n, str(n)) for n in range(RATING_MIN, RATING_MAX + 1)]


class SurveyAnswerForm(forms.Form):
    """One field a question: a 1 to 5 rating (needed) or their own words (optional)."""

    def __init__(self, *args: Any, questions: Sequence[SurveyQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question.is_rating:
                self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                    label=question.text,
                    coerce=int,
                    choices=RATING_CHOICES,
                    widget=forms.RadioSelect,
                    help_text="1 is the lowest, 5 the highest",
                    error_messages={
                        "required": f'Choose a rating from 1 to 5 for "{question.text}"',
                        "invalid_choice": f'Choose a rating from 1 to 5 for "{question.text}"',
                    },
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea,
                    error_messages={"max_length": "Each answer must be 5,000 characters or fewer"},
                )

    def answers(self) -> dict[int, int | str | None]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}


class CheckAttemptForm(forms.Form):
    """One choice a question, every one needed."""

    def __init__(self, *args: Any, questions: Sequence[CheckQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                coerce=int,
                choices=[(option.pk, option.text) for option in question.options.all()],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f'Choose an answer to "{question.text}"',
                    "invalid_choice": f'Choose an answer to "{question.text}"',
                },
            )

    def chosen(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}
