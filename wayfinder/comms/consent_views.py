"""Pages for consent: what a person agreed to and when, the current privacy notice, confirming from a campaign's
link (no sign-in), and the site admins' page for versions and re-consent campaigns."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.comms import consent
from wayfinder.comms.consent_forms import CampaignForm, PublishForm
from wayfinder.comms.consent_models import PolicyKind, ReconsentCampaign
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs


@login_required
def my_consent(request: AuthenticatedRequest) -> HttpResponse:
    policies = consent.current_policies()
    context = {
        "records": consent.consents_of(request.user),
        "privacy": policies[PolicyKind.PRIVACY],
        "mailing": policies[PolicyKind.MAILING],
        "agreed_privacy": consent.has_agreed(request.user, policies[PolicyKind.PRIVACY]),
        "agreed_mailing": consent.has_agreed(request.user, policies[PolicyKind.MAILING]),
        "nav_section": "profile",
        "breadcrumbs": breadcrumbs((reverse("accounts:profile"), "Your profile")),
    }
    return render(request, "comms/consent/mine.jinja", context)


@login_required
@require_POST
def agree(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    policy = consent.current_policy(kind) if kind in PolicyKind.values else None
    if policy is None:
        raise Http404("No such notice")
    consent.consent_give(user=request.user, policy=policy)
    messages.success(request, f"You agreed to the {policy.get_kind_display().lower()}, version {policy.version}")
    return redirect("consent:mine")


@login_required
@require_POST
def withdraw_mailing(request: AuthenticatedRequest) -> HttpResponse:
    consent.mailing_consent_withdraw(user=request.user)
    messages.success(request, "You have withdrawn your mailing consent. We will only send you service messages.")
    return redirect("consent:mine")


def privacy_notice(request: HttpRequest) -> HttpResponse:
    policy = consent.current_policy(PolicyKind.PRIVACY)
    return render(request, "comms/consent/privacy.jinja", {"policy": policy, "breadcrumbs": breadcrumbs()})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what is being confirmed and a button (mail scanners follow links); POST records it."""
    context: dict[str, object] = {"token": token, "error_text": ""}
    try:
        user, campaign = consent.campaign_from_token(token)
        context.update({"person": user, "campaign": campaign})
        if request.method == "POST":
            consent.campaign_confirm(token=token)
            return render(request, "comms/consent/confirmed.jinja", context)
        if campaign.closed_at is not None:
            raise ValidationError("The date to confirm has passed. You can choose which mail you get when you sign in.")
    except ValidationError as error:
        context["error_text"] = " ".join(error.messages)
        return render(request, "comms/consent/confirm.jinja", context, status=400)
    return render(request, "comms/consent/confirm.jinja", context)


# Site admins -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: AuthenticatedRequest) -> HttpResponse:
    if not consent.can_manage_consent(request.user):
        raise Http404("No such page")
    publish_form = PublishForm(request.POST if "publish" in request.POST else None, prefix="publish")
    campaign_form = CampaignForm(request.POST if "campaign" in request.POST else None, prefix="campaign")
    if request.method == "POST" and "publish" in request.POST and publish_form.is_valid():
        try:
            policy = consent.policy_publish(published_by=request.user, **publish_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(publish_form, error)
        else:
            messages.success(request, f"{policy} is published")
            return redirect("consent:manage")
    if request.method == "POST" and "campaign" in request.POST and campaign_form.is_valid():
        try:
            campaign = consent.campaign_start(started_by=request.user, **campaign_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(campaign_form, error)
        else:
            messages.success(request, f"We are asking every subscriber to confirm by {campaign.deadline:%-d %B %Y}")
            return redirect("consent:manage")
    campaigns = list(ReconsentCampaign.objects.select_related("policy", "started_by")[:10])
    context = {
        "publish_form": publish_form,
        "campaign_form": campaign_form,
        "policies": consent.current_policies(),
        "open_campaign": next((c for c in campaigns if c.closed_at is None), None),
        "campaigns": [(campaign, consent.confirmations_per_week(campaign)) for campaign in campaigns],
        "nav_section": "consent",
        "breadcrumbs": breadcrumbs((reverse("rights:log"), "Data requests")),
    }
    return render(request, "comms/consent/manage.jinja", context)
