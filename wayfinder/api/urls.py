"""The pages where a person manages their personal API tokens, under /accounts/profile/tokens/."""

from django.urls import path

from wayfinder.api import views

app_name = "api-tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("new/", views.token_create, name="create"),
    path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
]
