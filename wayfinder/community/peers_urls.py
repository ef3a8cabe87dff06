"""URL patterns for peers to learn from, included in the community's URLs (namespace "community")."""

from django.urls import path

from wayfinder.community import peers_views as v

urlpatterns = [
    path("networks/<slug:slug>/peers/", v.peers, name="peers"),
    path("networks/<slug:slug>/peers/sharing/", v.sharing, name="peers-sharing"),
    path("networks/<slug:slug>/peers/ask/<slug:peer>/", v.contact_send, name="peer-contact-send"),
    path("peer-contacts/<int:contact_id>/", v.contact, name="peer-contact"),
    path("peer-contacts/<int:contact_id>/answer/", v.contact_answer, name="peer-contact-answer"),
]
