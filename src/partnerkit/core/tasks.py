"""Background tasks. Thin: they call services or Django, nothing more.

Runs on Django 6's built-in tasks framework, or on the django-tasks backport on Django 5.2;
`partnerkit worker` processes them from the database.
"""

try:  # Django 6
    from django.tasks import task
except ImportError:  # Django 5.2 with the backport
    from django_tasks import task

from django.core.mail import send_mail


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return send_mail(subject, body, None, to)
