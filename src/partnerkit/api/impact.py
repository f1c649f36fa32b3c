"""Impact statistics in the API: the sources of a partnership's figures (Commons categories, a
person's uploads, lists of Wikidata items or articles), their figures with where each came
from, refresh jobs, and reports for the partner (PDF) and the community (wikitext)."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    ConflictOut,
    InputSchema,
    PartnershipId,
    WorkspaceSlug,
    optional,
)
from partnerkit.impact import selectors, services
from partnerkit.impact.downloads import report_response
from partnerkit.impact.models import Origin, RefreshRun, Report, ReportKind, Snapshot, SourceKind
from partnerkit.partnerships.selectors import partnership_get

router = Router(tags=["Impact"], auth=TokenAuth(in_workspace=True))

WORKSPACE = "/workspaces/{slug}"
PARTNERSHIP = WORKSPACE + "/partnerships/{partnership_id}"
SOURCE = WORKSPACE + "/impact/sources/{impact_source_id}"
RUN = WORKSPACE + "/impact/runs/{impact_run_id}"
REPORT = WORKSPACE + "/reports/{report_id}"
SourceId = Path[int, P(description="The id of a source of figures of this workspace.")]
RunId = Path[int, P(description="The id of a refresh job of this workspace.")]
ReportId = Path[int, P(description="The id of a report of this workspace.")]
KIND_HELP = (
    "category (a Commons category, `name` without “Category:”), uploader (a Commons user's "
    "uploads, `name`), items (Wikidata ids in `entries`) or articles (`entries` as "
    "“en.wikipedia.org|Title” or the article's address)."
)
ORIGIN_HELP = "Where the figure came from: cim (Commons Impact Metrics), computed, action_api."


# Schemas --------------------------------------------------------------------------------------


class FigureOut(Schema):
    metric: str
    label: str
    value: int
    origin: Origin = Field(description=ORIGIN_HELP)


class SnapshotOut(Schema):
    taken_at: dt.datetime
    figures: list[FigureOut]
    problems: list[str]

    @staticmethod
    def resolve_figures(snapshot) -> list[dict]:
        return _figures(snapshot.figures)


class SourceOut(Schema):
    id: int
    partnership_id: int
    kind: SourceKind = Field(description=KIND_HELP)
    name: str
    deep: bool = Field(description="A category's subcategories count too (seven levels).")
    entries: list[str]
    since: dt.date | None = Field(description="Counted from; null: the partnership's start.")
    activity_id: int | None
    cim_available: bool | None = Field(
        description="Whether Commons Impact Metrics has the category; null: not asked yet."
    )
    refreshed_at: dt.datetime | None
    problems: list[str] = Field(description="What the last refresh could not count.")
    latest: SnapshotOut | None = Field(description="The figures of the last refresh.")
    version: int

    @staticmethod
    def resolve_latest(source):
        if hasattr(source, "latest"):
            return source.latest
        return source.snapshots.order_by("-taken_at", "-id").first()


class SourceCreate(InputSchema):
    kind: SourceKind = Field(description=KIND_HELP)
    name: str = ""
    deep: bool = True
    entries: list[str] = []
    since: dt.date | None = None


class SourcePatch(InputSchema):
    version: int = optional(VERSION_HELP, ge=1)
    name: str = optional()
    deep: bool = optional()
    entries: list[str] = optional()
    since: dt.date | None = optional()


class MonthOut(Schema):
    month: str = Field(description="YYYY-MM")
    value: int
    origins: list[Origin]


class TotalOut(Schema):
    metric: str
    label: str
    definition: str
    value: int
    origins: list[Origin]


class ImpactOut(Schema):
    totals: list[TotalOut] = Field(description="The latest figures summed over the sources.")
    page_views_by_month: list[MonthOut]
    files_used_by_month: list[MonthOut]
    sources: list[SourceOut]
    problems: list[str]


class RefreshIn(InputSchema):
    source_ids: list[int] | None = Field(
        None, description="Sources to refresh; leave out for all of the partnership's."
    )


class RunOut(Schema):
    id: int
    status: str = Field(description="queued, running, done, failed or interrupted.")
    source_ids: list[int]
    done: int
    total: int
    requests: int = Field(description="Requests sent to Wikimedia by this job.")
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class ReportOut(Schema):
    id: int
    partnership_id: int
    kind: ReportKind = Field(description="partner (PDF) or community (wikitext).")
    title: str
    period_start: dt.date
    period_end: dt.date
    summary: str
    highlights: str
    next_steps: str
    thanks: str
    status: str = Field(description="draft or sent.")
    sent_on: dt.date | None
    figures: dict = Field(description="What the report shows, frozen when it was made.")
    version: int


class ReportCreate(InputSchema):
    kind: ReportKind
    title: str = Field("", description="Default: the partnership's title and the period.")
    period_start: dt.date | None = Field(None, description="Default: after the last report.")
    period_end: dt.date | None = Field(None, description="Default: today.")
    summary: str = ""
    highlights: str = ""
    next_steps: str = ""
    thanks: str = ""


class ReportPatch(InputSchema):
    version: int = optional(VERSION_HELP, ge=1)
    title: str = optional()
    period_start: dt.date = optional()
    period_end: dt.date = optional()
    summary: str = optional()
    highlights: str = optional()
    next_steps: str = optional()
    thanks: str = optional()


class SentIn(InputSchema):
    on: dt.date | None = Field(None, description="The day it was sent; default today.")


class RenderQuery(Schema):
    format: Literal["pdf", "html", "wikitext"] = "pdf"


# Helpers ----------------------------------------------------------------------------------------


def _figures(figures: dict) -> list[dict]:
    from partnerkit.method import impact as method

    return [
        {"metric": code, "label": str(method.BY_CODE[code.removesuffix("_shallow")].label)
         + (_(" (this category only)") if code.endswith("_shallow") else ""),
         "value": figure["value"], "origin": figure["origin"]}
        for code, figure in figures.items()
        if code.removesuffix("_shallow") in method.BY_CODE
    ]


def _months(series) -> list[dict]:
    return [
        {"month": f"{month:%Y-%m}", "value": value, "origins": origins}
        for month, value, origins in series
    ]


# Figures and sources ------------------------------------------------------------------------------


@router.get(PARTNERSHIP + "/impact", response={200: ImpactOut, **READ_ERRORS},
            summary="A partnership's impact figures")
def impact_get(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """The latest figures of every source and their sums, page views and files in use per
    month since the partnership began, and what the last refreshes could not count."""
    partnership = partnership_get(workspace=request.workspace, pk=partnership_id)
    found = selectors.overview(partnership)
    return {
        "totals": [
            {"metric": t.metric, "label": str(t.label), "definition": str(t.definition),
             "value": t.value, "origins": t.origins}
            for t in found.totals
        ],
        "page_views_by_month": _months(found.views),
        "files_used_by_month": _months(found.files_used),
        "sources": found.sources,
        "problems": found.problems,
    }


@router.post(PARTNERSHIP + "/impact/sources", response={201: SourceOut, **WRITE_ERRORS},
             summary="Add a source of figures")
def source_create(request, slug: WorkspaceSlug, partnership_id: PartnershipId,
                  payload: SourceCreate):
    """Counts from the next refresh on. Entries are checked one by one; a bad one is named
    by its line number under `errors.entries`."""
    partnership = partnership_get(workspace=request.workspace, pk=partnership_id)
    source = services.source_create(partnership=partnership, by=request.auth,
                                    **payload.model_dump())
    return Status(201, source)


@router.get(SOURCE, response={200: SourceOut, **READ_ERRORS}, summary="Get a source")
def source_get(request, slug: WorkspaceSlug, impact_source_id: SourceId):
    return selectors.source_of(request.workspace, impact_source_id)


@router.patch(SOURCE, response={200: SourceOut, **WRITE_ERRORS, 409: ConflictOut},
              summary="Edit a source")
def source_update(request, slug: WorkspaceSlug, impact_source_id: SourceId, payload: SourcePatch):
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    return services.source_update(source=selectors.source_of(request.workspace, impact_source_id),
                                  by=request.auth, version=version, **values)


@router.delete(SOURCE, response={204: None, **WRITE_ERRORS}, summary="Remove a source")
def source_delete(request, slug: WorkspaceSlug, impact_source_id: SourceId):
    """Removes the source and what was counted from it. Reports keep the figures they show."""
    services.source_delete(source=selectors.source_of(request.workspace, impact_source_id),
                           by=request.auth)
    return Status(204, None)


@router.get(SOURCE + "/snapshots", response={200: list[SnapshotOut], **READ_ERRORS},
            summary="A source's dated snapshots")
@paginate(Pagination)
def snapshot_list(request, slug: WorkspaceSlug, impact_source_id: SourceId):
    """Every refresh's figures, the latest first: how the figures moved over time."""
    source = selectors.source_of(request.workspace, impact_source_id)
    return Snapshot.objects.filter(source=source)


