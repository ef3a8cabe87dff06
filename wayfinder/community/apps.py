from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "wayfinder.community"
    label = "community"
    verbose_name = "Community of practice"

    def ready(self) -> None:
        from wayfinder.community import purpose_setup

        purpose_setup.register()  # shared purpose, peers to learn from, the member directory
