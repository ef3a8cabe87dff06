"""Consent, under /accounts/consent/: a person's own page, confirming from a campaign's link, the privacy notice
and the site admins' page."""

from django.urls import path

from wayfinder.comms import consent_views as views

app_name = "consent"

urlpatterns = [
    path("", views.my_consent, name="mine"),
    path("agree/<str:kind>/", views.agree, name="agree"),
    path("withdraw/", views.withdraw_mailing, name="withdraw"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/", views.manage, name="manage"),
]
