"""Round summaries hold the day a round actually closed (`closed_on`) and whether it was closed early, so the
dashboards count closed rounds only and date them by when they closed. Summaries of rounds already closed early
are brought up to date here; every other summary's closing date is already the day its round closes."""

from typing import Any

from django.db import migrations, models
from django.utils import timezone


def closed_early_rounds(apps: Any, schema_editor: Any) -> None:
    Round = apps.get_model("assessments", "Round")
    RoundSummary = apps.get_model("dashboards", "RoundSummary")
    closed = Round.objects.filter(closed_early_at__isnull=False, dashboard_summary__isnull=False)
    summaries = []
    for round_id, closed_early_at in closed.values_list("pk", "closed_early_at").iterator():
        summaries.append(
            RoundSummary(round_id=round_id, closed_on=timezone.localdate(closed_early_at), closed_early=True)
        )
    RoundSummary.objects.bulk_update(summaries, ["closed_on", "closed_early"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_initial"),
        ("dashboards", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="roundsummary",
            name="summary_by_network",
        ),
        migrations.RenameField(
            model_name="roundsummary",
            old_name="closes_on",
            new_name="closed_on",
        ),
        migrations.AddField(
            model_name="roundsummary",
            name="closed_early",
            field=models.BooleanField(default=False),
        ),
        migrations.AddIndex(
            model_name="roundsummary",
            index=models.Index(fields=["framework", "network", "-closed_on"], name="summary_by_network"),
        ),
        migrations.RunPython(closed_early_rounds, migrations.RunPython.noop),
    ]
