"""Fixtures for the events tests."""

from tests.events.after_world import aworld  # noqa: F401
