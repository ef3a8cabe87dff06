"""URL patterns for events (namespace "events")."""

from django.urls import URLPattern, URLResolver

from wayfinder.events import after_urls

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [*after_urls.urlpatterns]
