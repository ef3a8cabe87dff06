"""URL patterns for shared purpose, included in the community's URLs (namespace "community")."""

from django.urls import path

from wayfinder.community import purpose_views as v

urlpatterns = [
    path("networks/<slug:slug>/purpose/", v.purpose, name="purpose"),
    path("networks/<slug:slug>/purpose/open/", v.voting_open, name="purpose-open"),
    path("networks/<slug:slug>/purpose/close/", v.voting_close, name="purpose-close"),
    path("networks/<slug:slug>/purpose/<int:statement_id>/comment/", v.comment, name="purpose-comment"),
    path("networks/<slug:slug>/purpose/<int:statement_id>/vote/", v.vote, name="purpose-vote"),
    path("networks/<slug:slug>/purpose/<int:statement_id>/adopt/", v.adopt, name="purpose-adopt"),
]
