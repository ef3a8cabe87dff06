"""Each network's count of readiness checklist items ticked (Network.readiness_done), filled from the ticks stored
before it was kept."""

from typing import Any

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

# The checklist as it stands when this runs: the count covers only its items, as the dashboards always counted.
from wayfinder.support.content import READINESS_KEYS


def fill_readiness_done(apps: Any, schema_editor: Any) -> None:
    Network = apps.get_model("networks", "Network")
    ReadinessTick = apps.get_model("support", "ReadinessTick")
    ticks = (
        ReadinessTick.objects.filter(network=OuterRef("pk"), item__in=READINESS_KEYS)
        .order_by()
        .values("network")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Network.objects.update(readiness_done=Coalesce(Subquery(ticks), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0003_network_readiness_done"),
        ("support", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_readiness_done, migrations.RunPython.noop),
    ]
