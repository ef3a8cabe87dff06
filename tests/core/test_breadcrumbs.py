"""The trail above a page's heading, made once for every app."""

from types import SimpleNamespace

from django.urls import reverse

from wayfinder.core.views import breadcrumbs, network_breadcrumbs


def test_breadcrumbs_start_at_home_and_follow_the_links_given() -> None:
    assert breadcrumbs() == [{"href": reverse("home"), "text": "Home"}]
    assert breadcrumbs(("/frameworks/", "Frameworks"))[1] == {"href": "/frameworks/", "text": "Frameworks"}


def test_network_breadcrumbs_pass_through_networks_and_the_network() -> None:
    network = SimpleNamespace(name="North Shore PCN", get_absolute_url=lambda: "/networks/north-shore/")
    assert [c["text"] for c in network_breadcrumbs()] == ["Home", "Networks"]
    crumbs = network_breadcrumbs(network, ("/rounds/1/", "Rounds"))
    assert [c["text"] for c in crumbs] == ["Home", "Networks", "North Shore PCN", "Rounds"]
    assert crumbs[2]["href"] == "/networks/north-shore/"
