from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "wayfinder.community"
    label = "community"
    verbose_name = "Community of practice"

    def ready(self) -> None:
        pass
