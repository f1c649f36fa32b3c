"""Reads of the impact app, with a bounded number of queries whatever the amount of data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils import timezone

from partnerkit.impact.models import (
    FileUsage,
    MediaFile,
    MonthlyFigure,
    PageViews,
    RefreshRun,
    Report,
    Snapshot,
    Source,
    origin_label,
)
from partnerkit.method import impact as method
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Workspace


def sources_of(partnership: Partnership) -> list[Source]:
    """The partnership's sources, each with its latest snapshot as ``latest`` (or None)."""
    sources = list(
        Source.objects.filter(partnership=partnership)
        .select_related("activity")
        .prefetch_related(
            Prefetch(
                "snapshots",
                queryset=Snapshot.objects.order_by("-taken_at", "-id"),
                to_attr="_snapshots",
            )
        )
    )
    for source in sources:
        source.latest = source._snapshots[0] if source._snapshots else None
        figures = source.latest.figures if source.latest else {}
        source.figure_rows = [
            {"metric": metric.code, "label": metric.label, "value": figures[metric.code]["value"],
             "origin": figures[metric.code]["origin"]}
            for metric in method.METRICS if metric.code in figures
        ]
        # Older snapshots are for the history view; the page shows the latest only.
        source.previous = source._snapshots[1] if len(source._snapshots) > 1 else None
        del source._snapshots
    return sources


@dataclass
class Total:
    metric: str
    value: int
    origins: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return method.BY_CODE[self.metric].label

    @property
    def definition(self) -> str:
        return method.BY_CODE[self.metric].definition

    @property
    def origin_labels(self) -> list[str]:
        return [origin_label(code) for code in self.origins]


def totals_of(sources: list[Source]) -> list[Total]:
    """The latest figures summed over sources, in the method's order, with their origins.

    Sources of the same kind may overlap (a file in two categories); the sums say "of all
    sources", as each source's own figures are shown next to them.
    """
    sums: dict[str, Total] = {}
    for source in sources:
        latest = getattr(source, "latest", None)
        if latest is None:
            continue
        for metric, figure in latest.figures.items():
            if metric not in method.BY_CODE:
                continue
            total = sums.setdefault(metric, Total(metric, 0))
            total.value += int(figure["value"])
            if figure["origin"] not in total.origins:
                total.origins.append(figure["origin"])
    return [sums[metric.code] for metric in method.METRICS if metric.code in sums]


