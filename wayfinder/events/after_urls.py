"""URL patterns for what happens after an event, included in events.urls (namespace "events")."""

from django.urls import path

from wayfinder.events import after_views as views

urlpatterns = [
    path("<int:event_id>/after/", views.attendee, name="after"),
    path("<int:event_id>/after/survey/", views.survey, name="after_survey"),
    path("<int:event_id>/after/check/", views.check, name="after_check"),
    path("<int:event_id>/after/check/<int:attempt_id>/", views.check_result, name="after_check_result"),
    path("<int:event_id>/after/certificate/", views.certificate, name="after_certificate"),
    path("<int:event_id>/after/manage/", views.manage, name="after_manage"),
    path("<int:event_id>/after/manage/attendance/", views.attendance, name="after_attendance"),
    path("<int:event_id>/after/manage/attendance/import/", views.attendance_import, name="after_attendance_import"),
    path("<int:event_id>/after/manage/recording/", views.recording, name="after_recording"),
    path("<int:event_id>/after/manage/survey/", views.survey_edit, name="after_survey_edit"),
    path("<int:event_id>/after/manage/check/", views.check_edit, name="after_check_edit"),
    path("<int:event_id>/after/manage/report/", views.report, name="after_report"),
    path("<int:event_id>/after/manage/registrants.csv", views.registrants_csv, name="after_registrants_csv"),
    path("<int:event_id>/after/manage/registrants.xlsx", views.registrants_xlsx, name="after_registrants_xlsx"),
]
