"""The accounts app: people, their profile, and how they sign in (django-allauth with two-factor)."""

from typing import Any

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wayfinder.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from allauth.mfa.models import Authenticator
        from django.db.models.signals import post_delete, post_save

        from wayfinder.accounts.models import User
        from wayfinder.core.permissions import person_changed

        # Whether a person has an authenticator app is kept in the shared cache (queries.has_authenticator_app):
        # allauth adds and removes authenticators itself, so its saves and deletes say when to read it again.
        def authenticator_written(sender: Any, instance: Authenticator, **kwargs: Any) -> None:
            person_changed([instance.user_id])

        # The signed-in person is read from the shared cache on each request (backends.py): any save of their row
        # (profile, password, last sign-in, deactivation) or its deletion reads it again.
        def user_written(sender: Any, instance: User, **kwargs: Any) -> None:
            person_changed([instance.pk])

        post_save.connect(user_written, sender=User, dispatch_uid="accounts.user.saved", weak=False)
        post_delete.connect(user_written, sender=User, dispatch_uid="accounts.user.deleted", weak=False)
        # A receiver defined here is held strongly (weak=False): nothing else keeps a reference to it.
        post_save.connect(
            authenticator_written, sender=Authenticator, dispatch_uid="accounts.authenticator.saved", weak=False
        )
        post_delete.connect(
            authenticator_written, sender=Authenticator, dispatch_uid="accounts.authenticator.deleted", weak=False
        )
