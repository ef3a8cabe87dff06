"""Measures: defining and picking measures, values and notes, imports with bad input, pages, panels, downloads,
the roll-up and who may do what."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories as f
from tests.measures.conftest import months
from tests.signing_in import sign_in
from wayfinder.core import panels
from wayfinder.measures import imports, permissions, queries, rights, services
from wayfinder.measures.models import Measure, TopFive, Value
from wayfinder.measures.spc import Kind, Rule, Variation
from wayfinder.networks.models import NetworkRole

pytestmark = pytest.mark.django_db


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _import(w: SimpleNamespace, data: bytes, *, dry_run: bool = False, name: str = "values.csv") -> Any:
    return imports.values_import(network=w.open, data=data, filename=name, dry_run=dry_run, by=w.lead)


# Services ---------------------------------------------------------------------------------------------------------


def test_a_step_change_is_seen_as_a_shift_until_it_is_marked(mworld: SimpleNamespace) -> None:
    chart = queries.measure_chart(mworld.measure)
    # Lower is better: twelve points below the mean is a shift, special cause improvement.
    assert chart.analysis.variation is Variation.IMPROVEMENT_LOW
    assert Rule.SHIFT in chart.analysis.points[-1].rules
    assert chart.summary.startswith("Special cause improvement: 12 points in a row below the mean since January 2026")
    value = mworld.measure.values.get(period=dt.date(2026, 1, 1))
    services.value_annotate(value=value, note="New triage model started", step_change=True, by=mworld.lead)
    chart = queries.measure_chart(mworld.measure)
    assert [s.limits.mean for s in chart.analysis.segments] == [pytest.approx(40.5), pytest.approx(30.1666, abs=1e-3)]
    assert chart.analysis.variation is Variation.COMMON
    # The target (36) is above the new upper limit (35.49): lower is better, so it will be met consistently.
    assert chart.analysis.assurance.value == "pass"


def test_a_baseline_fixes_the_limits(mworld: SimpleNamespace) -> None:
    services.measure_set_baseline(measure=mworld.measure, baseline_end=dt.date(2025, 12, 1))
    chart = queries.measure_chart(mworld.measure)
    limits = chart.analysis.segments[0].limits
    assert limits.mean == pytest.approx(40.5) and limits.basis == 12
    assert all(p.kind is Kind.IMPROVEMENT for p in chart.analysis.points[12:])  # all below the lower limit
    with pytest.raises(ValidationError, match="at least 2 values"):
        services.measure_set_baseline(measure=mworld.measure, baseline_end=dt.date(2024, 1, 1))


def test_picking_from_a_library_copies_the_definition(mworld: SimpleNamespace) -> None:
    measure = services.measure_adopt(network=mworld.open, definition=mworld.definition, by=mworld.lead)
    assert (measure.name, measure.unit, measure.direction, measure.target) == ("Did not attend rate", "%", "down", 5)
    with pytest.raises(ValidationError, match="already keeps"):
        services.measure_adopt(network=mworld.open, definition=mworld.definition, by=mworld.lead)
    other = services.library_create(name="Hillside measures", system=mworld.system_b)
    theirs = services.definition_create(
        library=other, name="X", description="Y", unit="n", direction="up", frequency="weekly", area="people"
    )
    with pytest.raises(ValidationError, match="another system"):
        services.measure_adopt(network=mworld.open, definition=theirs, by=mworld.lead)


def test_defining_a_measure_checks_every_field(mworld: SimpleNamespace) -> None:
    good = {
        "name": "Staff turnover",
        "description": "Leavers as a share of staff",
        "unit": "%",
        "direction": "down",
        "frequency": "quarterly",
        "area": "people",
    }
    with pytest.raises(ValidationError, match="Choose which way is better"):
        services.measure_create(network=mworld.open, by=mworld.lead, **{**good, "direction": "sideways"})
    with pytest.raises(ValidationError, match="The target must be a number"):
        services.measure_create(network=mworld.open, by=mworld.lead, **good, target="lots")
    with pytest.raises(ValidationError, match="already has a measure called"):
        services.measure_create(network=mworld.open, by=mworld.lead, **{**good, "name": mworld.measure.name})
    assert services.measure_create(network=mworld.open, by=mworld.lead, **good).area == "people"


def test_linking_only_to_the_networks_own_priorities(mworld: SimpleNamespace) -> None:
    services.measure_link(measure=mworld.measure, priority_ids=[mworld.priority.pk])
    assert list(mworld.measure.priorities.all()) == [mworld.priority]
    elsewhere = f.PriorityFactory.create(
        plan=f.PlanFactory.create(network=mworld.private), support_domain_id="leadership-development"
    )
    with pytest.raises(ValidationError, match="your network's development plans"):
        services.measure_link(measure=mworld.measure, priority_ids=[elsewhere.pk])
    assert list(mworld.measure.priorities.all()) == [mworld.priority]


def test_value_set_replaces_and_reports_no_change(mworld: SimpleNamespace) -> None:
    day = dt.date(2025, 1, 1)
    _, changed = services.value_set(measure=mworld.measure, period=day, value="41", by=mworld.lead)
    assert not changed
    row, changed = services.value_set(measure=mworld.measure, period=day, value="1,041.5", by=mworld.member)
    assert changed and row.value == 1041.5 and row.entered_by == mworld.member
    with pytest.raises(ValidationError, match="must be a number"):
        services.value_set(measure=mworld.measure, period=day, value="n/a", by=mworld.lead)


def test_top_five_is_at_most_five_of_the_networks_measures(mworld: SimpleNamespace) -> None:
    services.top_five_set(person=mworld.member, network=mworld.open, measure_ids=[mworld.measure.pk])
    assert [t.measure for t in TopFive.objects.filter(person=mworld.member)] == [mworld.measure]
    with pytest.raises(ValidationError, match="up to 5"):
        services.top_five_set(person=mworld.member, network=mworld.open, measure_ids=list(range(1, 7)))
    theirs = services.measure_create(
        network=mworld.private,
        by=mworld.lead,
        name="Other",
        description="d",
        unit="n",
        direction="up",
        frequency="monthly",
        area="quality",
    )
    with pytest.raises(ValidationError, match="measures your network keeps"):
        services.top_five_set(person=mworld.member, network=mworld.open, measure_ids=[theirs.pk])


# Import -------------------------------------------------------------------------------------------------------------


def test_import_saves_everything_and_again_changes_nothing(mworld: SimpleNamespace) -> None:
    other = services.measure_adopt(network=mworld.open, definition=mworld.definition, by=mworld.lead)
    rows = [f"Did not attend rate,{day:%Y-%m},{5 + i % 3},," for i, day in enumerate(months(24))]
    data = _csv("Measure,Period,Value,Note,Step change", *rows, "Did not attend rate,2026-01,4,Texts sent,yes")
    data = data.replace(b"Did not attend rate,2026-01,5,,\n", b"")
    checked = _import(mworld, data, dry_run=True)
    assert checked.report.ok and not checked.saved and checked.created == 24
    assert not Value.objects.filter(measure=other).exists()
    done = _import(mworld, data)
    assert done.saved and done.created == 24
    january = Value.objects.get(measure=other, period=dt.date(2026, 1, 1))
    assert (january.note, january.step_change, january.noted_by) == ("Texts sent", True, mworld.lead)
    before = list(Value.objects.filter(measure=other).values_list("pk", "value", "note", "updated_at"))
    again = _import(mworld, data)
    assert again.report.ok and again.unchanged == 24 and again.created == again.updated == 0
    assert list(Value.objects.filter(measure=other).values_list("pk", "value", "note", "updated_at")) == before


def test_import_reports_every_bad_row_and_saves_nothing(mworld: SimpleNamespace) -> None:
    data = _csv(
        "measure,period,value",
        "Days to a routine appointment,2027-01,12",  # fine on its own
        "Days to a routine appointment,2027-02,twelve",  # not a number
        "Days to a routine appointment,2027-01,13",  # the same period twice
        "Days to a routine appointment,01/03/2027,14",  # a date in the wrong format
        "Waiting room temperature,2027-01,20",  # an unknown measure
        "Days to a routine appointment,2027-13,9",  # no such month
    )
    result = _import(mworld, data)
    assert not result.saved
    found = {(p.line, p.column): p.message for p in result.report.problems}
    assert set(found) == {(3, "value"), (4, "period"), (5, "period"), (6, "measure"), (7, "period")}
    assert "must be a number" in found[(3, "value")]
    assert "on line 2 already" in found[(4, "period")]
    assert "is not a month. Write the period as the year and month, like 2026-03" in found[(5, "period")]
    assert "no measure called “Waiting room temperature”" in found[(6, "measure")]
    assert not Value.objects.filter(period__year=2027).exists()


def test_import_refuses_a_file_without_the_columns(mworld: SimpleNamespace) -> None:
    result = _import(mworld, _csv("name,when,amount", "a,b,c"))
    assert next(p.message for p in result.report.problems).startswith("The header must name the columns")
    assert not _import(mworld, b"").report.ok


def test_import_reads_a_workbook(mworld: SimpleNamespace) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Measure", "Period", "Value", "Note"])
    sheet.append(["Days to a routine appointment", "2027-01", 28, "Winter"])
    sheet.append(["Days to a routine appointment", "2027-02", "many", None])
    out = io.BytesIO()
    book.save(out)
    bad = _import(mworld, out.getvalue(), name="values.xlsx")
    assert [(p.sheet, p.line, p.column) for p in bad.report.problems] == [("Values", 3, "value")]
    assert "Values sheet, row 3, column value" in str(bad.report.problems[0])
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    assert _import(mworld, out.getvalue(), name="values.xlsx").created == 1
    assert Value.objects.get(period=dt.date(2027, 1, 1)).note == "Winter"
    assert not _import(mworld, b"not a workbook", name="values.xlsx").report.ok


# Permissions ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "view", "edit"),
    [
        ("outsider", False, False),
        ("member", True, False),
        ("lead", True, True),
        ("system_lead", True, False),
        ("national", True, False),
        ("admin", True, True),
    ],
)
def test_who_sees_and_keeps_measures(mworld: SimpleNamespace, person: str, view: bool, edit: bool) -> None:
    user = getattr(mworld, person)
    assert permissions.can_view_measures(user, mworld.open) is view
    assert permissions.can_edit_measures(user, mworld.open) is edit
    assert (mworld.measure in permissions.measures_visible_to(user)) is view


def test_confidential_networks_are_hidden_from_overseers(mworld: SimpleNamespace) -> None:
    f.MembershipFactory.create(user=f.UserFactory.create(), network=mworld.confidential, role=NetworkRole.LEAD)
    assert not permissions.can_view_measures(mworld.system_lead, mworld.confidential)
    assert not permissions.can_view_measures(mworld.national, mworld.confidential)
    assert not permissions.can_view_measures(AnonymousUser(), mworld.open)
    assert permissions.can_view_measures(mworld.member, mworld.confidential)


def test_pages_answer_404_to_people_who_may_not_see(client: Client, mworld: SimpleNamespace) -> None:
    url = mworld.measure.get_absolute_url()
    assert client.get(url).status_code == 302  # sign in first
    sign_in(client, mworld.outsider)
    assert client.get(url).status_code == 404
    assert client.get(f"/networks/{mworld.open.slug}/measures/").status_code == 404
    sign_in(client, mworld.member)
    assert client.get(url).status_code == 200
    assert client.get(f"/networks/{mworld.open.slug}/measures/new/").status_code == 404
    assert client.post(f"{url}values/", {"period": "2027-01", "value": "1"}).status_code == 404
    # A measure of another network, asked for under this one, is not found.
    theirs = Measure.objects.create(
        network=mworld.private, name="X", description="d", unit="n", direction="up", frequency="monthly", area="people"
    )
    assert client.get(f"/networks/{mworld.open.slug}/measures/{theirs.pk}/").status_code == 404


# Pages --------------------------------------------------------------------------------------------------------------


def test_measure_page_has_the_chart_its_table_and_icons(
    client: Client, mworld: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    services.measure_link(measure=mworld.measure, priority_ids=[mworld.priority.pk])
    sign_in(client, mworld.lead)
    with django_assert_max_num_queries(20):
        page = client.get(mworld.measure.get_absolute_url()).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "Special cause improvement: 12 points in a row below the mean since January 2026" in page
    assert "Special cause improvement (low)" in page  # the variation icon's words
    assert "Faster access to routine care" in page
    assert page.count('<th scope="row" class="nhsuk-table__cell">') == 24


def test_network_page_query_count_does_not_grow_with_measures(
    client: Client, mworld: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, mworld.member)
    url = f"/networks/{mworld.open.slug}/measures/"
    with django_assert_max_num_queries(14) as first:
        assert client.get(url).status_code == 200
    for n in range(4):
        measure = services.measure_create(
            network=mworld.open,
            by=mworld.lead,
            name=f"Measure {n}",
            description="d",
            unit="n",
            direction="up",
            frequency="monthly",
            area="quality",
        )
        for day in months(12):
            services.value_set(measure=measure, period=day, value=n + day.month, by=mworld.lead)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("wf-xmr--small") == 5


def test_entering_a_value_and_a_note_through_the_forms(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.lead)
    url = mworld.measure.get_absolute_url()
    response = client.post(f"{url}values/", {"period": "March 2027", "value": "12"})
    assert "is not a month" in response.content.decode()
    response = client.post(f"{url}values/", {"period": "2027-01", "value": "12", "note": "Bank holiday"})
    assert response.status_code == 302
    value = Value.objects.get(measure=mworld.measure, period=dt.date(2027, 1, 1))
    assert value.note == "Bank holiday"
    response = client.post(f"{url}values/{value.pk}/", {"note": "", "step_change": "on"})
    assert "a step change needs a note" in response.content.decode()
    client.post(f"{url}values/{value.pk}/", {"note": "New rota", "step_change": "on"})
    value.refresh_from_db()
    assert value.step_change and value.note == "New rota"


def test_downloads_carry_the_mean_limits_and_signals(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.member)
    url = mworld.measure.get_absolute_url()
    text = client.get(f"{url}download.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == (
        "Period,Value,Mean,Lower process limit,Upper process limit,Limits provisional,Signals,Reading,Step change,Note"
    )
    assert lines[-1].startswith("2026-12,29.0,35.3333,")
    assert "Shift" in lines[-1] and "Improvement" in lines[-1]
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{url}download.xlsx").content))
    sheet = book["Values"]
    assert sheet["A1"].value == mworld.measure.name
    assert sheet.max_row == 4 + 24
    assert client.get(f"{url}download.pdf").status_code == 404


def test_panels_show_the_top_five_and_a_prioritys_measures(mworld: SimpleNamespace) -> None:
    services.measure_link(measure=mworld.measure, priority_ids=[mworld.priority.pk])
    services.top_five_set(person=mworld.member, network=mworld.open, measure_ids=[mworld.measure.pk])
    common = {"network_id": mworld.open.pk, "network_slug": mworld.open.slug, "network_name": mworld.open.name}
    shown = panels.panels_for(panels.Place(page="network", user=mworld.member, **common))
    top = next(p for p in shown if p.key == "measures:top-five")
    assert "Days to a routine appointment" in top.body and "wf-xmr--small" in top.body
    plan = panels.panels_for(
        panels.Place(
            page="plan", user=mworld.member, plan_id=mworld.plan.pk, priority_ids=[mworld.priority.pk], **common
        )
    )
    parts = panels.parts_for(plan, mworld.priority.pk)
    assert len(parts) == 1 and "Days to a routine appointment" in parts[0]
    outsider = panels.panels_for(panels.Place(page="network", user=mworld.outsider, **common))
    assert not any(p.key.startswith("measures") for p in outsider)


def test_the_plan_page_shows_the_linked_chart(client: Client, mworld: SimpleNamespace) -> None:
    services.measure_link(measure=mworld.measure, priority_ids=[mworld.priority.pk])
    sign_in(client, mworld.member)
    page = client.get(f"/plans/{mworld.plan.pk}/").content.decode()
    assert "Is the change real?" in page and "wf-xmr--small" in page


# Roll-up ------------------------------------------------------------------------------------------------------------


def test_rollup_counts_networks_and_hides_small_groups(client: Client, mworld: SimpleNamespace) -> None:
    networks = [mworld.open, mworld.restricted, mworld.confidential] + [
        f.NetworkFactory.create(system=mworld.system_a) for _ in range(4)
    ]
    for number, network in enumerate(networks):
        measure = services.measure_adopt(network=network, definition=mworld.definition, by=mworld.lead)
        values = [10] * 12 + ([4] * 7 if number % 2 else [])  # odd ones: 7 lower (better) points in a row
        for day, value in zip(months(len(values)), values, strict=True):
            services.value_set(measure=measure, period=day, value=value, by=mworld.lead)
    (_library, rows), *_ = queries.rollup(mworld.system_a)
    row = rows[0]
    # Six networks (the confidential one is never counted): three improving, three common cause.
    assert (row.networks, row.improvement, row.concern, row.common) == (6, 3, 0, 3)
    Value.objects.filter(measure__network__in=networks[3:]).delete()
    Measure.objects.filter(network__in=networks[4:]).delete()
    row = queries.rollup(mworld.system_a)[0][1][0]
    assert row.networks == 3 and row.hidden and row.improvement is None
    sign_in(client, mworld.system_lead)
    assert "Not shown" in client.get(f"/systems/{mworld.system_a.pk}/measures/").content.decode()
    sign_in(client, mworld.member)
    assert client.get(f"/systems/{mworld.system_a.pk}/measures/").status_code == 404


# Data rights --------------------------------------------------------------------------------------------------------


def test_export_and_erase_a_persons_measures_data(mworld: SimpleNamespace) -> None:
    value = mworld.measure.values.first()
    services.value_annotate(value=value, note="Snow", step_change=False, by=mworld.member)
    services.top_five_set(person=mworld.member, network=mworld.open, measure_ids=[mworld.measure.pk])
    files = {f.name: f for f in rights.export(mworld.member)}
    assert files["measures/values-and-notes.csv"].rows[0][5] == "Snow"
    assert files["measures/your-top-five.csv"].rows == [[mworld.open.name, mworld.measure.name, 1]]
    rights.erase(mworld.member)
    value.refresh_from_db()
    assert value.note == "Snow" and value.noted_by is None
    assert not TopFive.objects.filter(person=mworld.member).exists()


def test_rollup_page_queries_do_not_grow_with_networks(
    client: Client, mworld: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    def add_networks(count: int) -> None:
        for _ in range(count):
            network = f.NetworkFactory.create(system=mworld.system_a)
            measure = services.measure_adopt(network=network, definition=mworld.definition, by=mworld.lead)
            for day in months(14):
                services.value_set(measure=measure, period=day, value=day.month, by=mworld.lead)

    add_networks(2)
    sign_in(client, mworld.system_lead)
    url = f"/systems/{mworld.system_a.pk}/measures/"
    with django_assert_max_num_queries(15) as first:
        assert client.get(url).status_code == 200
    add_networks(6)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert ">8<" in page  # eight networks keep the definition
