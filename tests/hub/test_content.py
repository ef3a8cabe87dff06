"""The knowledge hub's demo content: enough of it, well formed, and tagged with keys the frameworks really have."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils.text import slugify

from wayfinder.frameworks.builtin import read_framework, read_support_domains
from wayfinder.frameworks.loading import load_builtin
from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.hub import content
from wayfinder.hub.content import CASE_STUDIES, RESOURCES, SPOTLIGHTS, TOPICS
from wayfinder.hub.models import Audience, ResourceKind
from wayfinder.networks.models import NetworkType

MATRICES = (read_framework("network-maturity-matrix"), read_framework("pcn-maturity-matrix"))
RESOURCE_FIELDS = {
    "title",
    "kind",
    "summary",
    "body",
    "audience",
    "dimension_keys",
    "support_domain_keys",
    "network_types",
    "topics",
    "external_link",
}
CASE_STUDY_FIELDS = {
    "title",
    "network_name",
    "network_type",
    "summary",
    "problem",
    "what_they_did",
    "what_changed",
    "contact",
    "dimension_keys",
    "support_domain_keys",
}
ALLOWED_TAGS = {"p", "h2", "ul", "ol", "li"}
TAG = re.compile(r"</?([a-zA-Z0-9]+)([^>]*)>")


def matrix_keys() -> set[str]:
    return {dimension["key"] for framework in MATRICES for dimension in framework["version"]["dimensions"]}


def domain_keys() -> set[str]:
    return {domain["key"] for domain in read_support_domains()}


def words(html: str) -> int:
    return len(TAG.sub(" ", html).split())


def html_fields() -> list[tuple[str, str]]:
    fields = [(item["title"], item["body"]) for item in RESOURCES]
    for story in CASE_STUDIES:
        fields += [(story["title"], story[name]) for name in ("problem", "what_they_did", "what_changed")]
    return fields


def test_there_is_enough_content() -> None:
    assert len(RESOURCES) >= 44
    assert len(CASE_STUDIES) >= 6
    assert len(SPOTLIGHTS) >= 3


def test_every_entry_has_exactly_the_agreed_fields() -> None:
    for resource in RESOURCES:
        assert set(resource) == RESOURCE_FIELDS, resource["title"]
    for story in CASE_STUDIES:
        assert set(story) == CASE_STUDY_FIELDS, story["title"]
    for spotlight in SPOTLIGHTS:
        assert set(spotlight) == {"title", "introduction", "items"}


def test_titles_and_their_slugs_are_unique() -> None:
    titles = [item["title"] for item in [*RESOURCES, *CASE_STUDIES]]
    assert len(titles) == len(set(titles))
    slugs = [slugify(title) for title in titles]
    assert len(slugs) == len(set(slugs))
    spotlight_titles = [spotlight["title"] for spotlight in SPOTLIGHTS]
    assert len(spotlight_titles) == len(set(spotlight_titles))


def test_choices_are_real_values() -> None:
    kinds = set(ResourceKind.values)
    audiences = set(Audience.values)
    network_types = set(NetworkType.values)
    for resource in RESOURCES:
        assert resource["kind"] in kinds, resource["title"]
        assert resource["audience"] in audiences, resource["title"]
        assert set(resource["network_types"]) <= network_types, resource["title"]
        assert len(resource["network_types"]) == len(set(resource["network_types"])), resource["title"]
    for story in CASE_STUDIES:
        assert story["network_type"] in network_types, story["title"]


def test_every_kind_of_resource_is_used() -> None:
    assert {resource["kind"] for resource in RESOURCES} == set(ResourceKind.values)


def test_topics_come_from_the_shared_vocabulary() -> None:
    for resource in RESOURCES:
        assert 1 <= len(resource["topics"]) <= 3, resource["title"]
        assert set(resource["topics"]) <= set(TOPICS), resource["title"]
        assert all(topic == topic.lower() for topic in resource["topics"])
    assert {topic for resource in RESOURCES for topic in resource["topics"]} == set(TOPICS)


def test_tags_are_keys_of_the_builtin_matrices_and_domains() -> None:
    for item in [*RESOURCES, *CASE_STUDIES]:
        assert item["dimension_keys"], item["title"]
        assert item["support_domain_keys"], item["title"]
        assert set(item["dimension_keys"]) <= matrix_keys(), item["title"]
        assert set(item["support_domain_keys"]) <= domain_keys(), item["title"]
        assert len(item["dimension_keys"]) == len(set(item["dimension_keys"])), item["title"]


def test_resources_cover_every_dimension_of_both_matrices_and_every_domain() -> None:
    assert len(matrix_keys()) == 13
    assert len(domain_keys()) == 6
    assert {key for resource in RESOURCES for key in resource["dimension_keys"]} == matrix_keys()
    assert {key for resource in RESOURCES for key in resource["support_domain_keys"]} == domain_keys()


def test_case_studies_cover_both_matrices_and_several_domains() -> None:
    covered = {key for story in CASE_STUDIES for key in story["dimension_keys"]}
    for framework in MATRICES:
        assert covered & {dimension["key"] for dimension in framework["version"]["dimensions"]}
    assert len({key for story in CASE_STUDIES for key in story["support_domain_keys"]}) >= 5


@pytest.mark.django_db
def test_tags_match_the_frameworks_in_the_database(db: Any) -> None:
    # A browser test may have emptied the tables; loading the built-ins again is safe and changes nothing else.
    load_builtin()
    slugs = [framework["slug"] for framework in MATRICES]
    stored_dimensions = set(
        Dimension.objects.filter(version__framework__slug__in=slugs, version__framework__built_in=True).values_list(
            "key", flat=True
        )
    )
    stored_domains = set(SupportDomain.objects.values_list("key", flat=True))
    assert stored_dimensions == matrix_keys()
    assert domain_keys() <= stored_domains
    for item in [*RESOURCES, *CASE_STUDIES]:
        assert set(item["dimension_keys"]) <= stored_dimensions, item["title"]
        assert set(item["support_domain_keys"]) <= stored_domains, item["title"]


def test_spotlights_list_four_to_eight_existing_items() -> None:
    titles = {item["title"] for item in [*RESOURCES, *CASE_STUDIES]}
    for spotlight in SPOTLIGHTS:
        assert spotlight["introduction"].strip()
        assert 4 <= len(spotlight["items"]) <= 8, spotlight["title"]
        assert len(spotlight["items"]) == len(set(spotlight["items"])), spotlight["title"]
        missing = [item for item in spotlight["items"] if item not in titles]
        assert not missing, missing


@pytest.mark.parametrize(("title", "html"), html_fields())
def test_rich_text_uses_only_simple_tags_without_attributes(title: str, html: str) -> None:
    tags = TAG.findall(html)
    assert tags, title
    assert {name.lower() for name, _ in tags} <= ALLOWED_TAGS, title
    assert not any(attributes.strip() for _, attributes in tags), title
    lowered = html.lower()
    assert "<script" not in lowered
    assert "style=" not in lowered
    assert "javascript:" not in lowered
    assert html.startswith(("<p>", "<h2>")), title


def test_resource_bodies_are_a_useful_length() -> None:
    for resource in RESOURCES:
        assert 150 <= words(resource["body"]) <= 400, (resource["title"], words(resource["body"]))


def test_summaries_are_one_or_two_sentences() -> None:
    for item in [*RESOURCES, *CASE_STUDIES]:
        summary = item["summary"]
        assert summary.endswith("."), item["title"]
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", summary)) <= 2, item["title"]
        assert "<" not in summary, item["title"]


def test_titles_are_in_sentence_case() -> None:
    # Proper nouns that may keep their capitals inside a title.
    allowed = {"NHS", "England"}
    for item in [*RESOURCES, *CASE_STUDIES, *SPOTLIGHTS]:
        first, *rest = item["title"].split()
        assert first[0].isupper() or first[0].isdigit(), item["title"]
        capitals = [word for word in rest if word[0].isupper() and word not in allowed]
        assert not capitals, (item["title"], capitals)


def test_external_links_are_only_official_addresses() -> None:
    for resource in RESOURCES:
        link = resource["external_link"]
        if resource["kind"] == ResourceKind.LINK:
            assert link, resource["title"]
        if link:
            assert re.match(r"^https://www\.(england\.nhs\.uk|nhs\.uk|gov\.uk)/", link), link


def test_case_study_contacts_are_roles_not_people() -> None:
    for story in CASE_STUDIES:
        assert "@" not in story["contact"], story["title"]
        assert story["contact"].startswith("The "), story["title"]
        assert story["network_name"].strip()


def test_the_body_shape_is_turned_into_escaped_html() -> None:
    text = """
        Intro with <b>markup</b> & an
        ampersand.

        ## A heading

        - First point
        carried on.
        - Second point

        1. Step one
        2. Step two
    """
    assert content.body_html(text) == (
        "<p>Intro with &lt;b&gt;markup&lt;/b&gt; &amp; an ampersand.</p><h2>A heading</h2>"
        "<ul><li>First point carried on.</li><li>Second point</li></ul><ol><li>Step one</li><li>Step two</li></ol>"
    )


def test_a_case_study_file_needs_its_three_parts_in_order(tmp_path: Path) -> None:
    path = tmp_path / "01-story.md"
    path.write_text("---\ntitle: A story\n---\n# What changed\n\nMore.\n\n# Problem\n\nSome.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs the parts"):
        content.read_case_study(path)


def test_every_resource_and_case_study_file_is_read() -> None:
    assert len(RESOURCES) == len(list((content.FOLDER / "resources").glob("*.md")))
    assert len(CASE_STUDIES) == len(list((content.FOLDER / "case-studies").glob("*.md")))
