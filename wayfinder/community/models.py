"""The community of practice: the data."""

# Shared purpose, peers and the member directory keep their models in modules of their own; importing them here is
# how Django finds them.
from wayfinder.community.directory_models import DirectoryEntry, DirectoryInterest  # noqa: F401
from wayfinder.community.peers_models import PeerContact, PeerSharing  # noqa: F401
from wayfinder.community.purpose_models import (  # noqa: F401
    PurposeBallot,
    PurposeComment,
    PurposeStatement,
    PurposeVote,
)
