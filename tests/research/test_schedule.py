"""The worker queues the refresh of stale Wikidata facts once a day."""

import datetime

import pytest
from django.utils import timezone

from partnerkit.cli import main
from partnerkit.research.models import EnrichmentRun, PartnerFacts, ScheduledRefresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_the_worker_refreshes_stale_facts_once_a_day(museum, nordic_items):
    old = timezone.now() - datetime.timedelta(days=40)
    PartnerFacts.objects.create(
        partner=museum, qid="Q1439564", retrieved_at=old, labels={"en": "Old"}
    )

    assert main(["worker", "--batch"]) == 0

    assert ScheduledRefresh.objects.get().day == timezone.localdate()
    run = EnrichmentRun.objects.get()
    assert (run.scope, run.status, run.partner_ids) == ("scheduled", "done", [museum.pk])
    facts = PartnerFacts.objects.get(partner=museum)
    assert facts.labels["en"] == "Nordic Museum" and facts.retrieved_at > old

    PartnerFacts.objects.filter(partner=museum).update(retrieved_at=old)
    assert main(["worker", "--batch"]) == 0
    assert EnrichmentRun.objects.count() == 1  # not twice on one day
