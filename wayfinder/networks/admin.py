"""Django admin for the hierarchy and networks, for site admins looking after application data."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from wayfinder.core.changes import changed
from wayfinder.networks import models
from wayfinder.networks.services import hierarchy_changed


class HierarchyAdmin(admin.ModelAdmin):
    """Edits here go round the services, so they say which views they change, where a row was and where it is."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        before = list(self.model._default_manager.filter(pk=obj.pk)) if change else []
        super().save_model(request, obj, form, change)
        hierarchy_changed([*before, obj])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        hierarchy_changed([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        hierarchy_changed(list(queryset))
        super().delete_queryset(request, queryset)


class PeopleInNetworksAdmin(admin.ModelAdmin):
    """Memberships and join requests edited here go round the services too: they say whose networks and home pages
    change, as the row was and as it is."""

    def announce(self, rows: list[Any]) -> None:
        changed(networks=[row.network_id for row in rows], people=[row.user_id for row in rows])

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        before = list(self.model._default_manager.filter(pk=obj.pk)) if change else []
        super().save_model(request, obj, form, change)
        self.announce([*before, obj])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.announce([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self.announce(list(queryset))
        super().delete_queryset(request, queryset)


@admin.register(models.Region)
class RegionAdmin(HierarchyAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(models.System)
class SystemAdmin(HierarchyAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(models.Place)
class PlaceAdmin(HierarchyAdmin):
    list_display = ["name", "code", "system"]
    list_select_related = ["system"]
    search_fields = ["name", "code"]


class OrganisationInline(admin.TabularInline):
    model = models.Organisation
    extra = 0
    fields = ["code", "name", "kind"]


@admin.register(models.Network)
class NetworkAdmin(HierarchyAdmin):
    list_display = ["name", "code", "is_pcn", "network_type", "stage", "privacy", "system"]
    list_filter = ["is_pcn", "network_type", "stage", "privacy", "system__region"]
    list_select_related = ["system"]
    search_fields = ["name", "code", "slug"]
    raw_id_fields = ["system", "place", "created_by"]
    inlines = [OrganisationInline]


@admin.register(models.Organisation)
class OrganisationAdmin(HierarchyAdmin):
    list_display = ["name", "code", "kind", "network"]
    list_filter = ["kind"]
    list_select_related = ["network"]
    search_fields = ["name", "code"]
    raw_id_fields = ["network"]


@admin.register(models.Membership)
class MembershipAdmin(PeopleInNetworksAdmin):
    list_display = ["user", "network", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "network"]
    search_fields = ["user__email", "user__full_name", "network__name"]
    raw_id_fields = ["user", "network"]


@admin.register(models.JoinRequest)
class JoinRequestAdmin(PeopleInNetworksAdmin):
    list_display = ["user", "network", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["user", "network"]
    raw_id_fields = ["user", "network", "decided_by"]


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "network", "role", "expires_at", "accepted_at", "revoked_at"]
    list_select_related = ["network"]
    search_fields = ["email", "network__name"]
    exclude = ["token_hash"]
    raw_id_fields = ["network", "invited_by", "accepted_by"]


@admin.register(models.Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "system", "region"]
    list_filter = ["role"]
    list_select_related = ["user", "system", "region"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "system", "region"]
