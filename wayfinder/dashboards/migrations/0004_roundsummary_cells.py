"""Round summaries keep what the dashboards read of their levels as compact JSON text (`cells`: each dimension's
value by key, and the keys agreed in consensus), so a dashboard reading thousands of summaries neither has
PostgreSQL write each jsonb value out again nor parses each row on its own. Existing summaries are filled in here."""

import json
from typing import Any

from django.db import migrations, models


def fill_cells(apps: Any, schema_editor: Any) -> None:
    RoundSummary = apps.get_model("dashboards", "RoundSummary")
    batch = []
    for summary in RoundSummary.objects.only("pk", "levels").iterator(chunk_size=1000):
        # The same text as summaries.cells_text, written out here so this migration never changes with the app.
        keys = sorted(summary.levels)
        summary.cells = json.dumps(
            [
                {key: summary.levels[key]["value"] for key in keys},
                [key for key in keys if summary.levels[key]["agreed"]],
            ],
            separators=(",", ":"),
        )
        batch.append(summary)
        if len(batch) == 1000:
            RoundSummary.objects.bulk_update(batch, ["cells"])
            batch = []
    RoundSummary.objects.bulk_update(batch, ["cells"])


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0003_system_dashboard_setting"),
    ]

    operations = [
        migrations.AddField(
            model_name="roundsummary",
            name="cells",
            field=models.TextField(default="[{},[]]"),
        ),
        migrations.RunPython(fill_cells, migrations.RunPython.noop),
    ]
