"""The demo rounds seed_demo loads: a closed baseline with agreed levels and an open progress check."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from wayfinder.accounts.models import User
from wayfinder.assessments import services
from wayfinder.assessments.models import Consensus, Rater, Rating, Round

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_same_demo_rounds_every_time() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Round.objects.count(), Rater.objects.count(), Rating.objects.count(), Consensus.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Round.objects.count(), Rater.objects.count(), Rating.objects.count(), Consensus.objects.count()) == counts
    # The demo lead's network; the support demo gives other PCNs rounds of the same names.
    baseline = Round.objects.get(title="Baseline 2026", network__slug="ravensby-central-pcn")
    progress = Round.objects.get(title="Progress check 2026", network__slug="ravensby-central-pcn")
    assert not services.round_is_open(baseline) and services.round_is_open(progress)
    assert baseline.consensus.count() == 5
    lead = User.objects.get(email="lead@wayfinder.test")
    assert services.rater_for_user(round_=progress, user=lead) is not None


def test_the_demo_lead_sees_the_baseline_results(client: Client) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(email="lead@wayfinder.test"))
    baseline = Round.objects.get(title="Baseline 2026")
    page = client.get(f"/rounds/{baseline.pk}/results/").content.decode()
    assert "Discuss: views differ by 2 levels or more" in page


def test_the_demo_has_a_maturity_matrix_round_with_a_two_level_disagreement(client: Client) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    round_ = Round.objects.get(title="Maturity baseline 2026")
    assert round_.version.framework.slug == "network-maturity-matrix" and not services.round_is_open(round_)
    assert round_.raters.filter(submitted_at__isnull=False).count() == 6
    assert Rating.objects.filter(rater__round=round_).count() == 6 * round_.version.dimensions.count()
    client.force_login(User.objects.get(email="member@wayfinder.test"))
    page = client.get(f"/rounds/{round_.pk}/results/").content.decode()
    assert "Discuss: views differ by 2 levels or more" in page
