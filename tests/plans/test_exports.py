"""The plan to take away: a PDF and a Word document that LibreOffice opens."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone
from docx import Document

from tests.plans.support import add_actions, add_service_improvement, make_overdue, rated_round, start_plan
from tests.signing_in import sign_in
from wayfinder.assessments.models import Round
from wayfinder.plans import exports, queries, services
from wayfinder.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world: SimpleNamespace) -> Plan:
    plan = start_plan(world.open, world.lead)
    late, _ = add_actions(plan, world.member, 2)
    make_overdue(late)
    services.action_progress(action=late, user=world.member, status="in_progress", notes="Room\x0b booked?")
    return plan


def _page(plan: Plan) -> queries.PlanPage:
    return queries.plan_page(queries.plan_or_404(plan.created_by, plan.pk), timezone.localdate())


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_word_document_has_every_priority_its_domain_and_actions(plan: Plan) -> None:
    text = _docx_text(exports.plan_docx(_page(plan)))

    assert "Our plan" in text and "Riverside PCN" in text
    assert "1. Improve Dimension 1 of the matrix" in text
    assert "PCN set-up" in text and "Key components of the support domain:" in text
    assert "Action number 0" in text and "In progress (overdue)" in text and "Max Member" in text
    assert "Room booked?" in text  # the control character is dropped, the note kept
    assert exports.NO_SERVICE_IMPROVEMENT in text


def test_the_word_document_shows_a_service_improvement_priority(plan: Plan, world: SimpleNamespace) -> None:
    add_service_improvement(plan, world.lead)

    text = _docx_text(exports.plan_docx(_page(plan)))

    assert exports.NO_SERVICE_IMPROVEMENT not in text
    assert "Median wait in days, from the referral log, every month" in text


def test_the_pdf_is_a_pdf(plan: Plan) -> None:
    assert exports.plan_pdf(_page(plan), None).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("suffix", "content_type", "magic"),
    [("plan.pdf", "application/pdf", b"%PDF"), ("plan.docx", exports.DOCX_CONTENT_TYPE, b"PK")],
)
def test_downloads_are_private_attachments(
    plan: Plan, world: SimpleNamespace, client: Client, suffix: str, content_type: str, magic: bytes
) -> None:
    sign_in(client, world.member)

    response = client.get(f"/plans/{plan.pk}/{suffix}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert plan.round is not None
    stem = f"riverside-pcn-development-plan-from-baseline-{plan.round.opens_on.isoformat()}"
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{suffix.split(".")[1]}"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(magic)


def _soffice(tmp_path: Path, target: str, source: Path) -> None:
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_libreoffice_opens_the_word_document(plan: Plan, tmp_path: Path, world: Any) -> None:
    if shutil.which("soffice") is None:
        message = "LibreOffice is not installed: run 'make office' (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    add_service_improvement(plan, world.lead)
    source = tmp_path / "plan.docx"
    source.write_bytes(exports.plan_docx(_page(plan)))

    _soffice(tmp_path, "pdf", source)
    _soffice(tmp_path, "txt:Text", source)

    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    text = (tmp_path / "plan.txt").read_text(encoding="utf-8-sig")
    assert "Improve Dimension 1 of the matrix" in text
    assert "Faster access to social prescribing" in text


def test_the_printed_plan_counts_in_agreement_with_its_numbers(world: SimpleNamespace) -> None:
    plan = start_plan(world.open, world.lead, keys=["dimension-1"])
    add_actions(plan, world.member, 1)
    page = _page(plan)
    html = render_to_string("plans/print.jinja", {"page": page, "plan": plan, "number": exports.number, "warning": ""})
    assert "1 priority, 1 action." in html


def test_plans_from_different_rounds_download_under_different_names(world: SimpleNamespace, client: Client) -> None:
    """Every plan used to be called after its title, and every title was "Development plan 2026 to 2027"."""
    baseline = rated_round(world.open)
    first = start_plan(world.open, world.lead, round_=baseline)
    later = rated_round(world.open, title="Progress")
    Round.objects.filter(pk=later.pk).update(purpose="progress", opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 30))
    second = start_plan(world.open, world.lead, round_=Round.objects.get(pk=later.pk))
    Plan.objects.filter(pk__in=[first.pk, second.pk]).update(title="Development plan 2026 to 2027")
    sign_in(client, world.lead)
    names = {client.get(f"/plans/{p.pk}/plan.docx")["Content-Disposition"] for p in (first, second)}
    assert names == {
        f'attachment; filename="riverside-pcn-development-plan-from-baseline-{baseline.opens_on.isoformat()}.docx"',
        'attachment; filename="riverside-pcn-development-plan-from-progress-check-2026-03-02.docx"',
    }
    another = start_plan(world.open, world.lead, round_=baseline, another=True)
    disposition = client.get(f"/plans/{another.pk}/plan.pdf")["Content-Disposition"]
    assert disposition.endswith(f'-baseline-{baseline.opens_on.isoformat()}-2.pdf"')


def test_a_plan_whose_round_is_gone_is_named_by_the_day_it_starts(plan: Plan) -> None:
    assert plan.round is not None
    plan.round.delete()
    plan.refresh_from_db()
    expected = f"riverside-pcn-development-plan-starting-{plan.starts_on.isoformat()}.docx"
    assert exports.filename(plan, "docx") == expected
