"""URL patterns for the member directory, included in the community's URLs (namespace "community")."""

from django.urls import path

from wayfinder.community import directory_views as v

urlpatterns = [
    path("directory/", v.directory, name="directory"),
    path("directory/profile/", v.profile, name="directory-profile"),
]
