"""URL patterns for events (namespace "events"), mounted at /events/."""

from django.urls import URLPattern, URLResolver, path

from wayfinder.events import after_urls
from wayfinder.events import views as v

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", v.event_list, name="list"),
    path("past/", v.past_list, name="past"),
    path("new/", v.event_create, name="create"),
    path("calendar/", v.my_feed, name="feed-settings"),
    path("calendar/<str:token>.ics", v.feed, name="feed"),
    path("<int:event_id>/", v.event_detail, name="event"),
    path("<int:event_id>/edit/", v.event_edit, name="edit"),
    path("<int:event_id>/publish/", v.event_publish, name="publish"),
    path("<int:event_id>/cancel/", v.event_cancel, name="cancel"),
    path("<int:event_id>/register/", v.register, name="register"),
    path("<int:event_id>/cancel-place/", v.cancel_place, name="cancel-place"),
    path("<int:event_id>/take-place/", v.accept_offer, name="accept"),
    path("<int:event_id>/invite.ics", v.invite_file, name="invite"),
    path("<int:event_id>/people/", v.people, name="people"),
    path("<int:event_id>/waiting/<int:registration_id>/move/", v.waiting_move, name="waiting-move"),
    *after_urls.urlpatterns,
]
