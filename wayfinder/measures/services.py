"""Every write a person can make to measures: libraries and definitions, a network's measures and their links to
plan priorities, values (one at a time, from a file or through the API), notes, step changes, the baseline and
a person's top five.

Each function is atomic and raises ValidationError with a message a person understands; views check permission
(wayfinder.measures.permissions) before calling these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wayfinder.core.changes import changed
from wayfinder.measures import periods
from wayfinder.measures.models import Area, Definition, Direction, Frequency, Library, Measure, TopFive, Value
from wayfinder.networks.models import Network, System
from wayfinder.plans.models import Priority

TOP_FIVE = 5
# Values are kept to 4 decimal places and must be below this in size (the column holds 14 digits).
LARGEST = Decimal("10000000000")
PLACES = Decimal("0.0001")


def _changed(network: Network) -> None:
    changed(networks=[network.pk], systems=[network.system_id])


# Reading what people type ------------------------------------------------------------------------------------


def number(text: Any, *, what: str = "The value") -> Decimal:
    """A value as a person or a file gives it: "1,234.5", "12", 12.5. Rounded to 4 decimal places."""
    if isinstance(text, bool):
        raise ValidationError(f"{what} must be a number, like 42 or 3.5")
    raw = str(text).strip().replace(",", "") if text is not None else ""
    if raw.endswith("%"):
        raw = raw[:-1].strip()
    if not raw:
        raise ValidationError(f"{what} is missing: enter a number, like 42 or 3.5")
    try:
        value = Decimal(raw)
    except InvalidOperation as error:
        raise ValidationError(f"{what} must be a number, like 42 or 3.5, not “{raw[:40]}”") from error
    if not value.is_finite():
        raise ValidationError(f"{what} must be a number, like 42 or 3.5, not “{raw[:40]}”")
    if abs(value) >= LARGEST:
        raise ValidationError(f"{what} must be less than 10,000,000,000")
    return value.quantize(PLACES)


def _text(value: str, *, what: str, longest: int, required: bool = True) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError(f"{what[0].upper()}{what[1:]} has a character that is not text in it (NUL)")
    if required and not value:
        raise ValidationError(f"Enter {what}")
    if len(value) > longest:
        raise ValidationError(f"{what[0].upper()}{what[1:]} must be {longest} characters or fewer")
    return value


def _choice(value: str, choices: Any, *, what: str) -> str:
    if value not in choices.values:
        raise ValidationError(f"Choose {what}")
    return str(value)


def _fields(
    *,
    name: str,
    description: str,
    unit: str,
    direction: str,
    frequency: str,
    area: str,
    target: Decimal | str | None,
) -> dict[str, Any]:
    return {
        "name": _text(name, what="the measure's name", longest=200),
        "description": _text(description, what="what the measure counts and how", longest=4000),
        "unit": _text(unit, what="the unit", longest=60),
        "direction": _choice(direction, Direction, what="which way is better"),
        "frequency": _choice(frequency, Frequency, what="how often it is measured"),
        "area": _choice(area, Area, what="the area it measures"),
        "target": None if target in (None, "") else number(target, what="The target"),
    }


# Libraries and definitions -----------------------------------------------------------------------------------


@transaction.atomic
def library_create(*, name: str, description: str = "", system: System | None) -> Library:
    name = _text(name, what="the library's name", longest=200)
    if Library.objects.filter(system=system, name=name).exists():
        raise ValidationError(f"There is already a library called {name}")
    return Library.objects.create(name=name, description=description.strip(), system=system)


@transaction.atomic
def definition_create(
    *,
    library: Library,
    name: str,
    description: str,
    unit: str,
    direction: str,
    frequency: str,
    area: str,
    target: Decimal | str | None = None,
) -> Definition:
    fields = _fields(
        name=name,
        description=description,
        unit=unit,
        direction=direction,
        frequency=frequency,
        area=area,
        target=target,
    )
    if library.definitions.filter(name=fields["name"]).exists():
        raise ValidationError(f"{library.name} already has a measure called {fields['name']}")
    return Definition.objects.create(library=library, **fields)


# A network's measures ------------------------------------------------------------------------------------------


def _unique_name(network: Network, name: str, exclude: int | None = None) -> None:
    clash = Measure.objects.filter(network=network, name=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError(f"Your network already has a measure called {name}")


@transaction.atomic
def measure_create(
    *,
    network: Network,
    by: Any,
    name: str,
    description: str,
    unit: str,
    direction: str,
    frequency: str,
    area: str,
    target: Decimal | str | None = None,
) -> Measure:
    """A measure the network writes itself."""
    fields = _fields(
        name=name,
        description=description,
        unit=unit,
        direction=direction,
        frequency=frequency,
        area=area,
        target=target,
    )
    _unique_name(network, fields["name"])
    measure = Measure.objects.create(network=network, created_by=by, **fields)
    _changed(network)
    return measure


@transaction.atomic
def measure_adopt(*, network: Network, definition: Definition, by: Any) -> Measure:
    """Pick a definition from a library the network may use: it is copied, so the network may tailor its target."""
    library = definition.library
    if library.system_id is not None and library.system_id != network.system_id:
        raise ValidationError("That library belongs to another system")
    if Measure.objects.filter(network=network, definition=definition).exists():
        raise ValidationError(f"Your network already keeps {definition.name}")
    _unique_name(network, definition.name)
    measure = Measure.objects.create(
        network=network,
        definition=definition,
        created_by=by,
        name=definition.name,
        description=definition.description,
        unit=definition.unit,
        direction=definition.direction,
        frequency=definition.frequency,
        area=definition.area,
        target=definition.target,
    )
    _changed(network)
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    name: str,
    description: str,
    unit: str,
    direction: str,
    area: str,
    target: Decimal | str | None = None,
) -> Measure:
    """Change what a measure says. Its frequency stays: its values are kept by period."""
    fields = _fields(
        name=name,
        description=description,
        unit=unit,
        direction=direction,
        frequency=measure.frequency,
        area=area,
        target=target,
    )
    _unique_name(measure.network, fields["name"], exclude=measure.pk)
    for key, value in fields.items():
        setattr(measure, key, value)
    measure.save()
    _changed(measure.network)
    return measure


@transaction.atomic
def measure_link(*, measure: Measure, priority_ids: Iterable[int]) -> list[Priority]:
    """Link the measure to these priorities of its network's plans (replacing the links it had)."""
    wanted = set(priority_ids)
    found = list(Priority.objects.filter(pk__in=wanted, plan__network_id=measure.network_id))
    if len(found) != len(wanted):
        raise ValidationError("Choose priorities from your network's development plans")
    measure.priorities.set(found)
    _changed(measure.network)
    return found


