"""Daily page views of one article, from the Wikimedia REST API (Analytics Query Service).

Endpoint: ``GET https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/{project}/
{access}/{agent}/{article}/daily/{start}/{end}`` with ``project`` like ``en.wikipedia`` (or
``wikidata``, ``commons.wikimedia``), ``access`` ``all-access``, ``agent`` ``user`` (people,
not crawlers), dates as ``YYYYMMDD00``, both ends included.

- One article per request: there is no batch form.
- The article title is one URL path segment: spaces become ``_`` and everything else that is
  not safe in a segment is percent-encoded, ``/`` as ``%2F`` (``HIV%2FAIDS``) and non-ASCII as
  UTF-8 (``Andr%C3%A9_the_Giant``).
- Answer: ``{"items": [{"project", "article", "granularity", "timestamp": "2025081500",
  "access", "agent", "views"}]}``. Days with no views are left out, so they are filled in here.
- An article with no data at all in the range answers **404** (``application/problem+json``),
  not an empty list; that means zero views here.
- Data starts on 2015-07-01 and is complete about a day after a day ends.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from .errors import BadResponse, NotFound
from .http import Client, default_client

FIRST_DAY = dt.date(2015, 7, 1)


def project_of(project: str) -> str:
    """``"en.wikipedia"`` for "en.wikipedia", "en.wikipedia.org" or "https://en.wikipedia.org/"."""
    value = project.strip().lower()
    for prefix in ("https://", "http://"):
        value = value.removeprefix(prefix)
    value = value.strip("/").removeprefix("www.")
    return value.removesuffix(".org")


def article_segment(title: str) -> str:
    """The title as one URL path segment: spaces as ``_``, ``/`` as ``%2F``, UTF-8 encoded."""
    return quote(title.strip().replace(" ", "_"), safe="")


def daily(
    project: str,
    title: str,
    start: dt.date,
    end: dt.date,
    *,
    client: Client | None = None,
    agent: str = "user",
    access: str = "all-access",
) -> dict[dt.date, int]:
    """Views per day from ``start`` to ``end`` (both included); every day present, zero-filled."""
    if end < start:
        raise ValueError(f"The end date {end} is before the start date {start}.")
    if not title.strip():
        raise ValueError("The article title is empty.")
    views = {start + dt.timedelta(days=n): 0 for n in range((end - start).days + 1)}
    client = client or default_client()
    path = (
        f"metrics/pageviews/per-article/{quote(project_of(project), safe='.')}/{access}/{agent}/"
        f"{article_segment(title)}/daily/{start:%Y%m%d}00/{end:%Y%m%d}00"
    )
    try:
        answer = client.rest(path)
    except NotFound:
        return views  # no data in the range: the API's way of saying zero
    items = answer.get("items")
    if not isinstance(items, list):
        raise BadResponse("The page views service sent an answer without a list of items.")
    for item in items:
        try:
            day = dt.datetime.strptime(str(item["timestamp"])[:8], "%Y%m%d").date()
            count = int(item["views"])
        except (KeyError, TypeError, ValueError):
            raise BadResponse(
                "The page views service sent a day without a date or a count."
            ) from None
        if day in views:
            views[day] += count
    return views


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    following = (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)


def monthly(
    project: str,
    title: str,
    first: dt.date,
    last: dt.date,
    *,
    client: Client | None = None,
    agent: str = "user",
    access: str = "all-access",
) -> dict[dt.date, int]:
    """Views per month (keyed by each month's first day) from ``first``'s month to ``last``'s,
    every month present, zero-filled: one request with the ``monthly`` granularity."""
    first, last = first.replace(day=1), last.replace(day=1)
    if last < first:
        raise ValueError(f"The last month {last:%Y-%m} is before the first {first:%Y-%m}.")
    if not title.strip():
        raise ValueError("The article title is empty.")
    months = {}
    month = first
    while month <= last:
        months[month] = 0
        month = month_end(month) + dt.timedelta(days=1)
    client = client or default_client()
    path = (
        f"metrics/pageviews/per-article/{quote(project_of(project), safe='.')}/{access}/{agent}/"
        f"{article_segment(title)}/monthly/{first:%Y%m%d}00/{month_end(last):%Y%m%d}00"
    )
    try:
        answer = client.rest(path)
    except NotFound:
        return months
    items = answer.get("items")
    if not isinstance(items, list):
        raise BadResponse("The page views service sent an answer without a list of items.")
    for item in items:
        try:
            month = dt.datetime.strptime(str(item["timestamp"])[:6], "%Y%m").date()
            count = int(item["views"])
        except (KeyError, TypeError, ValueError):
            raise BadResponse(
                "The page views service sent a month without a date or a count."
            ) from None
        if month in months:
            months[month] += count
    return months
