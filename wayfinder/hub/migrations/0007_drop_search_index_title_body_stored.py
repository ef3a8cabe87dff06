"""On PostgreSQL, drop the stored title-and-body column of 0006 and its index.

The hub now searches through Wagtail's own database backend, which never reads that column, so PostgreSQL was
only paying to write it on every index update. The expression index of 0005 stays: Wagtail's backend matches
`title || body`, which that index answers. SQLite had neither, so there this migration does nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

COLUMN = "hub_title_body"
INDEX = "hub_search_title_body_stored_gin"


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry DROP COLUMN IF EXISTS {COLUMN}")


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE wagtailsearch_indexentry ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
            "GENERATED ALWAYS AS (title || body) STORED"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ({COLUMN})")


class Migration(migrations.Migration):
    dependencies = [("hub", "0006_search_index_title_body_stored")]

    operations = [migrations.RunPython(drop, create)]
