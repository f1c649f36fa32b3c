"""Commons Impact Metrics: monthly figures for allow-listed categories; 404 otherwise."""

import datetime as dt

import httpx
import pytest

from partnerkit.wikimedia import cim
from partnerkit.wikimedia.errors import NotFound
from partnerkit.wikimedia.http import Client


def test_monthly_snapshot_through_the_fake_server(fakewiki):
    for month, files in (("2024-02", 120), ("2024-01", 100), ("2023-12", 90)):
        fakewiki.add_cim_month(
            "Category:Nordiska museet", month, media_file_count=files, media_file_count_deep=files * 3,
            used_media_file_count=files // 2, used_media_file_count_deep=files, leveraging_wiki_count=12,
            leveraging_wiki_count_deep=20, leveraging_page_count=40, leveraging_page_count_deep=80,
        )  # fmt: skip
    months = cim.category_snapshot("Category:Nordiska museet", dt.date(2024, 1, 1), dt.date(2024, 2, 1),
                                   client=Client())  # fmt: skip
    assert [row["month"] for row in months] == [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    assert months[0] == {
        "month": dt.date(2024, 1, 1), "media_file_count": 100, "media_file_count_deep": 300,
        "used_media_file_count": 50, "used_media_file_count_deep": 100, "leveraging_wiki_count": 12,
        "leveraging_wiki_count_deep": 20, "leveraging_page_count": 40, "leveraging_page_count_deep": 80,
    }  # fmt: skip
    ((_, _, path, _),) = fakewiki.requests
    assert (
        path
        == "/rest_v1/metrics/commons-analytics/category-metrics-snapshot/Nordiska_museet/20240101/20240201"
    )


def test_a_category_off_the_allow_list_is_not_found(fakewiki):
    with pytest.raises(NotFound) as raised:
        cim.category_snapshot(
            "Some small category", dt.date(2024, 1, 1), dt.date(2024, 3, 1), client=Client()
        )
    assert "not on the Commons Impact Metrics allow list" in str(raised.value)
    assert "'Some small category'" in str(raised.value)
    assert not raised.value.retryable


def test_category_pageviews(fakewiki):
    fakewiki.add_cim_month("Nordiska museet", "2024-01", pageviews=1000, media_file_count=1)
    fakewiki.add_cim_month("Nordiska museet", "2024-02", pageviews=1500, media_file_count=1)
    views = cim.category_pageviews(
        "Nordiska museet", dt.date(2024, 1, 1), dt.date(2024, 2, 29), client=Client()
    )
    assert views == {dt.date(2024, 1, 1): 1000, dt.date(2024, 2, 1): 1500}
    assert fakewiki.requests[0][2] == (
        "/rest_v1/metrics/commons-analytics/pageviews-per-category-monthly/Nordiska_museet/deep/all-wikis/20240101/20240229"
    )


def test_a_category_with_a_slash_is_one_path_segment(serve):
    client, served = serve(lambda r: httpx.Response(200, json={"items": []}))
    assert (
        cim.category_snapshot(
            "AC/DC photos", dt.date(2024, 1, 1), dt.date(2024, 1, 31), client=client
        )
        == []
    )
    assert (
        b"/category-metrics-snapshot/AC%2FDC_photos/20240101/20240131"
        in served.requests[0].url.raw_path
    )


def test_a_metric_left_out_is_none_and_garbage_is_refused(serve):
    from partnerkit.wikimedia.errors import BadResponse

    items = [{"timestamp": "2024010100", "media-file-count": 5}]
    client, _ = serve(lambda r: httpx.Response(200, json={"items": items}))
    (month,) = cim.category_snapshot("X", dt.date(2024, 1, 1), dt.date(2024, 1, 31), client=client)
    assert month["month"] == dt.date(2024, 1, 1) and month["media_file_count"] == 5
    assert month["leveraging_page_count_deep"] is None
    client, _ = serve(lambda r: httpx.Response(200, json={"items": [{"timestamp": "soon"}]}))
    with pytest.raises(BadResponse):
        cim.category_snapshot("X", dt.date(2024, 1, 1), dt.date(2024, 1, 31), client=client)
