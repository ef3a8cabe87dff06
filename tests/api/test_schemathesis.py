"""`schemathesis run /api/v1/openapi.json --checks all` against a live Wayfinder finds nothing: every answer is
JSON, has a status the OpenAPI document lists for it, and matches the schema it documents.

schemathesis runs as its own program, exactly as a person would run it, against the live test server, with a
personal API token made by the token service. Its generation is deterministic and the number of examples
bounded, so the test cannot flake and takes well under a minute.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.api.support import token_for
from tests.factories import add_raters, build_round, build_version
from wayfinder.frameworks.loading import load_builtin
from wayfinder.frameworks.models import Framework

MAX_EXAMPLES = 25


def toml_list(values: list[Any]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def config(*, round_ids: list[int], dimension_keys: list[str], framework_slugs: list[str]) -> str:
    """schemathesis's configuration. Half the time a path parameter is one that exists, so the run reaches the
    endpoints' own logic (saving and submitting ratings) rather than stopping at 404s; the other half is
    generated. A body can match the schema and still be refused by the round's rules (a level the framework
    does not have, a round that is closed, dimensions not yet rated): the API answers those 422, as
    docs/api.md says, so for the two rating operations 422 is an expected answer to valid data. So is a measure's
    period in the wrong format, and a network or measure the caller may not see or change (404, 403)."""
    return f"""
[generation]
deterministic = true
max-examples = {MAX_EXAMPLES}

[dictionaries.round_ids]
values = {toml_list(round_ids)}

[dictionaries.dimension_keys]
values = {toml_list(dimension_keys)}

[dictionaries.framework_slugs]
values = {toml_list(framework_slugs)}

[dictionaries.networks]
values = ["qi-circle", "riverside-pcn"]

[dictionaries.levels]
values = [1, 2, 3, 4, 5]

[parameters]
"path.round_id" = {{ dictionary = "round_ids", probability = 0.5 }}
"path.dimension_key" = {{ dictionary = "dimension_keys", probability = 0.5 }}
"path.slug" = {{ dictionary = "framework_slugs", probability = 0.5 }}
"query.network" = {{ dictionary = "networks", probability = 0.5 }}
"body.level" = {{ dictionary = "levels", probability = 0.5 }}

[[operations]]
include-operation-id = ["saveMyRating", "submitMyRatings"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "404", "409", "422"]

[[operations]]
include-operation-id = ["listNetworkMeasures", "submitMeasureValue"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "422"]
"""


@pytest.mark.django_db(transaction=True)
def test_schemathesis_with_every_check_finds_no_failure(
    live_server: Any, world: SimpleNamespace, tmp_path: Path
) -> None:
    # A live server needs committed data, and the tables are emptied after each such test: load the built-in
    # frameworks again, as the browser tests do.
    load_builtin()
    version = build_version(dimensions=3, levels=5)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[]], users=[world.member], submitted=False)
    secret = token_for(world.member)
    settings_file = tmp_path / "schemathesis.toml"
    settings_file.write_text(
        config(
            round_ids=[round_.pk],
            dimension_keys=list(version.dimensions.values_list("key", flat=True)),
            framework_slugs=list(Framework.objects.values_list("slug", flat=True)),
        )
    )
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(settings_file),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Bearer {secret}",
        "--workers",
        "1",
        "--no-color",
    ]

    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False)

    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "Operations:       11 selected / 11 total" in report
    assert "Tested: 11" in report
