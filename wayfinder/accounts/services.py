"""Writes a person can make to their own account."""

from django.db import transaction

from wayfinder.accounts.models import User
from wayfinder.core.changes import changed


@transaction.atomic
def profile_update(*, user: User, full_name: str, job_title: str, organisation: str, professional_group: str) -> User:
    user.full_name = full_name
    user.job_title = job_title
    user.organisation = organisation
    user.professional_group = professional_group
    user.save(update_fields=["full_name", "job_title", "organisation", "professional_group"])
    # Their name shows on their networks' pages, and their home asks them to complete the profile.
    changed(people=[user.pk])
    return user
