"""Files in the knowledge hub: checked on upload (the content must be what the name says, and not too big),
and their words extracted once so the hub's search finds a resource by what its PDF or Word file says.

Wagtail's own document model is kept; its admin form is ours through WAGTAILDOCS_DOCUMENT_FORM_BASE.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from typing import IO, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.models import Document

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 500_000
MAX_PDF_PAGES = 500
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
NAMES = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "odt": "OpenDocument text",
    "xls": "Excel",
    "xlsx": "Excel",
    "ods": "OpenDocument spreadsheet",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odp": "OpenDocument presentation",
    "csv": "CSV",
    "txt": "text",
}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_names(head: IO[bytes]) -> tuple[set[str], bytes]:
    """The names in a zip file and its `mimetype` entry (OpenDocument files start with one), or nothing."""
    try:
        with zipfile.ZipFile(head) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            return names, mimetype
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return set(), b""


def content_matches(extension: str, stream: IO[bytes]) -> bool:
    """Whether a file's bytes are what its extension says: a PDF starts with %PDF-, Word/Excel/PowerPoint files
    are zip packages holding their own parts (or older OLE files), text has no NUL bytes."""
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in {"doc", "xls", "ppt"}:
        return head.startswith(OLE_MAGIC)
    if extension in OOXML_PARTS:
        names, _ = _zip_names(stream)
        stream.seek(0)
        return "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[extension]) for n in names)
    if extension in ODF_TYPES:
        _, mimetype = _zip_names(stream)
        stream.seek(0)
        return mimetype.decode("ascii", "replace").strip() == ODF_TYPES[extension]
    if extension in {"csv", "txt"}:
        return b"\x00" not in head
    return False


class HubDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing a file whose content is not the type its name claims, or that is too
    big. WAGTAILDOCS_EXTENSIONS still decides which types are allowed at all."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # an edit that keeps the file already there
        extension = _extension(upload.name or "")
        if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                f"The file must be {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB or smaller. Make it smaller, or "
                "link to where it lives instead."
            )
        if extension in NAMES and not content_matches(extension, upload):
            raise forms.ValidationError(
                f"The file is not a real {NAMES[extension]} file, although its name ends in .{extension}. "
                "Check you chose the right file, or save it again from the program that made it."
            )
        return upload


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return ""
        parts = []
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            parts.append(page.extract_text() or "")
        return "\n".join(parts)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.warning("Could not read the words of a PDF: %s", error)
        return ""


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile, OSError) as error:
        logger.warning("Could not read the words of a Word file: %s", error)
        return ""
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(part for part in parts if part.strip())


def extract_text(extension: str, data: bytes) -> str:
    """The words of a PDF, Word (.docx) or text file; nothing for other types."""
    if extension == "pdf":
        text = _pdf_text(data)
    elif extension == "docx":
        text = _docx_text(data)
    elif extension in {"txt", "csv"}:
        text = data.decode("utf-8", "replace")
    else:
        text = ""
    return text.replace("\x00", " ")[:MAX_TEXT_CHARS]


def document_text_refresh(document: Document) -> bool:
    """Extract the document's words if its file changed since last time, and re-index the live resources that
    attach it. Returns whether anything was extracted."""
    from wayfinder.hub.models import DocumentText, ResourcePage

    if not document.file:
        return False
    with document.open_file() as handle:
        data = handle.read()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    known = DocumentText.objects.filter(document=document).first()
    if known is not None and known.file_hash == digest:
        return False
    text = extract_text(_extension(document.file.name), data)
    with transaction.atomic():
        DocumentText.objects.update_or_create(document=document, defaults={"file_hash": digest, "text": text})
    from wagtail.search.index import insert_or_update_object

    for page in ResourcePage.objects.live().filter(documents__document=document).distinct():
        insert_or_update_object(page)
    return True
