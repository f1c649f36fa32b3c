"""Fetching a partner's facts from Wikidata in background jobs: facts with their source and
date, labels of the items they point to, merged and deleted items, errors that change
nothing, resuming after an interruption, and the daily refresh of stale facts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerkit.research import services
from partnerkit.research.models import EnrichmentRun, PartnerFacts, ScheduledRefresh
from tests.conftest import login


def refresh(partner, by):
    run = services.enrichment_start(workspace=partner.workspace, by=by, partners=[partner])
    run.refresh_from_db()
    return run


def test_facts_are_stored_with_the_property_they_come_from_and_the_retrieval_time(
    alice, museum, workspace_languages, nordic_items
):
    run = refresh(museum, alice)
    assert run.status == "done" and run.ok_count == 1
    facts = PartnerFacts.objects.get(partner=museum)
    assert facts.qid == "Q1439564" and facts.status == "ok"
    # Only the workspace's languages.
    assert facts.labels == {"en": "Nordic Museum", "sv": "Nordiska museet"}
    assert facts.facts["instance_of"] == {
        "value": [{"qid": "Q33506", "label": "museum"}],
        "property": "P31",
    }
    assert facts.facts["country"] == {"value": {"qid": "Q34", "label": "Sweden"}, "property": "P17"}
    assert facts.facts["place"]["value"]["label"] == "Stockholm"
    assert facts.facts["parent"]["value"]["label"] == "Swedish Ministry of Culture"
    assert facts.facts["employees"] == {"value": 280, "property": "P1128"}
    assert facts.facts["inception"]["value"] == "1873"
    assert facts.facts["website"]["value"] == "https://www.nordiskamuseet.se/"
    assert facts.facts["coordinates"]["value"] == [59.3292, 18.0936]
    assert facts.facts["social"]["value"]["instagram"]["account"] == "nordiskamuseet"
    assert facts.wikipedias == {
        "en": "Nordic Museum",
        "sv": "Nordiska museet",
        "de": "Nordisches Museum",
    }
    assert facts.commons_size == {"files": 1234, "subcategories": 12, "pages": 3, "exists": True}
    assert timezone.now() - facts.retrieved_at < datetime.timedelta(minutes=1)
    # Referenced items are named in one batched request after the item itself.
    assert len(nordic_items.served("/wikidata/", action="wbgetentities", props="labels")) == 1


def test_the_page_shows_each_fact_with_its_source_and_date(client, alice, museum, nordic_items):
    refresh(museum, alice)
    url = reverse("research:partner", kwargs={"workspace_slug": "north", "pk": museum.pk})
    page = login(client, alice).get(url).content.decode()
    today = timezone.localdate()
    from django.utils.formats import date_format

    assert f"Source: Wikidata Q1439564, property P1128, retrieved {date_format(today)}" in page
    assert "property P17" in page and "Sweden" in page
    assert "1,234 files" in page or "1234 files" in page


def test_the_content_gap_lists_wikipedias_with_and_without_an_article(
    client, alice, museum, workspace_languages, nordic_items
):
    refresh(museum, alice)
    url = reverse("research:partner", kwargs={"workspace_slug": "north", "pk": museum.pk})
    response = login(client, alice).get(url)
    gap = response.context["gap"]
    assert [a.language for a in gap.articles] == ["de", "en", "sv"]
    assert gap.articles[1].url == "https://en.wikipedia.org/wiki/Nordic_Museum"
    missing = [code for code, _name in gap.missing]
    assert missing[:3] == [
        "fr",
        "es",
        "ja",
    ]  # workspace languages have articles; then the main ones
    assert "en" not in missing and "sv" not in missing and "de" not in missing
    assert gap.sentence.startswith("Has articles in 3 Wikipedias; none in French, Spanish")
    assert "Its Commons category holds 1,234 files." in gap.sentence
    assert "https://en.wikipedia.org/wiki/Nordic_Museum" in response.content.decode()


def test_a_merged_item_updates_the_partners_link_with_a_history_entry(alice, museum, nordic_items):
    nordic_items.add_item("Q999", labels={"en": "Nordic Museum (new)"}, country="Q34")
    nordic_items.redirect("Q1439564", "Q999")
    run = refresh(museum, alice)
    museum.refresh_from_db()
    assert museum.wikidata_qid == "Q999"
    assert run.redirected_count == 1 and run.status == "done"
    record = museum.history.latest("history_id")
    assert "merged item Q1439564 into Q999" in record.history_change_reason
    facts = PartnerFacts.objects.get(partner=museum)
    assert (facts.status, facts.qid, facts.redirected_from) == ("redirected", "Q999", "Q1439564")


def test_a_deleted_item_is_flagged_not_crashed_on(
    client, alice, museum, stockholm, nordic_items
):
    refresh(museum, alice)
    nordic_items.delete("Q1439564")
    run = services.enrichment_start(workspace=museum.workspace, by=alice, scope="all")
    run.refresh_from_db()
    assert (run.status, run.deleted_count, run.ok_count) == ("done", 1, 1)
    facts = PartnerFacts.objects.get(partner=museum)
    assert facts.status == "deleted"
    assert facts.labels["en"] == "Nordic Museum"  # what we knew stays
    assert PartnerFacts.objects.get(partner=stockholm).status == "ok"
    url = reverse("research:partner", kwargs={"workspace_slug": "north", "pk": museum.pk})
    page = login(client, alice).get(url).content.decode()
    assert "Wikidata item Q1439564 was deleted" in page


def test_a_wikimedia_error_fails_the_job_with_its_sentence_and_changes_nothing(
    alice, museum, nordic_items
):
    refresh(museum, alice)
    before = PartnerFacts.objects.get(partner=museum)
    nordic_items.add_item("Q1439564", labels={"en": "Renamed museum"})
    nordic_items.fail_next("garbled")
    museum_version = museum.version
    run = refresh(museum, alice)
    assert run.status == "failed"
    assert run.error.endswith(".") and len(run.error) > 20
    after = PartnerFacts.objects.get(partner=museum)
    assert after.labels == before.labels and after.retrieved_at == before.retrieved_at
    museum.refresh_from_db()
    assert museum.version == museum_version and museum.wikidata_qid == "Q1439564"
    assert services.enrichment_resumable(run)


def make_linked_partners(workspace, fake, count):
    from partnerkit.partners.models import Partner

    for n in range(count):
        fake.add_item(f"Q{1000 + n}", labels={"en": f"Org {n}"}, country="Q34")
    return Partner.objects.bulk_create(
        Partner(workspace=workspace, name=f"Org {n}", kind="museum", wikidata_qid=f"Q{1000 + n}")
        for n in range(count)
    )


def test_a_resumed_job_fetches_only_what_it_had_not_done(alice, north, nordic_items):
    make_linked_partners(north, nordic_items, 120)

    broken = []

    def break_after_first_batch(run):
        if run.done == 50 and not broken:
            broken.append(run.done)
            nordic_items.fail_next("garbled")

    run = services.enrichment_start(workspace=north, by=alice, scope="all", enqueue=False)
    run = services.enrichment_process(run=run, progress=break_after_first_batch)
    assert run.status == "failed" and run.done == 50
    assert "JSON" in run.error or "answer" in run.error
    asked_before = {
        qid
        for _t, _m, _p, params in nordic_items.served(
            "/wikidata/", action="wbgetentities", props="labels|descriptions|claims|sitelinks"
        )
        for qid in params["ids"].split("|")
    }
    served_before = len(nordic_items.requests)

    run = services.enrichment_resume(run=run, by=alice)
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert run.done == 120 and run.attempts == 2
    resumed = [
        params["ids"].split("|")
        for _t, _m, _p, params in nordic_items.requests[served_before:]
        if params.get("props") == "labels|descriptions|claims|sitelinks"
    ]
    fetched_again = {qid for ids in resumed for qid in ids}
    done_first = {f"Q{1000 + n}" for n in range(50)}
    assert len(fetched_again) == 70 and not (fetched_again & done_first)
    assert done_first <= asked_before


def test_only_failed_interrupted_or_stalled_jobs_can_be_resumed(alice, museum, nordic_items):
    run = refresh(museum, alice)
    with pytest.raises(Exception) as refused:
        services.enrichment_resume(run=run)
    assert "only a failed or interrupted job" in str(refused.value)
    EnrichmentRun.objects.filter(pk=run.pk).update(status="running")
    run.refresh_from_db()
    assert not services.enrichment_resumable(run)
    later = timezone.now() + datetime.timedelta(minutes=EnrichmentRun.STALLED_AFTER_MINUTES + 1)
    assert services.enrichment_resumable(run, now=later)


def test_stale_facts_are_refreshed_once_a_day_by_the_schedule(alice, museum, nordic_items):
    refresh(museum, alice)
    now = timezone.now()
    assert services.enqueue_stale_refresh(now, enqueue=False) == []  # nothing stale yet
    assert services.enqueue_stale_refresh(now + datetime.timedelta(hours=1)) == []  # same day
    later = now + datetime.timedelta(days=31)
    runs = services.enqueue_stale_refresh(later)
    assert len(runs) == 1 and runs[0].partner_ids == [museum.pk] and runs[0].scope == "scheduled"
    runs[0].refresh_from_db()
    assert runs[0].status == "done"
    assert services.enqueue_stale_refresh(later + datetime.timedelta(hours=3)) == []
    assert ScheduledRefresh.objects.count() == 2


def test_refresh_all_stale_from_the_page(client, alice, museum, nordic_items):
    login(client, alice)
    response = client.post(
        reverse("research:run_start", kwargs={"workspace_slug": "north"}),
        {"scope": "stale"},
        follow=True,
    )
    run = EnrichmentRun.objects.get()
    assert run.partner_ids == [museum.pk] and run.status == "done"
    assert (
        "fetched the facts of 1 partners" in response.content.decode()
        or "Job #" in response.content.decode()
    )
    assert services.stale_partners(museum.workspace).count() == 0
