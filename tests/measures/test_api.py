"""Submitting measures' values through the API, and reading a network's measures."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from tests.api.support import call, token_for
from wayfinder.measures.models import Value

pytestmark = pytest.mark.django_db


def test_a_lead_submits_a_value_and_again_changes_nothing(client: Client, mworld: SimpleNamespace) -> None:
    secret = token_for(mworld.lead)
    path = f"/measures/{mworld.measure.pk}/values"
    response = call(client, "post", path, secret, {"period": "2027-01", "value": 27.5, "note": "Snow"})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "measure": mworld.measure.pk,
        "period": "2027-01",
        "value": 27.5,
        "note": "Snow",
        "step_change": False,
        "changed": True,
    }
    again = call(client, "post", path, secret, {"period": "2027-01", "value": "27.5"})
    assert again.json()["changed"] is False and again.json()["note"] == "Snow"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"period": "2027-01", "value": "lots"}, "must be a number"),
        ({"period": "January 2027", "value": 3}, "is not a month"),
        ({"period": "2027-02-01", "value": 3}, "is not a month"),
    ],
)
def test_bad_values_are_refused_and_nothing_saved(
    client: Client, mworld: SimpleNamespace, body: dict[str, object], message: str
) -> None:
    response = call(client, "post", f"/measures/{mworld.measure.pk}/values", token_for(mworld.lead), body)
    assert response.status_code == 422 and message in response.json()["detail"]
    assert not Value.objects.filter(period__year=2027).exists()


def test_who_may_submit(client: Client, mworld: SimpleNamespace) -> None:
    body = {"period": "2027-01", "value": 1}
    path = f"/measures/{mworld.measure.pk}/values"
    assert call(client, "post", path, token_for(mworld.member), body).status_code == 403
    assert call(client, "post", path, token_for(mworld.outsider), body).status_code == 404
    assert call(client, "post", "/measures/999999/values", token_for(mworld.lead), body).status_code == 404


def test_a_networks_measures_with_their_reading(client: Client, mworld: SimpleNamespace) -> None:
    response = call(client, "get", f"/networks/{mworld.open.slug}/measures", token_for(mworld.member))
    (measure,) = response.json()
    assert measure["latest_period"] == "2026-12" and measure["variation"] == "improvement_low"
    assert call(client, "get", f"/networks/{mworld.open.slug}/measures", token_for(mworld.outsider)).status_code == 404


def test_a_note_with_a_nul_character_is_refused(client: Client, mworld: SimpleNamespace) -> None:
    body = {"period": "2027-01", "value": 1, "note": "a\u0000b"}
    response = call(client, "post", f"/measures/{mworld.measure.pk}/values", token_for(mworld.lead), body)
    assert response.status_code == 422 and "NUL" in response.json()["detail"]
