"""Fixtures for the account tests: every test starts with an empty cache, so rate limits never leak."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """allauth keeps rate limits and used two-factor codes in the cache (locmem in tests)."""
    cache.clear()
    yield
    cache.clear()
