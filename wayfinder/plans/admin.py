"""Django admin for development plans, for site admins looking after application data."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from wayfinder.core.changes import changed
from wayfinder.plans import models


class PriorityInline(admin.TabularInline):
    model = models.Priority
    extra = 0
    fields = ["position", "kind", "title", "dimension_key", "support_domain"]


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "starts_on", "ends_on"]
    search_fields = ["title", "network__name"]
    raw_id_fields = ["network", "round", "created_by"]
    inlines = [PriorityInline]

    # Edits here go round the services, so they say which networks' views they change, before and after.
    def save_model(self, request: HttpRequest, obj: models.Plan, form: ModelForm[Any], change: bool) -> None:
        before = models.Plan.objects.filter(pk=obj.pk).values_list("network_id", flat=True) if change else []
        changed(networks=list(before))
        super().save_model(request, obj, form, change)
        changed(networks=[obj.network_id])

    def delete_model(self, request: HttpRequest, obj: models.Plan) -> None:
        changed(networks=[obj.network_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[models.Plan]) -> None:
        changed(networks=queryset.values_list("network_id", flat=True))
        super().delete_queryset(request, queryset)


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "due_on", "status", "reminded_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["priority", "owner", "created_by"]


@admin.register(models.PlanEvent)
class PlanEventAdmin(admin.ModelAdmin):
    list_display = ["at", "plan", "actor", "kind", "summary"]
    list_filter = ["kind"]
    raw_id_fields = ["plan", "actor"]
