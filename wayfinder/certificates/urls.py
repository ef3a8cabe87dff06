"""URL patterns for certificates (namespace "certificates")."""

from django.urls import URLPattern, URLResolver

app_name = "certificates"

urlpatterns: list[URLPattern | URLResolver] = []
