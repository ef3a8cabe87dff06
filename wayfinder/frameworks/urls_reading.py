"""URL patterns for reading frameworks, mounted under /frameworks/ in the "frameworks" namespace.

support-domains/ comes before <slug>/ so the word is never taken for a framework's slug.
"""

from django.urls import URLPattern, path

from wayfinder.frameworks import views

urlpatterns: list[URLPattern] = [
    path("", views.framework_list, name="list"),
    path("support-domains/", views.support_domains, name="support-domains"),
    path("<slug:slug>/", views.framework_detail, name="detail"),
    path("<slug:slug>/versions/<int:number>/", views.framework_version, name="version"),
]
