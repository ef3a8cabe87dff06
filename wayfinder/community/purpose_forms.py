"""Forms for shared purpose: a statement and a comment. The services apply the rules."""

from __future__ import annotations

from django import forms

from wayfinder.community.purpose_services import COMMENT_MAX, STATEMENT_MAX


class StatementForm(forms.Form):
    text = forms.CharField(
        label="Propose a purpose statement",
        widget=forms.Textarea,
        max_length=STATEMENT_MAX,
        help_text="In a sentence or two: what the network is for and who it serves",
        error_messages={
            "required": "Write your purpose statement",
            "max_length": f"Your purpose statement must be {STATEMENT_MAX:,} characters or fewer",
        },
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea,
        max_length=COMMENT_MAX,
        error_messages={
            "required": "Write your comment",
            "max_length": f"Your comment must be {COMMENT_MAX:,} characters or fewer",
        },
    )
