"""Files in the hub: the upload check (type by content, size) and the words of PDF and Word files in search."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace
from typing import Any

import docx
import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from weasyprint import HTML

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.hub import documents
from wayfinder.hub.models import DocumentText, ResourceDocument, ResourcePage

pytestmark = pytest.mark.django_db


def pdf_bytes(text: str) -> bytes:
    return bytes(HTML(string=f"<p>{text}</p>").write_pdf())


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "Cell words"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


# What a file's bytes say it is ------------------------------------------------------------------------------


def test_content_matches_knows_real_files_from_renamed_ones() -> None:
    pdf, word = pdf_bytes("Hello"), docx_bytes("Hello")
    assert documents.content_matches("pdf", io.BytesIO(pdf))
    assert documents.content_matches("docx", io.BytesIO(word))
    assert documents.content_matches("txt", io.BytesIO(b"plain words"))

    assert not documents.content_matches("pdf", io.BytesIO(word))
    assert not documents.content_matches("docx", io.BytesIO(pdf))
    assert not documents.content_matches("xlsx", io.BytesIO(word))  # a zip, but a Word one
    assert not documents.content_matches("docx", io.BytesIO(b"MZ\x90\x00 a program"))
    assert not documents.content_matches("txt", io.BytesIO(b"\x00\x01binary"))
    assert not documents.content_matches("doc", io.BytesIO(b"<html>"))


def test_an_opendocument_file_is_known_by_its_mimetype_entry() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    assert documents.content_matches("odt", io.BytesIO(out.getvalue()))
    assert not documents.content_matches("ods", io.BytesIO(out.getvalue()))


def test_words_are_extracted_from_pdf_and_word_files_and_nothing_from_a_broken_one() -> None:
    assert "zebrafish" in documents.extract_text("pdf", pdf_bytes("The zebrafish plan"))
    word = documents.extract_text("docx", docx_bytes("The kaleidoscope template"))
    assert "kaleidoscope" in word and "Cell words" in word
    assert documents.extract_text("pdf", b"%PDF-1.7 broken") == ""
    assert documents.extract_text("docx", b"PK broken") == ""
    assert documents.extract_text("xlsx", b"anything") == ""


# Uploading in /cms/ -----------------------------------------------------------------------------------------


def cms_client(world: SimpleNamespace, client: Client) -> Client:
    sign_in(client, world.admin)
    return client


def upload(client: Client, name: str, data: bytes) -> Any:
    handle = io.BytesIO(data)
    handle.name = name
    return client.post("/cms/documents/add/", {"title": name, "file": handle, "collection": 1})


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored(
    world: SimpleNamespace, client: Client, media: None
) -> None:
    response = upload(cms_client(world, client), "guide.pdf", b"<script>alert(1)</script>")

    assert response.status_code == 200
    assert "The file is not a real PDF file, although its name ends in .pdf" in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    world: SimpleNamespace, client: Client, media: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1024 * 1024)
    response = upload(cms_client(world, client), "big.txt", b"a" * (1024 * 1024 + 1))

    assert "The file must be 1 MB or smaller" in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_type_we_do_not_take_is_refused(world: SimpleNamespace, client: Client, media: None) -> None:
    response = upload(cms_client(world, client), "run.exe", b"MZ")

    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_uploaded_pdf_is_read_once_and_its_words_find_the_resource(
    world: SimpleNamespace, client: Client, media: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(cms_client(world, client), "slides.pdf", pdf_bytes("Our zebrafish pathway"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert "zebrafish" in DocumentText.objects.get(document=document).text

    page = f.hub_resource(
        "webinar", title="A webinar with slides", kind="webinar", summary="A recording.", body="<p>Watch it.</p>"
    )
    page.documents.add(ResourceDocument(document=document))
    page.save_revision().publish()

    html = client.get("/hub/?q=zebrafish").content.decode()
    assert ">A webinar with slides</a>" in html
    resource = client.get(page.url or "").content.decode()
    assert "Download the file" in resource and "slides.pdf" in resource


def test_a_replaced_file_is_read_again_and_the_resource_reindexed(media: None) -> None:
    document = Document.objects.create(title="Guide", file=ContentFile(docx_bytes("First words"), name="g.docx"))
    documents.document_text_refresh(document)
    page = f.hub_resource("guide", title="Guide", summary="A guide.")
    page.documents.add(ResourceDocument(document=document))
    page.save_revision().publish()
    assert not documents.document_text_refresh(document)  # unchanged: not read again

    document.file.save("g2.docx", ContentFile(docx_bytes("Marmalade instead")))
    assert documents.document_text_refresh(document)

    found = ResourcePage.objects.live().search("marmalade")
    assert [p.pk for p in found] == [page.pk]
