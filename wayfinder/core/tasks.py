"""Background work every app uses: sending one email."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text email. Safe to run twice: the worst case is a second copy, never a lost one."""
    return send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
