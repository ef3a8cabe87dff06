"""Addresses of our own account pages; allauth's pages are mounted beside them under /accounts/."""

from django.urls import path

from wayfinder.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/edit/", views.profile_edit, name="profile-edit"),
    path("two-factor-required/", views.two_factor_required, name="two-factor-required"),
]
