"""URL patterns for a round's results and exports, and a network's targets (namespace "assessments")."""

from django.urls import URLPattern, path

from wayfinder.assessments import views_results

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/results/", views_results.results, name="results"),
    path("rounds/<int:round_id>/results.xlsx", views_results.results_xlsx, name="results-xlsx"),
    path("rounds/<int:round_id>/results.csv", views_results.results_csv, name="results-csv"),
    path("rounds/<int:round_id>/results.pdf", views_results.results_pdf, name="results-pdf"),
    path("networks/<slug:slug>/targets/<slug:framework_slug>/", views_results.targets_edit, name="targets"),
]
