"""Refreshing the impact figures of sources: what is asked of Wikimedia, and what is kept.

For a **media source** (a Commons category, a person's uploads):

1. Commons Impact Metrics first, for a category: the monthly snapshot and the monthly page
   views of the months not counted yet (two requests however big the category). A category
   CIM does not have answers 404; that is remembered for a month and the figures are computed.
2. The listing: ``generator=categorymembers`` (files and subcategories, seven levels down) or
   ``generator=allimages`` (a user's uploads) with ``prop=globalusage`` restricted to articles,
   500 pages and 500 usages per request. Each complete batch is written with the listing's
   position in one transaction, so an interrupted listing resumes after its last batch.
   Files not seen by a complete listing are marked gone (their rows stay, with the day).
3. The current figures, computed from what was listed, as a dated snapshot.
4. Without CIM: page views of every article using the files, one request per article for
   the months still missing. Months once fetched are kept (``PageViews``) and never asked
   for again; the monthly total is the sum over the articles.

For a **list source** (Wikidata items, articles): the pages' current revision in batches of
50 (renames followed), then the revisions since the last count of only the pages that changed;
articles also get their page views like media sources.

Never inside ``transaction.atomic()`` as a whole: the HTTP client must not run in one.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.impact.models import (
    FileUsage,
    MediaFile,
    MonthlyFigure,
    Origin,
    PageViews,
    RefreshRun,
    Snapshot,
    Source,
    SourceKind,
    TrackedPage,
)
from partnerkit.method import impact as method
from partnerkit.wikimedia import cim, commons, pages, pageviews
from partnerkit.wikimedia.errors import NotFound

# After this many days a category CIM did not have is asked about again.
CIM_RECHECK_DAYS = 30
WIKIDATA = "www.wikidata.org"
# Page views rows written per transaction while fetching.
VIEWS_WRITE_BATCH = 200


@dataclass
class Context:
    """What one source's refresh works with."""

    run: RefreshRun
    source: Source
    client: object
    today: dt.date
    now: dt.datetime
    workers: int
    progress: Callable[[str, int, int], None]

    @property
    def first_month(self) -> dt.date:
        return method.first_month(
            started_on=self.source.partnership.started_on, since=self.source.since, today=self.today
        )

    @property
    def last_month(self) -> dt.date:
        return method.last_complete_month(self.today)

    def counted_months(self, metric: str) -> list[dt.date]:
        """Complete months of ``metric`` that still have no figure."""
        first, last = self.first_month, self.last_month
        if last < first:
            return []
        have = set(
            MonthlyFigure.objects.filter(
                source=self.source, metric=metric, complete=True, month__gte=first
            ).values_list("month", flat=True)
        )
        return [month for month in method.months_between(first, last) if month not in have]


def refresh_source(ctx: Context) -> None:
    """Bring one source's figures up to date (resuming its listing from the checkpoint)."""
    problems: list[str] = []
    if ctx.source.is_media:
        figures = _refresh_media(ctx, problems)
    else:
        figures = _refresh_list(ctx, problems)
    with transaction.atomic():
        if figures is not None:
            Snapshot.objects.create(
                source=ctx.source, taken_at=ctx.now, run=ctx.run, figures=figures,
                problems=problems,
            )
            _state_figures(ctx, figures)
        # Months that ended since the last refresh keep the state they ended with.
        MonthlyFigure.objects.filter(
            source=ctx.source, complete=False, month__lt=method.month_of(ctx.today)
        ).update(complete=True)
        Source.objects.filter(pk=ctx.source.pk).update(refreshed_at=ctx.now, problems=problems)
        ctx.source.refreshed_at, ctx.source.problems = ctx.now, problems


def _state_figures(ctx: Context, figures: dict) -> None:
    """The current month's state figures move with every refresh until the month ends."""
    month = method.month_of(ctx.today)
    for metric, figure in figures.items():
        if metric.endswith("_shallow") or method.BY_CODE[metric].monthly_sum:
            continue
        MonthlyFigure.objects.update_or_create(
            source=ctx.source, month=month, metric=metric,
            defaults={"value": figure["value"], "origin": figure["origin"], "complete": False},
        )


