"""Demo learning for `manage.py seed_demo`, as `demo.yaml` describes it: the demo lead part way through a module
with their own answers, and members of the lead's network enrolled, part way and finished, so the counts a lead
sees have something in them. Made once: people already enrolled are left as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wayfinder.accounts.models import User
from wayfinder.core.datafiles import read_yaml
from wayfinder.hub.models import ResourcePage
from wayfinder.learning import builtin, services
from wayfinder.learning.models import Enrolment, ModulePage, UnitPage
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Membership, Network

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")


def _answers(unit: UnitPage, words: list[str]) -> dict[str, Any]:
    """A form post answering the unit's activities: words for questions, a rating, the first checklist item."""
    data: dict[str, Any] = {}
    texts = iter(words)
    for block in unit.activities:
        name = f"activity-{block.id}"
        if block.block_type == "question":
            data[name] = next(texts, words[0])
        elif block.block_type == "rating":
            data[name] = "3"
        else:
            data[name] = ["0"]
            data[f"{name}-shown"] = "1"
    return data


def _finish(person: Any, unit: UnitPage, words: list[str]) -> None:
    services.answers_save(person=person, unit=unit, data=_answers(unit, words))
    services.unit_complete(person=person, unit=unit)


def _add_reading() -> int:
    """Link the built-in units to demo hub resources, where a unit has no reading yet. Returns how many units."""
    resources = {
        page.slug: page.pk
        for page in ResourcePage.objects.live().filter(
            slug__in={slug for slugs in DEMO["reading"].values() for slug in slugs}
        )
    }
    added = 0
    for unit in UnitPage.objects.live().filter(slug__in=list(DEMO["reading"])):
        found = [resources[slug] for slug in DEMO["reading"][unit.slug] if slug in resources]
        if unit.reading or not found:
            continue
        unit.reading = [{"type": "resource", "value": {"resource": pk, "note": ""}} for pk in found]
        unit.save_revision().publish()
        added += 1
    return added


def seed() -> list[str]:
    builtin.load_builtin()
    _add_reading()
    network = Network.objects.filter(slug=DEMO["network"]).first()
    learner = User.objects.filter(email=f"{DEMO['learner']}@{DEMO_DOMAIN}").first()
    own = ModulePage.objects.live().filter(slug=DEMO["learner_module"]).first()
    theirs = ModulePage.objects.live().filter(slug=DEMO["member_module"]).first()
    if network is None or learner is None or own is None or theirs is None:
        return []
    if not Enrolment.objects.filter(person=learner, module=own).exists():
        services.enrolment_start(person=learner, module=own)
        first = UnitPage.objects.live().child_of(own).order_by("path").first()
        if first is not None:
            _finish(learner, first, list(DEMO["learner_answers"]))
    units = list(UnitPage.objects.live().child_of(theirs).order_by("path"))
    members = (
        Membership.objects.filter(network=network)
        .exclude(user=learner)
        .select_related("user")
        .order_by("user__email")[: len(DEMO["member_progress"])]
    )
    for membership, progress in zip(members, DEMO["member_progress"], strict=False):
        person = membership.user
        if Enrolment.objects.filter(person=person, module=theirs).exists():
            continue
        services.enrolment_start(person=person, module=theirs)
        done = units if progress == "completed" else units[:1] if progress == "started" else []
        for unit in done:
            _finish(person, unit, [DEMO["member_answer"]])
    enrolled = Enrolment.objects.filter(module=theirs, person__memberships__network=network).count()
    return [
        f"Demo learning: {learner.email} is part way through {own.title}; "
        f"{enrolled} people in {network.name} are enrolled on {theirs.title}."
    ]
