"""The system's printed summary: its counts agree with their number."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string


@pytest.mark.parametrize(
    ("assessed", "networks", "expected"),
    [
        (1, 1, "1 of 1 network has a closed round"),
        (1, 3, "1 of 3 networks has a closed round"),
        (2, 3, "2 of 3 networks have"),
    ],
)
def test_the_header_counts_networks_in_agreement_with_their_number(assessed: int, networks: int, expected: str) -> None:
    data = SimpleNamespace(
        framework=(1, "Network Maturity Matrix"), assessed=[object()] * assessed, networks=[], dimensions=[]
    )
    data.networks = [SimpleNamespace(name=f"Network {n}", cells=[]) for n in range(networks)]
    html = render_to_string(
        "dashboards/print.jinja", {"system": SimpleNamespace(name="Riverside ICS"), "data": data, "charts": []}
    )
    assert expected in html
