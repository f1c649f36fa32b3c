"""Background tasks of impact statistics. Thin: they call services."""

try:  # Django 6
    from django.tasks import task
except ImportError:  # Django 5.2 with the backport
    from django_tasks import task


@task()
def refresh(*, run_id: int) -> str:
    """Refresh the figures of a job's remaining sources; the job's final status."""
    from partnerkit.impact import services
    from partnerkit.impact.models import RefreshRun

    run = RefreshRun.objects.filter(pk=run_id).first()
    if run is None:  # its workspace was deleted meanwhile
        return "gone"
    return services.refresh_process(run=run).status
