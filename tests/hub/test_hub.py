"""The knowledge hub: its pages, filters and search, recommendations, the editors' admin at /cms/ and the demo."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from modelsearch.query import And, Phrase, PlainText
from wagtail.documents.models import Document
from wagtail.models import Page

from tests import factories as f
from tests.assessments.test_results import add_raters, build_round, build_version
from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.hub import demo, services
from wayfinder.hub.models import (
    CaseStudyPage,
    HubIndexPage,
    ResourceDocument,
    ResourceKind,
    ResourcePage,
    SpotlightItem,
    SpotlightPage,
)
from wayfinder.hub.queries import search_terms
from wayfinder.hub.recommend import recommend_for
from wayfinder.networks.models import NetworkType

pytestmark = pytest.mark.django_db

PCN = "pcn-maturity-matrix"
SOCIAL = "social-prescribing-and-asset-based-community-development"
MAX_FRONT_PAGE_QUERIES = 12
MAX_RESOURCE_PAGE_QUERIES = 11


def add_resource(
    slug: str,
    *,
    title: str = "",
    kind: str = ResourceKind.GUIDE,
    body: str = "<p>Plain words.</p>",
    dimensions: tuple[str, ...] = (),
    domains: tuple[str, ...] = (),
) -> ResourcePage:
    return f.hub_resource(slug, title=title, kind=kind, body=body, dimensions=dimensions, domains=domains)


def add_case_study(
    slug: str, *, title: str, body: str = "<p>What we did.</p>", dimensions: tuple[str, ...] = ()
) -> None:
    page = CaseStudyPage(
        title=title,
        slug=slug,
        network_name="Ravensby Central PCN",
        network_type=NetworkType.DELIVERY,
        summary=f"Summary of {slug}.",
        body=body,
        dimension_keys=list(dimensions),
    )
    services.hub_index_ensure().add_child(instance=page)
    page.save_revision().publish()


def titles(html: str) -> set[str]:
    return {page.title for page in Page.objects.filter(depth__gt=2) if f">{page.title}</a>" in html}


# The pages ------------------------------------------------------------------------------------------------


def test_the_hub_is_the_front_page_of_wagtails_tree_at_slash_hub() -> None:
    hub = HubIndexPage.objects.get()
    assert hub.url == "/hub/"
    assert hub.get_site().is_default_site


def test_the_front_page_lists_live_resources_but_not_drafts(client: Client) -> None:
    add_resource("huddles", title="Running a huddle")
    draft = ResourcePage(title="Unfinished draft", slug="draft", summary="Not yet.", live=False)
    services.hub_index_ensure().add_child(instance=draft)

    response = client.get("/hub/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Running a huddle" in html
    assert "Unfinished draft" not in html
    assert "nhsuk-header" in html  # our layout, not Wagtail's
    assert client.get(draft.url or "/hub/draft/").status_code == 404


def test_a_resource_page_shows_its_body_and_what_it_helps_with(client: Client) -> None:
    page = add_resource(
        "budget-planner",
        title="Budget planner",
        kind=ResourceKind.TEMPLATE,
        body="<p>One tab for <b>income</b>.</p>",
        dimensions=("managing-resources",),
        domains=("pcn-set-up",),
    )
    dimension_name = Dimension.objects.filter(key="managing-resources").values_list("name", flat=True).first()
    domain_name = SupportDomain.objects.get(key="pcn-set-up").name

    response = client.get(page.url or "")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Budget planner</h1>" in html
    assert "<b>income</b>" in html
    assert "Template" in html
    assert str(dimension_name) in html and domain_name in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=tool", {"Huddle checklist"}),
        ("domain=population-health-management", {"Population data"}),
        ("dimension=integrating-care&kind=webinar", {"Shared teams"}),
        ("dimension=integrating-care&domain=population-health-management", set()),
        ("kind=case-study", {"Our huddle story"}),
        ("kind=case-study&dimension=managing-resources", set()),
        ("dimension=integrating-care", {"Huddle checklist", "Shared teams", "Our huddle story"}),
        ("kind=not-a-kind", {"Huddle checklist", "Shared teams", "Population data", "Our huddle story"}),
    ],
)
def test_the_front_page_filters_without_javascript(client: Client, query: str, expected: set[str]) -> None:
    add_resource("huddle", title="Huddle checklist", kind=ResourceKind.TOOL, dimensions=("integrating-care",))
    add_resource("shared-teams", title="Shared teams", kind=ResourceKind.WEBINAR, dimensions=("integrating-care",))
    add_resource(
        "population-data",
        title="Population data",
        dimensions=("use-of-data-and-population-health-management",),
        domains=("population-health-management",),
    )
    add_case_study("huddle-story", title="Our huddle story", dimensions=("integrating-care",))

    response = client.get(f"/hub/?{query}")

    assert response.status_code == 200
    assert titles(response.content.decode()) == expected


def test_search_finds_a_resource_by_a_word_in_its_body(client: Client) -> None:
    add_resource("huddle", title="Weekly meeting", body="<p>Invite the district nurses to the huddle.</p>")
    add_resource("budget", title="Budget planner", body="<p>Income and spending.</p>")
    add_case_study("story", title="How we shared nurses", body="<p>Two practices shared a rota.</p>")

    html = client.get("/hub/?q=rota").content.decode()
    assert titles(html) == {"How we shared nurses"}
    html = client.get("/hub/?q=district").content.decode()
    assert titles(html) == {"Weekly meeting"}
    assert "1 result matching “district”" in html


def test_words_in_double_quotes_are_searched_as_a_phrase(client: Client) -> None:
    add_resource("huddle", title="Running a weekly huddle", body="<p>Invite the district nurses.</p>")
    add_resource("nurses", title="Nurses in the district", body="<p>A weekly rota.</p>")

    assert titles(client.get('/hub/?q="district nurses"').content.decode()) == {"Running a weekly huddle"}
    # The same words in another order are not the phrase; unquoted, either page matches.
    assert titles(client.get('/hub/?q="nurses district"').content.decode()) == set()
    assert titles(client.get("/hub/?q=nurses district").content.decode()) == {
        "Running a weekly huddle",
        "Nurses in the district",
    }
    # A phrase and other words: the phrase must be there, and one of the other words.
    html = client.get('/hub/?q=weekly "district nurses"').content.decode()
    assert titles(html) == {"Running a weekly huddle"}
    assert titles(client.get('/hub/?q=budget "district nurses"').content.decode()) == set()
    # The box shows what was typed, quotes included.
    assert 'value="weekly &#34;district nurses&#34;"' in html
    # Quotes alone find nothing, and say so (a lone quote used to be an error from SQLite's full-text search).
    for only_quotes in ['"', '"""', '" "']:
        response = client.get("/hub/", {"q": only_quotes})
        assert response.status_code == 200
        assert "0 results matching" in response.content.decode()


