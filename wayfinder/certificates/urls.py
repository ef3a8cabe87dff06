"""URL patterns for certificates (namespace "certificates"), mounted at /certificates/."""

from django.urls import path

from wayfinder.certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("verify/", views.verify, name="verify"),
    path("<str:code>.pdf", views.pdf, name="pdf"),
]
