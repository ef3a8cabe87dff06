from django.contrib import admin
from django.http import HttpRequest

from wayfinder.certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Site admins can look a certificate up; certificates are issued by the apps, never typed in here."""

    list_display = ["code", "name", "title", "subject", "issued_at"]
    search_fields = ["code", "name", "subject"]
    readonly_fields = ["person", "key", "code", "name", "title", "subject", "detail", "issued_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Certificate | None = None) -> bool:
        return False