def test_search_results_show_each_kind_with_its_label_address_and_summary(client: Client) -> None:
    add_resource("rota-tool", title="Rota tool", kind=ResourceKind.TOOL, body="<p>A rota.</p>")
    add_case_study("rota-story", title="Our rota story", body="<p>A rota.</p>")
    story = CaseStudyPage.objects.get(slug="rota-story")

    html = client.get("/hub/?q=rota").content.decode()

    items = re.findall(r'<span class="nhsuk-caption-m">(.*?)</span>\s*<h3[^>]*><a href="(.*?)">(.*?)</a>', html)
    assert sorted(items) == [
        ("Case study", "/hub/rota-story/", "Our rota story"),
        ("Tool", "/hub/rota-tool/", "Rota tool"),
    ]
    assert story.summary in html


def test_search_terms() -> None:
    assert search_terms("care homes") == "care homes"
    assert repr(search_terms('"care homes"')) == repr(Phrase("care homes"))
    both = search_terms('frailty "care homes" rota')
    assert isinstance(both, And)
    assert [repr(term) for term in both.subqueries] == [
        repr(PlainText("frailty", operator="or")),
        repr(Phrase("care homes")),
        repr(PlainText("rota", operator="or")),
    ]
    # An unclosed quote's phrase runs to the end; quotes with nothing inside are searched as typed.
    assert repr(search_terms('"care homes')) == repr(Phrase("care homes"))
    # Only quotes: nothing to search for.
    assert search_terms('""') is None
    assert search_terms('"') is None


