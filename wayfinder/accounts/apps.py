"""The accounts app: people, their profile, and how they sign in (django-allauth with two-factor)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wayfinder.accounts"
    label = "accounts"
    verbose_name = "Accounts"
