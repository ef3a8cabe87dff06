"""A network's measures and their latest reading, and submitting a measure's value for a period.

A network or measure the caller may not see answers 404, so ids cannot be probed; only the network's leads and
facilitators may submit values (403 for other members).
"""

# No `from __future__ import annotations`: django-ninja reads the signatures at import time.

from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from wayfinder.api.common import caller, error_text
from wayfinder.api.schemas import responses
from wayfinder.measures import periods, queries, services
from wayfinder.measures import permissions as measures_permissions
from wayfinder.networks.permissions import get_visible_network_or_404

router = Router(tags=["Measures"])

MeasureId = Annotated[int, Path(description="The measure's id, as GET /networks/{slug}/measures gives it")]
Slug = Annotated[str, Path(description="The network's slug, the end of its address on Wayfinder")]


class MeasureOut(Schema):
    id: int
    name: str
    unit: str
    area: str = Field(description="operations, quality, finance, population_need, people or experience")
    direction: str = Field(description="up (higher is better), down (lower is better) or neither")
    frequency: str = Field(description="weekly, monthly or quarterly")
    target: float | None
    period_format: str = Field(description="How to write this measure's periods")
    latest_period: str | None = Field(description="The latest period with a value, written as periods are")
    latest_value: float | None
    variation: str | None = Field(
        description="From the latest point: common_cause, improvement_high, improvement_low, concern_high, "
        "concern_low, neither_high or neither_low; null without values"
    )
    assurance: str = Field(description="pass, fail, either or none: the target against the process limits")
    summary: str = Field(description="What the chart says now, in words")


class ValueIn(Schema):
    period: str = Field(description="Monthly 2026-03, quarterly 2026-Q1, weekly the Monday's date 2026-03-02")
    value: float | str = Field(description='A number; text such as "1,234.5" is read too')
    note: str | None = Field(None, description="What happened in the period; leave it out to keep the note there is")


class ValueOut(Schema):
    measure: int
    period: str
    value: float
    note: str
    step_change: bool
    changed: bool = Field(description="false when the value and note were already the same")


def _out(chart: queries.Chart) -> MeasureOut:
    measure = chart.measure
    latest = chart.values[-1] if chart.values else None
    return MeasureOut(
        id=measure.pk,
        name=measure.name,
        unit=measure.unit,
        area=measure.area,
        direction=measure.direction,
        frequency=measure.frequency,
        target=float(measure.target) if measure.target is not None else None,
        period_format=periods.FORMATS[measure.frequency],
        latest_period=periods.write(latest.period, measure.frequency) if latest else None,
        latest_value=float(latest.value) if latest else None,
        variation=chart.analysis.variation.value if chart.analysis.variation else None,
        assurance=chart.analysis.assurance.value,
        summary=chart.summary,
    )


@router.get(
    "/networks/{slug}/measures",
    response=responses(list[MeasureOut], 404),
    summary="A network's measures",
    operation_id="listNetworkMeasures",
)
def network_measures(request: HttpRequest, slug: Slug) -> list[MeasureOut]:
    """Every measure the network keeps, with its latest value and what its chart says."""
    user = caller(request)
    network = get_visible_network_or_404(user, slug=slug)
    if not measures_permissions.can_view_measures(user, network):
        raise Http404("No such network")
    return [_out(chart) for chart in queries.network_charts(network)]


@router.post(
    "/measures/{int:measure_id}/values",
    response=responses(ValueOut, 403, 404, 422),
    summary="Submit a measure's value for a period",
    operation_id="submitMeasureValue",
)
def value_submit(request: HttpRequest, measure_id: MeasureId, payload: ValueIn) -> ValueOut:
    """Saves the value for the period, replacing the one there was. Sending the same again changes nothing."""
    user = caller(request)
    measure = (
        measures_permissions.measures_visible_to(user).select_related("network__system").filter(pk=measure_id).first()
    )
    if measure is None:
        raise Http404("No such measure")
    if not measures_permissions.can_edit_measures(user, measure.network):
        raise HttpError(403, "Only the network's leads and facilitators may enter values")
    try:
        period = services.period_of(measure, payload.period)
        value, changed = services.value_set(
            measure=measure, period=period, value=str(payload.value), note=payload.note, by=user
        )
    except ValidationError as error:
        raise HttpError(422, error_text(error)) from error
    return ValueOut(
        measure=measure.pk,
        period=periods.write(value.period, measure.frequency),
        value=float(value.value),
        note=value.note,
        step_change=value.step_change,
        changed=changed,
    )
