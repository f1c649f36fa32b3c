"""Reports: figures frozen from the sources, the period, sending closes the follow-up task,
activities' outputs become sources, and the daily schedule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnerkit.followups.models import Event, FollowUp
from partnerkit.impact import reports, services
from partnerkit.impact.models import (
    FileUsage,
    MediaFile,
    MonthlyFigure,
    PageViews,
    RefreshRun,
    Snapshot,
    Source,
)
from partnerkit.partnerships.services import partnership_move

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def counted(running, alice):
    """A category counted by a refresh: three files, two articles, two months of views."""
    source = services.source_create(partnership=running, by=alice, kind="category", name="X")
    run = RefreshRun.objects.create(workspace=running.workspace, source_ids=[source.pk])
    for pageid, title, uses in ((1, "File:A.jpg", [("en.wikipedia.org", "Alpha")]),
                                (2, "File:B.jpg", [("en.wikipedia.org", "Alpha"),
                                                   ("de.wikipedia.org", "Beta")]),
                                (3, "File:C.jpg", [])):
        media = MediaFile.objects.create(source=source, pageid=pageid, title=title,
                                         seen_by=run, first_seen_on=TODAY)
        for wiki, page in uses:
            FileUsage.objects.create(file=media, wiki=wiki, title=page)
    for month, alpha, beta in ((dt.date(2026, 10, 1), 40, 2), (dt.date(2026, 11, 1), 60, 8)):
        PageViews.objects.create(project="en.wikipedia", title="Alpha", month=month, views=alpha)
        PageViews.objects.create(project="de.wikipedia", title="Beta", month=month, views=beta)
        MonthlyFigure.objects.create(source=source, month=month, metric="page_views",
                                     value=alpha + beta, origin="computed")
    Snapshot.objects.create(source=source, taken_at=dt.datetime(2026, 12, 2, tzinfo=dt.UTC),
                            figures={"media_files": {"value": 3, "origin": "computed"},
                                     "files_used": {"value": 2, "origin": "computed"},
                                     "page_views": {"value": 110, "origin": "computed"}})
    return source


def test_a_report_freezes_the_figures_of_its_partnership(running, alice, counted):
    report = services.report_create(
        partnership=running, by=alice, kind="partner", title="Autumn",
        period_start=dt.date(2026, 11, 1), period_end=dt.date(2026, 11, 30),
    )
    figures = report.figures
    assert [(t["metric"], t["value"]) for t in figures["totals"]] == [
        ("media_files", 3), ("files_used", 2), ("page_views", 110)
    ]
    assert figures["totals"][0]["origins"] == ["computed from the Commons API and page views"]
    assert figures["views_by_month"] == [{"month": "2026-10", "views": 42},
                                         {"month": "2026-11", "views": 68}]
    assert figures["views_in_period"] == 68
    assert figures["top_pages"][0] == {"wiki": "en.wikipedia.org", "title": "Alpha", "files": 2,
                                       "views": 60}
    assert figures["top_files"][0] == {"title": "File:B.jpg", "pages": 2}
    assert figures["missing"] == []
    # Later figures do not change a report once it is sent.
    services.report_mark_sent(report=report, by=alice, on=TODAY)
    MonthlyFigure.objects.filter(metric="page_views").update(value=0)
    with pytest.raises(ValidationError, match="keeps the figures"):
        services.report_refresh_figures(report=report, by=alice)
    report.refresh_from_db()
    assert report.figures["views_in_period"] == 68


def test_what_the_figures_do_not_cover_is_said(running, alice):
    services.source_create(partnership=running, by=alice, kind="category", name="Never counted")
    broken = services.source_create(partnership=running, by=alice, kind="category", name="Gone")
    Source.objects.filter(pk=broken.pk).update(problems=["Category:Gone does not exist."])
    figures = reports.build_figures(services.report_create(
        partnership=running, by=alice, kind="community", title="T",
        period_start=dt.date(2026, 6, 1), period_end=dt.date(2026, 6, 30)))
    assert "Category:Never counted has not been counted yet; refresh the figures." in figures["missing"]
    assert "Category:Gone does not exist." in figures["missing"]


def test_a_period_that_ends_before_it_starts_is_refused(running, alice):
    with pytest.raises(ValidationError) as caught:
        services.report_create(partnership=running, by=alice, kind="partner", title="T",
                               period_start=dt.date(2026, 6, 2), period_end=dt.date(2026, 6, 1))
    assert "period_end" in caught.value.message_dict


def test_sending_a_report_closes_the_follow_up_waiting_for_it(running, alice):
    partnership_move(partnership=running, to_stage="agreed", by=alice,
                     override_reason="Test: straight to agreed.")
    # The kick-off done starts the wait for the first report.
    kickoff = FollowUp.objects.get(partnership=running, step__code="kickoff")
    from partnerkit.followups.services import followup_done

    followup_done(task=kickoff, by=alice)
    first = FollowUp.objects.get(partnership=running, step__code="first_report")
    assert first.status == "open"
    report = services.report_create(partnership=running, by=alice, kind="partner", title="T",
                                    period_start=dt.date(2026, 6, 1), period_end=TODAY)
    services.report_mark_sent(report=report, by=alice, on=TODAY)
    first.refresh_from_db()
    assert first.status == "done"
    # Done, as if ticked: the event is recorded once, and the regular report comes next.
    assert Event.objects.filter(partnership=running, kind="report_sent").count() == 1
    assert FollowUp.objects.get(partnership=running, step__code="regular_report").status == "open"
    with pytest.raises(ValidationError, match="sent already"):
        services.report_mark_sent(report=report, by=alice)


def test_an_activitys_outputs_become_sources_once(running, alice):
    from partnerkit.running import services as running_services

    activity = running_services.activity_create(
        partnership=running, by=alice, recipe="photo_drive", starts_on=dt.date(2026, 9, 5))
    running_services.activity_update(
        activity=activity, by=alice, version=activity.version,
        commons_category="Photos from the museum drive 2026", wikidata_items=["Q42"],
        articles=[{"wiki": "en.wikipedia.org", "title": "Museum drive"}],
    )
    sources = Source.objects.filter(activity=activity).order_by("kind")
    assert [(s.kind, s.name, s.entries, s.since) for s in sources] == [
        ("articles", "", ["en.wikipedia.org|Museum drive"], dt.date(2026, 9, 5)),
        ("category", "Photos from the museum drive 2026", [], dt.date(2026, 9, 5)),
        ("items", "", ["Q42"], dt.date(2026, 9, 5)),
    ]
    activity.refresh_from_db()
    running_services.activity_update(activity=activity, by=alice, version=activity.version,
                                     wikidata_items=["Q42", "Q1"])
    assert Source.objects.filter(activity=activity).count() == 3
    assert Source.objects.get(activity=activity, kind="items").entries == ["Q42", "Q1"]


def test_the_daily_refresh_is_queued_once_for_running_partnerships(running, alice, north):
    from partnerkit.impact.services import enqueue_scheduled_refresh

    services.source_create(partnership=running, by=alice, kind="category", name="X")
    now = dt.datetime(2026, 12, 3, 4, tzinfo=dt.UTC)
    assert enqueue_scheduled_refresh(now, enqueue=False) == []  # still an idea: not yet
    partnership_move(partnership=running, to_stage="running", by=alice, override_reason="Test.")
    tomorrow = now + dt.timedelta(days=1)
    runs = enqueue_scheduled_refresh(tomorrow, enqueue=False)
    assert len(runs) == 1 and runs[0].scheduled
    assert enqueue_scheduled_refresh(tomorrow, enqueue=False) == []
