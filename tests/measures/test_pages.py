"""The other measures pages: libraries, picking from one, the top five, changing a measure, the baseline, the
index; each refuses people who may not use it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from tests.signing_in import sign_in
from wayfinder.measures import periods
from wayfinder.measures.models import Definition, Library, Measure, TopFive

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Staff vacancies",
    "description": "Posts vacant at the end of the month",
    "unit": "posts",
    "area": "people",
    "direction": "down",
    "frequency": "monthly",
    "target": "",
}


def test_the_national_team_publishes_a_library_and_a_lead_picks_from_it(
    client: Client, mworld: SimpleNamespace
) -> None:
    sign_in(client, mworld.national)
    assert "Publish a library of measures" in client.get("/measures/").content.decode()
    response = client.post("/measures/libraries/new/", {"name": "People measures", "description": "", "owner": ""})
    library = Library.objects.get(name="People measures")
    assert library.system is None and response.status_code == 302
    page = client.post(f"/measures/libraries/{library.pk}/", {**FIELDS, "direction": ""}).content.decode()
    assert "Choose which way is better" in page
    client.post(f"/measures/libraries/{library.pk}/", FIELDS)
    definition = Definition.objects.get(library=library)

    sign_in(client, mworld.member)
    assert client.get(f"/measures/libraries/{library.pk}/").status_code == 404
    assert client.get("/measures/libraries/new/").status_code == 404

    sign_in(client, mworld.lead)
    pick = f"/networks/{mworld.open.slug}/measures/library/"
    assert "Staff vacancies" in client.get(pick).content.decode()
    assert client.post(pick, {"definition": str(definition.pk)}).status_code == 302
    assert Measure.objects.filter(network=mworld.open, definition=definition).exists()
    assert "Your network keeps this" in client.get(pick).content.decode()


def test_a_system_lead_publishes_only_for_their_system(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.system_lead)
    client.post("/measures/libraries/new/", {"name": "Riverside set", "owner": str(mworld.system_a.pk)})
    assert Library.objects.get(name="Riverside set").system == mworld.system_a
    page = client.post("/measures/libraries/new/", {"name": "England set", "owner": ""}).content.decode()
    assert "Choose who publishes the library" in page
    assert not Library.objects.filter(name="England set").exists()


def test_choosing_a_top_five(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.member)
    url = f"/networks/{mworld.open.slug}/measures/top-five/"
    assert client.post(url, {"measures": [str(mworld.measure.pk)]}).status_code == 302
    assert TopFive.objects.filter(person=mworld.member, measure=mworld.measure).exists()
    page = client.get(f"/networks/{mworld.open.slug}/").content.decode()
    assert "Your top five measures" in page and "Days to a routine appointment" in page


def test_changing_a_measure_keeps_its_frequency(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.lead)
    url = f"{mworld.measure.get_absolute_url()}edit/"
    assert 'name="frequency"' not in client.get(url).content.decode()
    client.post(url, {**FIELDS, "name": "Days to routine care", "frequency": "weekly", "target": "30"})
    mworld.measure.refresh_from_db()
    assert (mworld.measure.name, mworld.measure.frequency, mworld.measure.target) == (
        "Days to routine care",
        "monthly",
        30,
    )


def test_setting_and_clearing_the_baseline(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.lead)
    url = f"{mworld.measure.get_absolute_url()}baseline/"
    client.post(url, {"baseline_end": "2025-12-01"})
    mworld.measure.refresh_from_db()
    assert mworld.measure.baseline_end == dt.date(2025, 12, 1)
    client.post(url, {"baseline_end": ""})
    mworld.measure.refresh_from_db()
    assert mworld.measure.baseline_end is None
    assert client.post(url, {"baseline_end": "soon"}).status_code == 302  # refused with a message, nothing changed


@pytest.mark.parametrize(
    ("text", "frequency", "day"),
    [
        ("2026-03", "monthly", dt.date(2026, 3, 1)),
        ("2026-Q2", "quarterly", dt.date(2026, 4, 1)),
        ("2026q4", "quarterly", dt.date(2026, 10, 1)),
        ("2026-03-02", "weekly", dt.date(2026, 3, 2)),
    ],
)
def test_periods_are_read_and_written_the_same_way(text: str, frequency: str, day: dt.date) -> None:
    assert periods.parse(text, frequency) == day
    assert periods.parse(periods.write(day, frequency), frequency) == day


@pytest.mark.parametrize(
    ("text", "frequency", "message"),
    [
        ("2026-03-03", "weekly", "is a Tuesday, not a Monday"),
        ("2026-02-30", "weekly", "is not a date"),
        ("2026-Q5", "quarterly", "is not a quarter"),
        ("03/2026", "monthly", "is not a month"),
    ],
)
def test_a_period_in_the_wrong_format_says_how_to_write_it(text: str, frequency: str, message: str) -> None:
    with pytest.raises(periods.BadPeriod, match=message):
        periods.parse(text, frequency)


def test_breadcrumbs_lead_back_through_the_measures(client: Client, mworld: SimpleNamespace) -> None:
    sign_in(client, mworld.lead)
    page = client.get(f"{mworld.measure.get_absolute_url()}edit/").content.decode()
    trail = page[page.index('class="nhsuk-breadcrumb"') :]
    trail = trail[: trail.index("</nav>")]
    assert f'href="/networks/{mworld.open.slug}/measures/"' in trail
    assert ">Measures" in "".join(trail.split())
    assert f'href="{mworld.measure.get_absolute_url()}"' in trail
    assert ">/networks/" not in trail  # addresses are links, never the words