# Media sources ----------------------------------------------------------------------------


def _refresh_media(ctx: Context, problems: list[str]) -> dict | None:
    source = ctx.source
    cim_used = source.kind == SourceKind.CATEGORY and _cim_history(ctx)
    exists = _listing(ctx, problems)
    if not exists:
        return None
    active = MediaFile.objects.filter(source=source, gone_on__isnull=True)
    usages: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for file_id, wiki, title in FileUsage.objects.filter(file__in=active).values_list(
        "file_id", "wiki", "title"
    ):
        usages[file_id].add((wiki, title))
    files = [
        method.MediaFile(in_top, frozenset(usages.get(pk, ())))
        for pk, in_top in active.values_list("pk", "in_top")
    ]
    deep = source.deep and source.kind == SourceKind.CATEGORY
    figures = {
        metric: {"value": value, "origin": Origin.COMPUTED}
        for metric, value in method.media_figures(files, deep=deep).items()
    }
    if deep:
        for metric, value in method.media_figures(files, deep=False).items():
            figures[f"{metric}_shallow"] = {"value": value, "origin": Origin.COMPUTED}
    if not files:
        problems.append(_("%(source)s holds no files yet.") % {"source": source})
    if not cim_used:
        leveraging = {pair for pairs in usages.values() for pair in pairs}
        _views_figures(ctx, leveraging)
    views = list(
        MonthlyFigure.objects.filter(source=source, metric="page_views", complete=True)
        .values_list("value", "origin")
    )
    if views:
        figures["page_views"] = {
            "value": sum(value for value, _origin in views),
            "origin": Origin.CIM if cim_used else Origin.COMPUTED,
        }
    return figures


def _cim_history(ctx: Context) -> bool:
    """Fetch the months CIM has that are not counted yet; whether CIM has this category."""
    source = ctx.source
    recheck = ctx.today - dt.timedelta(days=CIM_RECHECK_DAYS)
    if source.cim_available is False and source.cim_checked_on and source.cim_checked_on > recheck:
        return False
    months = ctx.counted_months("page_views")
    if not months:
        return bool(source.cim_available)
    first, last = months[0], method.next_month(months[-1]) - dt.timedelta(days=1)
    try:
        snapshot = cim.category_snapshot(source.name, first, last, client=ctx.client)
        views = cim.category_pageviews(
            source.name, first, last, deep=source.deep, client=ctx.client
        )
    except NotFound:
        Source.objects.filter(pk=source.pk).update(cim_available=False, cim_checked_on=ctx.today)
        source.cim_available, source.cim_checked_on = False, ctx.today
        return False
    suffix = "_deep" if source.deep else ""
    wanted = set(months)
    with transaction.atomic():
        for row in snapshot:
            if row["month"] not in wanted:
                continue
            for metric, name in (
                ("media_files", "media_file_count"), ("files_used", "used_media_file_count"),
                ("wikis", "leveraging_wiki_count"), ("pages", "leveraging_page_count"),
            ):  # fmt: skip
                value = row.get(name + suffix)
                if value is not None:
                    _put_month(source, row["month"], metric, value, Origin.CIM)
        for month in months:
            _put_month(source, month, "page_views", views.get(month, 0), Origin.CIM)
        Source.objects.filter(pk=source.pk).update(cim_available=True, cim_checked_on=ctx.today)
    source.cim_available, source.cim_checked_on = True, ctx.today
    return True


def _put_month(source: Source, month: dt.date, metric: str, value: int, origin: str) -> None:
    MonthlyFigure.objects.update_or_create(
        source=source, month=month, metric=metric,
        defaults={"value": value, "origin": origin, "complete": True},
    )


def _generator(source: Source, category: str) -> dict:
    if source.kind == SourceKind.UPLOADER:
        return {
            "generator": "allimages", "gaiuser": source.name, "gaisort": "timestamp",
            "gailimit": "max",
        }  # fmt: skip
    return {
        "generator": "categorymembers",
        "gcmtitle": commons.category_title(category),
        "gcmtype": "file|subcat" if source.deep else "file",
        "gcmlimit": "max",
    }


