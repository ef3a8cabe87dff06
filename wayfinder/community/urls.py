"""URL patterns for community (namespace "community")."""

from django.urls import URLPattern, URLResolver, include, path

from wayfinder.community import views

app_name = "community"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("norms/", views.norms, name="norms"),
    path("search/", views.search, name="search"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:note_id>/", views.notification_open, name="notification"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation-log"),
    path("moderation/reports/<int:report_id>/dismiss/", views.report_dismiss, name="report-dismiss"),
    path("manage/topics/", views.topics_manage, name="topics-manage"),
    path("manage/topics/new/", views.topic_edit, name="topic-new"),
    path("manage/topics/<int:topic_id>/", views.topic_edit, name="topic-edit"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("networks/<slug:slug>/", views.network_space, name="network"),
    path("spaces/<int:space_id>/", views.space, name="space"),
    path("spaces/<int:space_id>/new/", views.thread_new, name="thread-new"),
    path("threads/<int:thread_id>/", views.thread, name="thread"),
    path("threads/<int:thread_id>/reply/", views.reply, name="reply"),
    path("threads/<int:thread_id>/lock/", views.thread_lock, name="thread-lock"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post-edit"),
    path("posts/<int:post_id>/helpful/", views.post_helpful, name="post-helpful"),
    path("posts/<int:post_id>/accept/", views.post_accept, name="post-accept"),
    path("posts/<int:post_id>/report/", views.post_report, name="post-report"),
    path("posts/<int:post_id>/approve/", views.post_approve, name="post-approve"),
    path("posts/<int:post_id>/stop-author/", views.person_stop, name="person-stop"),
    path("posts/<int:post_id>/<str:action>/", views.post_moderate, name="post-moderate"),
    path("follow/<str:what>/<str:ref>/", views.follow, name="follow"),
    path("", include("wayfinder.community.purpose_urls")),
    path("", include("wayfinder.community.peers_urls")),
    path("", include("wayfinder.community.directory_urls")),
]
