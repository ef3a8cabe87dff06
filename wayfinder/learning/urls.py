"""URL patterns for learning (namespace "learning"), under /learning/. The programme, module and unit pages are
Wagtail pages under the knowledge hub (/hub/learning/...); these are the learner's own pages and the forms those
pages post to."""

from django.urls import URLPattern, URLResolver, path

from wayfinder.learning import views

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("people/", views.people, name="people"),
    path("modules/<int:module_id>/enrol/", views.enrol, name="enrol"),
    path("modules/<int:module_id>/workbook.docx", views.workbook_download, name="workbook"),
    path("modules/<int:module_id>/certificate/", views.certificate, name="certificate"),
    path("units/<int:unit_id>/", views.unit, name="unit"),
    path("units/<int:unit_id>/answers/", views.answers, name="answers"),
    path("units/<int:unit_id>/complete/", views.complete, name="complete"),
]
