"""Discovery endpoints: candidates from the Wikidata Query Service by kind and area, or by a
hand-written SPARQL query, each marked when it is already a partner; and bulk adding as
partners with a partnership at the idea stage.

Answers are kept for seven days per workspace and query: asking again within that time costs
no request to the query service unless `refresh` is set."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from partnerkit.api.auth import TokenAuth
from partnerkit.api.errors import wikimedia_failed
from partnerkit.api.schemas import (
    READ_ERRORS,
    WIKIMEDIA_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    WorkspaceSlug,
)
from partnerkit.discovery import selectors, services, sparql
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners.models import PartnerKind
from partnerkit.wikimedia.errors import QuerySyntaxError, QueryTimeout, WikimediaError

router = Router(tags=["Discovery"], auth=TokenAuth(in_workspace=True))

DISCOVERY = "/workspaces/{slug}/discovery"


# Shapes -------------------------------------------------------------------------------------


class DiscoveryQueryParams(Schema):
    kind: str = Field(description=f"What to look for: {', '.join(sparql.KINDS)}.")
    area: str = Field(
        description="A country as its ISO 3166 code (SE), or a region or city as a Wikidata "
        "item (Q1754) or its address."
    )
    limit: int = Field(
        sparql.DEFAULT_LIMIT, ge=1, le=sparql.MAX_LIMIT, description="At most this many results."
    )
    refresh: bool = Field(
        False, description="Ask the query service even if a fresh answer is kept."
    )


class SparqlIn(InputSchema):
    sparql: str = Field(
        description="A SELECT query that binds ?item; optional ?itemLabel, ?itemDescription, "
        "?sitelinks, ?website, ?commons, ?countryCode, ?placeLabel. At most 1,000 rows are kept.",
        max_length=20_000,
    )
    refresh: bool = False


class MatchOut(Schema):
    partner_id: int
    name: str
    score: int = Field(description="100 for the same Wikidata item; otherwise name similarity.")
    same_item: bool


class RowOut(Schema):
    qid: str
    label: str
    description: str
    sitelinks: int | None
    website: str
    commons: str = Field(description="Commons category, without the “Category:” prefix.")
    country: str = Field(description="ISO 3166 code, empty when unknown.")
    place: str
    existing: MatchOut | None = Field(description="The partner it already is or resembles.")


class DiscoveryOut(Schema):
    id: int
    kind: str
    area: str
    handwritten: bool
    sparql: str = Field(description="The query that was run.")
    fetched_at: datetime
    from_cache: bool
    row_count: int
    truncated: bool
    partner_kind: str | None = Field(description="The partner kind results become when added.")
    rows: list[RowOut]


class AddItemIn(InputSchema):
    qid: str = Field(description="The Wikidata item, e.g. Q1234 or its address.")
    name: str = Field(min_length=1, max_length=300)
    description: str = ""
    website: str = ""
    country: str = Field("", description="ISO 3166 code.")
    place: str = ""


class AddIn(InputSchema):
    kind: PartnerKind = Field(description="The kind of the new partners.")
    items: list[AddItemIn] = Field(min_length=1, max_length=sparql.MAX_LIMIT)


class AddedOut(Schema):
    partner_id: int
    name: str
    qid: str


class SkippedOut(Schema):
    qid: str
    name: str
    existing_partner: str


class AddOut(Schema):
    added: list[AddedOut]
    skipped: list[SkippedOut] = Field(description="Items already partners of the workspace.")
    enrichment_queued: bool = Field(description="Fetching their Wikidata facts has been queued.")


# Endpoints ----------------------------------------------------------------------------------


def _answer(request, wanted, *, refresh: bool, field: str) -> dict:
    try:
        discovery = services.discovery_run(
            workspace=request.workspace, by=request.auth, request=wanted, refresh=refresh
        )
    except QuerySyntaxError as error:
        raise ValidationError({field: [str(error)]}) from None
    except QueryTimeout:
        raise HttpError(504, services.timeout_message()) from None
    except WikimediaError as error:
        raise wikimedia_failed(error) from None
    marked = selectors.mark_existing(workspace=request.workspace, rows=discovery.rows)
    kind = sparql.KINDS.get(discovery.kind)
    return {
        "id": discovery.pk,
        "kind": discovery.kind,
        "area": discovery.area,
        "handwritten": discovery.handwritten,
        "sparql": discovery.sparql,
        "fetched_at": discovery.fetched_at,
        "from_cache": discovery.from_cache,
        "row_count": discovery.row_count,
        "truncated": discovery.truncated,
        "partner_kind": kind.partner_kind if kind else None,
        "rows": [
            {
                **item.row,
                "existing": None if item.match is None else {
                    "partner_id": item.match.partner_id,
                    "name": item.match.name,
                    "score": item.match.score,
                    "same_item": item.match.same_item,
                },
            }
            for item in marked
        ],
    }


@router.get(
    DISCOVERY,
    response={200: DiscoveryOut, 400: ErrorOut, **READ_ERRORS, **WIKIMEDIA_ERRORS},
    summary="Discover candidates by kind and area",
)
def discovery_run(request, slug: WorkspaceSlug, params: Query[DiscoveryQueryParams]):
    """Organisations of a kind in an area, most sitelinks first, each with the partner it
    already is (same Wikidata item) or resembles (similar name). Viewers may ask."""
    wanted = services.discovery_request(
        workspace=request.workspace, kind=params.kind, area=params.area, limit=params.limit
    )
    return _answer(request, wanted, refresh=params.refresh, field="area")


@router.post(
    DISCOVERY + "/sparql",
    response={200: DiscoveryOut, **WRITE_ERRORS, **WIKIMEDIA_ERRORS},
    summary="Discover candidates with a hand-written SPARQL query",
)
def discovery_sparql(request, slug: WorkspaceSlug, payload: SparqlIn):
    """A SELECT query of your own (members and above). A syntax error answers 400 with the
    query service's message under `sparql`; a timeout answers 504."""
    wanted = services.discovery_request(workspace=request.workspace, text=payload.sparql)
    return _answer(request, wanted, refresh=payload.refresh, field="sparql")


@router.post(
    DISCOVERY + "/add",
    response={201: AddOut, **WRITE_ERRORS},
    summary="Add discovered candidates as partners",
)
def discovery_add(request, slug: WorkspaceSlug, payload: AddIn):
    """Each item becomes a partner with a partnership at the idea stage. Items whose Wikidata
    item is already a partner are skipped and listed. All or nothing: an invalid item adds
    none, and the error names it."""
    rows = []
    for number, item in enumerate(payload.items):
        qid = normalise_qid(item.qid)
        if qid is None:
            raise ValidationError(
                {"items": [f"Item {number + 1}: “{item.qid}” is not a Wikidata item id."]}
            )
        rows.append(
            {
                "qid": qid,
                "label": item.name,
                "description": item.description,
                "website": item.website,
                "country": item.country.upper(),
                "place": item.place,
            }
        )
    result = services.discovery_add(
        workspace=request.workspace, by=request.auth, rows=rows, partner_kind=payload.kind.value
    )
    return Status(
        201,
        {
            "added": [
                {"partner_id": p.pk, "name": p.name, "qid": p.wikidata_qid} for p in result.added
            ],
            "skipped": [
                {"qid": row["qid"], "name": row["label"], "existing_partner": name}
                for row, name in result.skipped
            ],
            "enrichment_queued": result.enrichment_queued,
        },
    )
