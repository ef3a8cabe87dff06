"""What shared purpose, peers to learn from and the member directory register from the app's `ready()`: their
permission rules, kinds of mail, panels on a network's pages, and data exporters and erasers."""

from __future__ import annotations


def register() -> None:
    from wayfinder.comms import registry
    from wayfinder.community import (
        directory_rights,
        peers_mail,
        peers_panels,
        peers_permissions,  # noqa: F401
        peers_queries,
        peers_rights,
        purpose_home,
        purpose_panels,
        purpose_permissions,  # noqa: F401
        purpose_rights,
    )
    from wayfinder.core import changes, home, panels

    peers_mail.register()
    # Both now and after the commit, as the other drawn pages do: a panel drawn in between is stale too.
    changes.committed.connect(peers_queries.follow_changes, dispatch_uid="community-peers")
    changes.changing.connect(peers_queries.follow_changes, dispatch_uid="community-peers")
    home.register_to_dos(purpose_home.purpose_votes)
    home.register_to_dos(purpose_home.contacts_to_answer)
    panels.register("network", purpose_panels.purpose_panel)
    panels.register("network", peers_panels.peers_link)
    panels.register("results", peers_panels.peers_panel)
    panels.register("plan", peers_panels.peers_panel)
    registry.register_exporter("community-purpose", label="Shared purpose", export=purpose_rights.export)
    registry.register_eraser(
        "community-purpose", label="your comments on purpose statements", erase=purpose_rights.erase
    )
    registry.register_exporter("community-peers", label="Requests between networks", export=peers_rights.export)
    registry.register_eraser(
        "community-peers", label="your name on requests between networks", erase=peers_rights.erase
    )
    registry.register_exporter("community-directory", label="Member directory", export=directory_rights.export)
    registry.register_eraser("community-directory", label="your directory profile", erase=directory_rights.erase)
