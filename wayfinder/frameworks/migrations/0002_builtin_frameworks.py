"""Load the built-in frameworks and support domains, so every installation has them after `migrate`."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from wayfinder.frameworks.loading import load_builtin


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # The models at this point have no introduction for outside raters: migration 0003 adds and fills it.
    load_builtin(apps, outside_introductions=False)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    # Unapplying leaves the content in place: rounds may already be rated against it.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
