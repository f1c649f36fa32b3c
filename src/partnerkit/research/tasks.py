"""Background tasks of partner research. Thin: they call services."""

try:  # Django 6
    from django.tasks import task
except ImportError:  # Django 5.2 with the backport
    from django_tasks import task


@task()
def enrich(*, run_id: int) -> str:
    """Fetch the facts of an enrichment job's remaining partners; the job's final status."""
    from partnerkit.research import services
    from partnerkit.research.models import EnrichmentRun

    run = EnrichmentRun.objects.filter(pk=run_id).first()
    if run is None:  # its workspace was deleted meanwhile
        return "gone"
    return services.enrichment_process(run=run).status
