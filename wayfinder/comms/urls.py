from django.urls import path

from wayfinder.comms import views

app_name = "comms"

urlpatterns = [
    path("accounts/mail/", views.preferences, name="preferences"),
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("digest/", views.archive, name="archive"),
    path("digest/issues/<slug:slug>/", views.archive_issue, name="archive-issue"),
    path("digest/edit/", views.editor, name="editor"),
    path("digest/edit/<int:issue_id>/", views.edit, name="edit"),
    path("digest/edit/<int:issue_id>/pick/", views.pick, name="pick"),
    path("digest/edit/<int:issue_id>/entries/<int:item_id>/", views.item, name="item"),
    path("digest/edit/<int:issue_id>/preview/", views.preview, name="preview"),
    path("digest/edit/<int:issue_id>/test/", views.send_test, name="send-test"),
    path("digest/edit/<int:issue_id>/send/", views.send, name="send"),
    path("digest/edit/<int:issue_id>/sending/", views.sending, name="sending"),
]
