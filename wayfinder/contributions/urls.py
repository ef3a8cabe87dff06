"""URL patterns for sharing with the hub and for feedback on resources (namespace "contributions").

Mounted at hub/ before Wagtail's pages, so these few paths win over a page slug of the same name.
"""

from django.urls import path

from wayfinder.contributions import views as v

app_name = "contributions"

urlpatterns = [
    path("contribute/", v.contribute, name="contribute"),
    path("contribute/resource/", v.contribute_resource, name="resource"),
    path("contribute/case-study/", v.contribute_case_study, name="case-study"),
    path("contribute/yours/", v.my_contributions, name="mine"),
    path("feedback/<int:page_id>/", v.feedback, name="feedback"),
]
