"""Commons Impact Metrics (CIM): precomputed monthly figures for allow-listed Commons categories.

Wikimedia REST API (Analytics Query Service), ``metrics/commons-analytics/``:

- ``category-metrics-snapshot/{category}/{start}/{end}`` — one item per month:
  ``media-file-count``, ``used-media-file-count``, ``leveraging-wiki-count``,
  ``leveraging-page-count``, each also as ``…-deep`` (the category and its subcategories, up to
  7 levels), with ``timestamp`` for the month.
- ``pageviews-per-category-monthly/{category}/{deep|shallow}/{wiki|all-wikis}/{start}/{end}``
  — ``pageview-count`` per month of the pages showing the category's files.

The category is its page title in URL form (underscores, no ``Category:``), one path segment;
dates are ``YYYYMMDD``. Only categories on the CIM allow list (about 1,500 GLAM categories and
their subcategories) have data; any other answers 404 ("…the category you asked for is not
loaded yet"), raised here as ``NotFound``. Definitions, from the dataset's documentation:
"used" files appear on at least one wiki page; leveraging pages are namespace-0 pages showing
at least one file; figures describe the state at the end of each month.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from .errors import BadResponse, NotFound
from .http import Client, default_client

SNAPSHOT_METRICS = (
    "media-file-count",
    "media-file-count-deep",
    "used-media-file-count",
    "used-media-file-count-deep",
    "leveraging-wiki-count",
    "leveraging-wiki-count-deep",
    "leveraging-page-count",
    "leveraging-page-count-deep",
)


def category_segment(category: str) -> str:
    """The category as CIM names it, as one URL path segment: "Foo_bar", no "Category:"."""
    name = category.strip()
    if name.lower().startswith("category:"):
        name = name.split(":", 1)[1].strip()
    if not name:
        raise ValueError("The category name is empty.")
    return quote(name.replace(" ", "_"), safe="")


def category_snapshot(
    category: str, start: dt.date, end: dt.date, *, client: Client | None = None
) -> list[dict]:
    """Monthly figures for ``category``, oldest first.

    Each dict: ``month`` (a date, the first of the month) and the eight metrics with
    underscores (``media_file_count``, ``media_file_count_deep``, ``used_media_file_count``,
    ``used_media_file_count_deep``, ``leveraging_wiki_count``, ``leveraging_wiki_count_deep``,
    ``leveraging_page_count``, ``leveraging_page_count_deep``); a metric the API left out is
    None. NotFound when the category is not on the Commons Impact Metrics allow list.
    """
    items = _items(
        f"metrics/commons-analytics/category-metrics-snapshot/{category_segment(category)}/"
        f"{start:%Y%m%d}/{end:%Y%m%d}",
        category,
        client,
    )
    months = []
    for item in items:
        row: dict = {"month": _month(item)}
        for metric in SNAPSHOT_METRICS:
            row[metric.replace("-", "_")] = _count(item.get(metric), metric)
        months.append(row)
    return sorted(months, key=lambda row: row["month"])


def category_pageviews(
    category: str,
    start: dt.date,
    end: dt.date,
    *,
    deep: bool = True,
    wiki: str = "all-wikis",
    client: Client | None = None,
) -> dict[dt.date, int]:
    """Month (its first day) → views of pages showing the category's files. NotFound as above."""
    scope = "deep" if deep else "shallow"
    items = _items(
        f"metrics/commons-analytics/pageviews-per-category-monthly/{category_segment(category)}/"
        f"{scope}/{quote(wiki, safe='.-')}/{start:%Y%m%d}/{end:%Y%m%d}",
        category,
        client,
    )
    views: dict[dt.date, int] = {}
    for item in items:
        month = _month(item)
        views[month] = views.get(month, 0) + (
            _count(item.get("pageview-count"), "pageview-count") or 0
        )
    return dict(sorted(views.items()))


def _items(path: str, category: str, client: Client | None) -> list[dict]:
    client = client or default_client()
    try:
        answer = client.rest(path)
    except NotFound:
        raise NotFound(
            f"The category {category!r} is not on the Commons Impact Metrics allow list, "
            "or has no figures for these months yet."
        ) from None
    items = answer.get("items")
    if not isinstance(items, list):
        raise BadResponse("Commons Impact Metrics sent an answer without a list of items.")
    return [item for item in items if isinstance(item, dict)]


def _month(item: dict) -> dt.date:
    stamp = str(item.get("timestamp", ""))
    digits = stamp.replace("-", "")[:8]
    try:
        day = dt.datetime.strptime(digits[:6], "%Y%m").date()
    except ValueError:
        raise BadResponse(
            f"Commons Impact Metrics sent a month that is not a date: {stamp!r}."
        ) from None
    return day.replace(day=1)


def _count(value, metric: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadResponse(f"Commons Impact Metrics sent {metric} that is not a number.") from None
