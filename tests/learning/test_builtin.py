"""The built-in programme is in the page tree on a fresh install, and loading it again changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.management import call_command

from wayfinder.learning import builtin
from wayfinder.learning.models import LearningIndexPage, ModulePage, ProgrammePage, UnitPage

pytestmark = pytest.mark.django_db


def test_the_built_in_modules_have_four_units_each_with_activities(learning: SimpleNamespace) -> None:
    assert learning.pcns.title == "Building successful PCNs"
    assert learning.networks.title == "Leading networks"
    assert [unit.title for unit in learning.pcn_units] == [
        "Setting up the partnership",
        "The deal and the relationship",
        "Building multi-disciplinary teams",
        "Leading beyond your own authority",
    ]
    assert [unit.title for unit in learning.network_units] == [
        "How networks differ from hierarchies",
        "The four organising practices",
        "Engaging members and creating value",
        "Measuring what matters",
    ]
    for unit in [*learning.pcn_units, *learning.network_units]:
        assert unit.live and unit.learning_outcome and len(unit.activities) >= 2
        assert unit.dimension_keys and unit.support_domain_keys and unit.cd_skill_keys
        assert unit.video_url == ""  # a placeholder until editors add the real video
        assert unit.latest_revision is not None  # editors see its history in /cms/


def test_it_lives_under_the_hub_at_hub_learning(learning: SimpleNamespace) -> None:
    index = LearningIndexPage.objects.get()
    assert index.url == "/hub/learning/"
    assert learning.pcns.url.startswith("/hub/learning/")


def test_loading_again_makes_nothing_and_keeps_what_editors_changed(learning: SimpleNamespace) -> None:
    unit = learning.pcn_units[0]
    unit.title = "Setting up your partnership"
    unit.save_revision().publish()
    assert builtin.load_builtin() == 0
    assert UnitPage.objects.get(pk=unit.pk).title == "Setting up your partnership"
    assert ProgrammePage.objects.count() == 1 and ModulePage.objects.count() == 2


def test_migrate_puts_the_built_in_content_back_on_a_fresh_install() -> None:
    LearningIndexPage.objects.get().delete()
    assert UnitPage.objects.count() == 0
    call_command("migrate", verbosity=0)
    assert UnitPage.objects.live().count() == 8


def test_the_placeholder_video_says_so(client: object, learning: SimpleNamespace) -> None:
    page = client.get(learning.pcn_units[0].url).content.decode()  # type: ignore[attr-defined]
    assert "The video for this unit is a placeholder" in page
