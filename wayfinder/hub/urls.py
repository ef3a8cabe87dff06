"""The hub's front page (namespace "hub"), mounted at hub/ before Wagtail's pages, which serve everything else there."""

from django.urls import path

from wayfinder.hub import views

app_name = "hub"

urlpatterns = [path("", views.front_page, name="front-page")]
