"""URL patterns for the dashboards (namespace "dashboards"), mounted at the site root."""

from django.urls import path

from wayfinder.dashboards import views as v

app_name = "dashboards"

urlpatterns = [
    path("systems/<int:system_id>/dashboard/", v.system, name="system"),
    path("systems/<int:system_id>/dashboard/framework/", v.system_framework, name="system-framework"),
    path("regions/<int:region_id>/dashboard/", v.region, name="region"),
    path("national/dashboard/", v.national, name="national"),
]
