"""Who is my contact? The public directory at /contacts/ and the pages where its entries are kept."""

from django.urls import path

from wayfinder.networks import contacts_views

app_name = "contacts"

urlpatterns = [
    path("", contacts_views.directory, name="directory"),
    path("systems/<int:system_id>/", contacts_views.system_contacts, name="system"),
    path("<int:contact_id>/edit/", contacts_views.contact_edit, name="edit"),
    path("<int:contact_id>/remove/", contacts_views.contact_remove, name="remove"),
]
