"""Refreshing the figures against the fake Wikimedia server: exact figures on a small
category computed by hand, the same figures through Commons Impact Metrics, incremental and
resumable refreshes, and bad input that loses nothing."""

import datetime as dt

import pytest

from partnerkit.impact import services
from partnerkit.impact.models import FileUsage, MediaFile, MonthlyFigure, PageViews, Snapshot

TODAY = dt.date(2026, 12, 3)
TOP = "Images from Test Museum"
SUB = "Test Museum portraits"
MONTHS = [dt.date(2026, m, 1) for m in range(6, 12)]  # the partnership began on 10 June


@pytest.fixture
def museum_files(fakewiki):
    """Four files in the category, two in its subcategory (one of them also in the top)."""
    fakewiki.category_members[TOP] = [
        "File:A.jpg", "File:B.jpg", "File:C.jpg", "File:D.jpg", f"Category:{SUB}",
    ]
    fakewiki.category_members[SUB] = ["File:E.jpg", "File:A.jpg"]
    fakewiki.global_usage.update({
        "File:A.jpg": [("en.wikipedia.org", "Alpha"), ("de.wikipedia.org", "Alpha")],
        "File:B.jpg": [("en.wikipedia.org", "Alpha")],
        "File:C.jpg": [("fr.wikipedia.org", "Bêta")],
        "File:E.jpg": [("en.wikipedia.org", "Gamma")],
    })
    fakewiki.add_pageviews("en.wikipedia", "Alpha", {
        dt.date(2026, 5, 31): 999,  # before the partnership: not counted
        dt.date(2026, 6, 15): 100, dt.date(2026, 7, 1): 50,
        dt.date(2026, 12, 1): 5000,  # this month: not complete yet
    })
    fakewiki.add_pageviews("de.wikipedia", "Alpha", {dt.date(2026, 7, 20): 7})
    fakewiki.add_pageviews("en.wikipedia", "Gamma", {dt.date(2026, 11, 30): 1000})
    return fakewiki


def refresh(workspace, by, sources=None):
    run = services.refresh_start(workspace=workspace, by=by, sources=sources, enqueue=False)
    return services.refresh_process(run=run, today=TODAY)


def figures(source) -> dict:
    latest = Snapshot.objects.filter(source=source).first()
    return {metric: figure["value"] for metric, figure in latest.figures.items()}


def views_by_month(source) -> dict:
    return dict(MonthlyFigure.objects.filter(source=source, metric="page_views")
                .values_list("month", "value"))


def test_the_figures_of_a_small_category_are_those_counted_by_hand(north, alice, running,
                                                                      museum_files):
    source = services.source_create(partnership=running, by=alice, kind="category", name=TOP)
    run = refresh(north, alice)
    assert run.status == "done", run.error
    assert figures(source) == {
        # A, B, C, D and E (A only once though it is in both categories)
        "media_files": 5, "files_used": 4, "wikis": 3, "pages": 4,
        "media_files_shallow": 4, "files_used_shallow": 3, "wikis_shallow": 3, "pages_shallow": 3,
        "page_views": 100 + 57 + 1000,
    }
    assert views_by_month(source) == dict(zip(MONTHS, [100, 57, 0, 0, 0, 1000], strict=True))
    latest = Snapshot.objects.get(source=source)
    assert {figure["origin"] for figure in latest.figures.values()} == {"computed"}
    # One 404 from Commons Impact Metrics, one listing per category, one request per article.
    assert run.requests == 1 + 2 + 4
    assert len(museum_files.served("/rest_v1/metrics/pageviews/")) == 4


def test_commons_impact_metrics_and_the_computed_path_agree_on_the_same_data(
    north, alice, running, museum_files
):
    computed = services.source_create(partnership=running, by=alice, kind="category", name=TOP)
    refresh(north, alice)
    # The same category, now on the allow list: the fake computes CIM from the same files.
    MonthlyFigure.objects.all().delete()
    museum_files.cim_allow.add(TOP.replace(" ", "_"))
    computed.cim_available, computed.cim_checked_on = None, None
    computed.save()
    before = len(museum_files.requests)
    run = refresh(north, alice)
    via_cim = Snapshot.objects.filter(source=computed).first()
    assert via_cim.figures["page_views"]["origin"] == "cim"
    assert figures(computed)["page_views"] == 1157
    assert views_by_month(computed) == dict(zip(MONTHS, [100, 57, 0, 0, 0, 1000], strict=True))
    cim_states = dict(MonthlyFigure.objects.filter(source=computed, metric="pages", origin="cim")
                      .values_list("month", "value"))
    assert set(cim_states.values()) == {4}
    # CIM answered both questions in two requests; no page view was asked for.
    assert len(museum_files.requests) - before == run.requests == 2 + 2


