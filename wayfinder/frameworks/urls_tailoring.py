"""URL patterns for tailoring, importing and exporting frameworks, mounted under /frameworks/.

Every pattern starts with a fixed word (tailor/, import/) or ends in a file name (export.json), so none
can be mistaken for a framework's own page at <slug>/; urls.py puts these before the reading patterns.
"""

from django.urls import URLPattern, path

from wayfinder.frameworks import views_tailoring as views

urlpatterns: list[URLPattern] = [
    path("import/", views.import_framework, name="import"),
    path("tailor/", views.tailor_index, name="tailor-index"),
    path("tailor/<slug:slug>/", views.framework_overview, name="tailor-framework"),
    path("tailor/<slug:slug>/versions/<int:number>/clone/", views.clone, name="tailor-clone"),
    path("tailor/<slug:slug>/new-version/", views.draft_start, name="tailor-new-version"),
    path("tailor/<slug:slug>/draft/", views.draft_editor, name="tailor-draft"),
    path("tailor/<slug:slug>/draft/delete/", views.draft_delete, name="tailor-draft-delete"),
    path("tailor/<slug:slug>/draft/details/", views.details_edit, name="tailor-details"),
    path("tailor/<slug:slug>/draft/publish/", views.publish, name="tailor-publish"),
    path("tailor/<slug:slug>/draft/add-dimension/", views.dimension_add, name="tailor-dimension-add"),
    path("tailor/<slug:slug>/draft/dimensions/<slug:key>/", views.dimension_edit, name="tailor-dimension"),
    path("tailor/<slug:slug>/draft/dimensions/<slug:key>/move/", views.dimension_move, name="tailor-dimension-move"),
    path(
        "tailor/<slug:slug>/draft/dimensions/<slug:key>/remove/",
        views.dimension_remove,
        name="tailor-dimension-remove",
    ),
    path("tailor/<slug:slug>/draft/add-level/", views.level_add, name="tailor-level-add"),
    path("tailor/<slug:slug>/draft/levels/<int:position>/", views.level_edit, name="tailor-level"),
    path("tailor/<slug:slug>/draft/levels/<int:position>/remove/", views.level_remove, name="tailor-level-remove"),
    path("<slug:slug>/versions/<int:number>/export.json", views.export_json, name="export-json"),
    path("<slug:slug>/versions/<int:number>/export.xlsx", views.export_xlsx, name="export-xlsx"),
]
