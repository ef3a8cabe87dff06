"""The registry other apps use: kinds of mail, digest sections, exporters, erasers and erasure checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wayfinder.comms import kinds, registry
from wayfinder.comms.registry import Frequency, MailCategory


@pytest.fixture
def scratch_keys() -> Iterator[list[str]]:
    """Keys a test registers; nothing it registers is left behind for other tests."""
    keys: list[str] = []
    yield keys
    for store in (registry._mail_kinds, registry._exporters, registry._erasers, registry._erasure_checks):
        for key in keys:
            store.pop(key, None)


def test_the_digest_is_registered_and_can_be_turned_off() -> None:
    digest = registry.mail_kind(kinds.DIGEST)
    assert digest.category == MailCategory.DIGEST
    assert not digest.is_service
    assert Frequency.OFF in digest.choices
    assert digest.label_for(Frequency.AT_ONCE) == "Send me the digest"


def test_an_unknown_kind_of_mail_is_named_in_the_error() -> None:
    with pytest.raises(LookupError, match=r"test\.nobody"):
        registry.mail_kind("test.nobody")


def test_a_mail_that_is_not_a_service_message_must_offer_off(scratch_keys: list[str]) -> None:
    scratch_keys.append("test.nagging")
    with pytest.raises(ValueError, match="turned off"):
        registry.register_mail_kind(
            "test.nagging", label="Nag", description="", category=MailCategory.REMINDER, choices=(Frequency.AT_ONCE,)
        )


def test_a_service_message_is_listed_as_one(scratch_keys: list[str]) -> None:
    scratch_keys.append("test.sign-in")
    kind = registry.register_mail_kind(
        "test.sign-in", label="Sign-in links", description="", category=MailCategory.SERVICE, choices=()
    )
    assert kind.is_service
    assert registry.mail_kinds()[-1] == kind


def test_erasers_run_in_their_order_and_exporters_in_registration_order(scratch_keys: list[str]) -> None:
    scratch_keys += ["test.late", "test.early", "test.files"]
    registry.register_eraser("test.late", label="Late", erase=lambda user: None, order=900)
    registry.register_eraser("test.early", label="Early", erase=lambda user: None, order=-900)
    registry.register_exporter("test.files", label="Files", export=lambda user: [registry.DataFile(name="a.json")])
    keys = [eraser.key for eraser in registry.erasers()]
    assert keys.index("test.early") < keys.index("test.late")
    assert registry.exporters()[-1].key == "test.files"