def test_a_second_refresh_without_changes_asks_only_for_the_listing(north, alice, running,
                                                                      museum_files):
    source = services.source_create(partnership=running, by=alice, kind="category", name=TOP)
    first = refresh(north, alice)
    second = refresh(north, alice)
    assert second.requests == 2  # the two listings; no page views, no CIM question again
    assert second.requests <= 0.3 * first.requests
    assert Snapshot.objects.filter(source=source).count() == 2
    assert figures(source)["page_views"] == 1157


def test_a_deleted_file_and_a_renamed_article_between_two_refreshes(north, alice, running,
                                                                      museum_files):
    source = services.source_create(partnership=running, by=alice, kind="category", name=TOP)
    refresh(north, alice)
    first = Snapshot.objects.get(source=source)
    museum_files.category_members[SUB] = ["File:A.jpg"]  # E was deleted
    museum_files.global_usage.pop("File:E.jpg")
    museum_files.global_usage["File:C.jpg"] = [("fr.wikipedia.org", "Bêta (ville)")]
    refresh(north, alice)
    assert figures(source)["media_files"] == 4 and figures(source)["pages"] == 3
    gone = MediaFile.objects.get(source=source, title="File:E.jpg")
    assert gone.gone_on == TODAY and not gone.usages.exists()
    # The earlier snapshot and the months already counted stay as they were.
    first.refresh_from_db()
    assert first.figures["media_files"]["value"] == 5
    assert views_by_month(source)[dt.date(2026, 11, 1)] == 1000
    assert FileUsage.objects.filter(title="Bêta (ville)").exists()


def test_a_category_that_does_not_exist_is_reported_and_keeps_earlier_figures(
    north, alice, running, museum_files
):
    missing = services.source_create(partnership=running, by=alice, kind="category",
                                     name="Images from Nowhere")
    run = refresh(north, alice)
    assert run.status == "done"
    missing.refresh_from_db()
    assert missing.problems == [
        "Category:Images from Nowhere does not exist on Wikimedia Commons; check its name."
    ]
    assert not Snapshot.objects.filter(source=missing).exists()


def test_an_empty_category_counts_zero_and_says_so(north, alice, running, fakewiki):
    fakewiki.categories["Empty for now"] = (0, 0, 0)
    fakewiki.category_members["Empty for now"] = []
    source = services.source_create(partnership=running, by=alice, kind="category",
                                    name="Empty for now")
    refresh(north, alice)
    source.refresh_from_db()
    assert figures(source)["media_files"] == 0
    assert source.problems == ["Category:Empty for now holds no files yet."]


def test_an_outage_fails_the_job_keeps_what_was_collected_and_resume_goes_on(
    north, alice, running, museum_files, settings
):
    source = services.source_create(partnership=running, by=alice, kind="category", name=TOP)
    # Known not to be in Commons Impact Metrics, so the first REST request is a page view.
    source.cim_available, source.cim_checked_on = False, TODAY
    source.save()
    museum_files.fail_next(503, retry_after=0, times=5, api="rest")
    run = refresh(north, alice)
    assert run.status == "failed"
    assert "not answering" in run.error
    # The listing was saved; the outage hit the page views.
    assert MediaFile.objects.filter(source=source).count() == 5
    assert not PageViews.objects.exists()
    before = len(museum_files.requests)
    run = services.refresh_resume(run=run, enqueue=False)
    run = services.refresh_process(run=run, today=TODAY)
    assert run.status == "done"
    assert figures(source)["page_views"] == 1157
    # Resumed after the listing: only the four articles' page views were asked for.
    assert len(museum_files.requests) - before == 4
    assert run.attempts == 2