def test_search_results_page_twenty_at_a_time(client: Client) -> None:
    for n in range(25):
        add_resource(f"rota-{n:02}", title=f"Rota guide {n:02}", body="<p>A rota.</p>")

    first = client.get("/hub/?q=rota").content.decode()
    second = client.get("/hub/?q=rota&page=2").content.decode()
    assert "25 results matching" in first
    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert not titles(first) & titles(second)
    assert "page=2" in first and "Page 2 of 2" in first
    # A page past the end shows the last; one that is not a number shows the first; so does the pager's own.
    assert titles(client.get("/hub/?q=rota&page=9").content.decode()) == titles(second)
    assert titles(client.get(f"/hub/?q=rota&page={10**20}").content.decode()) == titles(second)
    assert titles(client.get("/hub/?q=rota&page=0").content.decode()) == titles(second)
    assert titles(client.get("/hub/?q=rota&page=two").content.decode()) == titles(first)


def test_search_keeps_the_filters(client: Client) -> None:
    add_resource("nurses-guide", title="Nurses guide", body="<p>For nurses.</p>")
    add_resource("nurses-tool", title="Nurses tool", kind=ResourceKind.TOOL, body="<p>For nurses.</p>")

    html = client.get("/hub/?q=nurses&kind=tool").content.decode()

    assert titles(html) == {"Nurses tool"}


def _hub_query_counts(client: Client) -> list[int]:
    page = ResourcePage.objects.filter(slug__startswith="resource-").first()
    assert page is not None
    paths = [
        "/hub/",
        "/hub/?dimension=integrating-care&domain=pcn-set-up&kind=guide",
        "/hub/?q=summary&kind=guide",
        "/hub/?topic=governance&network_type=delivery",
        page.url or "",
        "/hub/story-3/",
        "/hub/spotlight/",
    ]
    counts = []
    for path in paths:
        client.get(path)  # warm: Wagtail caches the site's root paths after pages change
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200, path
        counts.append(len(context))
    return counts


def _add_batch(start: int, stop: int) -> None:
    for n in range(start, stop):
        resource = add_resource(f"resource-{n}", dimensions=("integrating-care",), domains=("pcn-set-up",))
        resource.topics.add("governance", f"topic {n}")
        resource.documents.add(ResourceDocument(document=Document.objects.create(title=f"File {n}", file="f.pdf")))
        resource.save_revision().publish()
        # Titled to sort beside the resources, so every page of results holds both kinds of page.
        add_case_study(f"story-{n}", title=f"Resource {n} story", dimensions=("integrating-care",))
    spotlight = SpotlightPage.objects.filter(slug="spotlight").first()
    ids = list(Page.objects.filter(slug__startswith="resource-").values_list("pk", flat=True))
    if spotlight is None:
        services.spotlight_publish_if_new(
            parent=services.hub_index_ensure(), slug="spotlight", title="Spotlight", introduction="All.", page_ids=ids
        )
    else:
        spotlight.items = [SpotlightItem(page_id=pk) for pk in ids]
        spotlight.save_revision().publish()


def test_hub_pages_cost_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries: Any) -> None:
    _add_batch(0, 5)
    small = _hub_query_counts(client)
    _add_batch(5, 25)
    large = _hub_query_counts(client)

    assert small == large, (small, large)
    front, filtered, searched, by_topic, resource, story, spotlight = large
    assert max(front, filtered, searched, by_topic) <= MAX_FRONT_PAGE_QUERIES
    assert max(resource, story, spotlight) <= MAX_RESOURCE_PAGE_QUERIES


def test_a_case_study_page_tells_the_story(client: Client) -> None:
    add_case_study("story", title="How we shared nurses", body="<p>Two practices shared a <i>rota</i>.</p>")

    html = client.get("/hub/story/").content.decode()

    assert "<h1>How we shared nurses</h1>" in html
    assert "Case study: Ravensby Central PCN" in html
    assert "<i>rota</i>" in html and "Delivery or developmental" in html


def test_editors_preview_pages_with_our_templates() -> None:
    add_resource("previewed", title="Previewed")
    add_case_study("story", title="Story")
    for page in (ResourcePage.objects.get(), CaseStudyPage.objects.get()):
        response = page.make_preview_request()
        assert response.status_code == 200
        assert "nhsuk-header" in response.content.decode()


# Recommendations ------------------------------------------------------------------------------------------


