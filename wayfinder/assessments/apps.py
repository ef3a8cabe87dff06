from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "wayfinder.assessments"
    label = "assessments"
    verbose_name = "Assessment rounds, ratings and results"
