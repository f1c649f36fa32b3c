"""Writes of the impact app: sources, refresh jobs (queued, processed, resumed, scheduled) and
reports. Every write that a person makes goes through here, from the pages, the API and the
command line alike."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.core.records import apply_and_save, clean_values, lock_for_edit
from partnerkit.followups import services as followup_services
from partnerkit.followups.models import Anchor
from partnerkit.impact import collect
from partnerkit.impact.models import (
    RefreshRun,
    Report,
    ReportKind,
    ReportStatus,
    RunStatus,
    ScheduledStatsRefresh,
    Source,
    SourceKind,
)
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partnerships.models import Partnership
from partnerkit.wikimedia import http
from partnerkit.wikimedia.errors import WikimediaError
from partnerkit.workspaces.models import Workspace

SOURCE_FIELDS = ("kind", "name", "deep", "entries", "since")
# Entries a list source may hold: one request per 50 for their state, one per changed page.
MOST_ENTRIES = 5000
# A source refreshed more recently than this is left out of the scheduled refresh.
SCHEDULE_AFTER_HOURS = 20


# Sources -------------------------------------------------------------------------------------


def _clean_name(kind: str, name: str) -> str:
    name = (name or "").strip().replace("_", " ")
    prefixes = {SourceKind.CATEGORY: ("category:",), SourceKind.UPLOADER: ("user:",)}
    for prefix in prefixes.get(kind, ()):
        if name.lower().startswith(prefix):
            name = name.split(":", 1)[1].strip()
    return name[:1].upper() + name[1:]


def _clean_entries(kind: str, entries) -> tuple[list[str], list[str]]:
    """The entries normalised, and the errors naming the line at fault."""
    if isinstance(entries, str):
        entries = entries.splitlines()
    cleaned, errors = [], []
    for number, raw in enumerate(entries or [], start=1):
        text = str(raw).strip()
        if not text:
            continue
        if kind == SourceKind.ITEMS:
            qid = normalise_qid(text)
            if qid is None:
                errors.append(
                    _("Line %(n)d: %(text)s is not a Wikidata item id such as Q42.")
                    % {"n": number, "text": text}
                )
                continue
            cleaned.append(qid)
        else:
            entry = _article_entry(text)
            if entry is None:
                errors.append(
                    _("Line %(n)d: %(text)s is not an article; write its address, such as "
                      "https://en.wikipedia.org/wiki/Title, or en.wikipedia.org|Title.")
                    % {"n": number, "text": text}
                )
                continue
            cleaned.append(entry)
    cleaned = list(dict.fromkeys(cleaned))
    if len(cleaned) > MOST_ENTRIES:
        errors.append(
            _("A list may hold at most %(n)d entries; split it into several sources.")
            % {"n": MOST_ENTRIES}
        )
    return cleaned, errors


_ARTICLE_URL = re.compile(r"^https?://([a-z0-9.-]+\.org)/wiki/(.+)$")


def _article_entry(text: str) -> str | None:
    """ "en.wikipedia.org|Title" from an article's address or that form itself."""
    from urllib.parse import unquote

    match = _ARTICLE_URL.match(text)
    if match:
        wiki, title = match.group(1), unquote(match.group(2).split("#", 1)[0])
    elif "|" in text:
        wiki, _, title = text.partition("|")
    else:
        return None
    wiki, title = wiki.strip().lower(), title.strip().replace("_", " ")
    if not http.is_wiki_host(wiki) or not title:
        return None
    return f"{wiki}|{title[:1].upper()}{title[1:]}"


def source_create(*, partnership: Partnership, by, activity=None, **values) -> Source:
    values = clean_values(Source, SOURCE_FIELDS, values)
    source = Source(workspace_id=partnership.workspace_id, partnership=partnership, created_by=by)
    if activity is not None:
        source.activity = activity
    with transaction.atomic():
        return _save_source(source, values, by=by, created=True)


def source_update(*, source: Source, by, version: int | None, **values) -> Source:
    values = clean_values(Source, SOURCE_FIELDS, values)
    values.pop("kind", None)  # a source keeps its kind; make another for another kind
    with transaction.atomic():
        locked = lock_for_edit(source, expected_version=version, fields=SOURCE_FIELDS)
        return _save_source(locked, values, by=by)