def test_recommend_for_picks_the_weakest_dimension_and_says_why() -> None:
    add_resource("data-guide", title="Data guide", dimensions=("use-of-data-and-population-health-management",))
    add_resource("care-guide", title="Care guide", dimensions=("integrating-care",))
    add_resource("money-guide", title="Money guide", dimensions=("managing-resources",))

    picks = recommend_for(
        {"integrating-care": 2, "use-of-data-and-population-health-management": 4, "managing-resources": 3},
        [],
        limit=2,
        dimension_names={"integrating-care": "Integrating care"},
    )

    assert [p.title for p in picks] == ["Care guide", "Money guide"]
    assert picks[0].reason == "Because Integrating care is at level 2."
    assert picks[0].url == "/hub/care-guide/"
    assert picks[1].reason == "Because Managing resources is at level 3."


def test_recommend_for_uses_chosen_support_domains_and_skips_drafts() -> None:
    add_resource(
        "link-workers", title="Link workers", domains=("social-prescribing-and-asset-based-community-development",)
    )
    draft = add_resource("draft", title="Draft", domains=("social-prescribing-and-asset-based-community-development",))
    draft.unpublish()

    picks = recommend_for({}, ["social-prescribing-and-asset-based-community-development"])

    assert [p.title for p in picks] == ["Link workers"]
    assert picks[0].reason.startswith("Because you chose support with Social prescribing")
    assert recommend_for({}, []) == []


def test_recommend_for_words_its_reasons_as_the_caller_asks() -> None:
    add_resource("care", title="Care", dimensions=("integrating-care",))
    add_resource("sp", title="Link workers", domains=("social-prescribing-and-asset-based-community-development",))

    picks = recommend_for(
        {"integrating-care": 2.0},
        ["social-prescribing-and-asset-based-community-development"],
        dimension_names={"integrating-care": "Integrating care"},
        dimension_reason="{dimension} was at {level}",
        domain_reason="The plan wants {domain}",
    )

    assert [p.reason for p in picks] == [
        "Integrating care was at 2.",
        "The plan wants Social prescribing and asset-based community development.",
    ]


def test_the_results_page_recommends_resources_for_the_weakest_dimension(
    world: SimpleNamespace, client: Client
) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version, title="Spring baseline")
    add_raters(round_, [[4, 1, 3], [4, 1, 3]])
    add_resource("for-two", title="Help with dimension two", dimensions=("dimension-2",))
    add_resource("for-one", title="Help with dimension one", dimensions=("dimension-1",))
    client.force_login(world.member)

    html = client.get(f"/rounds/{round_.pk}/results/").content.decode()

    assert "Recommended for your network" in html
    assert html.index("Help with dimension two") < html.index("Help with dimension one")
    assert "Because Dimension 2 of the matrix is at level 1." in html


def test_the_results_page_has_no_recommendations_block_when_nothing_matches(
    world: SimpleNamespace, client: Client
) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=2))
    add_raters(round_, [[2, 2]])
    client.force_login(world.member)

    assert "Recommended for your network" not in client.get(f"/rounds/{round_.pk}/results/").content.decode()


# The editors' admin and the content security policy ------------------------------------------------------


def test_cms_loads_for_a_superuser_with_a_looser_policy_there_only(world: SimpleNamespace, client: Client) -> None:
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.admin)

    cms = client.get("/cms/")
    ours = client.get("/hub/")

    assert cms.status_code == 200
    assert "Wayfinder knowledge hub" in cms.content.decode()
    assert "'unsafe-inline'" in cms["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in cms["Content-Security-Policy"]
    strict = ours["Content-Security-Policy"]
    assert "'unsafe-inline'" not in strict and "'nonce-" in strict and "frame-ancestors 'none'" in strict


def test_editors_get_the_resource_form_with_dimensions_and_domains(world: SimpleNamespace, client: Client) -> None:
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.admin)
    hub = HubIndexPage.objects.get()

    html = client.get(f"/cms/pages/add/hub/resourcepage/{hub.pk}/").content.decode()

    assert 'value="integrating-care"' in html
    assert 'value="population-health-management"' in html


def test_cms_sign_in_goes_through_our_sign_in_page_with_two_factor(world: SimpleNamespace, client: Client) -> None:
    assert client.get("/cms/")["Location"].startswith("/accounts/login/")
    assert client.get("/cms/login/?next=/cms/")["Location"] == "/accounts/login/?next=/cms/"
    client.force_login(world.admin)  # a superuser without an authenticator app yet
    assert client.get("/cms/")["Location"] == "/accounts/two-factor-required/"


