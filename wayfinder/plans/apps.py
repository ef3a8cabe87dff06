from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "wayfinder.plans"
    label = "plans"
    verbose_name = "Development plans and actions"
