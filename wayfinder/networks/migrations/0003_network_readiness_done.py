"""How many readiness checklist items each network has ticked, stored on the network. Filled for existing networks
by support's migration 0002, which owns the ticks."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_system_contacts"),
    ]

    operations = [
        migrations.AddField(
            model_name="network",
            name="readiness_done",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
    ]
