"""Each round summary knows its neighbours among its network's summaries on the same framework, in the order
(closed_on, round_id): its change since its predecessor, and when its predecessor and successor closed and whether
early. Existing summaries are filled in here."""

import json
from typing import Any

from django.db import migrations, models

FIELDS = ["change", "previous_closed_on", "previous_closed_early", "next_closed_on", "next_closed_early"]


def _change(now: dict[str, Any], before: dict[str, Any]) -> float | None:
    # The same rule as dashboards.chain.change_between, written out here so this migration never changes with the app.
    changes = [value - before[key] for key, value in now.items() if value is not None and before.get(key) is not None]
    return round(sum(changes) / len(changes), 2) if changes else None


def _values(summary: Any) -> dict[str, Any]:
    # Each dimension's value by key, from the summary's cells text ([values by key, keys agreed]).
    values: dict[str, Any] = json.loads(summary.cells)[0]
    return values


def fill_chain(apps: Any, schema_editor: Any) -> None:
    RoundSummary = apps.get_model("dashboards", "RoundSummary")
    ordered = RoundSummary.objects.only(
        "pk", "network_id", "framework_id", "closed_on", "closed_early", "cells"
    ).order_by("network_id", "framework_id", "closed_on", "round_id")
    batch: list[Any] = []
    chain: list[Any] = []

    def link(chain: list[Any]) -> None:
        for index, summary in enumerate(chain):
            previous = chain[index - 1] if index > 0 else None
            following = chain[index + 1] if index + 1 < len(chain) else None
            summary.change = _change(_values(summary), _values(previous)) if previous is not None else None
            summary.previous_closed_on = previous.closed_on if previous is not None else None
            summary.previous_closed_early = previous.closed_early if previous is not None else False
            summary.next_closed_on = following.closed_on if following is not None else None
            summary.next_closed_early = following.closed_early if following is not None else False
            batch.append(summary)
        if len(batch) >= 1000:
            RoundSummary.objects.bulk_update(batch, FIELDS)
            batch.clear()

    for summary in ordered.iterator(chunk_size=1000):
        if chain and (chain[-1].network_id, chain[-1].framework_id) != (summary.network_id, summary.framework_id):
            link(chain)
            chain = []
        chain.append(summary)
    link(chain)
    RoundSummary.objects.bulk_update(batch, FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0004_roundsummary_cells"),
    ]

    operations = [
        migrations.AddField(
            model_name="roundsummary",
            name="change",
            field=models.FloatField(null=True),
        ),
        migrations.AddField(
            model_name="roundsummary",
            name="previous_closed_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="roundsummary",
            name="previous_closed_early",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="roundsummary",
            name="next_closed_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="roundsummary",
            name="next_closed_early",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill_chain, migrations.RunPython.noop),
    ]
