"""Django admin for development plans, for site admins looking after application data."""

from django.contrib import admin

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
