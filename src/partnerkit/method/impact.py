"""The impact figures of a partnership: what each one counts, and how to count it.

The definitions are those of Wikimedia's Commons Impact Metrics (CIM), so that a figure
Partnerkit computes itself from the Action API and the page views agrees with the official
one for the same data:

- **media files**: distinct files in the category; "deep" counts the category and its
  subcategories down to seven levels, each file once;
- **files in use**: those of the files shown on at least one article (a namespace-0 page) of
  any wiki;
- **wikis using them**: distinct wikis with such an article;
- **pages using them**: distinct articles (wiki and title) showing at least one of the files;
- **page views**: per month, the views by people (not crawlers) of the articles showing the
  files, summed over every wiki.

Sources other than a category count what they are about: a person's uploads (the same five
figures), a list of Wikidata items (items, items edited, edits), a list of articles (articles,
created, improved, edits, page views). Every figure carries its origin, so a
report can say where it came from. Plain Python: no Django here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


def N_(text: str) -> str:
    """Marks text for translation; the application translates it when it shows it."""
    return text


# Subcategories further down than this do not count, as in Commons Impact Metrics.
DEPTH = 7


class Origin(StrEnum):
    CIM = "cim"
    COMPUTED = "computed"
    ACTION_API = "action_api"


ORIGIN_LABELS = {
    Origin.CIM: N_("Commons Impact Metrics"),
    Origin.COMPUTED: N_("computed from the Commons API and page views"),
    Origin.ACTION_API: N_("counted from the wiki's revisions"),
}


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    definition: str
    # Summed over months (page views, edits) or a state at the end of the month (files).
    monthly_sum: bool = False


METRICS: tuple[Metric, ...] = (
    Metric("media_files", N_("Media files"), N_(
        "Files in the category and its subcategories (seven levels), each counted once.")),
    Metric("files_used", N_("Files in use"), N_(
        "Files shown on at least one article of any wiki.")),
    Metric("wikis", N_("Wikis using them"), N_(
        "Wikis with at least one article showing one of the files.")),
    Metric("pages", N_("Articles using them"), N_(
        "Articles, on any wiki, showing at least one of the files.")),
    Metric("page_views", N_("Page views"), N_(
        "Views by people, in the month, of the articles showing the files, on every wiki."),
        monthly_sum=True),
    Metric("items", N_("Wikidata items"), N_("Items in the list that exist.")),
    Metric("items_edited", N_("Items edited"), N_(
        "Items of the list edited since the partnership began.")),
    Metric("item_edits", N_("Edits to the items"), N_(
        "Edits to the items of the list since the partnership began."), monthly_sum=True),
    Metric("articles", N_("Articles"), N_("Articles in the list that exist.")),
    Metric("articles_created", N_("Articles created"), N_(
        "Articles of the list created since the partnership began.")),
    Metric("articles_improved", N_("Articles improved"), N_(
        "Articles of the list that existed before and were edited since the partnership began.")),
    Metric("article_edits", N_("Edits to the articles"), N_(
        "Edits to the articles of the list since the partnership began."), monthly_sum=True),
)  # fmt: skip
BY_CODE = {metric.code: metric for metric in METRICS}

MEDIA_METRICS = ("media_files", "files_used", "wikis", "pages", "page_views")
ITEM_METRICS = ("items", "items_edited", "item_edits")
ARTICLE_METRICS = ("articles", "articles_created", "articles_improved", "article_edits", "page_views")


@dataclass(frozen=True)
class MediaFile:
    """A file as listed: whether it sits in the top category itself, and where it is used."""

    in_top: bool
    usages: frozenset[tuple[str, str]]  # (wiki host, article title)


def media_figures(files: Iterable[MediaFile], *, deep: bool = True) -> dict[str, int]:
    """The four state figures of a set of files (each file once), deep or shallow."""
    count = used = 0
    wikis: set[str] = set()
    pages: set[tuple[str, str]] = set()
    for media in files:
        if not deep and not media.in_top:
            continue
        count += 1
        if media.usages:
            used += 1
            pages.update(media.usages)
            wikis.update(wiki for wiki, _ in media.usages)
    return {"media_files": count, "files_used": used, "wikis": len(wikis), "pages": len(pages)}


def project_of_wiki(host: str) -> str:
    """The page views project of a wiki host: "en.wikipedia.org" → "en.wikipedia",
    "www.wikidata.org" → "wikidata"."""
    return host.strip().lower().removeprefix("www.").removesuffix(".org")


# Months -----------------------------------------------------------------------------------------

# Page views of a month are complete about a day after it ends.
VIEWS_SETTLE_DAYS = 2
# How far back the figures go for a partnership without a start date.
DEFAULT_MONTHS_BACK = 12


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of every month from ``first``'s to ``last``'s, both included."""
    months, month = [], month_of(first)
    while month <= month_of(last):
        months.append(month)
        month = next_month(month)
    return months


def last_complete_month(today: dt.date) -> dt.date | None:
    """The latest month whose page views are final on ``today``."""
    month = month_of(today - dt.timedelta(days=VIEWS_SETTLE_DAYS))
    month = month_of(month - dt.timedelta(days=1))
    return month


def first_month(*, started_on: dt.date | None, since: dt.date | None, today: dt.date) -> dt.date:
    """Where a source's monthly figures begin: its own date, else the partnership's start,
    else a year back; never before page views exist (July 2015)."""
    chosen = since or started_on
    if chosen is None:
        back = month_of(today)
        for _ in range(DEFAULT_MONTHS_BACK):
            back = month_of(back - dt.timedelta(days=1))
        chosen = back
    return max(month_of(chosen), dt.date(2015, 7, 1))


def contiguous(months: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Sorted months grouped into runs without gaps: [(first, last), …]."""
    runs: list[tuple[dt.date, dt.date]] = []
    for month in sorted(set(months)):
        if runs and next_month(runs[-1][1]) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def totals(series: Mapping[dt.date, int]) -> int:
    return sum(series.values())
