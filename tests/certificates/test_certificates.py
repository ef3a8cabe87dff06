"""Certificates: issued once per person and thing, a PDF only its owner downloads, a code anyone can check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests import factories as f
from tests.documents import pdf_text
from tests.signing_in import sign_in
from wayfinder.certificates import codes, rights
from wayfinder.certificates.models import Certificate
from wayfinder.certificates.services import certificate_issue

pytestmark = pytest.mark.django_db


def issue(person: object, key: str = "events:attendance:1") -> Certificate:
    return certificate_issue(
        person=person,
        key=key,
        title="Certificate of attendance",
        subject="Focal Point webinar: Working across organisations",
        detail="Attended online on 4 March 2027",
    )


# Codes: pure ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db(False)
def test_a_new_code_has_the_printed_shape_and_differs_each_time() -> None:
    made = {codes.new_code() for _ in range(200)}
    assert len(made) == 200
    assert all(codes.PATTERN.match(code) for code in made)


@pytest.mark.django_db(False)
@given(st.sampled_from([codes.new_code() for _ in range(20)]))
def test_a_code_typed_loosely_is_still_read(code: str) -> None:
    assert codes.normalise(code) == code
    assert codes.normalise(code.lower().replace("-", " ")) == code
    assert codes.normalise(code.removeprefix("WF-")) == code


@pytest.mark.django_db(False)
def test_letters_people_mistake_are_read_as_the_digits_they_meant() -> None:
    assert codes.normalise("wf-o1il-0000-1111") == "WF-0111-0000-1111"


@pytest.mark.django_db(False)
@pytest.mark.parametrize("text", ["", "WF", "WF-1234", "WF-1234-5678-9ABC-D", "WF-1234-5678-9ABU", "<script>"])
def test_what_cannot_be_a_code_is_refused(text: str) -> None:
    assert codes.normalise(text) is None


# Issuing ---------------------------------------------------------------------------------------------------------


def test_issuing_again_returns_the_same_certificate() -> None:
    person = f.UserFactory.create(full_name="Amara Okafor")
    first = issue(person)
    again = issue(person)
    assert first.pk == again.pk and Certificate.objects.count() == 1
    assert first.name == "Amara Okafor" and codes.PATTERN.match(first.code)
    other = issue(person, key="learning:module:3")
    assert other.code != first.code


def test_a_certificate_needs_what_it_is_for() -> None:
    person = f.UserFactory.create()
    with pytest.raises(ValidationError):
        certificate_issue(person=person, key=" ", title="Certificate", subject="Something")
    assert not Certificate.objects.exists()


# The PDF ---------------------------------------------------------------------------------------------------------


def test_the_pdf_names_the_person_the_event_and_the_code(client: Client, tmp_path: Path) -> None:
    person = f.UserFactory.create(full_name="Amara Okafor")
    certificate = issue(person)
    sign_in(client, person)
    response = client.get(certificate.pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(b"".join(response), tmp_path))  # type: ignore[arg-type]
    assert "Amara Okafor" in text
    assert "Focal Point webinar: Working across organisations" in text
    assert certificate.code in text


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("someone_else", 404), ("admin", 200)])
def test_only_the_owner_and_site_admins_download_the_pdf(client: Client, who: str, status: int) -> None:
    owner = f.UserFactory.create()
    people = {"owner": owner, "someone_else": f.UserFactory.create(), "admin": f.UserFactory.create(is_superuser=True)}
    certificate = issue(owner)
    sign_in(client, people[who])
    assert client.get(certificate.pdf_url).status_code == status


def test_signed_out_people_are_sent_to_sign_in_for_a_pdf(client: Client) -> None:
    certificate = issue(f.UserFactory.create())
    response = client.get(certificate.pdf_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_person_sees_their_own_certificates_only(client: Client) -> None:
    person, other = f.UserFactory.create(), f.UserFactory.create()
    mine = issue(person)
    theirs = issue(other, key="learning:module:9")
    sign_in(client, person)
    html = client.get("/certificates/").content.decode()
    assert mine.code in html and theirs.code not in html


# Verification ----------------------------------------------------------------------------------------------------


def test_the_verification_page_confirms_a_real_code_to_anyone(client: Client) -> None:
    certificate = issue(f.UserFactory.create(full_name="Amara Okafor"))
    response = client.get("/certificates/verify/", {"code": certificate.code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine" in html and "Amara Okafor" in html and "Working across organisations" in html


def test_the_verification_page_refuses_a_changed_code(client: Client) -> None:
    certificate = issue(f.UserFactory.create(full_name="Amara Okafor"))
    last = certificate.code[-1]
    changed = certificate.code[:-1] + ("0" if last != "0" else "1")
    response = client.get("/certificates/verify/", {"code": changed})
    html = response.content.decode()
    assert response.status_code == 404
    assert "No certificate has this code" in html and "Amara Okafor" not in html and "genuine" not in html


def test_the_verification_page_asks_for_a_code_first(client: Client) -> None:
    response = client.get("/certificates/verify/")
    assert response.status_code == 200 and "Check a certificate" in response.content.decode()


# My data ---------------------------------------------------------------------------------------------------------


def test_my_data_lists_certificates_and_erasing_removes_them() -> None:
    person = f.UserFactory.create()
    certificate = issue(person)
    issue(f.UserFactory.create())
    [data_file] = rights.export(person)
    assert [row[4] for row in data_file.rows] == [certificate.code]
    rights.erase(person)
    assert Certificate.objects.count() == 1 and not Certificate.objects.filter(person=person).exists()
