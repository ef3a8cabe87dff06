from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wayfinder.api"
    label = "api"
    verbose_name = "The JSON API and personal API tokens"
