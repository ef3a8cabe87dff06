"""URL patterns for readiness, Clinical Director plans and support requests (namespace "support").

Mounted at the site root: network pages live under networks/<slug>/ with a second path segment, so they never
clash with the one-segment patterns of the networks app.
"""

from django.urls import path

from wayfinder.support import views as v

app_name = "support"

urlpatterns = [
    path("networks/<slug:slug>/readiness/", v.readiness, name="readiness"),
    path("networks/<slug:slug>/readiness/<slug:item>/", v.readiness_item, name="readiness-item"),
    path("networks/<slug:slug>/support-requests/", v.network_requests, name="network-requests"),
    path("networks/<slug:slug>/support-requests/new/", v.request_create, name="request-create"),
    path("networks/<slug:slug>/cd-plan/start/", v.cd_plan_start, name="cd-plan-start"),
    path("support-requests/<int:request_id>/", v.request_detail, name="request"),
    path("support-requests/<int:request_id>/decision/", v.request_decide, name="request-decide"),
    path("support-requests/<int:request_id>/commissioned/", v.commission_create, name="commission-create"),
    path("systems/<int:system_id>/readiness/", v.system_readiness, name="system-readiness"),
    path("systems/<int:system_id>/support-requests/", v.system_requests, name="system-requests"),
    path("cd-plans/", v.cd_plans, name="cd-plans"),
    path("cd-plans/<int:plan_id>/", v.cd_plan, name="cd-plan"),
    path("cd-plans/<int:plan_id>/edit/", v.cd_plan_edit, name="cd-plan-edit"),
]
