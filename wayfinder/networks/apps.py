from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "wayfinder.networks"
    label = "networks"
    verbose_name = "Networks and the England hierarchy"
