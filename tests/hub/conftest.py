"""Every hub test starts with the hub's front page, even after a browser test emptied the tables."""

from __future__ import annotations

from typing import Any

import pytest

from wayfinder.hub import services
from wayfinder.hub.models import HubIndexPage


@pytest.fixture(autouse=True)
def hub(db: Any) -> HubIndexPage:
    return services.hub_index_ensure()
