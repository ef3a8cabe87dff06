"""Per-round summaries the dashboards read instead of every rating: one row per round, kept up to date by a
background task (see summaries.py and tasks.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RoundSummary(models.Model):
    """A round's level on each dimension, worked out once so a dashboard never reads ratings.

    `levels` is keyed by dimension key: {"value": agreed level, else the median rating (or null), "agreed": bool,
    "raters": how many people rated that dimension}. Network, framework, purpose and the day the round closed are
    copied from the round so the dashboards can filter without joining rounds or framework versions.

    `closed_on` is the day the round actually closed: the day someone closed it early (`closed_early`), else its
    closing date, which may still be ahead. Whether a round has closed is decided when the dashboard is read
    (`closed_early`, or `closed_on` before today), so a round whose closing date passes counts from the next day
    without any write."""

    round = models.OneToOneField(
        "assessments.Round", on_delete=models.CASCADE, related_name="dashboard_summary", primary_key=True
    )
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=16)
    closed_on = models.DateField()
    closed_early = models.BooleanField(default=False)
    levels = models.JSONField(default=dict)
    # What the dashboards read of `levels`, as compact JSON text: each dimension's value by key, and the keys
    # agreed in consensus (summaries.cells_text). Text, not JSON: PostgreSQL sends a jsonb column back by writing
    # it out again, and Django parses each row's JSON on its own; the national dashboard reads thousands of rows
    # and parses their text in one go (queries.parse_cells). Written with `levels`, by summaries.rebuild only.
    cells = models.TextField(default="[{},[]]")
    # The round's framework version, and each of its dimensions' values in the version's order (by position), as
    # compact JSON text (`[1.5, 2.0, null, 3.0]`, null where not rated; summaries.ordered_values_text). A published
    # version's dimensions never change, so the regional and national views line these up with the dimensions
    # they show once per version, not once per round, and read them from an index alone (summary_latest), without
    # `cells` (group_queries). Written with `cells`, by summaries.rebuild only.
    version = models.ForeignKey("frameworks.FrameworkVersion", on_delete=models.CASCADE, related_name="+")
    ordered_values = models.TextField(default="[]")
    rater_count = models.PositiveIntegerField(default=0)
    # What this summary knows of its neighbours among its network's summaries on the same framework, in the order
    # (closed_on, round_id) (dashboards/chain.py): its change since its predecessor (the average, rounded to two
    # places, over the dimensions rated in both; null with no predecessor or none in common), and the closing day
    # of its predecessor and successor and whether each closed early (null: none). The regional and national views
    # read each network's latest closed summary alone with these (group_queries). Kept by summaries.rebuild only.
    change = models.FloatField(null=True)
    previous_closed_on = models.DateField(null=True)
    previous_closed_early = models.BooleanField(default=False)
    next_closed_on = models.DateField(null=True)
    next_closed_early = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["framework", "network", "-closed_on"], name="summary_by_network"),
            # Everything the regional and national views read of each network's latest summary (group_queries
            # ._latest_linked), so the database answers from the index without reading the rows.
            models.Index(
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
        ]

    def __str__(self) -> str:
        return f"Summary of round {self.round_id}"


class SystemDashboardSetting(models.Model):
    """The framework a system's dashboard shows unless someone chooses another in the filter form, set by the
    system's leads. Without one, every dashboard shows the PCN Maturity Matrix (queries.default_framework), so
    what people see first does not change as rounds on other frameworks come in."""

    system = models.OneToOneField(
        "networks.System", on_delete=models.CASCADE, related_name="dashboard_setting", primary_key=True
    )
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.CASCADE, related_name="+")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Dashboard setting of system {self.system_id}"
