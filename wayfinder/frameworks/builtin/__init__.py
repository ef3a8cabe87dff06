"""The frameworks and support domains that ship with Wayfinder, read from the YAML files in this folder.

Each file holds one framework (or the support domains), written in our own words from the facts in the
source documents; `shapes` describes what a file holds, and `frameworks.loading` checks and stores it.
`FRAMEWORKS` is the order the loader works through.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from wayfinder.core.datafiles import read_yaml
from wayfinder.frameworks.builtin.shapes import FrameworkData, SupportDomainData

FOLDER = Path(__file__).resolve().parent

# The files, without ".yaml", in the order the loader creates them.
FRAMEWORK_FILES = (
    "network-maturity-matrix",
    "pcn-maturity-matrix",
    "network-health-survey",
    "organising-practices",
    "mdt-foundations",
    "pre-flight-check",
)
SUPPORT_DOMAINS_FILE = "support-domains"


def read_framework(name: str) -> FrameworkData:
    """One built-in framework as plain data, from its file."""
    return cast(FrameworkData, read_yaml(FOLDER / f"{name}.yaml"))


def read_support_domains() -> list[SupportDomainData]:
    """The six development support domains, in the order they are shown."""
    return cast(list[SupportDomainData], read_yaml(FOLDER / f"{SUPPORT_DOMAINS_FILE}.yaml"))


FRAMEWORKS: list[FrameworkData] = [read_framework(name) for name in FRAMEWORK_FILES]

SUPPORT_DOMAINS: list[SupportDomainData] = read_support_domains()

__all__ = ["FRAMEWORKS", "SUPPORT_DOMAINS", "read_framework", "read_support_domains"]
