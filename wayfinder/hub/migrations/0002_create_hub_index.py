"""Put the knowledge hub's front page at the top of Wagtail's page tree, served at /hub/.

Wagtail's own first migration makes a placeholder "Welcome" page there; the hub takes its place.
"""

from typing import Any

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _next_path(last: str | None, parent_path: str) -> str:
    if last is None:
        return parent_path + "0001"
    number = 0
    for char in last[-STEP:]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(STEP):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return parent_path + digits


def create_hub_index(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HubIndexPage = apps.get_model("hub", "HubIndexPage")
    if HubIndexPage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    placeholder_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    welcome = Page.objects.filter(depth=2, content_type=placeholder_type, numchild=0, slug="home").first()
    if welcome is not None:
        Site.objects.filter(root_page=welcome).delete()
        welcome.delete()
    last = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True).first()
    content_type, _ = ContentType.objects.get_or_create(app_label="hub", model="hubindexpage")
    hub = HubIndexPage.objects.create(
        title="Knowledge hub",
        draft_title="Knowledge hub",
        slug="hub",
        content_type=content_type,
        path=_next_path(last, root.path),
        depth=2,
        numchild=0,
        url_path="/hub/",
        locale=Locale.objects.order_by("pk").first(),
        introduction="Guides, tools, templates and stories from other networks to help yours develop.",
    )
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", port=80, root_page=hub, is_default_site=True, site_name="Wayfinder")
    else:
        Site.objects.filter(is_default_site=True).update(root_page=hub)


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_hub_index, migrations.RunPython.noop)]
