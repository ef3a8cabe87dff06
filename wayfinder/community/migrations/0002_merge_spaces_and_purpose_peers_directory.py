"""Joins the two first migrations of the community: spaces and threads, and purpose, peers and the directory."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("community", "0001_purpose_peers_directory"),
    ]

    operations: list[migrations.operations.base.Operation] = []
