"""URL patterns for opening and running rounds, and for rating (namespace "assessments")."""

from django.urls import URLPattern, path

from wayfinder.assessments import views_rounds as v

urlpatterns: list[URLPattern] = [
    path("networks/<slug:slug>/rounds/", v.network_rounds, name="network-rounds"),
    path("networks/<slug:slug>/rounds/new/", v.round_open, name="round-open"),
    path("rounds/<int:round_id>/", v.round_detail, name="round"),
    path("rounds/<int:round_id>/invite/members/", v.invite_members, name="round-invite-members"),
    path("rounds/<int:round_id>/invite/external/", v.invite_external, name="round-invite-external"),
    path("rounds/<int:round_id>/close-date/", v.change_close_date, name="round-close-date"),
    path("rounds/<int:round_id>/close/", v.close_early, name="round-close"),
    path("rounds/<int:round_id>/rate/", v.rate_start, name="rate-start"),
    path("rounds/<int:round_id>/rate/check/", v.rate_check, name="rate-check"),
    path("rounds/<int:round_id>/rate/done/", v.rate_done, name="rate-done"),
    path("rounds/<int:round_id>/rate/<int:dimension_id>/", v.rate_question, name="rate-question"),
    path("rate/<str:token>/", v.rate_token_start, name="rate-token-start"),
    path("rate/<str:token>/check/", v.rate_token_check, name="rate-token-check"),
    path("rate/<str:token>/done/", v.rate_token_done, name="rate-token-done"),
    path("rate/<str:token>/<int:dimension_id>/", v.rate_token_question, name="rate-token-question"),
]
