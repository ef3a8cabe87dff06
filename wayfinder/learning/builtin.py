"""The learning content every Wayfinder starts with (`builtin.yaml`), put into the page tree once.

Loaded after every `migrate` (the post_migrate signal, see apps.py), so a fresh install has it, and by the demo.
Idempotent: a page that is already there, by its slug under its parent, is left as it is, so what editors have
changed is never overwritten and a page they deleted is only made again if its whole module is gone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from wayfinder.core.datafiles import read_yaml
from wayfinder.learning.models import (
    CHECKLIST,
    QUESTION,
    RATING,
    LearningIndexPage,
    ModulePage,
    ProgrammePage,
    UnitPage,
)

CONTENT = read_yaml(Path(__file__).resolve().parent / "builtin.yaml")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _activity(item: dict[str, Any]) -> dict[str, Any]:
    kind = item["kind"]
    if kind == QUESTION:
        value: dict[str, Any] = {"prompt": item["prompt"], "hint": item.get("hint", "")}
    elif kind == RATING:
        value = {"prompt": item["prompt"], "low_label": item["low"], "high_label": item["high"]}
    elif kind == CHECKLIST:
        value = {"prompt": item["prompt"], "items": list(item["items"])}
    else:
        raise ValueError(f"Unknown activity kind {kind!r}")
    return {"type": kind, "value": value, "id": item["id"]}


def _publish(parent: Any, page: Any) -> Any:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ready_to_load() -> bool:
    """Every learning migration has run (a migrate to an earlier state, as some tests do, leaves it alone)."""
    if "wagtailcore_page" not in connection.introspection.table_names():
        return False
    names = {path.stem for path in MIGRATIONS.glob("[0-9]*.py")}
    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "learning"}
    return names <= applied


@transaction.atomic
def learning_index_ensure() -> LearningIndexPage | None:
    """The learning front page, under the hub's front page; None when there is no hub yet."""
    from wayfinder.hub.models import HubIndexPage

    index = LearningIndexPage.objects.first()
    if index is not None:
        return index
    hub = HubIndexPage.objects.first()
    if hub is None:
        return None
    spec = CONTENT["index"]
    return _publish(hub, LearningIndexPage(title=spec["title"], slug="learning", introduction=spec["introduction"]))


@transaction.atomic
def load_builtin() -> int:
    """Put in the built-in programme, modules and units that are missing. Returns how many pages it made."""
    index = learning_index_ensure()
    if index is None:
        return 0
    made = 0
    spec = CONTENT["programme"]
    programme = ProgrammePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if programme is None:
        programme = _publish(
            index,
            ProgrammePage(
                title=spec["title"], slug=spec["slug"], summary=spec["summary"], introduction=spec["introduction"]
            ),
        )
        made += 1
    for module_spec in CONTENT["modules"]:
        if ModulePage.objects.child_of(programme).filter(slug=module_spec["slug"]).exists():
            continue
        module = _publish(
            programme,
            ModulePage(
                title=module_spec["title"],
                slug=module_spec["slug"],
                summary=module_spec["summary"],
                introduction=module_spec["introduction"],
            ),
        )
        made += 1
        for unit in module_spec["units"]:
            _publish(
                module,
                UnitPage(
                    title=unit["title"],
                    slug=unit["slug"],
                    introduction=unit["introduction"],
                    learning_outcome=unit["outcome"],
                    activities=[_activity(item) for item in unit["activities"]],
                    dimension_keys=list(unit["dimensions"]),
                    support_domain_keys=list(unit["domains"]),
                    cd_skill_keys=list(unit["skills"]),
                ),
            )
            made += 1
    return made


def load_after_migrate(**_: Any) -> None:
    if ready_to_load():
        load_builtin()
