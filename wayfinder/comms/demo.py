"""Demo data of comms for `manage.py seed_demo`."""

from __future__ import annotations

from wayfinder.comms import consent_demo


def seed() -> list[str]:
    return consent_demo.seed()
