"""Frameworks get an introduction for raters from outside the network; the built-ins are given theirs."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from wayfinder.frameworks.loading import load_builtin


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Fills the new field of each built-in version 1 that has none; the loader changes nothing else there.
    load_builtin(apps)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0002_builtin_frameworks")]

    operations = [
        migrations.AddField(
            model_name="frameworkversion",
            name="external_introduction",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Shown to raters from outside the network before the first question, instead of the introduction"
                ),
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