def _save_source(source: Source, values: dict, *, by, created: bool = False) -> Source:
    kind = values.get("kind", source.kind)
    errors: dict[str, list[str]] = {}
    if "name" in values:
        values["name"] = _clean_name(kind, values["name"])
    if "entries" in values:
        values["entries"], problems = _clean_entries(kind, values["entries"])
        if problems:
            errors["entries"] = problems
    merged = {**{name: getattr(source, name) for name in SOURCE_FIELDS}, **values}
    if merged["kind"] in (SourceKind.CATEGORY, SourceKind.UPLOADER):
        if not merged["name"]:
            errors.setdefault("name", []).append(
                _("Give the category's name.") if kind == SourceKind.CATEGORY
                else _("Give the Commons user name.")
            )
        merged_entries = []
        values["entries"] = merged_entries
    elif merged["kind"] in (SourceKind.ITEMS, SourceKind.ARTICLES):
        values["name"] = ""
        if not merged["entries"] and "entries" not in errors:
            errors.setdefault("entries", []).append(_("Give at least one entry, one per line."))
    if merged["kind"] == SourceKind.CATEGORY and merged["name"]:
        duplicate = Source.objects.filter(
            partnership_id=source.partnership_id, kind=SourceKind.CATEGORY, name=merged["name"]
        ).exclude(pk=source.pk)
        if duplicate.exists():
            errors.setdefault("name", []).append(
                _("Category:%(name)s already counts for this partnership.")
                % {"name": merged["name"]}
            )
    if merged["kind"] != SourceKind.CATEGORY:
        values["deep"] = False
    saved = apply_and_save(source, values, by=by, created=created, errors=errors,
                           exclude_from_validation=["activity"])
    return saved


def source_delete(*, source: Source, by) -> None:
    """Remove a source and what was counted from it; reports keep the figures they show."""
    source.delete()


def sources_from_activity(*, activity, by) -> list[Source]:
    """Turn an activity's outputs into sources of its partnership (each only once)."""
    made = []
    partnership = activity.partnership
    if activity.commons_category:
        name = _clean_name(SourceKind.CATEGORY, activity.commons_category)
        exists = Source.objects.filter(
            partnership=partnership, kind=SourceKind.CATEGORY, name=name
        ).exists()
        if not exists:
            made.append(
                source_create(partnership=partnership, by=by, activity=activity,
                              kind=SourceKind.CATEGORY, name=name, since=activity.starts_on)
            )
    for kind, entries in (
        (SourceKind.ITEMS, activity.wikidata_items or []),
        (SourceKind.ARTICLES, [_activity_article(entry) for entry in activity.articles or []]),
    ):
        entries = [entry for entry in entries if entry]
        if not entries:
            continue
        source = Source.objects.filter(activity=activity, kind=kind).first()
        if source is None:
            made.append(source_create(partnership=partnership, by=by, activity=activity,
                                      kind=kind, entries=entries, since=activity.starts_on))
        elif set(source.entries) != set(_clean_entries(kind, entries)[0]):
            source_update(source=source, by=by, version=None, entries=entries)
    return made


def _activity_article(entry) -> str:
    """An activity's article as a source entry: {"wiki", "title"} or "wiki|title"."""
    if isinstance(entry, dict):
        return f"{entry.get('wiki', '')}|{entry.get('title', '')}"
    return str(entry)


def on_activity_outputs_changed(*, activity, by) -> None:
    sources_from_activity(activity=activity, by=by)


# Refreshing ------------------------------------------------------------------------------------


def refresh_start(
    *,
    workspace: Workspace,
    by,
    sources: Iterable[Source] | None = None,
    scheduled: bool = False,
    enqueue: bool = True,
) -> RefreshRun:
    """A job for the sources given (all of the workspace's when None), queued unless told."""
    if sources is None:
        ids = list(Source.objects.filter(workspace=workspace).order_by("pk").values_list("pk", flat=True))
    else:
        sources = list(sources)
        foreign = [source for source in sources if source.workspace_id != workspace.pk]
        if foreign:
            raise ValidationError(
                {"source_ids": _("Source #%(pk)d is not in this workspace.") % {"pk": foreign[0].pk}}
            )
        ids = sorted({source.pk for source in sources})
    if not ids:
        raise ValidationError(
            {"source_ids": _("There is nothing to refresh: add a source of figures first.")}
        )
    run = RefreshRun.objects.create(
        workspace=workspace, requested_by=by, source_ids=ids, scheduled=scheduled
    )
    if enqueue:
        _enqueue(run)
    return run


