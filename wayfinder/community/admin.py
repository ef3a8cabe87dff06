"""Editors keep the community's topics in the Django admin."""

from django.contrib import admin

from wayfinder.community.models import ModerationLog, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin[Topic]):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["dimensions", "support_domains"]


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin[ModerationLog]):
    list_display = ["created_at", "action", "moderator", "reason"]
    readonly_fields = ["space", "moderator", "action", "thread", "post", "person", "reason", "created_at"]
