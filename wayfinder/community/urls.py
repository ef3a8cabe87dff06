"""URL patterns for community (namespace "community")."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "community"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("wayfinder.community.purpose_urls")),
    path("", include("wayfinder.community.peers_urls")),
    path("", include("wayfinder.community.directory_urls")),
]
