"""Writes for discovery: asking the query service (and keeping its answer), and adding chosen
results as partners with a partnership at the idea stage. Pages, API and CLI call these."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from partnerkit.discovery import sparql
from partnerkit.discovery.models import DiscoveryQuery
from partnerkit.discovery.selectors import registry_index
from partnerkit.method.wikidata_ids import normalise_qid
from partnerkit.partners.models import Partner, PartnerKind
from partnerkit.partners.services import partner_create
from partnerkit.partnerships.services import partnership_create
from partnerkit.research.services import enrichment_start
from partnerkit.wikimedia import query as wdqs
from partnerkit.wikimedia import wikidata
from partnerkit.wikimedia.errors import WikimediaError
from partnerkit.workspaces.models import Workspace

# Rows kept of one answer; a hand-written query may ask for more, the rest is dropped.
MAX_ROWS = sparql.MAX_LIMIT


def timeout_message() -> str:
    return _(
        "The query service stopped the query after 60 seconds. Narrow it: a smaller area, "
        "a lower limit, or fewer classes."
    )


@dataclass(frozen=True)
class DiscoveryRequest:
    """What to ask: kind and area, or a hand-written query. Built by ``discovery_request``,
    which validates every part."""

    text: str
    kind: str = ""
    area: str = ""
    limit: int | None = None
    handwritten: bool = False

    @property
    def query_hash(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def discovery_request(
    *,
    workspace: Workspace,
    kind: str | None = None,
    area: str | None = None,
    limit=None,
    text: str | None = None,
) -> DiscoveryRequest:
    """The query to run; ValidationError naming ``kind``, ``area``, ``limit`` or ``sparql``."""
    try:
        if text is not None and text.strip():
            return DiscoveryRequest(text=sparql.check_handwritten(text), handwritten=True)
        chosen = sparql.kind_for(kind or "")
        where = sparql.area_for(area or "", country_codes=_country_codes())
        count = sparql.limit_for(limit)
        text = sparql.discovery_query(
            kind=chosen, area=where, languages=workspace.language_codes, limit=count
        )
    except sparql.QueryInputError as error:
        message = _(error.template) % error.params if error.params else _(error.template)
        raise ValidationError({error.field: [message]}) from None
    return DiscoveryRequest(text=text, kind=chosen.code, area=str(where), limit=count)


def cached(*, workspace: Workspace, request: DiscoveryRequest) -> DiscoveryQuery | None:
    """The stored answer to this query if it is fresh enough to reuse."""
    since = timezone.now() - timedelta(days=DiscoveryQuery.CACHE_DAYS)
    return DiscoveryQuery.objects.filter(
        workspace=workspace, query_hash=request.query_hash, fetched_at__gte=since
    ).first()


def discovery_run(
    *, workspace: Workspace, by, request: DiscoveryRequest, refresh: bool = False, client=None
) -> DiscoveryQuery:
    """The answer to ``request``: from the cache when fresh (and not ``refresh``), otherwise
    from the query service, then stored. Query-service failures raise
    ``partnerkit.wikimedia.errors.WikimediaError`` (QuerySyntaxError, QueryTimeout, …) and
    leave the cache as it was."""
    if not refresh:
        found = cached(workspace=workspace, request=request)
        if found is not None:
            found.from_cache = True
            return found
    answer = wdqs.select(request.text, client=client)
    rows = parse_rows(answer)
    if answer and not rows:
        raise ValidationError(
            {
                "sparql": [
                    _(
                        "The query answered %(count)d rows, but none binds ?item to a "
                        "Wikidata item; select ?item."
                    )
                    % {"count": len(answer)}
                ]
            }
        )
    values = {
        "kind": request.kind,
        "area": request.area,
        "area_label": _area_label(request.area, workspace=workspace, client=client),
        "limit": request.limit,
        "handwritten": request.handwritten,
        "sparql": request.text,
        "rows": rows[:MAX_ROWS],
        "row_count": min(len(rows), MAX_ROWS),
        "truncated": len(rows) > MAX_ROWS,
        "fetched_at": timezone.now(),
        "fetched_by": by,
    }
    for attempt in range(2):
        try:
            with transaction.atomic():
                discovery, _created = DiscoveryQuery.objects.update_or_create(
                    workspace=workspace, query_hash=request.query_hash, defaults=values
                )
            break
        except IntegrityError:
            # Someone stored the same query at the same moment; overwrite theirs.
            if attempt:
                raise
    discovery.from_cache = False
    return discovery


def _area_label(area: str, *, workspace: Workspace, client=None) -> str:
    """The country's name, or the region's label on Wikidata (one small request). Without a
    label the results are still worth having, so a failure here only leaves the id."""
    if not area:
        return ""
    if area in _country_codes():
        return str(countries.name(area))
    try:
        labels = wikidata.get_labels([area], languages=workspace.language_codes, client=client)
    except WikimediaError:
        return ""
    return labels.get(area, "")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_rows(answer: list[dict]) -> list[dict]:
    """Rows of the query service, as discovery rows: one per item, in the service's order.

    Rows whose ``?item`` is not a Wikidata item are left out. Known variables are read under
    their usual names (``?itemLabel``, ``?itemDescription``, ``?sitelinks``, ``?website``,
    ``?commons``, ``?countryCode``, ``?placeLabel``); unbound ones are simply absent.
    """
    valid_countries = _country_codes()
    rows: list[dict] = []
    seen: set[str] = set()
    for binding in answer:
        qid = normalise_qid(_text(binding.get("item")))
        if qid is None or qid in seen:
            continue
        seen.add(qid)
        label = _text(binding.get("itemLabel"))
        sitelinks = binding.get("sitelinks")
        try:
            sitelinks = int(sitelinks) if sitelinks is not None else None
        except (TypeError, ValueError):
            sitelinks = None
        country = _text(binding.get("countryCode") or binding.get("country")).upper()
        website = _text(binding.get("website"))
        if website and not website.lower().startswith(("http://", "https://")):
            website = ""
        commons = _text(binding.get("commons")).removeprefix("Category:")
        rows.append(
            {
                "qid": qid,
                "label": label if label and label != qid else "",
                "description": _text(binding.get("itemDescription")),
                "sitelinks": sitelinks,
                "website": website,
                "commons": commons,
                "country": country if country in valid_countries else "",
                "place": _text(binding.get("placeLabel") or ""),
            }
        )
    return rows


@dataclass
class AddResult:
    added: list[Partner] = field(default_factory=list)
    # (row, name of the partner that already has the item)
    skipped: list[tuple[dict, str]] = field(default_factory=list)
    enrichment_queued: bool = False


def _partner_values(row: dict, partner_kind: str) -> dict:
    place = row.get("place", "")
    return {
        "name": row.get("label") or row["qid"],
        "kind": partner_kind,
        "country": row.get("country", ""),
        "place": place if normalise_qid(place) is None else "",
        "website": row.get("website", ""),
        "wikidata_qid": row["qid"],
        "description": row.get("description", ""),
    }


def discovery_add(*, workspace: Workspace, by, rows: list[dict], partner_kind: str) -> AddResult:
    """Add each row as a partner of ``partner_kind`` with a partnership at the idea stage,
    then queue the fetching of their Wikidata facts (labels, website, Commons category, …).

    Rows whose Wikidata item is already a partner of the workspace (or repeated in ``rows``)
    are skipped and reported. All or nothing: one invalid row adds none, and the
    ValidationError names the row and the field."""
    if partner_kind not in PartnerKind.values:
        raise ValidationError(
            {
                "kind": [
                    _("“%(kind)s” is not a partner kind; choose one of %(valid)s.")
                    % {"kind": partner_kind, "valid": ", ".join(PartnerKind.values)}
                ]
            }
        )
    result = AddResult()
    with transaction.atomic():
        index = registry_index(workspace=workspace)
        taken = dict(index.by_qid)
        for row in rows:
            qid = row["qid"]
            if qid in taken:
                result.skipped.append((row, taken[qid][1]))
                continue
            values = _partner_values(row, partner_kind)
            try:
                partner = partner_create(workspace=workspace, by=by, **values)
                partnership_create(
                    workspace=workspace,
                    partner=partner,
                    by=by,
                    title=(_("Partnership with %(name)s") % {"name": partner.name})[:300],
                )
            except ValidationError as error:
                raise _naming_row(error, values) from None
            taken[qid] = (partner.pk, partner.name)
            result.added.append(partner)
    if result.added:
        # After the commit: the partners stay added whatever happens to the job.
        enrichment_start(workspace=workspace, by=by, partners=result.added)
        result.enrichment_queued = True
    return result


def _naming_row(error: ValidationError, values: dict) -> ValidationError:
    who = f"{values['name']} ({values['wikidata_qid']})"
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                name: [f"{who}: {message}" for message in messages]
                for name, messages in error.message_dict.items()
            }
        )
    return ValidationError([f"{who}: {message}" for message in error.messages])
