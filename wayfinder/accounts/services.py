"""Writes a person can make to their own account."""

from django.db import transaction

from wayfinder.accounts.models import User


@transaction.atomic
def profile_update(*, user: User, full_name: str, job_title: str, organisation: str, professional_group: str) -> User:
    user.full_name = full_name
    user.job_title = job_title
    user.organisation = organisation
    user.professional_group = professional_group
    user.save(update_fields=["full_name", "job_title", "organisation", "professional_group"])
    return user
