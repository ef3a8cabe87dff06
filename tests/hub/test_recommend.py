"""recommend_for's reasons as callers word them: a level from another source, a domain chosen in a plan, and a
fixed number of queries however many resources are tagged."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from wayfinder.core import generations
from wayfinder.hub import recommend
from wayfinder.hub.models import ResourcePage
from wayfinder.hub.recommend import recommend_for

pytestmark = pytest.mark.django_db

SOCIAL = "social-prescribing-and-asset-based-community-development"
PLAN_DOMAIN_REASON = "Because you chose {domain} in your plan"
WHEN_CHOSEN = "Because {dimension} was at level {level} when you made it a priority"


def add_resource(slug: str, *, dimensions: tuple[str, ...] = (), domains: tuple[str, ...] = ()) -> None:
    f.hub_resource(slug, body="<p>Plain words.</p>", dimensions=dimensions, domains=domains)


def test_a_dimension_can_have_its_own_reason() -> None:
    add_resource("care-guide", dimensions=("integrating-care",))
    add_resource("money-guide", dimensions=("managing-resources",))

    picks = recommend_for(
        {"integrating-care": 2, "managing-resources": 3},
        [],
        dimension_names={"integrating-care": "Integrating care", "managing-resources": "Managing resources"},
        dimension_reasons={
            "managing-resources": "Because {dimension} was at level {level} when you made it a priority"
        },
    )

    assert [(p.title, p.reason) for p in picks] == [
        ("Care guide", "Because Integrating care is at level 2."),
        ("Money guide", "Because Managing resources was at level 3 when you made it a priority."),
    ]


def test_a_domain_chosen_in_a_plan_says_so_by_its_name() -> None:
    add_resource("link-workers", domains=(SOCIAL,))

    picks = recommend_for({}, [SOCIAL], domain_reason=PLAN_DOMAIN_REASON)

    assert [p.reason for p in picks] == [
        "Because you chose Social prescribing and asset-based community development in your plan."
    ]


def test_weak_dimensions_come_before_chosen_domains_and_a_resource_for_both_says_both() -> None:
    add_resource("domain-only", domains=(SOCIAL,))
    add_resource("both", dimensions=("integrating-care",), domains=(SOCIAL,))
    add_resource("unrelated", dimensions=("managing-resources",))

    picks = recommend_for(
        {"integrating-care": 1.5},
        [SOCIAL],
        dimension_names={"integrating-care": "Integrating care"},
        domain_reason=PLAN_DOMAIN_REASON,
    )

    assert [p.title for p in picks] == ["Both", "Domain only"]
    assert picks[0].reason == (
        "Because Integrating care is at level 1.5, and it helps with Social prescribing and asset-based community "
        "development."
    )


def test_the_default_wording_is_unchanged_for_the_results_page() -> None:
    add_resource("care-guide", dimensions=("integrating-care",))

    picks = recommend_for({"integrating-care": 2}, [], dimension_reasons={"another-dimension": "Not used {level}"})

    assert [p.reason for p in picks] == ["Because Integrating care is at level 2."]


def test_it_costs_at_most_three_queries_however_many_resources() -> None:
    counts = []
    for size in (3, 25):
        for n in range(size):
            add_resource(f"guide-{size}-{n}", dimensions=("integrating-care",), domains=(SOCIAL,))
        recommend_for({"integrating-care": 2}, [SOCIAL])  # warm: Wagtail caches the site's root paths
        with CaptureQueriesContext(connection) as captured:
            picks = recommend_for(
                {"integrating-care": 2, "managing-resources": 1},
                [SOCIAL],
                dimension_reasons={"integrating-care": "Because {dimension} was at level {level} then"},
                domain_reason=PLAN_DOMAIN_REASON,
            )
        assert len(picks) == 3
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 3


def test_once_this_process_holds_the_tags_a_ranking_costs_two_queries() -> None:
    for n in range(30):
        add_resource(f"guide-{n}", dimensions=("integrating-care",), domains=(SOCIAL,))
    recommend_for({"integrating-care": 2}, [SOCIAL])
    with CaptureQueriesContext(connection) as captured:
        picks = recommend_for({"integrating-care": 2}, [SOCIAL])
    assert len(picks) == 3
    # The support domains' names and the three pages chosen; the tags of every resource come from memory.
    assert len(captured) == 2, [q["sql"] for q in captured]


def test_a_change_to_the_hub_is_seen_by_the_next_ranking() -> None:
    add_resource("care-guide", dimensions=("integrating-care",))
    assert [p.title for p in recommend_for({"integrating-care": 2}, [])] == ["Care guide"]

    add_resource("another-care-guide", dimensions=("integrating-care",))
    assert [p.title for p in recommend_for({"integrating-care": 2}, [])] == ["Another care guide", "Care guide"]

    page = ResourcePage.objects.get(slug="care-guide")
    page.dimension_keys = ["managing-resources"]
    page.save_revision().publish()
    assert [p.title for p in recommend_for({"integrating-care": 2}, [])] == ["Another care guide"]

    ResourcePage.objects.get(slug="another-care-guide").unpublish()
    assert recommend_for({"integrating-care": 2}, []) == []

    ResourcePage.objects.get(slug="care-guide").delete()
    assert recommend_for({"managing-resources": 2}, []) == []


def test_a_process_whose_tags_are_out_of_date_reads_them_again() -> None:
    add_resource("care-guide", dimensions=("integrating-care",))
    assert len(recommend_for({"integrating-care": 2}, [])) == 1
    # What another process would see: the shared generation moved on after it read the tags.
    ResourcePage.objects.filter(slug="care-guide").update(dimension_keys=["managing-resources"])
    assert len(recommend_for({"integrating-care": 2}, [])) == 1  # nothing said the hub changed: still remembered
    generations.bump([recommend.GENERATION_KEY])
    assert recommend_for({"integrating-care": 2}, []) == []
    assert len(recommend_for({"managing-resources": 2}, [])) == 1


def test_without_a_shared_cache_a_process_reads_the_tags_again_after_five_minutes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_resource("care-guide", dimensions=("integrating-care",))
    assert len(recommend_for({"integrating-care": 2}, [])) == 1
    # Another process changed the resource; its bump went to its own cache, not ours.
    ResourcePage.objects.filter(slug="care-guide").update(dimension_keys=["managing-resources"])
    assert len(recommend_for({"integrating-care": 2}, [])) == 1
    later = time.monotonic() + recommend.INDEX_SECONDS + 1
    monkeypatch.setattr(generations.time, "monotonic", lambda: later)
    assert recommend_for({"integrating-care": 2}, []) == []
