"""Base models every app shares, and the background workers that are running."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class BackgroundWorker(models.Model):
    """A `manage.py worker` process. It renews `alive_until` every few seconds, also while a task runs, so other
    workers leave the tasks it has claimed alone. Once `alive_until` has passed it is taken to be gone and the
    tasks it left running are queued again (wayfinder.core.workers)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    alive_until = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id
