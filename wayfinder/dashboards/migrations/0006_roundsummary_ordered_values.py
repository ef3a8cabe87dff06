"""Each round summary names its round's framework version and holds its dimensions' values in that version's order,
as compact text, in an index with everything else the regional and national views read of a network's latest
summary. Existing summaries are filled in here."""

import json
from collections import defaultdict
from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def _halves(value: float | None) -> float | None:
    if value is None:
        return None
    doubled = value * 2
    return int(doubled) if doubled == int(doubled) else doubled


def fill_ordered_values(apps: Any, schema_editor: Any) -> None:
    RoundSummary = apps.get_model("dashboards", "RoundSummary")
    Round = apps.get_model("assessments", "Round")
    Dimension = apps.get_model("frameworks", "Dimension")
    keys: dict[int, list[str]] = defaultdict(list)
    for version_id, key in Dimension.objects.order_by("version_id", "position").values_list("version_id", "key"):
        keys[version_id].append(key)
    versions = dict(Round.objects.values_list("pk", "version_id"))
    batch: list[Any] = []
    for summary in RoundSummary.objects.only("pk", "cells").order_by("pk").iterator(chunk_size=1000):
        # The same text as dashboards.summaries.ordered_values_text, written out here so this migration never
        # changes with the app: each value of the version's dimensions by position, in halves (twice the level, a
        # whole number), null where not rated.
        values = json.loads(summary.cells)[0]
        summary.version_id = versions[summary.pk]
        summary.ordered_values = json.dumps(
            [_halves(values.get(key)) for key in keys[summary.version_id]], separators=(",", ":")
        )
        batch.append(summary)
        if len(batch) >= 1000:
            RoundSummary.objects.bulk_update(batch, ["version", "ordered_values"])
            batch.clear()
    RoundSummary.objects.bulk_update(batch, ["version", "ordered_values"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_initial"),
        ("frameworks", "0003_external_introduction"),
        ("dashboards", "0005_roundsummary_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="roundsummary",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="frameworks.frameworkversion",
            ),
        ),
        migrations.AddField(
            model_name="roundsummary",
            name="ordered_values",
            field=models.TextField(default="[]"),
        ),
        migrations.RunPython(fill_ordered_values, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="roundsummary",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="frameworks.frameworkversion",
            ),
        ),
        migrations.AddIndex(
            model_name="roundsummary",
            index=models.Index(
                fields=[
                    "framework",
                    "network",
                    "next_closed_on",
                    "closed_on",
                    "closed_early",
                    "change",
                    "version",
                    "ordered_values",
                ],
                name="summary_latest",
            ),
        ),
    ]
