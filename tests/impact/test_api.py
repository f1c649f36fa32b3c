"""Impact through the API: sources, a refresh job against the fake Wikimedia server, the
figures with their origins, reports and their downloads; other workspaces are 404."""

import datetime as dt

from partnerkit.impact.models import Report, Source


def test_a_source_is_added_refreshed_and_its_figures_read(carol_api, victor_api, running,
                                                          fakewiki, settings):
    fakewiki.add_category("Images from the API museum", files=["One.jpg", "Two.jpg"])
    fakewiki.add_usage("One.jpg", "en.wikipedia.org", "Alpha")
    fakewiki.set_monthly_views("en.wikipedia", "Alpha", {dt.date(2026, 7, 1): 10})
    base = f"/workspaces/north/partnerships/{running.pk}"
    created = carol_api.post(base + "/impact/sources",
                             {"kind": "category", "name": "Category:Images_from_the_API_museum"})
    assert created.status_code == 201, created.content
    assert created.json()["name"] == "Images from the API museum"
    assert created.json()["latest"] is None
    assert victor_api.post(base + "/impact/sources", {"kind": "category", "name": "B"}).status_code == 403

    job = carol_api.post(base + "/impact/refresh", {})
    assert job.status_code == 201, job.content
    # Tasks run at once in the tests: the job is done when the answer comes.
    followed = carol_api.get(f"/workspaces/north/impact/runs/{job.json()['id']}").json()
    assert followed["status"] == "done" and followed["requests"] > 0
    impact = victor_api.get(base + "/impact").json()
    totals = {t["metric"]: (t["value"], t["origins"]) for t in impact["totals"]}
    assert totals["media_files"] == (2, ["computed"])
    assert totals["files_used"] == (1, ["computed"])
    assert totals["page_views"][0] == 10
    july = [m for m in impact["page_views_by_month"] if m["month"] == "2026-07"]
    assert july == [{"month": "2026-07", "value": 10, "origins": ["computed"]}]
    source_id = created.json()["id"]
    snapshots = victor_api.get(f"/workspaces/north/impact/sources/{source_id}/snapshots").json()
    assert snapshots["count"] == 1


def test_bad_entries_are_named_by_line(carol_api, running):
    response = carol_api.post(f"/workspaces/north/partnerships/{running.pk}/impact/sources",
                              {"kind": "items", "entries": ["Q1", "Q-nope"]})
    assert response.status_code == 400
    assert response.json()["errors"]["entries"] == [
        "Line 2: Q-nope is not a Wikidata item id such as Q42."
    ]
    assert not Source.objects.exists()


def test_a_report_is_made_edited_downloaded_and_sent(carol_api, running):
    base = f"/workspaces/north/partnerships/{running.pk}"
    made = carol_api.post(base + "/reports", {"kind": "partner", "summary": "A good start."})
    assert made.status_code == 201, made.content
    report = made.json()
    assert report["period_start"] == "2026-06-10" and report["status"] == "draft"
    assert report["title"].startswith("Photographs of everyday life: our impact together")
    assert "No source of figures is set for this partnership yet." in report["figures"]["missing"]
    path = f"/workspaces/north/reports/{report['id']}"
    edited = carol_api.patch(path, {"version": report["version"], "highlights": "One."})
    assert edited.status_code == 200
    conflict = carol_api.patch(path, {"version": report["version"], "highlights": "Two."})
    assert conflict.status_code == 409
    pdf = carol_api.get(path + "/render", format="pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    wikitext = carol_api.get(path + "/render", format="wikitext")
    assert "A good start." in wikitext.content.decode()
    sent = carol_api.post(path + "/sent", {"on": "2026-12-01"})
    assert sent.json()["status"] == "sent" and sent.json()["sent_on"] == "2026-12-01"


def test_another_workspaces_sources_and_reports_are_404(bob_api, alice, running):
    from partnerkit.impact import services

    source = services.source_create(partnership=running, by=alice, kind="category", name="X")
    report = services.report_create(partnership=running, by=alice, kind="partner", title="T",
                                    period_start=dt.date(2026, 6, 1), period_end=dt.date(2026, 7, 1))
    for path in (f"/workspaces/north/impact/sources/{source.pk}",
                 f"/workspaces/north/reports/{report.pk}",
                 f"/workspaces/south/impact/sources/{source.pk}",
                 f"/workspaces/south/reports/{report.pk}/render"):
        assert bob_api.get(path).status_code == 404, path
    assert Report.objects.count() == 1