def _listing(ctx: Context, problems: list[str]) -> bool:
    """List the files and their usages, batch by batch; False when the category is missing."""
    run, source = ctx.run, ctx.source
    point = run.checkpoint if run.checkpoint.get("source") == source.pk else {}
    if not point:
        point = {"source": source.pk, "queue": [[source.name, 0]], "visited": [source.name],
                 "continue": None, "listed": 0}  # fmt: skip
        _save_checkpoint(run, point)
    while point["queue"]:
        category, depth = point["queue"][0]
        batches = commons.generated_usage(
            _generator(source, category), start=point["continue"], client=ctx.client
        )
        for batch in batches:
            files = [page for page in batch.pages if page.ns != 14]
            subcategories = [page for page in batch.pages if page.ns == 14]
            with transaction.atomic():
                _store_files(ctx, files, in_top=depth == 0)
                for page in subcategories:
                    name = page.title.split(":", 1)[1]
                    if depth + 1 <= method.DEPTH and name not in point["visited"]:
                        point["visited"].append(name)
                        point["queue"].append([name, depth + 1])
                point["continue"] = batch.following
                point["listed"] += len(files)
                _save_checkpoint(run, point)
            ctx.progress(_("listing %(source)s") % {"source": source}, point["listed"], 0)
        nothing_listed = depth == 0 and point["listed"] == 0 and len(point["queue"]) == 1
        if (
            nothing_listed
            and source.kind == SourceKind.CATEGORY
            and commons.category_size(category, client=ctx.client) is None
        ):
            problems.append(
                _("Category:%(name)s does not exist on Wikimedia Commons; check its name.")
                % {"name": category}
            )
            _end_listing(ctx, point)
            return False
        with transaction.atomic():
            point["queue"].pop(0)
            point["continue"] = None
            _save_checkpoint(run, point)
    _end_listing(ctx, point)
    return True


def _end_listing(ctx: Context, point: dict) -> None:
    """Files the complete listing did not see are gone since today; their usages go too."""
    with transaction.atomic():
        gone = MediaFile.objects.filter(source=ctx.source, gone_on__isnull=True).exclude(
            seen_by=ctx.run
        )
        FileUsage.objects.filter(file__in=gone).delete()
        gone.update(gone_on=ctx.today)
        point["queue"] = []
        _save_checkpoint(ctx.run, point)


def _save_checkpoint(run: RefreshRun, point: dict) -> None:
    run.checkpoint = point
    RefreshRun.objects.filter(pk=run.pk).update(checkpoint=point, updated_at=timezone.now())


def _store_files(ctx: Context, listed: list, *, in_top: bool) -> None:
    if not listed:
        return
    known = {
        media.pageid: media
        for media in MediaFile.objects.filter(
            source=ctx.source, pageid__in=[page.pageid for page in listed]
        )
    }
    new, changed = [], []
    for page in listed:
        media = known.get(page.pageid)
        if media is None:
            new.append(MediaFile(
                source=ctx.source, pageid=page.pageid, title=page.title, in_top=in_top,
                seen_by=ctx.run, first_seen_on=ctx.today,
            ))  # fmt: skip
            continue
        media.in_top = (media.in_top or in_top) if media.seen_by_id == ctx.run.pk else in_top
        media.title, media.seen_by, media.gone_on = page.title, ctx.run, None
        changed.append(media)
    MediaFile.objects.bulk_create(new)
    MediaFile.objects.bulk_update(changed, ["title", "in_top", "seen_by", "gone_on"])
    # On PostgreSQL bulk_create sets the ids; elsewhere read them back.
    by_pageid = {
        pageid: pk
        for pk, pageid in MediaFile.objects.filter(
            source=ctx.source, pageid__in=[page.pageid for page in listed]
        ).values_list("pk", "pageid")
    }
    FileUsage.objects.filter(file_id__in=by_pageid.values()).delete()
    FileUsage.objects.bulk_create(
        [
            FileUsage(file_id=by_pageid[page.pageid], wiki=wiki, title=title)
            for page in listed
            for wiki, title in dict.fromkeys(page.usages)
        ],
        ignore_conflicts=True,
    )


# Page views ---------------------------------------------------------------------------------


