"""Dashboard summaries for `manage.py seed_demo`. It runs after the assessments demo (INSTALLED_APPS order), so
the demo rounds are there; rebuilding leaves unchanged summaries alone, so running it again changes nothing."""

from __future__ import annotations

from wayfinder.dashboards import summaries, support_demo


def seed() -> list[str]:
    # Delivered support first: it adds rounds, whose summaries the rebuild then works out.
    lines = support_demo.seed()
    changed = summaries.rebuild()
    return [*lines, f"Dashboard summaries: {changed} worked out."] if changed else lines
