"""The small, hand-written world that seed_demo loads: invented places, networks and people, read from the YAML
files in `data/`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wayfinder.core.datafiles import read_yaml

DEMO_PASSWORD = "wayfinder-demo-2026"  # noqa: S105 - a published demo password, never used outside demo data
DEMO_DOMAIN = "wayfinder.test"
DEMO_INVITATION_TOKEN = "demo-invitation-ravensby-central"  # noqa: S105 - demo data only
SITE_DOMAIN = "127.0.0.1:8000"
SITE_NAME = "Wayfinder"

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DemoRegion:
    code: str
    name: str


@dataclass(frozen=True)
class DemoSystem:
    code: str
    name: str
    region: str  # region code


@dataclass(frozen=True)
class DemoPlace:
    code: str
    name: str
    system: str  # system code


@dataclass(frozen=True)
class DemoOrganisation:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class DemoNetwork:
    """A network; `key` is how people below refer to it."""

    key: str
    name: str
    slug: str
    network_type: str
    stage: str
    privacy: str
    description: str
    system: str | None = None
    place: str | None = None
    code: str | None = None
    population: int | None = None
    organisations: tuple[DemoOrganisation, ...] = ()

    @property
    def is_pcn(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    organisation: str
    professional_group: str
    memberships: tuple[tuple[str, str], ...] = ()  # (network key, role)
    appointments: tuple[tuple[str, str | None], ...] = ()  # (role, system or region code)
    role_label: str = ""  # set for the one sign-in per role
    try_this: str = ""
    superuser: bool = False
    needs_two_factor: bool = False


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _member_email(name: str) -> str:
    """A member's address is made from their name: "Dr Ravi Underhill" signs in as ravi.underhill@..."""
    return _email(name.removeprefix("Dr ").lower().replace(" ", ".").replace("'", ""))


def _network(item: dict[str, Any]) -> DemoNetwork:
    organisations = tuple(DemoOrganisation(**organisation) for organisation in item.get("organisations", ()))
    return DemoNetwork(**{**item, "organisations": organisations})


def _person(item: dict[str, Any], email: str) -> DemoPerson:
    values = {name: value for name, value in item.items() if name != "sign_in"}
    return DemoPerson(
        **{
            **values,
            "email": email,
            "memberships": tuple(item.get("memberships", {}).items()),
            "appointments": tuple(item.get("appointments", {}).items()),
        }
    )


_places = read_yaml(DATA / "places.yaml")
REGIONS = tuple(DemoRegion(**item) for item in _places["regions"])
SYSTEMS = tuple(DemoSystem(**item) for item in _places["systems"])
PLACES = tuple(DemoPlace(**item) for item in _places["places"])


@dataclass(frozen=True)
class DemoContact:
    system: str  # system code
    name: str
    email: str
    job_title: str = ""
    phone: str = ""


# Who is my contact? Every demo system publishes at least one.
CONTACTS = tuple(DemoContact(**item) for item in read_yaml(DATA / "contacts.yaml")["contacts"])

_networks = read_yaml(DATA / "networks.yaml")
PCNS = tuple(_network(item) for item in _networks["pcns"])
OTHER_NETWORKS = tuple(_network(item) for item in _networks["other_networks"])
NETWORKS = PCNS + OTHER_NETWORKS

_people = read_yaml(DATA / "people.yaml")
# One sign-in per role, each with something worth trying.
ROLE_PEOPLE = tuple(_person(item, _email(item["sign_in"])) for item in _people["role_people"])
# Ordinary members, spread over the networks; every network gets a lead from here or above.
MEMBERS = tuple(_person(item, _member_email(item["full_name"])) for item in _people["members"])
PEOPLE = ROLE_PEOPLE + MEMBERS


@dataclass(frozen=True)
class DemoInvitation:
    network: str
    email: str
    role: str
    invited_by: str
    token: str = DEMO_INVITATION_TOKEN
    days_valid: int = 30


_requests = read_yaml(DATA / "requests.yaml")
# The demo member asks to join the restricted network; the demo lead decides.
JOIN_REQUEST = {
    "email": _email(_requests["join_request"]["sign_in"]),
    "network": _requests["join_request"]["network"],
    "message": _requests["join_request"]["message"],
}

# Sent by the lead of a private network to a colleague who has no account yet.
INVITATION = DemoInvitation(
    network=_requests["invitation"]["network"],
    email=_email(_requests["invitation"]["sign_in"]),
    role=_requests["invitation"]["role"],
    invited_by=_email(_requests["invitation"]["invited_by"]),
    days_valid=_requests["invitation"]["days_valid"],
)