def _enqueue(run: RefreshRun) -> None:
    from partnerkit.impact.tasks import refresh

    refresh.enqueue(run_id=run.pk)


def refresh_resumable(run: RefreshRun, *, now: dt.datetime | None = None) -> bool:
    if run.status in (RunStatus.FAILED, RunStatus.INTERRUPTED):
        return True
    if run.status == RunStatus.RUNNING:
        now = now or timezone.now()
        return run.updated_at < now - dt.timedelta(minutes=run.STALLED_AFTER_MINUTES)
    return False


def refresh_resume(*, run: RefreshRun, enqueue: bool = True) -> RefreshRun:
    """Queue a job again; it goes on where it stopped (the source and its listing's batch)."""
    with transaction.atomic():
        locked = RefreshRun.objects.select_for_update().get(pk=run.pk)
        if not refresh_resumable(locked):
            raise ValidationError(
                {"run": _("Job #%(pk)d is %(status)s; only a failed or interrupted job can be "
                          "resumed.") % {"pk": locked.pk,
                                         "status": locked.get_status_display().lower()}}
            )
        locked.status, locked.error = RunStatus.QUEUED, ""
        locked.save(update_fields=["status", "error", "updated_at"])
    if enqueue:
        _enqueue(locked)
    return locked


def refresh_process(
    *,
    run: RefreshRun,
    client=None,
    progress: Callable[[RefreshRun, str, int, int], None] | None = None,
    today: dt.date | None = None,
    workers: int | None = None,
) -> RefreshRun:
    """Refresh the job's remaining sources one after the other, saving after each.

    A Wikimedia error (an outage, a rate limit that lasts) stops the job as failed with its
    sentence: what was collected stays, and resuming goes on from the last saved batch. Any
    other exception marks it interrupted and is raised again for the worker's log.
    """
    run = RefreshRun.objects.select_related("workspace").get(pk=run.pk)
    if run.status == RunStatus.DONE:
        return run
    client = client or http.default_client()
    today = today or timezone.localdate()
    workers = workers or collect.default_workers()
    sent_before, base = client.requests_sent, run.requests
    run.status, run.error = RunStatus.RUNNING, ""
    run.attempts += 1
    run.started_at = run.started_at or timezone.now()
    run.save()

    def counted() -> int:
        return base + client.requests_sent - sent_before

    def report(label: str, done: int, total: int) -> None:
        if progress:
            run.requests = counted()
            progress(run, label, done, total)

    sources = {
        source.pk: source
        for source in Source.objects.filter(workspace=run.workspace, pk__in=run.remaining_ids)
        .select_related("partnership", "workspace")
    }
    try:
        for pk in run.remaining_ids:
            source = sources.get(pk)
            if source is not None:
                collect.refresh_source(collect.Context(
                    run=run, source=source, client=client, today=today, now=timezone.now(),
                    workers=workers, progress=report,
                ))  # fmt: skip
            run.done_ids = run.done_ids + [pk]
            run.checkpoint = {}
            run.requests = counted()
            run.save(update_fields=["done_ids", "checkpoint", "requests", "updated_at"])
    except WikimediaError as error:
        run.status, run.error = RunStatus.FAILED, str(error)
    except BaseException as error:
        run.status = RunStatus.INTERRUPTED
        run.error = _("The refresh stopped unexpectedly (%(error)s); resume it to go on.") % {
            "error": type(error).__name__
        }
        _close(run, counted())
        raise
    else:
        run.status = RunStatus.DONE
    _close(run, counted())
    return run


def _close(run: RefreshRun, requests: int) -> None:
    run.requests = requests
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "requests", "finished_at", "updated_at"])


