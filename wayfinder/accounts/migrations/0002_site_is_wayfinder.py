"""Name the site Wayfinder at SITE_URL's host, instead of the Sites framework's example.com."""

# allauth builds the links in its mail from the request; the site's domain is what it falls back to when
# there is no request, and its name is what the admin shows.

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def name_the_site(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    # The Sites framework creates example.com only after all migrations, and only if no site exists yet.
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": "Wayfinder"})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