# Refresh jobs ------------------------------------------------------------------------------------


@router.post(PARTNERSHIP + "/impact/refresh", response={201: RunOut, **WRITE_ERRORS},
             summary="Refresh the figures")
def refresh(request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: RefreshIn):
    """Queues a job that fetches only what changed; follow it at `…/impact/runs/{id}`."""
    partnership = partnership_get(workspace=request.workspace, pk=partnership_id)
    sources = partnership.impact_sources.all()
    if payload.source_ids is not None:
        sources = sources.filter(pk__in=payload.source_ids)
        unknown = set(payload.source_ids) - set(sources.values_list("pk", flat=True))
        if unknown:
            raise ValidationError({"source_ids": _("This partnership has no source %(pk)d.") % {"pk": min(unknown)}})
    run = services.refresh_start(workspace=request.workspace, by=request.auth,
                                 sources=list(sources))
    return Status(201, run)


@router.get(RUN, response={200: RunOut, **READ_ERRORS}, summary="Follow a refresh job")
def run_get(request, slug: WorkspaceSlug, impact_run_id: RunId) -> RefreshRun:
    return selectors.run_of(request.workspace, impact_run_id)


@router.post(RUN + "/resume", response={200: RunOut, **WRITE_ERRORS},
             summary="Resume a failed or interrupted job")
