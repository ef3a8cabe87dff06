"""Download my data and delete my account for shared purpose, peers and the directory: what a person made is in
their export; erasing deletes their comments and directory profile and takes their name off what the networks
keep, while votes still count."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.community.peers_world import peers_world
from wayfinder.comms import registry
from wayfinder.community import directory_rights, peers_rights, purpose_rights
from wayfinder.community import directory_services as directory
from wayfinder.community import peers_services as peers
from wayfinder.community import purpose_services as purpose
from wayfinder.community.directory_models import DirectoryEntry
from wayfinder.community.peers_models import PeerContact
from wayfinder.community.purpose_models import PurposeComment, PurposeStatement, PurposeVote

pytestmark = pytest.mark.django_db


def test_the_parts_are_registered_with_comms() -> None:
    exporters = {exporter.key for exporter in registry.exporters()}
    erasers = {eraser.key for eraser in registry.erasers()}
    for key in ("community-purpose", "community-peers", "community-directory"):
        assert key in exporters and key in erasers


def test_purpose_export_and_erase(world: SimpleNamespace) -> None:
    statement = purpose.purpose_propose(network=world.open, user=world.member, text="We care together")
    purpose.purpose_comment(statement=statement, user=world.member, text="My comment")
    purpose.purpose_voting_open(network=world.open, user=world.lead)
    purpose.purpose_vote(statement=statement, user=world.member)
    files = {file.name: file for file in purpose_rights.export(world.member)}
    assert files["community/purpose-statements-you-proposed.csv"].rows[0][1] == "We care together"
    assert files["community/purpose-comments.csv"].rows[0][2] == "My comment"
    assert len(files["community/purpose-votes.csv"].rows) == 1

    purpose_rights.erase(world.member)
    assert not PurposeComment.objects.exists()
    assert PurposeStatement.objects.get().proposed_by is None
    assert PurposeVote.objects.get().voter is None  # the vote still counts


def test_peers_export_and_erase(world: SimpleNamespace) -> None:
    built = peers_world(world)
    peers.peer_contact_send(from_network=world.open, to_network=built.helper.network, user=world.lead, message="Hi")
    files = peers_rights.export(world.lead)
    assert files[0].rows[0][:3] == [world.open.name, built.helper.network.name, "Hi"]
    peers_rights.erase(world.lead)
    assert PeerContact.objects.get().sent_by is None


def test_directory_export_and_erase(world: SimpleNamespace) -> None:
    directory.directory_profile_save(
        user=world.member,
        listed=True,
        full_name="Max Member",
        job_title="",
        organisation="",
        professional_group="",
        dimension_keys=[],
        domain_keys=["pcn-set-up"],
        topics="rotas",
    )
    data = directory_rights.export(world.member)[0].data
    assert data["listed"] is True and data["topics"] == ["rotas"]
    assert data["interests"] == [{"kind": "domain", "key": "pcn-set-up"}]
    directory_rights.erase(world.member)
    assert not DirectoryEntry.objects.exists()
