"""What the hub offers the monthly digest: resources and case studies published since the last issue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests import factories as f
from wayfinder.comms import registry
from wayfinder.hub import digest, services
from wayfinder.hub.models import ResourcePage


def test_the_hub_offers_new_resources_and_case_studies_newest_first(hub: Any) -> None:
    older = f.hub_resource("older-guide", title="Older guide")
    ResourcePage.objects.filter(pk=older.pk).update(first_published_at=timezone.now() - timedelta(days=40))
    newer = f.hub_resource("newer-guide", title="Newer guide", summary="What is new.")
    story = services.case_study_publish_if_new(
        parent=hub,
        slug="one-rota",
        title="One rota for five practices",
        network_name="Riverside PCN",
        summary="How five practices shared one rota.",
        dimension_keys=[],
        support_domain_keys=[],
    )
    assert story is not None

    everything = digest.new_resources(None)
    assert [entry.title for entry in everything] == ["Newer guide", "Older guide"]
    assert everything[0].ref == f"hub.resource:{newer.pk}" and everything[0].summary == "What is new."
    assert everything[0].url.startswith("/hub/")

    since_last_month = digest.new_resources(timezone.now() - timedelta(days=30))
    assert [entry.title for entry in since_last_month] == ["Newer guide"]
    assert [entry.ref for entry in digest.new_case_studies(None)] == [f"hub.case-study:{story.pk}"]
    assert {"hub.resources", "hub.case-studies"} <= {section.key for section in registry.digest_sections()}
