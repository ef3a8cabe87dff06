"""My data, under /accounts/my-data/, and the site admins' log of data requests."""

from django.urls import path

from wayfinder.comms import data_rights_views as views

app_name = "rights"

urlpatterns = [
    path("", views.my_data, name="my-data"),
    path("copy/", views.export_request, name="export"),
    path("download/<str:token>/", views.download, name="download"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
    path("requests/", views.request_log, name="log"),
    path("requests/delete/<int:user_id>/", views.erase_on_behalf, name="erase"),
]
