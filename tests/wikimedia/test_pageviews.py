"""Daily page views: recorded answers, zero days filled in, titles as one path segment."""

import datetime as dt

import httpx
import pytest

from partnerkit.wikimedia import pageviews
from partnerkit.wikimedia.http import Client

from .conftest import fixture_bytes, fixture_json

BY_ARTICLE = {
    "HIV%2FAIDS": "pageviews_per_article_daily_slash_title.json",
    "Andr%C3%A9_the_Giant": "pageviews_per_article_daily_unicode_title.json",
    "Bernard_%22Bunny%22_Solomon": "pageviews_per_article_daily_with_missing_zero_days.json",
    "Q42": "pageviews_per_article_daily_wikidata_Q42.json",
}


def recorded(request):
    """The recorded answer for the article segment of the raw (still encoded) path."""
    segments = request.url.raw_path.decode("ascii").split("/")
    name = BY_ARTICLE.get(segments[8])
    if name is None:
        return httpx.Response(
            404,
            content=fixture_bytes("pageviews_per_article_404_no_data.json"),
            headers={"Content-Type": "application/problem+json"},
        )
    return httpx.Response(200, content=fixture_bytes(name))


def test_a_slash_in_the_title_is_sent_as_percent_2f(serve):
    client, served = serve(recorded)
    views = pageviews.daily(
        "en.wikipedia", "HIV/AIDS", dt.date(2025, 8, 15), dt.date(2025, 8, 19), client=client
    )
    assert served.requests[0].url.raw_path == (
        b"/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/HIV%2FAIDS/daily/2025081500/2025081900"
    )
    assert views == {
        dt.date(2025, 8, 15): 2097,
        dt.date(2025, 8, 16): 2016,
        dt.date(2025, 8, 17): 2071,
        dt.date(2025, 8, 18): 2255,
        dt.date(2025, 8, 19): 2303,
    }


def test_a_unicode_title_with_spaces(serve):
    client, served = serve(recorded)
    views = pageviews.daily("en.wikipedia.org", "André the Giant", dt.date(2025, 8, 15), dt.date(2025, 8, 19),
                            client=client)  # fmt: skip
    assert b"/user/Andr%C3%A9_the_Giant/daily/" in served.requests[0].url.raw_path
    assert len(views) == 5 and all(count > 0 for count in views.values())


def test_days_without_views_are_filled_with_zero(serve):
    client, _ = serve(recorded)
    start, end = dt.date(2023, 8, 29), dt.date(2023, 10, 17)
    views = pageviews.daily("en.wikipedia", 'Bernard "Bunny" Solomon', start, end, client=client)
    assert len(views) == 50
    assert list(views) == [start + dt.timedelta(days=n) for n in range(50)]
    recorded_days = {
        dt.datetime.strptime(item["timestamp"], "%Y%m%d%H").date(): item["views"]
        for item in fixture_json("pageviews_per_article_daily_with_missing_zero_days.json")["items"]
    }
    assert len(recorded_days) == 40
    left_out = [day for day in views if day not in recorded_days]
    assert len(left_out) == 10 and dt.date(2023, 8, 29) in left_out
    assert all(views[day] == 0 for day in left_out)
    assert all(views[day] == count for day, count in recorded_days.items())
    assert sum(views.values()) == sum(recorded_days.values()) > 0


def test_no_data_is_404_and_means_zero_every_day(serve):
    client, _ = serve(recorded)
    views = pageviews.daily("en.wikipedia", "THIS IS NOT A REAL ARTICLE", dt.date(2025, 8, 15),
                            dt.date(2025, 8, 19), client=client)  # fmt: skip
    assert views == {dt.date(2025, 8, 15) + dt.timedelta(days=n): 0 for n in range(5)}


def test_the_wikidata_project(serve):
    client, served = serve(recorded)
    views = pageviews.daily(
        "wikidata", "Q42", dt.date(2025, 8, 15), dt.date(2025, 8, 19), client=client
    )
    assert b"/per-article/wikidata/all-access/user/Q42/" in served.requests[0].url.raw_path
    assert sum(views.values()) > 0


