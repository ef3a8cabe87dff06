"""URL patterns for development plans (namespace "plans")."""

from django.urls import path

from wayfinder.plans import views

app_name = "plans"

urlpatterns = [
    path("my-actions/", views.my_actions, name="my-actions"),
    path("networks/<slug:slug>/plans/", views.network_plans, name="network-plans"),
    path("rounds/<int:round_id>/plan/new/", views.plan_start, name="start"),
    path("plans/<int:plan_id>/", views.detail, name="detail"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="edit"),
    path("plans/<int:plan_id>/history/", views.history, name="history"),
    path("plans/<int:plan_id>/plan.pdf", views.plan_pdf, name="pdf"),
    path("plans/<int:plan_id>/plan.docx", views.plan_docx, name="docx"),
    path("plans/<int:plan_id>/priorities/new/", views.priority_add, name="priority-add"),
    path("plans/<int:plan_id>/priorities/<int:priority_id>/edit/", views.priority_edit, name="priority-edit"),
    path("plans/<int:plan_id>/priorities/<int:priority_id>/actions/new/", views.action_add, name="action-add"),
    path("plans/<int:plan_id>/actions/<int:action_id>/edit/", views.action_edit, name="action-edit"),
    path("plans/<int:plan_id>/reviews/new/", views.review_add, name="review-add"),
    path("plans/<int:plan_id>/reviews/<int:review_id>/", views.review_detail, name="review"),
]
