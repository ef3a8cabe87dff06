"""Reads for the measures pages, panels, exports and roll-up: a fixed number of queries however many measures and
values there are. The reading of each series is done by the pure `spc` module."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from wayfinder.core.suppression import MINIMUM_GROUP, Figure, hide_small
from wayfinder.measures import periods, spc
from wayfinder.measures.chart import number
from wayfinder.measures.models import Definition, Library, Measure, TopFive, Value
from wayfinder.networks.models import Network, Privacy, System


@dataclass(frozen=True)
class Row:
    """One period of a measure's table and exports."""

    value_id: int
    period: dt.date
    label: str
    value: float
    mean: float
    lower: float
    upper: float
    signals: str  # "Shift, trend" or ""
    kind: spc.Kind
    note: str
    step_change: bool
    provisional: bool

    @property
    def figures(self) -> tuple[str, str, str, str]:
        """The value, mean and limits as the page writes them."""
        return number(self.value), number(self.mean), number(self.lower), number(self.upper)


@dataclass(frozen=True)
class Chart:
    measure: Measure
    values: tuple[Value, ...]
    analysis: spc.Analysis
    labels: tuple[str, ...]  # long labels, for the table and summary
    short_labels: tuple[str, ...]
    summary: str

    @property
    def variation_words(self) -> str:
        if self.analysis.variation is None:
            return "No values yet"
        return spc.VARIATION_WORDS[self.analysis.variation]

    @property
    def assurance_words(self) -> str:
        if self.analysis.assurance is spc.Assurance.NONE and self.measure.target is not None:
            return "No assurance: the measure has no better direction"
        return spc.ASSURANCE_WORDS[self.analysis.assurance]

    def rows(self) -> list[Row]:
        result = []
        for value, point, label in zip(self.values, self.analysis.points, self.labels, strict=True):
            limits = self.analysis.limits_at(point.index)
            result.append(
                Row(
                    value_id=value.pk,
                    period=value.period,
                    label=label,
                    value=point.value,
                    mean=limits.mean,
                    lower=limits.lower,
                    upper=limits.upper,
                    signals=", ".join(spc.RULE_NAMES[r] for r in spc.Rule if r in point.rules).capitalize(),
                    kind=point.kind,
                    note=value.note,
                    step_change=value.step_change,
                    provisional=limits.provisional,
                )
            )
        return result


def chart_of(measure: Measure, values: Sequence[Value]) -> Chart:
    """Read one measure's values (in period order)."""
    values = tuple(sorted(values, key=lambda v: v.period))
    steps = [i for i, v in enumerate(values) if v.step_change]
    baseline_end = None
    if measure.baseline_end is not None:
        before = [i for i, v in enumerate(values) if v.period <= measure.baseline_end]
        if before:
            baseline_end = before[-1]
            # A baseline shorter than two points after the step change before it is ignored.
            start = max([s for s in steps if s <= baseline_end], default=0)
            if baseline_end - start < 1:
                baseline_end = None
    analysis = spc.analyse(
        [v.value for v in values],
        direction=measure.direction,
        target=measure.target,
        step_changes=steps,
        baseline_end=baseline_end,
    )
    labels = tuple(periods.label(v.period, measure.frequency) for v in values)
    short_labels = tuple(periods.short(v.period, measure.frequency) for v in values)
    return Chart(
        measure=measure,
        values=values,
        analysis=analysis,
        labels=labels,
        short_labels=short_labels,
        summary=spc.summary(analysis, labels),
    )


def charts_of(measures: Iterable[Measure]) -> list[Chart]:
    """The charts of many measures, in the order given, in one query for all their values."""
    measures = list(measures)
    by_measure: dict[int, list[Value]] = defaultdict(list)
    for value in Value.objects.filter(measure__in=[m.pk for m in measures]).order_by("period"):
        by_measure[value.measure_id].append(value)
    return [chart_of(m, by_measure[m.pk]) for m in measures]


def network_charts(network: Network) -> list[Chart]:
    measures = list(Measure.objects.filter(network=network).order_by("area", "name"))
    for measure in measures:
        measure.network = network
    return charts_of(measures)


def measure_chart(measure: Measure) -> Chart:
    return chart_of(measure, list(measure.values.select_related("noted_by").order_by("period")))


def top_five(person: Any, network: Network) -> list[Measure]:
    """The measures the person chose for the network, in their order."""
    if person is None or not person.is_authenticated:
        return []
    chosen = TopFive.objects.filter(person=person, measure__network=network).select_related("measure")
    result = [row.measure for row in chosen.order_by("position", "pk")]
    for measure in result:
        measure.network = network
    return result


def priority_measures(priority_ids: Sequence[int]) -> dict[int, list[Measure]]:
    """The measures linked to each of these priorities."""
    links = Measure.priorities.through.objects.filter(priority_id__in=list(priority_ids)).select_related(
        "measure__network"
    )
    result: dict[int, list[Measure]] = defaultdict(list)
    for link in links.order_by("measure__name"):
        result[link.priority_id].append(link.measure)
    return result


# Roll-up across a system ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollupRow:
    """How many of a system's networks keeping one definition show each reading at their latest point. Counts
    are hidden (None) when fewer than the minimum networks keep it."""

    definition: Definition
    networks: int
    improvement: int | None
    concern: int | None
    neither: int | None  # special cause on a measure with no better direction
    common: int | None
    no_values: int | None

    @property
    def hidden(self) -> bool:
        return self.improvement is None and self.networks > 0


KINDS = ("improvement", "concern", "neither", "common", "no_values")


def rollup(system: System) -> list[tuple[Library, list[RollupRow]]]:
    """For each definition of the libraries the system's networks may use (national and the system's own), how
    many of the system's networks keeping it show special cause improvement, concern or common cause at their
    latest point. Confidential networks are never counted. Counts from fewer than the minimum networks are
    hidden, with the dashboards' rule (core/suppression.py)."""
    libraries = list(Library.objects.filter(Q(system__isnull=True) | Q(system=system)).order_by("name", "pk"))
    definitions = list(Definition.objects.filter(library__in=[lib.pk for lib in libraries]).order_by("area", "name"))
    measures = list(
        Measure.objects.filter(definition__in=[d.pk for d in definitions], network__system=system)
        .exclude(network__privacy=Privacy.CONFIDENTIAL)
        .select_related("network")
    )
    tallies: dict[int, Counter[str]] = defaultdict(Counter)
    for chart in charts_of(measures):
        latest = chart.analysis.latest
        bucket = "no_values" if latest is None else latest.kind.value
        tallies[chart.measure.definition_id or 0][bucket] += 1
    result = []
    for library in libraries:
        rows = []
        for definition in (d for d in definitions if d.library_id == library.pk):
            tally = tallies.get(definition.pk, Counter())
            total = sum(tally.values())
            shown = {
                kind: hide_small(Figure(tally[kind], total), overseen=False, minimum=MINIMUM_GROUP).value
                for kind in KINDS
            }
            rows.append(RollupRow(definition=definition, networks=total, **shown))
        result.append((library, rows))
    return result