def _views_figures(ctx: Context, leveraging: Iterable[tuple[str, str]]) -> None:
    """Monthly page views of ``leveraging`` articles for the months not counted yet."""
    months = ctx.counted_months("page_views")
    if not months:
        return
    wanted = {(method.project_of_wiki(wiki), title) for wiki, title in leveraging}
    fetch_views(ctx, wanted, months)
    totals = dict.fromkeys(months, 0)
    for project_titles in _chunks(sorted(wanted), 500):
        for project, title, month, views in _cached(project_titles, months):
            totals[month] += views
    with transaction.atomic():
        for month, value in totals.items():
            _put_month(ctx.source, month, "page_views", value, Origin.COMPUTED)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _cached(project_titles: list[tuple[str, str]], months: list[dt.date]):
    by_project: dict[str, list[str]] = defaultdict(list)
    for project, title in project_titles:
        by_project[project].append(title)
    for project, titles in by_project.items():
        yield from PageViews.objects.filter(
            project=project, title__in=titles, month__in=months
        ).values_list("project", "title", "month", "views")


def fetch_views(ctx: Context, wanted: set[tuple[str, str]], months: list[dt.date]) -> None:
    """Fetch, for each (project, title), the months of ``months`` not kept yet: one request
    per run of consecutive missing months, ``ctx.workers`` at a time."""
    have: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
    for chunk in _chunks(sorted(wanted), 500):
        for project, title, month, _views in _cached(chunk, months):
            have[(project, title)].add(month)
    jobs = []
    for key in sorted(wanted):
        missing = [month for month in months if month not in have[key]]
        for first, last in method.contiguous(missing):
            jobs.append((key[0], key[1], first, last))
    total = len(jobs)
    label = _("page views of %(source)s") % {"source": ctx.source}
    ctx.progress(label, 0, total)
    pending: list[PageViews] = []
    done = 0
    for (project, title, _first, _last), answer in _run_jobs(ctx, jobs):
        pending.extend(
            PageViews(project=project, title=title, month=month, views=views)
            for month, views in answer.items()
        )
        done += 1
        if len(pending) >= VIEWS_WRITE_BATCH or done == total:
            PageViews.objects.bulk_create(pending, ignore_conflicts=True)
            pending = []
            ctx.progress(label, done, total)
    if pending:
        PageViews.objects.bulk_create(pending, ignore_conflicts=True)


def _run_jobs(ctx: Context, jobs: list):
    """(job, answer) for each job; answers arrive in any order. An error stops everything
    and is raised in the caller's thread once the requests in flight are back."""

    def fetch(job):
        project, title, first, last = job
        return pageviews.monthly(project, title, first, last, client=ctx.client)

    if ctx.workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield job, fetch(job)
        return
    todo: queue.Queue = queue.Queue()
    for job in jobs:
        todo.put(job)
    results: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    results.put((job, fetch(job), None))
                except BaseException as error:  # handed to the caller's thread
                    results.put((job, None, error))
                    stop.set()
                    return
        finally:
            connection.close()  # the limiter's connection of this thread

    threads = [
        threading.Thread(target=work, name=f"pageviews-{n}", daemon=True)
        for n in range(min(ctx.workers, len(jobs)))
    ]
    for thread in threads:
        thread.start()
    failure = None
    try:
        for _ in range(len(jobs)):
            while True:
                try:
                    job, answer, error = results.get(timeout=0.5)
                    break
                except queue.Empty:
                    if not any(thread.is_alive() for thread in threads) and results.empty():
                        job = None
                        break
            if job is None:
                break
            if error is not None:
                failure = failure or error
                continue
            if failure is None:
                yield job, answer
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    if failure is not None:
        raise failure


def default_workers() -> int:
    """Requests in flight for page views: the installation's limit, or one inside a
    transaction (other threads could not see its rows) and on an in-memory SQLite database
    (its shared cache refuses concurrent writers instead of making them wait)."""
    if connection.in_atomic_block:
        return 1
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return 1
    return max(1, settings.WIKIMEDIA_MAX_IN_FLIGHT)


# List sources --------------------------------------------------------------------------------


