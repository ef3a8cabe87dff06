"""Demo data for the community of practice, for `manage.py seed_demo`."""

from __future__ import annotations

from wayfinder.community import purpose_demo


def seed() -> list[str]:
    return purpose_demo.seed()
