"""Lists of Wikidata items and articles: created, improved and edited since the partnership
began, counted from the revisions of only the pages that changed."""

import datetime as dt

from partnerkit.impact import services
from partnerkit.impact.models import MonthlyFigure, Snapshot, TrackedPage

TODAY = dt.date(2026, 12, 3)
EN = "en.wikipedia.org"


def refresh(workspace, by):
    run = services.refresh_start(workspace=workspace, by=by, enqueue=False)
    return services.refresh_process(run=run, today=TODAY)


def figures(source) -> dict:
    return {m: f["value"] for m, f in Snapshot.objects.filter(source=source).first().figures.items()}


def test_articles_created_and_improved_since_the_start(north, alice, running, fakewiki):
    # The partnership began on 10 June 2026; figures count from 1 June.
    fakewiki.add_page(EN, "Old museum", revisions=[
        ("2019-03-01T10:00:00Z", 900, "Early"), ("2026-06-20T10:00:00Z", 1500, "Volunteer"),
        ("2026-07-02T09:00:00Z", 1700, "Volunteer"),
    ])
    fakewiki.add_page(EN, "New exhibition", revisions=[
        ("2026-08-05T10:00:00Z", 3000, "Volunteer"), ("2026-08-06T10:00:00Z", 3200, "Other"),
    ])
    fakewiki.add_page(EN, "Untouched", revisions=[("2020-01-01T00:00:00Z", 500, "Early")])
    fakewiki.set_monthly_views("en.wikipedia", "New exhibition", {dt.date(2026, 9, 1): 321})
    source = services.source_create(partnership=running, by=alice, kind="articles", entries=[
        f"https://{EN}/wiki/Old_museum", f"{EN}|New exhibition", f"{EN}|Untouched",
        f"{EN}|Never written",
    ])
    run = refresh(north, alice)
    assert run.status == "done", run.error
    assert figures(source) == {
        "articles": 3, "articles_created": 1, "articles_improved": 1, "article_edits": 4,
        "page_views": 321,
    }
    source.refresh_from_db()
    assert source.problems == ["Never written does not exist on en.wikipedia.org."]
    edits = dict(MonthlyFigure.objects.filter(source=source, metric="article_edits")
                 .values_list("month", "value"))
    assert edits[dt.date(2026, 6, 1)] == 1 and edits[dt.date(2026, 7, 1)] == 1
    assert edits[dt.date(2026, 8, 1)] == 2 and edits[dt.date(2026, 11, 1)] == 0
    # One request for the four pages' state, one for each page's revisions, one page view
    # request per existing article.
    assert run.requests == 1 + 3 + 3

    # Nothing changed: only the state of the four pages is asked for again.
    second = refresh(north, alice)
    assert second.requests == 1
    assert figures(source)["article_edits"] == 4

    # One article edited and another renamed: only the edited one's new revisions are read.
    fakewiki.edit_page(EN, "Old museum", timestamp="2026-12-02T08:00:00Z", size=1800)
    fakewiki.rename_page(EN, "New exhibition", "New exhibition (2026)")
    third = refresh(north, alice)
    assert figures(source)["article_edits"] == 5 + 1  # the move is a (null) revision too
    renamed = TrackedPage.objects.get(source=source, asked="New exhibition")
    assert renamed.title == "New exhibition (2026)"
    assert third.requests == 1 + 2  # state, then the two changed pages' new revisions


def test_wikidata_items_edited_since_the_start(north, alice, running, fakewiki):
    fakewiki.add_item("Q901", labels={"en": "A painting"})
    fakewiki.add_item("Q902", labels={"en": "Another painting"})
    fakewiki.edit_page("www.wikidata.org", "Q901", timestamp="2026-09-01T12:00:00Z")
    source = services.source_create(partnership=running, by=alice, kind="items",
                                    entries=["Q901", "Q902", "Q999999"])
    run = refresh(north, alice)
    assert run.status == "done", run.error
    assert figures(source) == {"items": 2, "items_edited": 1, "item_edits": 1}
    source.refresh_from_db()
    assert source.problems == ["Q999999 does not exist on www.wikidata.org."]
