"""The research pages issue the same number of queries however many partners, sources,
answers, facts and jobs there are."""

from django.urls import reverse
from django.utils import timezone

from partnerkit.partners.models import Partner
from partnerkit.partnerships.services import partnership_create
from partnerkit.research.models import (
    DossierSource,
    EnrichmentRun,
    PartnerFacts,
    Question,
    StudyAnswer,
)
from tests.conftest import login
from tests.partners.test_query_counts import queries_for


def add_researched_partners(workspace, count, start=0):
    partners = Partner.objects.bulk_create(
        Partner(
            workspace=workspace,
            name=f"Org {start + n:04}",
            kind="museum",
            wikidata_qid=f"Q{100_000 + start + n}",
        )
        for n in range(count)
    )
    PartnerFacts.objects.bulk_create(
        PartnerFacts(
            partner=p,
            qid=p.wikidata_qid,
            retrieved_at=timezone.now(),
            facts={"country": {"value": {"qid": "Q34", "label": "Sweden"}, "property": "P17"}},
            wikipedias={"en": p.name},
            sitelinks={"enwiki": p.name},
        )
        for p in partners
    )
    StudyAnswer.objects.bulk_create(
        StudyAnswer(partner=p, question=q, text="Yes")
        for p in partners
        for q in Question.values[:3]
    )
    DossierSource.objects.bulk_create(
        DossierSource(partner=p, kind=kind, url="https://example.org/")
        for p in partners
        for kind in ("website", "mission")
    )
    EnrichmentRun.objects.bulk_create(
        EnrichmentRun(workspace=workspace, partner_ids=[p.pk for p in partners], status="done")
        for _ in range(3)
    )


def test_the_research_overview_and_jobs_do_not_grow_with_partners(client, alice, north):
    login(client, alice)
    urls = [
        reverse(f"research:{name}", kwargs={"workspace_slug": "north"})
        for name in ("index", "runs")
    ]
    add_researched_partners(north, 5)
    few = [queries_for(client, url) for url in urls]
    add_researched_partners(north, 300, start=5)
    many = [queries_for(client, url) for url in urls]
    assert few == many


def test_a_partners_research_and_detail_pages_do_not_grow_with_its_dossier(client, alice, museum):
    login(client, alice)
    kwargs = {"workspace_slug": "north", "pk": museum.pk}
    urls = [
        reverse("research:partner", kwargs=kwargs),
        reverse("partners:detail", kwargs=kwargs),
        reverse("research:answers", kwargs=kwargs),
    ]
    PartnerFacts.objects.create(partner=museum, qid="Q1439564", retrieved_at=timezone.now())
    partnership_create(workspace=museum.workspace, partner=museum, by=alice, title="First")
    before = [queries_for(client, url) for url in urls]
    for n in range(20):
        DossierSource.objects.create(partner=museum, kind="other", title=f"Source {n}")
        partnership_create(
            workspace=museum.workspace,
            partner=museum,
            by=alice,
            title=f"Idea {n}",
            sketch="A sketch",
            impact=3,
            impact_reason="Because",
        )
    for question in Question.values:
        StudyAnswer.objects.create(partner=museum, question=question, text="An answer")
    PartnerFacts.objects.filter(partner=museum).update(
        wikipedias={f"l{n}": "T" for n in range(50)},
        sitelinks={f"l{n}wiki": "T" for n in range(50)},
    )
    after = [queries_for(client, url) for url in urls]
    assert before == after


def test_a_jobs_page_does_not_grow_with_its_partners(client, alice, north):
    login(client, alice)
    run = EnrichmentRun.objects.create(workspace=north, partner_ids=list(range(1, 3)))
    url = reverse("research:run", kwargs={"workspace_slug": "north", "pk": run.pk})
    few = queries_for(client, url)
    EnrichmentRun.objects.filter(pk=run.pk).update(
        partner_ids=list(range(1, 3000)), done_ids=list(range(1, 2000))
    )
    assert queries_for(client, url) == few
