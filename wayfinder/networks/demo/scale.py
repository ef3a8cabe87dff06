"""Plan England-scale benchmark data in memory, deterministically from a seed; seed_scale writes the plan."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from django.utils.text import slugify

from wayfinder.networks.demo import words

# Every generated row carries one of these marks, so --flush-scale never touches anything else.
SCALE_DOMAIN = "scale.wayfinder.test"
CODE_PREFIX = "SC-"
SLUG_PREFIX = "scale-"

# Join dates count back from a fixed day, so the same seed gives the same data on any day.
JOINED_BY = datetime(2025, 4, 1, tzinfo=UTC)

FULL_SIZE = {"regions": 7, "systems": 42, "places": 210, "pcns": 1250, "other_networks": 1250, "people": 200_000}

ORGANISATIONS_PER_PCN = {3: 22, 4: 24, 5: 20, 6: 13, 7: 9, 8: 6, 9: 4, 10: 2}  # mean about 5.1
PARTNERS_PER_PCN = {0: 35, 1: 40, 2: 18, 3: 7}  # organisations in a PCN that are not GP practices
PARTNER_KINDS = {"community": 40, "voluntary": 35, "local_authority": 20, "other": 5}
GP_CODE_LETTERS = "ABCDEFGHJKLMNPY"

PCN_STAGES = {"established": 62, "emerging": 28, "pre_emergent": 3, "dormant": 7}
PCN_PRIVACY = {"open": 35, "restricted": 25, "private": 40}
OTHER_TYPES = {"learning": 45, "delivery": 15, "advocacy": 12, "social": 13, "managed": 15}
OTHER_STAGES = {"pre_emergent": 10, "emerging": 30, "established": 45, "dormant": 15}
OTHER_PRIVACY = {"open": 35, "restricted": 30, "private": 25, "confidential": 10}

# Chance that a membership (other than the lead's) carries each role; the rest are plain members.
PCN_ROLE_ODDS = (("facilitator", 0.01), ("steering", 0.06), ("external", 0.01))
OTHER_ROLE_ODDS = (("facilitator", 0.03), ("steering", 0.08), ("external", 0.06))
EXTRA_NETWORK_CHANCE = 0.22
EXTRA_NETWORK_COUNTS = {1: 60, 2: 30, 3: 10}
JOIN_REQUEST_CHANCE = 0.4
JOIN_REQUEST_MESSAGES = (
    "I would like to learn from colleagues doing similar work.",
    "Our practice is starting on this and I want to join in.",
    "A colleague suggested this group to me.",
    "",
)

SYSTEM_LEADS_PER_SYSTEM = 2
REGIONAL_LEADS_PER_REGION = 2
NATIONAL_TEAM = 12
EDITORS = 4

NUMBER_WORDS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight", 9: "Nine", 10: "Ten"}

T = TypeVar("T")


@dataclass(frozen=True)
class Sizes:
    regions: int
    systems: int
    places: int
    pcns: int
    other_networks: int
    people: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        """England's shape at 1.0; the hierarchy never grows past England, networks and people do."""
        regions = min(FULL_SIZE["regions"], max(1, round(FULL_SIZE["regions"] * scale)))
        systems = min(FULL_SIZE["systems"], max(regions, round(FULL_SIZE["systems"] * scale)))
        places = min(FULL_SIZE["places"], max(systems, round(FULL_SIZE["places"] * scale)))
        pcns = max(1, round(FULL_SIZE["pcns"] * scale))
        other_networks = max(1, round(FULL_SIZE["other_networks"] * scale))
        people = max(pcns + other_networks + 1, round(FULL_SIZE["people"] * scale))
        return cls(regions, systems, places, pcns, other_networks, people)


@dataclass(frozen=True, slots=True)
class AreaPlan:
    """A region, system or place; `parent` is the index of the area above it."""

    code: str
    name: str
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class NetworkPlan:
    name: str
    slug: str
    code: str | None
    is_pcn: bool
    network_type: str
    stage: str
    privacy: str
    population: int | None
    description: str
    system: int | None
    place: int | None
    lead: int  # index into people


@dataclass(frozen=True, slots=True)
class OrganisationPlan:
    code: str
    name: str
    kind: str
    network: int


@dataclass(slots=True)
class PersonPlan:
    email: str
    full_name: str
    job_title: str
    organisation: str
    professional_group: str
    date_joined: datetime


