from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "wayfinder.measures"
    label = "measures"
    verbose_name = "Measures"

    def ready(self) -> None:
        pass
