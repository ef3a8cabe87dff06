"""Every URL of Wayfinder: each app brings its own urls.py."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wayfinder.api import views as api_views
from wayfinder.api.api import api
from wayfinder.core import views as core_views
from wayfinder.core import views_health
from wayfinder.networks import views as network_views

urlpatterns = [
    path("", network_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/live", views_health.live, name="healthz-live"),
    path("assets/<path:path>", core_views.nhsuk_asset, name="nhsuk-asset"),
    path("accounts/profile/tokens/", include("wayfinder.api.urls")),
    path("accounts/my-data/", include("wayfinder.comms.data_rights_urls")),
    path("accounts/consent/", include("wayfinder.comms.consent_urls")),
    path("accounts/", include("wayfinder.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("wayfinder.comms.urls")),
    path("networks/", include("wayfinder.networks.urls")),
    path("contacts/", include("wayfinder.networks.contacts_urls")),
    path("frameworks/", include("wayfinder.frameworks.urls")),
    path("", include("wayfinder.assessments.urls")),
    path("", include("wayfinder.plans.urls")),
    path("", include("wayfinder.support.urls")),
    path("", include("wayfinder.dashboards.urls")),
    path("certificates/", include("wayfinder.certificates.urls")),
    path("community/", include("wayfinder.community.urls")),
    path("events/", include("wayfinder.events.urls")),
    path("learning/", include("wayfinder.learning.urls")),
    path("", include("wayfinder.measures.urls")),
    # Our own accessible reference page, made from the OpenAPI document, in place of django-ninja's Swagger UI.
    path("api/v1/docs", api_views.api_reference, name="api-reference"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    # The knowledge hub: editors sign in through our own sign-in page (two-factor included), never Wagtail's.
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("hub/", include("wayfinder.contributions.urls")),
    # The hub's front page, kept so that it costs no query: Wagtail serves it whenever the hub's view does not.
    path("hub/", include("wayfinder.hub.urls")),
    path("hub/", include(wagtail_urls)),
]
