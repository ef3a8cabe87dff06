"""Every write of the member directory: a person's own directory profile, and listing or unlisting themselves."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from wayfinder.accounts.models import ProfessionalGroup, User
from wayfinder.accounts.services import profile_update
from wayfinder.community.directory_models import DirectoryEntry, DirectoryInterest, InterestKind

TOPICS_MAX = 300


@transaction.atomic
def directory_profile_save(
    *,
    user: User,
    listed: bool,
    full_name: str,
    job_title: str,
    organisation: str,
    professional_group: str,
    dimension_keys: Sequence[str],
    domain_keys: Sequence[str],
    topics: str,
) -> DirectoryEntry:
    """Save what the directory shows about the person. Listing is their choice alone; unlisting takes them out of
    the directory at once. Name, job title, organisation and professional group are their profile's own."""
    full_name = full_name.strip()
    if listed and not full_name:
        raise ValidationError({"full_name": "Enter your name, so people know who you are in the directory"})
    if professional_group and professional_group not in ProfessionalGroup.values:
        raise ValidationError({"professional_group": "Choose a professional group from the list"})
    topics = ", ".join(topic.strip() for topic in topics.split(",") if topic.strip())
    if len(topics) > TOPICS_MAX:
        raise ValidationError({"topics": f"Topics must be {TOPICS_MAX} characters or fewer"})
    profile_update(
        user=user,
        full_name=full_name,
        job_title=job_title.strip(),
        organisation=organisation.strip(),
        professional_group=professional_group,
    )
    entry, _ = DirectoryEntry.objects.update_or_create(user=user, defaults={"listed": listed, "topics": topics})
    entry.interests.all().delete()
    DirectoryInterest.objects.bulk_create(
        [DirectoryInterest(entry=entry, kind=InterestKind.DIMENSION, key=key) for key in sorted(set(dimension_keys))]
        + [DirectoryInterest(entry=entry, kind=InterestKind.DOMAIN, key=key) for key in sorted(set(domain_keys))]
    )
    return entry


@transaction.atomic
def directory_unlist(*, user: User) -> None:
    """Take the person out of the directory at once, keeping what they wrote for if they list themselves again."""
    DirectoryEntry.objects.filter(user=user).update(listed=False)
