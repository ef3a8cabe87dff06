from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "wayfinder.measures"
    label = "measures"
    verbose_name = "Measures"

    def ready(self) -> None:
        from wayfinder.comms import registry
        from wayfinder.core import panels
        from wayfinder.measures import panels as measures_panels
        from wayfinder.measures import permissions, rights  # noqa: F401 - permissions registers its rules

        panels.register("network", measures_panels.top_five)
        panels.register("plan", measures_panels.priority_measures)
        # My data: notes and values a person wrote, measures they defined, their top five.
        registry.register_exporter("measures", label="Measures: your notes, values and top five", export=rights.export)
        registry.register_eraser("measures", label="your top five measures", erase=rights.erase)
