"""Contribution tests start with the hub's front page and its moderation workflow, as a fresh site has them."""

from __future__ import annotations

from typing import Any

import pytest

from wayfinder.contributions import services as contribution_services
from wayfinder.hub import services
from wayfinder.hub.models import HubIndexPage


@pytest.fixture(autouse=True)
def hub(db: Any) -> HubIndexPage:
    hub = services.hub_index_ensure()
    contribution_services.moderation_workflow_ensure(hub)
    return hub
