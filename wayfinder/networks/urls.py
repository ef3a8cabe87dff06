from django.urls import path

from wayfinder.networks import import_views, views

app_name = "networks"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.network_create, name="create"),
    path("import/", import_views.import_hierarchy, name="import"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.network_edit, name="edit"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:membership_id>/role/", views.member_role, name="member-role"),
    path("<slug:slug>/members/<int:membership_id>/remove/", views.member_remove, name="member-remove"),
    path("<slug:slug>/requests/<int:request_id>/", views.join_request_decide, name="join-request-decide"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation-revoke"),
]
