"""Assessments: rounds and rating (urls_rounds), results, targets and exports (urls_results), live sessions
(urls_live)."""

from wayfinder.assessments import urls_live, urls_results, urls_rounds

app_name = "assessments"

urlpatterns = [*urls_rounds.urlpatterns, *urls_results.urlpatterns, *urls_live.urlpatterns]
