"""URL patterns for measures (namespace "measures").

Mounted at the site root: a network's measures live under networks/<slug>/measures/, a second path segment that
no other app uses there; libraries and the index under measures/; a system's roll-up under
systems/<id>/measures/.
"""

from django.urls import URLPattern, URLResolver, path

from wayfinder.measures import views as v

app_name = "measures"

urlpatterns: list[URLPattern | URLResolver] = [
    path("measures/", v.index, name="index"),
    path("measures/libraries/new/", v.library_new, name="library-new"),
    path("measures/libraries/<int:library_id>/", v.library_detail, name="library"),
    path("systems/<int:system_id>/measures/", v.system_rollup, name="rollup"),
    path("networks/<slug:slug>/measures/", v.network_measures, name="network"),
    path("networks/<slug:slug>/measures/new/", v.measure_new, name="new"),
    path("networks/<slug:slug>/measures/library/", v.library_pick, name="library-pick"),
    path("networks/<slug:slug>/measures/import/", v.values_import, name="import"),
    path("networks/<slug:slug>/measures/top-five/", v.top_five, name="top-five"),
    path("networks/<slug:slug>/measures/<int:measure_id>/", v.measure_detail, name="measure"),
    path("networks/<slug:slug>/measures/<int:measure_id>/edit/", v.measure_edit, name="edit"),
    path("networks/<slug:slug>/measures/<int:measure_id>/priorities/", v.measure_priorities, name="priorities"),
    path("networks/<slug:slug>/measures/<int:measure_id>/values/", v.value_add, name="value-add"),
    path(
        "networks/<slug:slug>/measures/<int:measure_id>/values/<int:value_id>/",
        v.value_annotate,
        name="value-annotate",
    ),
    path("networks/<slug:slug>/measures/<int:measure_id>/baseline/", v.measure_baseline, name="baseline"),
    path(
        "networks/<slug:slug>/measures/<int:measure_id>/download.<str:kind>",
        v.measure_download,
        name="download",
    ),
]
