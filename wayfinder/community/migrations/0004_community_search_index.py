"""The community's own full-text index, out of Wagtail's shared one.

Threads and posts leave Wagtail's index (their entries are deleted by content type). PostgreSQL gets a search
vector on each thread with a GIN index; SQLite an FTS5 table, removed with its thread by a trigger. Both are filled
here from the shown threads and posts, so an existing database is searchable as soon as it is migrated. The SQL is
written out here, as it stands today, rather than taken from the app's code."""

from typing import Any

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

WAGTAIL_FTS = "wagtailsearch_indexentry_fts"
WAGTAIL_FTS_REBUILD = "INSERT INTO wagtailsearch_indexentry_fts (wagtailsearch_indexentry_fts) VALUES ('rebuild')"
WAGTAIL_FTS_OPTIMIZE = "INSERT INTO wagtailsearch_indexentry_fts (wagtailsearch_indexentry_fts) VALUES ('optimize')"
FTS5_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS community_thread_search USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
FTS5_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS community_thread_search_delete AFTER DELETE ON community_thread"
    " BEGIN DELETE FROM community_thread_search WHERE rowid = OLD.id; END"
)
FTS5_FILL = (
    "INSERT INTO community_thread_search (rowid, title, body)"
    " SELECT t.id, t.title, COALESCE((SELECT group_concat(p.body, ' ') FROM community_post p"
    " WHERE p.thread_id = t.id AND p.status = 'visible'), '')"
    " FROM community_thread t WHERE t.status = 'visible'"
    " AND t.id NOT IN (SELECT rowid FROM community_thread_search)"
)
PG_INDEX = "CREATE INDEX IF NOT EXISTS community_thread_search_gin ON community_thread USING gin (search)"
PG_ANALYZE = "ANALYZE community_thread"
PG_FILL = (
    "UPDATE community_thread t SET search = setweight(to_tsvector('english'::regconfig, t.title), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE((SELECT string_agg(p.body, ' ')"
    " FROM community_post p WHERE p.thread_id = t.id AND p.status = 'visible'), '')), 'B')"
    " WHERE t.status = 'visible' AND t.search IS NULL"
)


def leave_wagtail_index(apps: Any, schema_editor: Any) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    index_entry = apps.get_model("wagtailsearch", "IndexEntry")
    kinds = content_type.objects.using(schema_editor.connection.alias).filter(
        app_label="community", model__in=["thread", "post"]
    )
    connection = schema_editor.connection
    # On SQLite Wagtail keeps its words in an FTS5 table beside the entries; deleted rows stay in it as markers
    # that every search still reads until the table is merged. So it is rebuilt from its own content first (which
    # also mends an index a crash left inconsistent), then merged once the entries are gone.
    has_fts = connection.vendor == "sqlite" and WAGTAIL_FTS in connection.introspection.table_names()
    if has_fts:
        schema_editor.execute(WAGTAIL_FTS_REBUILD)
    index_entry.objects.using(connection.alias).filter(content_type__in=kinds).delete()
    if has_fts:
        schema_editor.execute(WAGTAIL_FTS_OPTIMIZE)


def make_index(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in (FTS5_CREATE, FTS5_TRIGGER, FTS5_FILL):
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in (PG_INDEX, PG_FILL, PG_ANALYZE):
            schema_editor.execute(sql)


def drop_index(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS community_thread_search_delete")
        schema_editor.execute("DROP TABLE IF EXISTS community_thread_search")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS community_thread_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_peer_contact_discussion"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(leave_wagtail_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="thread",
            name="search",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # The GIN index exists on PostgreSQL only; Django's state knows it everywhere.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="thread",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search"], name="community_thread_search_gin"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(make_index, drop_index)],
        ),
    ]
