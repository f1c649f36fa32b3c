"""The research endpoints of the API: search, link and unlink, facts and content gap, jobs,
and the study dossier."""

import pytest

from partnerkit.partners import services as partner_services
from partnerkit.research.models import DossierSource, EnrichmentRun, StudyAnswer

BASE = "/workspaces/north"





@pytest.fixture
def archive(north, alice):
    return partner_services.partner_create(
        workspace=north, by=alice, name="Nordic Archive", kind="archive"
    )


def test_search_link_and_read_the_facts(alice_api, archive, nordic_items):
    nordic_items.add_item(
        "Q5000",
        labels={"en": "Nordic Archive"},
        country="Q34",
        website="https://archive.example.org/",
        sitelinks={"svwiki": "Nordiska arkivet"},
    )
    nordic_items.search_results["nordic archive"] = ["Q5000"]
    hits = alice_api.get(f"{BASE}/partners/{archive.pk}/wikidata/search", q="Nordic Archive").json()
    assert hits == [
        {
            "qid": "Q5000",
            "label": "Nordic Archive",
            "description": "",
            "country": "Sweden",
            "website": "https://archive.example.org/",
        }
    ]

    response = alice_api.post(
        f"{BASE}/partners/{archive.pk}/wikidata", {"qid": "wikidata.org/wiki/Q5000"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["qid"] == "Q5000" and body["run"]["status"] == "done"

    facts = alice_api.get(f"{BASE}/partners/{archive.pk}/wikidata").json()
    assert facts["qid"] == "Q5000" and facts["status"] == "ok"
    country = next(fact for fact in facts["facts"] if fact["name"] == "country")
    assert (country["text"], country["property"]) == ("Sweden", "P17")
    assert facts["source"].startswith("Wikidata Q5000, retrieved ")
    gap = facts["content_gap"]
    assert [w["language"] for w in gap["wikipedias"]] == ["sv"]
    assert gap["sentence"].startswith("Has an article in 1 Wikipedia; none in English")

    assert alice_api.delete(f"{BASE}/partners/{archive.pk}/wikidata").status_code == 204
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""


def test_link_errors_name_the_qid_field(alice_api, archive, museum, nordic_items):
    url = f"{BASE}/partners/{archive.pk}/wikidata"
    response = alice_api.post(url, {"qid": "not an id"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["qid"]
    response = alice_api.post(url, {"qid": "Q1439564"})
    assert response.status_code == 400 and "Nordic Museum" in response.json()["errors"]["qid"][0]
    response = alice_api.post(url, {"qid": "Q424242"})
    assert response.status_code == 400 and "no item Q424242" in response.json()["errors"]["qid"][0]
    nordic_items.fail_next("garbled")
    response = alice_api.post(url, {"qid": "Q34"})
    assert response.status_code == 502 and response.json()["detail"].endswith(".")
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""


def test_a_busy_wikidata_answers_503_and_links_nothing(alice_api, archive, nordic_items):
    nordic_items.fail_next(status=429, retry_after=0, times=10)
    response = alice_api.post(f"{BASE}/partners/{archive.pk}/wikidata", {"qid": "Q34"})
    assert response.status_code == 503 and "rate limit" in response.json()["detail"]
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""


def test_refresh_returns_the_job_and_a_failed_job_resumes(alice_api, museum, nordic_items):
    nordic_items.fail_next("garbled")
    response = alice_api.post(f"{BASE}/wikidata/refresh", {"partner_ids": [museum.pk]})
    assert response.status_code == 201
    run = response.json()
    assert (run["status"], run["resumable"], run["total"], run["done"]) == ("failed", True, 1, 0)
    assert run["error"]
    response = alice_api.post(f"{BASE}/wikidata/runs/{run['id']}/resume")
    assert response.status_code == 200 and response.json()["status"] == "done"
    progress = alice_api.get(f"{BASE}/wikidata/runs/{run['id']}").json()
    assert (progress["done"], progress["ok"], progress["resumable"]) == (1, 1, False)
    response = alice_api.post(f"{BASE}/wikidata/runs/{run['id']}/resume")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["run"]
    response = alice_api.post(f"{BASE}/wikidata/refresh", {"scope": "everything"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["scope"]


def test_the_dossier_answers_and_sources(alice_api, museum, nordic_items):
    alice_api.post(f"{BASE}/wikidata/refresh", {"partner_ids": [museum.pk]})
    dossier = alice_api.get(f"{BASE}/partners/{museum.pk}/dossier").json()
    size = next(a for a in dossier["answers"] if a["question"] == "size")
    assert size["text"] == "About 280 employees." and size["prefilled_at"]
    assert dossier["sources"][0]["from_wikidata"] is True

    dossier = alice_api.patch(
        f"{BASE}/partners/{museum.pk}/dossier",
        {"answers": {"size": "Large", "leadership": "A new director"}},
    ).json()
    size = next(a for a in dossier["answers"] if a["question"] == "size")
    assert size["text"] == "Large" and size["prefilled_at"] is None
    response = alice_api.patch(f"{BASE}/partners/{museum.pk}/dossier", {"answers": {"mood": "x"}})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["mood"]

    response = alice_api.post(
        f"{BASE}/partners/{museum.pk}/sources",
        {"kind": "annual_report", "url": "https://example.org/r.pdf", "date": "2025-06-01"},
    )
    assert response.status_code == 201
    source_id = response.json()["id"]
    response = alice_api.patch(
        f"{BASE}/partners/{museum.pk}/sources/{source_id}", {"url": "no address"}
    )
    assert response.status_code == 400 and list(response.json()["errors"]) == ["url"]
    response = alice_api.patch(
        f"{BASE}/partners/{museum.pk}/sources/{source_id}", {"notes": "Read it"}
    )
    assert response.json()["notes"] == "Read it"
    assert alice_api.delete(f"{BASE}/partners/{museum.pk}/sources/{source_id}").status_code == 204
    assert not DossierSource.objects.filter(pk=source_id).exists()


def test_viewers_read_only_and_other_workspaces_get_404(victor_api, bob_api, museum, nordic_items):
    assert victor_api.get(f"{BASE}/partners/{museum.pk}/dossier").status_code == 200
    assert (
        victor_api.patch(
            f"{BASE}/partners/{museum.pk}/dossier", {"answers": {"size": "x"}}
        ).status_code
        == 403
    )
    assert victor_api.post(f"{BASE}/wikidata/refresh", {}).status_code == 403
    assert victor_api.delete(f"{BASE}/partners/{museum.pk}/wikidata").status_code == 403
    assert bob_api.get(f"{BASE}/partners/{museum.pk}/wikidata").status_code == 404
    assert bob_api.get(f"/workspaces/south/partners/{museum.pk}/dossier").status_code == 404
    run = EnrichmentRun.objects.create(workspace=museum.workspace, partner_ids=[museum.pk])
    assert bob_api.get(f"/workspaces/south/wikidata/runs/{run.pk}").status_code == 404
    assert not StudyAnswer.objects.exists()
    museum.refresh_from_db()
    assert museum.wikidata_qid == "Q1439564"
