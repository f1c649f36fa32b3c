"""Partner research: the Wikidata link, fetched facts and content gap, the jobs that fetch
facts, and the study dossier (sources and answers). The dossier is internal to the workspace.

Wikimedia errors while linking or searching answer 502, 503 or 504 with the trouble in a
sentence (see ``errors.wikimedia_failed``); nothing is changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Query, Router, Schema, Status

from partnerkit.api.auth import TokenAuth
from partnerkit.api.errors import wikimedia_failed
from partnerkit.api.schemas import (
    READ_ERRORS,
    WIKIMEDIA_ERRORS,
    WRITE_ERRORS,
    InputSchema,
    PartnerId,
    WorkspaceSlug,
    optional,
)
from partnerkit.partners.selectors import partner_get
from partnerkit.research import selectors, services
from partnerkit.research.models import Question, RunScope, SourceKind
from partnerkit.wikimedia import wikidata
from partnerkit.wikimedia.errors import WikimediaError

router = Router(tags=["Research"], auth=TokenAuth(in_workspace=True))

PARTNER = "/workspaces/{slug}/partners/{partner_id}"
RunId = Path[int, P(description="The id of an enrichment job of this workspace.")]
SourceId = Path[int, P(description="The id of a dossier source of this partner.")]


# Schemas --------------------------------------------------------------------------------------


class SearchHitOut(Schema):
    qid: str
    label: str
    description: str
    country: str = Field(description="The label of the item's country (P17), if any.")
    website: str = Field(description="The item's official website (P856), if any.")


class LinkIn(InputSchema):
    qid: str = Field(description="An item id such as Q190804, or the item's Wikidata address.")


class RunOut(Schema):
    id: int
    scope: str
    status: str = Field(description="queued, running, done, failed or interrupted.")
    total: int
    done: int
    ok: int = Field(alias="ok_count")
    redirected: int = Field(alias="redirected_count", description="Merged items followed.")
    deleted: int = Field(alias="deleted_count", description="Deleted items flagged.")
    requests: int = Field(description="Requests sent to Wikimedia by this job.")
    error: str = Field(description="Why the job stopped, in a sentence; empty when it did not.")
    resumable: bool
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_resumable(run) -> bool:
        return services.enrichment_resumable(run)


class LinkOut(Schema):
    qid: str
    redirected_from: str = Field(description="The id asked for, when it was merged into `qid`.")
    unchanged: bool = Field(description="True when the partner was already linked to the item.")
    run: RunOut | None = Field(description="The job fetching the item's facts.")


class RefreshIn(InputSchema):
    partner_ids: list[int] = Field(
        default_factory=list, description="Partners to refresh; or leave empty and set `scope`."
    )
    scope: str = Field(
        "stale", description="With no partner_ids: `stale` (facts missing or old) or `all`."
    )


class FactOut(Schema):
    name: str
    label: str
    value: Any
    text: str
    property: str = Field(description="The Wikidata property the fact comes from.")


class WikipediaOut(Schema):
    language: str
    name: str
    title: str
    url: str


class MissingWikipediaOut(Schema):
    language: str
    name: str


class ContentGapOut(Schema):
    known: bool
    sentence: str = Field(description="A plain sentence for a pitch.")
    wikipedias: list[WikipediaOut]
    missing: list[MissingWikipediaOut] = Field(
        description="The workspace's languages, then the main Wikipedias, without an article."
    )
    commons_category: str
    commons_files: int | None = Field(description="Null when not counted.")


class FactsOut(Schema):
    qid: str = Field(description="The partner's Wikidata item, or empty.")
    status: str | None = Field(description="ok, redirected, deleted; null before the first fetch.")
    retrieved_at: dt.datetime | None
    source: str = Field(description="Where every fact comes from.")
    labels: dict[str, str]
    descriptions: dict[str, str]
    facts: list[FactOut]
    social: dict[str, str]
    sitelinks: dict[str, str]
    content_gap: ContentGapOut


class SourceOut(Schema):
    id: int
    kind: SourceKind
    title: str
    url: str
    date: dt.date | None
    notes: str
    from_wikidata: bool


class SourceIn(InputSchema):
    kind: SourceKind
    title: str = ""
    url: str = ""
    date: dt.date | None = None
    notes: str = ""


class SourcePatch(InputSchema):
    kind: SourceKind = optional()
    title: str = optional()
    url: str = optional()
    date: dt.date | None = optional()
    notes: str = optional()


class AnswerOut(Schema):
    question: str
    label: str
    text: str
    prefilled_at: dt.datetime | None = Field(
        description="Set while the text is what Wikidata suggested; a person's edit clears it."
    )


class CompletenessOut(Schema):
    percent: int
    missing: list[str]


class DossierOut(Schema):
    answers: list[AnswerOut]
    sources: list[SourceOut]
    completeness: CompletenessOut


class AnswersIn(InputSchema):
    answers: dict[str, str] = Field(
        description="Question → text, for the questions to change: "
        + ", ".join(Question.values) + "."
    )


# Wikidata link and facts ----------------------------------------------------------------------


@router.get(
    PARTNER + "/wikidata/search",
    response={200: list[SearchHitOut], **READ_ERRORS, **WIKIMEDIA_ERRORS},
    summary="Search Wikidata for a partner's item",
)
def wikidata_search(
    request, slug: WorkspaceSlug, partner_id: PartnerId,
    q: Query[str, P(description="The name to search for; empty answers no candidates.")] = "",
):
    """Candidate items by label or alias, in the workspace's languages, with country and
    website to tell them apart."""
    partner_get(workspace=request.workspace, pk=partner_id)
    try:
        return wikidata.search(q, languages=request.workspace.language_codes)
    except WikimediaError as error:
        raise wikimedia_failed(error) from None


@router.post(
    PARTNER + "/wikidata",
    response={200: LinkOut, **WRITE_ERRORS, **WIKIMEDIA_ERRORS},
    summary="Link a partner to a Wikidata item",
)
def wikidata_link(request, slug: WorkspaceSlug, partner_id: PartnerId, payload: LinkIn):
    """Checks the item exists and links it (a merged item under the id it was merged into),
    then starts a job fetching its facts. Refused under `qid`: a malformed id, a missing item,
    an item another partner of the workspace is linked to."""
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    try:
        result = services.partner_link(partner=partner, qid=payload.qid, by=request.auth)
    except WikimediaError as error:
        raise wikimedia_failed(error) from None
    if result.run is not None:
        result.run.refresh_from_db()
    return result


@router.delete(
    PARTNER + "/wikidata",
    response={204: None, **WRITE_ERRORS},
    summary="Unlink a partner from its Wikidata item",
)
def wikidata_unlink(request, slug: WorkspaceSlug, partner_id: PartnerId):
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    services.partner_unlink(partner=partner, by=request.auth)
    return Status(204, None)


@router.get(
    PARTNER + "/wikidata",
    response={200: FactsOut, **READ_ERRORS},
    summary="A partner's facts from Wikidata and content gap",
)
def wikidata_facts(request, slug: WorkspaceSlug, partner_id: PartnerId):
    partner = selectors.partner_get(workspace=request.workspace, pk=partner_id)
    facts = selectors.facts_of(partner)
    gap = selectors.content_gap(partner, facts)
    source = ""
    if facts is not None:
        source = _("Wikidata %(qid)s, retrieved %(when)s") % {
            "qid": facts.qid, "when": facts.retrieved_at.date().isoformat()}
    return {
        "qid": partner.wikidata_qid,
        "status": facts.status if facts else None,
        "retrieved_at": facts.retrieved_at if facts else None,
        "source": source,
        "labels": facts.labels if facts else {},
        "descriptions": facts.descriptions if facts else {},
        "facts": [
            {"name": row.name, "label": row.label, "value": facts.facts[row.name]["value"],
             "text": row.text, "property": row.property}
            for row in selectors.fact_rows(facts)
        ],
        "social": {row["network"]: row["account"] for row in selectors.social_accounts(facts)},
        "sitelinks": facts.sitelinks if facts else {},
        "content_gap": {
            "known": gap.known,
            "sentence": gap.sentence,
            "wikipedias": [
                {"language": a.language, "name": a.name, "title": a.title, "url": a.url}
                for a in gap.articles
            ],
            "missing": [{"language": code, "name": name} for code, name in gap.missing],
            "commons_category": gap.commons_category,
            "commons_files": gap.commons_files,
        },
    }


# Jobs -----------------------------------------------------------------------------------------


@router.post(
    "/workspaces/{slug}/wikidata/refresh",
    response={201: RunOut, **WRITE_ERRORS},
    summary="Start fetching facts from Wikidata",
)
def wikidata_refresh(request, slug: WorkspaceSlug, payload: RefreshIn):
    """A job for the partners named, or for every stale (`scope=stale`) or linked
    (`scope=all`) partner. Poll the job for its progress."""
    if payload.partner_ids:
        partners = []
        for pk in payload.partner_ids:
            partner = request.workspace.partners.filter(pk=pk).first()
            if partner is None:
                raise ValidationError({"partner_ids": _("There is no partner %(pk)d in this "
                                                        "workspace.") % {"pk": pk}})
            partners.append(partner)
        run = services.enrichment_start(workspace=request.workspace, by=request.auth, partners=partners)
    else:
        if payload.scope not in (RunScope.STALE, RunScope.ALL):
            raise ValidationError({"scope": _("Use “stale” or “all”.")})
        run = services.enrichment_start(
            workspace=request.workspace, by=request.auth, scope=payload.scope
        )
    run.refresh_from_db()
    return Status(201, run)


@router.get(
    "/workspaces/{slug}/wikidata/runs/{run_id}",
    response={200: RunOut, **READ_ERRORS},
    summary="Progress of a Wikidata job",
)
def wikidata_run(request, slug: WorkspaceSlug, run_id: RunId):
    return selectors.run_get(workspace=request.workspace, pk=run_id)


@router.post(
    "/workspaces/{slug}/wikidata/runs/{run_id}/resume",
    response={200: RunOut, **WRITE_ERRORS},
    summary="Resume a failed or interrupted Wikidata job",
)
def wikidata_run_resume(request, slug: WorkspaceSlug, run_id: RunId):
    """Fetches only the partners the job has not done yet. A job that is queued, running or
    done is refused under `run`."""
    run = selectors.run_get(workspace=request.workspace, pk=run_id)
    run = services.enrichment_resume(run=run, by=request.auth)
    run.refresh_from_db()
    return run


# The study dossier ----------------------------------------------------------------------------


def _dossier(partner) -> dict:
    dossier = selectors.dossier_get(partner)
    return {
        "answers": [
            {"question": a.question, "label": a.label, "text": a.text, "prefilled_at": a.prefilled_at}
            for a in dossier.answers
        ],
        "sources": dossier.sources,
        "completeness": {
            "percent": dossier.completeness.percent, "missing": dossier.completeness.missing
        },
    }


@router.get(
    PARTNER + "/dossier",
    response={200: DossierOut, **READ_ERRORS},
    summary="A partner's study dossier",
)
def dossier_detail(request, slug: WorkspaceSlug, partner_id: PartnerId):
    """The answers to the study questions (pre-filled ones marked), the sources read, and
    how complete the dossier is. Internal to the workspace."""
    return _dossier(partner_get(workspace=request.workspace, pk=partner_id))


@router.patch(
    PARTNER + "/dossier",
    response={200: DossierOut, **WRITE_ERRORS},
    summary="Answer study questions",
)
def dossier_answers(request, slug: WorkspaceSlug, partner_id: PartnerId, payload: AnswersIn):
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    services.answers_update(partner=partner, by=request.auth, answers=payload.answers)
    return _dossier(partner)


@router.post(
    PARTNER + "/sources",
    response={201: SourceOut, **WRITE_ERRORS},
    summary="Add a dossier source",
)
def source_create(request, slug: WorkspaceSlug, partner_id: PartnerId, payload: SourceIn):
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    source = services.source_create(partner=partner, by=request.auth, **payload.model_dump())
    return Status(201, source)


@router.patch(
    PARTNER + "/sources/{source_id}",
    response={200: SourceOut, **WRITE_ERRORS},
    summary="Change a dossier source",
)
def source_update(
    request, slug: WorkspaceSlug, partner_id: PartnerId, source_id: SourceId, payload: SourcePatch
):
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    source = selectors.source_get(partner=partner, pk=source_id)
    return services.source_update(
        source=source, by=request.auth, **payload.model_dump(exclude_unset=True)
    )


@router.delete(
    PARTNER + "/sources/{source_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a dossier source",
)
def source_delete(request, slug: WorkspaceSlug, partner_id: PartnerId, source_id: SourceId):
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    source = selectors.source_get(partner=partner, pk=source_id)
    services.source_delete(source=source, by=request.auth)
    return Status(204, None)