def test_an_end_before_the_start_is_refused():
    with pytest.raises(ValueError, match="before the start"):
        pageviews.daily(
            "en.wikipedia", "X", dt.date(2025, 1, 2), dt.date(2025, 1, 1), client=Client()
        )


def test_through_the_fake_server(fakewiki):
    fakewiki.add_pageviews(
        "sv.wikipedia", "Nordiska museet", {dt.date(2025, 1, 1): 10, dt.date(2025, 1, 3): 5}
    )
    views = pageviews.daily(
        "sv.wikipedia", "Nordiska museet", dt.date(2025, 1, 1), dt.date(2025, 1, 4), client=Client()
    )
    assert views == {
        dt.date(2025, 1, 1): 10,
        dt.date(2025, 1, 2): 0,
        dt.date(2025, 1, 3): 5,
        dt.date(2025, 1, 4): 0,
    }
    nothing = pageviews.daily(
        "sv.wikipedia", "Okänd", dt.date(2025, 1, 1), dt.date(2025, 1, 2), client=Client()
    )
    assert nothing == {dt.date(2025, 1, 1): 0, dt.date(2025, 1, 2): 0}


@pytest.mark.parametrize(
    ("project", "expected"),
    [("en.wikipedia", "en.wikipedia"), ("https://sv.wikipedia.org/", "sv.wikipedia"),
     ("commons.wikimedia.org", "commons.wikimedia"), ("www.wikidata.org", "wikidata")],
)  # fmt: skip
def test_project_names(project, expected):
    assert pageviews.project_of(project) == expected


def _monthly_answer(request):
    """A monthly answer in the real items format, built from the daily recording of the
    article with missing zero days (its 40 days summed into the months they fall in)."""
    days = fixture_json("pageviews_per_article_daily_with_missing_zero_days.json")["items"]
    months: dict[str, int] = {}
    for item in days:
        key = item["timestamp"][:6] + "0100"
        months[key] = months.get(key, 0) + item["views"]
    template = dict(days[0], granularity="monthly")
    items = [dict(template, timestamp=key, views=views) for key, views in sorted(months.items())]
    return httpx.Response(200, json={"items": items})


def test_monthly_views_are_one_request_for_the_range_with_empty_months_filled(serve):
    client, served = serve(_monthly_answer)
    views = pageviews.monthly(
        "en.wikipedia", 'Bernard "Bunny" Solomon', dt.date(2023, 7, 15), dt.date(2023, 11, 2),
        client=client,
    )
    assert len(served.requests) == 1
    assert served.requests[0].url.raw_path.endswith(
        b"/Bernard_%22Bunny%22_Solomon/monthly/2023070100/2023113000"
    )
    daily = fixture_json("pageviews_per_article_daily_with_missing_zero_days.json")["items"]
    by_month = {}
    for item in daily:
        month = dt.date(int(item["timestamp"][:4]), int(item["timestamp"][4:6]), 1)
        by_month[month] = by_month.get(month, 0) + item["views"]
    assert list(views) == [dt.date(2023, m, 1) for m in (7, 8, 9, 10, 11)]
    assert views[dt.date(2023, 7, 1)] == 0 and views[dt.date(2023, 11, 1)] == 0
    for month, total in by_month.items():
        assert views[month] == total


def test_monthly_views_of_an_article_without_data_are_zero(serve):
    client, _ = serve(recorded)
    views = pageviews.monthly(
        "en.wikipedia", "THIS IS NOT A REAL ARTICLE", dt.date(2025, 1, 1), dt.date(2025, 2, 1),
        client=client,
    )
    assert views == {dt.date(2025, 1, 1): 0, dt.date(2025, 2, 1): 0}


def test_monthly_views_refuse_a_range_that_ends_before_it_starts(serve):
    client, served = serve(recorded)
    with pytest.raises(ValueError, match="before the first"):
        pageviews.monthly("en.wikipedia", "X", dt.date(2025, 3, 1), dt.date(2025, 2, 1), client=client)
    assert served.requests == []
