"""What the member directory holds about a person, for "download my data": whether they are listed and what they
said they are interested in. Deleting the account deletes their directory profile."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.community.directory_models import DirectoryEntry


def export(user: Any) -> list[DataFile]:
    entry = DirectoryEntry.objects.filter(user=user).prefetch_related("interests").first()
    data = (
        {
            "listed": entry.listed,
            "topics": entry.topic_list,
            "interests": [{"kind": i.kind, "key": i.key} for i in entry.interests.all()],
            "updated": entry.updated_at.isoformat(),
        }
        if entry is not None
        else None
    )
    return [DataFile(name="community/directory-profile.json", data=data)]


def erase(user: Any) -> None:
    DirectoryEntry.objects.filter(user=user).delete()
