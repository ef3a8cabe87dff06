"""URL patterns for live consensus sessions (namespace "assessments")."""

from django.urls import URLPattern, path

from wayfinder.assessments import views_live as v

urlpatterns: list[URLPattern] = [
    path("rounds/<int:round_id>/live/start/", v.start, name="live-start"),
    path("live/session/<int:session_id>/", v.screen, name="live-screen"),
    path("live/session/<int:session_id>/distribution/", v.screen_distribution, name="live-distribution"),
    path("live/session/<int:session_id>/move/", v.move, name="live-move"),
    path("live/session/<int:session_id>/consensus/", v.record_consensus, name="live-consensus"),
    path("live/session/<int:session_id>/priorities/", v.add_priority, name="live-priority-add"),
    path(
        "live/session/<int:session_id>/priorities/<int:priority_id>/remove/",
        v.remove_priority,
        name="live-priority-remove",
    ),
    path("live/session/<int:session_id>/end/", v.end, name="live-end"),
    path("live/session/<int:session_id>/summary/", v.summary, name="live-summary"),
    path("live/", v.join, name="live-join"),
    path("live/<str:code>/", v.answer, name="live-answer"),
    path("live/<str:code>/poll/", v.answer_poll, name="live-answer-poll"),
]