def run_resume(request, slug: WorkspaceSlug, impact_run_id: RunId):
    """Goes on from the last saved batch; what was collected is not asked for again."""
    return services.refresh_resume(run=selectors.run_of(request.workspace, impact_run_id))


# Reports ---------------------------------------------------------------------------------------


@router.get(PARTNERSHIP + "/reports", response={200: list[ReportOut], **READ_ERRORS},
            summary="A partnership's reports")
@paginate(Pagination)
def report_list(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    partnership = partnership_get(workspace=request.workspace, pk=partnership_id)
    return Report.objects.filter(partnership=partnership)


@router.post(PARTNERSHIP + "/reports", response={201: ReportOut, **WRITE_ERRORS},
             summary="Make a report")
def report_create(request, slug: WorkspaceSlug, partnership_id: PartnershipId,
                  payload: ReportCreate):
    """Takes in the latest figures of the partnership's sources (refresh them first for
    today's). Without a period it covers the time since the last report of its kind."""
    partnership = partnership_get(workspace=request.workspace, pk=partnership_id)
    values = payload.model_dump()
    default_start, default_end = services.default_period(partnership, values["kind"])
    values["period_start"] = values["period_start"] or default_start
    values["period_end"] = values["period_end"] or default_end
    values["title"] = values["title"] or services.default_title(
        partnership, values["kind"], values["period_start"], values["period_end"]
    )
    report = services.report_create(partnership=partnership, by=request.auth, **values)
    return Status(201, report)


@router.get(REPORT, response={200: ReportOut, **READ_ERRORS}, summary="Get a report")
def report_get(request, slug: WorkspaceSlug, report_id: ReportId):
    return selectors.report_of(request.workspace, report_id)


@router.patch(REPORT, response={200: ReportOut, **WRITE_ERRORS, 409: ConflictOut},
              summary="Edit a report")
def report_update(request, slug: WorkspaceSlug, report_id: ReportId, payload: ReportPatch):
    """A draft also takes in the latest figures; a sent report keeps the ones it was sent
    with."""
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    return services.report_update(report=selectors.report_of(request.workspace, report_id),
                                  by=request.auth, version=version, **values)


@router.delete(REPORT, response={204: None, **WRITE_ERRORS}, summary="Delete a report")
def report_delete(request, slug: WorkspaceSlug, report_id: ReportId):
    services.report_delete(report=selectors.report_of(request.workspace, report_id),
                           by=request.auth)
    return Status(204, None)


@router.post(REPORT + "/sent", response={200: ReportOut, **WRITE_ERRORS},
             summary="Mark a report sent")
def report_sent(request, slug: WorkspaceSlug, report_id: ReportId, payload: SentIn):
    """Records the day it went out; that counts as the report the follow-up plan waits for."""
    return services.report_mark_sent(report=selectors.report_of(request.workspace, report_id),
                                     by=request.auth, on=payload.on)


@router.get(
    REPORT + "/render",
    response={**READ_ERRORS},
    summary="Download a report",
    openapi_extra={"responses": {"200": {"description": "The file, as an attachment.", "content": {
        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    }}}},
)
def report_render(request, slug: WorkspaceSlug, report_id: ReportId, query: Query[RenderQuery]):
    """`pdf` (the partner's report, with its charts), `html`, or `wikitext` (the community's
    report, ready to paste on a wiki page)."""
    report = selectors.report_of(request.workspace, report_id)
    return report_response(report, query.format)
