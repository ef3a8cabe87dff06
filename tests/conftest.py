"""Shared fixtures: a small world of systems, networks and people, a real SMTP server for mail, and a check that
every link in every mail a test sends is a full address."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.message import Message as ParsedMessage
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests import databases
from tests import factories as f
from wayfinder.networks.models import AppointmentRole, NetworkRole, Privacy


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, request: Any) -> Iterator[None]:
    """Each process's test database starts as a copy of one migrated template (tests/databases.py)."""
    with databases.from_template(request.config):
        yield


@pytest.fixture(scope="session")
def django_db_keepdb(request: Any) -> bool:
    """A database copied from the template is already there, so pytest-django uses it as it is and leaves it for
    tests/databases.py to drop at the end."""
    return bool(request.config.getvalue("reuse_db")) or databases.copyable(request.config)


@pytest.fixture
def world(db: Any) -> SimpleNamespace:
    """Two systems in one region, three networks, and one person in each role that matters."""
    region = f.RegionFactory.create(name="North of England", code="Y01")
    system_a = f.SystemFactory.create(name="Riverside ICS", code="QA1", region=region)
    system_b = f.SystemFactory.create(
        name="Hillside ICS", code="QB1", region=f.RegionFactory.create(name="South", code="Y02")
    )
    open_net = f.NetworkFactory.create(
        name="Riverside PCN", slug="riverside-pcn", is_pcn=True, code="U00001", system=system_a, privacy=Privacy.OPEN
    )
    restricted = f.NetworkFactory.create(
        name="Quality Improvement Circle", slug="qi-circle", system=system_a, privacy=Privacy.RESTRICTED
    )
    private = f.NetworkFactory.create(
        name="Hillside Care Network", slug="hillside-care", system=system_b, privacy=Privacy.PRIVATE
    )
    confidential = f.NetworkFactory.create(
        name="Quiet Network", slug="quiet-network", system=system_a, privacy=Privacy.CONFIDENTIAL
    )
    lead = f.UserFactory.create(email="lead@example.org", full_name="Lena Lead")
    member = f.UserFactory.create(email="member@example.org", full_name="Max Member")
    outsider = f.UserFactory.create(email="outsider@example.org", full_name="Olive Outsider")
    external = f.UserFactory.create(email="external@example.org", full_name="Ezra External")
    system_lead = f.UserFactory.create(email="system@example.org", full_name="Sam System")
    regional_lead = f.UserFactory.create(email="region@example.org", full_name="Rae Regional")
    national = f.UserFactory.create(email="national@example.org", full_name="Nia National")
    admin = f.UserFactory.create(email="admin@example.org", full_name="Ada Admin", is_staff=True, is_superuser=True)
    for network in (open_net, restricted, private, confidential):
        f.MembershipFactory.create(user=lead, network=network, role=NetworkRole.LEAD)
        f.MembershipFactory.create(user=member, network=network, role=NetworkRole.MEMBER)
    f.MembershipFactory.create(user=external, network=restricted, role=NetworkRole.EXTERNAL)
    f.AppointmentFactory.create(user=system_lead, role=AppointmentRole.SYSTEM_LEAD, system=system_a)
    f.AppointmentFactory.create(user=regional_lead, role=AppointmentRole.REGIONAL_LEAD, region=region)
    f.AppointmentFactory.create(user=national, role=AppointmentRole.NATIONAL_TEAM)
    return SimpleNamespace(
        region=region,
        system_a=system_a,
        system_b=system_b,
        open=open_net,
        restricted=restricted,
        private=private,
        confidential=confidential,
        lead=lead,
        member=member,
        outsider=outsider,
        external=external,
        system_lead=system_lead,
        regional_lead=regional_lead,
        national=national,
        admin=admin,
    )


@dataclass
class Mailbox:
    """Messages received by a real SMTP server on localhost."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    def wait_for(self, to: str, timeout: float = 10.0, subject_contains: str = "") -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in reversed(self.messages):
                if to.lower() in str(message["To"]).lower() and subject_contains in str(message["Subject"]):
                    return message
            time.sleep(0.05)
        raise AssertionError(f"No mail to {to} arrived within {timeout}s; got {[m['To'] for m in self.messages]}")

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        assert part is not None
        return str(part.get_content())

    def links(self, message: EmailMessage) -> list[str]:
        return re.findall(r"https?://[^\s<>\"]+", self.body(message))


class _Collector:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.mailbox.messages.append(parsed)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox(host="127.0.0.1", port=_free_port())
    controller = Controller(_Collector(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    yield mailbox
    controller.stop()


@pytest.fixture
def mailbox(smtp_server: Mailbox, settings: Any) -> Iterator[Mailbox]:
    """Send Django's mail to the real SMTP server for this test; the inbox starts empty."""
    smtp_server.messages.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.host
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield smtp_server


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with an empty cache: dashboards cache what they work out, and ids are reused."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# Every link in every mail is a full address ------------------------------------------------------------------

# A path standing alone in plain text ("/support-requests/1/"): a slash at the start of a word, not one inside
# an address such as https://example.org/path.
_BARE_PATH = re.compile(r"(?<![^\s(\[\"'])/[\w~-][^\s<>\"')\]]*")
# The address of an HTML link, image or form, quoted or not.
_HTML_ADDRESS = re.compile(r"""\b(?:href|src|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_FULL_OR_NOT_A_PAGE = re.compile(r"https?://[^/\s]|mailto:|tel:|cid:|data:|#", re.IGNORECASE)


def relative_links(text: str, *, html: bool = False) -> list[str]:
    """The links in a mail's text (or HTML) that are not full addresses."""
    if not html:
        return _BARE_PATH.findall(text)
    addresses = ("".join(groups) for groups in _HTML_ADDRESS.findall(text))
    return [address for address in addresses if not _FULL_OR_NOT_A_PAGE.match(address.strip())]


def _parts(message: Any) -> list[tuple[str, bool]]:
    """(text, is_html) for each body of a Django message or one received over SMTP."""
    if isinstance(message, ParsedMessage):
        return [
            (str(part.get_content()), part.get_content_type() == "text/html")
            for part in message.walk()
            if isinstance(part, EmailMessage) and part.get_content_type() in ("text/plain", "text/html")
        ]
    parts = [(str(message.body), getattr(message, "content_subtype", "plain") == "html")]
    parts += [(str(content), mimetype == "text/html") for content, mimetype in getattr(message, "alternatives", [])]
    return parts


@pytest.fixture(autouse=True)
def _links_in_mail_are_full_addresses(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any test that sends a mail with a link that is not a full address, wherever it came from."""
    smtp = request.getfixturevalue("smtp_server") if "smtp_server" in request.fixturenames else None
    yield
    from django.core import mail

    messages = [*getattr(mail, "outbox", []), *(smtp.messages if smtp is not None else [])]
    problems = [
        f"{message['Subject'] if isinstance(message, ParsedMessage) else message.subject!r}: {link}"
        for message in messages
        for text, html in _parts(message)
        for link in relative_links(text, html=html)
    ]
    if problems:
        pytest.fail("Links in mail must be full addresses (SITE_URL and a path):\n" + "\n".join(problems))