@transaction.atomic
def measure_set_baseline(*, measure: Measure, baseline_end: dt.date | None) -> Measure:
    """Fix the limits on the values up to and including `baseline_end` (None: work them out from every value)."""
    if baseline_end is not None:
        before = measure.values.filter(period__lte=baseline_end)
        if before.count() < 2:
            raise ValidationError("A baseline needs at least 2 values up to the period you choose")
    measure.baseline_end = baseline_end
    measure.save(update_fields=["baseline_end", "updated_at"])
    _changed(measure.network)
    return measure


# Values ---------------------------------------------------------------------------------------------------------


def period_of(measure: Measure, text: str) -> dt.date:
    try:
        return periods.parse(text, measure.frequency)
    except periods.BadPeriod as error:
        raise ValidationError(str(error)) from error


@transaction.atomic
def value_set(
    *,
    measure: Measure,
    period: dt.date,
    value: Decimal | str | float,
    by: Any,
    note: str | None = None,
    step_change: bool | None = None,
) -> tuple[Value, bool]:
    """Enter a period's value (replacing the one there was). A note or step change left as None keeps what the
    period had. Returns the value and whether anything changed."""
    amount = number(value)
    note = None if note is None else _text(note, what="the note", longest=2000, required=False)
    row = Value.objects.select_for_update().filter(measure=measure, period=period).first()
    if row is None:
        try:
            with transaction.atomic():  # a savepoint: someone else may save the same period at the same moment
                row = Value.objects.create(
                    measure=measure,
                    period=period,
                    value=amount,
                    note=note or "",
                    step_change=bool(step_change),
                    entered_by=by,
                    noted_by=by if note else None,
                )
        except IntegrityError:
            row = Value.objects.select_for_update().get(measure=measure, period=period)
        else:
            _changed(measure.network)
            return row, True
    differs = row.value != amount or (note is not None and note != row.note)
    differs = differs or (step_change is not None and step_change != row.step_change)
    if not differs:
        return row, False
    if row.value != amount:
        row.value, row.entered_by = amount, by
    if note is not None and note != row.note:
        row.note, row.noted_by = note, (by if note else None)
    if step_change is not None:
        row.step_change = step_change
    row.save()
    _changed(measure.network)
    return row, True


@transaction.atomic
def value_annotate(*, value: Value, note: str, step_change: bool, by: Any) -> Value:
    """Write a note on a period ("new triage model started") and say whether the process changed from it."""
    note = _text(note, what="the note", longest=2000, required=False)
    if step_change and not note:
        raise ValidationError("Say what changed: a step change needs a note")
    if note != value.note:
        value.note, value.noted_by = note, (by if note else None)
    value.step_change = step_change
    value.save()
    _changed(value.measure.network)
    return value


@transaction.atomic
def value_delete(*, value: Value) -> None:
    network = value.measure.network
    value.delete()
    _changed(network)


# A person's top five ---------------------------------------------------------------------------------------------


@transaction.atomic
def top_five_set(*, person: Any, network: Network, measure_ids: Sequence[int]) -> list[Measure]:
    """The measures, in order, the person sees first on the network's page: up to five of its measures."""
    ids = list(dict.fromkeys(measure_ids))
    if len(ids) > TOP_FIVE:
        raise ValidationError(f"Choose up to {TOP_FIVE} measures")
    measures = {m.pk: m for m in Measure.objects.filter(network=network, pk__in=ids)}
    if len(measures) != len(ids):
        raise ValidationError("Choose measures your network keeps")
    TopFive.objects.filter(person=person, measure__network=network).delete()
    TopFive.objects.bulk_create(
        TopFive(person=person, measure=measures[pk], position=position) for position, pk in enumerate(ids)
    )
    changed(people=[person.pk], networks=[network.pk])
    return [measures[pk] for pk in ids]