def test_people_without_editor_rights_cannot_use_cms(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)
    response = client.get("/cms/")
    assert response.status_code == 403
    assert "Only knowledge hub editors" in response.content.decode()


# The demo -------------------------------------------------------------------------------------------------


def test_the_demo_covers_every_pcn_dimension_and_support_domain_and_runs_twice() -> None:
    assert demo.seed()
    assert demo.seed() == []
    pages = list(ResourcePage.objects.live())
    assert len(pages) == len(demo.RESOURCES) >= 12
    assert CaseStudyPage.objects.live().count() == len(demo.CASE_STUDIES)
    tagged_dimensions = {key for page in pages for key in page.dimension_keys}
    tagged_domains = {key for page in pages for key in page.support_domain_keys}
    pcn_keys = set(Dimension.objects.filter(version__framework__slug=PCN).values_list("key", flat=True))
    assert pcn_keys and pcn_keys <= tagged_dimensions
    assert set(SupportDomain.objects.values_list("key", flat=True)) == tagged_domains


def test_the_demo_counts_the_pages_it_adds_in_agreement_with_their_number() -> None:
    every = len(demo.RESOURCES) + len(demo.CASE_STUDIES) + len(demo.SPOTLIGHTS)
    assert demo.seed()[0].startswith(f"Knowledge hub: {every} new pages")
    ResourcePage.objects.live().first().delete()
    assert demo.seed()[0].startswith("Knowledge hub: 1 new page (resources, case studies and spotlights) at ")


def test_the_demo_editor_can_write_and_moderate_in_cms() -> None:
    groups = [Group.objects.get_or_create(name=name)[0] for name in demo.EDITOR_GROUPS]
    editor = f.UserFactory.create(email="editor@wayfinder.test")

    demo.seed()

    assert set(editor.groups.all()) == set(groups)


# Topics, kinds of network, spotlights and case study parts ---------------------------------------------------


def test_the_front_page_filters_by_topic_and_kind_of_network(client: Client) -> None:
    governance = add_resource("governance-guide", title="Governance guide")
    governance.topics.add("governance")
    governance.network_types = [NetworkType.DELIVERY]
    governance.save_revision().publish()
    anyone = add_resource("for-anyone", title="For anyone")
    anyone.topics.add("governance", "data")
    anyone.save_revision().publish()
    learning = add_resource("learning-only", title="Learning only")
    learning.network_types = [NetworkType.LEARNING]
    learning.save_revision().publish()
    add_case_study("story", title="A story")

    front = client.get("/hub/").content.decode()
    assert re.search(r'<option value="governance"\s*>Governance</option>', front)
    assert titles(client.get("/hub/?topic=governance").content.decode()) == {"Governance guide", "For anyone"}
    assert titles(client.get("/hub/?topic=data").content.decode()) == {"For anyone"}
    # A resource that names no kind of network suits every kind; case studies have no topics or kinds here.
    assert titles(client.get(f"/hub/?network_type={NetworkType.DELIVERY}").content.decode()) == {
        "Governance guide",
        "For anyone",
    }
    assert titles(client.get(f"/hub/?network_type={NetworkType.LEARNING}").content.decode()) == {
        "For anyone",
        "Learning only",
    }


def test_the_filters_show_what_was_chosen_and_refuse_what_is_not_offered(client: Client) -> None:
    add_resource("huddle", title="Huddle checklist", kind=ResourceKind.TOOL, dimensions=("integrating-care",))
    selected = r'<option value="{}" selected\s*>'

    for _ in range(2):  # the second time, the selects drawn the first time are reused
        tool = client.get("/hub/?kind=tool&dimension=integrating-care").content.decode()
        guide = client.get("/hub/?kind=guide").content.decode()
        refused = client.get("/hub/?kind=not-a-kind").content.decode()

        assert re.search(selected.format("tool"), tool) and re.search(selected.format("integrating-care"), tool)
        assert re.search(selected.format("guide"), guide) and not re.search(selected.format("tool"), guide)
        assert "Select a valid choice" in refused and "Select a valid choice" not in tool