@dataclass
class ScalePlan:
    sizes: Sizes
    regions: list[AreaPlan] = field(default_factory=list)
    systems: list[AreaPlan] = field(default_factory=list)
    places: list[AreaPlan] = field(default_factory=list)
    networks: list[NetworkPlan] = field(default_factory=list)
    organisations: list[OrganisationPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    memberships: list[tuple[int, int, str]] = field(default_factory=list)  # (person, network, role)
    appointments: list[tuple[int, str, int | None]] = field(default_factory=list)  # (person, role, area)
    join_requests: list[tuple[int, int, str]] = field(default_factory=list)  # (person, network, message)


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _join_names(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def invented_towns() -> list[str]:
    towns = (start + ending for start in words.TOWN_STARTS for ending in words.TOWN_ENDINGS)
    return [town for town in towns if town not in words.NOT_TOWNS and not re.search(r"(.)\1\1", town.lower())]


class _Planner:
    def __init__(self, seed: int, sizes: Sizes) -> None:
        self.rng = random.Random(seed)
        self.plan = ScalePlan(sizes=sizes)
        self.towns = invented_towns()
        self.fresh_towns = list(self.towns)
        self.rng.shuffle(self.fresh_towns)
        self.slugs: set[str] = set()
        self.pcn_towns: list[list[str]] = []
        self.org_names_by_network: dict[int, list[str]] = {}
        self.practice_names_by_network: dict[int, list[str]] = {}
        self.org_names_by_system: dict[int, list[str]] = {}
        self.profession_weights = list(itertools.accumulate(share for _, share, _ in words.PROFESSIONS))

    def run(self) -> ScalePlan:
        self._areas()
        self._pcns()
        self._other_networks()
        self._people_and_memberships()
        self._join_requests()
        return self.plan

    def _fresh_town(self) -> str:
        return self.fresh_towns.pop()

    def _claim_slug(self, name: str) -> str | None:
        slug = SLUG_PREFIX + slugify(name)
        if slug in self.slugs:
            return None
        self.slugs.add(slug)
        return slug

    def _areas(self) -> None:
        sizes, plan, rng = self.plan.sizes, self.plan, self.rng
        names = words.REGION_NAMES[: sizes.regions]
        plan.regions = [AreaPlan(f"{CODE_PREFIX}R{i + 1}", name) for i, name in enumerate(names)]
        for i in range(sizes.systems):
            towns = [self._fresh_town()] if rng.random() < 0.5 else [self._fresh_town(), self._fresh_town()]
            plan.systems.append(AreaPlan(f"{CODE_PREFIX}S{i + 1:02d}", f"{_join_names(towns)} ICS", i % sizes.regions))
        for i in range(sizes.places):
            plan.places.append(AreaPlan(f"{CODE_PREFIX}P{i + 1:03d}", self._fresh_town(), i % sizes.systems))

    def _pcn_name(self, place_name: str, index: int) -> tuple[str, str, list[str]]:
        rng = self.rng
        for _ in range(50):
            roll = rng.random()
            if roll < 0.45:
                towns = [place_name]
                name = f"{place_name} {rng.choice(words.PCN_QUALIFIERS)} PCN"
            elif roll < 0.85:
                towns = rng.sample(self.towns, 2)
                name = f"{_join_names(towns)} PCN"
            else:
                towns = rng.sample(self.towns, 3)
                name = f"{_join_names(towns)} PCN"
            slug = self._claim_slug(name)
            if slug:
                return name, slug, towns
        name = f"{place_name} PCN {index + 1}"
        return name, SLUG_PREFIX + slugify(name), [place_name]

    def _pcns(self) -> None:
        plan, rng = self.plan, self.rng
        gp_serial = itertools.count(10001)
        partner_serial = itertools.count(1)
        for i in range(plan.sizes.pcns):
            place_index = i % len(plan.places)
            system_index = plan.places[place_index].parent
            assert system_index is not None
            region_index = plan.systems[system_index].parent or 0
            name, slug, towns = self._pcn_name(plan.places[place_index].name, i)
            organisations = self._pcn_organisations(i, towns, region_index, gp_serial, partner_serial)
            gp_count = sum(1 for org in organisations if org.kind == "gp_practice")
            partner_kinds = list(dict.fromkeys(org.kind for org in organisations if org.kind != "gp_practice"))
            partners = [words.PARTNER_PHRASES[kind] for kind in partner_kinds]
            population = round(rng.triangular(18_000, 110_000, 40_000), -2)
            topic = rng.choice(words.TOPICS).lower()
            focus = rng.choice(words.PCN_FOCUS).format(topic=topic, rhythm=rng.choice(words.MEETING_RHYTHMS))
            description = words.PCN_DESCRIPTION.format(
                practices=NUMBER_WORDS[gp_count],
                partners=f", with {_join_names(partners)}," if partners else "",
                population=f"{int(population):,}",
                towns=_join_names(towns),
                focus=focus,
            )
            plan.networks.append(
                NetworkPlan(
                    name=name,
                    slug=slug,
                    code=f"{CODE_PREFIX}U{10000 + i + 1}",
                    is_pcn=True,
                    network_type="delivery",
                    stage=_pick(rng, PCN_STAGES),
                    privacy=_pick(rng, PCN_PRIVACY),
                    population=int(population),
                    description=description,
                    system=system_index,
                    place=place_index,
                    lead=i,
                )
            )
            plan.organisations.extend(organisations)
            names = [org.name for org in organisations]
            self.org_names_by_network[i] = names
            self.practice_names_by_network[i] = [org.name for org in organisations if org.kind == "gp_practice"]
            self.org_names_by_system.setdefault(system_index, []).extend(names)

    def _pcn_organisations(
        self,
        network: int,
        towns: list[str],
        region_index: int,
        gp_serial: itertools.count[int],
        partner_serial: itertools.count[int],
    ) -> list[OrganisationPlan]:
        rng = self.rng
        count = _pick(rng, ORGANISATIONS_PER_PCN)
        partners = min(_pick(rng, PARTNERS_PER_PCN), count - 2)
        kinds = ["gp_practice"] * (count - partners) + [_pick(rng, PARTNER_KINDS) for _ in range(partners)]
        local = [*towns, *rng.sample(self.towns, 2)]
        letter = GP_CODE_LETTERS[region_index % len(GP_CODE_LETTERS)]
        result: list[OrganisationPlan] = []
        used: set[str] = set()
        for kind in kinds:
            patterns = {
                "gp_practice": words.GP_PATTERNS,
                "community": words.COMMUNITY_PATTERNS,
                "voluntary": words.VOLUNTARY_PATTERNS,
                "local_authority": words.LOCAL_AUTHORITY_PATTERNS,
                "other": words.COMMUNITY_PATTERNS,
            }[kind]
            name = ""
            for _ in range(10):
                name = rng.choice(patterns).format(town=rng.choice(local), street=rng.choice(words.STREETS))
                if name not in used:
                    break
            used.add(name)
            if kind == "gp_practice":
                code = f"{CODE_PREFIX}{letter}{next(gp_serial):05d}"
            else:
                short = {"community": "RC", "voluntary": "VS", "local_authority": "LA", "other": "OT"}[kind]
                code = f"{CODE_PREFIX}{short}{next(partner_serial):05d}"
            result.append(OrganisationPlan(code=code, name=name, kind=kind, network=network))
        return result

    def _other_networks(self) -> None:
        plan, rng = self.plan, self.rng
        first_lead = len(plan.networks)
        places_by_system: dict[int, list[int]] = {}
        for index, area in enumerate(plan.places):
            places_by_system.setdefault(area.parent or 0, []).append(index)
        for j in range(plan.sizes.other_networks):
            network_type = _pick(rng, OTHER_TYPES)
            slug: str | None = None
            for _ in range(30):
                system: int | None = None
                place: int | None = None
                roll = rng.random()
                if roll < 0.65:
                    system = rng.randrange(len(plan.systems))
                    system_name = plan.systems[system].name.removesuffix(" ICS")
                    if rng.random() < 0.4:
                        place = rng.choice(places_by_system[system])
                        scope, where = plan.places[place].name, f"in {plan.places[place].name}"
                    else:
                        scope, where = system_name, f"across {system_name}"
                elif roll < 0.9:
                    region = plan.regions[rng.randrange(len(plan.regions))].name
                    scope, where = region, f"in the {region} region"
                else:
                    scope, where = "National", "across England"
                topic = rng.choice(words.TOPICS)
                kind = rng.choice(words.KIND_WORDS[network_type])
                name = f"{scope} {topic} {kind}"
                slug = self._claim_slug(name)
                if slug:
                    break
            if slug is None:
                name = f"{name} {j + 1}"
                slug = self._claim_slug(name) or f"{SLUG_PREFIX}network-{j + 1}"
            description = words.NETWORK_DESCRIPTIONS[network_type].format(
                kind=kind.lower(), topic=topic.lower(), where=where, rhythm=rng.choice(words.MEETING_RHYTHMS)
            )
            plan.networks.append(
                NetworkPlan(
                    name=name,
                    slug=slug,
                    code=None,
                    is_pcn=False,
                    network_type=network_type,
                    stage=_pick(rng, OTHER_STAGES),
                    privacy=_pick(rng, OTHER_PRIVACY),
                    population=None,
                    description=description,
                    system=system,
                    place=place,
                    lead=first_lead + j,
                )
            )

    def _people_and_memberships(self) -> None:
        plan, rng = self.plan, self.rng
        networks = plan.networks
        total_networks, total_people = len(networks), plan.sizes.people
        # Most networks are of a similar size; a few learning networks grow very large.
        weights = [
            rng.uniform(0.5, 1.5) if network.is_pcn else min(rng.paretovariate(1.5), 40.0) / 3 for network in networks
        ]
        cumulative = list(itertools.accumulate(weights))
        everyone = range(total_networks)
        primary = list(everyone) + rng.choices(everyone, cum_weights=cumulative, k=total_people - total_networks)

        appointed = self._appointments(total_networks, total_people)
        all_org_names = [org.name for org in plan.organisations]
        extra_counts = list(EXTRA_NETWORK_COUNTS)
        extra_weights = list(EXTRA_NETWORK_COUNTS.values())
        for person in range(total_people):
            home = primary[person]
            joined = [home]
            if rng.random() < EXTRA_NETWORK_CHANCE:
                k = rng.choices(extra_counts, weights=extra_weights)[0]
                for extra in rng.choices(everyone, cum_weights=cumulative, k=k):
                    if extra not in joined:
                        joined.append(extra)
            for network in joined:
                if person == network:
                    role = "lead"
                else:
                    odds = PCN_ROLE_ODDS if networks[network].is_pcn else OTHER_ROLE_ODDS
                    role = "member"
                    roll = rng.random()
                    for candidate, chance in odds:
                        if roll < chance:
                            role = candidate
                            break
                        roll -= chance
                plan.memberships.append((person, network, role))
            plan.people.append(self._person(person, home, appointed.get(person), all_org_names))

    def _appointments(self, first: int, total_people: int) -> dict[int, tuple[str, str]]:
        """Choose the people with roles above a network; returns person -> (job title, organisation)."""
        plan, rng = self.plan, self.rng
        wanted: list[tuple[str, int | None, str, str]] = []
        for index, system in enumerate(plan.systems):
            wanted += [("system_lead", index, "Primary care development lead", system.name)] * SYSTEM_LEADS_PER_SYSTEM
        for index, region in enumerate(plan.regions):
            team = f"{region.name} regional team"
            wanted += [("regional_lead", index, "Regional primary care lead", team)] * REGIONAL_LEADS_PER_REGION
        wanted += [("national_team", None, "National network adviser", "National team")] * NATIONAL_TEAM
        wanted += [("editor", None, "Knowledge hub editor", "National team")] * EDITORS
        pool = range(first, total_people) if total_people - first >= len(wanted) else range(total_people)
        chosen = rng.sample(pool, min(len(wanted), len(pool)))
        jobs: dict[int, tuple[str, str]] = {}
        for person, (role, area, job_title, organisation) in zip(chosen, wanted, strict=False):
            plan.appointments.append((person, role, area))
            jobs[person] = (job_title, organisation)
        return jobs

    def _person(
        self, person: int, home: int, appointment: tuple[str, str] | None, all_org_names: list[str]
    ) -> PersonPlan:
        rng, plan = self.rng, self.plan
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.SURNAMES)
        local = ".".join(re.sub(r"[^a-z]", "", part.lower()) for part in (first, last))
        email = f"{local}.{person + 1}@{SCALE_DOMAIN}"
        network = plan.networks[home]
        if person < plan.sizes.pcns:
            group, job_title = "gp", "Clinical director"
        else:
            group, _, titles = rng.choices(words.PROFESSIONS, cum_weights=self.profession_weights)[0]
            job_title = rng.choice(titles)
        if person < plan.sizes.pcns:
            organisation = rng.choice(self.practice_names_by_network[home])
        elif network.is_pcn:
            organisation = rng.choice(self.org_names_by_network[home])
        elif network.system is not None and network.system in self.org_names_by_system:
            organisation = rng.choice(self.org_names_by_system[network.system])
        else:
            organisation = rng.choice(all_org_names)
        if appointment:
            group = "commissioner"
            job_title, organisation = appointment
        joined = JOINED_BY - timedelta(days=rng.randint(0, 1460), seconds=rng.randint(0, 86_399))
        return PersonPlan(email, f"{first} {last}", job_title, organisation, group, joined)

    def _join_requests(self) -> None:
        plan, rng = self.plan, self.rng
        members = {(person, network) for person, network, _ in plan.memberships}
        asked: set[tuple[int, int]] = set()
        for index, network in enumerate(plan.networks):
            if network.privacy != "restricted" or rng.random() >= JOIN_REQUEST_CHANCE:
                continue
            for _ in range(rng.randint(1, 3)):
                person = rng.randrange(plan.sizes.people)
                if (person, index) in members or (person, index) in asked:
                    continue
                asked.add((person, index))
                plan.join_requests.append((person, index, rng.choice(JOIN_REQUEST_MESSAGES)))


def plan_scale(*, seed: int, scale: float) -> ScalePlan:
    """Everything seed_scale will write, as plain values; the same seed and scale give the same plan."""
    return _Planner(seed, Sizes.for_scale(scale)).run()
