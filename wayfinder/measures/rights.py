"""What measures hold about a person, for "download my data": the notes they wrote on periods, the values they
entered, the measures they defined and their top five. Deleting the account deletes their top five; notes, values
and measures are the network's and stay, no longer naming them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wayfinder.comms.registry import DataFile
from wayfinder.measures import periods
from wayfinder.measures.models import Measure, TopFive, Value


def export(user: Any) -> list[DataFile]:
    values = (
        Value.objects.filter(Q(noted_by=user) | Q(entered_by=user))
        .select_related("measure__network")
        .order_by("measure__network__name", "measure__name", "period")
    )
    chosen = TopFive.objects.filter(person=user).select_related("measure__network").order_by("position", "pk")
    defined = Measure.objects.filter(created_by=user).select_related("network").order_by("pk")
    return [
        DataFile(
            name="measures/values-and-notes.csv",
            header=["Network", "Measure", "Period", "Value", "You entered the value", "Note", "You wrote the note"],
            rows=[
                [
                    v.measure.network.name,
                    v.measure.name,
                    periods.write(v.period, v.measure.frequency),
                    v.value_text,
                    "yes" if v.entered_by_id == user.pk else "no",
                    v.note if v.noted_by_id == user.pk else "",
                    "yes" if v.noted_by_id == user.pk else "no",
                ]
                for v in values
            ],
        ),
        DataFile(
            name="measures/measures-you-defined.csv",
            header=["Network", "Measure", "Created"],
            rows=[[m.network.name, m.name, m.created_at] for m in defined],
        ),
        DataFile(
            name="measures/your-top-five.csv",
            header=["Network", "Measure", "Position"],
            rows=[[c.measure.network.name, c.measure.name, c.position + 1] for c in chosen],
        ),
    ]


def erase(user: Any) -> None:
    TopFive.objects.filter(person=user).delete()
    Value.objects.filter(noted_by=user).update(noted_by=None)
    Value.objects.filter(entered_by=user).update(entered_by=None)
    Measure.objects.filter(created_by=user).update(created_by=None)
