"""The impact pages: figures with their origins, adding what to count, making a report,
editing and downloading it; bounded queries whatever the number of sources."""

import datetime as dt

from django.urls import reverse

from partnerkit.impact import services
from partnerkit.impact.models import MonthlyFigure, Report, Snapshot, Source
from tests.conftest import login


def page(running):
    return reverse("impact:partnership", kwargs={"workspace_slug": "north", "pk": running.pk})


def counted(running, alice, name, value):
    source = services.source_create(partnership=running, by=alice, kind="category", name=name)
    Snapshot.objects.create(source=source, taken_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                            figures={"media_files": {"value": value, "origin": "cim"}})
    MonthlyFigure.objects.create(source=source, month=dt.date(2026, 10, 1), metric="page_views",
                                 value=value * 10, origin="cim")
    return source


def test_the_page_shows_each_figure_with_its_origin(client, alice, running):
    counted(running, alice, "First", 3)
    counted(running, alice, "Second", 4)
    html = login(client, alice).get(page(running)).content.decode()
    assert 'id="total-media_files"' in html and "<strong>7</strong>" in html
    assert "Source: Commons Impact Metrics." in html
    assert "Category:First" in html and "Category:Second" in html
    assert "<svg" in html  # the chart of page views per month
    assert "Oct 2026" in html and "70" in html


def test_the_page_needs_few_queries_whatever_the_number_of_sources(client, alice, running,
                                                                    django_assert_max_num_queries):
    counted(running, alice, "Only", 1)
    login(client, alice)
    with django_assert_max_num_queries(24) as few:
        client.get(page(running))
    for n in range(12):
        counted(running, alice, f"More {n}", n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page(running)).status_code == 200


def test_adding_a_source_names_what_is_wrong(client, carol, running):
    login(client, carol)
    url = reverse("impact:source_create", kwargs={"workspace_slug": "north", "pk": running.pk})
    response = client.post(url, {"source-kind": "items", "source-entries": "Q1\nnonsense"})
    assert response.status_code == 400
    assert "Line 2: nonsense is not a Wikidata item id such as Q42." in response.content.decode()
    assert not Source.objects.exists()
    response = client.post(url, {"source-kind": "category", "source-name": "Images from X",
                                 "source-deep": "on"})
    assert response.status_code == 302
    assert Source.objects.get().name == "Images from X"


def test_a_viewer_reads_but_cannot_add(client, victor, running):
    login(client, victor)
    assert client.get(page(running)).status_code == 200
    url = reverse("impact:source_create", kwargs={"workspace_slug": "north", "pk": running.pk})
    assert client.post(url, {"source-kind": "category", "source-name": "X"}).status_code == 403


def test_a_report_is_made_written_and_downloaded(client, alice, running):
    counted(running, alice, "Files", 5)
    login(client, alice)
    url = reverse("impact:report_create", kwargs={"workspace_slug": "north", "pk": running.pk})
    response = client.post(url, {"report-kind": "partner", "report-period_start": "2026-10-01",
                                 "report-period_end": "2026-10-31"})
    report = Report.objects.get()
    assert response.url == report.get_absolute_url()
    assert report.figures["views_in_period"] == 50
    response = client.post(report.get_absolute_url(), {
        "title": report.title, "period_start": "2026-10-01", "period_end": "2026-10-31",
        "summary": "Fifty readers in October.", "version": report.version,
    })
    assert response.status_code == 302
    download = reverse("impact:report_download",
                       kwargs={"workspace_slug": "north", "pk": report.pk, "fmt": "wikitext"})
    text = client.get(download).content.decode()
    assert "Fifty readers in October." in text
    assert client.get(download.replace("wikitext", "docx")).status_code == 404


def test_a_viewer_may_read_a_report_but_not_change_it(client, alice, victor, running):
    report = services.report_create(partnership=running, by=alice, kind="partner", title="T",
                                    period_start=dt.date(2026, 6, 1),
                                    period_end=dt.date(2026, 6, 30))
    login(client, victor)
    assert client.get(report.get_absolute_url()).status_code == 200
    response = client.post(report.get_absolute_url(), {
        "title": "Changed", "period_start": "2026-06-01", "period_end": "2026-06-30",
        "version": report.version,
    })
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title == "T"
