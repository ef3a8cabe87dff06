"""The test databases' template (tests/databases.py): made for the engine and the code it was migrated with, and
left aside when pytest-django is asked for one of its own ways."""

from __future__ import annotations

from typing import Any

import pytest

from tests import databases


class Options:
    def __init__(self, **given: Any) -> None:
        self.given = {"reuse_db": False, "create_db": False, "nomigrations": False, **given}

    def getvalue(self, name: str) -> Any:
        return self.given[name]


@pytest.mark.parametrize(
    ("given", "wanted"),
    [({}, True), ({"reuse_db": True}, False), ({"create_db": True}, False), ({"nomigrations": True}, False)],
)
def test_a_template_is_used_unless_pytest_django_is_asked_for_its_own_way(given: dict[str, bool], wanted: bool) -> None:
    assert databases.wanted(Options(**given)) is wanted


def test_the_template_is_named_after_its_engine_and_stays_the_same_while_nothing_changes() -> None:
    sqlite = databases.digest({"ENGINE": databases.SQLITE})
    assert sqlite == databases.digest({"ENGINE": databases.SQLITE})
    assert sqlite != databases.digest({"ENGINE": databases.POSTGRESQL})