def test_the_filters_offer_new_topics_dimensions_and_domains_as_soon_as_they_are_saved(client: Client) -> None:
    def front() -> str:
        return client.get("/hub/").content.decode()

    assert "Workforce wellbeing" not in front()  # the filters' choices are now held by this process
    resource = add_resource("wellbeing", title="Wellbeing guide")
    resource.topics.add("workforce wellbeing")
    resource.save_revision().publish()
    assert re.search(r'<option value="workforce-wellbeing"\s*>Workforce wellbeing</option>', front())

    SupportDomain.objects.create(key="peer-networks", position=99, name="Peer networks", summary="Peers.")
    assert re.search(r'<option value="peer-networks"\s*>Peer networks</option>', front())

    existing = Dimension.objects.filter(version__framework__slug=PCN).first()
    assert existing is not None
    Dimension.objects.create(version=existing.version, position=99, key="new-dimension", name="Brand new dimension")
    assert re.search(r'<option value="new-dimension"\s*>Brand new dimension \(', front())


def test_a_resource_page_shows_its_topics_files_kinds_of_network_and_dates(client: Client, settings: Any) -> None:
    page = add_resource("with-everything", title="With everything")
    page.topics.add("data")
    page.network_types = [NetworkType.DELIVERY]
    page.published_on = dt.date(2026, 3, 5)
    page.review_by = dt.date(2027, 3, 5)
    page.save_revision().publish()

    html = client.get(page.url or "").content.decode()

    assert '<a href="/hub/?topic=data">data</a>' in html
    assert "Delivery or developmental" in html
    assert "5 March 2026" in html and "5 March 2027" in html


def test_a_spotlight_lists_its_live_items_in_the_editors_order_with_notes(client: Client) -> None:
    first = add_resource("first", title="First resource")
    second = add_resource("second", title="Second resource")
    draft = ResourcePage(title="Draft resource", slug="draft", summary="Not yet.", live=False)
    services.hub_index_ensure().add_child(instance=draft)
    draft.save_revision()
    spotlight = services.spotlight_publish_if_new(
        parent=services.hub_index_ensure(),
        slug="starting-out",
        title="Starting out",
        introduction="For new networks.",
        page_ids=[second.pk, draft.pk, first.pk],
    )
    assert spotlight is not None
    item = spotlight.items.get(page=second)
    item.note = "Read this one first."
    item.save()

    html = client.get("/hub/starting-out/").content.decode()
    front = client.get("/hub/").content.decode()

    assert html.index("Second resource") < html.index("First resource")
    assert "Read this one first." in html and "Draft resource" not in html
    assert '<a class="nhsuk-card__link" href="/hub/starting-out/">Starting out</a>' in front
    assert "Starting out" not in client.get("/hub/?q=first").content.decode()


def test_a_spotlight_item_must_be_a_resource_or_case_study() -> None:
    spotlight = services.spotlight_publish_if_new(
        parent=services.hub_index_ensure(), slug="s", title="S", introduction="I.", page_ids=[]
    )
    assert spotlight is not None
    with pytest.raises(ValidationError):
        SpotlightItem(spotlight=spotlight, page=services.hub_index_ensure()).clean()


def test_a_case_study_tells_its_story_in_parts_with_a_contact(client: Client) -> None:
    page = services.case_study_publish_if_new(
        parent=services.hub_index_ensure(),
        slug="parts",
        title="In parts",
        network_name="Medlow Vale PCN",
        summary="A story.",
        problem="<p>Lists everywhere.</p>",
        what_they_did="<p>One list.</p>",
        what_changed="<p>Calls before a crisis.</p>",
        contact="The network manager, through Wayfinder",
        dimension_keys=[],
        support_domain_keys=[],
    )
    assert page is not None

    html = client.get("/hub/parts/").content.decode()

    for text in ["The problem", "Lists everywhere.", "What they did", "What changed", "Who to contact"]:
        assert text in html
    assert "The network manager, through Wayfinder" in html


def test_the_front_page_invites_signed_in_people_to_share(world: SimpleNamespace, client: Client) -> None:
    assert "Share a resource or case study" not in client.get("/hub/").content.decode()
    client.force_login(world.member)
    assert "Share a resource or case study" in client.get("/hub/").content.decode()


def test_editors_choose_kinds_of_network_from_a_list(world: SimpleNamespace, client: Client) -> None:
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.admin)
    hub = HubIndexPage.objects.get()

    html = client.get(f"/cms/pages/add/hub/resourcepage/{hub.pk}/").content.decode()

    assert 'name="network_types"' in html and f'value="{NetworkType.DELIVERY}"' in html
    assert 'name="topics"' in html and "documents-TOTAL_FORMS" in html
