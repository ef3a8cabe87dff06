"""Frameworks: reading them (urls_reading) and tailoring, import and export (urls_tailoring)."""

from wayfinder.frameworks import urls_reading, urls_tailoring

app_name = "frameworks"

urlpatterns = [*urls_tailoring.urlpatterns, *urls_reading.urlpatterns]
