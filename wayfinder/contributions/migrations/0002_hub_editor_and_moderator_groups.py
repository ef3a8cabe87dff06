"""Make the "Hub editors" and "Hub moderators" groups, with their permissions on the hub's front page when it
exists. When it does not yet, the groups are made without page permissions, and `hub_groups_ensure` gives them
when the moderation workflow is first put on the front page."""

from typing import Any

from django.db import migrations

from wayfinder.contributions.groups import hub_groups_ensure


def create_groups(apps: Any, schema_editor: Any) -> None:
    hub = apps.get_model("hub", "HubIndexPage").objects.only("pk").order_by("pk").first()
    hub_groups_ensure(hub, apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("hub", "0002_create_hub_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
