"""On the regional and national views, a figure worked out from fewer than 5 networks is never shown to someone who
does not oversee those networks: not on the page, in the CSV or in the workbook, however many networks the group
has. Those who oversee the group see every figure; the system view and its PDF are only for them."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests import factories as f
from tests.dashboards.conftest import add_networks, assess
from tests.documents import pdf_text
from tests.signing_in import sign_in
from wayfinder.networks.models import Privacy

pytestmark = pytest.mark.django_db

# What a download says in place of a figure worked out from too few networks.
NOT_SHOWN = "Not shown: fewer than 5 networks"


@pytest.fixture
def sparse(dworld: SimpleNamespace) -> SimpleNamespace:
    """The north region with 5 networks, of which 2 have closed rounds (the grown PCN and the restricted network):
    a new system there has 3 networks that were never assessed."""
    lakeside = f.SystemFactory.create(name="Lakeside ICS", code="QC1", region=dworld.region)
    for n in range(3):
        f.NetworkFactory.create(name=f"Lake network {n}", slug=f"lake-{n}", system=lakeside, privacy=Privacy.PRIVATE)
    dworld.lakeside = lakeside
    return dworld


def group_row(client: Client, url: str, name: str) -> list[str]:
    rows = csv.reader(io.StringIO(client.get(url).content.decode()))
    return next(row for row in rows if row[0] == name)


def north_row(client: Client) -> list[str]:
    return group_row(client, "/national/dashboard/?format=csv", "North of England")


# (role, sees the north region's averages on the national view): overseers of the region see everything.
NATIONAL_ROW = [
    ("national", True),
    ("admin", True),
    ("regional_lead", True),
    ("system_lead", False),
    ("lead", False),
    ("member", False),
    ("external", False),
    ("outsider", False),
]


@pytest.mark.parametrize(("role", "sees_averages"), NATIONAL_ROW)
def test_averages_from_fewer_than_5_assessed_networks_are_shown_only_to_overseers(
    sparse: SimpleNamespace, client: Client, role: str, sees_averages: bool
) -> None:
    sign_in(client, getattr(sparse, role))
    row = north_row(client)
    # Networks, networks assessed: counts over all 5 networks of the region, never anyone's levels.
    assert row[1:3] == ["5", "2"]
    averages = row[3:6]
    if sees_averages:
        assert averages == ["3.5", "3.5", "4"]
        assert row[6:9] == ["2.33", "1", "0"]  # average change, PCNs, PCNs with the checklist done
    else:
        assert averages == [NOT_SHOWN] * 3
        # One network has a change, the region's one PCN: too few. The number of PCNs counts every network.
        assert row[6:9] == [NOT_SHOWN, "1", NOT_SHOWN]


def test_the_national_page_hides_the_averages_and_the_spread_of_levels_from_non_overseers(
    sparse: SimpleNamespace, client: Client
) -> None:
    sign_in(client, sparse.external)
    html = client.get("/national/dashboard/").content.decode()
    groups = html.split('id="groups"', 1)[1].split("</table>", 1)[0]
    assert "2 of 5" in groups
    assert "3.5" not in groups and "average</span>" not in groups
    assert "Not shown<span" in groups
    # Only 2 networks have a level on each dimension in England: no chart or count of them.
    spread = html.split('id="distribution"', 1)[1].split('id="support-needs"', 1)[0]
    assert "<svg" not in spread and "Fewer than 5 networks have a level on this dimension" in spread
    # Support needs are counted over all 6 networks on the page.
    assert "Support needs by domain" in html and "we do not show support needs" not in html
    client.logout()
    sign_in(client, sparse.national)
    html = client.get("/national/dashboard/").content.decode()
    assert ">3.5<" in html and "<svg" in html.split('id="distribution"', 1)[1]


def test_the_workbook_hides_the_same_figures(sparse: SimpleNamespace, client: Client) -> None:
    sign_in(client, sparse.external)
    book = load_workbook(io.BytesIO(client.get("/national/dashboard/?format=xlsx").content))
    table = {row[0]: row for row in book["Dashboard"].iter_rows(min_row=5, values_only=True)}
    assert table["North of England"][1:6] == (5, 2, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN)
    spread = list(book["Distribution"].iter_rows(min_row=2, values_only=True))
    assert spread and all(row[1:] == (NOT_SHOWN,) + (None,) * (len(row) - 2) for row in spread)
    assert "Support needs" in book.sheetnames


def test_each_dimension_is_hidden_when_fewer_than_5_networks_have_a_level_on_it(
    dworld: SimpleNamespace, client: Client
) -> None:
    lakeside = f.SystemFactory.create(name="Lakeside ICS", code="QC1", region=dworld.region)
    networks = add_networks(lakeside, dworld.version, 5)
    # One network's latest round has no rating on the third dimension: 4 networks have a level there.
    assess(networks[0], dworld.version, days_ago=31, ratings=[[5, 5, None]])
    url = f"/regions/{dworld.region.pk}/dashboard/?format=csv"
    sign_in(client, dworld.outsider)
    row = group_row(client, url, "Lakeside ICS")
    assert row[1:3] == ["5", "5"]
    # (3 + 3 + 3 + 3 + 5) / 5 on the first two; only 4 networks have a level on the third.
    assert row[3:6] == ["3.4", "3.4", NOT_SHOWN]
    client.logout()
    sign_in(client, dworld.regional_lead)
    assert group_row(client, url, "Lakeside ICS")[3:6] == ["3.4", "3.4", "4"]


def test_the_system_pdf_is_for_overseers_who_see_every_figure(
    dworld: SimpleNamespace, client: Client, tmp_path: Path
) -> None:
    sign_in(client, dworld.outsider)
    assert client.get(f"/systems/{dworld.system_a.pk}/dashboard/?format=pdf").status_code == 404
    # The rolled-up views offer no PDF.
    html = client.get("/national/dashboard/?format=pdf").content.decode()
    assert "We cannot make a download of that type" in html
    client.logout()
    sign_in(client, dworld.system_lead)
    response = client.get(f"/systems/{dworld.system_a.pk}/dashboard/?format=pdf")
    text = pdf_text(response.content, tmp_path)
    # Two networks, each with its own levels: the system lead oversees both.
    assert "Riverside PCN" in text and "Quality Improvement Circle" in text
    assert "2 of 2 networks have a closed round" in text
