"""URL patterns for the dashboards (namespace "dashboards"), mounted at the site root."""

from django.urls import path

from wayfinder.dashboards import support_views as sv
from wayfinder.dashboards import views as v

app_name = "dashboards"

urlpatterns = [
    path("systems/<int:system_id>/dashboard/", v.system, name="system"),
    path("systems/<int:system_id>/dashboard/framework/", v.system_framework, name="system-framework"),
    path("regions/<int:region_id>/dashboard/", v.region, name="region"),
    path("national/dashboard/", v.national, name="national"),
    # Did the support work? Delivered support joined to the rounds before and after it.
    path("systems/<int:system_id>/support-and-progress/", sv.system, name="system-support"),
    path("regions/<int:region_id>/support-and-progress/", sv.region, name="region-support"),
    path("national/support-and-progress/", sv.national, name="national-support"),
    path("networks/<slug:slug>/support-and-progress/", sv.network, name="network-support"),
]
