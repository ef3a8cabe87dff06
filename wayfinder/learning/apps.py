from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "wayfinder.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        pass
