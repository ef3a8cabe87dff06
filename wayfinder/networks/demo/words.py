"""Word lists that seed_scale combines into invented place, organisation, network and person names, read from
`data/words.yaml`."""

from __future__ import annotations

from pathlib import Path

from wayfinder.core.datafiles import read_yaml

_WORDS = read_yaml(Path(__file__).resolve().parent / "data" / "words.yaml")


def _split(name: str) -> tuple[str, ...]:
    return tuple(_WORDS[name].split())


def _listed(name: str) -> tuple[str, ...]:
    return tuple(_WORDS[name])


REGION_NAMES = _listed("region_names")
TOWN_STARTS = _split("town_starts")
TOWN_ENDINGS = _split("town_endings")
NOT_TOWNS = frozenset(_split("not_towns"))
PCN_QUALIFIERS = _listed("pcn_qualifiers")
STREETS = _listed("streets")
GP_PATTERNS = _listed("gp_patterns")
COMMUNITY_PATTERNS = _listed("community_patterns")
VOLUNTARY_PATTERNS = _listed("voluntary_patterns")
LOCAL_AUTHORITY_PATTERNS = _listed("local_authority_patterns")
TOPICS = _listed("topics")
KIND_WORDS: dict[str, tuple[str, ...]] = {kind: tuple(words) for kind, words in _WORDS["kind_words"].items()}
MEETING_RHYTHMS = _listed("meeting_rhythms")
FIRST_NAMES = _split("first_names")
SURNAMES = _split("surnames")
# (professional group, its share of members, job titles within it)
PROFESSIONS: tuple[tuple[str, int, tuple[str, ...]], ...] = tuple(
    (item["group"], item["share"], tuple(item["job_titles"])) for item in _WORDS["professions"]
)
PCN_DESCRIPTION: str = _WORDS["pcn_description"]
PCN_FOCUS = _listed("pcn_focus")
PARTNER_PHRASES: dict[str, str] = _WORDS["partner_phrases"]
NETWORK_DESCRIPTIONS: dict[str, str] = _WORDS["network_descriptions"]