def enqueue_scheduled_refresh(
    now: dt.datetime | None = None, *, enqueue: bool = True
) -> list[RefreshRun]:
    """Once a day for the whole installation: a job per workspace for the sources not
    refreshed in the last hours. The day's row is unique, so concurrent workers agree."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            marker = ScheduledStatsRefresh.objects.create(day=timezone.localdate(now))
    except IntegrityError:
        return []
    due = Source.objects.filter(
        partnership__stage__in=("agreed", "running", "completed")
    ).exclude(refreshed_at__gt=now - dt.timedelta(hours=SCHEDULE_AFTER_HOURS))
    by_workspace: dict[int, list[Source]] = {}
    for source in due.select_related("workspace").order_by("pk"):
        by_workspace.setdefault(source.workspace_id, []).append(source)
    runs = [
        refresh_start(workspace=group[0].workspace, by=None, sources=group, scheduled=True,
                      enqueue=enqueue)
        for group in by_workspace.values()
    ]
    marker.runs = len(runs)
    marker.save(update_fields=["runs"])
    return runs


# Reports ----------------------------------------------------------------------------------------

REPORT_FIELDS = ("kind", "title", "period_start", "period_end", "summary", "highlights",
                 "next_steps", "thanks")  # fmt: skip


def report_create(*, partnership: Partnership, by, **values) -> Report:
    from partnerkit.impact.reports import build_figures

    values = clean_values(Report, REPORT_FIELDS, values)
    report = Report(workspace_id=partnership.workspace_id, partnership=partnership, created_by=by)
    with transaction.atomic():
        report = apply_and_save(report, values, by=by, created=True,
                                errors=_period_errors(values))
        report.figures = build_figures(report)
        report.save(update_fields=["figures"])
    return report


def report_update(*, report: Report, by, version: int | None, **values) -> Report:
    from partnerkit.impact.reports import build_figures

    values = clean_values(Report, REPORT_FIELDS, values)
    values.pop("kind", None)
    with transaction.atomic():
        locked = lock_for_edit(report, expected_version=version, fields=REPORT_FIELDS)
        merged = {
            "period_start": values.get("period_start", locked.period_start),
            "period_end": values.get("period_end", locked.period_end),
        }
        locked = apply_and_save(locked, values, by=by, errors=_period_errors(merged))
        if locked.status == ReportStatus.DRAFT:
            locked.figures = build_figures(locked)
            locked.save(update_fields=["figures"])
    return locked


def report_refresh_figures(*, report: Report, by) -> Report:
    """Take the latest figures into a draft; a sent report keeps what it said."""
    from partnerkit.impact.reports import build_figures

    with transaction.atomic():
        locked = lock_for_edit(report, expected_version=None, fields=())
        if locked.status != ReportStatus.DRAFT:
            raise ValidationError({"status": _("A sent report keeps the figures it was sent with.")})
        locked.figures = build_figures(locked)
        locked.save(update_fields=["figures", "updated_at"])
    return locked


def _period_errors(values: dict) -> dict:
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and start > end:
        return {"period_end": [_("The end of the period is before its start.")]}
    return {}


def report_mark_sent(*, report: Report, by, on: dt.date | None = None) -> Report:
    """Mark a report sent; that closes the follow-up task waiting for a report."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = lock_for_edit(report, expected_version=None, fields=())
        if locked.status != ReportStatus.DRAFT:
            raise ValidationError({"status": _("This report was sent already.")})
        if on > timezone.localdate():
            raise ValidationError({"on": _("The day it was sent cannot be in the future.")})
        locked = apply_and_save(locked, {"status": ReportStatus.SENT, "sent_on": on}, by=by)
        followup_services.fulfilled(
            partnership=locked.partnership, kind=Anchor.REPORT_SENT, on=on,
            source=f"report:{locked.pk}", by=by,
        )
    return locked


def report_delete(*, report: Report, by) -> None:
    with transaction.atomic():
        if report.status == ReportStatus.SENT:
            followup_services.event_remove(
                partnership=report.partnership, kind=Anchor.REPORT_SENT,
                source=f"report:{report.pk}", by=by, reason=_("The report was deleted."),
            )
        report.delete()


def default_period(partnership: Partnership, kind: str, today: dt.date | None = None):
    """From the last report of this kind (or the partnership's start) to today."""
    today = today or timezone.localdate()
    last = (
        Report.objects.filter(partnership=partnership, kind=kind)
        .order_by("-period_end").values_list("period_end", flat=True).first()
    )
    start = (last + dt.timedelta(days=1)) if last else (partnership.started_on or today.replace(day=1))
    return min(start, today), today


def default_title(partnership: Partnership, kind: str, start: dt.date, end: dt.date) -> str:
    if kind == ReportKind.PARTNER:
        return _("%(title)s: our impact together, %(start)s to %(end)s") % {
            "title": partnership.title, "start": f"{start:%d %b %Y}", "end": f"{end:%d %b %Y}"
        }
    return _("%(title)s: report to the community, %(start)s to %(end)s") % {
        "title": partnership.title, "start": f"{start:%d %b %Y}", "end": f"{end:%d %b %Y}"
    }
