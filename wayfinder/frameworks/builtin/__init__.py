"""The frameworks and support domains that ship with Wayfinder, as plain data for `frameworks.loading`.

Each module holds one framework (or the support domains), written in our own words from the facts in the
source documents. `shapes` describes the shapes; `FRAMEWORKS` is the order the loader works through.
"""

from __future__ import annotations

from wayfinder.frameworks.builtin import (
    mdt_foundations,
    network_health_survey,
    network_maturity_matrix,
    organising_practices,
    pcn_maturity_matrix,
    pre_flight_check,
    support_domains,
)
from wayfinder.frameworks.builtin.shapes import FrameworkData, SupportDomainData

FRAMEWORKS: list[FrameworkData] = [
    network_maturity_matrix.FRAMEWORK,
    pcn_maturity_matrix.FRAMEWORK,
    network_health_survey.FRAMEWORK,
    organising_practices.FRAMEWORK,
    mdt_foundations.FRAMEWORK,
    pre_flight_check.FRAMEWORK,
]

SUPPORT_DOMAINS: list[SupportDomainData] = support_domains.SUPPORT_DOMAINS

__all__ = ["FRAMEWORKS", "SUPPORT_DOMAINS"]