def _entries(source: Source) -> list[tuple[str, str]]:
    """(wiki host, title) of each entry of a list source."""
    if source.kind == SourceKind.ITEMS:
        return [(WIKIDATA, qid) for qid in source.entries]
    found = []
    for entry in source.entries:
        wiki, _, title = str(entry).partition("|")
        found.append((wiki, title))
    return found


def _refresh_list(ctx: Context, problems: list[str]) -> dict:
    source = ctx.source
    entries = _entries(source)
    tracked = {(page.wiki, page.asked): page for page in source.pages.all()}
    with transaction.atomic():
        stale = [page.pk for key, page in tracked.items() if key not in set(entries)]
        TrackedPage.objects.filter(pk__in=stale).delete()
        for wiki, title in entries:
            if (wiki, title) not in tracked:
                tracked[(wiki, title)] = TrackedPage.objects.create(
                    source=source, wiki=wiki, asked=title, title=title
                )
    start = dt.datetime.combine(ctx.first_month, dt.time(), tzinfo=dt.UTC)
    by_wiki: dict[str, list[TrackedPage]] = defaultdict(list)
    for wiki, title in entries:
        by_wiki[wiki].append(tracked[(wiki, title)])
    done = 0
    for wiki, wiki_pages in by_wiki.items():
        infos = pages.page_info(wiki, [page.asked for page in wiki_pages], client=ctx.client)
        for page in wiki_pages:
            info = infos[page.asked]
            changed = info.lastrevid != page.lastrevid or page.counted_through is None
            page.title, page.pageid, page.missing = info.title, info.pageid, info.missing
            if info.missing:
                problems.append(
                    _("%(title)s does not exist on %(wiki)s.") % {"title": page.asked, "wiki": wiki}
                )
            elif changed:
                _count_revisions(ctx, page, start)
            page.lastrevid = info.lastrevid
            page.save()
            done += 1
            ctx.progress(_("revisions of %(source)s") % {"source": source}, done, len(entries))
    existing = [page for page in tracked.values() if not page.missing]
    edits_metric = "item_edits" if source.kind == SourceKind.ITEMS else "article_edits"
    by_month: dict[str, int] = defaultdict(int)
    for page in existing:
        for month, count in page.edits_by_month.items():
            by_month[month] += count
    with transaction.atomic():
        for month in ctx.counted_months(edits_metric):
            _put_month(source, month, edits_metric, by_month.get(f"{month:%Y-%m}", 0),
                       Origin.ACTION_API)
    edits = sum(page.edits for page in existing)

    def figure(value: int) -> dict:
        return {"value": value, "origin": Origin.ACTION_API}

    if source.kind == SourceKind.ITEMS:
        return {
            "items": figure(len(existing)),
            "items_edited": figure(sum(1 for page in existing if page.edits)),
            "item_edits": figure(edits),
        }
    _views_figures(ctx, {(page.wiki, page.title) for page in existing})
    figures = {
        "articles": figure(len(existing)),
        "articles_created": figure(sum(1 for page in existing if page.created_in_period)),
        "articles_improved": figure(
            sum(1 for page in existing if page.edits and not page.created_in_period)
        ),
        "article_edits": figure(edits),
    }
    views = MonthlyFigure.objects.filter(source=source, metric="page_views", complete=True)
    if views.exists():
        figures["page_views"] = {
            "value": sum(views.values_list("value", flat=True)), "origin": Origin.COMPUTED
        }
    return figures


def _count_revisions(ctx: Context, page: TrackedPage, start: dt.datetime) -> None:
    since = start
    if page.counted_through is not None:
        since = max(start, page.counted_through + dt.timedelta(seconds=1))
    revisions = pages.revisions_since(page.wiki, page.title, since, client=ctx.client)
    months = dict(page.edits_by_month)
    for revision in revisions:
        if revision.timestamp < start:
            continue
        key = f"{revision.timestamp:%Y-%m}"
        months[key] = months.get(key, 0) + 1
        page.edits += 1
        if revision.created_page:
            page.created_in_period = True
        page.counted_through = max(page.counted_through or revision.timestamp, revision.timestamp)
    if page.counted_through is None:
        page.counted_through = ctx.now
    page.edits_by_month = months