def monthly_series(
    sources: list[Source], metric: str, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[tuple[dt.date, int, list[str]]]:
    """(month, value summed over the sources, origins) for ``metric``, oldest first."""
    rows = MonthlyFigure.objects.filter(source__in=sources, metric=metric)
    if since:
        rows = rows.filter(month__gte=method.month_of(since))
    if until:
        rows = rows.filter(month__lte=until)
    by_month: dict[dt.date, list] = {}
    for month, value, origin in rows.order_by("month").values_list("month", "value", "origin"):
        entry = by_month.setdefault(month, [0, []])
        entry[0] += value
        if origin not in entry[1]:
            entry[1].append(origin)
    return [(month, value, origins) for month, (value, origins) in sorted(by_month.items())]


def top_files(sources: list[Source], *, limit: int = 10) -> list[dict]:
    """The files shown on the most articles, with that count."""
    rows = (
        MediaFile.objects.filter(source__in=sources, gone_on__isnull=True)
        .annotate(pages=Count("usages"))
        .filter(pages__gt=0)
        .order_by("-pages", "title")
        .values("title", "pages")[: limit * 3]
    )
    seen, found = set(), []
    for row in rows:
        if row["title"] not in seen:
            seen.add(row["title"])
            found.append(row)
    return found[:limit]


def top_pages(sources: list[Source], *, months: list[dt.date], limit: int = 10) -> list[dict]:
    """The articles showing the files (or listed) with the most views over ``months``."""
    files_by_page: dict[tuple[str, str], int] = defaultdict(int)
    for wiki, title in FileUsage.objects.filter(
        file__source__in=sources, file__gone_on__isnull=True
    ).values_list("wiki", "title"):
        files_by_page[(wiki, title)] += 1
    for source in sources:
        if source.kind == "articles":
            for entry in source.entries:
                wiki, _, title = entry.partition("|")
                files_by_page.setdefault((wiki, title), 0)
    if not files_by_page:
        return []
    views: dict[tuple[str, str], int] = defaultdict(int)
    by_project: dict[str, list[str]] = defaultdict(list)
    for wiki, title in files_by_page:
        by_project[method.project_of_wiki(wiki)].append(title)
    if months:
        condition = Q()
        for project, titles in by_project.items():
            condition |= Q(project=project, title__in=titles)
        for project, title, total in (
            PageViews.objects.filter(condition, month__in=months)
            .values_list("project", "title")
            .annotate(total=Sum("views"))
            .values_list("project", "title", "total")
        ):
            views[(project, title)] = total
    rows = [
        {"wiki": wiki, "title": title, "files": files,
         "views": views.get((method.project_of_wiki(wiki), title), 0)}
        for (wiki, title), files in files_by_page.items()
    ]  # fmt: skip
    rows.sort(key=lambda row: (-row["views"], -row["files"], row["wiki"], row["title"]))
    return rows[:limit]


def workspace_monthly_totals(workspace: Workspace, *, months: int = 24) -> list[dict]:
    """Per month, over every source of the workspace: page views and files in use, with
    their origins; for the dashboard's "impact over time". Two queries."""
    since = method.month_of(timezone.localdate())
    for _ in range(months - 1):
        since = method.month_of(since - dt.timedelta(days=1))
    rows = (
        MonthlyFigure.objects.filter(
            source__workspace=workspace, month__gte=since, metric__in=("page_views", "files_used")
        )
        .values_list("month", "metric")
        .annotate(total=Sum("value"))
        .values_list("month", "metric", "total")
    )
    table: dict[dt.date, dict] = {}
    for month, metric, total in rows:
        table.setdefault(month, {"month": month, "page_views": 0, "files_used": 0})[metric] = total
    return [table[month] for month in sorted(table)]


def partnership_runs(partnership: Partnership, *, limit: int = 5) -> list[RefreshRun]:
    ids = list(Source.objects.filter(partnership=partnership).values_list("pk", flat=True))
    if not ids:
        return []
    runs = RefreshRun.objects.filter(workspace_id=partnership.workspace_id).order_by("-created_at")
    # A job is about this partnership when it names one of its sources.
    return [run for run in runs[:50] if set(run.source_ids) & set(ids)][:limit]


def reports_of(partnership: Partnership) -> list[Report]:
    return list(Report.objects.filter(partnership=partnership).select_related("created_by"))


def source_of(workspace: Workspace, pk: int) -> Source:
    source = (
        Source.objects.select_related("partnership__partner", "workspace")
        .filter(workspace=workspace, pk=pk).first()
    )
    if source is None:
        raise Http404
    return source


def report_of(workspace: Workspace, pk: int) -> Report:
    report = (
        Report.objects.select_related("partnership__partner", "workspace")
        .filter(workspace=workspace, pk=pk).first()
    )
    if report is None:
        raise Http404
    return report


def run_of(workspace: Workspace, pk: int) -> RefreshRun:
    run = RefreshRun.objects.filter(workspace=workspace, pk=pk).first()
    if run is None:
        raise Http404
    return run


@dataclass
class Overview:
    """Everything the impact page and the API show for one partnership."""

    sources: list[Source]
    totals: list[Total]
    views: list[tuple[dt.date, int, list[str]]]
    files_used: list[tuple[dt.date, int, list[str]]]
    problems: list[str]


def overview(partnership: Partnership) -> Overview:
    sources = sources_of(partnership)
    since = method.first_month(started_on=partnership.started_on, since=None,
                               today=timezone.localdate())
    problems = [problem for source in sources for problem in source.problems or []]
    return Overview(
        sources=sources,
        totals=totals_of(sources),
        views=monthly_series(sources, "page_views", since=since),
        files_used=monthly_series(sources, "files_used", since=since),
        problems=problems,
    )
